/* rw-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About window, with every data source of the session's catalog and its licence.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-about.h"
#include "rw-format.h"

/**
 * rw_about_present:
 * @parent: (nullable): the window it is modal for
 * @session: (nullable): whose catalog's sources are listed
 */
void
rw_about_present (GtkWindow *parent,
                  RwSession *session)
{
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
  if (session != NULL && rw_session_get_catalog (session) != NULL)
    {
      RwCatalog *catalog = rw_session_get_catalog (session);
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

