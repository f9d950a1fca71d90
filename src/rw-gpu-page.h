/* rw-gpu-page.h: everything about one GPU, one view per section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"
#include "rw-chart.h"
#include "rw-history.h"
#include "rw-session.h"

G_BEGIN_DECLS

#define RW_TYPE_GPU_PAGE (rw_gpu_page_get_type ())
G_DECLARE_FINAL_TYPE (RwGpuPage, rw_gpu_page, RW, GPU_PAGE, AdwBin)

GtkWidget    *rw_gpu_page_new              (void);
void          rw_gpu_page_set_gpu          (RwGpuPage *self,
                                            RwCatalog *catalog,
                                            RwGpu     *gpu);
void          rw_gpu_page_update_freshness (RwGpuPage *self);
RwGpu        *rw_gpu_page_get_gpu          (RwGpuPage *self);
AdwViewStack *rw_gpu_page_get_stack        (RwGpuPage *self);
gboolean      rw_gpu_page_get_include_spot (RwGpuPage *self);
void          rw_gpu_page_set_include_spot (RwGpuPage *self,
                                            gboolean   include_spot);
gboolean      rw_gpu_page_get_include_suspect (RwGpuPage *self);
void          rw_gpu_page_set_include_suspect (RwGpuPage *self,
                                               gboolean   include_suspect);
void          rw_gpu_page_set_history_store (RwGpuPage      *self,
                                             RwHistoryStore *store);
void          rw_gpu_page_set_session      (RwGpuPage *self,
                                            RwSession *session);
RwSession    *rw_gpu_page_get_session      (RwGpuPage *self);
RwChart      *rw_gpu_page_get_history_chart (RwGpuPage     *self);
void          rw_gpu_page_add_freshness_widget (RwGpuPage   *self,
                                                GtkWidget   *widget);

G_END_DECLS
