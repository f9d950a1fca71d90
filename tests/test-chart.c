/* test-chart.c: RwChart rendered to PNG with 0, 1, 2, 30, 365 and 10 000 points, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "rw-chart.h"
#include "test-widget-common.h"

static RwChartPoint *
make_points (guint n)
{
  RwChartPoint *points = g_new (RwChartPoint, MAX (n, 1));
  gint64 start = 1760832000;  /* 2025-10-19 */

  for (guint i = 0; i < n; i++)
    {
      double median = 0.9 + 0.25 * sin (i / 9.0) - i * 0.2 / MAX (n, 1);
      points[i] = (RwChartPoint) { (double) (start + (gint64) i * 86400), median, median * 0.35,
                                   median * 1.9, 10 };
    }
  return points;
}

/* the chart has no background of its own: the window's goes under it */
static void
render (RwChart    *chart,
        const char *path)
{
  GdkRGBA background;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (chart)),
                                       "window_bg_color", &background))
    background = (GdkRGBA) { 1, 1, 1, 1 };
  save_widget_png (GTK_WIDGET (chart), &background, path);
}

static void
test_render (gconstpointer data)
{
  static const guint sizes[] = { 0, 1, 2, 30, 365, 10000 };
  gboolean dark = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "screenshots", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = rw_chart_new ();

  g_mkdir_with_parents (dir, 0755);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 260);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree RwChartPoint *points = make_points (sizes[i]);
      g_autofree char *path = g_strdup_printf ("%s/chart-%u-%s.png", dir, sizes[i], dark ? "dark" : "light");

      rw_chart_set_series (RW_CHART (chart), 0, "median", points, sizes[i]);
      spin (60);
      g_assert_cmpuint (rw_chart_get_n_visible (RW_CHART (chart)), ==, sizes[i]);
      render (RW_CHART (chart), path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_summary_and_window (void)
{
  GtkWidget *chart = g_object_ref_sink (rw_chart_new ());
  RwChartPoint points[91];

  g_assert_cmpstr (rw_chart_get_summary (RW_CHART (chart)), ==, "Not enough price history yet");
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (RwChartPoint) { 1760832000.0 + i * 86400.0, 1.0 - 0.12 * i / 90.0, -1, -1, -1 };
  rw_chart_set_series (RW_CHART (chart), 0, "median", points, G_N_ELEMENTS (points));
  g_assert_cmpstr (rw_chart_get_summary (RW_CHART (chart)), ==,
                   "median fell 12% over 90 days, from $1.00 to $0.88 "
                   "(shown: 19 Oct 2025 UTC to 17 Jan 2026 UTC)");

  /* 1M shows the last 31 days before the newest point */
  rw_chart_set_window (RW_CHART (chart), 31);
  g_assert_cmpuint (rw_chart_get_n_visible (RW_CHART (chart)), ==, 32);
  rw_chart_set_window (RW_CHART (chart), 0);
  g_assert_cmpuint (rw_chart_get_n_visible (RW_CHART (chart)), ==, 91);

  /* non-finite points are dropped, never drawn */
  points[5].y = NAN;
  rw_chart_set_series (RW_CHART (chart), 0, "median", points, G_N_ELEMENTS (points));
  g_assert_cmpuint (rw_chart_get_n_visible (RW_CHART (chart)), ==, 90);

  rw_chart_clear (RW_CHART (chart));
  g_assert_cmpuint (rw_chart_get_n_visible (RW_CHART (chart)), ==, 0);
  g_assert_finalize_object (chart);
}

/* The built-in history's shape: 29 daily points that ended a year before today */
static void
test_ranges_legend_empty (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "screenshots", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = rw_chart_new ();
  g_autofree RwChartPoint *points = make_points (29);
  static const struct { double days; const char *name; } ranges[] = {
    { 31, "1m" }, { 92, "3m" }, { 366, "1y" }, { 0, "all" },
  };
  double spans[G_N_ELEMENTS (ranges)];
  double newest = points[28].x;
  int min_height, nat_height;

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  g_mkdir_with_parents (dir, 0755);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* the chart takes the height it asks for, as on the overview */
  gtk_box_append (GTK_BOX (box), chart);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 300);
  gtk_window_present (GTK_WINDOW (window));
  rw_chart_set_series (RW_CHART (chart), 0, "median", points, 29);

  /* each range ends at the newest point and spans what it says, however short the data */
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/chart-range-%s.png", dir, ranges[i].name);
      double lo, hi;

      rw_chart_set_window (RW_CHART (chart), ranges[i].days);
      spin (60);
      rw_chart_get_x_range (RW_CHART (chart), &lo, &hi);
      g_assert_cmpfloat (hi, ==, newest);
      spans[i] = (hi - lo) / 86400;
      if (ranges[i].days > 0)
        g_assert_cmpfloat_with_epsilon (spans[i], ranges[i].days, 1e-9);
      render (RW_CHART (chart), path);
    }
  g_assert_cmpfloat_with_epsilon (spans[3], 28, 1e-9);
  for (guint i = 1; i < G_N_ELEMENTS (ranges); i++)
    g_assert_cmpfloat (spans[i], !=, spans[i - 1]);

  /* the band is named, for the eye (the legend) and for a screen reader */
  g_assert_nonnull (strstr (rw_chart_get_summary (RW_CHART (chart)), "; shaded: lowest to highest"));

  /* without history: a line of text that says why, not a 220 px empty box */
  rw_chart_set_empty_text (RW_CHART (chart), "No price history for the G: the catalog’s history covers other GPUs.");
  rw_chart_set_series (RW_CHART (chart), 0, "median", NULL, 0);
  spin (60);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 600, &min_height, &nat_height, NULL, NULL);
  g_assert_cmpint (nat_height, <, 80);
  g_assert_cmpint (gtk_widget_get_height (chart), <, 80);
  g_assert_cmpstr (rw_chart_get_summary (RW_CHART (chart)), ==,
                   "No price history for the G: the catalog’s history covers other GPUs.");
  {
    g_autofree char *path = g_strdup_printf ("%s/chart-empty.png", dir);
    render (RW_CHART (chart), path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!widget_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/chart/summary-and-window", test_summary_and_window);
  g_test_add_func ("/chart/ranges-legend-empty", test_ranges_legend_empty);
  g_test_add_data_func ("/chart/render/light", GINT_TO_POINTER (FALSE), test_render);
  g_test_add_data_func ("/chart/render/dark", GINT_TO_POINTER (TRUE), test_render);

  return g_test_run ();
}
