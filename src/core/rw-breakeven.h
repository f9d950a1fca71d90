/* rw-breakeven.h: rent vs own (DESIGN.md, "Rent vs own")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RW_DEFAULT_HOURS_PER_DAY 8.0
#define RW_DEFAULT_KWH_PRICE     0.15
#define RW_DEFAULT_PUE           1.0
#define RW_DAYS_PER_MONTH        30.0
#define RW_DEFAULT_HORIZON       36.0

/* RW_DAYS_PER_YEAR: days in a year when a breakeven is shown in years: 365.25, the Julian
 * year (IAU: the astronomical unit of time, 365.25 days of 86,400 s), the mean calendar year
 * to within 0.0075 days; not 12 months of RW_DAYS_PER_MONTH (a 360-day year: "15.1 years"
 * for 5,422 days, newcomer report 5, defect 11) */
#define RW_DAYS_PER_YEAR         365.25

/* The range of each rent vs own input, the same in the Rent vs own view's fields and the
 * command line's options (newcomer report 5, defect 4): chosen bounds, not measurements.
 * Hours of use per day (--hours): 0 to 24, the hours of a day. */
#define RW_MAX_HOURS_PER_DAY     24.0
/* Electricity price (--kwh-price), $/kWh: 0 to 100, far above any tariff */
#define RW_MAX_KWH_PRICE         100.0
/* PUE (--pue): 1 (no overhead: the definition's lower limit, total facility power / IT
 * power, The Green Grid White Paper #49) to 5 */
#define RW_MIN_PUE               1.0
#define RW_MAX_PUE               5.0
/* Purchase price and other costs (--purchase-price, --other-costs), $: 0 to 10^9 */
#define RW_MAX_COST              1e9
/* Resale value after the horizon (--resale-percent), % of the purchase price: 0 to 100 */
#define RW_MAX_RESALE_PERCENT    100.0
/* Horizon (--horizon-months), whole months: 1 to 600 (50 years) */
#define RW_MIN_HORIZON           1.0
#define RW_MAX_HORIZON           600.0
/* Your own rental rate (--rate=N), $/hr per GPU: above 0, at most 10^6; the view's field
 * takes RW_MIN_CUSTOM_RATE, the smallest rate it shows (four decimals) */
#define RW_MIN_CUSTOM_RATE       0.0001
#define RW_MAX_CUSTOM_RATE       1e6

/* Any member may be RW_UNKNOWN (negative) when it is not known */
typedef struct {
  double hours_per_day;   /* h */
  double kwh_price;       /* p, $/kWh */
  double pue;             /* u */
  double purchase_price;  /* P */
  double rate_hr;         /* r, $/hr for one GPU */
  double tdp_w;
  double other_costs;     /* one-off costs besides the purchase (host share), $ */
  double resale_percent;  /* resale value after the horizon, % of the purchase price */
  double horizon_months;
} RwRentVsOwnInput;

/* RW_UNKNOWN where an input is missing; breakeven is RW_UNKNOWN when owning never
 * pays off (rent per day ≤ electricity per day) */
typedef struct {
  double rent_per_day;
  double rent_per_month;
  double power_per_day;
  double power_per_month;
  double breakeven_days;
  double breakeven_months;
  double net_purchase;    /* purchase + other costs − resale */
  double rent_horizon;    /* renting over the horizon */
  double own_horizon;     /* owning over the horizon: net purchase + electricity */
} RwRentVsOwn;

void rw_rent_vs_own_input_init (RwRentVsOwnInput       *in);
void rw_rent_vs_own_compute    (const RwRentVsOwnInput *in,
                                RwRentVsOwn            *out);
double rw_rent_vs_own_rent_at  (const RwRentVsOwn      *out,
                                double                  months);
double rw_rent_vs_own_own_at   (const RwRentVsOwn      *out,
                                double                  months);

G_END_DECLS
