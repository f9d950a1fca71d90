/* rw-floor.c: the floor any libadwaita app pays to start: an empty AdwApplicationWindow,
 * measured with Rentwise's own start-up probe (build-aux/bench runs it beside Rentwise)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "rw-startup-probe.h"

static void
activate (GtkApplication *app)
{
  GtkWidget *window;

  rw_startup_probe_mark ("activate");
  window = adw_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  rw_startup_probe_mark ("window-built");
  rw_startup_probe_watch (G_APPLICATION (app), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  rw_startup_probe_ready ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  rw_startup_probe_init ();
  rw_startup_probe_mark ("main");
  app = adw_application_new ("org.gnome.Rentwise.Floor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
