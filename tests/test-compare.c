/* test-compare.c: two to four GPUs side by side (rw-compare): the same numbers as each GPU's
 * own report, the fits diff, the best-value marks, the id errors and the CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rw-compare.h"
#include "rw-json-writer.h"
#include "rw-plan.h"
#include "test-common.h"

/* A synthetic catalog for the fits diff and the marks: test inputs, not data. The GPUs'
 * usable memory is the driver total docs/FIT.md cites for an RTX 4090 (24 564 MiB), an L40S
 * (46 068 MiB) and an H100 (81 559 MiB); the models are made up, sized so that the answer
 * does not depend on the memory model's details (see test_fits_diff). */
static const char small_catalog[] =
  "{ \"schema\": \"rentwise-catalog/1\", \"generated_at\": \"2026-05-24T00:00:00Z\","
  "  \"gpus\": ["
  "    { \"id\": \"small\", \"name\": \"Small, \\\"24\\\"\", \"architecture\": \"=Ada\","
  "      \"vram_gb\": 24, \"usable_vram_mib\": 24564, \"tdp_w\": 450, \"msrp_usd\": 1600,"
  "      \"memory_bandwidth_gbps\": 1000 },"
  "    { \"id\": \"mid\", \"name\": \"Mid\", \"architecture\": \"Ada Lovelace\","
  "      \"vram_gb\": 48, \"usable_vram_mib\": 46068, \"tdp_w\": 350, \"msrp_usd\": 9000,"
  "      \"memory_bandwidth_gbps\": 800 },"
  "    { \"id\": \"big\", \"name\": \"Big\", \"architecture\": \"Hopper\","
  "      \"vram_gb\": 80, \"usable_vram_mib\": 81559, \"msrp_usd\": 30000,"
  "      \"memory_bandwidth_gbps\": 3200 },"
  "    { \"id\": \"bare\", \"name\": \"Bare\", \"architecture\": \"Line\\r\\nbreak\","
  "      \"vram_gb\": 16 }"
  "  ],"
  "  \"providers\": ["
  "    { \"id\": \"a\", \"name\": \"Cloud A\" }, { \"id\": \"b\", \"name\": \"Cloud B\" }"
  "  ],"
  "  \"offers\": ["
  "    { \"provider\": \"a\", \"gpu\": \"small\", \"gpu_count\": 1, \"price_hr\": 0.40, \"pricing\": \"spot\" },"
  "    { \"provider\": \"b\", \"gpu\": \"small\", \"gpu_count\": 2, \"price_hr\": 1.00, \"pricing\": \"on-demand\" },"
  "    { \"provider\": \"a\", \"gpu\": \"mid\", \"gpu_count\": 1, \"price_hr\": 0.40, \"pricing\": \"on-demand\" },"
  "    { \"provider\": \"b\", \"gpu\": \"mid\", \"gpu_count\": 1, \"price_hr\": 0.80, \"pricing\": \"on-demand\" },"
  "    { \"provider\": \"a\", \"gpu\": \"big\", \"gpu_count\": 8, \"price_hr\": 16.0, \"pricing\": \"reserved\" }"
  "  ],"
  "  \"models\": ["
  "    { \"id\": \"tiny\", \"name\": \"Tiny 1B\", \"params_b\": 1, \"context\": 131072,"
  "      \"layers\": 16, \"kv_heads\": 8, \"head_dim\": 64 },"
  "    { \"id\": \"m60\", \"name\": \"Middle 60B\", \"params_b\": 60, \"context\": 131072,"
  "      \"layers\": 64, \"kv_heads\": 8, \"head_dim\": 128 },"
  "    { \"id\": \"m120\", \"name\": \"Large 120B\", \"params_b\": 120, \"context\": 131072,"
  "      \"layers\": 88, \"kv_heads\": 8, \"head_dim\": 128 },"
  "    { \"id\": \"m400\", \"name\": \"Huge 400B\", \"params_b\": 400, \"context\": 131072,"
  "      \"layers\": 126, \"kv_heads\": 8, \"head_dim\": 128 },"
  "    { \"id\": \"long20\", \"name\": \"Long 20B\", \"params_b\": 20, \"context\": 131072,"
  "      \"layers\": 48, \"kv_heads\": 8, \"head_dim\": 128 }"
  "  ] }";

static RwCatalog *
load_small (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (small_catalog, strlen (small_catalog));
  g_autoptr(GError) error = NULL;
  RwCatalog *catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 0);
  return catalog;
}

static RwComparison *
compare (RwCatalog             *catalog,
         const char            *ids,
         const char            *model,
         const RwReportOptions *options)
{
  g_auto(GStrv) list = rw_compare_parse_ids (ids);
  g_autoptr(GError) error = NULL;
  RwComparison *cmp = rw_comparison_new (catalog, (const char * const *) list, model, options,
                                         &error);

  g_assert_no_error (error);
  g_assert_nonnull (cmp);
  return cmp;
}

/* Parses and frees @json */
static JsonNode *
parse (char *json)
{
  g_autofree char *owned = json;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_same_member (JsonObject *report,
                    JsonObject *column,
                    const char *member)
{
  g_autofree char *a = json_to_string (json_object_get_member (report, member), FALSE);
  g_autofree char *b = json_to_string (json_object_get_member (column, member), FALSE);

  g_test_message ("%s: %s", member, a);
  g_assert_cmpstr (a, ==, b);
}

/* Each column of a comparison of four built-in GPUs, at options other than the defaults,
 * reads exactly like that GPU's own --report: the same gpu, prices and rent_vs_own members,
 * the same fit of the model, and the row values are those numbers */
static void
test_agrees_with_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  g_autoptr(RwComparison) cmp = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *ids[] = { "l40s", "h100-sxm", "rtx-4090", "a100-80gb" };
  RwReportOptions options;
  JsonArray *gpus;
  RwModel *model;
  gboolean is_default = FALSE;
  RwPlanOptions plan_options;
  g_autoptr(RwPlan) plan = NULL;
  guint planned = 0;

  g_assert_no_error (error);
  rw_report_options_init (&options);
  options.now = 1780000000;
  options.rate_kind = RW_RATE_MEDIAN;
  options.rent.hours_per_day = 12;
  options.rent.kwh_price = 0.31;
  options.rent.pue = 1.3;
  options.context = 32768;
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;

  cmp = compare (catalog, " l40s, h100-sxm,rtx-4090 ,a100-80gb", NULL, &options);
  g_assert_cmpuint (rw_comparison_get_n_columns (cmp), ==, 4);
  model = rw_comparison_get_model (cmp, &is_default);
  g_assert_nonnull (model);
  g_assert_true (is_default);
  root = parse (rw_comparison_json (cmp, catalog));
  gpus = json_object_get_array_member (json_node_get_object (root), "gpus");
  g_assert_cmpuint (json_array_get_length (gpus), ==, 4);
  rw_plan_options_init (&plan_options);
  plan_options.context = options.context;
  plan_options.sessions = options.sessions;
  plan_options.engine = options.engine;
  plan_options.kv_dtype = options.kv_dtype;
  plan_options.pricing_mask = options.pricing_mask;
  plan = rw_plan_compute (catalog, model, &plan_options);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RwGpu *gpu = rw_catalog_lookup_gpu (catalog, ids[i]);
      g_autoptr(JsonNode) report = parse (rw_report_gpu_json (catalog, gpu, &options));
      JsonObject *rep = json_node_get_object (report);
      JsonObject *col = json_array_get_object_element (gpus, i);
      JsonObject *prices = json_object_get_object_member (rep, "prices");
      JsonObject *rvo = json_object_get_object_member (rep, "rent_vs_own");
      JsonArray *fits = json_object_get_array_member (rep, "fits");
      gboolean found = FALSE;

      g_assert_cmpstr (json_object_get_string_member (col, "id"), ==, ids[i]);
      assert_same_member (rep, col, "gpu");
      assert_same_member (rep, col, "prices");
      assert_same_member (rep, col, "rent_vs_own");
      /* the report's fit of the model is the column's */
      for (guint f = 0; f < json_array_get_length (fits); f++)
        {
          JsonObject *fit = json_array_get_object_element (fits, f);

          if (g_str_equal (json_object_get_string_member (fit, "model"), rw_model_get_id (model)))
            {
              JsonObject *wrap = json_object_new ();
              JsonObject *mine = json_object_new ();

              json_object_set_member (wrap, "model_fit",
                                      json_node_copy (json_object_get_member (col, "model_fit")));
              json_object_set_member (mine, "model_fit", json_node_init_object (json_node_alloc (), fit));
              assert_same_member (mine, wrap, "model_fit");
              json_object_unref (wrap);
              json_object_unref (mine);
              found = TRUE;
            }
        }
      g_assert_true (found);

      /* the planner's figures: its throughput at the fit's GPUs and precision, all sessions,
       * and $/M tokens at the median rate (the rent-vs-own rate) for those GPUs */
      {
        const RwCompareColumn *c = rw_comparison_get_column (cmp, i);
        double tps = rw_throughput_tokens_per_s (model, gpu, c->model_fit.gpus,
                                                 c->model_fit.precision, options.engine,
                                                 options.kv_dtype, c->model_fit.context,
                                                 c->model_fit.sessions, NULL);

        g_assert_true (c->model_fit.fits);
        g_assert_cmpfloat (tps, >, 0);
        g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_TOKENS_PER_S, i), ==,
                           tps * c->model_fit.sessions);
        g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_USD_PER_M_TOKENS, i), ==,
                           rw_usd_per_m_tokens (json_object_get_double_member (prices, "median_hr")
                                                * c->model_fit.gpus, tps * c->model_fit.sessions));
        /* and the planner's own option for that GPU, count and precision says the same */
        for (guint o = 0; o < plan->options_ranked->len; o++)
          {
            const RwPlanOption *opt = &g_array_index (plan->options_ranked, RwPlanOption, o);

            if (opt->gpu == gpu && opt->gpus == c->model_fit.gpus &&
                opt->precision == c->model_fit.precision)
              {
                g_assert_cmpfloat (opt->tokens_per_s, ==, tps * c->model_fit.sessions);
                planned++;
              }
          }
      }

      /* the rows' numbers are the report's, exactly */
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_CHEAPEST_HR, i), ==,
                         json_object_get_double_member (json_object_get_object_member (prices, "cheapest"),
                                                        "price_hr"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_MEDIAN_HR, i), ==,
                         json_object_get_double_member (prices, "median_hr"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_MOST_EXPENSIVE_HR, i), ==,
                         json_object_get_double_member (json_object_get_object_member (prices, "most_expensive"),
                                                        "price_hr"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_PROVIDERS, i), ==,
                         json_object_get_int_member (prices, "providers"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_OFFERS, i), ==,
                         json_object_get_int_member (prices, "offers"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_RENT_PER_MONTH, i), ==,
                         json_object_get_double_member (rvo, "rent_per_month"));
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_POWER_PER_MONTH, i), ==,
                         json_object_get_double_member (rvo, "power_per_month"));
      if (json_object_get_null_member (rvo, "breakeven_months"))
        g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_BREAKEVEN_MONTHS, i), <, 0);
      else
        g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_BREAKEVEN_MONTHS, i), ==,
                           json_object_get_double_member (rvo, "breakeven_months"));
      /* the rent is at the median, as asked */
      g_assert_cmpfloat (json_object_get_double_member (rvo, "rate_hr"), ==,
                         json_object_get_double_member (prices, "median_hr"));
      /* the two ratios: cheapest $/hr over GB and over TB/s */
      g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_USD_HR_PER_GB, i), ==,
                         json_object_get_double_member (json_object_get_object_member (prices, "cheapest"),
                                                        "price_hr") / rw_gpu_get_vram_gb (gpu));
      g_assert_cmpfloat (json_object_get_double_member (col, "usd_hr_per_tbps"), ==,
                         json_object_get_double_member (json_object_get_object_member (prices, "cheapest"),
                                                        "price_hr")
                         / (rw_gpu_get_memory_bandwidth_gbps (gpu) / 1000.0));
    }
  g_test_message ("%u of 4 columns found among the planner's options", planned);
  g_assert_cmpuint (planned, >, 0);
}

static gboolean
model_in (GPtrArray  *models,
          const char *id)
{
  for (guint i = 0; i < models->len; i++)
    if (g_str_equal (rw_model_get_id (g_ptr_array_index (models, i)), id))
      return TRUE;
  return FALSE;
}

/* The known answer, from the weights alone: at 4 bits a model of P billion parameters needs
 * at least P/2 GB, at 16 bits at most ~2P GB plus the reserves. Tiny 1B fits on one of
 * everything; Middle 60B (≥ 30 GB) not on the 24 GB card, on the 48 and 80; Large 120B
 * (≥ 60 GB) only on the 80; Huge 400B (≥ 200 GB) nowhere. Long 20B (KV 196 608 B per token:
 * 2 × 48 layers × 8 heads × 128 × 2 bytes) fits everywhere at 8 192 tokens, but at 131 072
 * its KV alone is 25.8 GB: not on the 24 GB card; and Middle 60B (KV 262 144 B per token,
 * 34.4 GB at 131 072, beside ≥ 30 GB of weights) then fits on one of neither */
static void
test_fits_diff (void)
{
  g_autoptr(RwCatalog) catalog = load_small ();
  g_autoptr(RwComparison) three = NULL;
  g_autoptr(RwComparison) two = NULL;
  g_autoptr(RwComparison) longer = NULL;
  const RwCompareColumn *col;
  RwReportOptions options;
  GArray *diff;
  RwModel *model;
  gboolean is_default = TRUE;

  rw_report_options_init (&options);
  three = compare (catalog, "small,mid,big", NULL, &options);
  diff = rw_comparison_get_diff (three);
  g_assert_cmpuint (diff->len, ==, 2);
  g_assert_cmpstr (rw_model_get_id (g_array_index (diff, RwCompareDiff, 0).model), ==, "m60");
  g_assert_false (g_array_index (diff, RwCompareDiff, 0).fits[0]);
  g_assert_true (g_array_index (diff, RwCompareDiff, 0).fits[1]);
  g_assert_true (g_array_index (diff, RwCompareDiff, 0).fits[2]);
  g_assert_cmpstr (rw_model_get_id (g_array_index (diff, RwCompareDiff, 1).model), ==, "m120");
  g_assert_false (g_array_index (diff, RwCompareDiff, 1).fits[0]);
  g_assert_false (g_array_index (diff, RwCompareDiff, 1).fits[1]);
  g_assert_true (g_array_index (diff, RwCompareDiff, 1).fits[2]);
  g_assert_cmpuint (rw_comparison_get_column (three, 0)->fits_only_here->len, ==, 0);
  g_assert_cmpuint (rw_comparison_get_column (three, 1)->fits_only_here->len, ==, 0);
  col = rw_comparison_get_column (three, 2);
  g_assert_cmpuint (col->fits_only_here->len, ==, 1);
  g_assert_true (model_in (col->fits_only_here, "m120"));
  /* the default model: the largest that fits on one of the smallest GPU */
  model = rw_comparison_get_model (three, &is_default);
  g_assert_true (is_default);
  g_assert_cmpstr (rw_model_get_id (model), ==, "long20");

  /* without the 80 GB card, Middle 60B fits only on the 48 */
  two = compare (catalog, "mid,small", NULL, &options);
  g_assert_cmpuint (rw_comparison_get_diff (two)->len, ==, 1);
  g_assert_true (model_in (rw_comparison_get_column (two, 0)->fits_only_here, "m60"));
  g_assert_cmpuint (rw_comparison_get_column (two, 1)->fits_only_here->len, ==, 0);

  /* at the models' full context, Long 20B drops off the 24 GB card, Middle 60B off the 48 */
  options.context = 131072;
  longer = compare (catalog, "mid,small", "long20", &options);
  g_assert_cmpuint (rw_comparison_get_diff (longer)->len, ==, 1);
  g_assert_cmpuint (rw_comparison_get_column (longer, 0)->fits_only_here->len, ==, 1);
  g_assert_true (model_in (rw_comparison_get_column (longer, 0)->fits_only_here, "long20"));
  model = rw_comparison_get_model (longer, &is_default);
  g_assert_false (is_default);
  g_assert_cmpstr (rw_model_get_id (model), ==, "long20");
  g_assert_true (rw_comparison_get_column (longer, 0)->model_fit.fits);
  g_assert_cmpuint (rw_comparison_get_column (longer, 0)->model_fit.gpus, ==, 1);
  g_assert_cmpfloat (rw_comparison_get_value (longer, RW_COMPARE_ROW_MODEL_GPUS, 0), ==, 1);
  /* on the 24 GB card it takes more than one */
  g_assert_cmpfloat (rw_comparison_get_value (longer, RW_COMPARE_ROW_MODEL_GPUS, 1), >, 1);
  g_assert_cmpuint (rw_comparison_get_best (longer, RW_COMPARE_ROW_MODEL_GPUS), ==, 1u << 0);
  /* the precision is compared only where the fewest GPUs do it: here, the 48 GB card */
  g_assert_cmpuint (rw_comparison_get_best (longer, RW_COMPARE_ROW_MODEL_PRECISION), ==, 1u << 0);

  {
    g_autoptr(JsonNode) root = parse (rw_comparison_json (longer, catalog));
    JsonArray *gpus = json_object_get_array_member (json_node_get_object (root), "gpus");
    JsonArray *only = json_object_get_array_member (json_array_get_object_element (gpus, 0),
                                                    "fits_only_here");
    JsonArray *fits_diff = json_object_get_array_member (json_node_get_object (root), "fits_diff");

    g_assert_cmpuint (json_array_get_length (only), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (gpus, 1),
                                                                           "fits_only_here")), ==, 0);
    g_assert_cmpuint (json_array_get_length (fits_diff), ==, 1);
  }
}

/* Best values: the lowest price, the highest memory, ties marked on every tied GPU, unknown
 * values never best, facts never marked */
static void
test_best (void)
{
  g_autoptr(RwCatalog) catalog = load_small ();
  g_autoptr(RwComparison) cmp = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  RwReportOptions options;
  JsonArray *rows;
  gboolean seen_tie = FALSE;

  rw_report_options_init (&options);
  cmp = compare (catalog, "small,mid,big,bare", "tiny", &options);

  /* cheapest: small 0.40 (spot, a) = mid 0.40 (on-demand, a), big 2.00, bare none: a tie */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_CHEAPEST_HR), ==, 0x3);
  /* median: small 0.45 (0.40 and 1.00 / 2), mid 0.60, big 2.00 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_MEDIAN_HR), ==, 0x1);
  /* most expensive: small 0.50, mid 0.80, big 2.00 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_MOST_EXPENSIVE_HR), ==, 0x1);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_VRAM_GB), ==, 0x4);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_USABLE_GIB), ==, 0x4);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_BANDWIDTH_GBPS), ==, 0x4);
  {
    /* grouped as the prices beside it are ("$9,000"): "3350" stood next to "$30,000"
     * (newcomer report 4) */
    g_autofree char *bandwidth = rw_comparison_get_text (cmp, RW_COMPARE_ROW_BANDWIDTH_GBPS, 2);

    g_assert_cmpstr (bandwidth, ==, "3,200");
  }
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_PURCHASE_USD), ==, 0x1);
  /* providers: small 2 = mid 2 > big 1 > bare 0 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_PROVIDERS), ==, 0x3);
  /* $/hr per GB: 0.40/24 > 0.40/48 < 2/80 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_USD_HR_PER_GB), ==, 0x2);
  g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_USD_HR_PER_GB, 1), ==, 0.40 / 48);
  /* $/hr per TB/s: 0.40/1.0, 0.40/0.8, 2/3.2 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_USD_HR_PER_TBPS), ==, 0x1);
  /* electricity: big and bare have no TDP, unknown, never best; mid 350 W < small 450 W */
  g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_POWER_PER_MONTH, 2), <, 0);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_POWER_PER_MONTH), ==, 0x2);
  /* breakeven at the cheapest rate, 8 h a day, $0.15/kWh: small 1600 / (0.40 × 8 − 0.450 ×
   * 8 × 0.15) = 602 days, mid 9000 / (3.2 − 0.350 × 8 × 0.15) = 3237 days */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_BREAKEVEN_MONTHS), ==, 0x1);
  /* the groups of rows, as on the page */
  g_assert_cmpstr (rw_compare_row_group_title (RW_COMPARE_ROW_ARCHITECTURE), ==, "Specs");
  g_assert_cmpstr (rw_compare_row_group_title (RW_COMPARE_ROW_CHEAPEST_HR), ==, "Prices per GPU");
  g_assert_cmpstr (rw_compare_row_group_title (RW_COMPARE_ROW_RENT_PER_MONTH), ==, "Rent vs own");
  g_assert_cmpstr (rw_compare_row_group_title (RW_COMPARE_ROW_MODEL_GPUS), ==, "Model");
  g_assert_null (rw_compare_row_group_title (RW_COMPARE_ROW_MEDIAN_HR));
  g_assert_cmpstr (rw_compare_row_key (RW_COMPARE_ROW_USD_HR_PER_TBPS), ==, "usd_hr_per_tbps");
  g_assert_cmpint (rw_compare_row_better (RW_COMPARE_ROW_BREAKEVEN_MONTHS), ==, RW_COMPARE_BETTER_LOWER);
  /* facts: never marked */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_ARCHITECTURE), ==, 0);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_TDP_W), ==, 0);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_INTERCONNECT), ==, 0);
  /* Tiny 1B: one GPU everywhere, at FP16 everywhere: a tie of all four */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_MODEL_GPUS), ==, 0xf);
  /* the planner's rows: the same model and precision on one GPU each, so tokens/s follows
   * the bandwidth (3200 GB/s best; bare has none: unknown), $/M tokens the rate over it:
   * 0.40/1000 < 0.40/800 < 2.00/3200 */
  g_assert_true (rw_comparison_has_row (cmp, RW_COMPARE_ROW_TOKENS_PER_S));
  g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_TOKENS_PER_S, 3), <, 0);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_TOKENS_PER_S), ==, 0x4);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_USD_PER_M_TOKENS), ==, 0x1);

  /* the marks in the text table: a "*" after the value, not colour */
  text = rw_comparison_text (cmp, catalog);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "$0.45 *"));
  g_assert_nonnull (strstr (text, "every tied GPU is marked"));

  /* and in JSON, with the tie stated */
  root = parse (rw_comparison_json (cmp, catalog));
  rows = json_object_get_array_member (json_node_get_object (root), "rows");
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);

      if (g_str_equal (json_object_get_string_member (row, "key"), "cheapest_hr"))
        {
          JsonArray *best = json_object_get_array_member (row, "best");

          g_assert_cmpstr (json_object_get_string_member (row, "better"), ==, "lower");
          g_assert_true (json_object_get_boolean_member (row, "tie"));
          g_assert_cmpuint (json_array_get_length (best), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (best, 0), ==, "small");
          g_assert_cmpstr (json_array_get_string_element (best, 1), ==, "mid");
          seen_tie = TRUE;
        }
    }
  g_assert_true (seen_tie);
}

static void
assert_error (RwCatalog      *catalog,
              const char     *ids,
              const char     *model,
              RwCompareError  code,
              const char     *needle)
{
  g_auto(GStrv) list = rw_compare_parse_ids (ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(RwComparison) cmp = NULL;
  RwReportOptions options;

  rw_report_options_init (&options);
  cmp = rw_comparison_new (catalog, (const char * const *) list, model, &options, &error);
  g_assert_null (cmp);
  g_assert_error (error, RW_COMPARE_ERROR, (int) code);
  g_test_message ("%s → %s", ids, error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\033'));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_errors (void)
{
  g_autoptr(RwCatalog) catalog = load_small ();

  assert_error (catalog, "small", NULL, RW_COMPARE_ERROR_TOO_FEW, NULL);
  assert_error (catalog, "", NULL, RW_COMPARE_ERROR_TOO_FEW, NULL);
  assert_error (catalog, "small,mid,big,bare,small", NULL, RW_COMPARE_ERROR_TOO_MANY, NULL);
  assert_error (catalog, "small,mid,small", NULL, RW_COMPARE_ERROR_DUPLICATE, "small");
  assert_error (catalog, "small,h100", NULL, RW_COMPARE_ERROR_UNKNOWN_GPU, "h100");
  assert_error (catalog, "small,,mid", NULL, RW_COMPARE_ERROR_UNKNOWN_GPU, NULL);
  /* an id is untrusted text: its control characters do not reach the message */
  assert_error (catalog, "small,bad\033[2Jid", NULL, RW_COMPARE_ERROR_UNKNOWN_GPU, NULL);
  assert_error (catalog, "small,mid", "no-such-model", RW_COMPARE_ERROR_UNKNOWN_MODEL,
                "no-such-model");
  {
    /* a saved choice after a refresh: unknown and repeated ids dropped, at most four */
    const char *saved[] = { "gone", "small", "mid", "small", "big", "bare", "mid", NULL };
    const char *saved2[] = { "small", "gone", NULL };
    g_auto(GStrv) kept = rw_compare_known_ids (catalog, saved);
    g_auto(GStrv) kept2 = rw_compare_known_ids (catalog, saved2);
    g_auto(GStrv) none = rw_compare_known_ids (catalog, NULL);

    g_assert_cmpuint (g_strv_length (kept), ==, 4);
    g_assert_cmpstr (kept[0], ==, "small");
    g_assert_cmpstr (kept[1], ==, "mid");
    g_assert_cmpstr (kept[2], ==, "big");
    g_assert_cmpstr (kept[3], ==, "bare");
    g_assert_cmpuint (g_strv_length (kept2), ==, 1);
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
  {
    g_auto(GStrv) list = rw_compare_parse_ids (" a , b,c ");

    g_assert_cmpuint (g_strv_length (list), ==, 3);
    g_assert_cmpstr (list[0], ==, "a");
    g_assert_cmpstr (list[1], ==, "b");
    g_assert_cmpstr (list[2], ==, "c");
  }
}

static void
test_csv (void)
{
  g_autoptr(RwCatalog) catalog = load_small ();
  g_autoptr(RwComparison) cmp = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  RwReportOptions options;
  guint n_rows = 0;

  rw_report_options_init (&options);
  cmp = compare (catalog, "small,mid", "tiny", &options);
  csv = rw_comparison_csv (cmp);
  g_test_message ("%s", csv);

  /* CRLF line ends, ending with one */
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  /* a name with a comma and quotes: quoted, quotes doubled */
  g_assert_cmpstr (lines[0], ==, ",\"Small, \"\"24\"\"\",Mid,Best");
  /* a text a spreadsheet would take for a formula gets an apostrophe */
  g_assert_cmpstr (lines[1], ==, "Architecture,'=Ada,Ada Lovelace,");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      n_rows++;
      g_assert_null (strchr (lines[i], '\n'));
    }
  /* one line per row of the comparison: with a model, every row, and the model's name */
  g_assert_cmpuint (n_rows, ==, RW_COMPARE_N_ROWS + 1);
  /* the model rows say which model, in every GPU's cell, just before its first row */
  {
    char **model_line = lines;

    while (*model_line != NULL && !g_str_has_prefix (*model_line, "Model,"))
      model_line++;
    g_assert_cmpstr (*model_line, ==, "Model,Tiny 1B,Tiny 1B,");
    g_assert_true (g_str_has_prefix (model_line[1], "GPUs needed,"));
  }
  /* numbers: rounded to what they mean, with a dot, in the unit of the label; unknown is
   * empty */
  g_assert_cmpstr (lines[2], ==, "VRAM (GB),24,48,mid");
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "Cheapest ($/hr),0.40,0.40,small mid"));
  /* the median as rw_median () computes it, (0.40 + 0.80) / 2 = 0.6000000000000001 in
   * doubles, to the cent: no binary noise */
  {
    g_autofree char *noisy = rw_format_shortest_double ((0.40 + 0.80) / 2);

    g_assert_cmpstr (noisy, !=, "0.6");
    g_assert_true (g_strv_contains ((const char * const *) lines,
                                    "Median ($/hr),0.45,0.60,small"));
  }
  g_assert_true (g_strv_contains ((const char * const *) lines, "Cheapest pricing,spot,on-demand,"));
  /* a provider by the catalog's name, not its id */
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "Cheapest provider,Cloud A,Cloud A,"));
  {
    g_autofree char *provider = rw_comparison_get_text (cmp, RW_COMPARE_ROW_CHEAPEST_PROVIDER, 0);

    g_assert_cmpstr (provider, ==, "Cloud A");
  }
  g_assert_true (g_strv_contains ((const char * const *) lines, "Purchase price source,list price,list price,"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "Interconnect,,,"));
  /* a line break inside a field: quoted, so the row stays one record */
  {
    g_autoptr(RwComparison) other = compare (catalog, "bare,small", NULL, &options);
    g_autofree char *other_csv = rw_comparison_csv (other);

    g_test_message ("%s", other_csv);
    g_assert_nonnull (strstr (other_csv, "\r\nArchitecture,\"Line\r\nbreak\",'=Ada,\r\n"));
  }
  /* small rates to 4 significant digits: 0.40 / 24 and 0.40 / 48 */
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "$/hr per GB of VRAM,0.01667,0.008333,mid"));
  /* no cell of a number row carries more digits than its rounding */
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_null (g_regex_match_simple ("[0-9]\\.[0-9]{7,}", lines[i], 0, 0)
                   ? lines[i] : NULL);
  {
    /* without a model asked for, the default one is named as such */
    g_autoptr(RwComparison) other = compare (catalog, "small,mid", NULL, &options);
    g_autofree char *title = rw_comparison_dup_model_title (other);
    g_autofree char *other_csv = rw_comparison_csv (other);
    g_autofree char *line = NULL;
    RwModel *model = rw_comparison_get_model (other, NULL);

    g_assert_nonnull (model);
    g_assert_true (g_str_has_prefix (title, rw_model_get_name (model)));
    g_assert_true (g_str_has_suffix (title, " (the largest that fits on one of the smallest GPU)"));
    line = g_strdup_printf ("\r\nModel,%s,%s,\r\nGPUs needed,", title, title);
    g_assert_nonnull (strstr (other_csv, line));
  }
}

/* The CSV's numbers as the newcomer found them noisy (--compare=rtx-4090,rtx-6000-ada,l4
 * --csv wrote 0.41000000000000003, 40.800000000000004, 64.99999999999999): each kind of
 * value rounded to what it means */
static void
test_csv_rounding (void)
{
  static const char catalog_json[] =
    "{ \"schema\": \"rentwise-catalog/1\", \"generated_at\": \"2026-05-24T00:00:00Z\","
    "  \"gpus\": ["
    "    { \"id\": \"a\", \"name\": \"A\", \"architecture\": \"Ada\","
    "      \"vram_gb\": 40.800000000000004, \"tdp_w\": 350, \"memory_bandwidth_gbps\": 864 },"
    "    { \"id\": \"b\", \"name\": \"B\", \"architecture\": \"Ada\","
    "      \"vram_gb\": 24, \"tdp_w\": 72, \"memory_bandwidth_gbps\": 300 }"
    "  ],"
    "  \"providers\": [ { \"id\": \"p\", \"name\": \"P\" }, { \"id\": \"q\", \"name\": \"Q\" } ],"
    "  \"offers\": ["
    "    { \"provider\": \"p\", \"gpu\": \"a\", \"gpu_count\": 1,"
    "      \"price_hr\": 0.41000000000000003, \"pricing\": \"on-demand\" },"
    "    { \"provider\": \"p\", \"gpu\": \"b\", \"gpu_count\": 1, \"price_hr\": 0.1,"
    "      \"pricing\": \"on-demand\" },"
    "    { \"provider\": \"q\", \"gpu\": \"b\", \"gpu_count\": 1, \"price_hr\": 0.2,"
    "      \"pricing\": \"on-demand\" }"
    "  ],"
    "  \"models\": [] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (catalog_json, strlen (catalog_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE,
                                                            &error);
  g_autoptr(RwComparison) cmp = NULL;
  g_autofree char *csv = NULL;
  RwReportOptions options;

  g_assert_no_error (error);
  rw_report_options_init (&options);
  cmp = compare (catalog, "a,b", NULL, &options);
  csv = rw_comparison_csv (cmp);
  g_test_message ("%s", csv);
  /* GB to 0.1, W whole */
  g_assert_nonnull (strstr (csv, "\r\nVRAM (GB),40.8,24,a\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nTDP (W),350,72,\r\n"));
  /* money to the cent: 0.41000000000000003; the median (0.1 + 0.2) / 2 = 0.15000000000000002 */
  g_assert_nonnull (strstr (csv, "\r\nCheapest ($/hr),0.41,0.10,b\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nMedian ($/hr),0.41,0.15,b\r\n"));
  /* 4 significant digits: 0.41 / 40.8 = 0.0100490…, 0.1 / (300 / 1000) = 0.3333… */
  g_assert_nonnull (strstr (csv, "\r\n$/hr per GB of VRAM,0.01005,0.004167,b\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n$/hr per TB/s of bandwidth,0.4745,0.3333,b\r\n"));
}

static gboolean
fake_plan (RwModel       *model,
           RwGpu         *gpu,
           const RwFit   *fit,
           double         rate_hr,
           RwComparePlan *plan,
           gpointer       user_data)
{
  guint *calls = user_data;

  (*calls)++;
  if (g_str_equal (rw_gpu_get_id (gpu), "mid"))
    return FALSE;
  plan->tokens_per_s = rw_gpu_get_memory_bandwidth_gbps (gpu);
  plan->usd_per_m_tokens = rate_hr;
  return TRUE;
}

/* The planner's hook: its figures fill two rows, per column, and the JSON's plan */
static void
test_plan_hook (void)
{
  g_autoptr(RwCatalog) catalog = load_small ();
  g_autoptr(RwComparison) cmp = NULL;
  g_autoptr(JsonNode) root = NULL;
  RwReportOptions options;
  JsonArray *gpus;
  guint calls = 0;

  rw_report_options_init (&options);
  cmp = compare (catalog, "small,mid,big", "tiny", &options);
  rw_comparison_set_plan (cmp, fake_plan, &calls);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_true (rw_comparison_has_row (cmp, RW_COMPARE_ROW_TOKENS_PER_S));
  g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_TOKENS_PER_S, 0), ==, 1000);
  g_assert_cmpfloat (rw_comparison_get_value (cmp, RW_COMPARE_ROW_TOKENS_PER_S, 1), <, 0);
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_TOKENS_PER_S), ==, 0x4);
  /* the rate the planner gets is the column's rent-vs-own rate: cheapest 0.40 and 2.00 */
  g_assert_cmpuint (rw_comparison_get_best (cmp, RW_COMPARE_ROW_USD_PER_M_TOKENS), ==, 0x1);

  root = parse (rw_comparison_json (cmp, catalog));
  gpus = json_object_get_array_member (json_node_get_object (root), "gpus");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (gpus, 2),
                                                                                  "plan"),
                                                    "tokens_per_s"), ==, 3200);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (gpus, 1), "plan"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/agrees-with-report", test_agrees_with_report);
  g_test_add_func ("/compare/fits-diff", test_fits_diff);
  g_test_add_func ("/compare/best", test_best);
  g_test_add_func ("/compare/errors", test_errors);
  g_test_add_func ("/compare/csv", test_csv);
  g_test_add_func ("/compare/csv-rounding", test_csv_rounding);
  g_test_add_func ("/compare/plan-hook", test_plan_hook);

  return g_test_run ();
}
