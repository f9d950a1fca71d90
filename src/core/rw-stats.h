/* rw-stats.h: price statistics per GPU (DESIGN.md, "Formulas")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-records.h"

G_BEGIN_DECLS

/* The pricing masks (RW_PRICING_MASK_ALL, RW_INCLUDE_SUSPECT, …) are in rw-records.h */

/* The suspect-price rule (docs/PRICES.md): an offer's per-GPU rate below
 * RW_SUSPECT_LOW_FRACTION or above RW_SUSPECT_HIGH_FACTOR times the median of the other
 * providers' rates for the same GPU */
#define RW_SUSPECT_LOW_FRACTION     0.10
#define RW_SUSPECT_HIGH_FACTOR      50.0

#define RW_HOURS_PER_DAY   24
#define RW_HOURS_PER_WEEK  168
#define RW_HOURS_PER_MONTH 720

typedef struct {
  const char *provider;  /* provider id, borrowed from the offers */
  double      rate_hr;   /* lowest per-GPU rate among the provider's offers */
  guint       offers;    /* how many of the provider's offers were included */
  RwPricing   pricing;   /* pricing kind of the offer that gave rate_hr */
  guint       flags;     /* RwOfferFlags of the offer that gave rate_hr */
} RwProviderRate;

typedef struct {
  guint       providers;
  guint       offers;
  double      cheapest_hr;              /* RW_UNKNOWN when there are no offers */
  const char *cheapest_provider;
  double      median_hr;
  double      most_expensive_hr;
  const char *most_expensive_provider;
  double      spread;                   /* 1 − cheapest / most expensive */
  double      per_day;
  double      per_week;
  double      per_month;
  GArray     *rates;                    /* RwProviderRate, by rate then provider id */
  GArray     *left_out;                 /* RwProviderRate of providers whose offers were all
                                         * left out as suspect or GPU only, by rate */
  guint       suspect;                  /* offers left out as suspect */
  guint       gpu_only;                 /* offers left out as GPU only */
} RwPriceStats;

RwPriceStats *rw_price_stats_compute (RwOffer * const *offers,
                                      guint            n_offers,
                                      guint            pricing_mask);
void          rw_price_stats_free    (RwPriceStats    *stats);
double        rw_median              (double          *values,
                                      guint            n_values);
guint         rw_mark_suspect        (RwOffer * const *offers,
                                      guint            n_offers);

/* The reference page's instance summary for one GPU */
typedef struct {
  double      cheapest_bundle_hr;        /* lowest whole-offer price_hr, $/hr; RW_UNKNOWN */
  const char *cheapest_bundle_provider;  /* borrowed from the offers */
  guint       cheapest_bundle_gpus;      /* its gpu_count */
  double      lowest_per_gpu_hr;         /* lowest per-GPU rate, $/hr; RW_UNKNOWN */
  guint       providers;
  guint       shapes;                    /* distinct (instance name, GPU count) pairs */
} RwInstanceSummary;

void          rw_instance_summary    (RwOffer * const   *offers,
                                      guint              n_offers,
                                      guint              pricing_mask,
                                      RwInstanceSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwPriceStats, rw_price_stats_free)

G_END_DECLS
