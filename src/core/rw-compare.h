/* rw-compare.h: two to four GPUs side by side (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-catalog.h"
#include "rw-report.h"

G_BEGIN_DECLS

#define RW_COMPARE_MIN_GPUS 2
#define RW_COMPARE_MAX_GPUS 4

#define RW_COMPARE_ERROR (rw_compare_error_quark ())

/* Why a comparison cannot be made; each has one clear, translated message */
typedef enum {
  RW_COMPARE_ERROR_TOO_FEW,        /* fewer than RW_COMPARE_MIN_GPUS ids */
  RW_COMPARE_ERROR_TOO_MANY,       /* more than RW_COMPARE_MAX_GPUS ids */
  RW_COMPARE_ERROR_DUPLICATE,      /* the same id twice */
  RW_COMPARE_ERROR_UNKNOWN_GPU,    /* an id the catalog does not have */
  RW_COMPARE_ERROR_UNKNOWN_MODEL,  /* a model id the catalog does not have */
} RwCompareError;

/* Which way a row's best value lies */
typedef enum {
  RW_COMPARE_BETTER_NONE,    /* a fact, not a value (architecture, interconnect …) */
  RW_COMPARE_BETTER_LOWER,   /* prices, breakeven, GPUs needed */
  RW_COMPARE_BETTER_HIGHER,  /* memory, bandwidth, providers, context */
} RwCompareBetter;

/* The rows of the comparison, in the order of the page: specs, prices, rent vs own, model.
 * Each row's value per GPU is a number (RW_UNKNOWN when unknown) or a text. */
typedef enum {
  /* Specs */
  RW_COMPARE_ROW_ARCHITECTURE,        /* text */
  RW_COMPARE_ROW_VRAM_GB,             /* GB (1e9 bytes) as the vendor states it; higher */
  RW_COMPARE_ROW_USABLE_GIB,          /* GiB the driver reports (rw_gpu_usable_bytes ()); higher */
  RW_COMPARE_ROW_BANDWIDTH_GBPS,      /* memory bandwidth, GB/s; higher */
  RW_COMPARE_ROW_TDP_W,               /* board power, W; no best (more power, more compute) */
  RW_COMPARE_ROW_INTERCONNECT,        /* text */
  RW_COMPARE_ROW_PURCHASE_USD,        /* purchase price, $; lower */
  RW_COMPARE_ROW_PURCHASE_SOURCE,     /* text: "list price", or "estimate, SOURCE, DATE" */
  /* Prices: $/hr per GPU, the numbers of the GPU's own report */
  RW_COMPARE_ROW_CHEAPEST_HR,         /* lower */
  RW_COMPARE_ROW_CHEAPEST_PROVIDER,   /* text: provider id */
  RW_COMPARE_ROW_CHEAPEST_PRICING,    /* text: on-demand, spot, reserved */
  RW_COMPARE_ROW_MEDIAN_HR,           /* lower */
  RW_COMPARE_ROW_MOST_EXPENSIVE_HR,   /* lower */
  RW_COMPARE_ROW_PROVIDERS,           /* count; higher (more places to rent it) */
  RW_COMPARE_ROW_OFFERS,              /* count; higher */
  RW_COMPARE_ROW_USD_HR_PER_GB,       /* cheapest $/hr ÷ VRAM GB; lower */
  RW_COMPARE_ROW_USD_HR_PER_TBPS,     /* cheapest $/hr ÷ bandwidth TB/s; lower */
  /* Rent vs own at the user's numbers (rw_report_rent_vs_own ()) */
  RW_COMPARE_ROW_RENT_PER_MONTH,      /* $; lower */
  RW_COMPARE_ROW_POWER_PER_MONTH,     /* electricity of owning, $; lower */
  RW_COMPARE_ROW_BREAKEVEN_MONTHS,    /* months; lower; unknown when owning never pays off */
  /* The chosen model (rw_compare_get_model ()) */
  RW_COMPARE_ROW_MODEL_GPUS,          /* GPUs needed, 1/2/4/8; lower; unknown when not on 8 */
  RW_COMPARE_ROW_MODEL_PRECISION,     /* text: fp16, fp8, int8, int4; higher precision better */
  RW_COMPARE_ROW_MODEL_MAX_CONTEXT,   /* tokens at that GPU count; higher */
  /* The planner's figures for the chosen model: rows only with a model */
  RW_COMPARE_ROW_TOKENS_PER_S,        /* decode tokens/s, all sessions; higher */
  RW_COMPARE_ROW_USD_PER_M_TOKENS,    /* $ per million tokens at the rent-vs-own rate × GPUs
                                       * needed; lower */
  /* The fits diff */
  RW_COMPARE_ROW_FITS_ONLY_HERE,      /* text: names of the models that fit on one of this GPU
                                       * and on one of no other chosen GPU */
  RW_COMPARE_N_ROWS
} RwCompareRow;

/* The planner's figures for one model on one GPU (src/core/rw-plan.h); RW_UNKNOWN where it
 * has no answer */
typedef struct {
  double tokens_per_s;      /* generated tokens per second, all sessions */
  double usd_per_m_tokens;  /* $ per million generated tokens at the column's rate */
} RwComparePlan;

/* Returns: FALSE when the planner has no answer for @model on @gpu */
typedef gboolean (*RwComparePlanFunc) (RwModel       *model,
                                       RwGpu         *gpu,
                                       const RwFit   *fit,
                                       double         rate_hr,
                                       RwComparePlan *plan,
                                       gpointer       user_data);

/* One GPU's column. Everything is borrowed from the comparison (and the catalog). */
typedef struct {
  RwGpu            *gpu;
  RwPriceStats     *stats;            /* rw_report_gpu_stats (): the same as --report */
  const char       *cheapest_provider_name; /* the catalog's name of stats->cheapest_provider
                                             * (its id when the catalog has no name), or NULL */
  RwRentVsOwnInput  rent_in;          /* rw_report_rent_vs_own (): the same as --report */
  RwRentVsOwn       rent;
  gboolean          rate_found;       /* FALSE: the chosen provider has no offer for it */
  double            usable_bytes;     /* rw_gpu_usable_bytes (), bytes */
  gboolean          usable_estimated; /* no usable_vram_mib: docs/FIT.md's fallback */
  double            purchase_usd;     /* rw_gpu_get_purchase_price (), $; RW_UNKNOWN */
  gboolean          purchase_estimate;
  const char       *purchase_source;  /* https URL or NULL */
  const char       *purchase_date;    /* YYYY-MM-DD or NULL */
  double            usd_hr_per_gb;    /* cheapest $/hr ÷ vram_gb; RW_UNKNOWN */
  double usd_hr_per_tbps; /* cheapest $/hr ÷ (memory_bandwidth_gbps / 1000); RW_UNKNOWN */
  gboolean          has_model_fit;    /* a model was chosen (or found by default) */
  RwFit             model_fit;        /* its fit: fewest of 1, 2, 4, 8 GPUs, then precision */
  guint64           model_max_context; /* the largest context at model_fit.gpus; 0: none */
  gboolean          has_plan;
  RwComparePlan     plan;
  GPtrArray        *fits_only_here;   /* (element-type RwModel): fit on one of this GPU and on
                                       * one of no other chosen GPU, in the catalog's order */
} RwCompareColumn;

/* One model whose fit on one GPU differs between the chosen GPUs */
typedef struct {
  RwModel    *model;
  gboolean    fits[RW_COMPARE_MAX_GPUS];       /* fits on one GPU of column i */
  RwPrecision precision[RW_COMPARE_MAX_GPUS];  /* at that one GPU, when it fits */
} RwCompareDiff;

typedef struct _RwComparison RwComparison;

GQuark           rw_compare_error_quark      (void);

char           **rw_compare_parse_ids        (const char            *list);
char           **rw_compare_known_ids        (RwCatalog             *catalog,
                                              const char * const    *gpu_ids);
RwComparison    *rw_comparison_new           (RwCatalog             *catalog,
                                              const char * const    *gpu_ids,
                                              const char            *model_id,
                                              const RwReportOptions *options,
                                              GError               **error);
void             rw_comparison_free          (RwComparison          *self);

guint            rw_comparison_get_n_columns (RwComparison          *self);
const RwCompareColumn *rw_comparison_get_column (RwComparison       *self,
                                              guint                  column);
RwModel         *rw_comparison_get_model     (RwComparison          *self,
                                              gboolean              *is_default);
GArray          *rw_comparison_get_diff      (RwComparison          *self);
void             rw_comparison_set_plan      (RwComparison          *self,
                                              RwComparePlanFunc      func,
                                              gpointer               user_data);

gboolean         rw_comparison_has_row       (RwComparison          *self,
                                              RwCompareRow           row);
const char      *rw_compare_row_key          (RwCompareRow           row);
const char      *rw_compare_row_label        (RwCompareRow           row);
RwCompareBetter  rw_compare_row_better       (RwCompareRow           row);
const char      *rw_compare_row_group_title  (RwCompareRow           row);
double           rw_comparison_get_value     (RwComparison          *self,
                                              RwCompareRow           row,
                                              guint                  column);
char            *rw_comparison_get_text      (RwComparison          *self,
                                              RwCompareRow           row,
                                              guint                  column);
guint            rw_comparison_get_best      (RwComparison          *self,
                                              RwCompareRow           row);

char            *rw_comparison_json          (RwComparison          *self,
                                              RwCatalog             *catalog);
char            *rw_comparison_text          (RwComparison          *self,
                                              RwCatalog             *catalog);
char            *rw_comparison_csv           (RwComparison          *self);
char            *rw_comparison_dup_model_title (RwComparison        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwComparison, rw_comparison_free)

G_END_DECLS
