/* rw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: it owns one RwSession (the data on screen, its load and refresh) and one
 * GSettings bound to it (`feeds`, `refresh-interval`), answers the headless command line
 * through rw_cli_run() before any display is opened, starts the load and the refreshes
 * (app.refresh), and hands the session to what it makes: the watcher, the background check
 * (rw-background-check.c), the search provider, and through its other actions
 * (rw-application-actions.c: app.show-gpu, app.search, app.show-plan, app.preferences, …)
 * the windows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-application-private.h"
#include "rw-cli.h"
/* header-only with static state: every rw_startup_probe_* call stays in this file */
#include "rw-startup-probe.h"
#include "rw-window.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RwApplication, rw_application, ADW_TYPE_APPLICATION)

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

static int
rw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RwApplication *self = RW_APPLICATION (app);
  const char *path = NULL;
  const char **feeds = NULL;

  self->options_parsed = TRUE;
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

/* GApplication answers an option it cannot parse ("--bogus", "--hours" without a value) with
 * its message on stderr and exit status 1, before handle-local-options (GLib gio/gapplication.c,
 * g_application_real_local_command_line); --help and README say a bad option exits 2, like a
 * bad option value. Other failures (registering on the bus) keep their 1. */
/* While GApplication parses the command line: the application whose options are parsed, and
 * the print handler it replaced */
static RwApplication *parsing_app;
static GPrintFunc parsing_old_printerr;

/* GApplication prints an option it cannot parse as "Unknown option --bogus": with the
 * "rentwise: " that every other error line carries (newcomer report 14). Lines printed once
 * the options are parsed (rw_cli_run ()'s) already carry it. */
static void
prefix_printerr (const char *text)
{
  g_autofree char *line = NULL;

  if (parsing_app != NULL && !parsing_app->options_parsed)
    text = line = g_strconcat ("rentwise: ", text, NULL);
  if (parsing_old_printerr != NULL)
    parsing_old_printerr (text);
  else
    fputs (text, stderr);
}

static gboolean
rw_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  RwApplication *self = RW_APPLICATION (app);
  gboolean handled;

  self->options_parsed = FALSE;
  parsing_app = self;
  parsing_old_printerr = g_set_printerr_handler (prefix_printerr);
  handled = G_APPLICATION_CLASS (rw_application_parent_class)->local_command_line (app, arguments,
                                                                                   exit_status);
  g_set_printerr_handler (parsing_old_printerr);
  parsing_old_printerr = NULL;
  parsing_app = NULL;
  if (handled && *exit_status == 1 && !self->options_parsed)
    *exit_status = RW_CLI_EXIT_USAGE;
  return handled;
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
    self->background = rw_background_check_new (GTK_APPLICATION (app), self->settings,
                                                self->session);
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
  if (self->background != NULL)
    rw_background_check_stop (self->background);
  G_APPLICATION_CLASS (rw_application_parent_class)->shutdown (app);
}

/* The first window of this type (the most recently focused first), or NULL */
GtkWindow *
_rw_application_find_window (RwApplication *self,
                             GType          type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/**
 * _rw_application_present_window:
 *
 * Returns: (transfer none): the main window, made (with the session) when there is none,
 *   and presented
 */
GtkWindow *
_rw_application_present_window (RwApplication *self)
{
  GtkWindow *window = _rw_application_find_window (self, RW_TYPE_WINDOW);

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
  _rw_application_present_window (RW_APPLICATION (app));
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
  g_clear_object (&self->background);
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
  app_class->local_command_line = rw_application_local_command_line;
  app_class->handle_local_options = rw_application_handle_local_options;
  app_class->startup = rw_application_startup;
  app_class->activate = rw_application_activate;
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  start_refresh (RW_APPLICATION (user_data));
}

static void
rw_application_init (RwApplication *self)
{
  static const GActionEntry actions[] = {
    { "refresh", refresh_activated },
  };
  g_autofree char *description = NULL;

  self->session = rw_session_new (NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  _rw_application_actions_init (self);
  g_application_add_main_option_entries (G_APPLICATION (self), rw_cli_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Where to rent a GPU, what runs on it, and whether buying it would be cheaper."));
  description = g_strconcat (
    _("Without --list, --report, --fit, --plan, --compare or --history-csv, Rentwise opens "
      "its window. With a fine-tuning --workload, --plan lists per GPU the cheapest machine "
      "with at least the GPUs the training fit needs (fewest of 1, 2, 4, 8), without tokens/s. "
      "Numbers are plain decimals with “.” as the decimal point (0.15, 9000 or 9,000). "
      "Errors, unknown options and bad values print one line on standard error and exit with "
      "status 2."), " ",
    _("An option the report would ignore is such an error: --fit prices nothing (no --hours, "
      "--rate, --on-demand-only, --include-suspect or rent vs own options), --plan takes no "
      "--rate or rent vs own options, and with a fine-tuning --workload, --plan and --fit take "
      "--seq-len and --micro-batch instead of --context, --sessions, --kv-dtype and --engine. "
      "GPU ids, like model ids, may be written in any case and with dots for dashes."), " ",
    _("--list takes only --on-demand-only and --include-suspect of these; --list-models and "
      "--history-csv take none."), " ",
    _("The window takes only --catalog, --offline and --feed; any other option without a "
      "report is such an error too."), NULL);
  g_application_set_option_context_description (G_APPLICATION (self), description);
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
