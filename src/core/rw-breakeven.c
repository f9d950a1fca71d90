/* rw-breakeven.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-breakeven.h"
#include "rw-records.h"

/**
 * rw_rent_vs_own_compute:
 *
 * rent per day = r × h; per month = × 30.
 * electricity per day = tdp_w / 1000 × h × p × u.
 * breakeven days = P / (rent per day − electricity per day), none when that is ≤ 0;
 * months = days / 30.
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
  if (out->rent_per_day < 0 || out->power_per_day < 0 || in->purchase_price < 0)
    return;

  margin = out->rent_per_day - out->power_per_day;
  if (margin <= 0)
    return;
  out->breakeven_days = in->purchase_price / margin;
  out->breakeven_months = out->breakeven_days / RW_DAYS_PER_MONTH;
}
