/* rw-json-writer.h: a small streaming JSON writer with shortest round-trip numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RwJsonWriter RwJsonWriter;

RwJsonWriter *rw_json_writer_new          (gboolean      pretty);
void          rw_json_writer_free         (RwJsonWriter *self);
char         *rw_json_writer_finish       (RwJsonWriter *self);

void          rw_json_writer_begin_object (RwJsonWriter *self);
void          rw_json_writer_end_object   (RwJsonWriter *self);
void          rw_json_writer_begin_array  (RwJsonWriter *self);
void          rw_json_writer_end_array    (RwJsonWriter *self);
void          rw_json_writer_key          (RwJsonWriter *self,
                                           const char   *key);
void          rw_json_writer_string       (RwJsonWriter *self,
                                           const char   *value);
void          rw_json_writer_number       (RwJsonWriter *self,
                                           double        value);
void          rw_json_writer_known        (RwJsonWriter *self,
                                           double        value);
void          rw_json_writer_int          (RwJsonWriter *self,
                                           gint64        value);
void          rw_json_writer_boolean      (RwJsonWriter *self,
                                           gboolean      value);
void          rw_json_writer_null         (RwJsonWriter *self);

void          rw_json_writer_member_string (RwJsonWriter *self,
                                            const char   *key,
                                            const char   *value);
void          rw_json_writer_member_number (RwJsonWriter *self,
                                            const char   *key,
                                            double        value);
void          rw_json_writer_member_known  (RwJsonWriter *self,
                                            const char   *key,
                                            double        value);
void          rw_json_writer_member_int    (RwJsonWriter *self,
                                            const char   *key,
                                            gint64        value);

char         *rw_format_shortest_double   (double        value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwJsonWriter, rw_json_writer_free)

G_END_DECLS
