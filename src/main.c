/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RwApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* RENTWISE_LOCALEDIR: the build's own translations, for running uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RENTWISE_LOCALEDIR") ? g_getenv ("RENTWISE_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
