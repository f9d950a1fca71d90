/* rw-models-view.h: "Models that fit" for one GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"

G_BEGIN_DECLS

#define RW_TYPE_MODELS_VIEW (rw_models_view_get_type ())
G_DECLARE_FINAL_TYPE (RwModelsView, rw_models_view, RW, MODELS_VIEW, AdwBin)

GtkWidget *rw_models_view_new         (void);
void       rw_models_view_set_gpu     (RwModelsView *self,
                                       RwCatalog    *catalog,
                                       RwGpu        *gpu);
guint      rw_models_view_get_context (RwModelsView *self);
void       rw_models_view_set_context (RwModelsView *self,
                                       guint         context);
guint      rw_models_view_get_n_shown (RwModelsView *self);

G_END_DECLS
