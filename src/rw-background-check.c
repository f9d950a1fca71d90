/* rw-background-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the `background-check` setting is on and the desktop allows it (the Background
 * portal, core/rw-background.c), the application is held so that it keeps running without a
 * window, and `app.refresh` is activated every `refresh-interval` of the session; turned off,
 * the hold is released and the application quits when no window is open. A refusal is said
 * on standard error and, when a window is open, in a toast.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rw-background.h"
#include "rw-background-check.h"
#include "rw-window.h"

struct _RwBackgroundCheck
{
  GObject         parent_instance;

  /* Borrowed */
  GtkApplication *application;   /* weak: it owns this object */
  RwSession      *session;       /* the application's */

  /* Owned */
  GSettings      *settings;
  GCancellable   *cancellable;   /* the portal request under way */
  gboolean        held;          /* running without a window: the portal said yes */
  guint           tick_id;       /* the periodic refresh while held */
};

G_DEFINE_FINAL_TYPE (RwBackgroundCheck, rw_background_check, G_TYPE_OBJECT)

static gboolean
tick (gpointer user_data)
{
  RwBackgroundCheck *self = user_data;

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "refresh", NULL);
  return G_SOURCE_CONTINUE;
}

/* @message on stderr, and as a toast in the window the person is in: Preferences, where the
 * switch was turned on, else the main window (newcomer report 5: the toast showed on the main
 * window, behind Preferences) */
static void
say (RwBackgroundCheck *self,
     const char        *message)
{
  GtkWindow *window = self->application ? gtk_application_get_active_window (self->application)
                                        : NULL;

  g_printerr ("rentwise: %s\n", message);
  if (ADW_IS_PREFERENCES_WINDOW (window))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      /* toast titles are markup in libadwaita 1.2 */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
    }
  else if (RW_IS_WINDOW (window))
    rw_window_add_toast (RW_WINDOW (window), message);
}

/* The background check cannot run: the switch goes back off, so that it shows what is true
 * (newcomer report 5: it stayed on after the portal said no), and @message says why */
static void
refused (RwBackgroundCheck *self,
         const char        *message)
{
  say (self, message);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "background-check", FALSE);
}

static void
granted (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RwBackgroundCheck) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rw_background_request_finish (result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            g_strdup_printf (_("Prices cannot be checked in the background: %s"),
                             error->message);

          refused (self, message);
        }
      return;
    }
  if (self->held || self->application == NULL
      || !g_settings_get_boolean (self->settings, "background-check"))
    return;
  self->held = TRUE;
  g_application_hold (G_APPLICATION (self->application));
  self->tick_id = g_timeout_add_seconds (rw_session_get_refresh_interval (self->session),
                                         tick, self);
}

static void
release (RwBackgroundCheck *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->held)
    {
      self->held = FALSE;
      if (self->application != NULL)
        g_application_release (G_APPLICATION (self->application));
    }
}

static void
setting_changed (RwBackgroundCheck *self)
{
  GDBusConnection *connection;

  if (!g_settings_get_boolean (self->settings, "background-check"))
    {
      release (self);
      return;
    }
  if (self->held || self->application == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  connection = g_application_get_dbus_connection (G_APPLICATION (self->application));
  if (connection == NULL)
    {
      refused (self, _("Prices cannot be checked in the background: there is no session bus"));
      return;
    }
  self->cancellable = g_cancellable_new ();
  rw_background_request_async (connection,
                               _("Rentwise checks GPU prices and tells you when a watched "
                                 "GPU gets cheaper"),
                               TRUE, self->cancellable, granted, g_object_ref (self));
}

static void
rw_background_check_dispose (GObject *object)
{
  RwBackgroundCheck *self = (RwBackgroundCheck *) object;

  rw_background_check_stop (self);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (rw_background_check_parent_class)->dispose (object);
}

static void
rw_background_check_class_init (RwBackgroundCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rw_background_check_dispose;
}

static void
rw_background_check_init (RwBackgroundCheck *self)
{
}

/**
 * rw_background_check_new:
 * @application: the application to hold and whose `app.refresh` to activate
 * @settings: the settings with `background-check`, followed from now on
 * @session: the session whose `refresh-interval` paces the checks
 *
 * Returns: (transfer full): the check, asking the portal now when the setting is on
 */
RwBackgroundCheck *
rw_background_check_new (GtkApplication *application,
                         GSettings      *settings,
                         RwSession      *session)
{
  RwBackgroundCheck *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (RW_IS_SESSION (session), NULL);

  self = g_object_new (RW_TYPE_BACKGROUND_CHECK, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->session = session;
  g_signal_connect_object (settings, "changed::background-check",
                           G_CALLBACK (setting_changed), self, G_CONNECT_SWAPPED);
  setting_changed (self);
  return self;
}

/**
 * rw_background_check_stop:
 *
 * At shutdown: cancels a portal request under way, stops the periodic refresh and no longer
 * follows the setting (the hold goes with the application).
 */
void
rw_background_check_stop (RwBackgroundCheck *self)
{
  g_return_if_fail (RW_IS_BACKGROUND_CHECK (self));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}
