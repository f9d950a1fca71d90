/* rw-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The planner: for one model, every GPU × count × precision that fits (rw_fit_compute ()),
 * joined with the cheapest instance that has at least that many GPUs, with its decode
 * throughput from memory bandwidth. docs/FIT.md ("Throughput", "The planner") is the
 * specification and gives the source of every constant.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rw-breakeven.h"
#include "rw-format.h"
#include "rw-json-writer.h"
#include "rw-plan.h"
#include "rw-records-private.h"
#include "rw-stats.h"

/* ------------------------------------------------------------------ throughput */

/* Measured decode tokens/s over the bandwidth ceiling, the median per engine × weight format
 * of the rows of tests/fixtures/measured-throughput.csv (docs/FIT.md, "Throughput"; vLLM and
 * Transformers rows on catalog models; llama.cpp from llama-bench's tg128 with the printed
 * file size, llama.cpp PR #4766). A format without a measurement borrows the nearest one's
 * factor and says so. */
typedef struct {
  double   factor;
  gboolean borrowed;
} Efficiency;

static const Efficiency efficiencies[RW_N_ENGINES][RW_N_PRECISIONS] = {
  /*                   FP16            FP8            INT8            INT4 */
  [RW_ENGINE_VLLM] =
    { { 0.569, FALSE }, { 0.459, TRUE }, { 0.459, FALSE }, { 0.395, FALSE } },
  [RW_ENGINE_LLAMACPP] =
    { { 0.816, FALSE }, { 0.697, FALSE }, { 0.697, FALSE }, { 0.697, TRUE } },
  [RW_ENGINE_TRANSFORMERS] =
    { { 0.294, FALSE }, { 0.294, TRUE }, { 0.294, TRUE }, { 0.294, TRUE } },
};

/**
 * rw_throughput_efficiency:
 * @borrowed: (out) (optional): TRUE when no measurement of this engine and format exists
 *   and the factor is the nearest measured format's (docs/FIT.md lists which)
 *
 * The share of the GPUs' memory bandwidth a decode step achieves, for @engine at
 * @precision: a ratio between 0 and 1, the median of measured / ceiling over the public
 * measurements of tests/fixtures/measured-throughput.csv (docs/FIT.md, "Throughput").
 */
double
rw_throughput_efficiency (RwEngine     engine,
                          RwPrecision  precision,
                          gboolean    *borrowed)
{
  g_return_val_if_fail (engine < RW_N_ENGINES && precision < RW_N_PRECISIONS, 0);
  if (borrowed != NULL)
    *borrowed = efficiencies[engine][precision].borrowed;
  return efficiencies[engine][precision].factor;
}

/**
 * rw_throughput_step_bytes_at:
 * @bits: effective bits per quantized weight (rw_fit_format_bits ())
 * @whole_model: TRUE when every tensor is at @bits (GGUF)
 * @gpus: GPUs the model is split over (tensor parallel)
 * @tokens: tokens each session holds
 * @estimated: (inout) (optional): RwFitEstimated flags to add to
 *
 * The bytes one GPU reads from its memory in one decode step of @sessions sessions: its
 * share of the weights a token passes through — every tensor but the input embedding (one
 * row of it is read) and, for a mixture of experts, the inactive experts
 * ((params − active) × bits / 8) — plus the KV cache and the fixed state of every session
 * at @tokens tokens as that GPU holds it (rw_fit_kv_bytes ()). Image models have no decode
 * step: 0.
 */
double
rw_throughput_step_bytes_at (RwModel  *model,
                             double    bits,
                             gboolean  whole_model,
                             RwEngine  engine,
                             RwKvDtype kv_dtype,
                             guint     gpus,
                             guint64   tokens,
                             guint     sessions,
                             guint    *estimated)
{
  double all, head16, input, inactive, kv, state = 0;
  double params, active;

  g_return_val_if_fail (RW_IS_MODEL (model), 0);
  if (rw_model_get_kind (model) != RW_MODEL_KIND_LLM)
    return 0;
  gpus = MAX (gpus, 1);
  sessions = MAX (sessions, 1);

  all = rw_fit_weights_bytes_at (model, bits, whole_model, estimated);
  /* the embedding and the untied head at 16 bit alone: (E + head) × 2 bytes */
  head16 = rw_fit_weights_bytes_at (model, 0, FALSE, NULL);
  /* E × 2 bytes: all of head16 when tied, half of it otherwise */
  input = rw_model_get_tied_embeddings (model) ? head16 : head16 / 2;
  if (whole_model)
    input = input / 2.0 * bits / 8.0;
  params = rw_model_get_params_b (model) * 1e9;
  active = rw_model_get_active_params_b (model) * 1e9;
  inactive = active > 0 && active < params ? (params - active) * bits / 8.0 : 0;

  kv = rw_fit_kv_bytes (model, MAX (tokens, 1), kv_dtype, engine, gpus, &state, estimated);
  return MAX (0, all - input - inactive) / gpus + sessions * (kv + state);
}

/**
 * rw_throughput_step_bytes:
 *
 * rw_throughput_step_bytes_at () at @engine's format for @precision (docs/FIT.md, "Weights"),
 * in bytes per GPU per decode step.
 */
double
rw_throughput_step_bytes (RwModel     *model,
                          RwPrecision  precision,
                          RwEngine     engine,
                          RwKvDtype    kv_dtype,
                          guint        gpus,
                          guint64      tokens,
                          guint        sessions,
                          guint       *estimated)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS && engine < RW_N_ENGINES, 0);
  return rw_throughput_step_bytes_at (model, rw_fit_format_bits (engine, precision),
                                      engine == RW_ENGINE_LLAMACPP, engine, kv_dtype, gpus,
                                      tokens, sessions, estimated);
}

/**
 * rw_throughput_tokens_per_s:
 * @estimated: (inout) (optional): RwFitEstimated and RwThroughputEstimated flags to add to
 *
 * Decode tokens per second of ONE session when @sessions sessions of @tokens tokens run
 * together on @gpus GPUs of @gpu (docs/FIT.md, "Throughput"): a decode step reads
 * rw_throughput_step_bytes () on every GPU in parallel, at the GPU's memory bandwidth
 * (`memory_bandwidth_gbps`, 10⁹ bytes/s) times rw_throughput_efficiency ():
 * `tokens/s = bandwidth × 1e9 × efficiency / step bytes`. All sessions get a token per step,
 * so the instance makes @sessions times as many. RW_UNKNOWN for an image model or a GPU
 * without a bandwidth.
 */
double
rw_throughput_tokens_per_s (RwModel     *model,
                            RwGpu       *gpu,
                            guint        gpus,
                            RwPrecision  precision,
                            RwEngine     engine,
                            RwKvDtype    kv_dtype,
                            guint64      tokens,
                            guint        sessions,
                            guint       *estimated)
{
  double bandwidth, bytes, efficiency;
  gboolean borrowed = FALSE;
  guint flags = RW_THROUGHPUT_ESTIMATED_FACTOR;

  g_return_val_if_fail (RW_IS_GPU (gpu), RW_UNKNOWN);
  bandwidth = rw_gpu_get_memory_bandwidth_gbps (gpu);
  bytes = rw_throughput_step_bytes (model, precision, engine, kv_dtype, gpus, tokens, sessions,
                                    estimated);
  efficiency = rw_throughput_efficiency (engine, precision, &borrowed);
  if (borrowed)
    flags |= RW_THROUGHPUT_ESTIMATED_BORROWED;
  if (!(bandwidth > 0))
    flags |= RW_THROUGHPUT_NO_BANDWIDTH;
  if (estimated != NULL)
    *estimated |= flags;
  if (!(bandwidth > 0) || !(bytes > 0))
    return RW_UNKNOWN;
  return bandwidth * 1e9 * efficiency / bytes;
}

/**
 * rw_usd_per_m_tokens:
 * @price_hr: the instance's price, $/hr
 * @tokens_per_s: the output tokens per second of the whole instance
 *
 * Dollars per million output tokens when the instance makes @tokens_per_s all hour:
 * `price_hr / (tokens_per_s × 3600) × 10⁶`. RW_UNKNOWN when @tokens_per_s is not positive.
 */
double
rw_usd_per_m_tokens (double price_hr,
                     double tokens_per_s)
{
  if (!(tokens_per_s > 0) || !(price_hr >= 0))
    return RW_UNKNOWN;
  return price_hr / (tokens_per_s * 3600.0) * 1e6;
}

/* ------------------------------------------------------------------ planner */

/**
 * rw_plan_options_init:
 *
 * The planner's defaults: 8 192 tokens, 1 session, vLLM, FP16 KV, every precision, every
 * pricing kind without suspect or GPU-only prices, RW_DEFAULT_HOURS_PER_DAY hours a day.
 */
void
rw_plan_options_init (RwPlanOptions *options)
{
  options->context = RW_DEFAULT_CONTEXT;
  options->sessions = 1;
  options->engine = RW_ENGINE_VLLM;
  options->kv_dtype = RW_KV_DTYPE_FP16;
  options->precision = -1;
  options->pricing_mask = RW_PRICING_MASK_ALL;
  options->hours_per_day = RW_DEFAULT_HOURS_PER_DAY;
}

/**
 * rw_plan_status_to_string:
 *
 * Returns: the status's name in JSON: `ok`, `no-offers`, `too-large`
 */
const char *
rw_plan_status_to_string (RwPlanStatus status)
{
  switch (status)
    {
    case RW_PLAN_OK: return "ok";
    case RW_PLAN_NO_OFFERS: return "no-offers";
    case RW_PLAN_TOO_LARGE: return "too-large";
    default: g_return_val_if_reached ("ok");
    }
}

/* The offers are read directly (rw-records-private.h): the planner scans every offer of every
 * GPU, 187 600 of them in the 100× catalog, and the getters' type checks were most of its
 * time (BENCHMARKS.md) */
static gboolean
offer_included (const RwOffer *offer,
                guint          mask)
{
  if (!(mask & RW_PRICING_MASK (offer->pricing)))
    return FALSE;
  if ((offer->flags & RW_OFFER_SUSPECT) && !(mask & RW_INCLUDE_SUSPECT))
    return FALSE;
  if ((offer->flags & RW_OFFER_GPU_ONLY) && !(mask & RW_INCLUDE_GPU_ONLY))
    return FALSE;
  return TRUE;
}

/* Is @a a better (cheaper) instance than @b: price, then fewer GPUs, provider, instance */
static gboolean
offer_better (const RwOffer *a,
              const RwOffer *b)
{
  int c;

  if (b == NULL)
    return TRUE;
  if (a->price_hr != b->price_hr)
    return a->price_hr < b->price_hr;
  if (a->gpu_count != b->gpu_count)
    return a->gpu_count < b->gpu_count;
  c = g_strcmp0 (a->provider, b->provider);
  if (c != 0)
    return c < 0;
  return g_strcmp0 (a->instance, b->instance) < 0;
}

/* The plan's ranking (the window, --plan's text and JSON): $/hr, then at equal $/hr the lower
 * $/M tokens (an unknown one last), fewer GPUs, the GPU's name (case-folded), precision, then
 * provider and instance so the order never depends on the catalog's */
static int
compare_options (const RwPlanOption *a,
                 const RwPlanOption *b)
{
  int c;

  if (a->price_hr != b->price_hr)
    return a->price_hr < b->price_hr ? -1 : 1;
  if (a->usd_per_m_tokens != b->usd_per_m_tokens)
    {
      if (a->usd_per_m_tokens < 0 || b->usd_per_m_tokens < 0)
        return a->usd_per_m_tokens < 0 ? 1 : -1;
      return a->usd_per_m_tokens < b->usd_per_m_tokens ? -1 : 1;
    }
  if (a->gpus != b->gpus)
    return a->gpus < b->gpus ? -1 : 1;
  if (a->gpu != b->gpu)
    {
      g_autofree char *na = g_utf8_casefold (rw_gpu_get_name (a->gpu), -1);
      g_autofree char *nb = g_utf8_casefold (rw_gpu_get_name (b->gpu), -1);

      c = strcmp (na, nb);
      if (c == 0)
        c = strcmp (rw_gpu_get_id (a->gpu), rw_gpu_get_id (b->gpu));
      if (c != 0)
        return c;
    }
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  c = g_strcmp0 (rw_offer_get_provider (a->offer), rw_offer_get_provider (b->offer));
  if (c != 0)
    return c;
  return g_strcmp0 (rw_offer_get_instance (a->offer), rw_offer_get_instance (b->offer));
}

static int
compare_options_qsort (gconstpointer a,
                       gconstpointer b)
{
  return compare_options (a, b);
}

/* The option of @fit (at gpus[c]) on @offer */
static void
make_option (const RwPlan  *plan,
             RwGpu         *gpu,
             RwOffer       *offer,
             guint          c,
             const RwFit   *fit,
             RwPlanOption  *out)
{
  const RwPlanOptions *o = &plan->options;
  guint estimated = fit->estimated;
  double per_session;

  memset (out, 0, sizeof *out);
  out->gpu = gpu;
  out->offer = offer;
  out->gpus = rw_fit_gpu_counts[c];
  out->instance_gpus = rw_offer_get_gpu_count (offer);
  out->precision = fit->precision;
  out->price_hr = rw_offer_get_price_hr (offer);
  out->rate_per_gpu_hr = rw_offer_get_per_gpu_hr (offer);
  out->per_month = out->price_hr * o->hours_per_day * RW_DAYS_PER_MONTH;
  out->need_bytes = fit->need_bytes;
  out->usable_bytes = fit->usable_bytes;
  out->max_context = fit->max_context[c];
  out->max_sessions = fit->max_sessions[c];
  per_session = rw_throughput_tokens_per_s (plan->model, gpu, out->gpus, fit->precision,
                                            o->engine, o->kv_dtype, fit->context,
                                            fit->sessions, &estimated);
  out->tokens_per_s_per_session = per_session;
  out->tokens_per_s = per_session > 0 ? per_session * fit->sessions : RW_UNKNOWN;
  out->usd_per_m_tokens = rw_usd_per_m_tokens (out->price_hr, out->tokens_per_s);
  out->estimated = estimated;
}

/* Keeps the cheaper of @hint and the option of @fit on @offer, at @value */
static void
offer_hint (RwPlanHint   *hint,
            const RwPlan *plan,
            RwGpu        *gpu,
            RwOffer      *offer,
            guint         c,
            const RwFit  *fit,
            guint64       value,
            gboolean      larger_is_better)
{
  RwPlanOption option;

  if (hint->found && value != hint->value &&
      (larger_is_better ? value < hint->value : value > hint->value))
    return;
  make_option (plan, gpu, offer, c, fit, &option);
  if (hint->found && value == hint->value && compare_options (&option, &hint->option) >= 0)
    return;
  hint->found = TRUE;
  hint->option = option;
  hint->value = value;
}

static void
offer_cheapest (RwPlanOption       *slot,
                gboolean           *has,
                const RwPlan       *plan,
                RwGpu              *gpu,
                RwOffer            *offer,
                guint               c,
                const RwFit        *fit)
{
  RwPlanOption option;

  if (offer == NULL)
    return;
  make_option (plan, gpu, offer, c, fit, &option);
  if (!*has || compare_options (&option, slot) < 0)
    {
      *slot = option;
      *has = TRUE;
    }
}

/* FP16 0, the 8-bit slot 1 (FP8 where the architecture has it, else INT8: asking for either
 * asks for the GPU's 8-bit format), INT4 2 */
static int
precision_rank (RwPrecision precision)
{
  switch (precision)
    {
    case RW_PRECISION_FP16: return 0;
    case RW_PRECISION_FP8:
    case RW_PRECISION_INT8: return 1;
    case RW_PRECISION_INT4:
    case RW_N_PRECISIONS:
    default: return 2;
    }
}

/* The candidate precisions of @gpu, highest first: FP16, FP8 or INT8, INT4 */
static guint
gpu_precisions (RwGpu       *gpu,
                RwPrecision  out[3])
{
  out[0] = RW_PRECISION_FP16;
  out[1] = rw_architecture_has_fp8 (rw_gpu_get_architecture (gpu)) ? RW_PRECISION_FP8
                                                                    : RW_PRECISION_INT8;
  out[2] = RW_PRECISION_INT4;
  return 3;
}

/* ------------------------------------------------------------------ the offers' index */

/* How many offers ahead the index's scan asks the memory for */
#define PREFETCH_AHEAD 16

/* One GPU's cheapest included instances with at least 1, 2, 4, 8 GPUs */
typedef struct {
  RwGpu   *gpu;                          /* a reference */
  RwOffer *best[RW_FIT_N_COUNTS];        /* any included pricing kind */
  RwOffer *best_od[RW_FIT_N_COUNTS];     /* on-demand */
  RwOffer *best_spot[RW_FIT_N_COUNTS];   /* spot */
} GpuOffers;

struct _RwPlanIndex
{
  RwCatalog *catalog;      /* a reference */
  guint      pricing_mask;
  GArray    *gpus;         /* GpuOffers, GPUs with at least one included offer */
};

static void
gpu_offers_clear (gpointer data)
{
  GpuOffers *g = data;

  g_clear_object (&g->gpu);
}

/**
 * rw_plan_index_new:
 * @pricing_mask: the offers to plan with: RW_PRICING_MASK_ALL or RW_PRICING_MASK_ON_DEMAND,
 *   | RW_INCLUDE_SUSPECT, RW_INCLUDE_GPU_ONLY (rw-stats.h)
 *
 * Scans every offer of @catalog once for what the planner needs whatever the model: per GPU,
 * the cheapest included instance with at least 1, 2, 4 and 8 GPUs (of any included pricing
 * kind, on-demand, spot). It depends only on the catalog and @pricing_mask: keep it while
 * they stay, and plan every model, context and session count with it
 * (rw_plan_compute_indexed ()).
 *
 * Returns: (transfer full): the index; free with rw_plan_index_free ()
 */
RwPlanIndex *
rw_plan_index_new (RwCatalog *catalog,
                   guint      pricing_mask)
{
  RwPlanIndex *index;
  GListModel *gpus;
  guint n_gpus;

  g_return_val_if_fail (RW_IS_CATALOG (catalog), NULL);

  index = g_new0 (RwPlanIndex, 1);
  index->catalog = g_object_ref (catalog);
  index->pricing_mask = pricing_mask;
  index->gpus = g_array_new (FALSE, TRUE, sizeof (GpuOffers));
  g_array_set_clear_func (index->gpus, gpu_offers_clear);
  gpus = rw_catalog_get_gpus (catalog);
  n_gpus = g_list_model_get_n_items (gpus);
  for (guint g = 0; g < n_gpus; g++)
    {
      GpuOffers entry = { NULL };
      GPtrArray *offers;

      entry.gpu = g_list_model_get_item (gpus, g);
      offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (entry.gpu));
      for (guint i = 0; i < offers->len; i++)
        {
          RwOffer *offer = g_ptr_array_index (offers, i);
          guint count;

#if defined(__GNUC__)
          /* the offers are separate objects: ask for one a few ahead while this one is read */
          if (i + PREFETCH_AHEAD < offers->len)
            {
              RwOffer *ahead = g_ptr_array_index (offers, i + PREFETCH_AHEAD);

              __builtin_prefetch (&ahead->gpu_count);
            }
#endif
          count = offer->gpu_count;
          RwPricing pricing = offer->pricing;

          if (!offer_included (offer, pricing_mask))
            continue;
          for (guint c = 0; c < RW_FIT_N_COUNTS && rw_fit_gpu_counts[c] <= count; c++)
            {
              if (offer_better (offer, entry.best[c]))
                entry.best[c] = offer;
              if (pricing == RW_PRICING_ON_DEMAND && offer_better (offer, entry.best_od[c]))
                entry.best_od[c] = offer;
              if (pricing == RW_PRICING_SPOT && offer_better (offer, entry.best_spot[c]))
                entry.best_spot[c] = offer;
            }
        }
      if (entry.best[0] != NULL)
        g_array_append_val (index->gpus, entry);
      else
        g_object_unref (entry.gpu);
    }
  return index;
}

/**
 * rw_plan_index_free:
 *
 * Frees @index and drops its references to the catalog and its GPUs.
 */
void
rw_plan_index_free (RwPlanIndex *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->gpus, g_array_unref);
  g_clear_object (&index->catalog);
  g_free (index);
}

/**
 * rw_plan_index_get_pricing_mask:
 *
 * Returns: the pricing mask @index was made with
 */
guint
rw_plan_index_get_pricing_mask (RwPlanIndex *index)
{
  return index->pricing_mask;
}

/* ------------------------------------------------------------------ the plan */

/**
 * rw_plan_supports_model:
 * @model: a catalog model
 *
 * Whether the planner plans inference of @model: only a language model
 * (%RW_MODEL_KIND_LLM). The planner's settings (tokens per session, concurrent sessions, an
 * engine, a KV cache) and its ranking (decode tokens/s, $ per million tokens) mean nothing
 * for an image model; docs/FIT.md, "The planner", says so. The same rule as fine-tuning
 * (rw_train_arch_from_model () refuses a model that is not a language model).
 *
 * Returns: TRUE for a language model
 */
gboolean
rw_plan_supports_model (RwModel *model)
{
  g_return_val_if_fail (RW_IS_MODEL (model), FALSE);
  return rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
}

/**
 * rw_plan_effective_context:
 * @model: a catalog model
 * @context: the context asked for, in tokens per session (0 counts as 1)
 *
 * The context the plan uses, in tokens per session: @context capped at the model's maximum
 * context (its config.json's max_position_embeddings, rw_model_get_context (); no cap when
 * the catalog does not know it). A watched plan stores this, so that it names the plan that
 * is priced (rw_plan_compute () plans with the same cap).
 *
 * Returns: the effective context, 1 or more
 */
guint64
rw_plan_effective_context (RwModel *model,
                           guint64  context)
{
  gint64 cap;

  g_return_val_if_fail (RW_IS_MODEL (model), MAX (context, 1));
  cap = rw_model_get_context (model);
  context = MAX (context, 1);
  if (cap > 0 && context > (guint64) cap)
    return (guint64) cap;
  return context;
}

/**
 * rw_plan_compute:
 * @options: (nullable): NULL for rw_plan_options_init ()'s
 *
 * Plans @model over @catalog (docs/FIT.md, "The planner"): for every GPU, every count of 1,
 * 2, 4 and 8 and every precision it offers (FP16, FP8 where the architecture has it or else
 * INT8, INT4; only options->precision when set) at which the model fits with the context and
 * sessions (rw_fit_compute ()), the cheapest single instance of that GPU with at least that
 * many GPUs among the offers the pricing mask includes (suspect and GPU-only prices left out
 * unless included, as in the statistics); you pay the whole instance. Each option carries its
 * $/hr, $/hr per GPU, $/month at options->hours_per_day, decode tokens/s and $ per million
 * output tokens (rw_throughput_tokens_per_s ()), its memory need and what is usable per GPU,
 * and the largest context and most sessions at its GPUs and precision.
 *
 * When nothing fits, the status says why (no included offer at all, or too large for every
 * offered instance) and the hints say what would fit: a lower precision (when one was set),
 * the largest context for the sessions, the most sessions of the context — each on its
 * cheapest instance.
 *
 * This scans every offer (rw_plan_index_new ()); to plan again over the same catalog and
 * pricing, keep an index and use rw_plan_compute_indexed ().
 *
 * Returns: (transfer full): the plan; free with rw_plan_free ()
 */
RwPlan *
rw_plan_compute (RwCatalog           *catalog,
                 RwModel             *model,
                 const RwPlanOptions *options)
{
  RwPlanOptions defaults;
  RwPlanIndex *index;
  RwPlan *plan;

  g_return_val_if_fail (RW_IS_CATALOG (catalog), NULL);
  if (options == NULL)
    {
      rw_plan_options_init (&defaults);
      options = &defaults;
    }
  index = rw_plan_index_new (catalog, options->pricing_mask);
  plan = rw_plan_compute_indexed (index, model, options);
  rw_plan_index_free (index);
  return plan;
}

/**
 * rw_plan_compute_indexed:
 * @options: (nullable): NULL for rw_plan_options_init ()'s; its pricing_mask is replaced
 *   by @index's
 *
 * rw_plan_compute () with the offers' index made once for the catalog and pricing mask.
 *
 * Returns: (transfer full): the plan; free with rw_plan_free ()
 */
RwPlan *
rw_plan_compute_indexed (RwPlanIndex         *index,
                         RwModel             *model,
                         const RwPlanOptions *options)
{
  RwPlan *plan;
  gboolean llm;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (RW_IS_MODEL (model), NULL);

  plan = g_new0 (RwPlan, 1);
  llm = rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
  if (options != NULL)
    plan->options = *options;
  else
    rw_plan_options_init (&plan->options);
  plan->options.pricing_mask = index->pricing_mask;
  plan->options.sessions = MAX (plan->options.sessions, 1);
  plan->options.context = MAX (plan->options.context, 1);
  if (!(plan->options.hours_per_day >= 0))
    plan->options.hours_per_day = RW_DEFAULT_HOURS_PER_DAY;
  plan->model = g_object_ref (model);
  plan->context = rw_plan_effective_context (model, plan->options.context);
  plan->context_capped = plan->context != plan->options.context;
  plan->options_ranked = g_array_new (FALSE, FALSE, sizeof (RwPlanOption));

  for (guint g = 0; g < index->gpus->len; g++)
    {
      const GpuOffers *entry = &g_array_index (index->gpus, GpuOffers, g);
      RwGpu *gpu = entry->gpu;
      RwOffer * const *best = entry->best;
      RwOffer * const *best_od = entry->best_od;
      RwOffer * const *best_spot = entry->best_spot;
      RwPrecision precisions[3];
      guint n_precisions;

      n_precisions = gpu_precisions (gpu, precisions);
      for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
        {
          if (best[c] == NULL)
            break;
          for (guint p = 0; p < n_precisions; p++)
            {
              gboolean asked = plan->options.precision < 0 ||
                               precision_rank (precisions[p]) ==
                               precision_rank (plan->options.precision);
              RwFitOptions fo;
              RwFit fit;

              /* a lower precision than the one asked for is only a hint */
              if (!asked &&
                  precision_rank (precisions[p]) < precision_rank (plan->options.precision))
                continue;
              rw_fit_options_init (&fo);
              fo.context = plan->options.context;
              fo.sessions = plan->options.sessions;
              fo.kv_dtype = plan->options.kv_dtype;
              fo.engine = plan->options.engine;
              fo.gpus = rw_fit_gpu_counts[c];
              fo.precision = precisions[p];
              rw_fit_compute (model, gpu, &fo, &fit);

              if (fit.fits && asked)
                {
                  RwPlanOption option;

                  make_option (plan, gpu, best[c], c, &fit, &option);
                  g_array_append_val (plan->options_ranked, option);
                  offer_cheapest (&plan->cheapest_on_demand, &plan->has_cheapest_on_demand,
                                  plan, gpu, best_od[c], c, &fit);
                  offer_cheapest (&plan->cheapest_spot, &plan->has_cheapest_spot,
                                  plan, gpu, best_spot[c], c, &fit);
                }
              else if (fit.fits)
                offer_hint (&plan->lower_precision, plan, gpu, best[c], c, &fit,
                            (guint64) precisions[p], FALSE);
              else if (asked)
                {
                  /* what would fit here: a shorter context, fewer sessions */
                  RwFitOptions fo2 = fo;
                  RwFit fit2;

                  if (llm && fit.max_context[c] > 0)
                    {
                      fo2.context = fit.max_context[c];
                      fo2.sessions = plan->options.sessions;
                      rw_fit_compute (model, gpu, &fo2, &fit2);
                      if (fit2.fits)
                        offer_hint (&plan->shorter_context, plan, gpu, best[c], c, &fit2,
                                    fit.max_context[c], TRUE);
                    }
                  if (plan->options.sessions > 1 && fit.max_sessions[c] > 0)
                    {
                      fo2 = fo;
                      fo2.sessions = (guint) MIN (fit.max_sessions[c], G_MAXUINT);
                      rw_fit_compute (model, gpu, &fo2, &fit2);
                      if (fit2.fits)
                        offer_hint (&plan->fewer_sessions, plan, gpu, best[c], c, &fit2,
                                    fit.max_sessions[c], TRUE);
                    }
                }
            }
        }
    }

  if (plan->options_ranked->len > 1)
    qsort (plan->options_ranked->data, plan->options_ranked->len, sizeof (RwPlanOption),
           compare_options_qsort);
  if (plan->options_ranked->len > 0)
    plan->status = RW_PLAN_OK;
  else if (index->gpus->len == 0)
    plan->status = RW_PLAN_NO_OFFERS;
  else
    plan->status = RW_PLAN_TOO_LARGE;
  /* hints are for when nothing fits */
  if (plan->status == RW_PLAN_OK)
    {
      plan->lower_precision.found = FALSE;
      plan->shorter_context.found = FALSE;
      plan->fewer_sessions.found = FALSE;
    }
  return plan;
}

/**
 * rw_plan_free:
 *
 * Frees @plan: its options (which borrow the catalog's GPUs and offers) and its reference to
 * the model.
 */
void
rw_plan_free (RwPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->model);
  g_clear_pointer (&plan->options_ranked, g_array_unref);
  g_free (plan);
}

/* ------------------------------------------------------------------ reports */

static void
write_estimates (RwJsonWriter *w,
                 guint         estimated)
{
  static const struct { guint flag; const char *name; } names[] = {
    { RW_FIT_ESTIMATED_LAYERS, "layers" },
    { RW_FIT_ESTIMATED_EMBEDDING, "embedding" },
    { RW_FIT_ESTIMATED_CONTEXT, "context" },
    { RW_FIT_ESTIMATED_STATE, "state" },
    { RW_FIT_ESTIMATED_USABLE, "usable_memory" },
    { RW_FIT_ESTIMATED_COMPONENTS, "components" },
    { RW_THROUGHPUT_ESTIMATED_FACTOR, "throughput" },
    { RW_THROUGHPUT_ESTIMATED_BORROWED, "efficiency_borrowed" },
    { RW_THROUGHPUT_NO_BANDWIDTH, "no_bandwidth" },
  };

  rw_json_writer_key (w, "estimates");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (estimated & names[i].flag)
      rw_json_writer_string (w, names[i].name);
  rw_json_writer_end_array (w);
}

static void
write_option (RwJsonWriter       *w,
              RwCatalog          *catalog,
              const RwPlan       *plan,
              const RwPlanOption *o)
{
  RwProvider *provider = rw_catalog_lookup_provider (catalog, rw_offer_get_provider (o->offer));

  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "gpu", rw_gpu_get_id (o->gpu));
  rw_json_writer_member_string (w, "gpu_name", rw_gpu_get_name (o->gpu));
  rw_json_writer_member_int (w, "gpus", o->gpus);
  rw_json_writer_member_int (w, "instance_gpus", o->instance_gpus);
  rw_json_writer_member_string (w, "precision", rw_precision_to_string (o->precision));
  rw_json_writer_member_string (w, "format",
                                rw_fit_format_name (plan->options.engine, o->precision));
  rw_json_writer_member_string (w, "provider", rw_offer_get_provider (o->offer));
  rw_json_writer_member_string (w, "provider_name",
                                provider != NULL ? rw_provider_get_name (provider) : NULL);
  rw_json_writer_member_string (w, "provider_url",
                                provider != NULL ? rw_provider_get_url (provider) : NULL);
  rw_json_writer_member_string (w, "instance", rw_offer_get_instance (o->offer));
  rw_json_writer_member_string (w, "pricing",
                                rw_pricing_to_string (rw_offer_get_pricing (o->offer)));
  rw_json_writer_member_string (w, "region", rw_offer_get_region (o->offer));
  rw_json_writer_member_number (w, "price_hr", o->price_hr);
  rw_json_writer_member_number (w, "rate_per_gpu_hr", o->rate_per_gpu_hr);
  rw_json_writer_member_number (w, "per_month", o->per_month);
  rw_json_writer_member_known (w, "tokens_per_s", o->tokens_per_s);
  rw_json_writer_member_known (w, "tokens_per_s_per_session", o->tokens_per_s_per_session);
  rw_json_writer_member_known (w, "usd_per_m_tokens", o->usd_per_m_tokens);
  rw_json_writer_member_number (w, "need_bytes", o->need_bytes);
  rw_json_writer_member_number (w, "usable_bytes", o->usable_bytes);
  rw_json_writer_key (w, "max_context");
  if (rw_model_get_kind (plan->model) == RW_MODEL_KIND_LLM && o->max_context > 0)
    rw_json_writer_int (w, (gint64) o->max_context);
  else
    rw_json_writer_null (w);
  rw_json_writer_member_int (w, "max_sessions", (gint64) o->max_sessions);
  rw_json_writer_key (w, "estimated");
  rw_json_writer_boolean (w, o->estimated != 0);
  write_estimates (w, o->estimated);
  rw_json_writer_end_object (w);
}

static void
write_option_or_null (RwJsonWriter       *w,
                      RwCatalog          *catalog,
                      const RwPlan       *plan,
                      const char         *key,
                      const RwPlanOption *o,
                      gboolean            has)
{
  rw_json_writer_key (w, key);
  if (has)
    write_option (w, catalog, plan, o);
  else
    rw_json_writer_null (w);
}

static void
write_hint (RwJsonWriter     *w,
            RwCatalog        *catalog,
            const RwPlan     *plan,
            const char       *key,
            const char       *value_key,
            const RwPlanHint *hint)
{
  rw_json_writer_key (w, key);
  if (!hint->found)
    {
      rw_json_writer_null (w);
      return;
    }
  rw_json_writer_begin_object (w);
  if (g_str_equal (value_key, "precision"))
    rw_json_writer_member_string (w, value_key, rw_precision_to_string ((RwPrecision) hint->value));
  else
    rw_json_writer_member_int (w, value_key, (gint64) hint->value);
  rw_json_writer_key (w, "option");
  write_option (w, catalog, plan, &hint->option);
  rw_json_writer_end_object (w);
}

/**
 * rw_plan_json:
 * @limit: the most options to write; 0 for all
 *
 * `rentwise --plan --json`: the model, the options planned with, the status, the cheapest
 * on-demand and spot options, the ranked options (each with gpu, gpus, precision, provider,
 * instance, price_hr, rate_per_gpu_hr, per_month, tokens_per_s, usd_per_m_tokens, need_bytes,
 * usable_bytes, max_context, max_sessions, `"estimated": true` and what is estimated), and
 * when nothing fits what would. Numbers unrounded; unknown ones null.
 */
char *
rw_plan_json (RwCatalog    *catalog,
              const RwPlan *plan,
              guint         limit)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  const RwPlanOptions *o = &plan->options;
  guint n = plan->options_ranked->len;

  if (limit > 0)
    n = MIN (n, limit);
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "model", rw_model_get_id (plan->model));
  rw_json_writer_member_string (w, "name", rw_model_get_name (plan->model));
  rw_json_writer_member_int (w, "context_asked", (gint64) o->context);
  rw_json_writer_member_int (w, "context", (gint64) plan->context);
  rw_json_writer_key (w, "context_capped");
  rw_json_writer_boolean (w, plan->context_capped);
  rw_json_writer_member_int (w, "sessions", o->sessions);
  rw_json_writer_member_string (w, "engine", rw_engine_to_string (o->engine));
  rw_json_writer_member_string (w, "kv_dtype", rw_kv_dtype_to_string (o->kv_dtype));
  rw_json_writer_member_string (w, "precision",
                                o->precision >= 0 ? rw_precision_to_string (o->precision) : NULL);
  rw_json_writer_key (w, "on_demand_only");
  rw_json_writer_boolean (w, !(o->pricing_mask & RW_PRICING_MASK (RW_PRICING_SPOT)));
  rw_json_writer_key (w, "include_suspect");
  rw_json_writer_boolean (w, (o->pricing_mask & RW_INCLUDE_SUSPECT) != 0);
  rw_json_writer_member_number (w, "hours_per_day", o->hours_per_day);
  rw_json_writer_member_string (w, "status", rw_plan_status_to_string (plan->status));
  write_option_or_null (w, catalog, plan, "cheapest_on_demand", &plan->cheapest_on_demand,
                        plan->has_cheapest_on_demand);
  write_option_or_null (w, catalog, plan, "cheapest_spot", &plan->cheapest_spot,
                        plan->has_cheapest_spot);
  rw_json_writer_member_int (w, "options_total", plan->options_ranked->len);
  rw_json_writer_key (w, "options");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    write_option (w, catalog, plan, &g_array_index (plan->options_ranked, RwPlanOption, i));
  rw_json_writer_end_array (w);
  rw_json_writer_key (w, "would_fit");
  rw_json_writer_begin_object (w);
  write_hint (w, catalog, plan, "lower_precision", "precision", &plan->lower_precision);
  write_hint (w, catalog, plan, "shorter_context", "context", &plan->shorter_context);
  write_hint (w, catalog, plan, "fewer_sessions", "sessions", &plan->fewer_sessions);
  rw_json_writer_end_object (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* "2× NVIDIA H100 SXM, FP8, Lambda gpu_8x_h100 (8 GPUs), $23.92/hr" */
static char *
option_summary (RwCatalog          *catalog,
                const RwPlanOption *o)
{
  g_autofree char *gpu = rw_text_sanitize (rw_gpu_get_name (o->gpu));
  g_autofree char *who =
    rw_text_sanitize (rw_catalog_get_provider_name (catalog, rw_offer_get_provider (o->offer)));
  g_autofree char *instance = rw_text_sanitize (rw_offer_get_instance (o->offer) != NULL
                                                ? rw_offer_get_instance (o->offer) : "");
  g_autofree char *precision = g_ascii_strup (rw_precision_to_string (o->precision), -1);
  g_autofree char *price = rw_format_usd (o->price_hr, 2);
  /* cents, as the planner window and --plan --json show them */
  g_autofree char *month = rw_format_usd (o->per_month, 2);
  g_autofree char *speed = NULL;

  if (o->tokens_per_s > 0)
    {
      /* never "$0.00" for a cheap option (newcomer report 5, defect 12) */
      g_autofree char *per_m = rw_format_usd_significant (o->usd_per_m_tokens);
      g_autofree char *tok_s = rw_format_number (o->tokens_per_s, 0);

      /* TRANSLATORS: estimated decode tokens per second (with the locale's grouping) and
       * dollars per million output tokens */
      speed = g_strdup_printf (_("~%s tok/s, ~%s per M tokens"), tok_s, per_m);
    }
  else
    speed = g_strdup (_("tokens/s unknown"));

  g_autofree char *paid = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u GPU", "%u GPUs",
                                                         o->instance_gpus),
                                            o->instance_gpus);

  /* TRANSLATORS: "2× NVIDIA H100 SXM at FP8 on Lambda gpu_8x_h100 (8 GPUs): $23.92/hr,
   * $5,740.80/month, ~41 tok/s, ~$162.07 per M tokens"; the parenthesis is the instance's GPUs */
  return g_strdup_printf (_("%u× %s at %s on %s %s (%s): %s/hr, %s/month, %s"),
                          o->gpus, gpu, precision, who, instance, paid, price, month, speed);
}

/**
 * rw_plan_text:
 * @limit: the most options to write; 0 for all
 *
 * `rentwise --plan`: the model and settings, the cheapest on-demand and spot options, the
 * ranked options one a line, or why nothing fits and what would; tokens/s and $/M tokens are
 * marked as estimates.
 */
char *
rw_plan_text (RwCatalog    *catalog,
              const RwPlan *plan,
              guint         limit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = rw_text_sanitize (rw_model_get_name (plan->model));
  const RwPlanOptions *o = &plan->options;
  guint n = plan->options_ranked->len;
  g_autofree char *sessions_n = rw_format_number (o->sessions, 0);
  /* grouped as the window does ("2,000 sessions"; newcomer report 5, defect 5) */
  g_autofree char *sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s session",
                                                            "%s sessions", o->sessions),
                                               sessions_n);
  g_autofree char *tokens = rw_format_number ((double) plan->context, 0);

  if (limit > 0)
    n = MIN (n, limit);
  /* TRANSLATORS: "Llama 3.3 70B: 32768 tokens × 8 sessions, engine vllm, KV cache fp16" */
  g_string_append_printf (out, _("%s: %s tokens × %s, engine %s, KV cache %s\n"),
                          name, tokens, sessions, rw_engine_to_string (o->engine),
                          rw_kv_dtype_to_string (o->kv_dtype));
  if (plan->context_capped)
    g_string_append (out, _("  The context is capped at the model's maximum.\n"));

  if (plan->status == RW_PLAN_NO_OFFERS)
    {
      g_string_append (out, _("  No instance in the catalog has a price these options include.\n"));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (plan->status == RW_PLAN_TOO_LARGE)
    {
      const RwPlanHint *hints[] = { &plan->lower_precision, &plan->shorter_context,
                                    &plan->fewer_sessions };

      g_string_append (out, _("  Does not fit on any instance offered, up to 8 GPUs of one "
                              "machine.\n"));
      for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
        {
          g_autofree char *summary = NULL;
          g_autofree char *value = NULL;

          if (!hints[i]->found)
            continue;
          summary = option_summary (catalog, &hints[i]->option);
          value = rw_format_number ((double) hints[i]->value, 0);
          if (i == 0)
            {
              g_autofree char *p = g_ascii_strup (rw_precision_to_string (hints[i]->value), -1);

              g_string_append_printf (out, _("  Would fit at %s: %s\n"), p, summary);
            }
          else if (i == 1)
            g_string_append_printf (out,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "  Would fit with a context of %s token: %s\n",
                                                 "  Would fit with a context of %s tokens: %s\n",
                                                 rw_plural_n (hints[i]->value)),
                                    value, summary);
          else
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                      "  Would fit with %s session: %s\n",
                                                      "  Would fit with %s sessions: %s\n",
                                                      rw_plural_n (hints[i]->value)),
                                    value, summary);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (plan->has_cheapest_on_demand)
    {
      g_autofree char *s = option_summary (catalog, &plan->cheapest_on_demand);

      g_string_append_printf (out, _("  Cheapest on-demand: %s\n"), s);
    }
  if (plan->has_cheapest_spot)
    {
      g_autofree char *s = option_summary (catalog, &plan->cheapest_spot);

      g_string_append_printf (out, _("  Cheapest spot: %s\n"), s);
    }
  for (guint i = 0; i < n; i++)
    {
      const RwPlanOption *opt = &g_array_index (plan->options_ranked, RwPlanOption, i);
      g_autofree char *s = option_summary (catalog, opt);

      g_string_append_printf (out, "  %u. %s\n", i + 1, s);
    }
  if (n < plan->options_ranked->len)
    {
      g_autofree char *more = rw_format_number (plan->options_ranked->len - n, 0);

      g_string_append_printf (out, _("  … and %s more\n"), more);
    }
  g_string_append (out, _("  Tokens/s and $/M tokens are estimates from memory bandwidth "
                          "(the help's planner page explains them).\n"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
