/* rw-gpu-row.h: one GPU in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-records.h"

G_BEGIN_DECLS

#define RW_TYPE_GPU_ROW (rw_gpu_row_get_type ())
G_DECLARE_FINAL_TYPE (RwGpuRow, rw_gpu_row, RW, GPU_ROW, AdwBin)

GtkWidget *rw_gpu_row_new              (void);
RwGpu     *rw_gpu_row_get_gpu          (RwGpuRow *self);
void       rw_gpu_row_set_gpu          (RwGpuRow *self,
                                        RwGpu    *gpu);
gboolean   rw_gpu_row_get_include_spot (RwGpuRow *self);
void       rw_gpu_row_set_include_spot (RwGpuRow *self,
                                        gboolean  include_spot);
gboolean   rw_gpu_row_get_include_suspect (RwGpuRow *self);
void       rw_gpu_row_set_include_suspect (RwGpuRow *self,
                                           gboolean  include_suspect);
gboolean   rw_gpu_row_get_watched      (RwGpuRow *self);
void       rw_gpu_row_set_watched      (RwGpuRow *self,
                                        gboolean  watched);

G_END_DECLS
