/* rw-breakeven.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-breakeven.h"
#include "rw-records.h"

void
rw_rent_vs_own_input_init (RwRentVsOwnInput *in)
{
  in->hours_per_day = RW_DEFAULT_HOURS_PER_DAY;
  in->kwh_price = RW_DEFAULT_KWH_PRICE;
  in->pue = RW_DEFAULT_PUE;
  in->purchase_price = RW_UNKNOWN;
  in->rate_hr = RW_UNKNOWN;
  in->tdp_w = RW_UNKNOWN;
  in->other_costs = 0;
  in->resale_percent = 0;
  in->horizon_months = RW_DEFAULT_HORIZON;
}

/**
 * rw_rent_vs_own_compute:
 *
 * rent per day = r × h; per month = × 30.
 * electricity per day = tdp_w / 1000 × h × p × u.
 * breakeven days = (P + other costs − resale) / (rent per day − electricity per day), none
 * when that denominator is ≤ 0; 0 when the resale covers the purchase; months = days / 30.
 * With other costs and resale at 0 this is DESIGN.md's P / (rent − electricity).
 */
void
rw_rent_vs_own_compute (const RwRentVsOwnInput *in,
                        RwRentVsOwn            *out)
{
  double margin;

  g_return_if_fail (in != NULL && out != NULL);

  out->rent_per_day = out->rent_per_month = RW_UNKNOWN;
  out->power_per_day = out->power_per_month = RW_UNKNOWN;
  out->breakeven_days = out->breakeven_months = RW_UNKNOWN;
  out->net_purchase = out->rent_horizon = out->own_horizon = RW_UNKNOWN;

  if (in->hours_per_day < 0)
    return;

  if (in->rate_hr >= 0)
    {
      out->rent_per_day = in->rate_hr * in->hours_per_day;
      out->rent_per_month = out->rent_per_day * RW_DAYS_PER_MONTH;
    }
  if (in->tdp_w >= 0 && in->kwh_price >= 0 && in->pue >= 0)
    {
      out->power_per_day = in->tdp_w / 1000.0 * in->hours_per_day * in->kwh_price * in->pue;
      out->power_per_month = out->power_per_day * RW_DAYS_PER_MONTH;
    }
  if (in->purchase_price >= 0)
    out->net_purchase = MAX (0.0, in->purchase_price + MAX (in->other_costs, 0.0)
                                  - in->purchase_price * MAX (in->resale_percent, 0.0) / 100.0);
  if (out->rent_per_month >= 0 && in->horizon_months >= 0)
    out->rent_horizon = rw_rent_vs_own_rent_at (out, in->horizon_months);
  if (out->net_purchase >= 0 && out->power_per_month >= 0 && in->horizon_months >= 0)
    out->own_horizon = rw_rent_vs_own_own_at (out, in->horizon_months);

  if (out->rent_per_day < 0 || out->power_per_day < 0 || out->net_purchase < 0)
    return;

  margin = out->rent_per_day - out->power_per_day;
  if (margin <= 0)
    return;
  out->breakeven_days = out->net_purchase / margin;
  out->breakeven_months = out->breakeven_days / RW_DAYS_PER_MONTH;
}

/* Cumulative cost of renting after @months */
double
rw_rent_vs_own_rent_at (const RwRentVsOwn *out,
                        double             months)
{
  return out->rent_per_month < 0 ? RW_UNKNOWN : out->rent_per_month * months;
}

/* Cumulative cost of owning after @months: the net purchase, then electricity */
double
rw_rent_vs_own_own_at (const RwRentVsOwn *out,
                       double             months)
{
  if (out->net_purchase < 0 || out->power_per_month < 0)
    return RW_UNKNOWN;
  return out->net_purchase + out->power_per_month * months;
}
