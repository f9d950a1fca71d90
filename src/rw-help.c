/* rw-help.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rw-help.h"

/* The launcher failed (no yelp, no help: handler): say what to do instead of GTK's "Could not
 * show link / Operation not supported" */
static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWindow *parent = GTK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;
  g_debug ("help: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Could not open the help"),
                                                       NULL));
  adw_message_dialog_set_body (dialog, _("No help viewer is installed. Install “Help” (yelp) "
                                         "to read the manual."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rw_help_show:
 * @parent: (nullable): the window the help is for
 * @page_id: (nullable): a page of help/C/ ("models"), or NULL or "" for its index
 *
 * Opens the user help, at one page when @page_id is set: yelp, or the desktop's help:
 * handler (the UI tests' handler writes the URI down). A page id is only letters, digits and
 * '-'; any other is ignored.
 */
void
rw_help_show (GtkWindow  *parent,
              const char *page_id)
{
  g_autofree char *uri = NULL;

  for (const char *c = page_id; c != NULL && *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return;
  uri = page_id != NULL && page_id[0] != '\0' ? g_strconcat ("help:rentwise/", page_id, NULL)
                                              : g_strdup ("help:rentwise");
  /* GTK 4.8's way; through the OpenURI portal inside flatpak. Without a parent GTK would
   * show its own error: the window's message needs one to be transient for */
  if (parent != NULL)
    gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_help_shown, NULL);
  else
    gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
