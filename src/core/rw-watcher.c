/* rw-watcher.c: after each refresh that brings new prices, what changed and which watched
 * GPUs to tell the user about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rw-alerts.h"
#include "rw-watcher.h"

struct _RwWatcher
{
  GObject       parent_instance;

  RwSession    *session;      /* weak */
  GApplication *application;  /* weak, nullable */
  RwWatchlist  *watchlist;
  RwChangeRing *ring;
  RwCatalog    *shown;        /* the session's catalog last seen */
  char         *problem;
  guint         n_sent;
};

G_DEFINE_FINAL_TYPE (RwWatcher, rw_watcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_APPLICATION,
  PROP_WATCHLIST,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_problem (RwWatcher  *self,
             const char *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
watchlist_problem_changed (RwWatcher *self)
{
  set_problem (self, rw_watchlist_get_problem (self->watchlist));
}

static void
send_alert (RwWatcher *self,
            RwAlert   *alert)
{
  g_autoptr(GNotification) notification = NULL;

  if (self->application == NULL)
    return;
  if (alert->kind == RW_ALERT_WITHDRAW || alert->title == NULL)
    {
      g_application_withdraw_notification (self->application, alert->key);
      return;
    }
  notification = g_notification_new (alert->title);
  if (alert->body != NULL)
    g_notification_set_body (notification, alert->body);
  /* the default action opens what is watched: the plan (app.show-watched-plan, model,
   * context and sessions) or the GPU page */
  if (alert->watch_kind == RW_WATCH_PLAN && alert->model != NULL)
    g_notification_set_default_action_and_target (notification, "app.show-watched-plan",
                                                   "(stu)", alert->model, alert->context,
                                                   alert->sessions);
  else if (alert->gpu != NULL)
    g_notification_set_default_action_and_target (notification, "app.show-gpu", "s",
                                                   alert->gpu);
  g_notification_add_button_with_target (notification, _("Stop watching"), "app.unwatch", "s",
                                         alert->key);
  g_application_send_notification (self->application, alert->key, notification);
  self->n_sent++;
}

/**
 * rw_watcher_check:
 * @before: (nullable): the catalog the refresh replaced
 * @after: the catalog it brought
 *
 * Pushes the change set between @before and @after (at the default 5 % threshold, every
 * pricing kind) on the change ring, then sends the watchlist's alerts and records what was
 * notified. Called by the watcher itself when the session's catalog is replaced by one from
 * the network; public for tests.
 */
void
rw_watcher_check (RwWatcher *self,
                  RwCatalog *before,
                  RwCatalog *after)
{
  RwChangeOptions change_options;
  RwAlertOptions alert_options;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) prices = NULL;

  g_return_if_fail (RW_IS_WATCHER (self));
  g_return_if_fail (RW_IS_CATALOG (after));

  if (before != NULL)
    {
      rw_change_options_init (&change_options);
      if (!rw_change_ring_push (self->ring,
                                rw_changes_compute (before, after, &change_options,
                                                    g_get_real_time () / G_USEC_PER_SEC),
                                &error))
        {
          set_problem (self, error->message);
          g_clear_error (&error);
        }
      g_signal_emit (self, signals[CHANGED], 0);
    }

  /* another process (the background service) may have notified since */
  if (!rw_watchlist_load (self->watchlist, &error))
    g_clear_error (&error);
  rw_alert_options_init (&alert_options);
  alerts = rw_alerts_compute (before, after, G_LIST_MODEL (self->watchlist), &alert_options);
  if (alerts == NULL || alerts->len == 0)
    return;

  keys = g_ptr_array_new ();
  prices = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < alerts->len; i++)
    {
      RwAlert *alert = g_ptr_array_index (alerts, i);

      send_alert (self, alert);
      g_ptr_array_add (keys, alert->key);
      g_array_append_val (prices, alert->notified_hr);
    }
  g_ptr_array_add (keys, NULL);
  if (!rw_watchlist_set_notified (self->watchlist, (const char * const *) keys->pdata,
                                  (const double *) prices->data, prices->len, &error))
    set_problem (self, error->message);
}

static void
catalog_changed (RwWatcher *self)
{
  RwCatalog *catalog = rw_session_get_catalog (self->session);
  g_autoptr(RwCatalog) before = g_steal_pointer (&self->shown);

  self->shown = catalog ? g_object_ref (catalog) : NULL;
  /* only prices that came from the network are news; the cache read at start-up is not */
  if (catalog != NULL && before != NULL
      && rw_catalog_get_source (catalog) == RW_CATALOG_SOURCE_NETWORK)
    rw_watcher_check (self, before, catalog);
}

static void
rw_watcher_constructed (GObject *object)
{
  RwWatcher *self = RW_WATCHER (object);
  RwCatalog *catalog;

  G_OBJECT_CLASS (rw_watcher_parent_class)->constructed (object);

  catalog = rw_session_get_catalog (self->session);
  self->shown = catalog ? g_object_ref (catalog) : NULL;
  g_signal_connect_object (self->session, "notify::catalog", G_CALLBACK (catalog_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
rw_watcher_dispose (GObject *object)
{
  RwWatcher *self = RW_WATCHER (object);

  g_clear_weak_pointer (&self->session);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->shown);
  G_OBJECT_CLASS (rw_watcher_parent_class)->dispose (object);
}

static void
rw_watcher_finalize (GObject *object)
{
  RwWatcher *self = RW_WATCHER (object);

  g_clear_object (&self->watchlist);
  g_clear_pointer (&self->ring, rw_change_ring_free);
  g_free (self->problem);
  G_OBJECT_CLASS (rw_watcher_parent_class)->finalize (object);
}

static void
rw_watcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RwWatcher *self = RW_WATCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_WATCHLIST:
      g_value_set_object (value, self->watchlist);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_watcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RwWatcher *self = RW_WATCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_weak_pointer (&self->session, g_value_get_object (value));
      break;
    case PROP_APPLICATION:
      g_set_weak_pointer (&self->application, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_watcher_class_init (RwWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rw_watcher_constructed;
  object_class->dispose = rw_watcher_dispose;
  object_class->finalize = rw_watcher_finalize;
  object_class->get_property = rw_watcher_get_property;
  object_class->set_property = rw_watcher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION, co);
  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION, co);
  properties[PROP_WATCHLIST] =
    g_param_spec_object ("watchlist", NULL, NULL, RW_TYPE_WATCHLIST, ro);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rw_watcher_init (RwWatcher *self)
{
}

/**
 * rw_watcher_new:
 * @session: the session whose refreshes to watch
 * @application: (nullable): sends the notifications; NULL sends none
 * @watchlist_path: (nullable): the watchlist file, NULL for rw_watchlist_default_path ()
 * @changes_path: (nullable): the change ring's file, NULL for rw_change_ring_default_path ()
 *
 * Reads both files; a corrupt one is set aside by the core and named in `problem`.
 *
 * Returns: (transfer full): a new watcher
 */
RwWatcher *
rw_watcher_new (RwSession    *session,
                GApplication *application,
                const char   *watchlist_path,
                const char   *changes_path)
{
  RwWatcher *self;
  g_autofree char *default_watchlist = NULL;
  g_autofree char *default_changes = NULL;
  g_autoptr(RwWatchlist) watchlist = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RW_IS_SESSION (session), NULL);

  if (watchlist_path == NULL)
    watchlist_path = default_watchlist = rw_watchlist_default_path ();
  if (changes_path == NULL)
    changes_path = default_changes = rw_change_ring_default_path ();
  watchlist = rw_watchlist_new (watchlist_path);
  if (!rw_watchlist_load (watchlist, &error))
    g_clear_error (&error);

  self = g_object_new (RW_TYPE_WATCHER, "session", session, "application", application, NULL);
  self->watchlist = g_steal_pointer (&watchlist);
  self->ring = rw_change_ring_new (changes_path);
  if (!rw_change_ring_load (self->ring, &error))
    g_clear_error (&error);
  g_signal_connect_object (self->watchlist, "notify::problem",
                           G_CALLBACK (watchlist_problem_changed), self, G_CONNECT_SWAPPED);
  self->problem = g_strdup (rw_watchlist_get_problem (self->watchlist));
  if (self->problem == NULL && rw_change_ring_get_problem (self->ring) != NULL)
    self->problem = g_strdup (rw_change_ring_get_problem (self->ring));
  return self;
}

/* Returns: (transfer none): the watchlist, a GListModel of RwWatchItem */
RwWatchlist *
rw_watcher_get_watchlist (RwWatcher *self)
{
  g_return_val_if_fail (RW_IS_WATCHER (self), NULL);
  return self->watchlist;
}

/* Returns: (transfer none): the last few refreshes' change sets, newest first */
RwChangeRing *
rw_watcher_get_ring (RwWatcher *self)
{
  g_return_val_if_fail (RW_IS_WATCHER (self), NULL);
  return self->ring;
}

/* Returns: what went wrong with the watchlist or the change file (plain text), or NULL */
const char *
rw_watcher_get_problem (RwWatcher *self)
{
  g_return_val_if_fail (RW_IS_WATCHER (self), NULL);
  return self->problem;
}

/* Returns: how many notifications this watcher has sent (withdrawals not counted) */
guint
rw_watcher_get_n_sent (RwWatcher *self)
{
  g_return_val_if_fail (RW_IS_WATCHER (self), 0);
  return self->n_sent;
}
