/* rw-background-check.h: prices checked while no window is open (issue 19), the
 * application's side of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rw-session.h"

G_BEGIN_DECLS

#define RW_TYPE_BACKGROUND_CHECK (rw_background_check_get_type ())
G_DECLARE_FINAL_TYPE (RwBackgroundCheck, rw_background_check, RW, BACKGROUND_CHECK, GObject)

RwBackgroundCheck *rw_background_check_new  (GtkApplication    *application,
                                             GSettings         *settings,
                                             RwSession         *session);
void               rw_background_check_stop (RwBackgroundCheck *self);

G_END_DECLS
