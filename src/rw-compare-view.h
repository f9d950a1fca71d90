/* rw-compare-view.h: two to four GPUs side by side (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rw-session.h"

G_BEGIN_DECLS

#define RW_TYPE_COMPARE_VIEW (rw_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (RwCompareView, rw_compare_view, RW, COMPARE_VIEW, GtkWidget)

GtkWidget *rw_compare_view_new        (RwSession  *session,
                                       GSettings  *settings);
char      *rw_compare_view_dup_csv    (RwCompareView *self);
guint      rw_compare_view_get_n_gpus (RwCompareView *self);
gboolean   rw_compare_toggle_gpu      (GSettings  *settings,
                                       const char *gpu_id,
                                       gboolean   *now_chosen);

G_END_DECLS
