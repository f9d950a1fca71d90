/* rw-changes-button.h: "What changed": the last few refreshes' changes, in a popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rw-session.h"
#include "rw-watcher.h"

G_BEGIN_DECLS

#define RW_TYPE_CHANGES_BUTTON (rw_changes_button_get_type ())

G_DECLARE_FINAL_TYPE (RwChangesButton, rw_changes_button, RW, CHANGES_BUTTON, GtkWidget)

GtkWidget *rw_changes_button_new (RwSession *session,
                                  RwWatcher *watcher);

G_END_DECLS
