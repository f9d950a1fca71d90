/* test-report.c: the --report and --list documents, member by member
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rw-json-writer.h"
#include "rw-report.h"
#include "test-common.h"

static JsonObject *
parse_object (const char *json,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

#define assert_member_double(obj, name, expected) \
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj, name), expected, 1e-9)

static void
test_gpu_json (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  RwReportOptions options;
  JsonObject *root, *cat, *gpu, *prices, *obj, *rvo;
  JsonArray *providers, *fits;

  rw_report_options_init (&options);
  json = rw_report_gpu_json (catalog, rw_catalog_lookup_gpu (catalog, "l40s"), &options);
  root = parse_object (json, parser);

  cat = json_object_get_object_member (root, "catalog");
  g_assert_cmpstr (json_object_get_string_member (cat, "generated_at"), ==, "2026-05-24T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (cat, "source"), ==, "file");
  g_assert_cmpint (json_object_get_int_member (cat, "skipped_records"), ==, 0);
  g_assert_true (json_object_get_null_member (cat, "first_problem"));

  gpu = json_object_get_object_member (root, "gpu");
  g_assert_cmpstr (json_object_get_string_member (gpu, "id"), ==, "l40s");
  g_assert_cmpstr (json_object_get_string_member (gpu, "name"), ==, "NVIDIA L40S");
  g_assert_cmpstr (json_object_get_string_member (gpu, "architecture"), ==, "Ada Lovelace");
  assert_member_double (gpu, "vram_gb", 48);
  assert_member_double (gpu, "tdp_w", 350);
  assert_member_double (gpu, "msrp_usd", 9000);

  prices = json_object_get_object_member (root, "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (prices, "offers"), ==, 12);
  obj = json_object_get_object_member (prices, "cheapest");
  g_assert_cmpstr (json_object_get_string_member (obj, "provider"), ==, "novita");
  assert_member_double (obj, "price_hr", 0.28);
  assert_member_double (prices, "median_hr", 0.92);
  obj = json_object_get_object_member (prices, "most_expensive");
  g_assert_cmpstr (json_object_get_string_member (obj, "provider"), ==, "acecloud");
  assert_member_double (obj, "price_hr", 1.80);
  /* unrounded: 1 − 0.28/1.8, not 0.84 */
  g_assert_cmpfloat (json_object_get_double_member (prices, "spread"), ==, 1.0 - 0.28 / 1.8);
  assert_member_double (prices, "per_day", 6.72);
  assert_member_double (prices, "per_week", 47.04);
  assert_member_double (prices, "per_month", 201.6);

  providers = json_object_get_array_member (root, "providers");
  g_assert_cmpuint (json_array_get_length (providers), ==, 10);
  obj = json_array_get_object_element (providers, 0);
  g_assert_cmpstr (json_object_get_string_member (obj, "provider"), ==, "novita");
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Novita AI");
  assert_member_double (obj, "price_hr", 0.28);
  g_assert_cmpint (json_object_get_int_member (obj, "offers"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (obj, "pricing"), ==, "spot");
  for (guint i = 1; i < 10; i++)
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (providers, i - 1), "price_hr"),
                       <=,
                       json_object_get_double_member (json_array_get_object_element (providers, i), "price_hr"));

  fits = json_object_get_array_member (root, "fits");
  g_assert_cmpuint (json_array_get_length (fits), ==, 28);
  for (guint i = 0; i < 28; i++)
    {
      obj = json_array_get_object_element (fits, i);
      /* the breakdown is per GPU and adds up; the fixture's L40S has no usable_vram_mib:
       * 48 GiB × 46068 / 49152 is 46068 MiB */
      assert_member_double (obj, "usable_bytes", 46068.0 * 1048576);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj, "need_bytes"),
                                      json_object_get_double_member (obj, "weights_bytes") +
                                      json_object_get_double_member (obj, "kv_bytes") +
                                      json_object_get_double_member (obj, "state_bytes") +
                                      json_object_get_double_member (obj, "runtime_bytes"), 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "by_gpus")), ==, 4);
      if (g_str_equal (json_object_get_string_member (obj, "model"), "gemma-3-27b"))
        {
          g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Gemma 3 27B");
          g_assert_true (json_object_get_boolean_member (obj, "fits"));
          g_assert_cmpint (json_object_get_int_member (obj, "gpus"), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (obj, "precision"), ==, "fp8");
          /* no layer data in the fixture: a flagged default geometry */
          g_assert_false (json_object_get_boolean_member (obj, "kv_estimated"));
          g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj, "estimated"), 0), ==, "layers");
          g_assert_false (json_object_get_boolean_member (obj, "context_capped"));
          g_assert_cmpint (json_object_get_int_member (obj, "context"), ==, 8192);
        }
      if (g_str_equal (json_object_get_string_member (obj, "model"), "llama-3-3-70b"))
        {
          /* vLLM: INT4 does not fit one L40S, FP8 fits two; the KV is split */
          g_assert_true (json_object_get_boolean_member (obj, "fits"));
          g_assert_cmpint (json_object_get_int_member (obj, "gpus"), ==, 2);
          g_assert_cmpstr (json_object_get_string_member (obj, "precision"), ==, "fp8");
          g_assert_true (json_object_get_boolean_member (obj, "kv_estimated"));
          assert_member_double (obj, "kv_bytes", 2.0 * 8 * 128 * 2 * 80 * 8192 / 2);
          assert_member_double (obj, "kv_gb", 2.0 * 8 * 128 * 2 * 80 * 8192 / 1e9);
        }
    }

  rvo = json_object_get_object_member (root, "rent_vs_own");
  assert_member_double (rvo, "hours_per_day", 8);
  assert_member_double (rvo, "kwh_price", 0.15);
  assert_member_double (rvo, "pue", 1);
  assert_member_double (rvo, "purchase_price", 9000);
  assert_member_double (rvo, "rate_hr", 0.28);
  assert_member_double (rvo, "rent_per_day", 2.24);
  assert_member_double (rvo, "rent_per_month", 67.2);
  assert_member_double (rvo, "power_per_day", 0.42);
  assert_member_double (rvo, "breakeven_days", 9000 / 1.82);
  assert_member_double (rvo, "breakeven_months", 9000 / 1.82 / 30);
}

static void
test_gpu_json_options (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  RwReportOptions options;
  JsonObject *root, *rvo, *prices;

  rw_report_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  options.rent.hours_per_day = 24;
  options.rent.kwh_price = 0.30;
  options.rent.pue = 1.5;
  options.rent.purchase_price = 7000;
  options.context = 131072;
  json = rw_report_gpu_json (catalog, rw_catalog_lookup_gpu (catalog, "l40s"), &options);
  root = parse_object (json, parser);

  prices = json_object_get_object_member (root, "prices");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prices, "cheapest"),
                                                  "provider"), ==, "lium");
  rvo = json_object_get_object_member (root, "rent_vs_own");
  assert_member_double (rvo, "purchase_price", 7000);
  assert_member_double (rvo, "rate_hr", 0.38);
  assert_member_double (rvo, "rent_per_day", 0.38 * 24);
  assert_member_double (rvo, "power_per_day", 0.35 * 24 * 0.30 * 1.5);
  assert_member_double (rvo, "breakeven_days", 7000 / (0.38 * 24 - 0.35 * 24 * 0.30 * 1.5));

  /* at 128K context a 70B's KV cache alone is 42.9 GB: 4 cards (vLLM, FP8) */
  {
    JsonArray *fits = json_object_get_array_member (root, "fits");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (fits); i++)
      {
        JsonObject *fit = json_array_get_object_element (fits, i);
        if (g_str_equal (json_object_get_string_member (fit, "model"), "llama-3-3-70b"))
          {
            g_assert_cmpint (json_object_get_int_member (fit, "gpus"), ==, 4);
            g_assert_cmpint (json_object_get_int_member (fit, "context"), ==, 131072);
            assert_member_double (fit, "kv_gb", 2.0 * 8 * 128 * 2 * 80 * 131072 / 1e9);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

static void
test_gpu_without_offers (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  RwReportOptions options;
  JsonObject *root, *prices, *rvo, *gpu;

  rw_report_options_init (&options);
  json = rw_report_gpu_json (catalog, rw_catalog_lookup_gpu (catalog, "mystery"), &options);
  root = parse_object (json, parser);
  gpu = json_object_get_object_member (root, "gpu");
  g_assert_true (json_object_get_null_member (gpu, "architecture"));
  g_assert_true (json_object_get_null_member (gpu, "msrp_usd"));
  prices = json_object_get_object_member (root, "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 0);
  g_assert_true (json_object_get_null_member (prices, "cheapest"));
  g_assert_true (json_object_get_null_member (prices, "median_hr"));
  g_assert_true (json_object_get_null_member (prices, "spread"));
  rvo = json_object_get_object_member (root, "rent_vs_own");
  g_assert_true (json_object_get_null_member (rvo, "rate_hr"));
  g_assert_true (json_object_get_null_member (rvo, "breakeven_days"));
  g_assert_true (json_object_get_null_member (rvo, "breakeven_months"));
  /* still lists every model, with INT8 rather than FP8 on an unknown architecture */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "fits")), ==, 28);

  text = rw_report_gpu_text (catalog, rw_catalog_lookup_gpu (catalog, "mystery"), &options);
  g_assert_nonnull (strstr (text, "No offers in this catalog."));
  g_assert_nonnull (strstr (text, "INT8"));
  g_assert_null (strstr (text, "FP8"));
}

static void
test_text (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autofree char *text = NULL;
  g_autofree char *list = NULL;
  RwReportOptions options;

  rw_report_options_init (&options);
  text = rw_report_gpu_text (catalog, rw_catalog_lookup_gpu (catalog, "l40s"), &options);
  g_assert_nonnull (strstr (text, "From $0.28/hr · $6.72/day · $47.04/week · $201.60/month"));
  g_assert_nonnull (strstr (text, "10 providers, 12 offers · up to 84% cheaper at the low end"));
  g_assert_nonnull (strstr (text, "Novita AI"));
  g_assert_nonnull (strstr (text, "Median          $0.92/hr"));
  g_assert_nonnull (strstr (text, "MSRP $9,000"));
  g_assert_nonnull (strstr (text, "pays off after 4,945 days (164.8 months)\n"
                                 "  That is after the horizon of 36 months.\n"));

  list = rw_report_list_text (catalog, &options);
  g_assert_nonnull (strstr (list, "l40s"));
  g_assert_nonnull (strstr (list, "$0.28/hr"));
  g_assert_nonnull (strstr (list, "10 providers"));
  g_assert_nonnull (strstr (list, "mystery"));
}

static void
test_text_is_sanitized (void)
{
  static const char json[] =
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"vram_gb\": 8,"
    " \"name\": \"Evil\\u001b[2J\\u0007 GPU\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);
  g_autofree char *text = NULL;
  g_autofree char *list = NULL;
  g_autofree char *json_out = NULL;
  RwReportOptions options;

  g_assert_no_error (error);
  rw_report_options_init (&options);
  text = rw_report_gpu_text (catalog, rw_catalog_lookup_gpu (catalog, "g"), &options);
  list = rw_report_list_text (catalog, &options);
  g_assert_null (strchr (text, '\033'));
  g_assert_null (strchr (list, '\033'));
  g_assert_null (strchr (text, '\a'));
  g_assert_nonnull (strstr (text, "Evil\xef\xbf\xbd[2J\xef\xbf\xbd GPU"));
  /* JSON escapes them */
  json_out = rw_report_list_json (catalog, &options);
  g_assert_nonnull (strstr (json_out, "Evil\\u001b[2J\\u0007 GPU"));
}

static void
test_list_json (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  RwReportOptions options;
  JsonObject *root, *first;
  JsonArray *gpus;

  rw_report_options_init (&options);
  json = rw_report_list_json (catalog, &options);
  root = parse_object (json, parser);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "catalog"),
                                                  "source"), ==, "file");
  gpus = json_object_get_array_member (root, "gpus");
  g_assert_cmpuint (json_array_get_length (gpus), ==, 3);
  first = json_array_get_object_element (gpus, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "l40s");
  assert_member_double (first, "vram_gb", 48);
  g_assert_cmpint (json_object_get_int_member (first, "providers"), ==, 10);
  assert_member_double (json_object_get_object_member (first, "cheapest"), "price_hr", 0.28);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (gpus, 2), "cheapest"));
}

static void
test_shortest_double (void)
{
  struct { double v; const char *s; } cases[] = {
    { 0.28, "0.28" }, { 350, "350" }, { 0, "0" }, { 201.6, "201.6" },
    { 0.28 * 720, "201.60000000000002" }, { 1.0 / 3, "0.3333333333333333" },
    { 1e20, "1e+20" }, { -2.5, "-2.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = rw_format_shortest_double (cases[i].v);
      g_assert_cmpstr (s, ==, cases[i].s);
      g_assert_cmpfloat (g_ascii_strtod (s, NULL), ==, cases[i].v);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/gpu-json", test_gpu_json);
  g_test_add_func ("/report/gpu-json-options", test_gpu_json_options);
  g_test_add_func ("/report/gpu-without-offers", test_gpu_without_offers);
  g_test_add_func ("/report/text", test_text);
  g_test_add_func ("/report/text-is-sanitized", test_text_is_sanitized);
  g_test_add_func ("/report/list-json", test_list_json);
  g_test_add_func ("/report/shortest-double", test_shortest_double);

  return g_test_run ();
}
