/* rw-help.h: the user help (help/C/, installed as help:rentwise)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rw_help_show (GtkWindow  *parent,
                   const char *page_id);

G_END_DECLS
