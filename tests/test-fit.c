/* test-fit.c: models that fit, against the reference page's L40S table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-fit.h"
#include "rw-report.h"
#include "test-common.h"

/* The reference page's badges, in its order, for one 48 GB L40S (all 1×). Gemma 3 27B is
 * FP16 on the page, but by the page's own rule it needs 27 × 2 × 1.2 = 64.8 GB at FP16,
 * more than 48 GB: it is 1× FP8. */
static const struct {
  const char *id;
  const char *precision;
} page_table[] = {
  { "deepseek-r1-distill-qwen-14b", "fp16" },
  { "flux-1-schnell", "fp16" },
  { "gemma-3-27b", "fp8" },            /* the page says fp16: see above */
  { "qwen-2-5-coder-32b", "fp8" },
  { "deepseek-r1-distill-qwen-32b", "fp8" },
  { "qwen-2-5-32b", "fp8" },
  { "qwen-3-32b", "fp8" },
  { "llava-34b", "fp8" },
  { "code-llama-34b", "fp8" },
  { "deepseek-coder-33b", "fp8" },
  { "yi-34b", "fp8" },
  { "qwen3-6-35b-a3b", "fp8" },
  { "qwen3-5-35b-a3b", "fp8" },
  { "skyfall-36b-v2", "fp8" },
  { "llama-3-3-70b", "int4" },
  { "qwen-2-5-72b", "int4" },
  { "deepseek-r1-distill-llama-70b", "int4" },
  { "llama-3-1-70b", "int4" },
  { "code-llama-70b", "int4" },
  { "hermes-3-70b", "int4" },
  { "hermes-4-70b", "int4" },
  { "qwen2-5-vl-72b", "int4" },
  { "llama-3-1-70b-hanami", "int4" },
  { "llama-3-3-euryale-70b", "int4" },
  { "magnum-v4-72b", "int4" },
  { "llama-3-1-euryale-70b-v2-2", "int4" },
  { "llama-3-euryale-70b-v2-1", "int4" },
  { "llama-3-70b-instruct", "int4" },
};

static RwModel *
find_model (RwCatalog  *catalog,
            const char *id)
{
  GListModel *models = rw_catalog_get_models (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);
      if (g_str_equal (rw_model_get_id (model), id))
        return model;
    }
  g_error ("no model %s", id);
  return NULL;
}

static void
test_reference_table (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwGpu *l40s = rw_catalog_lookup_gpu (catalog, "l40s");

  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_models (catalog)), ==,
                    G_N_ELEMENTS (page_table));
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      RwModel *model = find_model (catalog, page_table[i].id);
      RwFit fit;

      rw_fit_recommend (model, rw_gpu_get_vram_gb (l40s), rw_gpu_get_architecture (l40s),
                        RW_DEFAULT_CONTEXT, &fit);
      g_test_message ("%s: %u× %s need %.2f GB", page_table[i].id, fit.gpus,
                      rw_precision_to_string (fit.precision), fit.need_gb);
      g_assert_cmpuint (fit.gpus, ==, 1);
      g_assert_cmpstr (rw_precision_to_string (fit.precision), ==, page_table[i].precision);
      g_assert_cmpfloat (fit.need_gb, <=, 48);
    }
}

static void
test_gemma_needs_fp8 (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwModel *gemma = find_model (catalog, "gemma-3-27b");
  RwFit fp16, best;

  rw_fit_at_precision (rw_model_get_params_b (gemma), 0, FALSE, 48, RW_PRECISION_FP16, &fp16);
  g_assert_cmpfloat_with_epsilon (fp16.need_gb, 64.8, 1e-9);
  g_assert_cmpuint (fp16.gpus, ==, 2);

  rw_fit_recommend (gemma, 48, "Ada Lovelace", RW_DEFAULT_CONTEXT, &best);
  g_assert_cmpuint (best.gpus, ==, 1);
  g_assert_cmpint (best.precision, ==, RW_PRECISION_FP8);
  g_assert_cmpfloat_with_epsilon (best.weights_gb, 27.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (best.need_gb, 32.4, 1e-9);
  g_assert_false (best.kv_estimated);
  g_assert_cmpfloat (best.kv_gb, ==, 0);
}

static void
test_architecture_rule (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwModel *yi = find_model (catalog, "yi-34b");
  RwFit fit;

  g_assert_true (rw_architecture_has_fp8 ("Ada Lovelace"));
  g_assert_true (rw_architecture_has_fp8 ("Hopper"));
  g_assert_true (rw_architecture_has_fp8 ("Blackwell"));
  g_assert_false (rw_architecture_has_fp8 ("Ampere"));
  g_assert_false (rw_architecture_has_fp8 ("Volta"));
  g_assert_false (rw_architecture_has_fp8 (NULL));

  /* same card size, older architecture: INT8 instead of FP8 */
  rw_fit_recommend (yi, 48, "Ampere", RW_DEFAULT_CONTEXT, &fit);
  g_assert_cmpuint (fit.gpus, ==, 1);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_INT8);
  rw_fit_recommend (yi, 48, NULL, RW_DEFAULT_CONTEXT, &fit);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_INT8);
  g_assert_cmpstr (rw_precision_to_string (RW_PRECISION_INT8), ==, "int8");

  /* a big card keeps FP16 */
  rw_fit_recommend (yi, 141, "Hopper", RW_DEFAULT_CONTEXT, &fit);
  g_assert_cmpuint (fit.gpus, ==, 1);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_FP16);
}

static void
test_kv_cache (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwModel *llama = find_model (catalog, "llama-3-3-70b");
  gboolean estimated = FALSE;
  double kv;
  RwFit fit;

  /* 2 × 8 × 128 × 2 bytes × 80 layers × 8192 tokens */
  kv = rw_kv_cache_gb (80, 8, 128, 0, 0, 8192, &estimated);
  g_assert_true (estimated);
  g_assert_cmpfloat_with_epsilon (kv, 2.0 * 8 * 128 * 2 * 80 * 8192 / 1e9, 1e-12);

  /* sliding-window layers count min (T, window) tokens */
  kv = rw_kv_cache_gb (62, 16, 128, 1024, 52, 8192, &estimated);
  g_assert_cmpfloat_with_epsilon (kv, 2.0 * 16 * 128 * 2 * (10.0 * 8192 + 52.0 * 1024) / 1e9, 1e-12);
  kv = rw_kv_cache_gb (62, 16, 128, 1024, 52, 512, &estimated);
  g_assert_cmpfloat_with_epsilon (kv, 2.0 * 16 * 128 * 2 * (62.0 * 512) / 1e9, 1e-12);

  /* missing architecture: not estimated */
  kv = rw_kv_cache_gb (0, 8, 128, 0, 0, 8192, &estimated);
  g_assert_false (estimated);
  g_assert_cmpfloat (kv, ==, 0);

  /* at 8K the 70B fits one L40S at INT4; at 128K its KV cache alone is 42.9 GB */
  rw_fit_recommend (llama, 48, "Ada Lovelace", 8192, &fit);
  g_assert_cmpuint (fit.gpus, ==, 1);
  g_assert_true (fit.kv_estimated);
  g_assert_cmpfloat_with_epsilon (fit.need_gb, 1.2 * 70.55 * 0.5 + fit.kv_gb, 1e-9);
  rw_fit_recommend (llama, 48, "Ada Lovelace", 131072, &fit);
  g_assert_cmpfloat_with_epsilon (fit.kv_gb, 42.94967296, 1e-6);
  g_assert_cmpuint (fit.gpus, ==, 2);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_INT4);
}

static void
test_gpus_needed (void)
{
  g_assert_cmpuint (rw_gpus_needed (1.2 * 40, 48), ==, 1);   /* 48.000000000000007 */
  g_assert_cmpuint (rw_gpus_needed (48.01, 48), ==, 2);
  g_assert_cmpuint (rw_gpus_needed (0, 48), ==, 1);
  g_assert_cmpuint (rw_gpus_needed (480, 48), ==, 10);
  g_assert_cmpuint (rw_gpus_needed (480.5, 48), ==, 11);
}

static void
test_fewest_gpus_then_precision (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(GArray) fits = rw_report_compute_fits (catalog, rw_catalog_lookup_gpu (catalog, "l40s"),
                                                   RW_DEFAULT_CONTEXT);

  /* sorted: fewest GPUs, then highest precision, then smallest model */
  g_assert_cmpuint (fits->len, ==, 28);
  g_assert_cmpstr (rw_model_get_id (g_array_index (fits, RwModelFit, 0).model), ==, "flux-1-schnell");
  g_assert_cmpint (g_array_index (fits, RwModelFit, 1).fit.precision, ==, RW_PRECISION_FP16);
  g_assert_cmpint (g_array_index (fits, RwModelFit, 2).fit.precision, ==, RW_PRECISION_FP8);
  g_assert_cmpint (g_array_index (fits, RwModelFit, 27).fit.precision, ==, RW_PRECISION_INT4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fit/reference-table", test_reference_table);
  g_test_add_func ("/fit/gemma-needs-fp8", test_gemma_needs_fp8);
  g_test_add_func ("/fit/architecture-rule", test_architecture_rule);
  g_test_add_func ("/fit/kv-cache", test_kv_cache);
  g_test_add_func ("/fit/gpus-needed", test_gpus_needed);
  g_test_add_func ("/fit/ordering", test_fewest_gpus_then_precision);

  return g_test_run ();
}
