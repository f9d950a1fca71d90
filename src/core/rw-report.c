/* rw-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything on the GPU page, computed from the catalog by the pure functions of
 * rw-stats, rw-fit and rw-breakeven, and written as JSON (unrounded) or text.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rw-format.h"
#include "rw-json-writer.h"
#include "rw-report.h"
#include "rw-report-private.h"
#include "rw-source.h"
#include "rw-stats.h"

void
rw_report_options_init (RwReportOptions *options)
{
  options->pricing_mask = RW_PRICING_MASK_ALL;
  options->context = RW_DEFAULT_CONTEXT;
  options->sessions = 1;
  options->kv_dtype = RW_KV_DTYPE_FP16;
  options->engine = RW_ENGINE_VLLM;
  rw_rent_vs_own_input_init (&options->rent);
  options->rate_kind = RW_RATE_CHEAPEST;
  options->rate_provider = NULL;
  options->rate_custom = RW_UNKNOWN;
  options->feeds = NULL;
  options->history = NULL;
  options->now = g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * rw_report_gpu_stats:
 *
 * Returns: (transfer full): the price statistics of @gpu's offers under @options's pricing
 *   mask: the numbers of `--report`'s `prices` (rw_price_stats_compute ())
 */
RwPriceStats *
rw_report_gpu_stats (RwCatalog             *catalog,
                     RwGpu                 *gpu,
                     const RwReportOptions *options)
{
  return rw_catalog_compute_price_stats (catalog, rw_gpu_get_id (gpu), options->pricing_mask);
}

typedef struct {
  RwModelFit  mf;
  char       *name_key;   /* g_utf8_collate_key () of the name, made once per model */
} SortedFit;

static int
compare_fits (gconstpointer a,
              gconstpointer b)
{
  const SortedFit *sa = a;
  const SortedFit *sb = b;
  const RwModelFit *fa = &sa->mf;
  const RwModelFit *fb = &sb->mf;
  double pa, pb;

  if (fa->fit.fits != fb->fit.fits)
    return fa->fit.fits ? -1 : 1;
  if (fa->fit.gpus != fb->fit.gpus)
    return fa->fit.gpus < fb->fit.gpus ? -1 : 1;
  if (fa->fit.precision != fb->fit.precision)
    return fa->fit.precision < fb->fit.precision ? -1 : 1;
  pa = rw_model_get_params_b (fa->model);
  pb = rw_model_get_params_b (fb->model);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return strcmp (sa->name_key, sb->name_key);
}

/* The fit options a report's options stand for: the recommendation at their context,
 * sessions, KV dtype and engine */
void
rw_report_fit_options (const RwReportOptions *options,
                       RwFitOptions          *fit)
{
  rw_fit_options_init (fit);
  fit->context = options->context;
  fit->sessions = options->sessions;
  fit->kv_dtype = options->kv_dtype;
  fit->engine = options->engine;
}

/**
 * rw_report_compute_fits:
 *
 * Returns: (transfer full) (element-type RwModelFit): every model's fit on @gpu (see
 *   rw_fit_compute ()): those that fit first, then fewest GPUs, highest precision, smallest
 *   model. The models are borrowed from @catalog.
 */
GArray *
rw_report_compute_fits (RwCatalog          *catalog,
                        RwGpu              *gpu,
                        const RwFitOptions *options)
{
  GListModel *models = rw_catalog_get_models (catalog);
  guint n = g_list_model_get_n_items (models);
  g_autofree SortedFit *sorted = g_new0 (SortedFit, n);
  GArray *fits = g_array_sized_new (FALSE, FALSE, sizeof (RwModelFit), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);

      sorted[i].mf.model = model;   /* the catalog keeps its reference */
      rw_fit_compute (model, gpu, options, &sorted[i].mf.fit);
      sorted[i].name_key = g_utf8_collate_key (rw_model_get_name (model), -1);
    }
  if (n > 1)
    qsort (sorted, n, sizeof *sorted, compare_fits);
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (fits, sorted[i].mf);
      g_free (sorted[i].name_key);
    }
  return fits;
}

static void
write_estimated (RwJsonWriter *w,
                 guint         estimated)
{
  static const char * const names[] = { "layers", "embedding", "context", "state",
                                         "usable_memory", "components" };

  rw_json_writer_key (w, "estimated");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (estimated & (1u << i))
      rw_json_writer_string (w, names[i]);
  rw_json_writer_end_array (w);
}

static void
write_count_or_null (RwJsonWriter *w,
                     const char   *key,
                     guint64       value,
                     gboolean      known)
{
  rw_json_writer_key (w, key);
  if (known)
    rw_json_writer_int (w, (gint64) value);
  else
    rw_json_writer_null (w);
}

/* One fit's members: where it fits, its breakdown in bytes per GPU, context and sessions */
void
rw_report_write_fit_members (RwJsonWriter *w,
                             RwModel      *model,
                             const RwFit  *fit)
{
  gboolean llm = rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
  guint c;

  rw_json_writer_member_string (w, "model", rw_model_get_id (model));
  rw_json_writer_member_string (w, "name", rw_model_get_name (model));
  rw_json_writer_member_string (w, "kind", llm ? "llm" : "image");
  rw_json_writer_key (w, "fits");
  rw_json_writer_boolean (w, fit->fits);
  write_count_or_null (w, "gpus", fit->gpus, fit->fits);
  rw_json_writer_member_int (w, "breakdown_gpus", fit->gpus);
  rw_json_writer_member_string (w, "precision", rw_precision_to_string (fit->precision));
  write_count_or_null (w, "context", fit->context, llm);
  rw_json_writer_key (w, "context_capped");
  rw_json_writer_boolean (w, fit->context_capped);
  rw_json_writer_member_int (w, "sessions", fit->sessions);
  rw_json_writer_member_number (w, "weights_bytes", fit->weights_bytes);
  rw_json_writer_member_number (w, "kv_bytes", fit->kv_bytes);
  rw_json_writer_member_number (w, "state_bytes", fit->state_bytes);
  rw_json_writer_member_number (w, "runtime_bytes", fit->runtime_bytes);
  rw_json_writer_member_number (w, "need_bytes", fit->need_bytes);
  rw_json_writer_member_number (w, "usable_bytes", fit->usable_bytes);
  for (c = 0; c < RW_FIT_N_COUNTS && rw_fit_gpu_counts[c] != fit->gpus; c++)
    ;
  c = MIN (c, RW_FIT_N_COUNTS - 1);
  write_count_or_null (w, "max_context", fit->max_context[c], llm && fit->max_context[c] > 0);
  write_count_or_null (w, "max_sessions", fit->max_sessions[c], fit->max_sessions[c] > 0);
  rw_json_writer_key (w, "by_gpus");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < RW_FIT_N_COUNTS; i++)
    {
      rw_json_writer_begin_object (w);
      rw_json_writer_member_int (w, "gpus", rw_fit_gpu_counts[i]);
      write_count_or_null (w, "max_context", fit->max_context[i], llm && fit->max_context[i] > 0);
      write_count_or_null (w, "max_sessions", fit->max_sessions[i], fit->max_sessions[i] > 0);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
  write_estimated (w, fit->estimated);
  /* the totals in GB of the first reports */
  rw_json_writer_member_number (w, "weights_gb", fit->weights_gb);
  rw_json_writer_member_number (w, "kv_gb", fit->kv_gb);
  rw_json_writer_member_number (w, "need_gb", fit->need_gb);
  rw_json_writer_key (w, "kv_estimated");
  rw_json_writer_boolean (w, fit->kv_estimated);
}

/**
 * rw_report_fit_json:
 *
 * `rentwise --fit --json`: the options and one object of the fit's members (bytes per GPU,
 * unrounded; null where unknown).
 */
char *
rw_report_fit_json (RwCatalog          *catalog,
                    RwModel            *model,
                    RwGpu              *gpu,
                    const RwFitOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  RwFit fit;

  rw_fit_compute (model, gpu, options, &fit);
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "gpu", rw_gpu_get_id (gpu));
  rw_json_writer_member_string (w, "engine", rw_engine_to_string (options->engine));
  rw_json_writer_member_string (w, "kv_dtype", rw_kv_dtype_to_string (options->kv_dtype));
  rw_json_writer_member_string (w, "format",
                                rw_fit_format_name (options->engine, fit.precision));
  rw_json_writer_member_int (w, "context_asked", (gint64) options->context);
  rw_report_write_fit_members (w, model, &fit);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

static char *
gb (double bytes)
{
  return g_strdup_printf ("%.2f GB", bytes / 1e9);
}

/**
 * rw_report_fit_text:
 *
 * `rentwise --fit`: the breakdown per GPU and the largest context and sessions at 1, 2, 4
 * and 8 GPUs, as text.
 */
char *
rw_report_fit_text (RwModel            *model,
                    RwGpu              *gpu,
                    const RwFitOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = rw_text_sanitize (rw_model_get_name (model));
  g_autofree char *gpu_name = rw_text_sanitize (rw_gpu_get_name (gpu));
  g_autofree char *precision = NULL;
  g_autofree char *weights = NULL, *kv = NULL, *state = NULL, *runtime = NULL;
  g_autofree char *need = NULL, *usable = NULL;
  gboolean llm = rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
  RwFit fit;

  rw_fit_compute (model, gpu, options, &fit);
  precision = g_ascii_strup (rw_precision_to_string (fit.precision), -1);
  weights = gb (fit.weights_bytes);
  kv = gb (fit.kv_bytes);
  state = gb (fit.state_bytes);
  runtime = gb (fit.runtime_bytes);
  need = gb (fit.need_bytes);
  usable = gb (fit.usable_bytes);

  /* TRANSLATORS: "Llama 3.3 70B on NVIDIA L40S" */
  g_string_append_printf (out, _("%s on %s\n"), name, gpu_name);
  if (fit.fits)
    g_string_append_printf (out, _("  Fits on %u× %s (%s, engine %s)\n"), fit.gpus, precision,
                            rw_fit_format_name (options->engine, fit.precision),
                            rw_engine_to_string (options->engine));
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "  Does not fit on %u GPU, even at %s (engine %s)\n",
                                              "  Does not fit on %u GPUs, even at %s (engine %s)\n",
                                              fit.gpus),
                            fit.gpus, precision, rw_engine_to_string (options->engine));
  if (llm)
    {
      g_autofree char *tokens = rw_format_number ((double) fit.context, 0);

      g_autofree char *sessions_n = rw_format_number (fit.sessions, 0);
      /* grouped as the window does ("2,000 sessions"; newcomer report 5, defect 5) */
      g_autofree char *sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s session",
                                                                "%s sessions", fit.sessions),
                                                   sessions_n);

      g_autofree char *context =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s token", "%s tokens",
                                      rw_plural_n (fit.context)),
                         tokens);

      /* TRANSLATORS: "  Context 8192 tokens × 1 session, KV cache fp16" */
      g_string_append_printf (
        out,
        fit.context_capped
          ? _("  Context %s (capped at the model's maximum) × %s, KV cache %s\n")
          : _("  Context %s × %s, KV cache %s\n"),
        context, sessions, rw_kv_dtype_to_string (options->kv_dtype));
    }
  g_string_append_printf (out, _("  Per GPU: weights %s · KV %s · state %s · runtime %s\n"),
                          weights, kv, state, runtime);
  g_string_append_printf (out, _("  Needs %s of %s usable per GPU\n"), need, usable);
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      g_autofree char *max_context = rw_format_number ((double) fit.max_context[c], 0);
      g_autofree char *max_sessions = rw_format_number ((double) fit.max_sessions[c], 0);
      g_autofree char *tokens = rw_format_number ((double) fit.context, 0);

      guint n_gpus = rw_fit_gpu_counts[c];
      g_autofree char *gpus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u GPU", "%u GPUs",
                                                            n_gpus), n_gpus);

      if (fit.max_sessions[c] == 0 && (!llm || fit.max_context[c] == 0))
        /* TRANSLATORS: "  2 GPUs: does not fit" */
        g_string_append_printf (out, _("  %s: does not fit\n"), gpus);
      else if (!llm)
        {
          g_autofree char *images = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%s image at once", "%s images at once",
                           rw_plural_n (fit.max_sessions[c])),
              max_sessions);

          /* TRANSLATORS: "  1 GPU: fits, 4 images at once" */
          g_string_append_printf (out, _("  %s: fits, %s\n"), gpus, images);
        }
      else
        {
          g_autofree char *up_to
              = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s token", "%s tokens",
                                              rw_plural_n (fit.max_context[c])),
                                 max_context);
          g_autofree char *sessions = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%s session of %s tokens", "%s sessions of %s tokens",
                           rw_plural_n (fit.max_sessions[c])),
              max_sessions, tokens);

          /* TRANSLATORS: "  1 GPU: up to 40960 tokens, 5 sessions of 8192 tokens" */
          g_string_append_printf (out, _("  %s: up to %s, %s\n"), gpus, up_to, sessions);
        }
    }
  if (fit.estimated != 0)
    g_string_append (out, _("  Some numbers are estimates: the catalog lacks part of this "
                            "model's or GPU's data.\n"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
rw_rate_kind_to_string (RwRateKind kind)
{
  switch (kind)
    {
    case RW_RATE_CHEAPEST: return "cheapest";
    case RW_RATE_MEDIAN: return "median";
    case RW_RATE_PROVIDER: return "provider";
    case RW_RATE_CUSTOM: return "custom";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rw_report_rent_vs_own:
 * @stats: the GPU's price statistics (for the cheapest, median or a provider's rate)
 *
 * Returns: FALSE when the chosen provider has no offers for @gpu (the rate is then unknown)
 */
gboolean
rw_report_rent_vs_own (RwGpu                 *gpu,
                       const RwPriceStats    *stats,
                       const RwReportOptions *options,
                       RwRentVsOwnInput      *in,
                       RwRentVsOwn           *out)
{
  gboolean found = TRUE;

  *in = options->rent;
  if (in->purchase_price < 0)
    in->purchase_price = rw_gpu_get_purchase_price (gpu, NULL, NULL, NULL);
  in->tdp_w = rw_gpu_get_tdp_w (gpu);
  in->rate_hr = RW_UNKNOWN;

  switch (options->rate_kind)
    {
    case RW_RATE_MEDIAN:
      in->rate_hr = stats->median_hr;
      break;
    case RW_RATE_PROVIDER:
      found = FALSE;
      for (guint i = 0; i < stats->rates->len; i++)
        {
          const RwProviderRate *r = &g_array_index (stats->rates, RwProviderRate, i);
          if (g_strcmp0 (r->provider, options->rate_provider) == 0)
            {
              in->rate_hr = r->rate_hr;
              found = TRUE;
            }
        }
      break;
    case RW_RATE_CUSTOM:
      in->rate_hr = options->rate_custom;
      break;
    case RW_RATE_CHEAPEST:
    default:
      in->rate_hr = stats->cheapest_hr;
    }
  rw_rent_vs_own_compute (in, out);
  return found;
}

static const char *
provider_name (RwCatalog  *catalog,
               const char *id)
{
  return rw_catalog_get_provider_name (catalog, id);
}

static void
write_feeds (RwJsonWriter          *w,
             const RwReportOptions *options)
{
  rw_json_writer_key (w, "feeds");
  rw_json_writer_begin_array (w);
  for (guint i = 0; options->feeds != NULL && i < options->feeds->len; i++)
    {
      RwFeedStatus *status = g_ptr_array_index (options->feeds, i);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "url", status->url);
      rw_json_writer_member_string (w, "status", rw_feed_state_to_string (status->state));
      rw_json_writer_key (w, "http_status");
      if (status->http_status > 0)
        rw_json_writer_int (w, status->http_status);
      else
        rw_json_writer_null (w);
      rw_json_writer_member_string (w, "error", status->error);
      rw_json_writer_member_int (w, "offers", status->offers);
      rw_json_writer_member_int (w, "bad_numbers", status->bad_numbers);
      rw_json_writer_member_int (w, "duplicates", status->duplicates);
      rw_json_writer_member_int (w, "gpu_only", status->gpu_only);
      rw_json_writer_member_string (w, "superseded_by", status->superseded_by);
      rw_json_writer_key (w, "unmapped");
      rw_json_writer_begin_array (w);
      for (guint u = 0; status->unmapped_names != NULL && status->unmapped_names[u] != NULL; u++)
        rw_json_writer_string (w, status->unmapped_names[u]);
      rw_json_writer_end_array (w);
      rw_json_writer_key (w, "fetched_at");
      if (status->fetched_at > 0)
        rw_json_writer_int (w, status->fetched_at);
      else
        rw_json_writer_null (w);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
}

/* The `catalog` and `feeds` members of the reports */
void
rw_report_write_catalog_info (RwJsonWriter          *w,
                              RwCatalog             *catalog,
                              const RwReportOptions *options)
{
  gint64 data_time = rw_catalog_get_data_time (catalog);

  rw_json_writer_key (w, "catalog");
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "generated_at", rw_catalog_get_generated_at (catalog));
  rw_json_writer_member_string (w, "source",
                                rw_catalog_source_to_string (rw_catalog_get_source (catalog)));
  rw_json_writer_member_int (w, "skipped_records", rw_catalog_get_skipped_records (catalog));
  rw_json_writer_member_string (w, "first_problem", rw_catalog_get_first_problem (catalog));
  rw_json_writer_key (w, "age_seconds");
  if (data_time > 0)
    rw_json_writer_int (w, MAX (0, options->now - data_time));
  else
    rw_json_writer_null (w);
  rw_json_writer_end_object (w);
  write_feeds (w, options);
}

static void
write_provider_price (RwJsonWriter *w,
                      const char   *key,
                      const char   *provider,
                      double        price)
{
  rw_json_writer_key (w, key);
  if (provider == NULL)
    {
      rw_json_writer_null (w);
      return;
    }
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "provider", provider);
  rw_json_writer_member_number (w, "price_hr", price);
  rw_json_writer_end_object (w);
}

/* `price_estimate`: the purchase price with its kind, source and date, null when none */
static void
write_price_estimate (RwJsonWriter *w,
                      RwGpu        *gpu)
{
  const char *source = NULL, *date = NULL;
  gboolean estimate = FALSE;
  double usd = rw_gpu_get_purchase_price (gpu, &estimate, &source, &date);

  rw_json_writer_key (w, "price_estimate");
  if (usd < 0)
    {
      rw_json_writer_null (w);
      return;
    }
  rw_json_writer_begin_object (w);
  rw_json_writer_member_number (w, "usd", usd);
  rw_json_writer_key (w, "estimate");
  rw_json_writer_boolean (w, estimate);
  rw_json_writer_member_string (w, "source", source);
  rw_json_writer_member_string (w, "date", date);
  rw_json_writer_end_object (w);
}

/* The newest observed_at among the provider's offers for @gpu (YYYY-MM-DD, UTC), or NULL */
static const char *
provider_last_seen (RwCatalog  *catalog,
                    RwGpu      *gpu,
                    const char *provider)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));
  const char *newest = NULL;

  for (guint i = 0; i < offers->len; i++)
    {
      RwOffer *offer = g_ptr_array_index (offers, i);
      const char *seen = rw_offer_get_observed_at (offer);

      if (seen != NULL && g_str_equal (rw_offer_get_provider (offer), provider) &&
          g_strcmp0 (seen, newest) > 0)
        newest = seen;
    }
  return newest;
}

/* `--report`'s `gpu` object: the GPU's specs, aliases and purchase price */
void
rw_report_write_gpu (RwJsonWriter *w,
                     RwGpu        *gpu)
{
  const char * const *aliases = rw_gpu_get_aliases (gpu);

  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "id", rw_gpu_get_id (gpu));
  rw_json_writer_member_string (w, "name", rw_gpu_get_name (gpu));
  rw_json_writer_member_string (w, "vendor", rw_gpu_get_vendor (gpu));
  rw_json_writer_member_string (w, "architecture", rw_gpu_get_architecture (gpu));
  rw_json_writer_member_number (w, "vram_gb", rw_gpu_get_vram_gb (gpu));
  rw_json_writer_member_known (w, "tdp_w", rw_gpu_get_tdp_w (gpu));
  rw_json_writer_member_known (w, "msrp_usd", rw_gpu_get_msrp_usd (gpu));
  rw_json_writer_member_known (w, "memory_bandwidth_gbps", rw_gpu_get_memory_bandwidth_gbps (gpu));
  rw_json_writer_key (w, "aliases");
  rw_json_writer_begin_array (w);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    rw_json_writer_string (w, aliases[i]);
  rw_json_writer_end_array (w);
  rw_json_writer_member_string (w, "interconnect", rw_gpu_get_interconnect (gpu));
  rw_json_writer_member_known (w, "usable_vram_mib", rw_gpu_get_usable_vram_mib (gpu));
  rw_json_writer_member_string (w, "usable_vram_source", rw_gpu_get_usable_vram_source (gpu));
  write_price_estimate (w, gpu);
  rw_json_writer_end_object (w);
}

/* `--report`'s `prices` object: the statistics of rw_report_gpu_stats (), unrounded */
void
rw_report_write_prices (RwJsonWriter       *w,
                        const RwPriceStats *stats)
{
  rw_json_writer_begin_object (w);
  rw_json_writer_member_int (w, "providers", stats->providers);
  rw_json_writer_member_int (w, "offers", stats->offers);
  write_provider_price (w, "cheapest", stats->cheapest_provider, stats->cheapest_hr);
  rw_json_writer_member_known (w, "median_hr", stats->median_hr);
  write_provider_price (w, "most_expensive", stats->most_expensive_provider,
                        stats->most_expensive_hr);
  rw_json_writer_member_known (w, "spread", stats->spread);
  rw_json_writer_member_known (w, "per_day", stats->per_day);
  rw_json_writer_member_known (w, "per_week", stats->per_week);
  rw_json_writer_member_known (w, "per_month", stats->per_month);
  rw_json_writer_member_int (w, "suspect", stats->suspect);
  rw_json_writer_member_int (w, "gpu_only", stats->gpu_only);
  rw_json_writer_end_object (w);
}

/* `--report`'s `rent_vs_own` object: every input and output of rw_report_rent_vs_own () */
void
rw_report_write_rent_vs_own (RwJsonWriter           *w,
                             const RwReportOptions  *options,
                             const RwPriceStats     *stats,
                             const RwRentVsOwnInput *in,
                             const RwRentVsOwn      *rvo)
{
  rw_json_writer_begin_object (w);
  rw_json_writer_member_number (w, "hours_per_day", in->hours_per_day);
  rw_json_writer_member_number (w, "kwh_price", in->kwh_price);
  rw_json_writer_member_number (w, "pue", in->pue);
  rw_json_writer_member_known (w, "purchase_price", in->purchase_price);
  rw_json_writer_member_number (w, "other_costs", in->other_costs);
  rw_json_writer_member_number (w, "resale_percent", in->resale_percent);
  rw_json_writer_member_number (w, "horizon_months", in->horizon_months);
  rw_json_writer_member_string (w, "rate", rw_rate_kind_to_string (options->rate_kind));
  rw_json_writer_key (w, "rate_provider");
  rw_json_writer_string (w, options->rate_kind == RW_RATE_PROVIDER   ? options->rate_provider
                            : options->rate_kind == RW_RATE_CHEAPEST ? stats->cheapest_provider
                                                                     : NULL);
  rw_json_writer_member_known (w, "rate_hr", in->rate_hr);
  rw_json_writer_member_known (w, "tdp_w", in->tdp_w);
  rw_json_writer_member_known (w, "rent_per_day", rvo->rent_per_day);
  rw_json_writer_member_known (w, "rent_per_month", rvo->rent_per_month);
  rw_json_writer_member_known (w, "power_per_day", rvo->power_per_day);
  rw_json_writer_member_known (w, "power_per_month", rvo->power_per_month);
  rw_json_writer_member_known (w, "net_purchase", rvo->net_purchase);
  rw_json_writer_member_known (w, "rent_over_horizon", rvo->rent_horizon);
  rw_json_writer_member_known (w, "own_over_horizon", rvo->own_horizon);
  rw_json_writer_member_known (w, "breakeven_days", rvo->breakeven_days);
  rw_json_writer_member_known (w, "breakeven_months", rvo->breakeven_months);
  rw_json_writer_end_object (w);
}

char *
rw_report_gpu_json (RwCatalog             *catalog,
                    RwGpu                 *gpu,
                    const RwReportOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  g_autoptr(RwPriceStats) stats = rw_report_gpu_stats (catalog, gpu, options);
  g_autoptr(GArray) fits = NULL;
  RwFitOptions fit_options;
  RwRentVsOwnInput in;
  RwRentVsOwn rvo;

  rw_report_rent_vs_own (gpu, stats, options, &in, &rvo);
  rw_report_fit_options (options, &fit_options);
  fits = rw_report_compute_fits (catalog, gpu, &fit_options);

  rw_json_writer_begin_object (w);
  rw_report_write_catalog_info (w, catalog, options);

  rw_json_writer_key (w, "gpu");
  rw_report_write_gpu (w, gpu);

  rw_json_writer_key (w, "options");
  rw_json_writer_begin_object (w);
  rw_json_writer_key (w, "on_demand_only");
  rw_json_writer_boolean (w, (options->pricing_mask & RW_PRICING_MASK_ALL) ==
                               RW_PRICING_MASK_ON_DEMAND);
  rw_json_writer_member_int (w, "context", (gint64) options->context);
  rw_json_writer_key (w, "include_suspect");
  rw_json_writer_boolean (w, (options->pricing_mask & RW_INCLUDE_SUSPECT) != 0);
  rw_json_writer_member_int (w, "sessions", options->sessions);
  rw_json_writer_member_string (w, "kv_dtype", rw_kv_dtype_to_string (options->kv_dtype));
  rw_json_writer_member_string (w, "engine", rw_engine_to_string (options->engine));
  rw_json_writer_end_object (w);

  rw_json_writer_key (w, "prices");
  rw_report_write_prices (w, stats);

  {
    GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));
    RwInstanceSummary summary;

    rw_instance_summary ((RwOffer **) offers->pdata, offers->len, options->pricing_mask, &summary);
    rw_json_writer_key (w, "instances");
    rw_json_writer_begin_object (w);
    write_provider_price (w, "cheapest_bundle", summary.cheapest_bundle_provider,
                          summary.cheapest_bundle_hr);
    rw_json_writer_member_int (w, "cheapest_bundle_gpus", summary.cheapest_bundle_gpus);
    rw_json_writer_member_known (w, "lowest_per_gpu_hr", summary.lowest_per_gpu_hr);
    rw_json_writer_member_int (w, "providers", summary.providers);
    rw_json_writer_member_int (w, "shapes", summary.shapes);
    rw_json_writer_end_object (w);
  }

  /* the providers in the statistics, then those whose every offer was left out (suspect
   * or GPU only), which the statistics do not count */
  rw_json_writer_key (w, "providers");
  rw_json_writer_begin_array (w);
  for (guint k = 0; k < 2; k++)
    {
      GArray *rates = k == 0 ? stats->rates : stats->left_out;

      for (guint i = 0; i < rates->len; i++)
        {
          const RwProviderRate *r = &g_array_index (rates, RwProviderRate, i);
          RwProvider *provider = rw_catalog_lookup_provider (catalog, r->provider);

          rw_json_writer_begin_object (w);
          rw_json_writer_member_string (w, "provider", r->provider);
          rw_json_writer_member_string (w, "name", provider_name (catalog, r->provider));
          rw_json_writer_member_string (w, "kind",
                                        provider ? rw_provider_get_kind (provider) : NULL);
          rw_json_writer_member_number (w, "price_hr", r->rate_hr);
          rw_json_writer_member_int (w, "offers", r->offers);
          rw_json_writer_member_string (w, "pricing", rw_pricing_to_string (r->pricing));
          rw_json_writer_key (w, "suspect");
          rw_json_writer_boolean (w, (r->flags & RW_OFFER_SUSPECT) != 0);
          rw_json_writer_key (w, "gpu_only");
          rw_json_writer_boolean (w, (r->flags & RW_OFFER_GPU_ONLY) != 0);
          rw_json_writer_key (w, "in_statistics");
          rw_json_writer_boolean (w, k == 0);
          rw_json_writer_member_string (w, "last_seen",
                                        provider_last_seen (catalog, gpu, r->provider));
          rw_json_writer_end_object (w);
        }
    }
  rw_json_writer_end_array (w);

  rw_json_writer_key (w, "fits");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < fits->len; i++)
    {
      const RwModelFit *mf = &g_array_index (fits, RwModelFit, i);

      rw_json_writer_begin_object (w);
      rw_report_write_fit_members (w, mf->model, &mf->fit);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);

  rw_json_writer_key (w, "history");
  rw_json_writer_begin_array (w);
  {
    g_autoptr(GArray) history = rw_history_merge (catalog, options->history, rw_gpu_get_id (gpu));

    for (guint i = 0; i < history->len; i++)
      {
        RwHistoryPointData *h = &g_array_index (history, RwHistoryPointData, i);
        g_autofree char *date = rw_history_format_date (h->date);

        rw_json_writer_begin_object (w);
        rw_json_writer_member_string (w, "date", date);
        rw_json_writer_member_number (w, "median_hr", h->median_hr);
        rw_json_writer_member_known (w, "min_hr", h->min_hr);
        rw_json_writer_member_known (w, "max_hr", h->max_hr);
        rw_json_writer_key (w, "providers");
        if (h->providers >= 0)
          rw_json_writer_int (w, h->providers);
        else
          rw_json_writer_null (w);
        rw_json_writer_member_string (w, "origin", h->local ? "local" : "catalog");
        rw_json_writer_end_object (w);
      }
  }
  rw_json_writer_end_array (w);

  rw_json_writer_key (w, "rent_vs_own");
  rw_report_write_rent_vs_own (w, options, stats, &in, &rvo);

  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* ------------------------------------------------------------------ text */

/* Appends sanitized @text padded with spaces to @width terminal columns, and at least one
 * space whatever its length, so that a long translation never runs into the next column
 * ("33.7 Mrd. Parameter16,384 Token"; newcomer report 5, defect 6) */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  g_autofree char *clean = rw_text_sanitize (text);
  guint len = rw_text_columns (clean);

  g_string_append (out, clean);
  for (guint i = len; i < MAX (width, len + 1); i++)
    g_string_append_c (out, ' ');
}

/* The columns @text takes once sanitized and two spaces after it: a column's width */
static guint
column_width (const char *text)
{
  g_autofree char *clean = rw_text_sanitize (text);

  return rw_text_columns (clean) + 2;
}

static char *
rate_or_dash (double rate)
{
  g_autofree char *usd = NULL;

  if (rate < 0)
    return g_strdup ("—");
  usd = rw_format_usd (rate, 2);
  /* TRANSLATORS: a price per hour, e.g. "$0.28/hr" */
  return g_strdup_printf (_("%s/hr"), usd);
}

static char *
usd_or_unknown (double value,
                guint  decimals)
{
  return value < 0 ? g_strdup (_("unknown")) : rw_format_usd (value, decimals);
}

char *
rw_report_gpu_text (RwCatalog             *catalog,
                    RwGpu                 *gpu,
                    const RwReportOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(RwPriceStats) stats = rw_report_gpu_stats (catalog, gpu, options);
  g_autoptr(GArray) fits = NULL;
  RwFitOptions fit_options;
  g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (gpu));
  g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (gpu));
  g_autofree char *vendor = rw_text_sanitize (rw_gpu_get_vendor (gpu));
  g_autofree char *arch = rw_text_sanitize (rw_gpu_get_architecture (gpu));
  g_autofree char *msrp = usd_or_unknown (rw_gpu_get_msrp_usd (gpu), 0);
  g_autofree char *tdp = NULL;
  RwRentVsOwnInput in;
  RwRentVsOwn rvo;

  rw_report_rent_vs_own (gpu, stats, options, &in, &rvo);
  rw_report_fit_options (options, &fit_options);
  fits = rw_report_compute_fits (catalog, gpu, &fit_options);

  tdp = rw_gpu_get_tdp_w (gpu) < 0 ? g_strdup (_("unknown"))
                                   : g_strdup_printf ("%g W", rw_gpu_get_tdp_w (gpu));
  g_string_append_printf (out, "%s (%s)\n", name, id);
  g_string_append_printf (out, _("  Vendor %s · Architecture %s · VRAM %g GB · TDP %s · MSRP %s\n"),
                          vendor[0] ? vendor : _("unknown"), arch[0] ? arch : _("unknown"),
                          rw_gpu_get_vram_gb (gpu), tdp, msrp);
  if (rw_gpu_get_usable_vram_mib (gpu) > 0)
    {
      /* the total the driver reports and where it comes from: two cards of the same marketed
       * size can report different totals (docs/FIT.md, "Usable memory") */
      double mib = rw_gpu_get_usable_vram_mib (gpu);
      g_autofree char *gib = rw_format_number (mib / 1024, 1);
      g_autofree char *mibs = rw_format_number (mib, 0);
      g_autofree char *source = rw_text_sanitize (rw_gpu_get_usable_vram_source (gpu));

      if (source[0] != '\0')
        /* TRANSLATORS: "  Usable memory 22.5 GiB (23,034 MiB), source: https://…"; the source
         * is a URL or "derived: …" */
        g_string_append_printf (out, _("  Usable memory %s GiB (%s MiB), source: %s\n"), gib,
                                mibs, source);
      else
        g_string_append_printf (out, _("  Usable memory %s GiB (%s MiB)\n"), gib, mibs);
    }
  {
    const char *source = NULL, *date = NULL;
    gboolean estimate = FALSE;
    double usd = rw_gpu_get_purchase_price (gpu, &estimate, &source, &date);

    if (usd >= 0 && estimate)
      {
        g_autofree char *price = rw_format_usd (usd, 0);
        g_autofree char *clean_source = rw_text_sanitize (source ? source : "");

        /* TRANSLATORS: a purchase price that is a street-price estimate: price, source, date */
        g_string_append_printf (out, _("  Purchase price about %s, estimate, %s, %s\n"), price,
                                clean_source, date ? date : _("undated"));
      }
  }

  g_string_append_printf (out, "\n%s\n",
                          (options->pricing_mask & RW_PRICING_MASK_ALL) == RW_PRICING_MASK_ON_DEMAND
                            ? _("Prices per GPU (on-demand only)")
                            : _("Prices per GPU (all pricing kinds)"));
  if (stats->providers == 0)
    g_string_append (out, _("  No offers in this catalog.\n"));
  else
    {
      g_autofree char *hr = rw_format_usd (stats->cheapest_hr, 2);
      g_autofree char *day = rw_format_usd (stats->per_day, 2);
      g_autofree char *week = rw_format_usd (stats->per_week, 2);
      g_autofree char *month = rw_format_usd (stats->per_month, 2);
      g_autofree char *cheapest = rate_or_dash (stats->cheapest_hr);
      g_autofree char *median = rate_or_dash (stats->median_hr);
      g_autofree char *dearest = rate_or_dash (stats->most_expensive_hr);
      g_autofree char *cheap_name =
        rw_text_sanitize (provider_name (catalog, stats->cheapest_provider));
      g_autofree char *dear_name =
        rw_text_sanitize (provider_name (catalog, stats->most_expensive_provider));

      g_string_append_printf (out, _("  From %s/hr · %s/day · %s/week · %s/month\n"),
                              hr, day, week, month);
      g_autofree char *providers_n = rw_format_number (stats->providers, 0);
      g_autofree char *offers_n = rw_format_number (stats->offers, 0);
      g_autofree char *providers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s provider",
                                                                 "%s providers", stats->providers),
                                                    providers_n);
      g_autofree char *offers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s offer",
                                                              "%s offers", stats->offers),
                                                 offers_n);

      /* TRANSLATORS: "  3 providers, 1 offer · up to 40% cheaper at the low end" */
      g_string_append_printf (out, _("  %s, %s · up to %.0f%% cheaper at the low end\n"),
                              providers, offers, stats->spread * 100);
      g_string_append_printf (out, _("  Cheapest        %-12s %s\n"), cheapest, cheap_name);
      g_string_append_printf (out, _("  Median          %s\n"), median);
      g_string_append_printf (out, _("  Most expensive  %-12s %s\n"), dearest, dear_name);

      g_string_append_printf (out, "\n%s\n", _("Where to rent it"));
      for (guint i = 0; i < stats->rates->len; i++)
        {
          const RwProviderRate *r = &g_array_index (stats->rates, RwProviderRate, i);
          g_autofree char *rate = rate_or_dash (r->rate_hr);
          g_autofree char *rate_offers = rw_format_number (r->offers, 0);

          g_string_append (out, "  ");
          append_padded (out, provider_name (catalog, r->provider), 24);
          append_padded (out, rate, 13);
          append_padded (out, rw_pricing_to_string (r->pricing), 10);
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s offer\n", "%s offers\n",
                                                    r->offers), rate_offers);
        }
    }
  for (guint i = 0; i < stats->left_out->len; i++)
    {
      const RwProviderRate *r = &g_array_index (stats->left_out, RwProviderRate, i);
      g_autofree char *rate = rate_or_dash (r->rate_hr);

      g_string_append (out, "  ");
      append_padded (out, provider_name (catalog, r->provider), 24);
      append_padded (out, rate, 13);
      g_string_append_printf (out, "%s\n", (r->flags & RW_OFFER_SUSPECT)
                              ? _("suspect price, not in the statistics")
                              : _("GPU only, not in the statistics"));
    }
  {
    GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));
    RwInstanceSummary summary;

    rw_instance_summary ((RwOffer **) offers->pdata, offers->len, options->pricing_mask, &summary);
    if (summary.providers > 0)
      {
        g_autofree char *bundle = rate_or_dash (summary.cheapest_bundle_hr);
        g_autofree char *per_gpu = rate_or_dash (summary.lowest_per_gpu_hr);

        g_string_append_printf (out, "\n%s\n", _("Instances"));
        g_string_append_printf (out,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "  Cheapest bundle %s (%u GPU) · lowest %s per GPU\n",
                                             "  Cheapest bundle %s (%u GPUs) · lowest %s per GPU\n",
                                             summary.cheapest_bundle_gpus),
                                bundle, summary.cheapest_bundle_gpus, per_gpu);
        g_autofree char *providers_n = rw_format_number (summary.providers, 0);
        g_autofree char *shapes_n = rw_format_number (summary.shapes, 0);
        g_autofree char *providers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%s provider", "%s providers",
                                                                   summary.providers),
                                                      providers_n);
        g_autofree char *shapes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s instance shape",
                                                                "%s instance shapes",
                                                                summary.shapes),
                                                   shapes_n);

        /* TRANSLATORS: "  3 providers · 1 instance shape" */
        g_string_append_printf (out, _("  %s · %s\n"), providers, shapes);
      }
  }

  g_string_append_printf (out, "\n");
  {
    g_autofree char *context = rw_format_number ((double) options->context, 0);

    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "Models that fit (context %s token)\n",
                                         "Models that fit (context %s tokens)\n",
                                         rw_plural_n (options->context)),
                            context);
  }
  for (guint i = 0; i < fits->len; i++)
    {
      const RwModelFit *mf = &g_array_index (fits, RwModelFit, i);
      g_autofree char *precision = g_ascii_strup (rw_precision_to_string (mf->fit.precision), -1);
      g_autofree char *kv = g_strdup_printf ("%.1f GB", mf->fit.kv_gb);

      g_string_append (out, "  ");
      append_padded (out, rw_model_get_name (mf->model), 34);
      if (mf->fit.fits)
        g_string_append_printf (out, _("%3u× %-5s weights %6.1f GB · KV %s · needs %.1f GB\n"),
                                mf->fit.gpus, precision, mf->fit.weights_gb, kv, mf->fit.need_gb);
      else
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "does not fit on %u GPU\n",
                                                  "does not fit on %u GPUs\n", mf->fit.gpus),
                                mf->fit.gpus);
    }
  if (fits->len == 0)
    g_string_append (out, _("  No models in this catalog.\n"));

  g_string_append_printf (out, "\n");
  g_string_append_printf (out, _("Rent vs own (%g h/day, $%g/kWh, PUE %g)\n"),
                          in.hours_per_day, in.kwh_price, in.pue);
  {
    g_autofree char *rent_day = usd_or_unknown (rvo.rent_per_day, 2);
    g_autofree char *rent_month = usd_or_unknown (rvo.rent_per_month, 2);
    g_autofree char *power_day = usd_or_unknown (rvo.power_per_day, 2);
    g_autofree char *power_month = usd_or_unknown (rvo.power_per_month, 2);
    g_autofree char *rate = rate_or_dash (in.rate_hr);
    g_autofree char *price = usd_or_unknown (in.purchase_price, 0);

    g_string_append_printf (out, _("  Rent %s/day, %s/month at %s\n"), rent_day, rent_month, rate);
    /* per month as the window's "Electricity to own" row (newcomer report 3, defect 12) */
    g_string_append_printf (out, _("  Electricity %s/day, %s/month\n"), power_day, power_month);
    if (rvo.breakeven_days >= 0)
      {
        /* grouped, and the same words as the Rent vs own view's "5,422 days · 180.7 months" */
        g_autofree char *day_count = rw_format_number (rvo.breakeven_days, 0);
        g_autofree char *month_count = rw_format_number (rvo.breakeven_months, 1);
        g_autofree char *days
            = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                            rw_plural_n (rvo.breakeven_days)),
                               day_count);
        g_autofree char *months
            = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month", "%s months",
                                            rw_plural_n (rvo.breakeven_months)),
                               month_count);

        /* TRANSLATORS: "  Buying for $9,000 pays off after 412 days (13.7 months)" */
        g_string_append_printf (out, _("  Buying for %s pays off after %s (%s)\n"), price, days,
                                months);
        /* as the Rent vs own view's summary: the horizon (--horizon-months) ends before it */
        {
          g_autofree char *after = rw_report_after_horizon_text (&in, &rvo);

          if (after != NULL)
            g_string_append_printf (out, "  %s\n", after);
        }
      }
    else if (in.purchase_price < 0)
      g_string_append (out, _("  Breakeven unknown: no purchase price (use --purchase-price)\n"));
    else if (rvo.rent_per_day < 0 || rvo.power_per_day < 0)
      g_string_append (out, _("  Breakeven unknown: no rental rate or no TDP\n"));
    else if (in.hours_per_day == 0)
      g_string_append (out, _("  Owning never pays off: at 0 hours a day nothing is rented\n"));
    else if (rvo.power_per_day > rvo.rent_per_day)
      /* TRANSLATORS: "…: its electricity costs more than renting at $0.05/hr" */
      g_string_append_printf (out, _("  Owning never pays off: its electricity costs more than "
                                     "renting at %s\n"),
                              rate);
    else
      g_string_append_printf (out, _("  Owning never pays off: its electricity costs as much as "
                                     "renting at %s\n"),
                              rate);
  }

  g_string_append_printf (out, "\n");
  {
    g_autofree char *generated = rw_text_sanitize (rw_catalog_get_generated_at (catalog));

    g_string_append_printf (out, _("Catalog: %s, generated %s"),
                            rw_catalog_source_to_string (rw_catalog_get_source (catalog)),
                            generated[0] ? generated : _("unknown"));
    if (rw_catalog_get_skipped_records (catalog) > 0)
      {
        g_autofree char *problem = rw_text_sanitize (rw_catalog_get_first_problem (catalog));
        g_autofree char *skipped = rw_format_number (rw_catalog_get_skipped_records (catalog), 0);

        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                  ", %s record skipped (%s)",
                                                  ", %s records skipped (first: %s)",
                                                  rw_catalog_get_skipped_records (catalog)),
                                skipped, problem);
      }
    g_string_append_c (out, '\n');
  }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_report_models_json:
 * @catalog: the catalog
 * @options: the report options (for the `catalog` member)
 *
 * `rentwise --list-models --json`: one object with `catalog` (as --list --json) and `models`,
 * by name as the text (rw_catalog_dup_models_by_name ()), each {id, name, maker, params_b
 * (billions of parameters, as the catalog gives them), context (the model's maximum context in
 * tokens, null when the catalog has none)}. Every value is the catalog's own; nothing is computed.
 *
 * Returns: (transfer full): the JSON text
 */
char *
rw_report_models_json (RwCatalog             *catalog,
                       const RwReportOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  g_autoptr(GPtrArray) models = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);

  models = rw_catalog_dup_models_by_name (catalog);
  rw_json_writer_begin_object (w);
  rw_report_write_catalog_info (w, catalog, options);
  rw_json_writer_key (w, "models");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < models->len; i++)
    {
      RwModel *model = g_ptr_array_index (models, i);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "id", rw_model_get_id (model));
      rw_json_writer_member_string (w, "name", rw_model_get_name (model));
      rw_json_writer_member_string (w, "maker", rw_model_get_maker (model));
      rw_json_writer_member_number (w, "params_b", rw_model_get_params_b (model));
      if (rw_model_get_context (model) > 0)
        rw_json_writer_member_int (w, "context", rw_model_get_context (model));
      else
        {
          rw_json_writer_key (w, "context");
          rw_json_writer_null (w);
        }
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* "70.6B params", translated */
static char *
model_params_text (RwModel *model)
{
  g_autofree char *size = rw_format_params_b (rw_model_get_params_b (model));

  /* TRANSLATORS: a model's size, e.g. "70.6B params" ("70.6B" is already translated) */
  return g_strdup_printf (_("%s params"), size);
}

/**
 * rw_report_models_text:
 * @catalog: the catalog
 *
 * `rentwise --list-models`: one line per model, by name (rw_catalog_dup_models_by_name ()):
 * its id (what --fit, --plan and --model take), name, size (rw_format_params_b ()) and
 * maximum context in tokens ("—" when the catalog has none). The id and name columns are as
 * wide as their longest entry plus two spaces, so columns never run together. Untrusted
 * catalog text is sanitized.
 *
 * Returns: (transfer full): the text
 */
char *
rw_report_models_text (RwCatalog *catalog)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) models = NULL;
  guint id_width = 0, name_width = 0, params_width = 0;

  g_return_val_if_fail (catalog != NULL, NULL);

  /* every column as wide as its widest cell and two spaces, in the translation's words too
   * ("33.7 Mrd. Parameter" is 19 columns; the column was 17: newcomer report 5, defect 6) */
  models = rw_catalog_dup_models_by_name (catalog);
  for (guint i = 0; i < models->len; i++)
    {
      RwModel *model = g_ptr_array_index (models, i);
      g_autofree char *params = model_params_text (model);

      id_width = MAX (id_width, column_width (rw_model_get_id (model)));
      name_width = MAX (name_width, column_width (rw_model_get_name (model)));
      params_width = MAX (params_width, column_width (params));
    }
  for (guint i = 0; i < models->len; i++)
    {
      RwModel *model = g_ptr_array_index (models, i);
      g_autofree char *params = model_params_text (model);
      g_autofree char *context_n = rw_format_number ((double) rw_model_get_context (model), 0);
      /* TRANSLATORS: a model's maximum context, e.g. "131,072 tokens" */
      g_autofree char *context = rw_model_get_context (model) > 0
                                 ? g_strdup_printf (_("%s tokens"), context_n)
                                 : g_strdup ("—");

      append_padded (out, rw_model_get_id (model), id_width);
      append_padded (out, rw_model_get_name (model), name_width);
      append_padded (out, params, params_width);
      g_string_append (out, context);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rw_report_list_json (RwCatalog             *catalog,
                     const RwReportOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  GListModel *gpus = rw_catalog_get_gpus (catalog);

  rw_json_writer_begin_object (w);
  rw_report_write_catalog_info (w, catalog, options);
  rw_json_writer_key (w, "gpus");
  rw_json_writer_begin_array (w);
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      g_autoptr(RwPriceStats) stats = rw_report_gpu_stats (catalog, gpu, options);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "id", rw_gpu_get_id (gpu));
      rw_json_writer_member_string (w, "name", rw_gpu_get_name (gpu));
      rw_json_writer_member_number (w, "vram_gb", rw_gpu_get_vram_gb (gpu));
      write_provider_price (w, "cheapest", stats->cheapest_provider, stats->cheapest_hr);
      rw_json_writer_member_int (w, "providers", stats->providers);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

char *
rw_report_list_text (RwCatalog             *catalog,
                     const RwReportOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *gpus = rw_catalog_get_gpus (catalog);
  guint id_width = 16, name_width = 34;

  /* the id and name columns widen to their widest cell (append_padded () keeps a space after
   * the others; newcomer report 5, defect 6) */
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);

      id_width = MAX (id_width, column_width (rw_gpu_get_id (gpu)));
      name_width = MAX (name_width, column_width (rw_gpu_get_name (gpu)));
    }
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      g_autoptr(RwPriceStats) stats = rw_report_gpu_stats (catalog, gpu, options);
      g_autofree char *vram = g_strdup_printf ("%g GB", rw_gpu_get_vram_gb (gpu));
      g_autofree char *rate = rate_or_dash (stats->cheapest_hr);
      g_autofree char *providers_n = rw_format_number (stats->providers, 0);

      append_padded (out, rw_gpu_get_id (gpu), id_width);
      append_padded (out, rw_gpu_get_name (gpu), name_width);
      append_padded (out, vram, 9);
      append_padded (out, rate, 12);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s provider\n",
                                                "%s providers\n", stats->providers),
                              providers_n);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_report_history_csv:
 * @history: (nullable): the local store
 *
 * The merged price history of one GPU: date_utc,median_hr,min_hr,max_hr,providers,origin.
 * Each date is a UTC calendar day (docs/PRICES.md, "Dates").
 */
char *
rw_report_history_csv (RwCatalog      *catalog,
                       RwHistoryStore *history,
                       const char     *gpu_id)
{
  g_autoptr(GString) out = g_string_new ("date_utc,median_hr,min_hr,max_hr,providers,origin\n");
  g_autoptr(GArray) points = rw_history_merge (catalog, history, gpu_id);

  for (guint i = 0; i < points->len; i++)
    {
      RwHistoryPointData *h = &g_array_index (points, RwHistoryPointData, i);
      g_autofree char *date = rw_history_format_date (h->date);
      g_autofree char *median = rw_format_shortest_double (h->median_hr);
      g_autofree char *min = h->min_hr >= 0 ? rw_format_shortest_double (h->min_hr) : g_strdup ("");
      g_autofree char *max = h->max_hr >= 0 ? rw_format_shortest_double (h->max_hr) : g_strdup ("");
      g_autofree char *providers =
        h->providers >= 0 ? g_strdup_printf ("%d", h->providers) : g_strdup ("");

      g_string_append_printf (out, "%s,%s,%s,%s,%s,%s\n", date, median, min, max, providers,
                              h->local ? "local" : "catalog");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_report_after_horizon_text:
 * @in: the rent-vs-own inputs (their horizon, in months of 30 days)
 * @out: what rw_rent_vs_own_compute () made of them
 *
 * The sentence that says a breakeven lies after the horizon, "That is after the horizon of 36
 * months." (translated, the count grouped), for the Rent vs own view's summary and --report:
 * the chart and the totals end at the horizon, so "pays for itself" alone read as within it
 * (newcomer report 4).
 *
 * Returns: (nullable): the sentence, or NULL when there is no breakeven or it lies within the
 *   horizon
 */
char *
rw_report_after_horizon_text (const RwRentVsOwnInput *in,
                              const RwRentVsOwn      *out)
{
  g_autofree char *horizon = NULL;

  g_return_val_if_fail (in != NULL && out != NULL, NULL);

  if (out->breakeven_months < 0 || out->breakeven_months <= in->horizon_months)
    return NULL;
  horizon = rw_format_number (in->horizon_months, 0);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "That is after the horizon of %s month.",
                                       "That is after the horizon of %s months.",
                                       rw_plural_n (in->horizon_months)),
                          horizon);
}
