/* rw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application, and the headless command line: --list and --report are answered in
 * handle-local-options, before any display is opened, and exit with 0 or, on any error,
 * one line on stderr and status 2.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rw-application.h"
#include "rw-format.h"
#include "rw-preferences-window.h"
#include "rw-history.h"
#include "rw-report.h"
#include "rw-search-provider.h"
#include "rw-startup-probe.h"
#include "rw-source.h"
#include "rw-stats.h"
#include "rw-stats.h"
#include "rw-window.h"

#define EXIT_USAGE      2
#define EXIT_NO_PRICES  3

struct _RwApplication
{
  AdwApplication parent_instance;

  /* Owned */
  RwCatalog *catalog;
  char      *catalog_path;
  char     **feeds;          /* --feed, else NULL for the configured ones */
  gboolean   offline;
  RwSource  *source;
  RwHistoryStore *history;
  GSettings *settings;
  GPtrArray *statuses;       /* RwFeedStatus of the last load or refresh */
  GCancellable *cancellable;
  gboolean   refreshing;
  gboolean   loaded;         /* the cache has been read */
  RwSearchProvider *search_provider;
};

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_REFRESHING,
  PROP_STATUSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RwApplication, rw_application, ADW_TYPE_APPLICATION)

extern void rw_register_resource (void);

/* The app's .ui files are in a resource linked from a static library: register it
 * explicitly, once, before any template is used. */
void
rw_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      rw_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static const GOptionEntry main_entries[] = {
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print every GPU with VRAM, cheapest rate and provider count, then exit"), NULL },
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
    N_("With --list, --report or --fit: print JSON instead of text"), NULL },
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
    N_("Other one-off costs of owning in USD, such as a share of the host (default 0)"), N_("USD") },
  { "resale-percent", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Resale value after the horizon, in percent of the purchase price (default 0)"), N_("PERCENT") },
  { "horizon-months", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Months to compare renting and owning over (default 36)"), N_("MONTHS") },
  { "rate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Rental rate to compare with: cheapest, median, a provider id or $/hr (default cheapest)"),
    N_("RATE") },
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
  char *end = NULL;
  double value;

  if (!g_variant_dict_lookup (options, name, "&s", &str))
    return TRUE;

  value = g_ascii_strtod (str, &end);
  if (str[0] == '\0' || end == NULL || *end != '\0' || !isfinite (value))
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
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s: %s is out of range (%g to %g)"), name, str, min, max);
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

  if (!parse_number (options, "context", 1, 1 << 30, TRUE, &context, error) ||
      !parse_number (options, "hours", 0, 24, FALSE, &report->rent.hours_per_day, error) ||
      !parse_number (options, "kwh-price", 0, 100, FALSE, &report->rent.kwh_price, error) ||
      !parse_number (options, "pue", 1, 5, FALSE, &report->rent.pue, error) ||
      !parse_number (options, "purchase-price", 0, 1e9, FALSE, &report->rent.purchase_price, error) ||
      !parse_number (options, "other-costs", 0, 1e9, FALSE, &report->rent.other_costs, error) ||
      !parse_number (options, "resale-percent", 0, 1000, FALSE, &report->rent.resale_percent, error) ||
      !parse_number (options, "horizon-months", 1, 600, FALSE, &report->rent.horizon_months, error))
    return FALSE;
  report->context = (guint64) context;
  if (!parse_number (options, "sessions", 1, 1 << 20, TRUE, &sessions, error))
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
        char *end = NULL;
        double value = g_ascii_strtod (rate, &end);

        if (g_str_equal (rate, "cheapest"))
          report->rate_kind = RW_RATE_CHEAPEST;
        else if (g_str_equal (rate, "median"))
          report->rate_kind = RW_RATE_MEDIAN;
        else if (rate[0] != '\0' && end != NULL && *end == '\0')
          {
            if (!isfinite (value) || value <= 0 || value > 1e6)
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
  GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                             APP_ID, TRUE);

  if (schema == NULL)
    return NULL;
  g_settings_schema_unref (schema);
  return g_settings_new (APP_ID);
}

/**
 * rw_application_dup_feeds:
 *
 * Returns: (transfer full): the feeds to use: --feed, else the configured ones (none when
 *   the settings schema is not installed)
 */
char **
rw_application_dup_feeds (RwApplication *self)
{
  g_autoptr(GSettings) settings = NULL;

  if (self->feeds != NULL)
    return g_strdupv (self->feeds);
  /* the application's own once it has them (start-up), not another one */
  settings = self->settings ? g_object_ref (self->settings) : try_settings ();
  return settings ? g_settings_get_strv (settings, "feeds") : g_new0 (char *, 1);
}

gboolean
rw_application_get_offline (RwApplication *self)
{
  return self->offline;
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

/* --fit=MODEL_ID --gpu=GPU_ID [--precision] [--gpus] and the report's fit options */
static gboolean
run_fit (RwCatalog              *catalog,
         GVariantDict           *options,
         const RwReportOptions  *report,
         gboolean                json,
         char                  **output,
         GError                **error)
{
  const char *model_id = NULL, *gpu_id = NULL, *str = NULL;
  RwModel *model = NULL;
  RwGpu *gpu = NULL;
  RwFitOptions fit;
  double gpus = 0;
  GListModel *models = rw_catalog_get_models (catalog);

  g_variant_dict_lookup (options, "fit", "&s", &model_id);
  for (guint i = 0, n = g_list_model_get_n_items (models); i < n && model == NULL; i++)
    {
      g_autoptr(RwModel) candidate = g_list_model_get_item (models, i);

      if (g_str_equal (rw_model_get_id (candidate), model_id))
        model = candidate;
    }
  if (model == NULL)
    {
      g_autofree char *shown = g_strescape (model_id, NULL);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown model id “%s” (rentwise --report=GPU_ID --json lists the ids)"),
                   shown);
      return FALSE;
    }
  if (!g_variant_dict_lookup (options, "gpu", "&s", &gpu_id))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fit needs --gpu=GPU_ID"));
      return FALSE;
    }
  gpu = rw_catalog_lookup_gpu (catalog, gpu_id);
  if (gpu == NULL)
    {
      g_autofree char *shown = g_strescape (gpu_id, NULL);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown GPU id “%s” (rentwise --list shows the ids)"), shown);
      return FALSE;
    }

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
  if (!parse_number (options, "gpus", 1, 8, TRUE, &gpus, error))
    return FALSE;
  if (gpus != 0 && gpus != 1 && gpus != 2 && gpus != 4 && gpus != 8)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--gpus: give 1, 2, 4 or 8 (the GPUs of one machine)"));
      return FALSE;
    }
  fit.gpus = (guint) gpus;

  *output = json ? rw_report_fit_json (catalog, model, gpu, &fit)
                 : rw_report_fit_text (model, gpu, &fit);
  return TRUE;
}

static int
run_headless (RwApplication *self,
              GVariantDict  *options)
{
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *output = NULL;
  const char *gpu_id = NULL;
  gboolean json = g_variant_dict_contains (options, "json");
  gboolean refresh = g_variant_dict_contains (options, "refresh");
  gboolean report_only_feeds = refresh && !g_variant_dict_contains (options, "list") &&
                               !g_variant_dict_contains (options, "report") &&
                               !g_variant_dict_contains (options, "history-csv") &&
                               !g_variant_dict_contains (options, "fit");
  g_autoptr(RwHistoryStore) history = rw_history_store_new (NULL);
  RwReportOptions report;

  if (!parse_report_options (options, &report, &error))
    goto fail;

  if (self->catalog_path != NULL)
    {
      if (refresh || self->feeds != NULL)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--catalog does not go with --refresh or --feed"));
          goto fail;
        }
      catalog = rw_catalog_new_from_file (self->catalog_path, &error);
      if (catalog == NULL)
        goto fail;
    }
  else
    {
      g_autoptr(RwSource) source = rw_source_new (NULL);
      g_auto(GStrv) feeds = rw_application_dup_feeds (self);

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

          rw_source_refresh_async (source, (const char * const *) feeds, self->offline, NULL,
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
                g_printerr ("rentwise: could not record the price history: %s\n",
                            record_error->message);
            }

          for (guint i = 0; i < statuses->len; i++)
            {
              RwFeedStatus *status = g_ptr_array_index (statuses, i);

              if (status->state == RW_FEED_STATE_FAILED)
                {
                  failed++;
                  g_printerr ("rentwise: feed %s: %s\n", status->url, status->error);
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

  if (g_variant_dict_contains (options, "fit"))
    {
      if (!run_fit (catalog, options, &report, json, &output, &error))
        goto fail;
      g_print ("%s", output);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "history-csv", "&s", &gpu_id))
    {
      if (rw_catalog_lookup_gpu (catalog, gpu_id) == NULL)
        {
          g_autofree char *shown = g_strescape (gpu_id, NULL);

          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown GPU id “%s” (rentwise --list shows the ids)"), shown);
          goto fail;
        }
      output = rw_report_history_csv (catalog, history, gpu_id);
      g_print ("%s", output);
      return EXIT_SUCCESS;
    }

  if (report_only_feeds)
    {
      for (guint i = 0; i < statuses->len; i++)
        {
          RwFeedStatus *status = g_ptr_array_index (statuses, i);

          g_print ("%-12s %4u offers  %s\n", rw_feed_state_to_string (status->state),
                   status->offers, status->url);
          /* what was left out of it, and why (docs/PRICES.md) */
          if (status->superseded_by != NULL)
            g_print (_("             superseded by %s (a newer source of the same provider)\n"),
                     status->superseded_by);
          if (status->bad_numbers > 0)
            g_print (g_dngettext (GETTEXT_PACKAGE,
                                  "             %u row skipped: a number that is not a plain decimal\n",
                                  "             %u rows skipped: a number that is not a plain decimal\n",
                                  status->bad_numbers), status->bad_numbers);
          if (status->duplicates > 0)
            g_print (g_dngettext (GETTEXT_PACKAGE,
                                  "             %u duplicate row taken once\n",
                                  "             %u duplicate rows taken once\n",
                                  status->duplicates), status->duplicates);
          if (status->gpu_only > 0)
            g_print (g_dngettext (GETTEXT_PACKAGE,
                                  "             %u GPU-only price out of the statistics\n",
                                  "             %u GPU-only prices out of the statistics\n",
                                  status->gpu_only), status->gpu_only);
        }
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "report", "&s", &gpu_id))
    {
      RwGpu *gpu = rw_catalog_lookup_gpu (catalog, gpu_id);

      if (gpu == NULL)
        {
          g_autofree char *shown = g_strescape (gpu_id, NULL);

          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown GPU id “%s” (rentwise --list shows the ids)"), shown);
          goto fail;
        }
      if (report.rate_kind == RW_RATE_PROVIDER)
        {
          GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, gpu_id);
          g_autoptr(RwPriceStats) stats =
            rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, report.pricing_mask);
          RwRentVsOwnInput in;
          RwRentVsOwn out;

          if (!rw_report_rent_vs_own (gpu, stats, &report, &in, &out))
            {
              g_autofree char *shown = g_strescape (report.rate_provider, NULL);

              g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--rate: “%s” has no offers for %s"), shown, gpu_id);
              goto fail;
            }
        }
      output = json ? rw_report_gpu_json (catalog, gpu, &report)
                    : rw_report_gpu_text (catalog, gpu, &report);
    }
  else
    output = json ? rw_report_list_json (catalog, &report)
                  : rw_report_list_text (catalog, &report);

  g_print ("%s", output);
  return EXIT_SUCCESS;

fail:
  g_printerr ("rentwise: %s\n", error->message);
  return EXIT_USAGE;
}

static int
rw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RwApplication *self = RW_APPLICATION (app);
  const char *path = NULL;
  const char **feeds = NULL;
  gboolean headless = g_variant_dict_contains (options, "list") ||
                      g_variant_dict_contains (options, "report") ||
                      g_variant_dict_contains (options, "history-csv") ||
                      g_variant_dict_contains (options, "fit") ||
                      g_variant_dict_contains (options, "refresh");

  if (g_variant_dict_lookup (options, "catalog", "^&ay", &path))
    {
      g_free (self->catalog_path);
      self->catalog_path = g_strdup (path);
    }
  if (g_variant_dict_lookup (options, "feed", "^a&s", &feeds))
    {
      g_strfreev (self->feeds);
      self->feeds = g_strdupv ((char **) feeds);
      g_free (feeds);
    }
  self->offline = g_variant_dict_contains (options, "offline");

  if (headless)
    return run_headless (self, options);

  if (g_variant_dict_contains (options, "json"))
    {
      g_printerr ("rentwise: %s\n", _("--json goes with --list, --report or --fit"));
      return EXIT_USAGE;
    }

  return -1;
}

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_object_unref (task_data);
}

/* Freeing a catalog of hundreds of thousands of offers took 50 ms of the main thread when a
 * refresh replaced it: the last reference goes in a worker (records are plain GObjects) */
static void
release_in_thread (RwCatalog *catalog)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, catalog, NULL);
  g_task_run_in_thread (task, release_thread);
}

static void
set_catalog (RwApplication *self,
             RwCatalog     *catalog,
             GPtrArray     *statuses)
{
  if (catalog != NULL && catalog != self->catalog)
    {
      RwCatalog *old = g_steal_pointer (&self->catalog);

      self->catalog = g_object_ref (catalog);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
      if (old != NULL)
        release_in_thread (old);
    }
  if (statuses != NULL)
    {
      g_clear_pointer (&self->statuses, g_ptr_array_unref);
      self->statuses = g_ptr_array_ref (statuses);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUSES]);
    }
}

static void
set_refreshing (RwApplication *self,
                gboolean       refreshing)
{
  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "refresh")),
                               !refreshing && self->catalog_path == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

static void start_refresh (RwApplication *self, gboolean offline);

static gboolean
is_stale (RwApplication *self)
{
  gint64 data_time = self->catalog ? rw_catalog_get_data_time (self->catalog) : 0;
  guint interval = self->settings ? g_settings_get_uint (self->settings, "refresh-interval") : 21600;

  /* the built-in snapshot is always stale for a machine that is online */
  if (self->catalog == NULL || rw_startup_probe_wants_refresh () || rw_catalog_get_source (self->catalog) == RW_CATALOG_SOURCE_BUILTIN)
    return TRUE;
  return g_get_real_time () / G_USEC_PER_SEC - data_time > (gint64) interval;
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RwApplication) self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_source_refresh_finish (RW_SOURCE (object), result, &statuses, &error);
  gboolean was_load = !self->loaded;
  gboolean network;

  set_refreshing (self, FALSE);
  if (catalog == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("rentwise: %s\n", error->message);
      return;
    }

  network = rw_catalog_get_source (catalog) == RW_CATALOG_SOURCE_NETWORK;
  /* Fresh prices grow the local history: one point per GPU per day */
  if (network && self->history != NULL)
    {
      g_autoptr(GError) record_error = NULL;

      rw_history_store_record (self->history, catalog, g_get_real_time () / G_USEC_PER_SEC,
                               &record_error);
      if (record_error != NULL)
        g_printerr ("rentwise: could not record the price history: %s\n", record_error->message);
    }

  /* A failed refresh never takes away what is shown: only a catalog with prices replaces one
   * (and the built-in snapshot does not replace itself: the window would rebind for nothing).
   * The same data again (every feed answered 304) stays on screen as it is: only where and
   * when its prices come from change, which the statuses' notification shows. */
  if (self->catalog != NULL && rw_catalog_has_same_data (catalog, self->catalog))
    {
      rw_catalog_set_source (self->catalog, rw_catalog_get_source (catalog));
      rw_catalog_set_fetched_at (self->catalog, rw_catalog_get_data_time (catalog));
      set_catalog (self, NULL, statuses);
      /* the copy that came with the refresh goes in a worker, as a replaced one would */
      release_in_thread (g_steal_pointer (&catalog));
    }
  else if (rw_catalog_get_source (catalog) != RW_CATALOG_SOURCE_BUILTIN || self->catalog == NULL)
    set_catalog (self, catalog, statuses);
  else
    set_catalog (self, NULL, statuses);

  if (was_load)
    rw_startup_probe_ready ();
  if (network)
    rw_startup_probe_ready_full (TRUE);
  self->loaded = TRUE;
  /* start-up read the cache; now fetch when what it had is old */
  if (was_load && !self->offline && is_stale (self))
    start_refresh (self, FALSE);
}

static void
start_refresh (RwApplication *self,
               gboolean       offline)
{
  g_auto(GStrv) feeds = NULL;

  if (self->refreshing || self->catalog_path != NULL)
    return;
  feeds = rw_application_dup_feeds (self);
  set_refreshing (self, TRUE);
  rw_source_refresh_async (self->source, (const char * const *) feeds, offline || self->offline,
                           self->cancellable, refresh_done, g_object_ref (self));
}

static gboolean
refresh_when_idle (gpointer data)
{
  start_refresh (RW_APPLICATION (data), FALSE);
  return G_SOURCE_REMOVE;
}

/* What start-up reads from disk, read in a thread while GTK initialises on the other core:
 * first the built-in snapshot (or the --catalog file) and the local history, which the main
 * thread waits for; then the cache's catalog image, which it takes when it is there in time
 * for the first window and otherwise receives in an idle, so it never waits on the cache */
typedef struct {
  GMutex          lock;
  GCond           cond;
  gint            refs;
  char           *catalog_path;  /* in: --catalog, or NULL for the built-in snapshot */
  RwSource       *source;        /* in: the application's; the thread only reads it */
  char          **feeds;         /* in: the configured feeds */
  RwApplication  *app;           /* for the late delivery */
  gboolean        first_done;    /* catalog, error and history are in */
  gboolean        image_done;    /* cached and statuses are in */
  gboolean        went_on;       /* the main thread went on without the image */
  RwCatalog      *catalog;       /* for the window: the built-in snapshot or the --catalog file */
  GError         *error;
  RwHistoryStore *history;
  RwCatalog      *cached;        /* the cache's catalog image, when it matches the feeds' caches */
  GPtrArray      *statuses;      /* with it */
} StartupLoad;

static void
startup_load_unref (StartupLoad *load)
{
  if (!g_atomic_int_dec_and_test (&load->refs))
    return;
  g_mutex_clear (&load->lock);
  g_cond_clear (&load->cond);
  g_free (load->catalog_path);
  g_strfreev (load->feeds);
  g_clear_object (&load->app);
  g_clear_object (&load->catalog);
  g_clear_error (&load->error);
  g_clear_object (&load->history);
  g_clear_object (&load->cached);
  g_clear_pointer (&load->statuses, g_ptr_array_unref);
  g_free (load);
}

/* The cached catalog came after the first window: shown now, or the cache the long way */
static gboolean
deliver_cached (gpointer data)
{
  StartupLoad *load = data;
  RwApplication *self = load->app;

  set_refreshing (self, FALSE);
  if (load->cached != NULL)
    {
      set_catalog (self, load->cached, load->statuses);
      self->loaded = TRUE;
      rw_startup_probe_ready ();
      if (!self->offline && is_stale (self))
        start_refresh (self, FALSE);
    }
  else
    start_refresh (self, TRUE);
  startup_load_unref (load);
  return G_SOURCE_REMOVE;
}

static gpointer
load_at_startup (gpointer data)
{
  StartupLoad *load = data;
  gboolean went_on;

  if (load->catalog_path != NULL)
    load->catalog = rw_catalog_new_from_file (load->catalog_path, &load->error);
  else
    {
      load->catalog = rw_catalog_new_builtin (&load->error);
      if (load->catalog != NULL)
        {
          /* the refreshes' own built-in copy: they read it from workers */
          g_autoptr(RwCatalog) for_source = rw_catalog_new_builtin (NULL);

          rw_source_set_builtin (load->source, for_source);
        }
    }
  load->history = rw_history_store_new (NULL);
  rw_history_store_load (load->history, NULL);

  g_mutex_lock (&load->lock);
  load->first_done = TRUE;
  g_cond_signal (&load->cond);
  g_mutex_unlock (&load->lock);

  /* the cache as one image (no JSON), for the first frame when it is in time */
  if (load->catalog_path == NULL && load->catalog != NULL)
    load->cached = rw_source_load_image (load->source, (const char * const *) load->feeds,
                                         &load->statuses);

  g_mutex_lock (&load->lock);
  load->image_done = TRUE;
  went_on = load->went_on;
  g_mutex_unlock (&load->lock);
  if (went_on)
    g_idle_add_full (G_PRIORITY_DEFAULT, deliver_cached, load, NULL);
  else
    startup_load_unref (load);
  return NULL;
}

static void
rw_application_startup (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };
  static const char * const refresh_accels[] = { "<Control>r", "F5", NULL };
  g_autoptr(GError) error = NULL;
  StartupLoad *load = g_new0 (StartupLoad, 1);
  gboolean waiting_for_image = FALSE;

  rw_startup_probe_init ();
  rw_startup_probe_mark ("startup");
  rw_ensure_resources ();
  self->settings = try_settings ();
  self->source = rw_source_new (NULL);
  g_mutex_init (&load->lock);
  g_cond_init (&load->cond);
  load->refs = 2;
  load->catalog_path = g_strdup (self->catalog_path);
  load->source = self->source;
  load->feeds = rw_application_dup_feeds (self);
  load->app = g_object_ref (self);
  g_thread_unref (g_thread_new ("rentwise-load", load_at_startup, load));
  G_APPLICATION_CLASS (rw_application_parent_class)->startup (app);
  rw_startup_probe_mark ("gtk-adw-ready");

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.refresh", refresh_accels);

  self->cancellable = g_cancellable_new ();

  g_mutex_lock (&load->lock);
  while (!load->first_done)
    g_cond_wait (&load->cond, &load->lock);
  self->history = g_steal_pointer (&load->history);
  /* the window's main thread never waits on the disk for the history */
  rw_history_store_set_background_writes (self->history);
  self->catalog = g_steal_pointer (&load->catalog);
  error = g_steal_pointer (&load->error);
  if (load->image_done && load->cached != NULL)
    {
      g_set_object (&self->catalog, load->cached);
      self->statuses = g_steal_pointer (&load->statuses);
      self->loaded = TRUE;
    }
  else if (!load->image_done)
    waiting_for_image = load->went_on = TRUE;
  g_mutex_unlock (&load->lock);
  startup_load_unref (load);
  rw_startup_probe_mark (waiting_for_image ? "loaded-without-cache" : "loaded");
  if (rw_history_store_get_problem (self->history) != NULL)
    g_printerr ("rentwise: %s\n", rw_history_store_get_problem (self->history));

  if (self->catalog_path != NULL)
    {
      if (self->catalog != NULL)
        rw_history_store_record (self->history, self->catalog, g_get_real_time () / G_USEC_PER_SEC,
                                 NULL);
      else
        {
          /* A broken --catalog file: say so, and show the built-in snapshot instead */
          g_printerr ("rentwise: %s\n", error->message);
          g_clear_error (&error);
        }
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                                "refresh")), FALSE);
    }
  /* Show the built-in snapshot at once; the cache is read in a thread, the network later */
  if (self->catalog == NULL && error == NULL)
    self->catalog = rw_catalog_new_builtin (&error);
  if (self->catalog == NULL)
    g_printerr ("rentwise: %s\n", error->message);
  if (self->catalog_path != NULL)
    rw_startup_probe_ready ();
  else if (waiting_for_image)
    set_refreshing (self, TRUE);  /* until deliver_cached () */
  else if (!self->loaded)
    start_refresh (self, TRUE);   /* the cache the long way, in a worker */
  else
    {
      /* the cache is on screen with the first frame; fetch after it when it is old */
      rw_startup_probe_ready ();
      if (!self->offline && is_stale (self))
        g_idle_add_full (G_PRIORITY_LOW, refresh_when_idle, g_object_ref (self), g_object_unref);
    }
}

static gboolean
rw_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  RwApplication *self = RW_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (rw_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;
  self->search_provider = rw_search_provider_new (app);
  return rw_search_provider_register (self->search_provider, connection, path, error);
}

static void
rw_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  RwApplication *self = RW_APPLICATION (app);

  if (self->search_provider != NULL)
    {
      rw_search_provider_unregister (self->search_provider);
      g_clear_object (&self->search_provider);
    }
  G_APPLICATION_CLASS (rw_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
rw_application_shutdown (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (rw_application_parent_class)->shutdown (app);
}

static void
rw_application_activate (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      rw_startup_probe_mark ("activate");
      window = GTK_WINDOW (rw_window_new (self, self->catalog));
      rw_startup_probe_mark ("window-built");
      rw_startup_probe_watch (app, window);
    }
  gtk_window_present (window);
}

static void
rw_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RwApplication *self = RW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_STATUSES:
      g_value_set_boxed (value, self->statuses);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_application_finalize (GObject *object)
{
  RwApplication *self = (RwApplication *) object;

  g_clear_object (&self->source);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);

  g_clear_object (&self->catalog);
  g_free (self->catalog_path);
  g_strfreev (self->feeds);

  G_OBJECT_CLASS (rw_application_parent_class)->finalize (object);
}

static void
rw_application_class_init (RwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rw_application_finalize;
  object_class->get_property = rw_application_get_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RW_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUSES] =
    g_param_spec_boxed ("statuses", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->shutdown = rw_application_shutdown;
  app_class->dbus_register = rw_application_dbus_register;
  app_class->dbus_unregister = rw_application_dbus_unregister;
  app_class->handle_local_options = rw_application_handle_local_options;
  app_class->startup = rw_application_startup;
  app_class->activate = rw_application_activate;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Rentwise developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Rentwise"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Rentwise developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Where to rent a GPU, what runs on it, and whether "
                                          "buying it would be cheaper."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Rentwise developers");
  /* TRANSLATORS: put your name here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  /* Every data source of the catalog, with its licence */
  if (self->catalog != NULL)
    {
      GPtrArray *sources = rw_catalog_get_attributions (self->catalog);

      for (guint i = 0; i < sources->len; i++)
        {
          RwAttribution *a = g_ptr_array_index (sources, i);
          g_autofree char *name = rw_text_sanitize (a->name);
          g_autofree char *license = g_markup_escape_text (a->license ? a->license : _("unknown"), -1);
          g_autofree char *url = NULL;
          g_autofree char *text = NULL;

          if (rw_uri_is_safe_to_open (a->url))
            {
              g_autofree char *escaped = g_markup_escape_text (a->url, -1);
              url = g_strdup_printf ("<a href=\"%s\">%s</a>", escaped, escaped);
            }
          /* TRANSLATORS: the licence of one data source in the About window */
          text = g_strdup_printf (_("Data licence: %s"), license);
          if (url != NULL)
            {
              g_autofree char *with_url = g_strdup_printf ("%s\n%s", text, url);
              g_free (text);
              text = g_steal_pointer (&with_url);
            }
          adw_about_window_add_legal_section (about, name, NULL, GTK_LICENSE_CUSTOM, text);
        }
    }

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window = GTK_WINDOW (rw_preferences_window_new (self));

  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_present (window);
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  start_refresh (RW_APPLICATION (user_data), FALSE);
}

static void
rw_application_init (RwApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "refresh", refresh_activated },
    { "about", about_activated },
    { "preferences", preferences_activated },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Where to rent a GPU, what runs on it, and whether buying it would be cheaper."));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Without --list, --report, --fit or --history-csv, Rentwise opens its window. Errors print one line on "
      "standard error and exit with status 2."));
}

RwApplication *
rw_application_new (void)
{
  return g_object_new (RW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/rentwise/Rentwise",
                       NULL);
}

RwCatalog *
rw_application_get_catalog (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return self->catalog;
}

/**
 * rw_application_get_statuses:
 *
 * Returns: (transfer none) (nullable) (element-type RwFeedStatus): each feed's state after
 *   the last load or refresh
 */
GPtrArray *
rw_application_get_statuses (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return self->statuses;
}

RwHistoryStore *
rw_application_get_history (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return self->history;
}

gboolean
rw_application_get_refreshing (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), FALSE);
  return self->refreshing;
}
