/* rw-watched-list.h: the "Watched" section at the top of the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rw-session.h"
#include "rw-watchlist.h"

G_BEGIN_DECLS

#define RW_TYPE_WATCHED_LIST (rw_watched_list_get_type ())

G_DECLARE_FINAL_TYPE (RwWatchedList, rw_watched_list, RW, WATCHED_LIST, GtkWidget)

GtkWidget *rw_watched_list_new (RwSession   *session,
                                RwWatchlist *watchlist);

G_END_DECLS
