/* fit-ledger.c: the bench of docs/FIT.md and of BENCHMARKS.md's fit figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fit-ledger LEDGER.csv                 every ledger row: measured, ours and the 1.2× rule,
 *                                         as a Markdown table, with the MAPE of each
 *   fit-ledger --speed [CATALOG.json]     the time of every model × precision × GPU count
 *                                         for one GPU (built-in catalog), and for every GPU
 *                                         of CATALOG (e.g. the 100× synthetic one)
 */
#include "config.h"

#include <stdio.h>

#include "../fit-ledger.h"
#include "rw-report.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

static int
ledger (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  g_autoptr(GPtrArray) rows = ledger_load (path);
  double sum = 0, rule_sum = 0, all_sum = 0;
  guint n = 0, rule_n = 0;

  if (catalog == NULL)
    g_error ("%s", error->message);
  printf ("| model | format | engine | GPU × n | context | measured | value | ours | error | 1.2× rule | error |\n");
  printf ("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < rows->len; i++)
    {
      LedgerRow *row = g_ptr_array_index (rows, i);
      g_autofree char *rule = NULL;
      g_autofree char *rule_error = NULL;
      char context[32] = "—";

      if (row->context > 0)
        g_snprintf (context, sizeof context, "%" G_GUINT64_FORMAT, row->context);
      ledger_predict (catalog, row);
      rule = isfinite (row->rule) ? g_strdup_printf ("%.4g", row->rule) : g_strdup ("—");
      rule_error = isfinite (row->rule) ? g_strdup_printf ("%+.1f %%", 100 * ledger_error (row, row->rule))
                                        : g_strdup ("no answer");
      printf ("| %s | %s | %s | %s × %u | %s | %s | %.6g %s | %.4g | %+.1f %%%s | %s | %s |\n",
              row->model, row->precision, row->engine, row->gpu[0] ? row->gpu : "?",
              MAX (row->gpus, 1),
              context,
              row->quantity, row->value, row->unit, row->ours,
              100 * ledger_error (row, row->ours), row->skip ? " (skipped)" : "", rule, rule_error);
      all_sum += fabs (ledger_error (row, row->ours));
      if (row->skip != NULL)
        continue;
      sum += fabs (ledger_error (row, row->ours));
      n++;
      if (isfinite (row->rule))
        {
          rule_sum += fabs (ledger_error (row, row->rule));
          rule_n++;
        }
    }
  printf ("\nMAPE, ours: %.2f %% over %u rows (%u skipped, listed with their reason in docs/FIT.md)\n",
          100 * sum / n, n, rows->len - n);
  printf ("MAPE, ours, every row, the skipped ones too: %.2f %% over %u rows\n",
          100 * all_sum / rows->len, rows->len);
  printf ("MAPE, the 1.2× rule: %.2f %% over the %u of them it has an answer for\n",
          100 * rule_sum / rule_n, rule_n);
  return 0;
}

static double
fits_of_gpu (RwCatalog *catalog,
             RwGpu     *gpu)
{
  double start = g_get_monotonic_time ();
  RwFitOptions options;
  g_autoptr(GArray) fits = NULL;

  rw_fit_options_init (&options);
  fits = rw_report_compute_fits (catalog, gpu, &options);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
speed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) builtin = rw_catalog_new_builtin (&error);
  g_autoptr(RwCatalog) big = NULL;
  double t[RUNS];

  if (builtin == NULL)
    g_error ("%s", error->message);
  for (guint r = 0; r < RUNS; r++)
    t[r] = fits_of_gpu (builtin, rw_catalog_lookup_gpu (builtin, "l40s"));
  printf ("one GPU (l40s), %u models × every precision × 1/2/4/8 GPUs, with largest context and "
          "sessions: %.3f ms (median of %u)\n",
          g_list_model_get_n_items (rw_catalog_get_models (builtin)), median (t, RUNS), RUNS);

  if (path == NULL)
    return 0;
  big = rw_catalog_new_from_file (path, &error);
  if (big == NULL)
    g_error ("%s", error->message);
  for (guint r = 0; r < RUNS; r++)
    {
      GListModel *gpus = rw_catalog_get_gpus (big);

      t[r] = 0;
      for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
        {
          g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);

          t[r] += fits_of_gpu (big, gpu);
        }
    }
  printf ("every GPU of %s (%u GPUs, %u models): %.3f ms (median of %u)\n", path,
          g_list_model_get_n_items (rw_catalog_get_gpus (big)),
          g_list_model_get_n_items (rw_catalog_get_models (big)), median (t, RUNS), RUNS);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "--speed"))
    return speed (argc >= 3 ? argv[2] : NULL);
  if (argc == 2)
    return ledger (argv[1]);
  fprintf (stderr, "usage: fit-ledger LEDGER.csv | fit-ledger --speed [CATALOG.json]\n");
  return 2;
}
