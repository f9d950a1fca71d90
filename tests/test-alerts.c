/* test-alerts.c: which watched entries to notify about after a refresh, and no repeats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rw-alerts.h"
#include "rw-stats.h"
#include "test-catalog-text.h"

#define U RW_UNKNOWN

static void
test_decide (void)
{
  static const struct {
    const char *name;
    double target, drop, notified, before, after;
    RwAlertKind kind;
    double notified_out;
  } cases[] = {
    { "reaches target", 0.80, 0, U, 0.93, 0.79, RW_ALERT_TARGET, 0.79 },
    { "exactly the target", 0.80, 0, U, 0.93, 0.80, RW_ALERT_TARGET, 0.80 },
    { "first refresh, under target", 0.80, 0, U, U, 0.70, RW_ALERT_TARGET, 0.70 },
    { "same price again: no repeat", 0.80, 0, 0.79, 0.79, 0.79, RW_ALERT_NONE, 0.79 },
    { "lower again", 0.80, 0, 0.79, 0.79, 0.75, RW_ALERT_TARGET, 0.75 },
    { "up, still under target", 0.80, 0, 0.75, 0.75, 0.78, RW_ALERT_NONE, 0.75 },
    { "back over target: withdraw", 0.80, 0, 0.75, 0.75, 0.85, RW_ALERT_WITHDRAW, U },
    { "over target, never notified", 0.80, 0, U, 0.93, 0.85, RW_ALERT_NONE, U },
    { "no price now", 0.80, 10, 0.75, 0.75, U, RW_ALERT_NONE, 0.75 },
    { "drop of exactly 10 %", U, 10, U, 1.00, 0.90, RW_ALERT_DROP, 0.90 },
    { "drop of 9 %", U, 10, U, 1.00, 0.91, RW_ALERT_NONE, U },
    { "drop, same price next time", U, 10, 0.90, 0.90, 0.90, RW_ALERT_NONE, 0.90 },
    { "drop, then up: withdraw", U, 10, 0.90, 0.90, 0.95, RW_ALERT_WITHDRAW, U },
    { "drop without a price before", U, 10, U, U, 0.50, RW_ALERT_NONE, U },
    { "a new drop from higher up", U, 10, 0.50, 2.00, 1.50, RW_ALERT_DROP, 1.50 },
    { "target and drop: target first", 0.80, 10, U, 1.00, 0.70, RW_ALERT_TARGET, 0.70 },
    { "nothing asked", U, 0, U, 1.00, 0.10, RW_ALERT_NONE, U },
    { "free is a price", 0.10, 0, U, 1.00, 0, RW_ALERT_TARGET, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double notified = -42;
      RwAlertKind kind = rw_alert_decide (cases[i].target, cases[i].drop, cases[i].notified,
                                          cases[i].before, cases[i].after, &notified);

      g_test_message ("%s: %s, notified %g", cases[i].name, rw_alert_kind_to_string (kind),
                      notified);
      g_assert_cmpstr (rw_alert_kind_to_string (kind), ==,
                       rw_alert_kind_to_string (cases[i].kind));
      g_assert_cmpfloat_with_epsilon (notified, cases[i].notified_out, 1e-12);
    }

  /* the Watched rows' "reached": the same rule as a target alert */
  g_assert_true (rw_alert_target_reached (1.50, 0.79));
  g_assert_true (rw_alert_target_reached (0.80, 0.80));
  g_assert_false (rw_alert_target_reached (0.01, 0.26));
  g_assert_false (rw_alert_target_reached (RW_UNKNOWN, 0.26));
  g_assert_false (rw_alert_target_reached (1.50, RW_UNKNOWN));
}

static char *
temp_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rw-alerts-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "watchlist.ini", NULL);
}

static void
watch (RwWatchlist *list,
       RwWatchItem *item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rw_watchlist_add (list, item, &error));
  g_assert_no_error (error);
  g_object_unref (item);
}

/* Stores what was notified, as the app does once it sent the alerts */
static void
sent (RwWatchlist *list,
      GPtrArray   *alerts)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < alerts->len; i++)
    {
      RwAlert *alert = g_ptr_array_index (alerts, i);
      g_ptr_array_add (keys, alert->key);
      g_array_append_val (prices, alert->notified_hr);
    }
  g_assert_true (rw_watchlist_set_notified (list, (const char * const *) keys->pdata,
                                            (double *) prices->data, keys->len, &error));
  g_assert_no_error (error);
}

#define OFFERS_BEFORE "g1:p1:1.00:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a;" \
                      "g2:p1:2.00:od:a;g2:p2:2.10:od:a"
#define OFFERS_AFTER  "g1:p1:1.00:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a;g1:p4:0.70:od:a;" \
                      "g2:p1:2.00:od:a;g2:p2:2.10:od:a"

/* A refresh brings a cheaper g1: one alert for the watched g1 with a target, none for g2;
 * once sent, the same refresh again gives nothing; a price back up withdraws it */
static void
test_refresh (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwCatalog) before = make_catalog ("g1,g2", OFFERS_BEFORE, "");
  g_autoptr(RwCatalog) after = make_catalog ("g1,g2", OFFERS_AFTER, "");
  g_autoptr(RwCatalog) up = make_catalog ("g1,g2", OFFERS_BEFORE, "");
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) withdrawn = NULL;
  RwAlert *alert;

  watch (list, rw_watch_item_new_gpu ("g1", 0.80, 0));
  watch (list, rw_watch_item_new_gpu ("g2", 1.50, 0));
  watch (list, rw_watch_item_new_gpu ("unknown-gpu", 5, 0));

  /* before the refresh: over the target, nothing */
  alerts = rw_alerts_compute (NULL, before, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  alerts = rw_alerts_compute (before, after, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, RW_ALERT_TARGET);
  g_assert_cmpstr (alert->key, ==, "gpu:g1");
  g_assert_cmpstr (alert->gpu, ==, "g1");
  g_assert_cmpstr (alert->provider, ==, "p4");
  g_assert_cmpfloat (alert->before_hr, ==, 1.00);
  g_assert_cmpfloat (alert->after_hr, ==, 0.70);
  g_assert_cmpfloat (alert->notified_hr, ==, 0.70);
  g_assert_cmpstr (alert->title, ==, "GPU g1: $0.70/hr");
  g_assert_cmpstr (alert->body, ==, "$1.00/hr → $0.70/hr at Provider 4\nYour target: $0.80/hr");

  /* sent; the next refresh brings the same prices: no repeat, also after a restart */
  sent (list, alerts);
  again = rw_alerts_compute (after, after, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (again->len, ==, 0);
  {
    g_autoptr(RwWatchlist) restarted = rw_watchlist_new (path);
    g_autoptr(GPtrArray) none = NULL;

    g_assert_true (rw_watchlist_load (restarted, NULL));
    none = rw_alerts_compute (before, after, G_LIST_MODEL (restarted), NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* the cheap offer goes: withdrawn, and notified again when it comes back */
  withdrawn = rw_alerts_compute (after, up, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (withdrawn->len, ==, 1);
  alert = g_ptr_array_index (withdrawn, 0);
  g_assert_cmpint (alert->kind, ==, RW_ALERT_WITHDRAW);
  g_assert_cmpstr (alert->key, ==, "gpu:g1");
  g_assert_cmpfloat (alert->notified_hr, <, 0);
  g_assert_null (alert->title);
  sent (list, withdrawn);
  g_clear_pointer (&alerts, g_ptr_array_unref);
  alerts = rw_alerts_compute (up, after, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_cmpint (((RwAlert *) g_ptr_array_index (alerts, 0))->kind, ==, RW_ALERT_TARGET);
}

static void
test_drop (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwCatalog) before = make_catalog ("g1", "g1:p1:1.00:od:a;g1:p2:1.10:od:a", "");
  g_autoptr(RwCatalog) small = make_catalog ("g1", "g1:p1:0.95:od:a;g1:p2:1.10:od:a", "");
  g_autoptr(RwCatalog) big = make_catalog ("g1", "g1:p1:0.80:od:a;g1:p2:1.10:od:a", "");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  RwAlert *alert;

  watch (list, rw_watch_item_new_gpu ("g1", RW_UNKNOWN, 10));
  none = rw_alerts_compute (before, small, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (none->len, ==, 0);
  alerts = rw_alerts_compute (before, big, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, RW_ALERT_DROP);
  g_assert_cmpstr (alert->title, ==, "GPU g1: $0.80/hr, down 20 %");
  g_assert_cmpstr (alert->body, ==, "$1.00/hr → $0.80/hr at Provider 1");
}

static void
test_json (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwCatalog) before = make_catalog ("g1,g2", OFFERS_BEFORE, "");
  g_autoptr(RwCatalog) after = make_catalog ("g1,g2", OFFERS_AFTER, "");
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (FALSE);
  g_autofree char *json = NULL;

  watch (list, rw_watch_item_new_gpu ("g1", 0.80, 0));
  alerts = rw_alerts_compute (before, after, G_LIST_MODEL (list), NULL);
  rw_alerts_write_json (alerts, w);
  json = rw_json_writer_finish (g_steal_pointer (&w));
  g_assert_cmpstr (json, ==,
                   "[{\"key\":\"gpu:g1\",\"kind\":\"target\",\"watch\":\"gpu\",\"gpu\":\"g1\","
                   "\"model\":null,\"context\":null,\"sessions\":null,\"gpus\":1,"
                   "\"provider\":\"p4\",\"before\":1,\"after\":0.7,\"target\":0.8,"
                   "\"drop_percent\":null,\"notified\":0.7,\"title\":\"GPU g1: $0.70/hr\","
                   "\"body\":\"$1.00/hr → $0.70/hr at Provider 4\\nYour target: $0.80/hr\"}]");
}

/* On-demand only: a cheaper spot price is not the price watched */
static void
test_pricing_mask (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwCatalog) before = make_catalog ("g1", "g1:p1:1.00:od:a;g1:p2:1.10:od:a", "");
  g_autoptr(RwCatalog) after = make_catalog ("g1", "g1:p1:1.00:od:a;g1:p2:1.10:od:a;"
                                             "g1:p3:0.50:spot:s", "");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) on_demand = NULL;
  RwAlertOptions options;

  watch (list, rw_watch_item_new_gpu ("g1", 0.80, 0));
  all = rw_alerts_compute (before, after, G_LIST_MODEL (list), NULL);
  g_assert_cmpuint (all->len, ==, 1);
  rw_alert_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  on_demand = rw_alerts_compute (before, after, G_LIST_MODEL (list), &options);
  g_assert_cmpuint (on_demand->len, ==, 0);
}

/* A plan costs what the planner's cheapest instance for it costs (the whole instance) */
static void
test_plan (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  /* a 7B model fits one 24 GB g1; a 400B one only several 80 GB g2, sold by 8 */
  g_autoptr(RwCatalog) before = make_catalog ("g1,g2=80", "g1:p1:1.00:od:a;g2:p1:12.00:od:x:8",
                                              "small,big=400");
  g_autoptr(RwCatalog) after = make_catalog ("g1,g2=80", "g1:p1:1.00:od:a;g2:p1:12.00:od:x:8;"
                                             "g2:p2:8.00:od:y:8", "small,big=400");
  g_autoptr(RwWatchItem) small = rw_watch_item_new_plan ("small", 8192, 1, 0.5, 0);
  g_autoptr(RwWatchItem) big = rw_watch_item_new_plan ("big", 8192, 1, RW_UNKNOWN, 20);
  g_autoptr(RwWatchItem) huge = rw_watch_item_new_plan ("big", 8192, 100000, 1000, 0);
  g_autoptr(RwWatchItem) unknown = rw_watch_item_new_plan ("no-such-model", 8192, 1, 1000, 0);
  g_autoptr(GPtrArray) alerts = NULL;
  RwWatchPrice price;
  RwAlert *alert;

  g_assert_true (rw_watch_price (after, small, NULL, &price));
  g_assert_cmpstr (price.gpu, ==, "g1");
  g_assert_cmpstr (price.provider, ==, "p1");
  g_assert_cmpuint (price.gpus, ==, 1);
  g_assert_cmpfloat (price.price_hr, ==, 1.00);

  g_assert_true (rw_watch_price (after, big, NULL, &price));
  g_assert_cmpstr (price.gpu, ==, "g2");
  g_assert_cmpstr (price.provider, ==, "p2");
  g_assert_cmpuint (price.gpus, ==, 8);
  g_assert_cmpfloat (price.price_hr, ==, 8.00);

  /* no instance holds it, or no such model: no price */
  g_assert_false (rw_watch_price (after, huge, NULL, &price));
  g_assert_cmpfloat (price.price_hr, <, 0);
  g_assert_false (rw_watch_price (after, unknown, NULL, &price));

  watch (list, g_object_ref (small));
  watch (list, g_object_ref (big));
  watch (list, g_object_ref (huge));
  watch (list, g_object_ref (unknown));
  alerts = rw_alerts_compute (before, after, G_LIST_MODEL (list), NULL);
  /* small: $1.00 is over its $0.50 target; big: a third cheaper */
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, RW_ALERT_DROP);
  g_assert_cmpstr (alert->key, ==, "plan:big:8192:1");
  g_assert_cmpstr (alert->model, ==, "big");
  g_assert_cmpuint (alert->gpus, ==, 8);
  g_assert_cmpfloat (alert->before_hr, ==, 12.00);
  g_assert_cmpfloat (alert->after_hr, ==, 8.00);
  g_assert_cmpstr (alert->title, ==, "Model big, 8,192 tokens × 1: $8.00/hr, down 33 %");
  g_assert_cmpstr (alert->body, ==, "$12.00/hr → $8.00/hr for 8 × GPU g2 at Provider 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alerts/decide", test_decide);
  g_test_add_func ("/alerts/refresh", test_refresh);
  g_test_add_func ("/alerts/drop", test_drop);
  g_test_add_func ("/alerts/json", test_json);
  g_test_add_func ("/alerts/pricing-mask", test_pricing_mask);
  g_test_add_func ("/alerts/plan", test_plan);
  return g_test_run ();
}
