/* rw-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: the settings, and each feed with its last state, read from the session's
 * `statuses` (the window never asks the application).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-feed.h"
#include "rw-fit.h"
#include "rw-format.h"
#include "rw-preferences-window.h"
#include "rw-session.h"
#include "rw-source.h"
#include "rw-ui-format.h"

struct _RwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *spot_switch;
  GtkSwitch            *background_switch;
  GtkAdjustment        *context_adjustment;
  GtkSpinButton        *context_spin;
  GtkListBox           *feeds_list;
  AdwEntryRow          *add_row;

  /* Owned */
  GSettings            *settings;
  RwSession            *session;
};

G_DEFINE_FINAL_TYPE (RwPreferencesWindow, rw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static RwFeedStatus *
find_status (RwPreferencesWindow *self,
             const char          *url)
{
  GPtrArray *statuses = self->session ? rw_session_get_statuses (self->session) : NULL;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      RwFeedStatus *status = g_ptr_array_index (statuses, i);
      if (g_str_equal (status->url, url))
        return status;
    }
  return NULL;
}

static char *describe_state (RwPreferencesWindow *self,
                             RwFeedStatus        *status);

/* The state, then what was left out of the feed and why (docs/PRICES.md) */
static char *
describe (RwPreferencesWindow *self,
          RwFeedStatus        *status)
{
  g_autofree char *state = describe_state (self, status);
  GString *text;

  if (status == NULL)
    return g_steal_pointer (&state);
  text = g_string_new (state);
  if (status->superseded_by != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (status->superseded_by, G_URI_FLAGS_NONE, NULL);
      g_autofree char *by = rw_text_sanitize (uri && g_uri_get_host (uri) ? g_uri_get_host (uri)
                                              : g_str_equal (status->superseded_by, "builtin")
                                              ? _("the built-in snapshot") : status->superseded_by);

      /* TRANSLATORS: a provider of this feed came from a newer source:
       * "superseded by example.com" */
      g_string_append_printf (text, _(" · superseded by %s"), by);
    }
  if (status->bad_numbers > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u row with a bad number",
                                               " · %u rows with a bad number", status->bad_numbers),
                            status->bad_numbers);
  return g_string_free (text, FALSE);
}

static char *
describe_state (RwPreferencesWindow *self,
                RwFeedStatus        *status)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *ago = NULL;
  g_autofree char *error = NULL;

  if (status == NULL)
    return g_strdup (_("Not fetched yet"));
  ago = status->fetched_at > 0 ? rw_format_time_ago (MAX (0, now - status->fetched_at)) : NULL;
  error = rw_ui_feed_error_text (status);

  switch (status->state)
    {
    case RW_FEED_STATE_FRESH:
    case RW_FEED_STATE_NOT_MODIFIED:
      /* TRANSLATORS: "374 offers · last success 5 minutes ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer · last success %s",
                                           "%u offers · last success %s", status->offers),
                              status->offers, ago ? ago : "—");
    case RW_FEED_STATE_CACHED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cached offer · fetched %s",
                                           "%u cached offers · fetched %s", status->offers),
                              status->offers, ago ? ago : "—");
    case RW_FEED_STATE_FAILED:
    default:
      /* offline was the user's choice: nothing failed */
      if (self->session != NULL && rw_session_get_offline (self->session)
          && status->http_status == 0)
        return g_strdup (_("Not fetched: Rentwise was started with --offline"));
      if (status->offers > 0)
        /* TRANSLATORS: "Failed: HTTP 503 · using 374 offers fetched 3 hours ago" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Failed: %s · using %u offer fetched %s",
                                             "Failed: %s · using %u offers fetched %s",
                                             status->offers),
                                error, status->offers, ago ? ago : "—");
      return g_strdup_printf (_("Failed: %s"), error);
    }
}

static void
remove_feed (GtkButton           *button,
             RwPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  g_auto(GStrv) feeds = g_settings_get_strv (self->settings, "feeds");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; feeds[i] != NULL; i++)
    if (!g_str_equal (feeds[i], url))
      g_strv_builder_add (builder, feeds[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feeds", (const char * const *) kept);
}

static void
rebuild_feeds (RwPreferencesWindow *self)
{
  g_auto(GStrv) feeds = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->feeds_list))))
    gtk_list_box_remove (self->feeds_list, child);
  if (self->settings == NULL)
    return;

  feeds = g_settings_get_strv (self->settings, "feeds");
  for (guint i = 0; feeds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *provider = rw_feed_provider_for_url (feeds[i]);
      g_autofree char *title = rw_text_sanitize (provider ? provider : feeds[i]);
      g_autofree char *subtitle = describe (self, find_status (self, feeds[i]));
      g_autofree char *url = rw_text_sanitize (feeds[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_tooltip_text (row, url);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove feed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove feed"), -1);
      g_object_set_data_full (G_OBJECT (button), "url", g_strdup (feeds[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_feed), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->feeds_list, row);
    }
  if (feeds[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No feeds: the built-in snapshot is shown"));
      gtk_list_box_append (self->feeds_list, row);
    }
}

static void
on_reset_clicked (RwPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_reset (self->settings, "feeds");
}

static void
on_add_changed (RwPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

/**
 * rw_preferences_window_add_feed:
 *
 * Returns: NULL when @url was added, else why not (a translated message)
 */
const char *
rw_preferences_window_add_feed (RwPreferencesWindow *self,
                                const char          *url)
{
  g_auto(GStrv) feeds = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) added = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (url));

  if (self->settings == NULL)
    return _("Settings are not available");
  if (!rw_feed_url_is_allowed (clean))
    return _("A feed must be an https:// address");
  feeds = g_settings_get_strv (self->settings, "feeds");
  if (g_strv_contains ((const char * const *) feeds, clean))
    return _("That feed is already in the list");

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) feeds);
  g_strv_builder_add (builder, clean);
  added = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feeds", (const char * const *) added);
  return NULL;
}

static void
on_add_apply (RwPreferencesWindow *self)
{
  const char *problem =
    rw_preferences_window_add_feed (self, gtk_editable_get_text (GTK_EDITABLE (self->add_row)));

  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (problem));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
rw_preferences_window_dispose (GObject *object)
{
  RwPreferencesWindow *self = (RwPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rw_preferences_window_parent_class)->dispose (object);
}

static void
rw_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RwPreferencesWindow *self = RW_PREFERENCES_WINDOW (object);

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
rw_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RwPreferencesWindow *self = RW_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      /* construct-only: the feeds' states follow this session's statuses */
      self->session = g_value_dup_object (value);
      if (self->session != NULL)
        g_signal_connect_object (self->session, "notify::statuses", G_CALLBACK (rebuild_feeds),
                                 self, G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_preferences_window_constructed (GObject *object)
{
  G_OBJECT_CLASS (rw_preferences_window_parent_class)->constructed (object);
  rebuild_feeds (RW_PREFERENCES_WINDOW (object));
}

static void
rw_preferences_window_class_init (RwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_preferences_window_dispose;
  object_class->constructed = rw_preferences_window_constructed;
  object_class->get_property = rw_preferences_window_get_property;
  object_class->set_property = rw_preferences_window_set_property;

  /**
   * RwPreferencesWindow:session: (nullable)
   *
   * The session whose feed statuses the feed rows show (construct-only).
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/rentwise/Rentwise/rw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, spot_switch);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, context_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, context_spin);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_add_changed);
}

static void
rw_preferences_window_init (RwPreferencesWindow *self)
{
  GSettingsSchema *schema;

  gtk_widget_init_template (GTK_WIDGET (self));
  rw_ui_spin_button_read_numbers (self->context_spin);
  /* the Models view's and the command line's bounds (newcomer report 5, defect 4) */
  gtk_spin_button_set_range (self->context_spin, RW_MIN_CONTEXT, RW_MAX_CONTEXT);

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SCHEMA_ID,
                                           TRUE);
  if (schema == NULL)
    return;
  g_settings_schema_unref (schema);

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "background-check", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "include-spot", self->spot_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "context-length", self->context_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::feeds", G_CALLBACK (rebuild_feeds), self,
                           G_CONNECT_SWAPPED);
}

/**
 * rw_preferences_window_new:
 * @session: (nullable): for each feed's last state
 */
GtkWidget *
rw_preferences_window_new (RwSession *session)
{
  g_return_val_if_fail (session == NULL || RW_IS_SESSION (session), NULL);

  return g_object_new (RW_TYPE_PREFERENCES_WINDOW, "session", session, NULL);
}
