/* rw-session.h: the data the application shows — catalog, feed statuses, history — and how
 * it is loaded at start-up and refreshed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"
#include "rw-history.h"
#include "rw-source.h"

G_BEGIN_DECLS

/* The refresh interval when nothing sets one: the schema's default of `refresh-interval`,
 * 6 h, in seconds (data/io.github.rentwise.Rentwise.gschema.xml) */
#define RW_SESSION_DEFAULT_REFRESH_INTERVAL 21600

#define RW_TYPE_SESSION (rw_session_get_type ())
G_DECLARE_FINAL_TYPE (RwSession, rw_session, RW, SESSION, GObject)

RwSession       *rw_session_new                  (const char          *cache_dir);
RwSource        *rw_session_get_source           (RwSession           *self);
RwCatalog       *rw_session_get_catalog          (RwSession           *self);
GPtrArray       *rw_session_get_statuses         (RwSession           *self);
gboolean         rw_session_get_refreshing       (RwSession           *self);
gint64           rw_session_get_data_time        (RwSession           *self);
RwCatalogSource  rw_session_get_data_source      (RwSession           *self);
RwHistoryStore  *rw_session_get_history          (RwSession           *self);
const char * const *rw_session_get_feeds         (RwSession           *self);
void             rw_session_set_feeds            (RwSession           *self,
                                                  const char * const  *feeds);
gboolean         rw_session_get_offline          (RwSession           *self);
void             rw_session_set_offline          (RwSession           *self,
                                                  gboolean             offline);
guint            rw_session_get_refresh_interval (RwSession           *self);
void             rw_session_set_refresh_interval (RwSession           *self,
                                                  guint                seconds);
const char      *rw_session_get_catalog_path     (RwSession           *self);

void             rw_session_load_async           (RwSession           *self,
                                                  const char          *catalog_path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         rw_session_load_wait_first      (RwSession           *self,
                                                  GError             **error);
gboolean         rw_session_load_finish          (RwSession           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean         rw_session_get_loaded           (RwSession           *self);

void             rw_session_refresh_async        (RwSession           *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         rw_session_refresh_finish       (RwSession           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean         rw_session_can_refresh          (RwSession           *self);
gboolean         rw_session_is_stale             (RwSession           *self,
                                                  gint64               now);

G_END_DECLS
