/* compare-bench.c: how long one comparison takes (docs/COMPARE.md, "Cost")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   compare-bench CATALOG|builtin ID,ID[,ID,ID] [RUNS]
 *
 * Prints the median over RUNS (default 21) of rw_comparison_new () (every model fitted on
 * one GPU of each column, the model rows, the planner's figures) and of its JSON, text and
 * CSV, in milliseconds.
 */
#include "config.h"

#include <stdlib.h>

#include "rw-compare.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (double *values,
           guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2] / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_auto(GStrv) ids = NULL;
  RwReportOptions options;
  guint runs = argc > 3 ? (guint) MAX (1, atoi (argv[3])) : 21;
  g_autofree double *t_new = g_new0 (double, runs);
  g_autofree double *t_out = g_new0 (double, runs);

  if (argc < 3)
    {
      g_printerr ("usage: compare-bench CATALOG|builtin ID,ID[,ID,ID] [RUNS]\n");
      return 2;
    }
  catalog = g_str_equal (argv[1], "builtin") ? rw_catalog_new_builtin (&error)
                                              : rw_catalog_new_from_file (argv[1], &error);
  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  ids = rw_compare_parse_ids (argv[2]);
  rw_report_options_init (&options);
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      g_autoptr(RwComparison) cmp = rw_comparison_new (catalog, (const char * const *) ids, NULL,
                                                       &options, &error);
      g_autofree char *json = NULL, *text = NULL, *csv = NULL;

      if (cmp == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      t1 = g_get_monotonic_time ();
      json = rw_comparison_json (cmp, catalog);
      text = rw_comparison_text (cmp, catalog);
      csv = rw_comparison_csv (cmp);
      t2 = g_get_monotonic_time ();
      t_new[i] = t1 - t0;
      t_out[i] = t2 - t1;
    }
  g_print ("%u GPUs, %u models, %u offers; median of %u runs:\n",
           g_list_model_get_n_items (rw_catalog_get_gpus (catalog)),
           g_list_model_get_n_items (rw_catalog_get_models (catalog)),
           g_list_model_get_n_items (rw_catalog_get_offers (catalog)), runs);
  g_print ("  rw_comparison_new      %.2f ms\n", median_ms (t_new, runs));
  g_print ("  JSON + text + CSV      %.2f ms\n", median_ms (t_out, runs));
  return 0;
}
