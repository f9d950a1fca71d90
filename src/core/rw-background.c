/* rw-background.c: asking the desktop to let Rentwise run in the background
 *
 * org.freedesktop.portal.Background.RequestBackground (s parent_window, a{sv} options) → o
 * handle, answered by org.freedesktop.portal.Request::Response (u response, a{sv} results)
 * on that handle: response 0 granted, 1 cancelled by the user, 2 otherwise; results
 * `background` (b) and `autostart` (b). The handle is known before the call from the
 * `handle_token` option (/org/freedesktop/portal/desktop/request/SENDER/TOKEN, SENDER the
 * unique name without ':' and with '.' as '_'), so the answer cannot come before the
 * subscription. Source: the XDG Desktop Portal documentation,
 * https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Background.html
 * and doc-org.freedesktop.portal.Request.html.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rw-background.h"

#include <unistd.h>

#define PORTAL_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define PORTAL_IFACE "org.freedesktop.portal.Background"

typedef struct {
  GDBusConnection *connection;
  guint            subscription;
  char            *handle;
} Request;

static void
request_free (Request *request)
{
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->connection, request->subscription);
  g_clear_object (&request->connection);
  g_free (request->handle);
  g_free (request);
}

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *iface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  guint32 response = 2;
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  gboolean autostart = FALSE;

  if (request->subscription == 0)
    return;
  g_dbus_connection_signal_unsubscribe (connection, request->subscription);
  request->subscription = 0;
  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    g_variant_get (parameters, "(u@a{sv})", &response, &results);
  if (results != NULL)
    {
      g_variant_lookup (results, "background", "b", &background);
      g_variant_lookup (results, "autostart", "b", &autostart);
    }
  if (response == 0 && background)
    g_task_return_int (task, autostart ? 2 : 1);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             response == 1 ? _("Running in the background was cancelled")
                                           : _("The desktop did not allow Rentwise to run "
                                               "in the background"));
  g_object_unref (task);
}

static void
on_called (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;  /* the call's reference */
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);

  /* the answer comes (or came: a portal may send it before its reply) as the Response
   * signal, which holds a reference of its own */
  if (reply != NULL)
    return;
  if (request->subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (request->connection, request->subscription);
      request->subscription = 0;
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
        {
          /* the D-Bus detail is for a developer; a person reads the sentence */
          g_debug ("background: %s", error->message);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                                   _("No Background portal is running"));
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

/**
 * rw_background_request_async:
 * @connection: the session bus
 * @reason: shown by the desktop: why Rentwise wants to run in the background
 * @autostart: ask to be started at login too, with RW_BACKGROUND_COMMANDLINE
 *
 * Asks the Background portal. Finish with rw_background_request_finish ().
 */
void
rw_background_request_async (GDBusConnection     *connection,
                             const char          *reason,
                             gboolean             autostart,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  static guint counter;
  static const char *commandline[] = RW_BACKGROUND_COMMANDLINE;
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autofree char *token = g_strdup_printf ("rentwise%u_%u", (guint) getpid (), ++counter);
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);
  GVariantBuilder options;

  g_return_if_fail (G_IS_DBUS_CONNECTION (connection));

  g_task_set_source_tag (task, rw_background_request_async);
  g_strdelimit (sender, ".", '_');
  request->connection = g_object_ref (connection);
  request->handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->subscription =
    g_dbus_connection_signal_subscribe (connection, PORTAL_NAME, "org.freedesktop.portal.Request",
                                        "Response", request->handle, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_response, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason", g_variant_new_string (reason));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (connection, PORTAL_NAME, PORTAL_PATH, PORTAL_IFACE,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_called, g_object_ref (task));
}

/**
 * rw_background_request_finish:
 * @autostart_out: (out) (optional): whether autostart was granted too
 *
 * Returns: TRUE when the desktop lets Rentwise run in the background; FALSE with
 *   G_IO_ERROR_PERMISSION_DENIED (refused or cancelled), G_IO_ERROR_NOT_SUPPORTED (no portal)
 *   or the D-Bus error
 */
gboolean
rw_background_request_finish (GAsyncResult  *result,
                              gboolean      *autostart_out,
                              GError       **error)
{
  gssize granted;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  granted = g_task_propagate_int (G_TASK (result), error);
  if (autostart_out != NULL)
    *autostart_out = granted == 2;
  return granted > 0;
}
