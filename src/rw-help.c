/* rw-help.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-help.h"

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
  /* GTK 4.8's way; through the OpenURI portal inside flatpak */
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
