/* rw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: it owns one RwSession (the data on screen, its load and refresh) and one
 * GSettings bound to it, answers the headless command line through rw_cli_run() before any
 * display is opened, and exposes the actions the window, the shortcuts and the search provider
 * use (app.refresh, app.show-gpu, app.search, app.preferences, app.about, app.quit).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-about.h"
#include "rw-application.h"
#include "rw-cli.h"
#include "rw-format.h"
#include "rw-preferences-window.h"
#include "rw-search-provider.h"
#include "rw-session.h"
#include "rw-watcher.h"
#include "rw-background.h"
#include "rw-plan-window.h"
#include "rw-startup-probe.h"
#include "rw-window.h"

struct _RwApplication
{
  AdwApplication parent_instance;

  /* Owned */
  RwSession        *session;
  RwWatcher        *watcher;        /* issue 19: changes and notifications */
  gboolean          background_held; /* running without a window: the portal said yes */
  guint             background_id;   /* the periodic refresh while held */
  GCancellable     *background_cancellable;
  GSettings        *settings;
  char             *catalog_path;   /* --catalog */
  char            **feeds;          /* --feed, else NULL for the configured ones */
  gboolean          offline;
  GCancellable     *cancellable;
  RwSearchProvider *search_provider;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RwApplication, rw_application, ADW_TYPE_APPLICATION)

/* The app's resource registers itself (src/meson.build); this no-op stays only for branches
 * written before that, and goes once none calls it. */
void
rw_ensure_resources (void)
{
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
  g_return_val_if_fail (RW_IS_APPLICATION (self), FALSE);
  return self->offline;
}

static int
rw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RwApplication *self = RW_APPLICATION (app);
  const char *path = NULL;
  const char **feeds = NULL;

  if (rw_cli_is_headless (options))
    return rw_cli_run (options, NULL, NULL);

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

  return rw_cli_run (options, NULL, NULL);
}

static void
update_refresh_action (RwApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "refresh");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               rw_session_can_refresh (self->session));
}

static void start_refresh (RwApplication *self);

static gboolean
wants_refresh (RwApplication *self)
{
  return !self->offline &&
         (rw_startup_probe_wants_refresh () ||
          rw_session_is_stale (self->session, g_get_real_time () / G_USEC_PER_SEC));
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RwApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rw_session_refresh_finish (RW_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_printerr ("rentwise: %s\n", error->message);
      return;
    }
  if (rw_session_get_data_source (self->session) == RW_CATALOG_SOURCE_NETWORK)
    rw_startup_probe_ready_full (TRUE);
}

static void
start_refresh (RwApplication *self)
{
  if (!rw_session_can_refresh (self->session))
    return;
  rw_session_refresh_async (self->session, self->cancellable, refresh_done,
                            g_object_ref (self));
}

static gboolean
refresh_when_idle (gpointer data)
{
  start_refresh (RW_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RwApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rw_session_load_finish (RW_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("rentwise: %s\n", error->message);
      return;
    }
  rw_startup_probe_ready ();
  if (rw_session_get_data_source (self->session) == RW_CATALOG_SOURCE_NETWORK)
    rw_startup_probe_ready_full (TRUE);
  /* the cache is on screen; fetch after the first frame when it is old */
  if (self->catalog_path == NULL && wants_refresh (self))
    g_idle_add_full (G_PRIORITY_LOW, refresh_when_idle, g_object_ref (self), g_object_unref);
}

/* Issue 19, background refresh: while `background-check` is on and the desktop allows it
 * (the Background portal, rw-background.c), the application holds itself so that it keeps
 * running without a window, and refreshes every `refresh-interval`; turned off, it lets go
 * and quits when no window is open. */
static gboolean
background_tick (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "refresh", NULL);
  return G_SOURCE_CONTINUE;
}

static void
background_say (RwApplication *self,
                const char    *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_printerr ("rentwise: %s\n", message);
  if (RW_IS_WINDOW (window))
    rw_window_add_toast (RW_WINDOW (window), message);
}

static void
background_granted (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RwApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rw_background_request_finish (result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("Prices cannot be checked in the background: %s"),
                             error->message);

          background_say (self, message);
        }
      return;
    }
  if (self->background_held || self->settings == NULL
      || !g_settings_get_boolean (self->settings, "background-check"))
    return;
  self->background_held = TRUE;
  g_application_hold (G_APPLICATION (self));
  self->background_id = g_timeout_add_seconds (rw_session_get_refresh_interval (self->session),
                                               background_tick, self);
}

static void
background_changed (RwApplication *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "background-check");
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (self));

  if (self->background_cancellable != NULL)
    g_cancellable_cancel (self->background_cancellable);
  g_clear_object (&self->background_cancellable);
  if (!on)
    {
      g_clear_handle_id (&self->background_id, g_source_remove);
      if (self->background_held)
        {
          self->background_held = FALSE;
          g_application_release (G_APPLICATION (self));
        }
      return;
    }
  if (self->background_held)
    return;
  if (connection == NULL)
    {
      background_say (self, _("Prices cannot be checked in the background: "
                              "there is no session bus"));
      return;
    }
  self->background_cancellable = g_cancellable_new ();
  rw_background_request_async (connection,
                               _("Rentwise checks GPU prices and tells you when a watched "
                                 "GPU gets cheaper"),
                               TRUE, self->background_cancellable, background_granted,
                               g_object_ref (self));
}

static void
rw_application_startup (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };
  static const char * const refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char * const plan_accels[] = { "<Control>m", NULL };
  static const char * const help_accels[] = { "F1", NULL };
  g_autoptr(GError) error = NULL;

  rw_startup_probe_init ();
  rw_startup_probe_mark ("startup");
  self->settings = try_settings ();
  if (self->feeds != NULL)
    rw_session_set_feeds (self->session, (const char * const *) self->feeds);
  else if (self->settings != NULL)
    g_settings_bind (self->settings, "feeds", self->session, "feeds", G_SETTINGS_BIND_GET);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "refresh-interval", self->session, "refresh-interval",
                     G_SETTINGS_BIND_GET);
  rw_session_set_offline (self->session, self->offline);
  self->cancellable = g_cancellable_new ();
  /* the catalog and history are read in a thread while GTK initialises on the other core */
  rw_session_load_async (self->session, self->catalog_path, self->cancellable, load_done,
                         g_object_ref (self));
  G_APPLICATION_CLASS (rw_application_parent_class)->startup (app);
  rw_startup_probe_mark ("gtk-adw-ready");

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.show-plan('')",
                                         plan_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);

  /* Show the built-in snapshot (or the cache when it is in already) with the first frame;
   * the rest of the cache comes in an idle, the network later */
  if (!rw_session_load_wait_first (self->session, &error))
    g_printerr ("rentwise: %s\n", error->message);
  rw_startup_probe_mark (rw_session_get_loaded (self->session) ? "loaded"
                                                                : "loaded-without-cache");
  g_signal_connect_object (self->session, "notify::refreshing",
                           G_CALLBACK (update_refresh_action), self, G_CONNECT_SWAPPED);
  update_refresh_action (self);
  self->watcher = rw_watcher_new (self->session, app, NULL, NULL);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::background-check",
                               G_CALLBACK (background_changed), self, G_CONNECT_SWAPPED);
      background_changed (self);
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
  GApplicationClass *parent = G_APPLICATION_CLASS (rw_application_parent_class);

  if (!parent->dbus_register (app, connection, object_path, error))
    return FALSE;
  self->search_provider = rw_search_provider_new (app, self->session);
  return rw_search_provider_register (self->search_provider, connection, path, error);
}

static void
rw_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  RwApplication *self = RW_APPLICATION (app);
  GApplicationClass *parent = G_APPLICATION_CLASS (rw_application_parent_class);

  if (self->search_provider != NULL)
    {
      rw_search_provider_unregister (self->search_provider);
      g_clear_object (&self->search_provider);
    }
  parent->dbus_unregister (app, connection, object_path);
}

static void
rw_application_shutdown (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->background_cancellable != NULL)
    g_cancellable_cancel (self->background_cancellable);
  g_clear_handle_id (&self->background_id, g_source_remove);
  G_APPLICATION_CLASS (rw_application_parent_class)->shutdown (app);
}

/* The first window of this type (the most recently focused first), or NULL */
static GtkWindow *
find_window (RwApplication *self,
             GType          type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static GtkWindow *
present_window (RwApplication *self)
{
  GtkWindow *window = find_window (self, RW_TYPE_WINDOW);

  if (window == NULL)
    {
      rw_startup_probe_mark ("activate");
      window = g_object_new (RW_TYPE_WINDOW, "application", self, "session", self->session, NULL);
      if (self->watcher != NULL)
        rw_window_set_watcher (RW_WINDOW (window), self->session, self->watcher);
      rw_startup_probe_mark ("window-built");
      rw_startup_probe_watch (G_APPLICATION (self), window);
    }
  gtk_window_present (window);
  return window;
}

static void
rw_application_activate (GApplication *app)
{
  present_window (RW_APPLICATION (app));
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_application_dispose (GObject *object)
{
  RwApplication *self = (RwApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rw_application_parent_class)->dispose (object);
}

static void
rw_application_finalize (GObject *object)
{
  RwApplication *self = (RwApplication *) object;

  g_clear_object (&self->watcher);
  g_clear_object (&self->background_cancellable);
  g_clear_object (&self->session);
  g_free (self->catalog_path);
  g_strfreev (self->feeds);

  G_OBJECT_CLASS (rw_application_parent_class)->finalize (object);
}

static void
rw_application_class_init (RwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rw_application_dispose;
  object_class->finalize = rw_application_finalize;
  object_class->get_property = rw_application_get_property;

  /* the data: widgets take it as their own `session` property and bind to it */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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

/* Opens the user help (help/C/, installed as help:rentwise), at one page when page_id is set:
 * yelp, or the desktop's help: handler (the UI tests' handler writes the URI down) */
static void
show_help (RwApplication *self,
           const char    *page_id)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = page_id != NULL && page_id[0] != '\0'
                         ? g_strconcat ("help:rentwise/", page_id, NULL)
                         : g_strdup ("help:rentwise");

  /* GTK 4.8's way; through the OpenURI portal inside flatpak */
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  show_help (RW_APPLICATION (user_data), NULL);
}

/* app.help-page('models'): a page id of help/C/ */
static void
help_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *page = g_variant_get_string (parameter, NULL);

  /* only a page name: letters, digits and '-' */
  for (const char *c = page; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return;
  show_help (RW_APPLICATION (user_data), page);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RwApplication *self = user_data;

  rw_about_present (gtk_application_get_active_window (GTK_APPLICATION (self)), self->session);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window = GTK_WINDOW (rw_preferences_window_new (self->session));

  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_present (window);
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  start_refresh (RW_APPLICATION (user_data));
}

/* app.unwatch("gpu:l40s"): stop watching that entry (a notification's button) */
static void
unwatch_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RwApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->watcher == NULL)
    return;
  if (!rw_watchlist_remove (rw_watcher_get_watchlist (self->watcher),
                            g_variant_get_string (parameter, NULL), &error))
    g_printerr ("rentwise: %s\n", error->message);
}

/* app.show-gpu("l40s"): the window, with that GPU selected */
static void
show_gpu_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = present_window (RW_APPLICATION (user_data));

  if (RW_IS_WINDOW (window))
    rw_window_select_gpu (RW_WINDOW (window), g_variant_get_string (parameter, NULL));
}

/* app.search("4090"): the window, its GPU list filtered by that text */
static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = present_window (RW_APPLICATION (user_data));

  if (RW_IS_WINDOW (window))
    rw_window_set_search_text (RW_WINDOW (window), g_variant_get_string (parameter, NULL));
}

/* app.show-plan("llama-3.3-70b"): the planner, on that model ("": the one it shows) */
static void
show_plan_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RwApplication *self = RW_APPLICATION (user_data);
  GtkWindow *window = find_window (self, RW_TYPE_PLAN_WINDOW);
  const char *model_id = g_variant_get_string (parameter, NULL);

  if (window == NULL)
    {
      window = GTK_WINDOW (rw_plan_window_new (self->session));
      gtk_window_set_application (window, GTK_APPLICATION (self));
      gtk_window_set_transient_for (window, find_window (self, RW_TYPE_WINDOW));
      if (self->watcher != NULL)
        rw_plan_window_set_watchlist (RW_PLAN_WINDOW (window),
                                      rw_watcher_get_watchlist (self->watcher));
    }
  if (*model_id != '\0')
    rw_plan_window_set_model (RW_PLAN_WINDOW (window), model_id);
  gtk_window_present (window);
}

/* app.show-watched-plan(("llama-3-3-70b", 32768, 8)): the planner on a watched plan — model,
 * context and sessions (the Watched section, a plan's notification) */
static void
show_watched_plan_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  RwApplication *self = RW_APPLICATION (user_data);
  const char *model_id = NULL;
  guint64 context = 0;
  guint sessions = 1;
  RwPlanWindow *window;

  g_variant_get (parameter, "(&stu)", &model_id, &context, &sessions);
  g_action_group_activate_action (G_ACTION_GROUP (self), "show-plan",
                                  g_variant_new_string (model_id));
  window = RW_PLAN_WINDOW (find_window (self, RW_TYPE_PLAN_WINDOW));
  rw_plan_window_set_workload (window, RW_WORKLOAD_INFERENCE);
  rw_plan_window_set_context (window, context);
  rw_plan_window_set_sessions (window, sessions);
}

static void
rw_application_init (RwApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "refresh", refresh_activated },
    { "about", about_activated },
    { "help", help_activated },
    { "help-page", help_page_activated, "s" },
    { "preferences", preferences_activated },
    { "show-gpu", show_gpu_activated, "s" },
    { "show-watched-plan", show_watched_plan_activated, "(stu)" },
    { "search", search_activated, "s" },
    { "unwatch", unwatch_activated, "s" },
    { "show-plan", show_plan_activated, "s" },
  };

  self->session = rw_session_new (NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), rw_cli_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Where to rent a GPU, what runs on it, and whether buying it would be cheaper."));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Without --list, --report, --fit, --plan, --compare or --history-csv, Rentwise opens "
      "its window. With a fine-tuning --workload, --plan lists per GPU the cheapest machine "
      "with at least the GPUs the training fit needs (fewest of 1, 2, 4, 8), without tokens/s. "
      "Errors print one line on standard error and exit with status 2."));
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

/**
 * rw_application_get_session:
 *
 * Returns: (transfer none): the application's session: the data on screen
 */
RwSession *
rw_application_get_session (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return self->session;
}

RwCatalog *
rw_application_get_catalog (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return rw_session_get_catalog (self->session);
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
  return rw_session_get_statuses (self->session);
}

RwHistoryStore *
rw_application_get_history (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), NULL);
  return rw_session_get_history (self->session);
}

gboolean
rw_application_get_refreshing (RwApplication *self)
{
  g_return_val_if_fail (RW_IS_APPLICATION (self), FALSE);
  return rw_session_get_refreshing (self->session);
}
