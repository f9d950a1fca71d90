/* test-cases.c: every case of ../shared/cases/ (copied to tests/fixtures/cases/), served from
 * a SoupServer on 127.0.0.1 under its real path, refreshed and merged over the built-in
 * catalog like a configured feed, with its right result; and two feeds that bring the same
 * provider at different times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-server.h"

#include "rw-feed.h"
#include "rw-source.h"
#include "rw-stats.h"
#include "test-common.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwFeedStatus, rw_feed_status_free)

typedef struct {
  SoupServer *server;
  char       *base_url;
  char       *cache_dir;
  RwSource   *source;
} Fixture;

/* The path a case is served under (the real one: it names the provider), its file, and
 * the Last-Modified it is served with (NULL: none) */
static const struct {
  const char *path;
  const char *file;
  const char *last_modified;
} served[] = {
  { "/catalogs/v9/lambda/vms.csv", "lambda-number-grammar.csv", NULL },
  { "/dup/catalogs/v9/lambda/vms.csv", "lambda-duplicate-rows.csv", NULL },
  { "/catalogs/v9/vast/vms.csv", "vast-h100-nvl-under-plain-name.csv", NULL },
  { "/catalogs/v9/cudo/vms.csv", "cudo-name-variants.csv", NULL },
  { "/catalogs/v8/mithril/vms.csv", "mithril-bid-floor.csv", NULL },
  { "/catalogs/v8/gcp/vms.csv", "gcp-gpu-only-rows.csv", NULL },
  /* the same provider from two feeds, at different times */
  { "/old/catalogs/v9/lambda/vms.csv", "lambda-number-grammar.csv", "Mon, 01 Jun 2026 00:00:00 GMT" },
  { "/new/catalogs/v9/lambda/vms.csv", "lambda-duplicate-rows.csv", "Tue, 01 Sep 2026 00:00:00 GMT" },
};

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (served); i++)
    {
      g_autofree char *file = NULL;
      g_autofree char *body = NULL;
      gsize len;

      if (!g_str_equal (path, served[i].path))
        continue;
      file = g_test_build_filename (G_TEST_DIST, "fixtures", "cases", "feeds", served[i].file, NULL);
      g_assert_true (g_file_get_contents (file, &body, &len, NULL));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      if (served[i].last_modified != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Last-Modified", served[i].last_modified);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&body), len);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->server = rw_test_server_new (serve, fx, &fx->base_url);

  fx->cache_dir = g_dir_make_tmp ("rentwise-cases-XXXXXX", &error);
  g_assert_no_error (error);
  fx->source = rw_source_new (fx->cache_dir);
  rw_source_set_deadline (fx->source, 5);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->source);
  g_clear_pointer (&fx->server, rw_test_server_free);
  rw_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
  g_free (fx->base_url);
}

static RwCatalog *
refresh (Fixture       *fx,
         const char    *path,
         RwFeedStatus **status_out)
{
  g_autofree char *url = g_strconcat (fx->base_url, path, NULL);
  RwCatalog *catalog;

  *status_out = refresh_one (fx->source, url, FALSE, &catalog);
  g_assert_cmpint ((*status_out)->state, ==, RW_FEED_STATE_FRESH);
  return catalog;
}

/* The offers of @provider for @gpu in @catalog */
static GPtrArray *
offers_of (RwCatalog  *catalog,
           const char *gpu,
           const char *provider)
{
  GPtrArray *all = rw_catalog_get_offers_for_gpu (catalog, gpu);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (rw_offer_get_provider (all->pdata[i]), provider))
      g_ptr_array_add (found, all->pdata[i]);
  return found;
}

static RwPriceStats *
stats_of (RwCatalog  *catalog,
          const char *gpu,
          guint       mask)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, gpu);

  return rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, mask);
}

/* `Price` nan, inf, -0.69, "4,29" and the hex float 0x1.8p+2 are no prices: no B200 offer */
static void
test_number_grammar (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/catalogs/v9/lambda/vms.csv", &status);
  g_autoptr(GPtrArray) b200 = offers_of (catalog, "b200", "lambda");
  g_autoptr(GPtrArray) gh200 = offers_of (catalog, "gh200", "lambda");
  g_autoptr(GPtrArray) a100 = offers_of (catalog, "a100-40gb", "lambda");

  g_assert_cmpuint (b200->len, ==, 0);
  g_assert_cmpuint (status->bad_numbers, ==, 5);
  /* plain decimals, with an exponent or spaces around them, are prices */
  g_assert_cmpuint (gh200->len, ==, 1);
  g_assert_cmpfloat (rw_offer_get_price_hr (gh200->pdata[0]), ==, 2.29);
  g_assert_cmpuint (a100->len, ==, 1);
  g_assert_cmpfloat (rw_offer_get_price_hr (a100->pdata[0]), ==, 1.99);
  g_assert_cmpuint (status->offers, ==, 2);
}

/* Three identical rows are one offer: Lambda H100 PCIe has 2 offers (two regions) at $3.29 */
static void
test_duplicate_rows (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/dup/catalogs/v9/lambda/vms.csv", &status);
  g_autoptr(GPtrArray) pcie = offers_of (catalog, "h100-pcie", "lambda");
  g_autoptr(RwPriceStats) stats = stats_of (catalog, "h100-pcie", RW_PRICING_MASK_ALL);

  g_assert_cmpuint (pcie->len, ==, 2);
  g_assert_cmpstr (rw_offer_get_region (pcie->pdata[0]), !=, rw_offer_get_region (pcie->pdata[1]));
  for (guint i = 0; i < pcie->len; i++)
    g_assert_cmpfloat (rw_offer_get_price_hr (pcie->pdata[i]), ==, 3.29);
  g_assert_cmpuint (status->duplicates, ==, 2);
  for (guint i = 0; i < stats->rates->len; i++)
    if (g_str_equal (g_array_index (stats->rates, RwProviderRate, i).provider, "lambda"))
      g_assert_cmpuint (g_array_index (stats->rates, RwProviderRate, i).offers, ==, 2);
}

/* "H100" with 95 830 MiB on an instance named …H100_NVL… is an H100 NVL */
static void
test_h100_nvl (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/catalogs/v9/vast/vms.csv", &status);
  g_autoptr(GPtrArray) nvl = offers_of (catalog, "h100-nvl", "vast-ai");
  g_autoptr(GPtrArray) sxm = offers_of (catalog, "h100-sxm", "vast-ai");

  g_assert_cmpuint (nvl->len, ==, 1);
  g_assert_cmpfloat (rw_offer_get_price_hr (nvl->pdata[0]), ==, 1.98);
  /* last seen: the UTC day it was fetched */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_cmpstr (rw_offer_get_observed_at (nvl->pdata[0]), ==, today);
  }
  g_assert_cmpuint (sxm->len, ==, 0);
  g_assert_cmpuint (status->unmapped, ==, 0);
}

/* All 8 of Cudo's name variants map, and GpuInfo's memory agrees with each */
static void
test_cudo_names (Fixture       *fx,
                 gconstpointer  data)
{
  static const struct { const char *instance; const char *gpu; } expected[] = {
    { "inst-a", "rtx-a6000" }, { "inst-b", "a800" }, { "inst-c", "a40" },
    { "inst-d", "rtx-pro-6000" }, { "inst-e", "h100-sxm" }, { "inst-f", "mi300x" },
    { "inst-g", "rtx-6000-ada" }, { "inst-h", "h100-sxm" },
  };
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/catalogs/v9/cudo/vms.csv", &status);

  g_assert_cmpuint (status->unmapped, ==, 0);
  g_assert_cmpuint (status->offers, ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) offers = offers_of (catalog, expected[i].gpu, "cudo");
      gboolean found = FALSE;

      for (guint o = 0; o < offers->len; o++)
        found |= g_str_equal (rw_offer_get_instance (offers->pdata[o]), expected[i].instance);
      g_test_message ("%s → %s", expected[i].instance, expected[i].gpu);
      g_assert_true (found);
    }
}

/* An auction's bid floor is kept, flagged suspect and left out of the statistics unless
 * included; B200's cheapest is a real offer */
static void
test_bid_floor (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/catalogs/v8/mithril/vms.csv", &status);
  g_autoptr(GPtrArray) b200 = offers_of (catalog, "b200", "mithril");
  g_autoptr(GPtrArray) a100 = offers_of (catalog, "a100-80gb", "mithril");
  g_autoptr(GPtrArray) h100 = offers_of (catalog, "h100-sxm", "mithril");
  g_autoptr(RwPriceStats) without = stats_of (catalog, "b200", RW_PRICING_MASK_ALL);
  g_autoptr(RwPriceStats) with = stats_of (catalog, "b200", RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT);
  g_autoptr(RwPriceStats) a100_stats = stats_of (catalog, "a100-80gb", RW_PRICING_MASK_ALL);

  g_assert_cmpuint (b200->len, ==, 2);   /* Price and SpotPrice */
  for (guint i = 0; i < b200->len; i++)
    g_assert_true (rw_offer_get_suspect (b200->pdata[i]));
  g_assert_cmpuint (a100->len, ==, 8);   /* 1, 2, 4 and 8 GPUs */
  for (guint i = 0; i < a100->len; i++)
    g_assert_true (rw_offer_get_suspect (a100->pdata[i]));
  /* $1.00 per H100 is low but a rental price */
  g_assert_cmpuint (h100->len, ==, 2);
  for (guint i = 0; i < h100->len; i++)
    g_assert_false (rw_offer_get_suspect (h100->pdata[i]));

  g_assert_cmpstr (without->cheapest_provider, !=, "mithril");
  g_assert_cmpfloat (without->cheapest_hr, >, 0.5);
  g_assert_cmpfloat (without->spread, <, 0.95);
  g_assert_cmpuint (without->suspect, ==, 2);
  g_assert_cmpuint (without->left_out->len, ==, 1);
  g_assert_cmpstr (g_array_index (without->left_out, RwProviderRate, 0).provider, ==, "mithril");
  g_assert_cmpstr (a100_stats->cheapest_provider, !=, "mithril");

  /* included on request */
  g_assert_cmpstr (with->cheapest_provider, ==, "mithril");
  g_assert_cmpfloat_with_epsilon (with->cheapest_hr, 0.01, 1e-9);
  g_assert_cmpuint (with->providers, ==, without->providers + 1);
}

/* A GPU-only price is joined to its host machine: a2-ultragpu-1g $1.09962 + $3.93 */
static void
test_gpu_only (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(RwFeedStatus) status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, "/catalogs/v8/gcp/vms.csv", &status);
  g_autoptr(GPtrArray) a100 = offers_of (catalog, "a100-80gb", "gcp");
  gboolean one = FALSE, eight = FALSE;

  g_assert_cmpuint (a100->len, ==, 4);   /* 1 and 8 GPUs, on demand and spot */
  g_assert_cmpuint (status->gpu_only, ==, 0);
  for (guint i = 0; i < a100->len; i++)
    {
      RwOffer *offer = a100->pdata[i];

      g_assert_false (rw_offer_get_gpu_only (offer));
      if (rw_offer_get_pricing (offer) != RW_PRICING_ON_DEMAND)
        continue;
      if (g_str_equal (rw_offer_get_instance (offer), "a2-ultragpu-1g"))
        {
          one = TRUE;
          g_assert_cmpfloat_with_epsilon (rw_offer_get_price_hr (offer), 1.09962 + 3.93, 1e-9);
          g_assert_cmpfloat_with_epsilon (rw_offer_get_per_gpu_hr (offer), 5.03, 0.005);
          g_assert_cmpfloat (rw_offer_get_vcpus (offer), ==, 12);
        }
      if (g_str_equal (rw_offer_get_instance (offer), "a2-ultragpu-8g"))
        {
          eight = TRUE;
          g_assert_cmpfloat_with_epsilon (rw_offer_get_price_hr (offer), 8.79698 + 31.44, 1e-9);
        }
    }
  g_assert_true (one && eight);
}

/* The same provider from two feeds: taken once, from the newer (by Last-Modified), never
 * added; the older feed's status names the newer */
static void
test_same_provider_twice (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *old_url = g_strconcat (fx->base_url, "/old/catalogs/v9/lambda/vms.csv", NULL);
  g_autofree char *new_url = g_strconcat (fx->base_url, "/new/catalogs/v9/lambda/vms.csv", NULL);
  /* the older first: list order must not decide */
  const char *feeds[] = { old_url, new_url, NULL };
  RefreshWait wait = { 0 };
  g_autoptr(GPtrArray) pcie = NULL;
  g_autoptr(GPtrArray) gh200 = NULL;
  RwFeedStatus *old_status, *new_status;

  rw_source_refresh_async (fx->source, feeds, FALSE, NULL, refresh_waited, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  old_status = g_ptr_array_index (wait.statuses, 0);
  new_status = g_ptr_array_index (wait.statuses, 1);

  /* the newer feed's offers only */
  pcie = offers_of (wait.catalog, "h100-pcie", "lambda");
  gh200 = offers_of (wait.catalog, "gh200", "lambda");
  g_assert_cmpuint (pcie->len, ==, 2);
  g_assert_cmpuint (gh200->len, ==, 0);
  g_assert_cmpstr (old_status->superseded_by, ==, new_url);
  g_assert_null (new_status->superseded_by);

  g_ptr_array_unref (wait.statuses);
  g_object_unref (wait.catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cases/lambda-number-grammar", Fixture, NULL, fixture_setup, test_number_grammar,
              fixture_teardown);
  g_test_add ("/cases/lambda-duplicate-rows", Fixture, NULL, fixture_setup, test_duplicate_rows,
              fixture_teardown);
  g_test_add ("/cases/vast-h100-nvl-under-plain-name", Fixture, NULL, fixture_setup, test_h100_nvl,
              fixture_teardown);
  g_test_add ("/cases/cudo-name-variants", Fixture, NULL, fixture_setup, test_cudo_names,
              fixture_teardown);
  g_test_add ("/cases/mithril-bid-floor", Fixture, NULL, fixture_setup, test_bid_floor,
              fixture_teardown);
  g_test_add ("/cases/gcp-gpu-only-rows", Fixture, NULL, fixture_setup, test_gpu_only,
              fixture_teardown);
  g_test_add ("/cases/same-provider-two-feeds", Fixture, NULL, fixture_setup,
              test_same_provider_twice, fixture_teardown);

  return g_test_run ();
}
