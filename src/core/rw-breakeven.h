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
