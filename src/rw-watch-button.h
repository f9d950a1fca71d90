/* rw-watch-button.h: the star that watches a GPU or a plan, with its target and drop threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rw-watchlist.h"

G_BEGIN_DECLS

#define RW_TYPE_WATCH_BUTTON (rw_watch_button_get_type ())

G_DECLARE_FINAL_TYPE (RwWatchButton, rw_watch_button, RW, WATCH_BUTTON, GtkWidget)

GtkWidget *rw_watch_button_new           (void);
void       rw_watch_button_set_watchlist (RwWatchButton *self,
                                          RwWatchlist   *watchlist);
void       rw_watch_button_set_gpu       (RwWatchButton *self,
                                          const char    *gpu);
void       rw_watch_button_set_plan      (RwWatchButton *self,
                                          const char    *model,
                                          guint64        context,
                                          guint          sessions);
void       rw_watch_button_set_unavailable (RwWatchButton *self,
                                            const char    *reason);

G_END_DECLS
