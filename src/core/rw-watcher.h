/* rw-watcher.h: after each refresh that brings new prices, what changed and which watched
 * GPUs to tell the user about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rw-changes.h"
#include "rw-session.h"
#include "rw-watchlist.h"

G_BEGIN_DECLS

/* Watches a session: when its catalog is replaced by one fetched from the network, computes
 * the change set (rw_changes_compute ()) between the catalog it replaced and the new one and
 * pushes it on the change ring, then computes the alerts of the watchlist
 * (rw_alerts_compute ()) and sends one GNotification per alert through the application (when
 * it has one), and records the price notified so that the same price is never notified
 * twice. Properties: session (construct-only), application (construct-only, nullable),
 * watchlist (read-only), problem (read-only: what went wrong with the watchlist or change
 * file, NULL when nothing). Signal "changed": a change set was pushed. */
#define RW_TYPE_WATCHER (rw_watcher_get_type ())

G_DECLARE_FINAL_TYPE (RwWatcher, rw_watcher, RW, WATCHER, GObject)

RwWatcher    *rw_watcher_new           (RwSession    *session,
                                        GApplication *application,
                                        const char   *watchlist_path,
                                        const char   *changes_path);
RwWatchlist  *rw_watcher_get_watchlist (RwWatcher    *self);
RwChangeRing *rw_watcher_get_ring      (RwWatcher    *self);
const char   *rw_watcher_get_problem   (RwWatcher    *self);
guint         rw_watcher_get_n_sent    (RwWatcher    *self);
void          rw_watcher_check         (RwWatcher    *self,
                                        RwCatalog    *before,
                                        RwCatalog    *after);

G_END_DECLS
