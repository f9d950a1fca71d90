/* test-breakeven.c: rent vs own, DESIGN.md's formulas and their edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-breakeven.h"
#include "rw-records.h"

static RwRentVsOwnInput
l40s_defaults (void)
{
  /* the reference page: $0.28/hr cheapest, 350 W TDP, $9,000 MSRP */
  RwRentVsOwnInput in;

  rw_rent_vs_own_input_init (&in);
  in.purchase_price = 9000;
  in.rate_hr = 0.28;
  in.tdp_w = 350;
  return in;
}

static void
test_defaults (void)
{
  RwRentVsOwnInput in = l40s_defaults ();
  RwRentVsOwn out;

  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.rent_per_day, 2.24, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.rent_per_month, 67.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.power_per_day, 0.42, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.breakeven_days, 9000 / (2.24 - 0.42), 1e-9);
  g_assert_cmpfloat_with_epsilon (out.breakeven_months, 9000 / (2.24 - 0.42) / 30, 1e-9);
  /* "pays for itself after 165 months" */
  g_assert_cmpint ((int) (out.breakeven_months + 0.5), ==, 165);
}

static void
test_edges (void)
{
  RwRentVsOwnInput in = l40s_defaults ();
  RwRentVsOwn out;

  /* 0 hours: nothing rented, nothing burnt, never pays off */
  in.hours_per_day = 0;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.rent_per_day, ==, 0);
  g_assert_cmpfloat (out.power_per_day, ==, 0);
  g_assert_cmpfloat (out.breakeven_days, <, 0);

  /* 24 hours */
  in.hours_per_day = 24;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.rent_per_day, 6.72, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.power_per_day, 1.26, 1e-12);
  g_assert_cmpfloat_with_epsilon (out.breakeven_days, 9000 / (6.72 - 1.26), 1e-9);

  /* electricity dearer than renting: never pays off */
  in = l40s_defaults ();
  in.kwh_price = 1.0;  /* 0.35 × 8 × 1.0 = 2.80 > 2.24 */
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.breakeven_days, <, 0);
  g_assert_cmpfloat (out.breakeven_months, <, 0);

  /* exactly equal: never pays off either */
  in = l40s_defaults ();
  in.tdp_w = 1000;
  in.kwh_price = 0.5;
  in.rate_hr = 0.5;  /* both exactly $4 a day */
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.breakeven_days, <, 0);

  /* PUE scales the electricity */
  in = l40s_defaults ();
  in.pue = 1.5;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.power_per_day, 0.63, 1e-12);

  /* purchase price 0: pays off at once */
  in = l40s_defaults ();
  in.purchase_price = 0;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.breakeven_days, ==, 0);

  /* no MSRP: rent and power still shown, breakeven unknown */
  in = l40s_defaults ();
  in.purchase_price = RW_UNKNOWN;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.rent_per_day, 2.24, 1e-12);
  g_assert_cmpfloat (out.breakeven_days, <, 0);

  /* no rental rate (GPU without offers) */
  in = l40s_defaults ();
  in.rate_hr = RW_UNKNOWN;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.rent_per_day, <, 0);
  g_assert_cmpfloat (out.breakeven_days, <, 0);
  g_assert_cmpfloat_with_epsilon (out.power_per_day, 0.42, 1e-12);

  /* no TDP */
  in = l40s_defaults ();
  in.tdp_w = RW_UNKNOWN;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.power_per_day, <, 0);
  g_assert_cmpfloat (out.breakeven_days, <, 0);
}

static void
test_extras (void)
{
  RwRentVsOwnInput in = l40s_defaults ();
  RwRentVsOwn out;

  /* host share and resale: (P + other − resale) / (rent − electricity) */
  in.other_costs = 1000;
  in.resale_percent = 25;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.net_purchase, 9000 + 1000 - 2250, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.breakeven_days, 7750 / 1.82, 1e-9);

  /* resale above purchase: owning costs nothing up front, pays off at once */
  in.other_costs = 0;
  in.resale_percent = 150;
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat (out.net_purchase, ==, 0);
  g_assert_cmpfloat (out.breakeven_days, ==, 0);

  /* the horizon totals */
  in = l40s_defaults ();
  rw_rent_vs_own_compute (&in, &out);
  g_assert_cmpfloat_with_epsilon (out.rent_horizon, 67.2 * 36, 1e-9);
  g_assert_cmpfloat_with_epsilon (out.own_horizon, 9000 + 0.42 * 30 * 36, 1e-9);
  g_assert_cmpfloat_with_epsilon (rw_rent_vs_own_rent_at (&out, 12), 67.2 * 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (rw_rent_vs_own_own_at (&out, 0), 9000, 1e-9);
  /* the lines cross at breakeven */
  g_assert_cmpfloat_with_epsilon (rw_rent_vs_own_rent_at (&out, out.breakeven_months),
                                  rw_rent_vs_own_own_at (&out, out.breakeven_months), 1e-6);

  /* with the extras at 0 it is DESIGN.md's formula */
  g_assert_cmpfloat_with_epsilon (out.breakeven_days, 9000 / (2.24 - 0.42), 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/breakeven/defaults", test_defaults);
  g_test_add_func ("/breakeven/edges", test_edges);
  g_test_add_func ("/breakeven/extras", test_extras);

  return g_test_run ();
}
