/* rw-workload-chooser.h: what to do with a model — Inference, LoRA, QLoRA, Full fine-tune —
 * and, for training, the LoRA rank, sequence length and micro-batch (issue 20)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-train-fit.h"

G_BEGIN_DECLS

#define RW_TYPE_WORKLOAD_CHOOSER (rw_workload_chooser_get_type ())
G_DECLARE_FINAL_TYPE (RwWorkloadChooser, rw_workload_chooser, RW, WORKLOAD_CHOOSER, AdwBin)

GtkWidget  *rw_workload_chooser_new           (void);
RwWorkload  rw_workload_chooser_get_workload  (RwWorkloadChooser *self);
void        rw_workload_chooser_set_workload  (RwWorkloadChooser *self,
                                               RwWorkload         workload);
void        rw_workload_chooser_get_training  (RwWorkloadChooser *self,
                                               RwTrainOptions    *options);
const char *rw_workload_chooser_get_label     (RwWorkloadChooser *self);

G_END_DECLS
