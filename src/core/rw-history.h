/* rw-history.h: the local price history that grows with every refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"

G_BEGIN_DECLS

#define RW_HISTORY_HEADER          "# rentwise-history/1"
#define RW_HISTORY_RETENTION_DAYS  (5 * 366)

typedef struct {
  gint64   date;       /* unix time of the day (UTC midnight) */
  double   median_hr;
  double   min_hr;     /* RW_UNKNOWN when unknown */
  double   max_hr;
  int      providers;  /* -1 when unknown */
  gboolean local;      /* from the local store, else from the catalog */
} RwHistoryPointData;

#define RW_TYPE_HISTORY_STORE (rw_history_store_get_type ())
G_DECLARE_FINAL_TYPE (RwHistoryStore, rw_history_store, RW, HISTORY_STORE, GObject)

RwHistoryStore *rw_history_store_new            (const char      *path);
char           *rw_history_store_default_path   (void);
const char     *rw_history_store_get_path       (RwHistoryStore  *self);
gboolean        rw_history_store_load           (RwHistoryStore  *self,
                                                 GError         **error);
gboolean        rw_history_store_load_from_data (RwHistoryStore  *self,
                                                 const char      *data,
                                                 gsize            len);
const char     *rw_history_store_get_problem    (RwHistoryStore  *self);
guint           rw_history_store_get_n_points   (RwHistoryStore  *self);
guint           rw_history_store_get_n_lines    (RwHistoryStore  *self);
gboolean        rw_history_store_add            (RwHistoryStore  *self,
                                                 const char      *gpu,
                                                 const RwHistoryPointData *point,
                                                 GError         **error);
guint           rw_history_store_record         (RwHistoryStore  *self,
                                                 RwCatalog       *catalog,
                                                 gint64           now,
                                                 GError         **error);
void            rw_history_store_set_background_writes (RwHistoryStore *self);
gboolean        rw_history_store_compact        (RwHistoryStore  *self,
                                                 gint64           now,
                                                 GError         **error);
GArray         *rw_history_store_get_points     (RwHistoryStore  *self,
                                                 const char      *gpu);

GArray         *rw_history_merge                (RwCatalog       *catalog,
                                                 RwHistoryStore  *store,
                                                 const char      *gpu);
char           *rw_history_format_date          (gint64           date);
char           *rw_history_format_day           (gint64           date);
char           *rw_history_format_iso_day       (const char      *iso_date);
gboolean        rw_history_parse_date           (const char      *text,
                                                 gint64          *date);

G_END_DECLS
