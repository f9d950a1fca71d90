/* rw-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two to four GPUs side by side (issue 18). Every number comes from the functions the GPU's
 * own report uses (rw_report_gpu_stats (), rw_report_rent_vs_own (), rw_fit_compute ()) with
 * the same options, so a column reads exactly like that GPU's `--report`; the comparison only
 * adds two ratios ($/hr per GB of VRAM, $/hr per TB/s of bandwidth), the fits diff and, per
 * row, which GPU is the best value.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rw-compare.h"
#include "rw-format.h"
#include "rw-json-writer.h"
#include "rw-plan.h"
#include "rw-report-private.h"

struct _RwComparison {
  RwReportOptions  options;
  char            *rate_provider;     /* options.rate_provider, owned */
  guint            n_columns;
  RwCompareColumn  columns[RW_COMPARE_MAX_GPUS];
  RwModel         *model;             /* (nullable): borrowed from the catalog */
  gboolean         model_is_default;
  GArray          *diff;              /* RwCompareDiff */
  gboolean         has_plan;
};

G_DEFINE_QUARK (rw-compare-error-quark, rw_compare_error)

/**
 * rw_compare_parse_ids:
 * @list: a comma-separated list of GPU ids, as `--compare=ID,ID[,ID,ID]` takes it
 *
 * Returns: (transfer full): the ids, each stripped of surrounding white space; empty items
 *   are kept (as "") so that rw_comparison_new () reports them as unknown ids
 */
char **
rw_compare_parse_ids (const char *list)
{
  char **ids = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    g_strstrip (ids[i]);
  return ids;
}

/**
 * rw_compare_known_ids:
 * @gpu_ids: (array zero-terminated=1) (nullable): a saved choice of GPUs
 *
 * The choice as it can still be compared after a refresh or a restart: the ids @catalog has,
 * each once, in their order, at most RW_COMPARE_MAX_GPUS. It may hold fewer than
 * RW_COMPARE_MIN_GPUS ids (then the page asks for more).
 *
 * Returns: (transfer full): the ids kept
 */
char **
rw_compare_known_ids (RwCatalog          *catalog,
                      const char * const *gpu_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *kept[RW_COMPARE_MAX_GPUS];
  guint n = 0;

  for (guint i = 0; gpu_ids != NULL && gpu_ids[i] != NULL && n < RW_COMPARE_MAX_GPUS; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < n; j++)
        seen = seen || g_str_equal (kept[j], gpu_ids[i]);
      if (seen || rw_catalog_lookup_gpu (catalog, gpu_ids[i]) == NULL)
        continue;
      kept[n++] = gpu_ids[i];
      g_strv_builder_add (builder, gpu_ids[i]);
    }
  return g_strv_builder_end (builder);
}

/* The fit options of the comparison's model rows and of its fits diff: the report's
 * recommendation at its context, sessions, KV dtype and engine; @gpus 0 for the fewest
 * of 1, 2, 4, 8 */
static void
fit_options (const RwReportOptions *options,
             guint                  gpus,
             RwFitOptions          *fit)
{
  rw_report_fit_options (options, fit);
  fit->gpus = gpus;
}

static guint64
max_context_at (const RwFit *fit)
{
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    if (rw_fit_gpu_counts[c] == fit->gpus)
      return fit->max_context[c];
  return 0;
}

/* The column of the smallest GPU: least VRAM, then least usable memory, then the first */
static guint
smallest_column (RwComparison *self)
{
  guint best = 0;

  for (guint i = 1; i < self->n_columns; i++)
    {
      double vram = rw_gpu_get_vram_gb (self->columns[i].gpu);
      double best_vram = rw_gpu_get_vram_gb (self->columns[best].gpu);

      if (vram < best_vram ||
          (vram == best_vram && self->columns[i].usable_bytes < self->columns[best].usable_bytes))
        best = i;
    }
  return best;
}

/* The fits diff: every model's fit on one GPU of each column. A model whose answer differs
 * between the columns is a diff row; one that fits on one of a single column only is in that
 * column's fits_only_here. */
static void
compute_fits (RwComparison *self,
              RwCatalog    *catalog)
{
  GListModel *models = rw_catalog_get_models (catalog);
  guint smallest = smallest_column (self);
  RwFitOptions one;
  double largest = -1;
  gboolean largest_is_llm = FALSE;

  fit_options (&self->options, 1, &one);
  for (guint m = 0, n = g_list_model_get_n_items (models); m < n; m++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, m);
      RwCompareDiff diff = { model, { FALSE }, { 0 } };
      guint n_fit = 0, last = 0;

      for (guint i = 0; i < self->n_columns; i++)
        {
          RwFit fit;

          rw_fit_compute (model, self->columns[i].gpu, &one, &fit);
          diff.fits[i] = fit.fits;
          diff.precision[i] = fit.precision;
          if (fit.fits)
            {
              n_fit++;
              last = i;
            }
        }
      if (n_fit > 0 && n_fit < self->n_columns)
        g_array_append_val (self->diff, diff);   /* the catalog keeps its reference */
      if (n_fit == 1)
        g_ptr_array_add (self->columns[last].fits_only_here, model);

      /* the default model: the largest language model (parameters, then id) that fits on
       * one of the smallest chosen GPU; an image model only when no language model does */
      if (self->model_is_default && diff.fits[smallest])
        {
          gboolean llm = rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
          double params = rw_model_get_params_b (model);

          if (llm && !largest_is_llm)
            {
              largest_is_llm = TRUE;
              largest = -1;
            }
          if (llm != largest_is_llm)
            continue;
          if (params > largest ||
              (params == largest &&
               strcmp (rw_model_get_id (model), rw_model_get_id (self->model)) < 0))
            {
              largest = params;
              self->model = model;
            }
        }
    }
}

/* The planner's figures for the model's fit on one column (rw-plan.h): decode tokens/s of
 * all sessions together at the fit's GPU count and precision, and $ per million tokens when
 * the column's rent-vs-own rate (per GPU) is paid for each of those GPUs */
static gboolean
throughput_plan (RwModel       *model,
                 RwGpu         *gpu,
                 const RwFit   *fit,
                 double         rate_hr,
                 RwComparePlan *plan,
                 gpointer       user_data)
{
  const RwReportOptions *options = user_data;
  double per_session;

  if (!fit->fits)
    return FALSE;
  per_session = rw_throughput_tokens_per_s (model, gpu, fit->gpus, fit->precision,
                                            options->engine, options->kv_dtype, fit->context,
                                            fit->sessions, NULL);
  if (per_session < 0)
    return FALSE;
  plan->tokens_per_s = per_session * fit->sessions;
  plan->usd_per_m_tokens = rate_hr >= 0 ? rw_usd_per_m_tokens (rate_hr * fit->gpus,
                                                               plan->tokens_per_s)
                                        : RW_UNKNOWN;
  return TRUE;
}

/**
 * rw_comparison_new:
 * @gpu_ids: (array zero-terminated=1): 2 to 4 distinct GPU ids of @catalog
 * @model_id: (nullable): the model of the model rows; NULL for the default: the largest
 *   language model (by parameters) that fits on one of the smallest chosen GPU (by VRAM), else
 *   the largest image model that does, else none
 * @options: the user's options, the same as for `--report` (pricing kinds, context,
 *   sessions, KV dtype, engine, rent-vs-own numbers and rate)
 *
 * Computes every column (see #RwCompareColumn) and the fits diff; with a model, the
 * planner's tokens/s and $/M tokens (rw_throughput_tokens_per_s (), rw_usd_per_m_tokens ()
 * of rw-plan.h) at the model's fit on each GPU, paid at the column's rent-vs-own rate per GPU
 * times the GPUs it needs.
 *
 * Returns: (transfer full) (nullable): the comparison, or NULL with @error set in
 *   RW_COMPARE_ERROR: fewer than 2 or more than 4 ids, an id twice, an unknown GPU or model
 */
RwComparison *
rw_comparison_new (RwCatalog             *catalog,
                   const char * const    *gpu_ids,
                   const char            *model_id,
                   const RwReportOptions *options,
                   GError               **error)
{
  g_autoptr(RwComparison) self = NULL;
  guint n = gpu_ids != NULL ? g_strv_length ((char **) gpu_ids) : 0;

  g_return_val_if_fail (RW_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (n < RW_COMPARE_MIN_GPUS)
    {
      g_set_error (error, RW_COMPARE_ERROR, RW_COMPARE_ERROR_TOO_FEW,
                   _("Compare needs at least %d GPU ids, separated by commas"),
                   RW_COMPARE_MIN_GPUS);
      return NULL;
    }
  if (n > RW_COMPARE_MAX_GPUS)
    {
      g_set_error (error, RW_COMPARE_ERROR, RW_COMPARE_ERROR_TOO_MANY,
                   _("Compare takes at most %d GPU ids, not %u"), RW_COMPARE_MAX_GPUS, n);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      if (rw_catalog_lookup_gpu (catalog, gpu_ids[i]) == NULL)
        {
          g_autofree char *clean = rw_text_sanitize (gpu_ids[i]);

          g_set_error (error, RW_COMPARE_ERROR, RW_COMPARE_ERROR_UNKNOWN_GPU,
                       _("Unknown GPU id “%s” (rentwise --list shows the ids)"), clean);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (gpu_ids[i], gpu_ids[j]))
          {
            g_autofree char *clean = rw_text_sanitize (gpu_ids[i]);

            g_set_error (error, RW_COMPARE_ERROR, RW_COMPARE_ERROR_DUPLICATE,
                         _("GPU id “%s” is given twice: compare distinct GPUs"), clean);
            return NULL;
          }
    }

  self = g_new0 (RwComparison, 1);
  self->options = *options;
  self->rate_provider = g_strdup (options->rate_provider);
  self->options.rate_provider = self->rate_provider;
  self->diff = g_array_new (FALSE, FALSE, sizeof (RwCompareDiff));
  self->n_columns = n;

  if (model_id != NULL)
    {
      GListModel *models = rw_catalog_get_models (catalog);

      for (guint m = 0, n_models = g_list_model_get_n_items (models); m < n_models; m++)
        {
          g_autoptr(RwModel) model = g_list_model_get_item (models, m);

          if (g_str_equal (rw_model_get_id (model), model_id))
            self->model = model;   /* the catalog keeps its reference */
        }
      if (self->model == NULL)
        {
          g_autofree char *clean = rw_text_sanitize (model_id);

          g_set_error (error, RW_COMPARE_ERROR, RW_COMPARE_ERROR_UNKNOWN_MODEL,
                       _("Unknown model id “%s”"), clean);
          return NULL;
        }
    }
  else
    self->model_is_default = TRUE;

  for (guint i = 0; i < n; i++)
    {
      RwCompareColumn *col = &self->columns[i];
      double bandwidth;

      col->gpu = rw_catalog_lookup_gpu (catalog, gpu_ids[i]);
      col->stats = rw_report_gpu_stats (catalog, col->gpu, &self->options);
      if (col->stats->cheapest_provider != NULL)
        {
          RwProvider *provider = rw_catalog_lookup_provider (catalog,
                                                             col->stats->cheapest_provider);
          const char *name = provider ? rw_provider_get_name (provider) : NULL;

          /* users read the provider's name ("Salad"), not its id ("salad") */
          col->cheapest_provider_name = name && name[0] ? name : col->stats->cheapest_provider;
        }
      col->rate_found = rw_report_rent_vs_own (col->gpu, col->stats, &self->options,
                                               &col->rent_in, &col->rent);
      col->usable_bytes = rw_gpu_usable_bytes (col->gpu, &col->usable_estimated);
      col->purchase_usd = rw_gpu_get_purchase_price (col->gpu, &col->purchase_estimate,
                                                     &col->purchase_source, &col->purchase_date);
      col->usd_hr_per_gb = RW_UNKNOWN;
      col->usd_hr_per_tbps = RW_UNKNOWN;
      bandwidth = rw_gpu_get_memory_bandwidth_gbps (col->gpu);
      if (col->stats->cheapest_hr >= 0)
        {
          col->usd_hr_per_gb = col->stats->cheapest_hr / rw_gpu_get_vram_gb (col->gpu);
          if (bandwidth > 0)
            col->usd_hr_per_tbps = col->stats->cheapest_hr / (bandwidth / 1000.0);
        }
      col->fits_only_here = g_ptr_array_new ();
    }

  compute_fits (self, catalog);

  if (self->model != NULL)
    {
      RwFitOptions fewest;

      fit_options (&self->options, 0, &fewest);
      for (guint i = 0; i < n; i++)
        {
          RwCompareColumn *col = &self->columns[i];

          rw_fit_compute (self->model, col->gpu, &fewest, &col->model_fit);
          col->has_model_fit = TRUE;
          col->model_max_context = col->model_fit.fits ? max_context_at (&col->model_fit) : 0;
        }
      rw_comparison_set_plan (self, throughput_plan, &self->options);
    }

  return g_steal_pointer (&self);
}

/* Frees @self and its columns; the catalog's records it borrowed are not touched */
void
rw_comparison_free (RwComparison *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_clear_pointer (&self->columns[i].stats, rw_price_stats_free);
      g_clear_pointer (&self->columns[i].fits_only_here, g_ptr_array_unref);
    }
  g_clear_pointer (&self->diff, g_array_unref);
  g_free (self->rate_provider);
  g_free (self);
}

/* The number of GPUs compared, 2 to 4 */
guint
rw_comparison_get_n_columns (RwComparison *self)
{
  return self->n_columns;
}

/* Returns: (transfer none): the column of the @column-th GPU id, in the order given */
const RwCompareColumn *
rw_comparison_get_column (RwComparison *self,
                          guint         column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  return &self->columns[column];
}

/**
 * rw_comparison_get_model:
 * @is_default: (out) (optional): TRUE when no model was asked for and this is the default
 *
 * Returns: (transfer none) (nullable): the model of the model rows; NULL when none was asked
 *   for and no model fits on one of the smallest GPU
 */
RwModel *
rw_comparison_get_model (RwComparison *self,
                         gboolean     *is_default)
{
  if (is_default != NULL)
    *is_default = self->model_is_default;
  return self->model;
}

/* Returns: (transfer none) (element-type RwCompareDiff): the models that fit on one GPU of
 * some of the chosen GPUs and not of the others, at the options' context, in catalog order */
GArray *
rw_comparison_get_diff (RwComparison *self)
{
  return self->diff;
}

/**
 * rw_comparison_set_plan:
 * @func: the planner, called once per column with the chosen model, its fit and the
 *   column's rent-vs-own rate ($/hr per GPU)
 *
 * Fills each column's tokens/s and $/M tokens again, with another planner than the default
 * (rw-plan.h's throughput, see rw_comparison_new ()). Without a model it does nothing.
 */
void
rw_comparison_set_plan (RwComparison      *self,
                        RwComparePlanFunc  func,
                        gpointer           user_data)
{
  if (self->model == NULL)
    return;
  self->has_plan = TRUE;
  for (guint i = 0; i < self->n_columns; i++)
    {
      RwCompareColumn *col = &self->columns[i];

      col->plan.tokens_per_s = RW_UNKNOWN;
      col->plan.usd_per_m_tokens = RW_UNKNOWN;
      col->has_plan = func (self->model, col->gpu, &col->model_fit, col->rent_in.rate_hr,
                            &col->plan, user_data);
    }
}

/* ------------------------------------------------------------------ rows */

typedef struct {
  const char      *key;
  const char      *label;    /* N_() */
  RwCompareBetter  better;
  gboolean         number;   /* a number per column, else a text */
} RowInfo;

static const RowInfo rows[RW_COMPARE_N_ROWS] = {
  [RW_COMPARE_ROW_ARCHITECTURE] = { "architecture", N_("Architecture"), RW_COMPARE_BETTER_NONE,
                                    FALSE },
  [RW_COMPARE_ROW_VRAM_GB] = { "vram_gb", N_("VRAM (GB)"), RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_USABLE_GIB] = { "usable_gib", N_("Usable memory (GiB)"),
                                  RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_BANDWIDTH_GBPS] = { "memory_bandwidth_gbps", N_("Memory bandwidth (GB/s)"),
                                      RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_TDP_W] = { "tdp_w", N_("TDP (W)"), RW_COMPARE_BETTER_NONE, TRUE },
  [RW_COMPARE_ROW_INTERCONNECT] = { "interconnect", N_("Interconnect"), RW_COMPARE_BETTER_NONE,
                                    FALSE },
  [RW_COMPARE_ROW_PURCHASE_USD] = { "purchase_price", N_("Purchase price ($)"),
                                    RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_PURCHASE_SOURCE] = { "purchase_price_source", N_("Purchase price source"),
                                       RW_COMPARE_BETTER_NONE, FALSE },
  [RW_COMPARE_ROW_CHEAPEST_HR] = { "cheapest_hr", N_("Cheapest ($/hr)"), RW_COMPARE_BETTER_LOWER,
                                   TRUE },
  [RW_COMPARE_ROW_CHEAPEST_PROVIDER] = { "cheapest_provider", N_("Cheapest provider"),
                                         RW_COMPARE_BETTER_NONE, FALSE },
  [RW_COMPARE_ROW_CHEAPEST_PRICING] = { "cheapest_pricing", N_("Cheapest pricing"),
                                        RW_COMPARE_BETTER_NONE, FALSE },
  [RW_COMPARE_ROW_MEDIAN_HR] = { "median_hr", N_("Median ($/hr)"), RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_MOST_EXPENSIVE_HR] = { "most_expensive_hr", N_("Most expensive ($/hr)"),
                                         RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_PROVIDERS] = { "providers", N_("Providers"), RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_OFFERS] = { "offers", N_("Offers"), RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_USD_HR_PER_GB] = { "usd_hr_per_gb", N_("$/hr per GB of VRAM"),
                                     RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_USD_HR_PER_TBPS] = { "usd_hr_per_tbps", N_("$/hr per TB/s of bandwidth"),
                                       RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_RENT_PER_MONTH] = { "rent_per_month", N_("Rent per month ($)"),
                                      RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_POWER_PER_MONTH] = { "power_per_month", N_("Electricity per month ($)"),
                                       RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_BREAKEVEN_MONTHS] = { "breakeven_months", N_("Breakeven (months)"),
                                        RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_MODEL_GPUS] = { "model_gpus", N_("GPUs needed"), RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_MODEL_PRECISION] = { "model_precision", N_("Precision"),
                                       RW_COMPARE_BETTER_HIGHER, FALSE },
  [RW_COMPARE_ROW_MODEL_MAX_CONTEXT] = { "model_max_context", N_("Max context (tokens)"),
                                         RW_COMPARE_BETTER_HIGHER, TRUE },
  [RW_COMPARE_ROW_TOKENS_PER_S] = { "tokens_per_s", N_("Tokens/s"), RW_COMPARE_BETTER_HIGHER,
                                    TRUE },
  [RW_COMPARE_ROW_USD_PER_M_TOKENS] = { "usd_per_m_tokens", N_("$ per million tokens"),
                                        RW_COMPARE_BETTER_LOWER, TRUE },
  [RW_COMPARE_ROW_FITS_ONLY_HERE] = { "fits_only_here", N_("Fits on one only here"),
                                      RW_COMPARE_BETTER_NONE, FALSE },
};

/* The stable key of @row in JSON and for the UI (e.g. "cheapest_hr") */
const char *
rw_compare_row_key (RwCompareRow row)
{
  g_return_val_if_fail (row < RW_COMPARE_N_ROWS, NULL);
  return rows[row].key;
}

/* The translated name of @row, with its unit, e.g. "Cheapest ($/hr)" */
const char *
rw_compare_row_label (RwCompareRow row)
{
  g_return_val_if_fail (row < RW_COMPARE_N_ROWS, NULL);
  return _(rows[row].label);
}

/* Which way @row's best value lies; NONE for facts that are not better or worse */
RwCompareBetter
rw_compare_row_better (RwCompareRow row)
{
  g_return_val_if_fail (row < RW_COMPARE_N_ROWS, RW_COMPARE_BETTER_NONE);
  return rows[row].better;
}

/* Whether @row belongs in this comparison: the model rows and the planner's need a model */
gboolean
rw_comparison_has_row (RwComparison *self,
                       RwCompareRow  row)
{
  switch (row)
    {
    case RW_COMPARE_ROW_MODEL_GPUS:
    case RW_COMPARE_ROW_MODEL_PRECISION:
    case RW_COMPARE_ROW_MODEL_MAX_CONTEXT:
      return self->model != NULL;
    case RW_COMPARE_ROW_TOKENS_PER_S:
    case RW_COMPARE_ROW_USD_PER_M_TOKENS:
      return self->has_plan;
    case RW_COMPARE_N_ROWS:
      return FALSE;
    default:
      return TRUE;
    }
}

/**
 * rw_comparison_get_value:
 *
 * Returns: @row's number for @column, in the unit of its label (see #RwCompareRow), the
 *   same number as that GPU's report; RW_UNKNOWN when unknown. For the precision row, the
 *   bits per weight of the chosen precision (rw_precision_bytes_per_weight () × 8), so that
 *   more is better; for the other text rows RW_UNKNOWN.
 */
double
rw_comparison_get_value (RwComparison *self,
                         RwCompareRow  row,
                         guint         column)
{
  const RwCompareColumn *col;

  g_return_val_if_fail (column < self->n_columns, RW_UNKNOWN);
  col = &self->columns[column];
  switch (row)
    {
    case RW_COMPARE_ROW_VRAM_GB:
      return rw_gpu_get_vram_gb (col->gpu);
    case RW_COMPARE_ROW_USABLE_GIB:
      return col->usable_bytes / (1024.0 * 1024.0 * 1024.0);
    case RW_COMPARE_ROW_BANDWIDTH_GBPS:
      return rw_gpu_get_memory_bandwidth_gbps (col->gpu);
    case RW_COMPARE_ROW_TDP_W:
      return rw_gpu_get_tdp_w (col->gpu);
    case RW_COMPARE_ROW_PURCHASE_USD:
      return col->purchase_usd;
    case RW_COMPARE_ROW_CHEAPEST_HR:
      return col->stats->cheapest_hr;
    case RW_COMPARE_ROW_MEDIAN_HR:
      return col->stats->median_hr;
    case RW_COMPARE_ROW_MOST_EXPENSIVE_HR:
      return col->stats->most_expensive_hr;
    case RW_COMPARE_ROW_PROVIDERS:
      return col->stats->providers;
    case RW_COMPARE_ROW_OFFERS:
      return col->stats->offers;
    case RW_COMPARE_ROW_USD_HR_PER_GB:
      return col->usd_hr_per_gb;
    case RW_COMPARE_ROW_USD_HR_PER_TBPS:
      return col->usd_hr_per_tbps;
    case RW_COMPARE_ROW_RENT_PER_MONTH:
      return col->rent.rent_per_month;
    case RW_COMPARE_ROW_POWER_PER_MONTH:
      return col->rent.power_per_month;
    case RW_COMPARE_ROW_BREAKEVEN_MONTHS:
      return col->rent.breakeven_months;
    case RW_COMPARE_ROW_MODEL_GPUS:
      return col->has_model_fit && col->model_fit.fits ? col->model_fit.gpus : RW_UNKNOWN;
    case RW_COMPARE_ROW_MODEL_PRECISION:
      return col->has_model_fit && col->model_fit.fits
             ? rw_precision_bytes_per_weight (col->model_fit.precision) * 8 : RW_UNKNOWN;
    case RW_COMPARE_ROW_MODEL_MAX_CONTEXT:
      return col->has_model_fit && col->model_max_context > 0
             ? (double) col->model_max_context : RW_UNKNOWN;
    case RW_COMPARE_ROW_TOKENS_PER_S:
      return col->has_plan ? col->plan.tokens_per_s : RW_UNKNOWN;
    case RW_COMPARE_ROW_USD_PER_M_TOKENS:
      return col->has_plan ? col->plan.usd_per_m_tokens : RW_UNKNOWN;
    default:
      return RW_UNKNOWN;
    }
}

static const char *
cheapest_pricing (const RwCompareColumn *col)
{
  for (guint i = 0; i < col->stats->rates->len; i++)
    {
      const RwProviderRate *r = &g_array_index (col->stats->rates, RwProviderRate, i);

      if (g_strcmp0 (r->provider, col->stats->cheapest_provider) == 0 &&
          r->rate_hr == col->stats->cheapest_hr)
        return rw_pricing_to_string (r->pricing);
    }
  return NULL;
}

static char *
model_names (GPtrArray *models)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < models->len; i++)
    {
      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, rw_model_get_name (g_ptr_array_index (models, i)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The raw text of a text row (not sanitized), or NULL when unknown */
static char *
text_value (RwComparison *self,
            RwCompareRow  row,
            guint         column)
{
  const RwCompareColumn *col = &self->columns[column];
  const char *text = NULL;

  switch (row)
    {
    case RW_COMPARE_ROW_ARCHITECTURE:
      text = rw_gpu_get_architecture (col->gpu);
      break;
    case RW_COMPARE_ROW_INTERCONNECT:
      text = rw_gpu_get_interconnect (col->gpu);
      break;
    case RW_COMPARE_ROW_PURCHASE_SOURCE:
      if (col->purchase_usd < 0)
        return NULL;
      if (!col->purchase_estimate)
        return g_strdup (_("list price"));
      /* TRANSLATORS: a purchase price that is a street-price estimate: its source and date */
      return g_strdup_printf (_("estimate, %s, %s"),
                              col->purchase_source ? col->purchase_source : _("no source"),
                              col->purchase_date ? col->purchase_date : _("undated"));
    case RW_COMPARE_ROW_CHEAPEST_PROVIDER:
      text = col->cheapest_provider_name;
      break;
    case RW_COMPARE_ROW_CHEAPEST_PRICING:
      {
        /* translated for a person (German "Spot"); the JSON keeps the catalog's name */
        RwPricing pricing;

        if (rw_pricing_from_string (cheapest_pricing (col), &pricing))
          text = rw_pricing_to_label (pricing);
      }
      break;
    case RW_COMPARE_ROW_MODEL_PRECISION:
      if (col->has_model_fit && col->model_fit.fits)
        text = rw_precision_to_string (col->model_fit.precision);
      break;
    case RW_COMPARE_ROW_FITS_ONLY_HERE:
      return model_names (col->fits_only_here);
    default:
      break;
    }
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static gboolean
row_is_number (RwCompareRow row)
{
  return rows[row].number;
}

/**
 * rw_comparison_get_text:
 *
 * Returns: (transfer full): @row's value for @column as a person reads it, sanitized of
 *   control characters: money with its currency sign ("$0.28", "$9,000"), other numbers
 *   with the unit of the row's label left out and the locale's marks ("48", "45.0",
 *   "3,350"), texts as they are; "—" when
 *   unknown (a breakeven that never comes: "never")
 */
char *
rw_comparison_get_text (RwComparison *self,
                        RwCompareRow  row,
                        guint         column)
{
  double value;
  g_autofree char *text = NULL;

  g_return_val_if_fail (column < self->n_columns, NULL);
  g_return_val_if_fail (row < RW_COMPARE_N_ROWS, NULL);

  if (row == RW_COMPARE_ROW_PURCHASE_SOURCE)
    {
      /* the page and the text table show the kind and date; the source is a link there and
       * a footnote here (rw_comparison_text ()) */
      const RwCompareColumn *col = &self->columns[column];

      if (col->purchase_usd < 0)
        return g_strdup ("—");
      if (!col->purchase_estimate)
        return g_strdup (_("list price"));
      /* TRANSLATORS: a purchase price that is a street-price estimate, and its date */
      return g_strdup_printf (_("estimate, %s"), col->purchase_date ? col->purchase_date
                                                                     : _("undated"));
    }
  if (!row_is_number (row))
    {
      text = text_value (self, row, column);
      return text != NULL ? rw_text_sanitize (text) : g_strdup ("—");
    }

  value = rw_comparison_get_value (self, row, column);
  if (value < 0)
    {
      const RwCompareColumn *col = &self->columns[column];

      if (row == RW_COMPARE_ROW_BREAKEVEN_MONTHS && col->rent_in.purchase_price >= 0 &&
          col->rent.rent_per_day >= 0 && col->rent.power_per_day >= 0)
        return g_strdup (_("never"));
      return g_strdup ("—");
    }
  switch (row)
    {
    case RW_COMPARE_ROW_CHEAPEST_HR:
    case RW_COMPARE_ROW_MEDIAN_HR:
    case RW_COMPARE_ROW_MOST_EXPENSIVE_HR:
    case RW_COMPARE_ROW_RENT_PER_MONTH:
    case RW_COMPARE_ROW_POWER_PER_MONTH:
      return rw_format_usd (value, 2);
    case RW_COMPARE_ROW_USD_PER_M_TOKENS:
      /* never "$0.00" for a cheap one (newcomer report 5, defect 12) */
      return rw_format_usd_significant (value);
    case RW_COMPARE_ROW_USD_HR_PER_GB:
    case RW_COMPARE_ROW_USD_HR_PER_TBPS:
      return rw_format_usd (value, 4);
    case RW_COMPARE_ROW_PURCHASE_USD:
      return rw_format_usd (value, 0);
    case RW_COMPARE_ROW_USABLE_GIB:
    case RW_COMPARE_ROW_BREAKEVEN_MONTHS:
    case RW_COMPARE_ROW_TOKENS_PER_S:
      return rw_format_number (value, 1);
    default:
      /* with the locale's grouping, as the prices beside it: "3,350" (newcomer report 4) */
      return rw_format_number (value, 0);
    }
}

/**
 * rw_comparison_get_best:
 *
 * The best value of @row: the lowest or highest known number (rw_compare_row_better ()),
 * compared exactly, as computed (unrounded). Unknown values never win. The precision of the
 * model is compared only among the GPUs that need the fewest GPUs for it (the fit's own
 * order: fewest GPUs first, then the highest precision).
 *
 * Returns: a mask with bit i set for each column i that has the best value: one bit for one
 *   best, more for a tie; 0 for a row without a direction or without two known values
 */
guint
rw_comparison_get_best (RwComparison *self,
                        RwCompareRow  row)
{
  RwCompareBetter better;
  double best = 0;
  guint mask = 0, known = 0, fewest = 0;

  g_return_val_if_fail (row < RW_COMPARE_N_ROWS, 0);
  better = rows[row].better;
  if (better == RW_COMPARE_BETTER_NONE || !rw_comparison_has_row (self, row))
    return 0;
  if (row == RW_COMPARE_ROW_MODEL_PRECISION)
    fewest = rw_comparison_get_best (self, RW_COMPARE_ROW_MODEL_GPUS);
  for (guint i = 0; i < self->n_columns; i++)
    {
      double value = rw_comparison_get_value (self, row, i);

      if (value < 0 || !isfinite (value))
        continue;
      known++;
      if (fewest != 0 && !(fewest & (1u << i)))
        continue;
      if (mask == 0 ||
          (better == RW_COMPARE_BETTER_LOWER ? value < best : value > best))
        {
          best = value;
          mask = 1u << i;
        }
      else if (value == best)
        mask |= 1u << i;
    }
  return known >= 2 ? mask : 0;
}

/* ------------------------------------------------------------------ JSON */

static void
write_mask_ids (RwJsonWriter *w,
                RwComparison *self,
                guint         mask)
{
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < self->n_columns; i++)
    if (mask & (1u << i))
      rw_json_writer_string (w, rw_gpu_get_id (self->columns[i].gpu));
  rw_json_writer_end_array (w);
}

static void
write_model_ref (RwJsonWriter *w,
                 RwModel      *model)
{
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "model", rw_model_get_id (model));
  rw_json_writer_member_string (w, "name", rw_model_get_name (model));
  rw_json_writer_end_object (w);
}

/**
 * rw_comparison_json:
 *
 * `rentwise --compare --json`: `catalog` and `feeds` as in `--report`; `options`; `model`
 * (id, name, default) or null; `gpus`, one object per GPU in the order given, with `gpu`,
 * `prices` and `rent_vs_own` exactly as `--report` writes them, `cheapest_pricing`,
 * `usable_bytes`, `usd_hr_per_gb`, `usd_hr_per_tbps`, `model_fit` (the members of a
 * `--report` fit, null without a model), `plan` (tokens_per_s, usd_per_m_tokens; null
 * without the planner), `fits_only_here` (model, name) and `best` (the keys of the rows where
 * it has the best value); `rows` (key, label, better, best: the GPU ids, tie); `fits_diff`
 * (model, name, fits: one boolean per GPU). Numbers unrounded, unknown values null.
 */
char *
rw_comparison_json (RwComparison *self,
                    RwCatalog    *catalog)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  const RwReportOptions *options = &self->options;
  guint best[RW_COMPARE_N_ROWS];

  for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
    best[r] = rw_comparison_get_best (self, r);

  rw_json_writer_begin_object (w);
  rw_report_write_catalog_info (w, catalog, options);

  rw_json_writer_key (w, "options");
  rw_json_writer_begin_object (w);
  rw_json_writer_key (w, "on_demand_only");
  rw_json_writer_boolean (w, (options->pricing_mask & RW_PRICING_MASK_ALL) ==
                               RW_PRICING_MASK_ON_DEMAND);
  rw_json_writer_key (w, "include_suspect");
  rw_json_writer_boolean (w, (options->pricing_mask & RW_INCLUDE_SUSPECT) != 0);
  rw_json_writer_member_int (w, "context", (gint64) options->context);
  rw_json_writer_member_int (w, "sessions", options->sessions);
  rw_json_writer_member_string (w, "kv_dtype", rw_kv_dtype_to_string (options->kv_dtype));
  rw_json_writer_member_string (w, "engine", rw_engine_to_string (options->engine));
  rw_json_writer_end_object (w);

  rw_json_writer_key (w, "model");
  if (self->model != NULL)
    {
      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "id", rw_model_get_id (self->model));
      rw_json_writer_member_string (w, "name", rw_model_get_name (self->model));
      rw_json_writer_key (w, "default");
      rw_json_writer_boolean (w, self->model_is_default);
      rw_json_writer_end_object (w);
    }
  else
    rw_json_writer_null (w);

  rw_json_writer_key (w, "gpus");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const RwCompareColumn *col = &self->columns[i];

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "id", rw_gpu_get_id (col->gpu));
      rw_json_writer_key (w, "gpu");
      rw_report_write_gpu (w, col->gpu);
      rw_json_writer_member_number (w, "usable_bytes", col->usable_bytes);
      rw_json_writer_key (w, "prices");
      rw_report_write_prices (w, col->stats);
      rw_json_writer_member_string (w, "cheapest_pricing", cheapest_pricing (col));
      rw_json_writer_member_known (w, "usd_hr_per_gb", col->usd_hr_per_gb);
      rw_json_writer_member_known (w, "usd_hr_per_tbps", col->usd_hr_per_tbps);
      rw_json_writer_key (w, "rent_vs_own");
      rw_report_write_rent_vs_own (w, options, col->stats, &col->rent_in, &col->rent);
      rw_json_writer_key (w, "model_fit");
      if (col->has_model_fit)
        {
          rw_json_writer_begin_object (w);
          rw_report_write_fit_members (w, self->model, &col->model_fit);
          rw_json_writer_end_object (w);
        }
      else
        rw_json_writer_null (w);
      rw_json_writer_key (w, "plan");
      if (col->has_plan)
        {
          rw_json_writer_begin_object (w);
          rw_json_writer_member_known (w, "tokens_per_s", col->plan.tokens_per_s);
          rw_json_writer_member_known (w, "usd_per_m_tokens", col->plan.usd_per_m_tokens);
          rw_json_writer_end_object (w);
        }
      else
        rw_json_writer_null (w);
      rw_json_writer_key (w, "fits_only_here");
      rw_json_writer_begin_array (w);
      for (guint m = 0; m < col->fits_only_here->len; m++)
        write_model_ref (w, g_ptr_array_index (col->fits_only_here, m));
      rw_json_writer_end_array (w);
      rw_json_writer_key (w, "best");
      rw_json_writer_begin_array (w);
      for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
        if (best[r] & (1u << i))
          rw_json_writer_string (w, rows[r].key);
      rw_json_writer_end_array (w);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);

  rw_json_writer_key (w, "rows");
  rw_json_writer_begin_array (w);
  for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
    {
      static const char * const better_names[] = { "none", "lower", "higher" };

      if (!rw_comparison_has_row (self, r))
        continue;
      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "key", rows[r].key);
      rw_json_writer_member_string (w, "label", _(rows[r].label));
      rw_json_writer_member_string (w, "better", better_names[rows[r].better]);
      rw_json_writer_key (w, "best");
      write_mask_ids (w, self, best[r]);
      rw_json_writer_key (w, "tie");
      rw_json_writer_boolean (w, best[r] != 0 && (best[r] & (best[r] - 1)) != 0);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);

  rw_json_writer_key (w, "fits_diff");
  rw_json_writer_begin_array (w);
  for (guint d = 0; d < self->diff->len; d++)
    {
      const RwCompareDiff *diff = &g_array_index (self->diff, RwCompareDiff, d);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "model", rw_model_get_id (diff->model));
      rw_json_writer_member_string (w, "name", rw_model_get_name (diff->model));
      rw_json_writer_key (w, "fits");
      rw_json_writer_begin_array (w);
      for (guint i = 0; i < self->n_columns; i++)
        rw_json_writer_boolean (w, diff->fits[i]);
      rw_json_writer_end_array (w);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);

  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* ------------------------------------------------------------------ text */

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  guint len = rw_text_columns (text);

  g_string_append (out, text);
  for (guint i = len; i < width; i++)
    g_string_append_c (out, ' ');
}

/* The translated title of the group of rows @row begins ("Specs", "Prices per GPU", "Rent vs
 * own", "Model", "Models that fit"), or NULL when @row is not the first of its group */
const char *
rw_compare_row_group_title (RwCompareRow row)
{
  switch (row)
    {
    case RW_COMPARE_ROW_ARCHITECTURE: return _("Specs");
    case RW_COMPARE_ROW_CHEAPEST_HR: return _("Prices per GPU");
    case RW_COMPARE_ROW_RENT_PER_MONTH: return _("Rent vs own");
    case RW_COMPARE_ROW_MODEL_GPUS: return _("Model");
    case RW_COMPARE_ROW_FITS_ONLY_HERE: return _("Models that fit");
    default: return NULL;
    }
}

/**
 * rw_comparison_text:
 *
 * `rentwise --compare`: the comparison as a text table, one column per GPU, rows grouped as
 * on the page; the best value of each row is marked with "*" (every tied GPU is marked),
 * explained in the last line, so that it does not depend on colour.
 */
char *
rw_comparison_text (RwComparison *self,
                    RwCatalog    *catalog)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *generated = rw_text_sanitize (rw_catalog_get_generated_at (catalog));
  guint widths[RW_COMPARE_MAX_GPUS];
  guint label_width = 0;
  guint n = self->n_columns;

  /* every cell first, for the column widths; a cell is its text and 2 columns for the mark */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (self->columns[i].gpu));

      widths[i] = MAX (10, rw_text_columns (id));
    }
  for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
    {
      guint best = rw_comparison_get_best (self, r);

      if (!rw_comparison_has_row (self, r) || r == RW_COMPARE_ROW_FITS_ONLY_HERE)
        continue;
      label_width = MAX (label_width, rw_text_columns (_(rows[r].label)));
      for (guint i = 0; i < n; i++)
        {
          char *text = rw_comparison_get_text (self, r, i);
          gboolean marked = (best & (1u << i)) != 0;

          widths[i] = MAX (widths[i], rw_text_columns (text) + 2);
          g_ptr_array_add (cells, text);
          g_array_append_val (marks, marked);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (self->columns[i].gpu));
      g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (self->columns[i].gpu));

      g_string_append_printf (out, "%s: %s\n", id, name);
    }
  if (self->model != NULL)
    {
      g_autofree char *name = rw_text_sanitize (rw_model_get_name (self->model));

      g_string_append_printf (
        out,
        self->model_is_default
          /* TRANSLATORS: the model of the comparison's model rows */
          ? _("Model: %s (the largest that fits on one of the smallest GPU)\n")
          : _("Model: %s\n"),
        name);
    }

  g_string_append_c (out, '\n');
  append_padded (out, "", label_width + 2);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (self->columns[i].gpu));

      g_string_append (out, "  ");
      append_padded (out, id, widths[i]);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');

  for (guint r = 0, c = 0; r < RW_COMPARE_N_ROWS; r++)
    {
      const char *title = rw_compare_row_group_title (r);

      if (!rw_comparison_has_row (self, r))
        continue;
      if (title != NULL)
        g_string_append_printf (out, "%s\n", title);
      if (r == RW_COMPARE_ROW_FITS_ONLY_HERE)
        continue;
      g_string_append (out, "  ");
      append_padded (out, _(rows[r].label), label_width);
      for (guint i = 0; i < n; i++, c++)
        {
          const char *cell = g_ptr_array_index (cells, c);
          const char *mark = g_array_index (marks, gboolean, c) ? " *" : "  ";
          guint len = rw_text_columns (cell);

          g_string_append (out, "  ");
          if (rows[r].number)
            {
              /* numbers right-aligned on their last digit, the mark after it */
              for (guint k = len + 2; k < widths[i]; k++)
                g_string_append_c (out, ' ');
              g_string_append (out, cell);
              g_string_append (out, mark);
            }
          else
            {
              g_string_append (out, cell);
              g_string_append (out, mark);
              for (guint k = len + 2; k < widths[i]; k++)
                g_string_append_c (out, ' ');
            }
        }
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  /* the fits diff, one line per GPU: the names can be long */
  for (guint i = 0; i < n; i++)
    {
      const RwCompareColumn *col = &self->columns[i];
      g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (col->gpu));
      g_autofree char *names = model_names (col->fits_only_here);
      g_autofree char *clean = rw_text_sanitize (names);

      /* TRANSLATORS: "l40s: Llama 3.3 70B; Qwen 3 32B", the models that fit on one GPU of
       * this kind and on one of no other compared GPU */
      g_string_append_printf (out, _("  Only on one %s: %s\n"), id,
                              clean[0] != '\0' ? clean : _("none"));
    }

  g_string_append_c (out, '\n');
  for (guint i = 0; i < n; i++)
    {
      const RwCompareColumn *col = &self->columns[i];

      if (col->purchase_usd >= 0 && col->purchase_estimate && col->purchase_source != NULL)
        {
          g_autofree char *id = rw_text_sanitize (rw_gpu_get_id (col->gpu));
          g_autofree char *source = rw_text_sanitize (col->purchase_source);

          /* TRANSLATORS: where the purchase price estimate of a GPU (its id) comes from */
          g_string_append_printf (out, _("Purchase price of %s: %s\n"), id, source);
        }
    }
  {
    g_autofree char *tokens = rw_format_number ((double) self->options.context, 0);

    /* TRANSLATORS: the context the models were fitted at, in tokens, then the legend of the
     * table's best-value mark "*" */
    g_string_append_printf (out, _("Context %s tokens. * marks the best value of a row (every "
                                   "tied GPU is marked).\n"), tokens);
  }
  g_string_append_printf (out, _("Catalog: %s, generated %s\n"),
                          rw_catalog_source_to_string (rw_catalog_get_source (catalog)),
                          generated[0] ? generated : _("unknown"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ CSV */

/* One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
 * A text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading apostrophe (OWASP, "CSV Injection"); numbers are written by the caller. */
static void
append_csv_text (GString    *out,
                 const char *text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * rw_comparison_dup_model_title:
 *
 * The model of the comparison's model rows by name, for the page and the CSV: the name
 * alone when it was asked for, else followed by "(the largest that fits on one of the
 * smallest GPU)" (translated); the same choice as rw_comparison_text ()'s "Model:" line.
 * The name is the catalog's, untrusted: control characters are replaced
 * (rw_text_sanitize ()), and it is plain text, never markup.
 *
 * Returns: (transfer full) (nullable): the title, or %NULL without a model
 */
char *
rw_comparison_dup_model_title (RwComparison *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->model == NULL)
    return NULL;
  name = rw_text_sanitize (rw_model_get_name (self->model));
  if (!self->model_is_default)
    return g_steal_pointer (&name);
  /* TRANSLATORS: the model of the comparison's model rows, chosen by the comparison */
  return g_strdup_printf (_("%s (the largest that fits on one of the smallest GPU)"), name);
}

/* The number of a CSV cell, rounded to what it means (docs/COMPARE.md, "Output"): money to
 * the cent; the small rates ($/hr per GB, $/hr per TB/s, $ per million tokens) to 4
 * significant digits; GB, GiB, GB/s, tokens/s and months to 0.1; counts, watts, GPUs and
 * tokens of context whole. Rounded by printf on the double (g_ascii_formatd (), so the
 * decimal point is a dot whatever the locale); trailing zeros after the point are dropped,
 * except in money, which keeps its two decimals. */
static char *
csv_number (RwCompareRow row,
            double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  int decimals = 0;
  gboolean cents = FALSE;
  gsize len;

  switch (row)
    {
    case RW_COMPARE_ROW_PURCHASE_USD:
    case RW_COMPARE_ROW_CHEAPEST_HR:
    case RW_COMPARE_ROW_MEDIAN_HR:
    case RW_COMPARE_ROW_MOST_EXPENSIVE_HR:
    case RW_COMPARE_ROW_RENT_PER_MONTH:
    case RW_COMPARE_ROW_POWER_PER_MONTH:
      decimals = 2;
      cents = TRUE;
      break;
    case RW_COMPARE_ROW_USD_HR_PER_GB:
    case RW_COMPARE_ROW_USD_HR_PER_TBPS:
    case RW_COMPARE_ROW_USD_PER_M_TOKENS:
      if (value > 0 && isfinite (value))
        decimals = CLAMP (3 - (int) floor (log10 (value)), 0, 15);
      break;
    case RW_COMPARE_ROW_VRAM_GB:
    case RW_COMPARE_ROW_USABLE_GIB:
    case RW_COMPARE_ROW_BANDWIDTH_GBPS:
    case RW_COMPARE_ROW_TOKENS_PER_S:
    case RW_COMPARE_ROW_BREAKEVEN_MONTHS:
      decimals = 1;
      break;
    default:
      decimals = 0;
      break;
    }
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  len = strlen (buf);
  if (!cents && strchr (buf, '.') != NULL)
    {
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  return g_strdup (buf);
}

/**
 * rw_comparison_csv:
 *
 * The comparison table for "Copy as CSV" and "Save as CSV…" (RFC 4180: CRLF line ends,
 * fields with a comma, quote or line break quoted, quotes doubled). A header row (an empty
 * cell, then each GPU's name, then "Best"), then one row per comparison row: its translated
 * label, one cell per GPU and the ids of the GPUs with the best value separated by spaces.
 * Before the model rows, a row "Model" names the model in every GPU's cell
 * (rw_comparison_dup_model_title ()). Numbers are in the unit of the label, rounded to what
 * they mean (csv_number (): money to the cent, the small rates to 4 significant digits, GB,
 * GiB, GB/s, tokens/s and months to 0.1, counts whole), with a dot for the decimal point
 * whatever the locale; an unknown value is an empty cell.
 */
char *
rw_comparison_csv (RwComparison *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_string_append_c (out, ',');
      append_csv_text (out, rw_gpu_get_name (self->columns[i].gpu));
    }
  g_string_append_c (out, ',');
  append_csv_text (out, _("Best"));
  g_string_append (out, "\r\n");

  for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
    {
      guint best = rw_comparison_get_best (self, r);
      g_autoptr(GString) best_ids = g_string_new (NULL);

      if (!rw_comparison_has_row (self, r))
        continue;
      if (r == RW_COMPARE_ROW_MODEL_GPUS)
        {
          g_autofree char *title = rw_comparison_dup_model_title (self);

          append_csv_text (out, _("Model"));
          for (guint i = 0; i < self->n_columns; i++)
            {
              g_string_append_c (out, ',');
              append_csv_text (out, title);
            }
          g_string_append (out, ",\r\n");
        }
      append_csv_text (out, _(rows[r].label));
      for (guint i = 0; i < self->n_columns; i++)
        {
          g_string_append_c (out, ',');
          if (rows[r].number)
            {
              double value = rw_comparison_get_value (self, r, i);

              if (value >= 0)
                {
                  g_autofree char *number = csv_number (r, value);

                  g_string_append (out, number);
                }
            }
          else
            {
              g_autofree char *text = text_value (self, r, i);

              if (text != NULL)
                append_csv_text (out, text);
            }
        }
      for (guint i = 0; i < self->n_columns; i++)
        if (best & (1u << i))
          g_string_append_printf (best_ids, "%s%s", best_ids->len > 0 ? " " : "",
                                  rw_gpu_get_id (self->columns[i].gpu));
      g_string_append_c (out, ',');
      append_csv_text (out, best_ids->str);
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
