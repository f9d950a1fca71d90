/* test-feed.c: the SkyPilot CSV and native feed adapters, and merging over the built-in catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rw-feed.h"
#include "rw-stats.h"
#include "test-common.h"

static RwCatalog *builtin;

/* Every file of ../shared/data/skypilot_catalog/ (copied to tests/fixtures/skypilot/):
 * rows read, offers made, rows skipped, rows unmapped. */
static const struct {
  const char *file;
  const char *provider;
  guint       rows;
  guint       offers;
  guint       skipped;
  guint       unmapped;
} files[] = {
#include "skypilot-expected.inc"
};

static void
test_skypilot_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "skypilot", files[i].file, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RwFeedData) feed = NULL;
      g_auto(RwFeedStats) stats;
      gsize len;

      rw_feed_stats_init (&stats);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      feed = rw_skypilot_csv_parse (data, len, files[i].provider, builtin, &stats, &error);
      g_test_message ("{ \"%s\", \"%s\", %u, %u, %u, %u },", files[i].file, files[i].provider,
                      stats.rows, stats.offers, stats.skipped, stats.unmapped);
      for (guint u = 0; u < stats.unmapped_names->len; u++)
        g_test_message ("  unmapped: %s", (char *) g_ptr_array_index (stats.unmapped_names, u));
      if (g_getenv ("RW_PRINT_EXPECTED"))
        continue;
      if (files[i].rows == 0)
        {
          /* not a vms.csv */
          g_assert_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID);
          g_assert_null (feed);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (stats.rows, ==, files[i].rows);
      g_assert_cmpuint (stats.offers, ==, files[i].offers);
      g_assert_cmpuint (stats.skipped, ==, files[i].skipped);
      g_assert_cmpuint (stats.unmapped, ==, files[i].unmapped);
      g_assert_cmpuint (feed->offers->len, ==, files[i].offers);
      g_assert_cmpuint (feed->providers->len, ==, 1);
      g_assert_cmpstr (rw_provider_get_id (g_ptr_array_index (feed->providers, 0)), ==, files[i].provider);
      for (guint o = 0; o < feed->offers->len; o++)
        {
          RwOffer *offer = g_ptr_array_index (feed->offers, o);
          g_assert_nonnull (rw_catalog_lookup_gpu (builtin, rw_offer_get_gpu (offer)));
          g_assert_cmpfloat (rw_offer_get_price_hr (offer), >, 0);
          g_assert_cmpuint (rw_offer_get_gpu_count (offer), >=, 1);
        }
    }
}

static RwFeedData *
parse_csv (const char  *csv,
           RwFeedStats *stats,
           GError     **error)
{
  rw_feed_stats_init (stats);
  return rw_skypilot_csv_parse (csv, strlen (csv), "lambda", builtin, stats, error);
}

static void
test_csv_rules (void)
{
  /* columns by header name, in any order; quoted GpuInfo with commas; CRLF */
  static const char csv[] =
    "Price,SpotPrice,AcceleratorCount,AcceleratorName,InstanceType,vCPUs,MemoryGiB,Region,GpuInfo\r\n"
    "2.49,,1.0,H100,gpu_1x_h100_pcie,26,225,us-east-1,\"{'Gpus': [{'Name': 'H100', 'MemoryInfo': {'SizeInMiB': 81920}}]}\"\r\n"
    "23.92,12.00,8.0,H100,gpu_8x_h100_sxm5,208,1800,us-east-1,\"{'Gpus': [{'Name': 'H100'}]}\"\r\n"
    "1.29,,1,A100,gpu_1x_a100,30,200,us-west-1,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 40960}}]}\"\r\n"
    "0.50,,,,cpu_only,8,32,us-west-1,\r\n"                      /* no accelerator */
    ",,1,L40S,gpu_1x_l40s,8,32,us-west-1,\r\n"                     /* no price */
    "0,0,1,L40S,gpu_1x_l40s,8,32,us-west-1,\r\n"                   /* zero price */
    "0.30,,0.5,T4,half_t4,4,16,us-west-1,\r\n"                     /* fractional GPU */
    "9.99,,1,TPU-v5,tpu,4,16,us-west-1,\r\n"                       /* unmapped */
    "9.99,,1,TPU-v5,tpu2,4,16,us-west-1,\r\n"                      /* unmapped, once listed */
    "0.35,,1,T4,,,,us-central1,\r\n"                               /* GCP: GPU-only row */
    "1,2,3\r\n";                                                   /* wrong field count */
  g_autoptr(GError) error = NULL;
  g_auto(RwFeedStats) stats;
  g_autoptr(RwFeedData) feed = parse_csv (csv, &stats, &error);
  RwOffer *offer;

  g_assert_no_error (error);
  g_assert_cmpuint (stats.rows, ==, 11);
  g_assert_cmpuint (stats.offers, ==, 5);
  g_assert_cmpuint (stats.skipped, ==, 5);
  g_assert_cmpuint (stats.unmapped, ==, 2);
  g_assert_cmpuint (stats.unmapped_names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stats.unmapped_names, 0), ==, "TPU-v5");

  offer = g_ptr_array_index (feed->offers, 0);
  g_assert_cmpstr (rw_offer_get_gpu (offer), ==, "h100-pcie");    /* by the instance name */
  g_assert_cmpstr (rw_offer_get_provider (offer), ==, "lambda");
  g_assert_cmpstr (rw_offer_get_region (offer), ==, "us-east-1");
  g_assert_cmpfloat (rw_offer_get_vcpus (offer), ==, 26);
  g_assert_cmpfloat (rw_offer_get_ram_gb (offer), ==, 225);
  g_assert_cmpint (rw_offer_get_pricing (offer), ==, RW_PRICING_ON_DEMAND);

  offer = g_ptr_array_index (feed->offers, 1);
  g_assert_cmpstr (rw_offer_get_gpu (offer), ==, "h100-sxm");
  g_assert_cmpuint (rw_offer_get_gpu_count (offer), ==, 8);
  g_assert_cmpfloat (rw_offer_get_price_hr (offer), ==, 23.92);   /* the whole instance */
  g_assert_cmpfloat (rw_offer_get_per_gpu_hr (offer), ==, 23.92 / 8);
  offer = g_ptr_array_index (feed->offers, 2);
  g_assert_cmpint (rw_offer_get_pricing (offer), ==, RW_PRICING_SPOT);   /* SpotPrice: its own offer */
  g_assert_cmpfloat (rw_offer_get_price_hr (offer), ==, 12.00);

  offer = g_ptr_array_index (feed->offers, 3);
  g_assert_cmpstr (rw_offer_get_gpu (offer), ==, "a100-40gb");    /* by GpuInfo memory */

  offer = g_ptr_array_index (feed->offers, 4);
  g_assert_cmpstr (rw_offer_get_gpu (offer), ==, "t4");
  g_assert_cmpstr (rw_offer_get_instance (offer), ==, "GPU only");
  g_assert_true (rw_offer_get_gpu_only (offer));   /* no machine type to join it to */
}

static void
test_csv_refused (void)
{
  const char *bad[] = {
    "",
    "just,some,words\nand,more,words\n",
    "InstanceType,AcceleratorName,AcceleratorCount,Price\n\"unterminated,H100,1,2.0\n",
    "\xff\xfe garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(RwFeedStats) stats;
      g_autoptr(RwFeedData) feed = parse_csv (bad[i], &stats, &error);

      int expected = i == 0 ? RW_FEED_ERROR_EMPTY : RW_FEED_ERROR_INVALID;

      g_assert_null (feed);
      g_assert_error (error, RW_FEED_ERROR, expected);
    }
}

static void
test_provider_for_url (void)
{
  struct { const char *url; const char *id; } cases[] = {
    { "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/lambda/vms.csv", "lambda" },
    { "https://example.com/catalogs/v8/vast/vms.csv", "vast-ai" },
    { "https://example.com/catalogs/v8/jarvislabs/vms.csv", "jarvis-labs" },
    { "http://127.0.0.1:8080/Acme/vms.csv", "acme" },
    { "https://example.com/vms.csv", NULL },
    { "https://example.com/we%20ird/vms.csv", NULL },
    { "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = rw_feed_provider_for_url (cases[i].url);
      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
test_native_feed_and_merge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "l40s-reference.json", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RwFeedData) feed = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new ();
  g_autoptr(RwCatalog) merged = NULL;
  g_auto(RwFeedStats) stats;
  GPtrArray *l40s_offers;
  gsize len;
  guint builtin_vultr = 0, builtin_runpod = 0, merged_runpod = 0;

  rw_feed_stats_init (&stats);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  feed = rw_feed_parse (bytes, "https://example.com/feed.json", builtin, &stats, &error);
  g_assert_no_error (error);
  /* l40s and a100-80gb exist in the built-in catalog; "mystery" has no offers */
  g_assert_cmpuint (stats.offers, ==, 13);
  g_assert_cmpuint (stats.unmapped, ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (rw_catalog_get_offers (builtin)); i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (rw_catalog_get_offers (builtin), i);
      builtin_vultr += g_str_equal (rw_offer_get_provider (offer), "vultr");
      builtin_runpod += g_str_equal (rw_offer_get_provider (offer), "runpod");
    }
  g_assert_cmpuint (builtin_vultr, >, 3);

  g_ptr_array_add (feeds, feed);
  merged = rw_catalog_merge (builtin, feeds, RW_CATALOG_SOURCE_NETWORK);
  g_assert_cmpint (rw_catalog_get_source (merged), ==, RW_CATALOG_SOURCE_NETWORK);
  /* specs, models and history stay from the built-in catalog */
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (merged)), ==,
                    g_list_model_get_n_items (rw_catalog_get_gpus (builtin)));
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_models (merged)), ==,
                    g_list_model_get_n_items (rw_catalog_get_models (builtin)));
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_history (merged)), ==,
                    g_list_model_get_n_items (rw_catalog_get_history (builtin)));
  /* the feed's providers replace their built-in offers: Vultr now has exactly the feed's 2 */
  l40s_offers = rw_catalog_get_offers_for_gpu (merged, "l40s");
  for (guint i = 0; i < g_list_model_get_n_items (rw_catalog_get_offers (merged)); i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (rw_catalog_get_offers (merged), i);
      g_assert_false (g_str_equal (rw_offer_get_provider (offer), "vultr") &&
                      g_str_equal (rw_offer_get_gpu (offer), "h100-sxm"));
      merged_runpod += g_str_equal (rw_offer_get_provider (offer), "runpod");
    }
  /* a provider the feed does not mention keeps its built-in offers */
  g_assert_cmpuint (merged_runpod, ==, builtin_runpod);
  g_assert_nonnull (rw_catalog_lookup_provider (merged, "acecloud"));
  g_assert_cmpuint (l40s_offers->len, >, 12);
  /* the base is unchanged */
  g_assert_null (rw_catalog_lookup_provider (builtin, "acecloud"));
}

static void
test_alias_lookup (void)
{
  g_assert_cmpstr (rw_gpu_get_id (rw_catalog_lookup_gpu_by_alias (builtin, "H100-SXM")), ==, "h100-sxm");
  g_assert_cmpstr (rw_gpu_get_id (rw_catalog_lookup_gpu_by_alias (builtin, "nvidia l40s")), ==, "l40s");
  g_assert_cmpstr (rw_gpu_get_id (rw_catalog_lookup_gpu_by_alias (builtin, "RTX6000-Ada")), ==, "rtx-6000-ada");
  g_assert_cmpstr (rw_gpu_get_id (rw_catalog_lookup_gpu_by_alias (builtin, "A100-80GB")), ==, "a100-80gb");
  g_assert_null (rw_catalog_lookup_gpu_by_alias (builtin, "TPU-v5"));
  g_assert_null (rw_catalog_lookup_gpu_by_alias (builtin, NULL));
}

/* Every distinct accelerator name of ../shared/data/ with its expected GPU id */
static void
test_identity_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gpu-identity.tsv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(RwGpuIdentity) identity = rw_gpu_identity_new (builtin);
  g_auto(GStrv) lines = NULL;
  guint rows = 0, wrong = 0;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *reason = NULL;
      RwGpu *gpu;
      const char *got;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      gpu = rw_skypilot_identify (identity, f[0], f[1], f[2], g_ascii_strtod (f[3], NULL),
                                  (guint) g_ascii_strtoull (f[4], NULL, 10), &reason);
      got = gpu ? rw_gpu_get_id (gpu) : "";
      rows++;
      if (!g_str_equal (got, f[5]))
        {
          g_test_message ("%s “%s” %s %s MiB ×%s: expected “%s”, got “%s” %s", f[0], f[1], f[2],
                          f[3], f[4], f[5], got, reason ? reason : "");
          wrong++;
        }
      /* an unmapped name whose family is known says why */
      if (gpu == NULL && g_str_equal (f[1], "RTX4070"))
        g_assert_nonnull (reason);
    }
  g_assert_cmpuint (rows, >, 500);
  g_assert_cmpuint (wrong, ==, 0);
}

/* Decoration goes; what makes another card stays */
static void
test_name_key (void)
{
  static const struct { const char *name; const char *key; } cases[] = {
    { "NVIDIA RTX 6000 Ada Generation", "rtx 6000 ada" },
    { "A40 (graphics mode)", "a 40" },
    { "NVIDIA H100 80GB HBM3", "h 100 80 gb" },
    { "AMD Instinct MI300X", "mi 300 x" },
    { "NVIDIA GeForce RTX 4090", "rtx 4090" },
    { "4x-RTX_4070S_Ti", "4 x rtx 4070 s ti" },
    { "RTX 4070 Ti Super", "rtx 4070 ti super" },
    { "RTX 4090 D", "rtx 4090 d" },
    { "H100-80G-SXM5", "h 100 80 gb sxm5" },
    { "A10G", "a 10 g" },   /* not 10 GB: the size starts a word */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = rw_gpu_name_key (cases[i].name);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
  /* variants are other cards: never the card without the suffix */
  {
    g_autoptr(RwGpuIdentity) identity = rw_gpu_identity_new (builtin);
    const char *others[] = { "RTX 4070 S", "RTX 4070 Super", "RTX 4090 D", "RTX 4090 Laptop",
                             "RTX 4070 Ti Super", "RTX 3060 Ti" };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      g_assert_null (rw_gpu_identity_match (identity, others[i], NULL, 0, 1, NULL));
  }
}

/* Plain decimals only */
static void
test_decimal (void)
{
  static const struct { const char *str; gboolean ok; double value; } cases[] = {
    { "3.29", TRUE, 3.29 }, { " 1.99 ", TRUE, 1.99 }, { "2.29e0", TRUE, 2.29 },
    { "-0.69", TRUE, -0.69 }, { "+4", TRUE, 4 }, { ".5", TRUE, 0.5 }, { "5.", TRUE, 5 },
    { "1E-3", TRUE, 0.001 },
    { "0x1.8p+2", FALSE, 0 }, { "0x10", FALSE, 0 }, { "inf", FALSE, 0 }, { "nan", FALSE, 0 },
    { "Infinity", FALSE, 0 }, { "4,29", FALSE, 0 }, { "1,299.00", FALSE, 0 }, { "1e999", FALSE, 0 },
    { "", FALSE, 0 }, { ".", FALSE, 0 }, { "1e", FALSE, 0 }, { "1.2.3", FALSE, 0 }, { "$3", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -42;

      g_test_message ("“%s”", cases[i].str);
      g_assert_cmpint (rw_parse_decimal (cases[i].str, &value), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-12);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  builtin = rw_catalog_new_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/feed/skypilot-files", test_skypilot_files);
  g_test_add_func ("/feed/csv-rules", test_csv_rules);
  g_test_add_func ("/feed/csv-refused", test_csv_refused);
  g_test_add_func ("/feed/provider-for-url", test_provider_for_url);
  g_test_add_func ("/feed/native-and-merge", test_native_feed_and_merge);
  g_test_add_func ("/feed/alias-lookup", test_alias_lookup);
  g_test_add_func ("/feed/identity-table", test_identity_table);
  g_test_add_func ("/feed/name-key", test_name_key);
  g_test_add_func ("/feed/decimal", test_decimal);

  ret = g_test_run ();
  g_clear_object (&builtin);
  return ret;
}
