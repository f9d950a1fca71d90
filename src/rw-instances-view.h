/* rw-instances-view.h: every offer for one GPU, in a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"

G_BEGIN_DECLS

#define RW_TYPE_INSTANCES_VIEW (rw_instances_view_get_type ())
G_DECLARE_FINAL_TYPE (RwInstancesView, rw_instances_view, RW, INSTANCES_VIEW, AdwBin)

GtkWidget  *rw_instances_view_new          (void);
void        rw_instances_view_set_gpu      (RwInstancesView *self,
                                            RwCatalog       *catalog,
                                            RwGpu           *gpu);
GListModel *rw_instances_view_get_shown    (RwInstancesView *self);
char       *rw_instances_view_format_row   (RwInstancesView *self,
                                            RwOffer         *offer);
gboolean    rw_instances_view_copy_selected (RwInstancesView *self);
gboolean    rw_instances_view_show_provider (RwInstancesView *self,
                                             const char      *provider);
guint       rw_instances_view_get_n_columns (void);
GtkSorter  *rw_instances_view_new_sorter   (guint            column);

G_END_DECLS
