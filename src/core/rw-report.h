/* rw-report.h: the headless reports (--list, --report) as text and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-catalog.h"
#include "rw-history.h"
#include "rw-fit.h"
#include "rw-breakeven.h"
#include "rw-stats.h"

G_BEGIN_DECLS

typedef enum {
  RW_RATE_CHEAPEST,
  RW_RATE_MEDIAN,
  RW_RATE_PROVIDER,
  RW_RATE_CUSTOM,
} RwRateKind;

typedef struct {
  guint   pricing_mask;    /* RW_PRICING_MASK_* */
  guint64 context;         /* tokens per session */
  guint   sessions;        /* concurrent sessions of `context` tokens */
  RwKvDtype kv_dtype;
  RwEngine  engine;
  /* the user's rent-vs-own numbers; its purchase_price RW_UNKNOWN means the GPU's MSRP,
   * its rate and TDP are the GPU's, filled in by rw_report_rent_vs_own () */
  RwRentVsOwnInput rent;
  RwRateKind rate_kind;
  const char *rate_provider;  /* with RW_RATE_PROVIDER */
  double  rate_custom;        /* with RW_RATE_CUSTOM */
  GPtrArray *feeds;        /* (nullable) (element-type RwFeedStatus): the last load or refresh */
  RwHistoryStore *history; /* (nullable): the local price history */
  gint64  now;             /* unix time the ages are measured at */
} RwReportOptions;

typedef struct {
  RwModel *model;
  RwFit    fit;
} RwModelFit;

void       rw_report_options_init (RwReportOptions       *options);

void       rw_report_fit_options  (const RwReportOptions *options,
                                   RwFitOptions          *fit);
GArray    *rw_report_compute_fits (RwCatalog             *catalog,
                                   RwGpu                 *gpu,
                                   const RwFitOptions    *options);
char      *rw_report_fit_json     (RwCatalog             *catalog,
                                   RwModel               *model,
                                   RwGpu                 *gpu,
                                   const RwFitOptions    *options);
char      *rw_report_fit_text     (RwModel               *model,
                                   RwGpu                 *gpu,
                                   const RwFitOptions    *options);
gboolean   rw_report_rent_vs_own  (RwGpu                 *gpu,
                                   const RwPriceStats    *stats,
                                   const RwReportOptions *options,
                                   RwRentVsOwnInput      *in,
                                   RwRentVsOwn           *out);
const char *rw_rate_kind_to_string (RwRateKind           kind);

char      *rw_report_gpu_json     (RwCatalog             *catalog,
                                   RwGpu                 *gpu,
                                   const RwReportOptions *options);
char      *rw_report_gpu_text     (RwCatalog             *catalog,
                                   RwGpu                 *gpu,
                                   const RwReportOptions *options);
char      *rw_report_models_json  (RwCatalog             *catalog,
                                   const RwReportOptions *options);
char      *rw_report_models_text  (RwCatalog             *catalog);
char      *rw_report_list_json    (RwCatalog             *catalog,
                                   const RwReportOptions *options);
char      *rw_report_list_text    (RwCatalog             *catalog,
                                   const RwReportOptions *options);
char      *rw_report_history_csv  (RwCatalog             *catalog,
                                   RwHistoryStore        *history,
                                   const char            *gpu_id);

char      *rw_report_after_horizon_text (const RwRentVsOwnInput *in,
                                         const RwRentVsOwn      *out);

G_END_DECLS
