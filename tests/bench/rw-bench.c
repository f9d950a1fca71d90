/* rw-bench.c: how fast Rentwise loads, filters, sorts and draws, at 1×, 10× and 100× the
 * built-in catalog (not part of the test suite: build-aux/bench runs it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include <adwaita.h>

#include "rw-catalog.h"
#include "rw-chart.h"
#include "rw-instances-view.h"
#include "rw-report.h"
#include "rw-stats.h"

#define RUNS 5

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
bench (const char *label,
       const char *path,
       const char *binary)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autofree char *data = NULL;
  double t[RUNS];
  gsize len;
  double rss_before, rss_after;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  /* 1. load JSON to ready models */
  rss_before = rss_mb ();
  for (guint r = 0; r < RUNS; r++)
    {
      double start = now_ms ();
      g_autoptr(RwCatalog) c = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, NULL);
      t[r] = now_ms () - start;
      g_assert_nonnull (c);
    }
  catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, NULL);
  rss_after = rss_mb ();
  printf ("%-5s load            %8.1f ms  %6.1f MB/s  (%.1f MB, %u offers)\n", label, median (t, RUNS),
          len / 1e6 / (median (t, RUNS) / 1000), len / 1e6,
          g_list_model_get_n_items (rw_catalog_get_offers (catalog)));
  printf ("%-5s resident after  %8.1f MB  (+%.1f MB for one loaded catalog)\n", label, rss_after,
          rss_after - rss_before);
#ifdef __GLIBC__
  {
    /* how much of that is live, and how much is freed memory the heap keeps (the JSON tree) */
    struct mallinfo2 info = mallinfo2 ();

    printf ("%-5s heap            %8.1f MB in use, %.1f MB free inside the heap\n", label,
            info.uordblks / 1048576.0, info.fordblks / 1048576.0);
  }
#endif

  /* 1b. the same catalog from its image (what start-up reads from the cache) */
  {
    double json_ms = median (t, RUNS), image_ms, write_ms;
    g_autoptr(GBytes) image = NULL;

    for (guint r = 0; r < RUNS; r++)
      {
        double start = now_ms ();
        g_autoptr(GBytes) made = rw_catalog_to_image (catalog, "bench", NULL);
        t[r] = now_ms () - start;
        if (r == 0)
          image = g_bytes_ref (made);
      }
    write_ms = median (t, RUNS);
    for (guint r = 0; r < RUNS; r++)
      {
        double start = now_ms ();
        g_autoptr(RwCatalog) c = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "bench",
                                                            NULL, NULL);
        t[r] = now_ms () - start;
        g_assert_nonnull (c);
      }
    image_ms = median (t, RUNS);
    printf ("%-5s image load      %8.1f ms  %6.1f MB/s  (%.1f MB image, made in %.1f ms)"
            "  JSON/image = %.0f×\n", label, image_ms,
            g_bytes_get_size (image) / 1e6 / (image_ms / 1000), g_bytes_get_size (image) / 1e6,
            write_ms, json_ms / image_ms);
  }

  /* 2. --report wall time (a process of its own) */
  for (guint r = 0; r < RUNS; r++)
    {
      g_autofree char *arg = g_strdup_printf ("--catalog=%s", path);
      const char *argv[] = { binary, arg, "--report=h100-sxm", "--json", NULL };
      double start = now_ms ();
      g_autoptr(GError) error = NULL;
      int wait_status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                    &wait_status, &error);
      g_assert_no_error (error);
      t[r] = now_ms () - start;
    }
  printf ("%-5s --report        %8.1f ms\n", label, median (t, RUNS));

  /* 3. sidebar filter: one keystroke at a time, "h", "h1", "h10", "h100" */
  {
    static const char *keys[] = { "h", "h1", "h10", "h100", "h10", "h1", "h", "" };
    GListModel *gpus = rw_catalog_get_gpus (catalog);
    double worst = 0;

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        double start = now_ms ();
        guint hits = 0;

        for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
          {
            g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
            hits += rw_gpu_matches (gpu, keys[k]);
          }
        worst = MAX (worst, now_ms () - start);
        (void) hits;
      }
    printf ("%-5s filter/keystroke %7.3f ms (worst of %u)\n", label, worst, (guint) G_N_ELEMENTS (keys));
  }

  /* 4. instance table sort, per column (the table's own sorters), for the GPU with the most
   *    offers: a GtkSortListModel sorts at once when it is created without incremental */
  {
    GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, "h100-sxm");
    g_autoptr(GListStore) store = g_list_store_new (RW_TYPE_OFFER);
    guint n_columns = rw_instances_view_get_n_columns ();
    double worst = 0;

    g_list_store_splice (store, 0, 0, offers->pdata, offers->len);
    for (guint c = 0; c < n_columns; c++)
      {
        for (guint r = 0; r < RUNS; r++)
          {
            double start = now_ms ();
            g_autoptr(GtkSortListModel) sorted =
              gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                       rw_instances_view_new_sorter (c));

            g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sorted)), ==, offers->len);
            t[r] = now_ms () - start;
          }
        worst = MAX (worst, median (t, RUNS));
      }
    printf ("%-5s sort/column     %8.2f ms (slowest column of %u, %u offers)\n", label, worst,
            n_columns, offers->len);

    /* the table sorts more than INCREMENTAL_SORT_ROWS rows in steps: the longest step is
     * what the window waits for */
    {
      double longest = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          g_autoptr(GtkSortListModel) sorted =
            gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)), NULL);
          g_autoptr(GtkSorter) sorter = rw_instances_view_new_sorter (c);

          gtk_sort_list_model_set_incremental (sorted, TRUE);
          gtk_sort_list_model_set_sorter (sorted, sorter);
          while (gtk_sort_list_model_get_pending (sorted) > 0)
            {
              double start = now_ms ();

              g_main_context_iteration (NULL, TRUE);
              longest = MAX (longest, now_ms () - start);
            }
        }
      printf ("%-5s sort step       %8.2f ms (longest main-loop step of an incremental sort)\n",
              label, longest);
    }
  }

  /* 5. models that fit, recomputed (a context change) */
  {
    RwGpu *gpu = rw_catalog_lookup_gpu (catalog, "l40s");

    for (guint r = 0; r < RUNS; r++)
      {
        double start = now_ms ();
        g_autoptr(GArray) fits = NULL;
        RwFitOptions options;

        rw_fit_options_init (&options);
        options.context = 8192 + r;
        fits = rw_report_compute_fits (catalog, gpu, &options);
        t[r] = now_ms () - start;
      }
    printf ("%-5s fits recompute  %8.3f ms\n", label, median (t, RUNS));
  }

  /* 6. statistics for the busiest GPU (what a GPU switch costs) */
  {
    GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, "h100-sxm");

    for (guint r = 0; r < RUNS; r++)
      {
        double start = now_ms ();
        g_autoptr(RwPriceStats) stats =
          rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, RW_PRICING_MASK_ALL);
        t[r] = now_ms () - start;
      }
    printf ("%-5s stats/GPU       %8.3f ms\n", label, median (t, RUNS));
  }
}

static void
bench_chart (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = rw_chart_new ();
  static const guint sizes[] = { 300, 10000 };

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 260);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree RwChartPoint *points = g_new (RwChartPoint, sizes[s]);
      double t[RUNS];

      for (guint i = 0; i < sizes[s]; i++)
        points[i] = (RwChartPoint) { 1760832000.0 + i * 86400.0, 1 + (i % 17) / 10.0, 0.5, 3, 9 };
      rw_chart_set_series (RW_CHART (chart), 0, "median", points, sizes[s]);
      for (guint r = 0; r < RUNS; r++)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          double start = now_ms ();
          GskRenderNode *node;

          /* the widget's own drawing, not GTK's cached render node */
          GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          t[r] = now_ms () - start;
          g_clear_pointer (&node, gsk_render_node_unref);
        }
      printf ("chart snapshot  %6u points %7.2f ms\n", sizes[s], median (t, RUNS));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    {
      fprintf (stderr, "usage: rw-bench RENTWISE_BINARY LABEL=CATALOG.json…\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  for (int i = 2; i < argc; i++)
    {
      g_auto(GStrv) pair = g_strsplit (argv[i], "=", 2);
      bench (pair[0], pair[1], argv[1]);
    }
  bench_chart ();
  return 0;
}
