/* rw-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-application.h"
#include "rw-preferences-window.h"

struct _RwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *spot_switch;
  GtkAdjustment        *context_adjustment;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RwPreferencesWindow, rw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
rw_preferences_window_dispose (GObject *object)
{
  RwPreferencesWindow *self = (RwPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rw_preferences_window_parent_class)->dispose (object);
}

static void
rw_preferences_window_class_init (RwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_preferences_window_dispose;

  rw_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, spot_switch);
  gtk_widget_class_bind_template_child (widget_class, RwPreferencesWindow, context_adjustment);
}

static void
rw_preferences_window_init (RwPreferencesWindow *self)
{
  GSettingsSchema *schema;

  gtk_widget_init_template (GTK_WIDGET (self));

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    return;
  g_settings_schema_unref (schema);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "include-spot", self->spot_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "context-length", self->context_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
rw_preferences_window_new (void)
{
  return g_object_new (RW_TYPE_PREFERENCES_WINDOW, NULL);
}
