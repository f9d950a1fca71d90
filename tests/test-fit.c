/* test-fit.c: the memory model of docs/FIT.md, and the reference page's rule beside it
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

/* The reference page's rule of thumb, as the page applies it */
static void
rule_recommend (RwModel       *model,
                double         vram_gb,
                const char    *architecture,
                guint64        context,
                RwRuleOfThumb *out)
{
  RwPrecision candidates[3] = { RW_PRECISION_FP16, RW_PRECISION_INT8, RW_PRECISION_INT4 };
  gboolean estimated;
  double kv;

  if (rw_architecture_has_fp8 (architecture))
    candidates[1] = RW_PRECISION_FP8;
  kv = rw_kv_cache_gb (rw_model_get_layers (model), rw_model_get_kv_heads (model),
                       rw_model_get_head_dim (model), rw_model_get_sliding_window (model),
                       rw_model_get_sliding_layers (model), context, &estimated);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      RwRuleOfThumb fit;

      rw_rule_of_thumb (rw_model_get_params_b (model), kv, estimated, vram_gb, candidates[i], &fit);
      if (i == 0 || fit.gpus < out->gpus)
        *out = fit;
    }
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
      RwRuleOfThumb fit;

      rule_recommend (model, rw_gpu_get_vram_gb (l40s), rw_gpu_get_architecture (l40s),
                      RW_DEFAULT_CONTEXT, &fit);
      g_assert_cmpuint (fit.gpus, ==, 1);
      g_assert_cmpstr (rw_precision_to_string (fit.precision), ==, page_table[i].precision);
      g_assert_cmpfloat (fit.need_gb, <=, 48);
    }
}

static void
test_rule_gemma_needs_fp8 (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwModel *gemma = find_model (catalog, "gemma-3-27b");
  RwRuleOfThumb fp16, best;

  rw_rule_of_thumb (rw_model_get_params_b (gemma), 0, FALSE, 48, RW_PRECISION_FP16, &fp16);
  g_assert_cmpfloat_with_epsilon (fp16.need_gb, 64.8, 1e-9);
  g_assert_cmpuint (fp16.gpus, ==, 2);

  rule_recommend (gemma, 48, "Ada Lovelace", RW_DEFAULT_CONTEXT, &best);
  g_assert_cmpuint (best.gpus, ==, 1);
  g_assert_cmpint (best.precision, ==, RW_PRECISION_FP8);
  g_assert_cmpfloat_with_epsilon (best.need_gb, 32.4, 1e-9);
}

static void
test_architecture_rule (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwModel *gemma = find_model (catalog, "gemma-3-12b");
  RwFitOptions options;
  RwFit fit;

  g_assert_true (rw_architecture_has_fp8 ("Ada Lovelace"));
  g_assert_true (rw_architecture_has_fp8 ("Hopper"));
  g_assert_true (rw_architecture_has_fp8 ("Blackwell"));
  g_assert_true (rw_architecture_has_fp8 ("CDNA3"));
  g_assert_true (rw_architecture_has_fp8 ("CDNA 4"));
  g_assert_false (rw_architecture_has_fp8 ("CDNA2"));
  g_assert_false (rw_architecture_has_fp8 ("Ampere"));
  g_assert_false (rw_architecture_has_fp8 ("Volta"));
  g_assert_false (rw_architecture_has_fp8 (NULL));

  /* FP16 does not fit a 24 GB card at 8K (24.4 GB of weights): FP8 on Ada, INT8 on Ampere */
  rw_fit_options_init (&options);
  options.gpus = 1;
  rw_fit_compute (gemma, rw_catalog_lookup_gpu (catalog, "rtx-4090"), &options, &fit);
  g_assert_true (fit.fits);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_FP8);
  options.precision = RW_PRECISION_INT8;
  rw_fit_compute (gemma, rw_catalog_lookup_gpu (catalog, "a100-80gb"), &options, &fit);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_INT8);
  g_assert_cmpstr (rw_precision_to_string (RW_PRECISION_INT8), ==, "int8");
}

static void
test_rule_kv_cache (void)
{
  gboolean estimated = FALSE;
  double kv;

  /* 2 × 8 × 128 × 2 bytes × 80 layers × 8192 tokens */
  kv = rw_kv_cache_gb (80, 8, 128, 0, 0, 8192, &estimated);
  g_assert_true (estimated);
  g_assert_cmpfloat_with_epsilon (kv, 2.0 * 8 * 128 * 2 * 80 * 8192 / 1e9, 1e-12);
  kv = rw_kv_cache_gb (62, 16, 128, 1024, 52, 8192, &estimated);
  g_assert_cmpfloat_with_epsilon (kv, 2.0 * 16 * 128 * 2 * (10.0 * 8192 + 52.0 * 1024) / 1e9, 1e-12);
  kv = rw_kv_cache_gb (0, 8, 128, 0, 0, 8192, &estimated);
  g_assert_false (estimated);
  g_assert_cmpfloat (kv, ==, 0);
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

/* The acceptance cases: KV of one session, FP16, on one GPU */
static void
test_kv_layer_kinds (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  double state = -1;
  guint estimated = 0;
  double kv;

  /* Gemma 3 12B at 131 072: 8 full layers × 131 072 + 40 sliding × 1024 tokens, 8 × 256 */
  kv = rw_fit_kv_bytes (find_model (catalog, "gemma-3-12b"), 131072, RW_KV_DTYPE_FP16,
                        RW_ENGINE_VLLM, 1, &state, &estimated);
  g_assert_cmpfloat (kv, ==, 2.0 * 8 * 256 * 2 * (8.0 * 131072 + 40.0 * 1024));
  g_assert_cmpfloat_with_epsilon (kv / 1e9, 8.93, 0.005);
  g_assert_cmpfloat (state, ==, 0);
  g_assert_cmpuint (estimated, ==, 0);

  /* DeepSeek V3 at 8192: one latent of 512 + 64 values per token on 61 layers */
  kv = rw_fit_kv_bytes (find_model (catalog, "deepseek-v3"), 8192, RW_KV_DTYPE_FP16,
                        RW_ENGINE_VLLM, 1, NULL, NULL);
  g_assert_cmpfloat (kv, ==, 61.0 * (512 + 64) * 2 * 8192);
  g_assert_cmpfloat_with_epsilon (kv / 1e9, 0.58, 0.005);
  /* vLLM keeps the whole latent on every GPU of a tensor-parallel group */
  g_assert_cmpfloat (rw_fit_kv_bytes (find_model (catalog, "deepseek-v3"), 8192,
                                      RW_KV_DTYPE_FP16, RW_ENGINE_VLLM, 8, NULL, NULL), ==, kv);

  /* Qwen 3 Coder Next at 8192: only its 12 full-attention layers grow with T */
  kv = rw_fit_kv_bytes (find_model (catalog, "qwen-3-coder-next"), 8192, RW_KV_DTYPE_FP16,
                        RW_ENGINE_VLLM, 1, &state, &estimated);
  g_assert_cmpfloat (kv, ==, 12.0 * 2 * 2 * 256 * 2 * 8192);
  g_assert_cmpfloat_with_epsilon (kv / 1e9, 0.20, 0.005);
  g_assert_cmpuint (estimated & RW_FIT_ESTIMATED_STATE, !=, 0);   /* no state_bytes given */
  /* FP8 halves it; the same KV at 16× the context of one linear layer's state */
  g_assert_cmpfloat (rw_fit_kv_bytes (find_model (catalog, "qwen-3-coder-next"), 8192,
                                      RW_KV_DTYPE_FP8, RW_ENGINE_VLLM, 1, NULL, NULL), ==, kv / 2);
  /* 2 KV heads on 4 GPUs: vLLM replicates, each GPU keeps one head */
  g_assert_cmpfloat (rw_fit_kv_bytes (find_model (catalog, "qwen-3-coder-next"), 8192,
                                      RW_KV_DTYPE_FP16, RW_ENGINE_VLLM, 4, NULL, NULL), ==, kv / 2);
}

static void
test_weights_per_tensor (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwModel *llama = find_model (catalog, "llama-3-3-70b");
  double e = 1.050673152e9, blocks = 70.55e9 - 2 * e;
  guint estimated = 0;

  /* BF16: every weight at 2 bytes */
  g_assert_cmpfloat_with_epsilon (rw_fit_weights_bytes (llama, RW_PRECISION_FP16, RW_ENGINE_VLLM,
                                                        &estimated), 70.55e9 * 2, 1);
  /* AWQ INT4 g128: blocks at 4 + 20/128 bits, embedding and head (untied) at 16 */
  g_assert_cmpfloat_with_epsilon (rw_fit_weights_bytes (llama, RW_PRECISION_INT4, RW_ENGINE_VLLM,
                                                        &estimated),
                                  blocks * (4 + 20.0 / 128) / 8 + 2 * e * 2, 1);
  /* more than params × 0.5 bytes, the rule's INT4 */
  g_assert_cmpfloat (rw_fit_weights_bytes (llama, RW_PRECISION_INT4, RW_ENGINE_VLLM, NULL), >,
                     70.55e9 * 0.5 * 1.1);
  /* GGUF Q4_K_M: 4.84 bits per weight over the whole file */
  g_assert_cmpfloat_with_epsilon (rw_fit_weights_bytes (llama, RW_PRECISION_INT4,
                                                        RW_ENGINE_LLAMACPP, NULL),
                                  70.55e9 * 4.84 / 8, 1);
  g_assert_cmpuint (estimated, ==, 0);
  /* tied embeddings count once (Gemma 3) */
  g_assert_cmpfloat_with_epsilon (rw_fit_weights_bytes (find_model (catalog, "gemma-3-12b"),
                                                        RW_PRECISION_FP8, RW_ENGINE_VLLM, NULL),
                                  (12.19e9 - 1.00687872e9) * (8 + 32.0 / 16384) / 8 +
                                  1.00687872e9 * 2, 1);
  /* a model without embedding data: flagged */
  rw_fit_weights_bytes (find_model (catalog, "mystery-7b"), RW_PRECISION_INT4, RW_ENGINE_VLLM,
                        &estimated);
  g_assert_cmpuint (estimated & RW_FIT_ESTIMATED_EMBEDDING, !=, 0);
}

/* The example: the rule says Llama 3.3 70B INT4 fits one L40S at 8K; in vLLM it does not */
static void
test_vllm_reserve (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwModel *llama = find_model (catalog, "llama-3-3-70b");
  RwGpu *l40s = rw_catalog_lookup_gpu (catalog, "l40s");
  RwRuleOfThumb rule;
  RwFitOptions options;
  gboolean estimated;
  RwFit fit;

  rw_rule_of_thumb (70.55, rw_kv_cache_gb (80, 8, 128, 0, 0, 8192, &estimated), TRUE, 48,
                    RW_PRECISION_INT4, &rule);
  g_assert_cmpuint (rule.gpus, ==, 1);

  rw_fit_options_init (&options);
  options.precision = RW_PRECISION_INT4;
  options.gpus = 1;
  rw_fit_compute (llama, l40s, &options, &fit);
  g_assert_false (fit.fits);
  g_assert_cmpfloat (fit.usable_bytes, ==, 46068.0 * 1048576);
  g_assert_cmpfloat (fit.need_bytes, >, fit.usable_bytes);
  g_assert_cmpfloat_with_epsilon (fit.need_bytes, fit.weights_bytes + fit.kv_bytes +
                                  fit.state_bytes + fit.runtime_bytes, 1);
  /* vLLM leaves 10 % unused beside its own reserve */
  g_assert_cmpfloat (fit.runtime_bytes, >, 0.1 * fit.usable_bytes);

  /* the recommendation: 2 GPUs, weights and KV split, the reserve on each */
  rw_fit_options_init (&options);
  rw_fit_compute (llama, l40s, &options, &fit);
  g_assert_true (fit.fits);
  g_assert_cmpuint (fit.gpus, ==, 2);
  g_assert_cmpfloat_with_epsilon (fit.weights_bytes * 2,
                                  rw_fit_weights_bytes (llama, fit.precision, RW_ENGINE_VLLM, NULL), 1);
  g_assert_cmpfloat_with_epsilon (fit.kv_bytes * 2, 2.0 * 8 * 128 * 2 * 80 * 8192, 1);
  g_assert_cmpfloat (fit.max_context[0], ==, 0);       /* not one token on 1 GPU */
  g_assert_cmpuint (fit.max_context[1], >=, 8192);
  g_assert_cmpuint (fit.max_context[3], ==, 131072);   /* capped at the model's maximum */
  g_assert_cmpuint (fit.max_sessions[1], >=, 1);
  g_assert_cmpuint (fit.max_sessions[3], >, fit.max_sessions[2]);
}

static void
test_context_cap_and_sessions (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwModel *gemma2 = find_model (catalog, "gemma-2-9b");
  RwGpu *h100 = rw_catalog_lookup_gpu (catalog, "h100-sxm");
  RwFitOptions options;
  RwFit fit, two;

  /* issue 13, defect 7: 128K asked of a model of 8192 tokens is capped and says so */
  rw_fit_options_init (&options);
  options.context = 131072;
  rw_fit_compute (gemma2, h100, &options, &fit);
  g_assert_true (fit.context_capped);
  g_assert_cmpuint (fit.context, ==, 8192);
  /* 21 full layers × 8192 + 21 sliding × 4096 tokens */
  g_assert_cmpfloat (fit.kv_bytes, ==, 2.0 * 8 * 256 * 2 * (21.0 * 8192 + 21.0 * 4096));
  options.context = 8192;
  rw_fit_compute (gemma2, h100, &options, &fit);
  g_assert_false (fit.context_capped);

  /* sessions multiply the KV cache; the largest count is the most that fits */
  options.sessions = 2;
  rw_fit_compute (gemma2, h100, &options, &two);
  g_assert_cmpfloat (two.kv_bytes, ==, 2 * fit.kv_bytes);
  options.sessions = (guint) fit.max_sessions[0];
  options.gpus = 1;
  options.precision = fit.precision;
  rw_fit_compute (gemma2, h100, &options, &two);
  g_assert_true (two.fits);
  options.sessions++;
  rw_fit_compute (gemma2, h100, &options, &two);
  g_assert_false (two.fits);
}

static void
test_missing_and_image (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwGpu *mi300x = rw_catalog_lookup_gpu (catalog, "mi300x");
  RwGpu *l40s = rw_catalog_lookup_gpu (catalog, "l40s");
  RwModel *flux = find_model (catalog, "flux-1-schnell");
  gboolean estimated = FALSE;
  RwFit fit;

  /* a model without layer data or maximum context: a flagged default, never a crash */
  rw_fit_compute (find_model (catalog, "mystery-7b"), l40s, NULL, &fit);
  g_assert_true (fit.fits);
  g_assert_cmpuint (fit.estimated & RW_FIT_ESTIMATED_LAYERS, !=, 0);
  g_assert_cmpuint (fit.estimated & RW_FIT_ESTIMATED_CONTEXT, !=, 0);
  g_assert_false (fit.kv_estimated);
  g_assert_cmpfloat (fit.kv_bytes, >, 0);

  /* no usable_vram_mib: vram_gb GiB × 46068 / 49152, flagged; CDNA 3 has FP8 */
  g_assert_cmpfloat (rw_gpu_usable_bytes (mi300x, &estimated), ==,
                     192.0 * 1073741824.0 * 46068 / 49152);
  g_assert_true (estimated);
  rw_fit_compute (find_model (catalog, "llama-3-3-70b"), mi300x, NULL, &fit);
  g_assert_cmpuint (fit.estimated & RW_FIT_ESTIMATED_USABLE, !=, 0);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_FP16);

  /* DeepSeek V3 (671B) does not fit on 8 L40S even at INT4: said, not a sentinel */
  rw_fit_compute (find_model (catalog, "deepseek-v3"), l40s, NULL, &fit);
  g_assert_false (fit.fits);
  g_assert_cmpuint (fit.gpus, ==, 8);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_INT4);
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      g_assert_cmpuint (fit.max_context[c], ==, 0);
      g_assert_cmpuint (fit.max_sessions[c], ==, 0);
    }

  /* an image model: every component, an activation reserve, no KV */
  rw_fit_compute (flux, l40s, NULL, &fit);
  g_assert_true (fit.fits);
  g_assert_cmpuint (fit.gpus, ==, 1);
  g_assert_cmpint (fit.precision, ==, RW_PRECISION_FP16);
  g_assert_cmpfloat_with_epsilon (fit.weights_bytes, 16.870599139e9 * 2, 1);
  g_assert_cmpfloat (fit.kv_bytes, ==, 0);
  g_assert_cmpfloat (fit.runtime_bytes, >, 0);
  g_assert_cmpuint (fit.max_context[0], ==, 0);
}

static void
test_ordering (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("fit-models.json");
  RwFitOptions options;
  g_autoptr(GArray) fits = NULL;

  rw_fit_options_init (&options);
  fits = rw_report_compute_fits (catalog, rw_catalog_lookup_gpu (catalog, "l40s"), &options);
  g_assert_cmpuint (fits->len, ==, 7);
  /* those that fit first, fewest GPUs then highest precision; DeepSeek V3 last */
  for (guint i = 1; i < fits->len; i++)
    {
      const RwFit *a = &g_array_index (fits, RwModelFit, i - 1).fit;
      const RwFit *b = &g_array_index (fits, RwModelFit, i).fit;

      g_assert_true (a->fits >= b->fits);
      if (a->fits == b->fits)
        g_assert_true (a->gpus < b->gpus || (a->gpus == b->gpus && a->precision <= b->precision));
    }
  g_assert_cmpstr (rw_model_get_id (g_array_index (fits, RwModelFit, 6).model), ==, "deepseek-v3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fit/rule/reference-table", test_reference_table);
  g_test_add_func ("/fit/rule/gemma-needs-fp8", test_rule_gemma_needs_fp8);
  g_test_add_func ("/fit/rule/kv-cache", test_rule_kv_cache);
  g_test_add_func ("/fit/rule/gpus-needed", test_gpus_needed);
  g_test_add_func ("/fit/architecture", test_architecture_rule);
  g_test_add_func ("/fit/kv-layer-kinds", test_kv_layer_kinds);
  g_test_add_func ("/fit/weights-per-tensor", test_weights_per_tensor);
  g_test_add_func ("/fit/vllm-reserve", test_vllm_reserve);
  g_test_add_func ("/fit/context-cap-and-sessions", test_context_cap_and_sessions);
  g_test_add_func ("/fit/missing-and-image", test_missing_and_image);
  g_test_add_func ("/fit/ordering", test_ordering);

  return g_test_run ();
}
