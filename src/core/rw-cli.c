/* rw-cli.c: the headless command line — --list, --report, --fit, --history-csv, --refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answered before any display is opened (the application calls rw_cli_run() from
 * handle-local-options): the output goes to one string, errors are one line on the other
 * and exit with status 2; --refresh alone exits 3 when every feed failed and nothing is
 * cached. GTK-free, so the tests run it in-process.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rw-breakeven.h"
#include "rw-changes.h"
#include "rw-cli.h"
#include "rw-compare.h"
#include "rw-format.h"
#include "rw-history.h"
#include "rw-json-writer.h"
#include "rw-plan.h"
#include "rw-train-plan.h"
#include "rw-report.h"
#include "rw-report-private.h"
#include "rw-source.h"
#include "rw-stats.h"
#include "rw-train-fit.h"

#define EXIT_USAGE      RW_CLI_EXIT_USAGE
#define EXIT_NO_PRICES  RW_CLI_EXIT_NO_PRICES

static const GOptionEntry cli_entries[] = {
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print every GPU with VRAM, cheapest rate and provider count, then exit"), NULL },
  { "list-models", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print every model’s id (what --fit, --plan and --model take), name, parameters and "
       "maximum context, then exit"), NULL },
  { "report", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print everything on the GPU page of GPU_ID, then exit"), N_("GPU_ID") },
  { "history-csv", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the price history of GPU_ID (catalog and local) as CSV, then exit"), N_("GPU_ID") },
  { "fit", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print how MODEL_ID fits on the GPU of --gpu: weights, KV cache, runtime reserve, "
       "usable memory, largest context and sessions, then exit"), N_("MODEL_ID") },
  { "gpu", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --fit: the GPU to fit on"), N_("GPU_ID") },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --list, --list-models, --report, --fit, --plan, --compare or --refresh alone: "
       "print JSON instead of text"), NULL },
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this catalog document (rentwise-catalog/1 JSON) instead of the built-in one"),
    N_("FILE") },
  { "offline", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Never touch the network"), NULL },
  { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fetch the configured feeds first (updates the cache); alone, print each feed’s state"),
    NULL },
  { "feed", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Use this feed instead of the configured ones (repeatable)"), N_("URL") },
  { "on-demand-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave spot and reserved offers out of the statistics"), NULL },
  { "include-suspect", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Count implausibly low or high prices in the statistics"), NULL },
  { "context", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Context length in tokens for models that fit (default 8192)"), N_("N") },
  { "sessions", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Concurrent sessions of --context tokens for models that fit (default 1)"), N_("N") },
  { "kv-dtype", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("KV cache data type for models that fit: fp16 or fp8 (default fp16)"), N_("TYPE") },
  { "engine", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Inference engine whose memory use models that fit follow: vllm, llamacpp or "
       "transformers (default vllm)"), N_("ENGINE") },
  { "precision", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --fit: fp16, fp8, int8 or int4 instead of the recommended precision"),
    N_("PRECISION") },
  { "gpus", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --fit: 1, 2, 4 or 8 GPUs instead of the fewest that fit"), N_("N") },
  { "hours", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Usage hours per day for rent vs own, 0–24 (default 8)"), N_("H") },
  { "kwh-price", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Electricity price in $/kWh (default 0.15)"), N_("P") },
  { "pue", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Power usage effectiveness, cooling overhead, 1–5 (default 1.0)"), N_("U") },
  { "purchase-price", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Purchase price in USD (default the GPU’s MSRP)"), N_("USD") },
  { "other-costs", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Other one-off costs of owning in USD, such as a share of the host (default 0)"),
    N_("USD") },
  { "resale-percent", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Resale value after the horizon, in percent of the purchase price (default 0)"),
    N_("PERCENT") },
  { "horizon-months", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Months of 30 days to compare renting and owning over (default 36); every $/month "
       "is 30 days"), N_("MONTHS") },
  { "rate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Rental rate to compare with: cheapest, median, a provider id or $/hr (default cheapest)"),
    N_("RATE") },
  /* the planner, the comparison and the fine-tuning workloads (issues 17, 18, 20) */
  { "plan", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the machines that run MODEL_ID, cheapest first, with $/month (30 days of "
       "--hours), tokens/s and $ per million tokens, then exit"), N_("MODEL_ID") },
  { "limit", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --plan: print at most N options (default all)"), N_("N") },
  { "compare", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print two to four GPUs side by side (ids separated by commas), then exit"),
    N_("ID,ID[,ID,ID]") },
  { "model", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --compare: the model whose fit, tokens/s and $ per million tokens to compare"),
    N_("MODEL_ID") },
  { "csv", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --compare: print CSV instead of text"), NULL },
  { "workload", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --report, --fit or --plan: inference, lora, qlora or full fine-tuning "
       "(default inference)"), N_("WORKLOAD") },
  { "lora-rank", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --workload=lora or qlora: the adapters’ rank (default 16)"), N_("N") },
  { "seq-len", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With a fine-tuning --workload: tokens per training sequence (default 2048)"), N_("N") },
  { "micro-batch", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With a fine-tuning --workload: sequences per GPU per step (default 1)"), N_("N") },
  { NULL }
};

static gboolean
parse_number (GVariantDict  *options,
              const char    *name,
              double         min,
              double         max,
              gboolean       integer,
              double        *out,
              GError       **error)
{
  const char *str = NULL;
  double value;

  if (!g_variant_dict_lookup (options, name, "&s", &str))
    return TRUE;

  /* the number grammar of the entries (rw_parse_number), with "." as the decimal point: no
   * hexadecimal "0x10", exponent "1e3", sign, space at either end or trailing letters */
  /* "-5" is a number, only below every option's minimum (all are 0 or more): say so, as the
   * window's entries do (newcomer report 3, defect 12) */
  if (str[0] == '-' && rw_parse_number_c (str + 1, &value))
    {
      char min_str[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (min_str, sizeof min_str, min == floor (min) ? "%.0f" : "%.15g", min);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s: “%s” is too small: at least %s"), name, str, min_str);
      return FALSE;
    }
  if (!rw_parse_number_c (str, &value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s: “%s” is not a number"), name, str);
      return FALSE;
    }
  if (integer && value != floor (value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s: “%s” is not a whole number"), name, str);
      return FALSE;
    }
  if (value < min || value > max)
    {
      char min_str[G_ASCII_DTOSTR_BUF_SIZE], max_str[G_ASCII_DTOSTR_BUF_SIZE];

      /* plain numbers, never "1.07374e+09": a whole bound without decimals, "." as the
       * decimal point like the option values themselves */
      g_ascii_formatd (min_str, sizeof min_str, min == floor (min) ? "%.0f" : "%.15g", min);
      g_ascii_formatd (max_str, sizeof max_str, max == floor (max) ? "%.0f" : "%.15g", max);
      if (value < min)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s: “%s” is too small: at least %s"), name, str, min_str);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s: “%s” is too large: at most %s"), name, str, max_str);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* --gpus=N: 1, 2, 4 or 8 (the GPUs of one machine), one message for every other number;
 * *@out is 0 when the option is not given */
static gboolean
parse_gpus (GVariantDict  *options,
            double        *out,
            GError       **error)
{
  double value = -1;
  const char *str = NULL;
  gboolean negative = g_variant_dict_lookup (options, "gpus", "&s", &str) && str[0] == '-' &&
                      rw_parse_number_c (str + 1, &value);

  if (!negative && !parse_number (options, "gpus", 0, G_MAXDOUBLE, TRUE, &value, error))
    return FALSE;
  if (value == -1 && !negative)
    value = 0;
  else if (negative || (value != 1 && value != 2 && value != 4 && value != 8))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--gpus must be 1, 2, 4 or 8"));
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_report_options (GVariantDict     *options,
                      RwReportOptions  *report,
                      GError          **error)
{
  double context = RW_DEFAULT_CONTEXT;
  double sessions = 1;
  const char *str = NULL;

  rw_report_options_init (report);
  if (g_variant_dict_contains (options, "on-demand-only"))
    report->pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  if (g_variant_dict_contains (options, "include-suspect"))
    report->pricing_mask |= RW_INCLUDE_SUSPECT;

  /* the window's bounds, the same constants (newcomer report 5, defect 4) */
  if (!parse_number (options, "context", RW_MIN_CONTEXT, RW_MAX_CONTEXT, TRUE, &context,
                     error) ||
      !parse_number (options, "hours", 0, RW_MAX_HOURS_PER_DAY, FALSE,
                     &report->rent.hours_per_day, error) ||
      !parse_number (options, "kwh-price", 0, RW_MAX_KWH_PRICE, FALSE, &report->rent.kwh_price,
                     error) ||
      !parse_number (options, "pue", RW_MIN_PUE, RW_MAX_PUE, FALSE, &report->rent.pue, error) ||
      !parse_number (options, "purchase-price", 0, RW_MAX_COST, FALSE,
                     &report->rent.purchase_price, error) ||
      !parse_number (options, "other-costs", 0, RW_MAX_COST, FALSE, &report->rent.other_costs,
                     error) ||
      !parse_number (options, "resale-percent", 0, RW_MAX_RESALE_PERCENT, FALSE,
                     &report->rent.resale_percent, error) ||
      !parse_number (options, "horizon-months", RW_MIN_HORIZON, RW_MAX_HORIZON, TRUE,
                     &report->rent.horizon_months, error))
    return FALSE;
  report->context = (guint64) context;
  if (!parse_number (options, "sessions", 1, RW_MAX_SESSIONS, TRUE, &sessions, error))
    return FALSE;
  report->sessions = (guint) sessions;
  if (g_variant_dict_lookup (options, "kv-dtype", "&s", &str) &&
      !rw_kv_dtype_from_string (str, &report->kv_dtype))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--kv-dtype: give fp16 or fp8"));
      return FALSE;
    }
  if (g_variant_dict_lookup (options, "engine", "&s", &str) &&
      !rw_engine_from_string (str, &report->engine))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--engine: give vllm, llamacpp or transformers"));
      return FALSE;
    }

  {
    const char *rate = NULL;

    if (g_variant_dict_lookup (options, "rate", "&s", &rate))
      {
        double value = 0;

        if (g_str_equal (rate, "cheapest"))
          report->rate_kind = RW_RATE_CHEAPEST;
        else if (g_str_equal (rate, "median"))
          report->rate_kind = RW_RATE_MEDIAN;
        else if (rw_parse_number_c (rate, &value))
          {
            if (!isfinite (value) || value <= 0 || value > RW_MAX_CUSTOM_RATE)
              {
                g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                             _("--rate: %s is not a rate in $/hr above 0"), rate);
                return FALSE;
              }
            report->rate_kind = RW_RATE_CUSTOM;
            report->rate_custom = value;
          }
        else if (rate[0] != '\0')
          {
            report->rate_kind = RW_RATE_PROVIDER;
            report->rate_provider = rate;   /* checked against the GPU's providers later */
          }
        else
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--rate: give cheapest, median, a provider id or a number"));
            return FALSE;
          }
      }
  }
  return TRUE;
}


static GSettings *
try_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE)
                                   : NULL;

  if (schema == NULL)
    return NULL;
  g_settings_schema_unref (schema);
  return g_settings_new (SCHEMA_ID);
}


/* the feeds to use: --feed, else the configured ones (none when the settings schema is not
 * installed) */
static char **
dup_feeds (GVariantDict *options)
{
  g_autoptr(GSettings) settings = NULL;
  const char **feeds = NULL;

  if (g_variant_dict_lookup (options, "feed", "^a&s", &feeds))
    {
      char **copy = g_strdupv ((char **) feeds);

      g_free (feeds);
      return copy;
    }
  settings = try_settings ();
  return settings ? g_settings_get_strv (settings, "feeds") : g_new0 (char *, 1);
}

typedef struct {
  RwCatalog *catalog;
  GPtrArray *statuses;
  GError    *error;
  gboolean   done;
} HeadlessRefresh;

static void
headless_refresh_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  HeadlessRefresh *r = user_data;

  r->catalog = rw_source_refresh_finish (RW_SOURCE (object), result, &r->statuses, &r->error);
  r->done = TRUE;
}

static RwModel *lookup_model (RwCatalog   *catalog,
                              const char  *model_id,
                              GError     **error);
static RwGpu *lookup_gpu (RwCatalog   *catalog,
                          const char  *gpu_id,
                          GError     **error);

/* --fit=MODEL_ID --gpu=GPU_ID: the model and the GPU (borrowed from the catalog), or an error
 * line naming what is unknown or missing; shared by the inference and the training fit */
static gboolean
lookup_fit_target (RwCatalog     *catalog,
                   GVariantDict  *options,
                   RwModel      **model,
                   RwGpu        **gpu,
                   GError       **error)
{
  const char *model_id = NULL, *gpu_id = NULL;

  g_variant_dict_lookup (options, "fit", "&s", &model_id);
  *model = lookup_model (catalog, model_id, error);
  if (*model == NULL)
    return FALSE;
  if (!g_variant_dict_lookup (options, "gpu", "&s", &gpu_id))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fit needs --gpu=GPU_ID"));
      return FALSE;
    }
  *gpu = lookup_gpu (catalog, gpu_id, error);
  return *gpu != NULL;
}

/* --fit=MODEL_ID --gpu=GPU_ID [--precision] [--gpus] and the report's fit options */
static gboolean
run_fit (RwCatalog              *catalog,
         GVariantDict           *options,
         const RwReportOptions  *report,
         gboolean                json,
         char                  **output,
         GError                **error)
{
  const char *str = NULL;
  RwModel *model = NULL;
  RwGpu *gpu = NULL;
  RwFitOptions fit;
  double gpus = 0;

  if (!lookup_fit_target (catalog, options, &model, &gpu, error))
    return FALSE;

  rw_report_fit_options (report, &fit);
  if (g_variant_dict_lookup (options, "precision", "&s", &str))
    {
      RwPrecision precision;

      if (!rw_precision_from_string (str, &precision))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--precision: give fp16, fp8, int8 or int4"));
          return FALSE;
        }
      fit.precision = precision;
    }
  if (!parse_gpus (options, &gpus, error))
    return FALSE;
  fit.gpus = (guint) gpus;

  *output = json ? rw_report_fit_json (catalog, model, gpu, &fit)
                 : rw_report_fit_text (model, gpu, &fit);
  return TRUE;
}

/* ------------------------------------------------ --plan, --compare, --workload (17, 18, 20) */

/* @id as the command line compares model ids: ASCII lower case, "." and "_" as "-"
 * ("Llama-3.3-70B" and "llama-3-3-70b" are the same model) */
static char *
normalize_model_id (const char *id)
{
  char *norm = g_ascii_strdown (id, -1);

  for (char *p = norm; *p != '\0'; p++)
    if (*p == '.' || *p == '_')
      *p = '-';
  return norm;
}

/* The Levenshtein distance between @a and @b (bytes), at most @limit + 1 */
static guint
edit_distance (const char *a,
               const char *b,
               guint       limit)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint best = MIN (row[j] + 1, row[j - 1] + 1);

          row[j] = MIN (best, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
          diagonal = above;
        }
    }
  return MIN (row[lb], limit + 1);
}

/* @id without its dashes ("llama370b"): how near two ids look when one was typed without them */
static char *
compact_id (const char *norm)
{
  GString *out = g_string_new (NULL);

  for (const char *p = norm; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

typedef const char *(*GetId) (gpointer item);

/* TRUE when the dash-separated tokens of @wanted all appear among those of @norm, in the same
 * order ("h100" in "h100-sxm", "4090" in "rtx-4090", "llama-3-8b" in "llama-3-1-8b") */
static gboolean
has_tokens_in_order (const char *norm,
                     const char *wanted)
{
  g_auto(GStrv) have = g_strsplit (norm, "-", -1);
  g_auto(GStrv) want = g_strsplit (wanted, "-", -1);
  guint h = 0;

  for (guint w = 0; want[w] != NULL; w++)
    {
      if (want[w][0] == '\0')
        continue;
      while (have[h] != NULL && !g_str_equal (have[h], want[w]))
        h++;
      if (have[h] == NULL)
        return FALSE;
      h++;
    }
  return TRUE;
}

/* At most this many ids are suggested when several hold what was typed as tokens */
#define MAX_SUGGESTIONS 8

/* The item of @items (borrowed) whose id is @id, also when it is written with dots or
 * underscores for dashes or in another case (normalize_model_id ()); else NULL, and in
 * @nearest the ids to suggest, comma-separated, their number in @n_nearest: every id that holds
 * the typed tokens in order (has_tokens_in_order (): "h100" suggests h100-sxm, h100-pcie and
 * h100-nvl, "4090" rtx-4090; at most MAX_SUGGESTIONS, in the order of @items); else the nearest
 * id when one is near: at most a quarter of its characters, and 3, edits away, counted with and
 * without dashes ("llama3-70b", "rtx4090"), or an id that begins with what was typed without
 * dashes ("mistral7b"); the first in @items at the least distance (newcomer report 3, defect 5:
 * edit distance alone suggested h200 for "h100") */
static gpointer
find_by_id (GListModel  *items,
            GetId        get_id,
            const char  *id,
            char       **nearest,
            guint       *n_nearest)
{
  g_autofree char *wanted = normalize_model_id (id);
  g_autofree char *wanted_compact = compact_id (wanted);
  guint nearest_distance = MIN (3, strlen (wanted) / 4) + 1;
  g_autoptr(GPtrArray) holding = g_ptr_array_new ();

  *nearest = NULL;
  *n_nearest = 0;
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (items, i);
      g_autofree char *norm = normalize_model_id (get_id (candidate));
      g_autofree char *compact = compact_id (norm);
      guint distance;

      if (g_str_equal (norm, wanted))
        {
          g_clear_pointer (nearest, g_free);
          *n_nearest = 0;
          return candidate;   /* the catalog holds a reference */
        }
      if (strlen (wanted_compact) >= 2 && holding->len < MAX_SUGGESTIONS &&
          has_tokens_in_order (norm, wanted))
        g_ptr_array_add (holding, (gpointer) get_id (candidate));
      distance = MIN (edit_distance (norm, wanted, nearest_distance),
                      edit_distance (compact, wanted_compact, nearest_distance));
      if (distance > 1 && strlen (wanted_compact) >= 6 &&
          g_str_has_prefix (compact, wanted_compact))
        distance = 1;
      if (distance < nearest_distance)
        {
          nearest_distance = distance;
          g_free (*nearest);
          *nearest = g_strdup (get_id (candidate));
          *n_nearest = 1;
        }
    }
  if (holding->len > 0)
    {
      g_ptr_array_add (holding, NULL);
      g_free (*nearest);
      *nearest = g_strjoinv (", ", (char **) holding->pdata);
      *n_nearest = holding->len - 1;
    }
  return NULL;
}

/* @exact when the catalog found it; else the item of @items find_by_id () finds for @id; else
 * an error naming @id, pointing at the listing of ids and suggesting the nearest one. @is_gpu
 * picks the GPU messages (--list) rather than the model ones (--list-models). */
static gpointer
lookup_or_suggest (gpointer      exact,
                   GListModel   *items,
                   GetId         get_id,
                   const char   *id,
                   gboolean      is_gpu,
                   GError      **error)
{
  g_autofree char *nearest = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *clean = NULL;
  guint n_nearest = 0;
  gpointer found;

  if (exact != NULL)
    return exact;
  found = find_by_id (items, get_id, id, &nearest, &n_nearest);
  if (found != NULL)
    return found;

  shown = g_strescape (id, NULL);
  clean = nearest != NULL ? rw_text_sanitize (nearest) : NULL;
  if (is_gpu && n_nearest > 1)
    /* TRANSLATORS: the last %s is a comma-separated list of ids: "h100-sxm, h100-pcie" */
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown GPU id “%s”: did you mean one of %s? (rentwise --list shows the "
                   "ids)"), shown, clean);
  else if (!is_gpu && n_nearest > 1)
    /* TRANSLATORS: the last %s is a comma-separated list of ids */
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown model id “%s”: did you mean one of %s? (rentwise --list-models "
                   "lists the ids)"), shown, clean);
  else if (is_gpu && clean != NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown GPU id “%s”: did you mean %s? (rentwise --list shows the ids)"),
                 shown, clean);
  else if (is_gpu)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown GPU id “%s” (rentwise --list shows the ids)"), shown);
  else if (clean != NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown model id “%s”: did you mean %s? (rentwise --list-models lists "
                   "the ids)"), shown, clean);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Unknown model id “%s” (rentwise --list-models lists the ids)"), shown);
  return NULL;
}

/* The catalog's model @model_id (borrowed), as find_by_id () finds it; else an error naming
 * it, pointing at --list-models and suggesting the nearest id */
static RwModel *
lookup_model (RwCatalog   *catalog,
              const char  *model_id,
              GError     **error)
{
  return lookup_or_suggest (rw_catalog_lookup_model (catalog, model_id),
                            rw_catalog_get_models (catalog), (GetId) rw_model_get_id, model_id,
                            FALSE, error);
}

/* The catalog's GPU @gpu_id (borrowed), found as model ids are (newcomer report 14: "L4" is
 * l4); else an error naming it, pointing at --list and suggesting the nearest id */
static RwGpu *
lookup_gpu (RwCatalog   *catalog,
            const char  *gpu_id,
            GError     **error)
{
  return lookup_or_suggest (rw_catalog_lookup_gpu (catalog, gpu_id), rw_catalog_get_gpus (catalog),
                            (GetId) rw_gpu_get_id, gpu_id, TRUE, error);
}

/* --workload, --lora-rank, --seq-len, --micro-batch into @train (its workload is INFERENCE
 * when none is asked for); the three numbers only go with a fine-tuning workload */
static gboolean
parse_workload_options (GVariantDict    *options,
                        RwTrainOptions  *train,
                        GError         **error)
{
  const char *str = NULL;
  RwWorkload workload = RW_WORKLOAD_INFERENCE;
  double rank, seq_len, micro_batch;

  if (g_variant_dict_lookup (options, "workload", "&s", &str) &&
      !rw_workload_from_string (str, &workload))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--workload: give inference, lora, qlora or full"));
      return FALSE;
    }
  rw_train_options_init (train, workload);
  rank = train->lora_rank;
  seq_len = (double) train->seq_len;
  micro_batch = train->micro_batch;
  if (!parse_number (options, "lora-rank", 1, RW_TRAIN_MAX_LORA_RANK, TRUE, &rank, error) ||
      !parse_number (options, "seq-len", 1, RW_TRAIN_MAX_SEQ_LEN, TRUE, &seq_len, error) ||
      !parse_number (options, "micro-batch", 1, RW_TRAIN_MAX_MICRO_BATCH, TRUE, &micro_batch,
                     error))
    return FALSE;
  if (workload == RW_WORKLOAD_INFERENCE &&
      (g_variant_dict_contains (options, "lora-rank") ||
       g_variant_dict_contains (options, "seq-len") ||
       g_variant_dict_contains (options, "micro-batch")))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--lora-rank, --seq-len and --micro-batch go with --workload=lora, qlora "
                     "or full"));
      return FALSE;
    }
  if (workload == RW_WORKLOAD_FULL && g_variant_dict_contains (options, "lora-rank"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--lora-rank goes with --workload=lora or qlora"));
      return FALSE;
    }
  train->lora_rank = (guint) rank;
  train->seq_len = (guint64) seq_len;
  train->micro_batch = (guint) micro_batch;
  return TRUE;
}

/* --plan=MODEL_ID [--limit=N] and the report's fit and pricing options; with a fine-tuning
 * --workload, the machines that train it */
static gboolean
run_plan (RwCatalog              *catalog,
          GVariantDict           *options,
          const RwReportOptions  *report,
          const RwTrainOptions   *train,
          gboolean                json,
          char                  **output,
          GError                **error)
{
  const char *model_id = NULL;
  RwModel *model;
  RwPlanOptions plan_options;
  g_autoptr(RwPlan) plan = NULL;
  double limit = 0;

  g_variant_dict_lookup (options, "plan", "&s", &model_id);
  model = lookup_model (catalog, model_id, error);
  if (model == NULL)
    return FALSE;
  if (!parse_number (options, "limit", 1, 100000, TRUE, &limit, error))
    return FALSE;

  if (train->workload != RW_WORKLOAD_INFERENCE)
    {
      RwTrainArch arch;

      if (!rw_train_arch_from_model (model, &arch))
        {
          g_autofree char *shown = g_strescape (model_id, NULL);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--workload=%s: “%s” is not a language model; only those can be "
                         "fine-tuned here"), rw_workload_to_string (train->workload), shown);
          return FALSE;
        }
      *output = json ? rw_train_plan_json (catalog, model, train, report->pricing_mask,
                                        report->rent.hours_per_day, (guint) limit)
                     : rw_train_plan_text (catalog, model, train, report->pricing_mask,
                                        report->rent.hours_per_day, (guint) limit);
      return TRUE;
    }

  /* the planner's tokens, sessions, engine and KV cache are a language model's (docs/FIT.md) */
  if (!rw_plan_supports_model (model))
    {
      g_autofree char *shown = g_strescape (model_id, NULL);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--plan: “%s” is not a language model; only those can be planned here "
                     "(--fit sizes its memory on one GPU)"), shown);
      return FALSE;
    }
  rw_plan_options_init (&plan_options);
  plan_options.context = report->context;
  plan_options.sessions = report->sessions;
  plan_options.engine = report->engine;
  plan_options.kv_dtype = report->kv_dtype;
  plan_options.pricing_mask = report->pricing_mask;
  plan_options.hours_per_day = report->rent.hours_per_day;
  plan = rw_plan_compute (catalog, model, &plan_options);
  *output = json ? rw_plan_json (catalog, plan, (guint) limit)
                 : rw_plan_text (catalog, plan, (guint) limit);
  return TRUE;
}

/* --compare=ID,ID[,ID,ID] [--model=MODEL_ID] and the rent-vs-own options */
static gboolean
run_compare (RwCatalog              *catalog,
             GVariantDict           *options,
             const RwReportOptions  *report,
             gboolean                json,
             char                  **output,
             GError                **error)
{
  const char *list = NULL, *model_id = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(RwComparison) comparison = NULL;
  gboolean csv = g_variant_dict_contains (options, "csv");

  if (json && csv)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--json and --csv: give one of them"));
      return FALSE;
    }
  g_variant_dict_lookup (options, "compare", "&s", &list);
  if (g_variant_dict_lookup (options, "model", "&s", &model_id))
    {
      /* the same model ids, and the same error, as --fit and --plan */
      RwModel *model = lookup_model (catalog, model_id, error);

      if (model == NULL)
        return FALSE;
      model_id = rw_model_get_id (model);
    }
  ids = rw_compare_parse_ids (list);
  /* the same GPU ids, and the same error, as --fit and --report */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      RwGpu *gpu = lookup_gpu (catalog, ids[i], error);

      if (gpu == NULL)
        return FALSE;
      g_free (ids[i]);
      ids[i] = g_strdup (rw_gpu_get_id (gpu));
    }
  comparison = rw_comparison_new (catalog, (const char * const *) ids, model_id, report, error);
  if (comparison == NULL)
    return FALSE;
  *output = json ? rw_comparison_json (comparison, catalog)
                 : csv ? rw_comparison_csv (comparison)
                       : rw_comparison_text (comparison, catalog);
  return TRUE;
}

/* --fit=MODEL_ID --gpu=GPU_ID with a fine-tuning --workload ([--gpus]: exactly that many) */
static gboolean
run_train_fit (RwCatalog       *catalog,
               GVariantDict    *options,
               RwTrainOptions  *train,
               gboolean         json,
               char           **output,
               GError         **error)
{
  RwModel *model;
  RwGpu *gpu;
  double gpus = 0;

  if (!lookup_fit_target (catalog, options, &model, &gpu, error))
    return FALSE;
  if (g_variant_dict_contains (options, "precision"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--precision goes with --workload=inference"));
      return FALSE;
    }
  if (!parse_gpus (options, &gpus, error))
    return FALSE;
  train->gpus = (guint) gpus;
  *output = json ? rw_train_report_fit_json (model, gpu, train)
                 : rw_train_report_fit_text (model, gpu, train);
  return TRUE;
}

/* Options that belong to one report only */
static gboolean
check_new_option_scope (GVariantDict  *options,
                        GError       **error)
{
  gboolean plan = g_variant_dict_contains (options, "plan");
  gboolean compare = g_variant_dict_contains (options, "compare");

  if (plan && compare)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--plan and --compare: give one of them"));
      return FALSE;
    }
  if ((plan || compare) &&
      (g_variant_dict_contains (options, "gpu") || g_variant_dict_contains (options, "precision") ||
       g_variant_dict_contains (options, "gpus")))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--gpu, --precision and --gpus go with --fit"));
      return FALSE;
    }
  if (g_variant_dict_contains (options, "limit") && !plan)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--limit goes with --plan"));
      return FALSE;
    }
  if (!compare)
    {
      gboolean model = g_variant_dict_contains (options, "model");
      gboolean csv = g_variant_dict_contains (options, "csv");

      /* name only the options given */
      if (model || csv)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s",
                       model && csv ? _("--model and --csv go with --compare")
                                    : model ? _("--model goes with --compare")
                                            : _("--csv goes with --compare"));
          return FALSE;
        }
    }
  if (g_variant_dict_contains (options, "workload") && !plan &&
      !g_variant_dict_contains (options, "report") && !g_variant_dict_contains (options, "fit"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--workload goes with --report, --fit or --plan"));
      return FALSE;
    }
  return TRUE;
}

/* Newcomer report 14: an option the chosen report would ignore is an error, never dropped
 * silently. --list only counts prices, --list-models and --history-csv take no report
 * options; --fit prices nothing; --plan prices machines by the hour, without rent vs own; a
 * fine-tuning --workload on --plan or --fit uses --seq-len and --micro-batch instead of the
 * inference options. (--report with a fine-tuning workload keeps its inference section, so
 * those options still count there.) Each error names the first such option given. */
static gboolean
check_ignored_options (GVariantDict          *options,
                       const RwTrainOptions  *train,
                       GError               **error)
{
  static const char * const rent_vs_own[] = { "rate", "kwh-price", "pue", "purchase-price",
                                              "other-costs", "resale-percent",
                                              "horizon-months", NULL };
  static const char * const pricing[] = { "hours", "on-demand-only", "include-suspect", NULL };
  static const char * const inference[] = { "context", "sessions", "kv-dtype", "engine", NULL };
  static const char * const listings[] = { "list-models", "history-csv", "list", NULL };
  gboolean plan = g_variant_dict_contains (options, "plan");
  gboolean fit = g_variant_dict_contains (options, "fit");

  /* the listings take none of these: --list counts prices (--on-demand-only and
   * --include-suspect), --list-models and --history-csv not even that */
  for (guint l = 0; !plan && !fit && listings[l] != NULL; l++)
    {
      const char * const *lists[] = { inference, rent_vs_own, pricing };

      if (!g_variant_dict_contains (options, listings[l]))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
        for (guint i = 0; lists[k][i] != NULL; i++)
          {
            gboolean counts_prices = g_str_equal (listings[l], "list") &&
                                     !g_str_equal (lists[k][i], "hours") && lists[k] == pricing;

            if (!counts_prices && g_variant_dict_contains (options, lists[k][i]))
              {
                g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                             _("--%s does not go with --%s"), lists[k][i], listings[l]);
                return FALSE;
              }
          }
      return TRUE;
    }
  /* --refresh alone prints each feed's state: it fits, prices and compares nothing; only
   * --json's list of changes counts prices (--on-demand-only, --include-suspect) */
  if (g_variant_dict_contains (options, "refresh") && !plan && !fit &&
      !g_variant_dict_contains (options, "report") && !g_variant_dict_contains (options, "compare"))
    {
      const char * const *lists[] = { inference, rent_vs_own, pricing };
      gboolean json = g_variant_dict_contains (options, "json");

      for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
        for (guint i = 0; lists[k][i] != NULL; i++)
          {
            gboolean counts_prices = json && lists[k] == pricing &&
                                     !g_str_equal (lists[k][i], "hours");

            if (!counts_prices && g_variant_dict_contains (options, lists[k][i]))
              {
                g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                             _("--%s does not go with --refresh alone"), lists[k][i]);
                return FALSE;
              }
          }
      return TRUE;
    }
  if (!plan && !fit)
    return TRUE;
  for (guint i = 0; rent_vs_own[i] != NULL; i++)
    if (g_variant_dict_contains (options, rent_vs_own[i]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     plan ? _("--%s goes with --report or --compare (rent vs own), not --plan")
                          : _("--%s does not go with --fit (it uses no prices)"),
                     rent_vs_own[i]);
        return FALSE;
      }
  for (guint i = 0; fit && pricing[i] != NULL; i++)
    if (g_variant_dict_contains (options, pricing[i]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s does not go with --fit (it uses no prices)"), pricing[i]);
        return FALSE;
      }
  for (guint i = 0; train->workload != RW_WORKLOAD_INFERENCE && inference[i] != NULL; i++)
    if (g_variant_dict_contains (options, inference[i]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s goes with inference, not --workload=%s (it takes --seq-len and "
                       "--micro-batch)"),
                     inference[i], rw_workload_to_string (train->workload));
        return FALSE;
      }
  return TRUE;
}

/* --refresh --json alone (issue 19): the catalog, each feed's state, and what the refresh
 * changed from the catalog shown before it (@before: the cache or the built-in snapshot;
 * NULL when it could not be loaded: no changes) */
static char *
refresh_json (RwCatalog             *catalog,
              RwCatalog             *before,
              const RwReportOptions *report)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  g_autoptr(RwChangeSet) changes = NULL;
  RwChangeOptions change_options;

  rw_change_options_init (&change_options);
  change_options.pricing_mask = report->pricing_mask;
  changes = before != NULL ? rw_changes_compute (before, catalog, &change_options,
                                                 g_get_real_time () / G_USEC_PER_SEC)
                           : rw_change_set_new (g_get_real_time () / G_USEC_PER_SEC);
  rw_json_writer_begin_object (w);
  rw_report_write_catalog_info (w, catalog, report);
  rw_json_writer_member_number (w, "changes_threshold", change_options.threshold);
  rw_json_writer_key (w, "changes");
  rw_changes_write_json (changes, w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* --report with a fine-tuning --workload: the report, and after it the training fits of every
 * language model (as `workload` and `training` members of the JSON object) */
static char *
report_with_workload (RwCatalog             *catalog,
                      RwGpu                 *gpu,
                      const RwReportOptions *report,
                      const RwTrainOptions  *train,
                      gboolean               json)
{
  g_autofree char *base = json ? rw_report_gpu_json (catalog, gpu, report)
                               : rw_report_gpu_text (catalog, gpu, report);
  g_autofree char *training = json ? rw_train_report_fits_json (catalog, gpu, train)
                                   : rw_train_report_fits_text (catalog, gpu, train);
  const char *end;

  if (!json)
    return g_strconcat (base, "\n", training, NULL);

  /* both are one object: the training one goes in before the report's closing brace */
  end = strrchr (base, '}');
  g_return_val_if_fail (end != NULL, g_steal_pointer (&base));
  while (end > base && g_ascii_isspace (end[-1]))
    end--;
  g_strchomp (training);
  return g_strdup_printf ("%.*s,\n  \"workload\": \"%s\",\n  \"training\": %s\n}\n",
                          (int) (end - base), base, rw_workload_to_string (train->workload),
                          training);
}

static int
run_headless (GVariantDict *options,
              GString      *out,
              GString      *err)
{
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(RwCatalog) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *output = NULL;
  const char *gpu_id = NULL;
  gboolean json = g_variant_dict_contains (options, "json");
  gboolean refresh = g_variant_dict_contains (options, "refresh");
  gboolean report_only_feeds = refresh && !g_variant_dict_contains (options, "list") &&
                               !g_variant_dict_contains (options, "list-models") &&
                               !g_variant_dict_contains (options, "report") &&
                               !g_variant_dict_contains (options, "history-csv") &&
                               !g_variant_dict_contains (options, "fit") &&
                               !g_variant_dict_contains (options, "plan") &&
                               !g_variant_dict_contains (options, "compare");
  g_autoptr(RwHistoryStore) history = rw_history_store_new (NULL);
  gboolean offline = g_variant_dict_contains (options, "offline");
  gboolean has_feeds = g_variant_dict_contains (options, "feed");
  const char *catalog_path = NULL;
  RwReportOptions report;
  RwTrainOptions train;

  g_variant_dict_lookup (options, "catalog", "^&ay", &catalog_path);

  if (!parse_report_options (options, &report, &error) ||
      !check_new_option_scope (options, &error) ||
      !parse_workload_options (options, &train, &error) ||
      !check_ignored_options (options, &train, &error))
    goto fail;

  if (catalog_path != NULL)
    {
      if (refresh || has_feeds)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--catalog does not go with --refresh or --feed"));
          goto fail;
        }
      catalog = rw_catalog_new_from_file (catalog_path, &error);
      if (catalog == NULL)
        goto fail;
    }
  else
    {
      g_autoptr(RwSource) source = rw_source_new (NULL);
      g_auto(GStrv) feeds = dup_feeds (options);

      for (guint i = 0; feeds[i] != NULL; i++)
        if (!rw_feed_url_is_allowed (feeds[i]))
          {
            g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--feed: “%s” is not an HTTPS address"), feeds[i]);
            goto fail;
          }

      if (refresh)
        {
          HeadlessRefresh r = { 0 };
          guint failed = 0, usable = 0;

          /* --refresh --json alone lists what the refresh changed from what was shown */
          if (report_only_feeds && json)
            {
              g_autoptr(GPtrArray) before_statuses = NULL;

              before = rw_source_load (source, (const char * const *) feeds, &before_statuses,
                                       NULL);
            }

          rw_source_refresh_async (source, (const char * const *) feeds, offline, NULL,
                                   headless_refresh_done, &r);
          while (!r.done)
            g_main_context_iteration (NULL, TRUE);
          if (r.catalog == NULL)
            {
              error = r.error;
              goto fail;
            }
          catalog = r.catalog;
          statuses = r.statuses;

          /* fresh prices grow the local history */
          if (rw_catalog_get_source (catalog) == RW_CATALOG_SOURCE_NETWORK)
            {
              g_autoptr(GError) record_error = NULL;

              rw_history_store_load (history, NULL);
              rw_history_store_record (history, catalog, g_get_real_time () / G_USEC_PER_SEC,
                                       &record_error);
              if (record_error != NULL)
                g_string_append_printf (err,
                                        "rentwise: could not record the price history: %s\n",
                                        record_error->message);
            }

          for (guint i = 0; i < statuses->len; i++)
            {
              RwFeedStatus *status = g_ptr_array_index (statuses, i);

              if (status->state == RW_FEED_STATE_FAILED)
                {
                  failed++;
                  g_string_append_printf (err, "rentwise: feed %s: %s\n", status->url,
                                          status->error);
                }
              if (status->offers > 0)
                usable++;
            }
          /* every feed failed and nothing is cached: no prices but the snapshot */
          if (statuses->len > 0 && failed == statuses->len && usable == 0)
            return EXIT_NO_PRICES;
        }
      else
        {
          catalog = rw_source_load (source, (const char * const *) feeds, &statuses, &error);
          if (catalog == NULL)
            goto fail;
        }
    }

  report.feeds = statuses;
  rw_history_store_load (history, NULL);
  report.history = history;

  if (g_variant_dict_contains (options, "fit") && train.workload != RW_WORKLOAD_INFERENCE)
    {
      if (!run_train_fit (catalog, options, &train, json, &output, &error))
        goto fail;
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "fit"))
    {
      if (!run_fit (catalog, options, &report, json, &output, &error))
        goto fail;
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "plan"))
    {
      if (!run_plan (catalog, options, &report, &train, json, &output, &error))
        goto fail;
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "compare"))
    {
      if (!run_compare (catalog, options, &report, json, &output, &error))
        goto fail;
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "list-models"))
    {
      output = json ? rw_report_models_json (catalog, &report) : rw_report_models_text (catalog);
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "history-csv", "&s", &gpu_id))
    {
      RwGpu *gpu = lookup_gpu (catalog, gpu_id, &error);

      if (gpu == NULL)
        goto fail;
      output = rw_report_history_csv (catalog, history, rw_gpu_get_id (gpu));
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (report_only_feeds && json)
    {
      output = refresh_json (catalog, before, &report);
      g_string_append (out, output);
      return EXIT_SUCCESS;
    }

  if (report_only_feeds)
    {
      for (guint i = 0; i < statuses->len; i++)
        {
          RwFeedStatus *status = g_ptr_array_index (statuses, i);

          g_string_append_printf (out, "%-12s %4u offers  %s\n",
                                  rw_feed_state_to_string (status->state),
                                  status->offers, status->url);
          /* what was left out of it, and why (docs/PRICES.md) */
          if (status->superseded_by != NULL)
            g_string_append_printf (out, _("             superseded by %s "
                                           "(a newer source of the same provider)\n"),
                                    status->superseded_by);
          if (status->bad_numbers > 0)
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
              "             %u row skipped: a number that is not a plain decimal\n",
              "             %u rows skipped: a number that is not a plain decimal\n",
              status->bad_numbers), status->bad_numbers);
          if (status->duplicates > 0)
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
              "             %u duplicate row taken once\n",
              "             %u duplicate rows taken once\n",
              status->duplicates), status->duplicates);
          if (status->gpu_only > 0)
            g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
              "             %u GPU-only price out of the statistics\n",
              "             %u GPU-only prices out of the statistics\n",
              status->gpu_only), status->gpu_only);
        }
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "report", "&s", &gpu_id))
    {
      RwGpu *gpu = lookup_gpu (catalog, gpu_id, &error);

      if (gpu == NULL)
        goto fail;
      gpu_id = rw_gpu_get_id (gpu);
      if (report.rate_kind == RW_RATE_PROVIDER)
        {
          g_autoptr(RwPriceStats) stats =
            rw_catalog_compute_price_stats (catalog, gpu_id, report.pricing_mask);
          RwRentVsOwnInput in;
          RwRentVsOwn rent;

          if (!rw_report_rent_vs_own (gpu, stats, &report, &in, &rent))
            {
              g_autofree char *shown = g_strescape (report.rate_provider, NULL);

              g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--rate: “%s” has no offers for %s"), shown, gpu_id);
              goto fail;
            }
        }
      if (train.workload != RW_WORKLOAD_INFERENCE)
        output = report_with_workload (catalog, gpu, &report, &train, json);
      else
        output = json ? rw_report_gpu_json (catalog, gpu, &report)
                      : rw_report_gpu_text (catalog, gpu, &report);
    }
  else
    output = json ? rw_report_list_json (catalog, &report)
                  : rw_report_list_text (catalog, &report);

  g_string_append (out, output);
  return EXIT_SUCCESS;

fail:
  g_string_append_printf (err, "rentwise: %s\n", error->message);
  return EXIT_USAGE;
}

/**
 * rw_cli_get_option_entries:
 *
 * Returns: (transfer none): every option of the command line (--list, --report, --fit and
 *   their options), for g_application_add_main_option_entries(); NULL-terminated
 */
const GOptionEntry *
rw_cli_get_option_entries (void)
{
  return cli_entries;
}

/**
 * rw_cli_is_headless:
 * @options: the parsed options
 *
 * Returns: whether @options ask for a report (--list, --list-models, --report, --history-csv,
 *   --fit, --plan, --compare or --refresh) rather than the window
 */
gboolean
rw_cli_is_headless (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return g_variant_dict_contains (options, "list") ||
         g_variant_dict_contains (options, "list-models") ||
         g_variant_dict_contains (options, "report") ||
         g_variant_dict_contains (options, "history-csv") ||
         g_variant_dict_contains (options, "fit") ||
         g_variant_dict_contains (options, "plan") ||
         g_variant_dict_contains (options, "compare") ||
         g_variant_dict_contains (options, "refresh");
}

/**
 * rw_cli_run:
 * @options: the options parsed with rw_cli_get_option_entries()
 * @out: (nullable): receives the report; NULL prints it on standard output
 * @err: (nullable): receives the error lines ("rentwise: …\n"); NULL prints them on
 *   standard error
 *
 * Answers a headless command line: loads the catalog (--catalog, else the cache or the
 * built-in snapshot, after a refresh with --refresh) and writes the report asked for. The
 * feeds are --feed, else the settings' `feeds`.
 *
 * Returns: the exit status (0; %RW_CLI_EXIT_USAGE for a bad option, an unknown id or an
 *   unreadable catalog; %RW_CLI_EXIT_NO_PRICES when --refresh alone found no prices), or -1
 *   when @options ask for the window
 */
int
rw_cli_run (GVariantDict *options,
            GString      *out,
            GString      *err)
{
  g_autoptr(GString) out_buf = g_string_new (NULL);
  g_autoptr(GString) err_buf = g_string_new (NULL);
  int status;

  g_return_val_if_fail (options != NULL, EXIT_USAGE);

  if (rw_cli_is_headless (options))
    status = run_headless (options, out_buf, err_buf);
  else if (g_variant_dict_contains (options, "json"))
    {
      g_string_append_printf (err_buf, "rentwise: %s\n",
                              _("--json goes with --list, --list-models, --report, --fit, --plan, "
                                "--compare or --refresh"));
      status = EXIT_USAGE;
    }
  else
    {
      /* the window takes --catalog, --offline and --feed; every other option would be
       * ignored without a word (newcomer report 4: "--context=32768" opened the window at
       * 8K, "--context=-5" with exit status 0): an error, as --help promises */
      status = -1;
      for (const GOptionEntry *e = cli_entries; e->long_name != NULL; e++)
        if (!g_str_equal (e->long_name, "catalog") && !g_str_equal (e->long_name, "offline") &&
            !g_str_equal (e->long_name, "feed") && g_variant_dict_contains (options, e->long_name))
          {
            g_string_append_printf (err_buf, "rentwise: ");
            /* TRANSLATORS: %s is an option's name, e.g. "--context" */
            g_string_append_printf (err_buf, _("--%s goes with --list, --report, --fit, --plan, "
                                               "--compare or --history-csv; the window takes its "
                                               "numbers from Preferences and its own fields"),
                                    e->long_name);
            g_string_append_c (err_buf, '\n');
            status = EXIT_USAGE;
            break;
          }
    }

  if (out != NULL)
    g_string_append_len (out, out_buf->str, out_buf->len);
  else if (out_buf->len > 0)
    {
      fwrite (out_buf->str, 1, out_buf->len, stdout);
      fflush (stdout);
    }
  if (err != NULL)
    g_string_append_len (err, err_buf->str, err_buf->len);
  else if (err_buf->len > 0)
    {
      fwrite (err_buf->str, 1, err_buf->len, stderr);
      fflush (stderr);
    }
  return status;
}
