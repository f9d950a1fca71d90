/* rw-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: from the catalog a refresh replaces, the new one and the watchlist (with
 * what was already notified), the notifications to send. Sending them, and storing what was
 * sent (rw_watchlist_set_notified ()), is the caller's. The rules are in docs/CHANGES.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>

#include "rw-alerts.h"
#include "rw-format.h"
#include "rw-stats.h"

/* Prices closer than this (relative) are the same price: what a round trip through the
 * watchlist file (g_ascii_dtostr, exact) or a recomputed median could differ by */
#define SAME_PRICE 1e-9

static const char * const kind_names[] = { "none", "target", "drop", "withdraw" };

/* Returns: "none", "target", "drop" or "withdraw" */
const char *
rw_alert_kind_to_string (RwAlertKind kind)
{
  g_return_val_if_fail (kind <= RW_ALERT_WITHDRAW, NULL);
  return kind_names[kind];
}

/* Every pricing kind (suspect and GPU-only prices left out, as in the overview) and the
 * planner's defaults */
void
rw_alert_options_init (RwAlertOptions *options)
{
  g_return_if_fail (options != NULL);
  options->pricing_mask = RW_PRICING_MASK_ALL;
  rw_plan_options_init (&options->plan);
}

static gboolean
same_price (double a,
            double b)
{
  return fabs (a - b) <= SAME_PRICE * MAX (1, MAX (fabs (a), fabs (b)));
}

/**
 * rw_alert_target_reached:
 * @target_hr: a watch entry's target ($/hr per GPU), RW_UNKNOWN for none
 * @price_hr: its price now ($/hr per GPU), RW_UNKNOWN when unknown
 *
 * Whether @price_hr is at or under @target_hr, a price within rounding of the target counting
 * as at it: the rule rw_alert_decide () sends a target alert by, and the Watched rows' "target
 * reached".
 *
 * Returns: FALSE when either is unknown
 */
gboolean
rw_alert_target_reached (double target_hr,
                         double price_hr)
{
  return target_hr >= 0 && price_hr >= 0 &&
         (price_hr <= target_hr || same_price (price_hr, target_hr));
}

/**
 * rw_alert_decide:
 * @target_hr: the entry's target ($/hr), RW_UNKNOWN for none
 * @drop_percent: the entry's drop threshold (percent), 0 for none
 * @notified_hr: the price last notified, RW_UNKNOWN for none
 * @before_hr: the price in the catalog the refresh replaced, RW_UNKNOWN when unknown
 * @after_hr: the price now, RW_UNKNOWN when unknown
 * @notified_out: (out): what to store as notified once the alert is sent
 *
 * The rule, in order (docs/CHANGES.md, "Alerts"):
 * 1. no price now, or the price already notified: nothing (no repeat for the same price);
 * 2. at or under the target, and nothing notified or under what was: TARGET;
 * 3. down by at least drop_percent % of the price before: DROP;
 * 4. over what was notified, and not at or under the target: WITHDRAW (forget it, so that
 *    reaching the target again is told again);
 * 5. else nothing.
 *
 * Returns: the alert to send, RW_ALERT_NONE for none (then @notified_out = @notified_hr)
 */
RwAlertKind
rw_alert_decide (double  target_hr,
                 double  drop_percent,
                 double  notified_hr,
                 double  before_hr,
                 double  after_hr,
                 double *notified_out)
{
  gboolean notified = notified_hr >= 0;
  gboolean reached = rw_alert_target_reached (target_hr, after_hr);
  gboolean dropped = drop_percent > 0 && before_hr > 0 && after_hr >= 0 &&
                     (after_hr <= before_hr * (1 - drop_percent / 100) ||
                      same_price (after_hr, before_hr * (1 - drop_percent / 100)));

  g_return_val_if_fail (notified_out != NULL, RW_ALERT_NONE);

  *notified_out = notified_hr;
  if (after_hr < 0 || (notified && same_price (after_hr, notified_hr)))
    return RW_ALERT_NONE;
  if (reached && (!notified || after_hr < notified_hr))
    {
      *notified_out = after_hr;
      return RW_ALERT_TARGET;
    }
  if (dropped)
    {
      *notified_out = after_hr;
      return RW_ALERT_DROP;
    }
  if (notified && after_hr > notified_hr && !reached)
    {
      *notified_out = RW_UNKNOWN;
      return RW_ALERT_WITHDRAW;
    }
  return RW_ALERT_NONE;
}

static gboolean
watch_price (RwCatalog            *catalog,
             RwPlanIndex         **index,
             RwWatchItem          *item,
             const RwAlertOptions *options,
             RwWatchPrice         *out)
{
  *out = (RwWatchPrice) { RW_UNKNOWN, NULL, NULL, 0 };

  if (rw_watch_item_get_kind (item) == RW_WATCH_GPU)
    {
      RwGpu *gpu = rw_catalog_lookup_gpu (catalog, rw_watch_item_get_gpu (item));
      g_autoptr(RwPriceStats) stats = NULL;

      if (gpu == NULL)
        return FALSE;
      stats = rw_catalog_compute_price_stats (catalog, rw_gpu_get_id (gpu), options->pricing_mask);
      if (stats->cheapest_hr < 0)
        return FALSE;
      /* the provider id is borrowed from the catalog's offers, which outlive the stats */
      *out = (RwWatchPrice) { stats->cheapest_hr, rw_gpu_get_id (gpu), stats->cheapest_provider,
                              1 };
      return TRUE;
    }
  else
    {
      RwModel *model = rw_catalog_lookup_model (catalog, rw_watch_item_get_model (item));
      RwPlanOptions plan_options = options->plan;
      g_autoptr(RwPlan) plan = NULL;
      const RwPlanOption *cheapest;

      if (model == NULL)
        return FALSE;
      plan_options.context = rw_watch_item_get_context (item);
      plan_options.sessions = rw_watch_item_get_sessions (item);
      plan_options.pricing_mask = options->pricing_mask;
      if (*index == NULL)
        *index = rw_plan_index_new (catalog, options->pricing_mask);
      plan = rw_plan_compute_indexed (*index, model, &plan_options);
      if (plan->status != RW_PLAN_OK || plan->options_ranked->len == 0)
        return FALSE;
      cheapest = &g_array_index (plan->options_ranked, RwPlanOption, 0);
      /* the GPU and the offer are the catalog's, which outlive the plan */
      *out = (RwWatchPrice) { cheapest->price_hr, rw_gpu_get_id (cheapest->gpu),
                              rw_offer_get_provider (cheapest->offer), cheapest->instance_gpus };
      return TRUE;
    }
}

/**
 * rw_watch_price:
 * @options: (nullable): NULL for rw_alert_options_init ()'s
 * @out: (out): the price; its strings are borrowed from @catalog
 *
 * What @item costs in @catalog. A GPU: its cheapest provider rate, $/hr per GPU
 * (rw_price_stats_compute () with the options' pricing mask). A plan (model, context,
 * sessions): the planner's cheapest option (rw_plan_compute (), docs/FIT.md "The planner":
 * the cheapest single instance, among the included offers, with enough GPUs of one kind for
 * the model to fit at the context and sessions), $/hr for the whole instance, with its GPU,
 * provider and GPU count.
 *
 * Returns: FALSE when there is no price (unknown GPU or model, no offers, fits nowhere);
 *   @out's price_hr is then RW_UNKNOWN
 */
gboolean
rw_watch_price (RwCatalog            *catalog,
                RwWatchItem          *item,
                const RwAlertOptions *options,
                RwWatchPrice         *out)
{
  RwAlertOptions defaults;
  g_autoptr(RwPlanIndex) index = NULL;

  g_return_val_if_fail (RW_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (RW_IS_WATCH_ITEM (item), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (options == NULL)
    {
      rw_alert_options_init (&defaults);
      options = &defaults;
    }
  return watch_price (catalog, &index, item, options, out);
}

/**
 * rw_alerts_write_json:
 * @alerts: (element-type RwAlert): from rw_alerts_compute ()
 *
 * Writes @alerts as a JSON array of objects: `key`, `kind` (target|drop|withdraw), `watch`
 * (gpu|plan), `gpu`, `model`, `context` and `sessions` (null for a GPU), `gpus`, `provider`,
 * `before`, `after`, `target`, `notified` ($/hr, unrounded, null when unknown or none),
 * `drop_percent` (null for none), `title` and `body` (null for a withdrawal).
 */
void
rw_alerts_write_json (GPtrArray    *alerts,
                      RwJsonWriter *w)
{
  g_return_if_fail (alerts != NULL && w != NULL);

  rw_json_writer_begin_array (w);
  for (guint i = 0; i < alerts->len; i++)
    {
      const RwAlert *alert = g_ptr_array_index (alerts, i);
      gboolean plan = alert->watch_kind == RW_WATCH_PLAN;

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "key", alert->key);
      rw_json_writer_member_string (w, "kind", rw_alert_kind_to_string (alert->kind));
      rw_json_writer_member_string (w, "watch", plan ? "plan" : "gpu");
      rw_json_writer_member_string (w, "gpu", alert->gpu);
      rw_json_writer_member_string (w, "model", alert->model);
      rw_json_writer_key (w, "context");
      if (plan)
        rw_json_writer_int (w, (gint64) alert->context);
      else
        rw_json_writer_null (w);
      rw_json_writer_key (w, "sessions");
      if (plan)
        rw_json_writer_int (w, alert->sessions);
      else
        rw_json_writer_null (w);
      rw_json_writer_member_int (w, "gpus", alert->gpus);
      rw_json_writer_member_string (w, "provider", alert->provider);
      rw_json_writer_member_known (w, "before", alert->before_hr);
      rw_json_writer_member_known (w, "after", alert->after_hr);
      rw_json_writer_member_known (w, "target", alert->target_hr);
      rw_json_writer_member_known (w, "drop_percent", alert->drop_percent > 0 ? alert->drop_percent
                                                                              : RW_UNKNOWN);
      rw_json_writer_member_known (w, "notified", alert->notified_hr);
      rw_json_writer_member_string (w, "title", alert->title);
      rw_json_writer_member_string (w, "body", alert->body);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
}

/* Frees @alert (NULL is fine) */
void
rw_alert_free (RwAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->key);
  g_free (alert->gpu);
  g_free (alert->model);
  g_free (alert->provider);
  g_free (alert->title);
  g_free (alert->body);
  g_free (alert);
}

static char *
price (double value)
{
  g_autofree char *usd = rw_format_usd (value, 2);

  /* TRANSLATORS: a price per hour; %s is an amount in dollars */
  return g_strdup_printf (_("%s/hr"), usd);
}

static char *
gpu_name (RwCatalog  *catalog,
          const char *id)
{
  RwGpu *gpu = id ? rw_catalog_lookup_gpu (catalog, id) : NULL;

  return rw_text_sanitize (gpu ? rw_gpu_get_name (gpu) : id);
}

/* The title and body, plain text (never markup), from the new catalog's names */
static void
format_alert (RwAlert   *alert,
              RwCatalog *catalog)
{
  RwProvider *provider = alert->provider ? rw_catalog_lookup_provider (catalog, alert->provider)
                                         : NULL;
  g_autofree char *provider_name = rw_text_sanitize (provider ? rw_provider_get_name (provider)
                                                              : alert->provider);
  g_autofree char *gpu = gpu_name (catalog, alert->gpu);
  g_autofree char *after = price (alert->after_hr);
  g_autofree char *name = NULL;
  g_autofree char *move = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  if (alert->watch_kind == RW_WATCH_GPU)
    name = g_strdup (gpu);
  else
    {
      RwModel *model = rw_catalog_lookup_model (catalog, alert->model);
      g_autofree char *model_name = rw_text_sanitize (model ? rw_model_get_name (model)
                                                            : alert->model);

      /* the context with the locale's grouping, as every view writes it: "131,072" */
      g_autofree char *tokens = rw_format_number ((double) alert->context, 0);

      /* TRANSLATORS: a plan: model name, tokens of context per session (with the locale's
       * grouping, "131,072"), sessions */
      name = g_strdup_printf (_("%s, %s tokens × %u"), model_name, tokens, alert->sessions);
    }

  if (alert->kind == RW_ALERT_DROP && alert->before_hr > 0)
    /* TRANSLATORS: what is watched (a GPU or a plan), its new price per hour, how many
     * percent it fell */
    alert->title = g_strdup_printf (_("%s: %s, down %.0f %%"), name, after,
                                    100 * (1 - alert->after_hr / alert->before_hr));
  else
    /* TRANSLATORS: what is watched (a GPU or a plan), its new price per hour */
    alert->title = g_strdup_printf (_("%s: %s"), name, after);

  if (alert->before_hr >= 0)
    {
      g_autofree char *before = price (alert->before_hr);
      /* TRANSLATORS: old price → new price */
      move = g_strdup_printf (_("%s → %s"), before, after);
    }
  else
    move = g_strdup (after);

  if (alert->watch_kind == RW_WATCH_GPU)
    /* TRANSLATORS: the price move ("OLD → NEW"), then a provider name */
    g_string_append_printf (body, _("%s at %s"), move, provider_name);
  else
    /* TRANSLATORS: the price move, GPU count of the instance, GPU name, provider name */
    g_string_append_printf (body, _("%s for %u × %s at %s"), move, alert->gpus, gpu,
                            provider_name);
  if (alert->target_hr >= 0)
    {
      g_autofree char *target = price (alert->target_hr);
      g_string_append_c (body, '\n');
      /* TRANSLATORS: the user's target price */
      g_string_append_printf (body, _("Your target: %s"), target);
    }
  alert->body = g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * rw_alerts_compute:
 * @before: (nullable): the catalog the refresh replaced; NULL when there was none (then only
 *   targets are checked: a drop needs a price before)
 * @after: the catalog the refresh brought
 * @watchlist: a list of RwWatchItem (an RwWatchlist), each with what was notified about it
 * @options: (nullable): NULL for rw_alert_options_init ()'s
 *
 * For each entry, its price (rw_watch_price ()) in both catalogs and rw_alert_decide ().
 * A plan's price before and after is each catalog's cheapest instance for it, which may be
 * another GPU or provider.
 * Pure: sends nothing and stores nothing; once the alerts are sent, store each one's
 * notified_hr with rw_watchlist_set_notified (), and the same prices give no alert again.
 *
 * Returns: (transfer full) (element-type RwAlert): the alerts, in the list's order
 */
GPtrArray *
rw_alerts_compute (RwCatalog            *before,
                   RwCatalog            *after,
                   GListModel           *watchlist,
                   const RwAlertOptions *options)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_alert_free);
  g_autoptr(RwPlanIndex) before_index = NULL;
  g_autoptr(RwPlanIndex) after_index = NULL;
  RwAlertOptions defaults;

  g_return_val_if_fail (before == NULL || RW_IS_CATALOG (before), alerts);
  g_return_val_if_fail (RW_IS_CATALOG (after), alerts);
  g_return_val_if_fail (G_IS_LIST_MODEL (watchlist), alerts);

  if (options == NULL)
    {
      rw_alert_options_init (&defaults);
      options = &defaults;
    }
  for (guint i = 0, n = g_list_model_get_n_items (watchlist); i < n; i++)
    {
      g_autoptr(RwWatchItem) item = g_list_model_get_item (watchlist, i);
      RwWatchPrice was = { RW_UNKNOWN, NULL, NULL, 0 };
      RwWatchPrice now;
      RwAlertKind kind;
      RwAlert *alert;
      double notified;

      if (!RW_IS_WATCH_ITEM (item))
        continue;
      /* one index of the offers per catalog, made at the first plan */
      if (before != NULL)
        watch_price (before, &before_index, item, options, &was);
      watch_price (after, &after_index, item, options, &now);
      kind = rw_alert_decide (rw_watch_item_get_target_hr (item),
                              rw_watch_item_get_drop_percent (item),
                              rw_watch_item_get_notified_hr (item), was.price_hr, now.price_hr,
                              &notified);
      if (kind == RW_ALERT_NONE)
        continue;

      alert = g_new0 (RwAlert, 1);
      alert->kind = kind;
      alert->key = g_strdup (rw_watch_item_get_key (item));
      alert->watch_kind = rw_watch_item_get_kind (item);
      alert->gpu = g_strdup (now.gpu);
      alert->model = g_strdup (rw_watch_item_get_model (item));
      alert->context = rw_watch_item_get_context (item);
      alert->sessions = rw_watch_item_get_sessions (item);
      alert->gpus = now.gpus;
      alert->provider = g_strdup (now.provider);
      alert->before_hr = was.price_hr;
      alert->after_hr = now.price_hr;
      alert->target_hr = rw_watch_item_get_target_hr (item);
      alert->drop_percent = rw_watch_item_get_drop_percent (item);
      alert->notified_hr = notified;
      if (kind != RW_ALERT_WITHDRAW)
        format_alert (alert, after);
      g_ptr_array_add (alerts, alert);
    }
  return alerts;
}
