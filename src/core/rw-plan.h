/* rw-plan.h: start from a model: the machines that run it, cheapest first, with their decode
 * throughput and cost per million tokens (docs/FIT.md, "Throughput" and "The planner")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-catalog.h"
#include "rw-fit.h"
#include "rw-stats.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ throughput */

/* What a throughput estimate had to assume (flags, beside RwFitEstimated's in a plan option) */
typedef enum {
  RW_THROUGHPUT_ESTIMATED_FACTOR    = 1 << 8,   /* always: the efficiency factor is a median
                                                 * of measurements, not this machine's */
  RW_THROUGHPUT_ESTIMATED_BORROWED  = 1 << 9,   /* no measurement of this engine × format:
                                                 * the factor of the nearest one */
  RW_THROUGHPUT_NO_BANDWIDTH        = 1 << 10,  /* the GPU has no memory bandwidth: no tok/s */
} RwThroughputEstimated;

double rw_throughput_efficiency (RwEngine     engine,
                                 RwPrecision  precision,
                                 gboolean    *borrowed);
double rw_throughput_step_bytes (RwModel     *model,
                                 RwPrecision  precision,
                                 RwEngine     engine,
                                 RwKvDtype    kv_dtype,
                                 guint        gpus,
                                 guint64      tokens,
                                 guint        sessions,
                                 guint       *estimated);
double rw_throughput_step_bytes_at (RwModel  *model,
                                    double    bits,
                                    gboolean  whole_model,
                                    RwEngine  engine,
                                    RwKvDtype kv_dtype,
                                    guint     gpus,
                                    guint64   tokens,
                                    guint     sessions,
                                    guint    *estimated);
double rw_throughput_tokens_per_s (RwModel     *model,
                                   RwGpu       *gpu,
                                   guint        gpus,
                                   RwPrecision  precision,
                                   RwEngine     engine,
                                   RwKvDtype    kv_dtype,
                                   guint64      tokens,
                                   guint        sessions,
                                   guint       *estimated);
double rw_usd_per_m_tokens        (double       price_hr,
                                   double       tokens_per_s);

/* ------------------------------------------------------------------ planner */

typedef struct {
  guint64   context;        /* tokens per session (capped at the model's maximum) */
  guint     sessions;       /* concurrent sessions, ≥ 1 */
  RwEngine  engine;
  RwKvDtype kv_dtype;
  int       precision;      /* -1: every precision; else only this RwPrecision (FP8 and
                             * INT8 both stand for the GPU's 8-bit format: FP8 where the
                             * architecture has it, else INT8) */
  guint     pricing_mask;   /* RW_PRICING_MASK_ALL or RW_PRICING_MASK_ON_DEMAND (rw-stats.h),
                             * | RW_INCLUDE_SUSPECT, RW_INCLUDE_GPU_ONLY */
  double    hours_per_day;  /* for per_month; RW_DEFAULT_HOURS_PER_DAY (rw-breakeven.h) */
} RwPlanOptions;

/* One way to run the model: `gpus` GPUs of one instance (which has `instance_gpus` ≥ gpus) */
typedef struct {
  RwGpu       *gpu;             /* borrowed from the catalog */
  RwOffer     *offer;           /* borrowed: the cheapest included instance with ≥ gpus GPUs */
  guint        gpus;            /* GPUs the model is split over (tensor parallel): 1, 2, 4, 8 */
  guint        instance_gpus;   /* GPUs paid for: the offer's gpu_count */
  RwPrecision  precision;
  double       price_hr;        /* the whole instance, $/hr */
  double       rate_per_gpu_hr; /* price_hr / instance_gpus, $/hr */
  double       per_month;       /* price_hr × hours_per_day × 30 days, $ */
  double       tokens_per_s;    /* decode tokens/s of all sessions together; RW_UNKNOWN */
  double       tokens_per_s_per_session;  /* RW_UNKNOWN when unknown */
  double       usd_per_m_tokens;          /* $ per million output tokens at price_hr; RW_UNKNOWN */
  double       need_bytes;      /* per GPU (rw_fit_compute ()), bytes */
  double       usable_bytes;    /* per GPU, bytes */
  guint64      max_context;     /* largest context for the sessions at gpus and precision */
  guint64      max_sessions;    /* most sessions of the context at gpus and precision */
  guint        estimated;       /* RwFitEstimated | RwThroughputEstimated */
} RwPlanOption;

typedef enum {
  RW_PLAN_OK,          /* at least one option */
  RW_PLAN_NO_OFFERS,   /* no GPU of the catalog has an offer the options include */
  RW_PLAN_TOO_LARGE,   /* no offered instance holds it at this context, sessions, precision */
} RwPlanStatus;

/* What would fit when nothing does: the cheapest option that changes one thing */
typedef struct {
  gboolean     found;
  RwPlanOption option;      /* at the changed setting */
  guint64      value;       /* the changed setting: a context, a session count, or the
                             * RwPrecision */
} RwPlanHint;

typedef struct {
  RwModel     *model;             /* a reference */
  RwPlanOptions options;
  guint64      context;           /* tokens per session planned for (capped) */
  gboolean     context_capped;
  RwPlanStatus status;
  GArray      *options_ranked;    /* RwPlanOption: by price_hr, then usd_per_m_tokens (lowest
                                   * first, unknown last), GPUs (fewest first), GPU name
                                   * (case-folded), precision */
  /* the cheapest on-demand and the cheapest spot option, even where another pricing kind is
   * cheaper for the same GPUs (so not always in options_ranked) */
  RwPlanOption cheapest_on_demand;
  gboolean     has_cheapest_on_demand;
  RwPlanOption cheapest_spot;
  gboolean     has_cheapest_spot;
  RwPlanHint   lower_precision;   /* only when options.precision is set */
  RwPlanHint   shorter_context;   /* the largest context that fits with the sessions */
  RwPlanHint   fewer_sessions;    /* the most sessions of the context that fit */
} RwPlan;

/* Per GPU, the cheapest included instance with at least 1, 2, 4, 8 GPUs: made once per
 * catalog and pricing mask, used by every plan */
typedef struct _RwPlanIndex RwPlanIndex;

RwPlanIndex *rw_plan_index_new              (RwCatalog   *catalog,
                                             guint        pricing_mask);
void         rw_plan_index_free             (RwPlanIndex *index);
guint        rw_plan_index_get_pricing_mask (RwPlanIndex *index);

void     rw_plan_options_init (RwPlanOptions       *options);
gboolean rw_plan_supports_model     (RwModel             *model);
guint64  rw_plan_effective_context  (RwModel             *model,
                                     guint64              context);
RwPlan  *rw_plan_compute      (RwCatalog           *catalog,
                               RwModel             *model,
                               const RwPlanOptions *options);
RwPlan  *rw_plan_compute_indexed (RwPlanIndex         *index,
                                  RwModel             *model,
                                  const RwPlanOptions *options);
void     rw_plan_free         (RwPlan              *plan);
const char *rw_plan_status_to_string (RwPlanStatus  status);

char    *rw_plan_json         (RwCatalog           *catalog,
                               const RwPlan        *plan,
                               guint                limit);
char    *rw_plan_text         (RwCatalog           *catalog,
                               const RwPlan        *plan,
                               guint                limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwPlan, rw_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwPlanIndex, rw_plan_index_free)

G_END_DECLS
