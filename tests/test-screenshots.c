/* test-screenshots.c: renders the window to PNG files under the build directory's
 * screenshots/ (every GPU page view, wide and narrow, light and dark), to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rw-feed.h"
#include "rw-models-view.h"
#include "rw-window.h"
#include "test-widget-common.h"

static void
painted (gboolean *done)
{
  *done = TRUE;
}

/* Returns right after a frame was painted: the window is laid out, so its snapshot is whole
 * (the chart and the spinners lay out every frame) */
static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean done = FALSE;
  gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (painted), &done);

  gtk_widget_queue_draw (window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  int         width;
  int         height;
  gboolean    dark;
} Shot;

static void
test_screenshots (gconstpointer data)
{
  const Shot *shot = data;
  static const char *views[] = { "overview", "providers", "instances", "models", "rent" };
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "screenshots", NULL);
  RwWindow *window;

  g_mkdir_with_parents (dir, 0755);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = rw_window_new (NULL, catalog);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), shot->width, shot->height);
  gtk_window_present (GTK_WINDOW (window));
  rw_window_select_gpu (window, "l40s");
  spin (300);

  if (shot->width < 600)
    {
      /* narrow: the sidebar is a page of its own */
      g_autofree char *path = g_strdup_printf ("%s/sidebar-%dx%d-%s.png", dir, shot->width,
                                               shot->height, shot->dark ? "dark" : "light");
      wait_for_paint (GTK_WIDGET (window));
      save_widget_png (GTK_WIDGET (window), NULL, path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s-%dx%d-%s.png", dir, views[i], shot->width,
                                               shot->height, shot->dark ? "dark" : "light");

      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i]);
      spin (400);
      g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - shot->width), <=, 20);
      wait_for_paint (GTK_WIDGET (window));
      save_widget_png (GTK_WIDGET (window), NULL, path);
      g_test_message ("saved %s", path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

      if (g_str_equal (views[i], "models"))
        {
          /* a row opened on its breakdown */
          GtkWidget *models = find_type (GTK_WIDGET (window), RW_TYPE_MODELS_VIEW);
          GtkWidget *row = models ? find_type (models, GTK_TYPE_LIST_BOX_ROW) : NULL;
          g_autofree char *open = g_strdup_printf ("%s/models-breakdown-%dx%d-%s.png", dir,
                                                   shot->width, shot->height,
                                                   shot->dark ? "dark" : "light");

          /* the first LLM's, below the image model's */
          row = row ? gtk_widget_get_next_sibling (row) : NULL;
          g_assert_nonnull (row);
          gtk_widget_activate (row);
          spin (400);
          wait_for_paint (GTK_WIDGET (window));
          save_widget_png (GTK_WIDGET (window), NULL, open);
          g_test_message ("saved %s", open);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
  g_assert_finalize_object (window);
}

/* The first widget of @type under @widget, depth first */
static GtkWidget *
first_of_type (GtkWidget *widget,
               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Providers view with kinds and a suspect price: the built-in catalog with the Mithril
 * bid-floor case (tests/fixtures/cases/) merged over it, on the B200, marketplaces only (the
 * kind filter) so that the suspect row is on screen */
static void
test_providers_suspect (gconstpointer data)
{
  const Shot *shot = data;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "screenshots", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "cases", "feeds",
                                                "mithril-bid-floor.csv", NULL);
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) builtin = rw_catalog_new_builtin (&error);
  g_autoptr(RwCatalog) merged = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_feed_data_free);
  g_auto(RwFeedStats) stats;
  RwWindow *window;
  gsize len;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &body, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&body), len);
  rw_feed_stats_init (&stats);
  g_ptr_array_add (feeds, rw_feed_parse (bytes, "https://example.com/catalogs/v8/mithril/vms.csv",
                                         builtin, &stats, &error));
  g_assert_no_error (error);
  merged = rw_catalog_merge (builtin, feeds, RW_CATALOG_SOURCE_NETWORK);

  g_mkdir_with_parents (dir, 0755);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = rw_window_new (NULL, merged);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), shot->width, shot->height);
  gtk_window_present (GTK_WINDOW (window));
  rw_window_select_gpu (window, "b200");
  spin (300);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "providers");
  spin (200);
  {
    AdwViewStack *stack = rw_gpu_page_get_stack (rw_window_get_gpu_page (window));
    GtkWidget *kinds = first_of_type (adw_view_stack_get_child_by_name (stack, "providers"),
                                      GTK_TYPE_DROP_DOWN);

    g_assert_nonnull (kinds);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (kinds), 3);   /* Marketplaces */
  }
  spin (400);
  path = g_strdup_printf ("%s/providers-suspect-%dx%d-%s.png", dir, shot->width, shot->height,
                          shot->dark ? "dark" : "light");
  wait_for_paint (GTK_WIDGET (window));
  save_widget_png (GTK_WIDGET (window), NULL, path);
  g_test_message ("saved %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  static const Shot suspect_shots[] = {
    { 1280, 800, FALSE }, { 1280, 800, TRUE }, { 360, 1000, FALSE }, { 360, 1000, TRUE },
  };
  static const Shot shots[] = {
    { 1200, 800, FALSE }, { 1200, 800, TRUE }, { 1280, 800, TRUE }, { 360, 720, FALSE },
    { 360, 720, TRUE },
  };

  if (!widget_test_init (&argc, &argv))
    return 0;

  /* what AdwApplication loads from its resource base path in the app */
  {
    GtkCssProvider *css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/rentwise/Rentwise/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    g_object_unref (css);
  }

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *name = g_strdup_printf ("/screenshots/%dx%d-%s", shots[i].width,
                                               shots[i].height, shots[i].dark ? "dark" : "light");
      g_test_add_data_func (name, &shots[i], test_screenshots);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suspect_shots); i++)
    {
      g_autofree char *name = g_strdup_printf ("/screenshots/providers-suspect/%dx%d-%s",
                                               suspect_shots[i].width, suspect_shots[i].height,
                                               suspect_shots[i].dark ? "dark" : "light");
      g_test_add_data_func (name, &suspect_shots[i], test_providers_suspect);
    }

  return g_test_run ();
}
