/* rw-train-plan.h: the planner for a fine-tuning workload (issue 20, item 2): the machines
 * that train a model, cheapest first (docs/FIT.md, "Fine-tuning" and "The planner")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-catalog.h"
#include "rw-plan.h"
#include "rw-train-fit.h"

G_BEGIN_DECLS

/* One machine that trains the model: the cheapest included instance with at least the GPUs
 * the training fit needs. No tokens/s: the planner's throughput is a decode (inference)
 * estimate and does not apply to training. */
typedef struct {
  RwGpu      *gpu;        /* borrowed from the catalog */
  RwOffer    *offer;      /* borrowed: the cheapest included instance with ≥ fit.gpus GPUs */
  RwTrainFit  fit;        /* rw_train_fit_compute (): GPUs (1, 2, 4, 8 of one machine),
                           * parallelism and the per-GPU breakdown in bytes */
  double      per_month;  /* the instance's $/hr × hours per day × 30 days, $ */
} RwTrainPlanOption;

GArray     *rw_train_plan_compute (RwCatalog            *catalog,
                                   RwModel              *model,
                                   const RwTrainOptions *train,
                                   guint                 pricing_mask,
                                   double                hours_per_day,
                                   RwPlanStatus         *status);
gboolean    rw_train_plan_cheapest (RwCatalog           *catalog,
                                    RwModel             *model,
                                    const RwTrainOptions *train,
                                    guint                pricing_mask,
                                    RwPricing            pricing,
                                    double               hours_per_day,
                                    RwTrainPlanOption   *out);
char       *rw_train_plan_json    (RwCatalog            *catalog,
                                   RwModel              *model,
                                   const RwTrainOptions *train,
                                   guint                 pricing_mask,
                                   double                hours_per_day,
                                   guint                 limit);
char       *rw_train_plan_text    (RwCatalog            *catalog,
                                   RwModel              *model,
                                   const RwTrainOptions *train,
                                   guint                 pricing_mask,
                                   double                hours_per_day,
                                   guint                 limit);

G_END_DECLS
