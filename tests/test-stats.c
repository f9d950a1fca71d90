/* test-stats.c: price statistics against the reference page's L40S figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-stats.h"
#include "test-common.h"

static RwPriceStats *
stats_for (RwCatalog  *catalog,
           const char *gpu,
           guint       mask)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, gpu);

  return rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, mask);
}

static void
test_reference_page (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(RwPriceStats) stats = stats_for (catalog, "l40s", RW_PRICING_MASK_ALL);
  const RwProviderRate *first, *last;

  /* "10 providers · up to 84% cheaper at the low end" */
  g_assert_cmpuint (stats->providers, ==, 10);
  g_assert_cmpuint (stats->offers, ==, 12);
  /* "Cheapest · $0.28/hr on Novita AI", "Median $0.92/hr", "Most expensive · $1.80/hr on AceCloud" */
  g_assert_cmpfloat_with_epsilon (stats->cheapest_hr, 0.28, 1e-12);
  g_assert_cmpstr (stats->cheapest_provider, ==, "novita");
  g_assert_cmpfloat_with_epsilon (stats->median_hr, 0.92, 1e-12);
  g_assert_cmpfloat_with_epsilon (stats->most_expensive_hr, 1.80, 1e-12);
  g_assert_cmpstr (stats->most_expensive_provider, ==, "acecloud");
  g_assert_cmpfloat_with_epsilon (stats->spread, 1.0 - 0.28 / 1.80, 1e-12);
  g_assert_cmpint ((int) (stats->spread * 100 + 0.5), ==, 84);
  /* $6.72 / $47.04 / $201.60 */
  g_assert_cmpfloat_with_epsilon (stats->per_day, 6.72, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->per_week, 47.04, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->per_month, 201.6, 1e-9);

  /* provider rate: lowest per-GPU rate of its offers (Lium: 2 GPUs for $0.76) */
  g_assert_cmpuint (stats->rates->len, ==, 10);
  first = &g_array_index (stats->rates, RwProviderRate, 0);
  last = &g_array_index (stats->rates, RwProviderRate, 9);
  g_assert_cmpstr (first->provider, ==, "novita");
  g_assert_cmpuint (first->offers, ==, 2);
  g_assert_cmpint (first->pricing, ==, RW_PRICING_SPOT);
  g_assert_cmpstr (last->provider, ==, "acecloud");
  g_assert_cmpstr (g_array_index (stats->rates, RwProviderRate, 2).provider, ==, "lium");
  g_assert_cmpfloat_with_epsilon (g_array_index (stats->rates, RwProviderRate, 2).rate_hr, 0.38, 1e-12);
  /* Shadeform: 8 GPUs for $8.00 is $1.00 a GPU, but its single-GPU $0.74 is its rate */
  g_assert_cmpstr (g_array_index (stats->rates, RwProviderRate, 4).provider, ==, "shadeform");
  g_assert_cmpfloat_with_epsilon (g_array_index (stats->rates, RwProviderRate, 4).rate_hr, 0.74, 1e-12);
  g_assert_cmpuint (g_array_index (stats->rates, RwProviderRate, 4).offers, ==, 2);
}

static void
test_on_demand_only (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(RwPriceStats) stats = stats_for (catalog, "l40s", RW_PRICING_MASK_ON_DEMAND);

  /* Verda's only offer is spot: it drops out; Novita falls back to its on-demand $0.55 */
  g_assert_cmpuint (stats->providers, ==, 9);
  g_assert_cmpuint (stats->offers, ==, 10);
  g_assert_cmpstr (stats->cheapest_provider, ==, "lium");
  g_assert_cmpfloat_with_epsilon (stats->cheapest_hr, 0.38, 1e-12);
  /* 0.38 0.40 0.55 0.74 [1.10] 1.30 1.57 1.70 1.80 */
  g_assert_cmpfloat_with_epsilon (stats->median_hr, 1.10, 1e-12);
}

static void
test_no_offers (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(RwPriceStats) stats = stats_for (catalog, "mystery", RW_PRICING_MASK_ALL);
  g_autoptr(RwPriceStats) spot_only = stats_for (catalog, "a100-80gb", RW_PRICING_MASK_ON_DEMAND);

  g_assert_cmpuint (stats->providers, ==, 0);
  g_assert_cmpuint (stats->offers, ==, 0);
  g_assert_cmpfloat (stats->cheapest_hr, <, 0);
  g_assert_cmpfloat (stats->median_hr, <, 0);
  g_assert_null (stats->cheapest_provider);
  g_assert_cmpfloat (stats->per_month, <, 0);
  /* a GPU whose only offer is spot has nothing left on-demand */
  g_assert_cmpuint (spot_only->providers, ==, 0);
}

static void
test_median (void)
{
  double odd[] = { 3, 1, 2 };
  double even[] = { 4, 1, 3, 2 };
  double one[] = { 7 };

  g_assert_cmpfloat (rw_median (odd, 3), ==, 2);
  g_assert_cmpfloat (rw_median (even, 4), ==, 2.5);
  g_assert_cmpfloat (rw_median (one, 1), ==, 7);
  g_assert_cmpfloat (rw_median (NULL, 0), <, 0);
}

/* A bid floor far under the others: flagged suspect, out of the statistics, back in on
 * request; an absurd high likewise; ordinary spreads are not suspect */
static void
test_suspect (void)
{
  static const char doc[] =
    "{ \"schema\": \"rentwise-catalog/1\","
    "  \"gpus\": [ { \"id\": \"b200\", \"name\": \"B200\", \"vram_gb\": 180 } ],"
    "  \"providers\": [ { \"id\": \"a\", \"name\": \"A\" }, { \"id\": \"b\", \"name\": \"B\" },"
    "                   { \"id\": \"c\", \"name\": \"C\" }, { \"id\": \"auction\", \"name\": \"Auction\" },"
    "                   { \"id\": \"gold\", \"name\": \"Gold\" } ],"
    "  \"offers\": ["
    "    { \"provider\": \"a\", \"gpu\": \"b200\", \"gpu_count\": 1, \"price_hr\": 3.00, \"pricing\": \"on-demand\" },"
    "    { \"provider\": \"b\", \"gpu\": \"b200\", \"gpu_count\": 8, \"price_hr\": 40.00, \"pricing\": \"on-demand\" },"
    "    { \"provider\": \"c\", \"gpu\": \"b200\", \"gpu_count\": 1, \"price_hr\": 6.00, \"pricing\": \"on-demand\" },"
    "    { \"provider\": \"auction\", \"gpu\": \"b200\", \"gpu_count\": 8, \"price_hr\": 0.08, \"pricing\": \"spot\" },"
    "    { \"provider\": \"gold\", \"gpu\": \"b200\", \"gpu_count\": 1, \"price_hr\": 900, \"pricing\": \"on-demand\" } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);
  g_autoptr(RwPriceStats) without = NULL;
  g_autoptr(RwPriceStats) with = NULL;
  GPtrArray *offers;

  g_assert_no_error (error);
  offers = rw_catalog_get_offers_for_gpu (catalog, "b200");
  g_assert_false (rw_offer_get_suspect (offers->pdata[0]));
  g_assert_false (rw_offer_get_suspect (offers->pdata[1]));   /* $5.00 a GPU */
  g_assert_false (rw_offer_get_suspect (offers->pdata[2]));   /* twice the cheapest */
  g_assert_true (rw_offer_get_suspect (offers->pdata[3]));    /* $0.01 a GPU */
  g_assert_true (rw_offer_get_suspect (offers->pdata[4]));    /* $900: 180x the median */

  without = stats_for (catalog, "b200", RW_PRICING_MASK_ALL);
  g_assert_cmpuint (without->providers, ==, 3);
  g_assert_cmpuint (without->suspect, ==, 2);
  g_assert_cmpstr (without->cheapest_provider, ==, "a");
  g_assert_cmpfloat_with_epsilon (without->cheapest_hr, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (without->median_hr, 5.0, 1e-12);
  g_assert_cmpstr (without->most_expensive_provider, ==, "c");
  g_assert_cmpfloat_with_epsilon (without->spread, 0.5, 1e-12);
  g_assert_cmpuint (without->left_out->len, ==, 2);
  g_assert_cmpstr (g_array_index (without->left_out, RwProviderRate, 0).provider, ==, "auction");

  with = stats_for (catalog, "b200", RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT);
  g_assert_cmpuint (with->providers, ==, 5);
  g_assert_cmpuint (with->suspect, ==, 0);
  g_assert_cmpstr (with->cheapest_provider, ==, "auction");
  g_assert_cmpfloat_with_epsilon (with->cheapest_hr, 0.01, 1e-12);
  g_assert_cmpstr (with->most_expensive_provider, ==, "gold");
  g_assert_true (g_array_index (with->rates, RwProviderRate, 0).flags & RW_OFFER_SUSPECT);
  g_assert_cmpuint (with->left_out->len, ==, 0);
}

/* The reference page's instance summary */
static void
test_instance_summary (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, "l40s");
  RwInstanceSummary summary;

  rw_instance_summary ((RwOffer **) offers->pdata, offers->len, RW_PRICING_MASK_ALL, &summary);
  g_assert_cmpfloat_with_epsilon (summary.lowest_per_gpu_hr, 0.28, 1e-12);
  g_assert_cmpfloat_with_epsilon (summary.cheapest_bundle_hr, 0.28, 1e-12);
  g_assert_cmpuint (summary.cheapest_bundle_gpus, ==, 1);
  g_assert_cmpuint (summary.providers, ==, 10);
  g_assert_cmpuint (summary.shapes, >=, 10);
  g_assert_cmpuint (summary.shapes, <=, 12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/reference-page", test_reference_page);
  g_test_add_func ("/stats/on-demand-only", test_on_demand_only);
  g_test_add_func ("/stats/no-offers", test_no_offers);
  g_test_add_func ("/stats/median", test_median);
  g_test_add_func ("/stats/suspect", test_suspect);
  g_test_add_func ("/stats/instance-summary", test_instance_summary);

  return g_test_run ();
}
