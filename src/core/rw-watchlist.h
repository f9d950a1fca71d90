/* rw-watchlist.h: the GPUs and plans the user watches, kept in a small file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-json-writer.h"

G_BEGIN_DECLS

#define RW_WATCHLIST_GROUP    "rentwise-watchlist"
#define RW_WATCHLIST_VERSION  1
/* Longest a change waits for another process to finish its own, in milliseconds */
#define RW_WATCHLIST_LOCK_TIMEOUT_MS 5000
/* The most entries a file may hold, and its largest size in bytes */
#define RW_WATCHLIST_MAX_ITEMS 1000
#define RW_WATCHLIST_MAX_SIZE  (1024 * 1024)

typedef enum {
  RW_WATCH_GPU,   /* a GPU: its cheapest rate, $/hr per GPU */
  RW_WATCH_PLAN,  /* a model at a context and a number of sessions: the planner's cheapest
                   * instance that runs it, $/hr for the whole instance (rw-alerts.h) */
} RwWatchKind;

/* One watched GPU or plan, immutable (a change makes a new one): its key, what it watches,
 * the target and drop threshold, and the price last notified. Read-only properties for
 * binding: key, kind, gpu, model, context, sessions, target-hr, drop-percent, notified-hr. */
#define RW_TYPE_WATCH_ITEM (rw_watch_item_get_type ())
G_DECLARE_FINAL_TYPE (RwWatchItem, rw_watch_item, RW, WATCH_ITEM, GObject)

RwWatchItem *rw_watch_item_new_gpu          (const char  *gpu,
                                             double       target_hr,
                                             double       drop_percent);
RwWatchItem *rw_watch_item_new_plan         (const char  *model,
                                             guint64      context,
                                             guint        sessions,
                                             double       target_hr,
                                             double       drop_percent);
const char  *rw_watch_item_get_key          (RwWatchItem *self);
RwWatchKind  rw_watch_item_get_kind         (RwWatchItem *self);
const char  *rw_watch_item_get_gpu          (RwWatchItem *self);
const char  *rw_watch_item_get_model        (RwWatchItem *self);
guint64      rw_watch_item_get_context      (RwWatchItem *self);
guint        rw_watch_item_get_sessions     (RwWatchItem *self);
double       rw_watch_item_get_target_hr    (RwWatchItem *self);
double       rw_watch_item_get_drop_percent (RwWatchItem *self);
double       rw_watch_item_get_notified_hr  (RwWatchItem *self);
char        *rw_watch_item_make_key         (RwWatchKind  kind,
                                             const char  *id,
                                             guint64      context,
                                             guint        sessions);

/* The watchlist: a GListModel of RwWatchItem in the file's order, kept in
 * $XDG_DATA_HOME/rentwise/watchlist.ini (docs/CHANGES.md); "problem" says what went wrong
 * with the file */
#define RW_TYPE_WATCHLIST (rw_watchlist_get_type ())
G_DECLARE_FINAL_TYPE (RwWatchlist, rw_watchlist, RW, WATCHLIST, GObject)

RwWatchlist *rw_watchlist_new            (const char   *path);
char        *rw_watchlist_default_path   (void);
const char  *rw_watchlist_get_path       (RwWatchlist  *self);
const char  *rw_watchlist_get_problem    (RwWatchlist  *self);
gboolean     rw_watchlist_load           (RwWatchlist  *self,
                                          GError      **error);
gboolean     rw_watchlist_load_from_data (RwWatchlist *self,
                                          const char   *data,
                                          gsize         len);
RwWatchItem *rw_watchlist_lookup         (RwWatchlist  *self,
                                          const char   *key);
gboolean     rw_watchlist_add            (RwWatchlist  *self,
                                          RwWatchItem  *item,
                                          GError      **error);
gboolean     rw_watchlist_remove         (RwWatchlist  *self,
                                          const char   *key,
                                          GError      **error);
gboolean     rw_watchlist_restore        (RwWatchlist  *self,
                                          RwWatchItem  *item,
                                          guint         position,
                                          GError      **error);
gboolean     rw_watchlist_set_notified   (RwWatchlist  *self,
                                          const char * const *keys,
                                          const double *notified_hr,
                                          guint         n_keys,
                                          GError      **error);
void         rw_watchlist_write_json     (RwWatchlist  *self,
                                          RwJsonWriter *writer);

G_END_DECLS
