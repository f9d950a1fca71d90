/* test-window.c: the window over a fixture catalog (needs a display: run under xvfb-run)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-window.h"
#include "test-common.h"

static gboolean
label_with_text_exists (GtkWidget  *widget,
                        const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (label_with_text_exists (child, text))
      return TRUE;
  return FALSE;
}

static void
test_new_destroy (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwWindow *window = rw_window_new (NULL, catalog);

  g_object_ref_sink (window);
  g_assert_true (rw_window_get_catalog (window) == catalog);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (label_with_text_exists (GTK_WIDGET (window), "NVIDIA L40S"));
  g_assert_true (label_with_text_exists (GTK_WIDGET (window), "Mystery Accelerator"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_no_catalog (void)
{
  RwWindow *window = rw_window_new (NULL, NULL);

  g_object_ref_sink (window);
  g_assert_null (rw_window_get_catalog (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* e.g. flatpak-builder's run-tests: widget tests need a display */
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/new-destroy", test_new_destroy);
  g_test_add_func ("/window/no-catalog", test_no_catalog);

  return g_test_run ();
}
