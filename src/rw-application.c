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

#include "rw-application.h"
#include "rw-cli.h"
#include "rw-format.h"
#include "rw-preferences-window.h"
#include "rw-search-provider.h"
#include "rw-session.h"
#include "rw-startup-probe.h"
#include "rw-window.h"

struct _RwApplication
{
  AdwApplication parent_instance;

  /* Owned */
  RwSession        *session;
  GSettings        *settings;
  char             *catalog_path;   /* --catalog */
  char            **feeds;          /* --feed, else NULL for the configured ones */
  gboolean          offline;
  GCancellable     *cancellable;
  RwSearchProvider *search_provider;
};

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_REFRESHING,
  PROP_STATUSES,
  PROP_SESSION,
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

static void
forward_notify (RwApplication *self,
                GParamSpec    *pspec,
                RwSession     *session)
{
  if (g_str_equal (pspec->name, "catalog"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  else if (g_str_equal (pspec->name, "statuses"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUSES]);
  else if (g_str_equal (pspec->name, "refreshing"))
    {
      update_refresh_action (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
    }
}

static void
rw_application_startup (GApplication *app)
{
  RwApplication *self = RW_APPLICATION (app);
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };
  static const char * const refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char * const help_accels[] = { "F1", NULL };
  g_autoptr(GError) error = NULL;

  rw_startup_probe_init ();
  rw_startup_probe_mark ("startup");
  rw_ensure_resources ();
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
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);

  /* Show the built-in snapshot (or the cache when it is in already) with the first frame;
   * the rest of the cache comes in an idle, the network later */
  if (!rw_session_load_wait_first (self->session, &error))
    g_printerr ("rentwise: %s\n", error->message);
  rw_startup_probe_mark (rw_session_get_loaded (self->session) ? "loaded"
                                                                : "loaded-without-cache");
  g_signal_connect_object (self->session, "notify", G_CALLBACK (forward_notify), self,
                           G_CONNECT_SWAPPED);
  update_refresh_action (self);
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
  self->search_provider = rw_search_provider_new (app);
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
  G_APPLICATION_CLASS (rw_application_parent_class)->shutdown (app);
}

static GtkWindow *
present_window (RwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      rw_startup_probe_mark ("activate");
      window = GTK_WINDOW (rw_window_new (self, rw_session_get_catalog (self->session)));
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
    case PROP_CATALOG:
      g_value_set_object (value, rw_session_get_catalog (self->session));
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, rw_session_get_refreshing (self->session));
      break;
    case PROP_STATUSES:
      g_value_set_boxed (value, rw_session_get_statuses (self->session));
      break;
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
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rw_application_dispose;
  object_class->finalize = rw_application_finalize;
  object_class->get_property = rw_application_get_property;

  /* the session's, forwarded for the widgets that still read them here */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RW_TYPE_CATALOG, flags);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE, flags);
  properties[PROP_STATUSES] =
    g_param_spec_boxed ("statuses", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
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
  if (rw_session_get_catalog (self->session) != NULL)
    {
      RwCatalog *catalog = rw_session_get_catalog (self->session);
      GPtrArray *sources = rw_catalog_get_attributions (catalog);

      for (guint i = 0; i < sources->len; i++)
        {
          RwAttribution *a = g_ptr_array_index (sources, i);
          g_autofree char *name = rw_text_sanitize (a->name);
          g_autofree char *license = g_markup_escape_text (a->license ? a->license
                                                                      : _("unknown"), -1);
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
  start_refresh (RW_APPLICATION (user_data));
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
    { "search", search_activated, "s" },
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
