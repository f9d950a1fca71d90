/* train-ledger.c: the fine-tuning ledger table of docs/FIT.md, "Fine-tuning"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   train-ledger tests/fixtures/measured-training-memory.csv tests/fixtures/train-architectures.csv
 *
 * prints every ledger row — measured, ours, the error, or why it is skipped — as a Markdown
 * table, with the mean absolute percentage error of the memory rows.
 */
#include "config.h"

#include <stdio.h>

#include "../train-ledger.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) fixture = NULL;
  double sum = 0, capacity_sum = 0;
  guint n = 0, n_capacity = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s LEDGER.csv ARCHITECTURES.csv\n", argv[0]);
      return 2;
    }
  catalog = rw_catalog_new_builtin (&error);
  if (catalog == NULL)
    g_error ("%s", error->message);
  rows = train_ledger_load (argv[1]);
  fixture = ledger_csv_load (argv[2], 12, "model", "params_source");

  printf ("| model | method | r | seq × batch | GPUs | parallelism | quantity | measured | ours "
          "| error |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < rows->len; i++)
    {
      TrainRow *row = g_ptr_array_index (rows, i);
      g_autofree char *shape = NULL;
      g_autofree char *rank = row->lora_rank > 0 ? g_strdup_printf ("%u", row->lora_rank)
                                                 : g_strdup ("—");

      train_ledger_predict (catalog, fixture, row);
      shape = row->seq_len > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT " × %u", row->seq_len,
                                                  row->micro_batch)
                               : g_strdup ("—");
      printf ("| %s | %s | %s | %s | %u | %s | %s | ", row->model, row->method,
              rank, shape, row->gpus, row->parallelism, row->quantity);
      if (row->skip != NULL)
        {
          printf ("%g %s | — | skipped: %s |\n", row->value, row->unit, row->skip);
          continue;
        }
      if (row->capacity)
        {
          printf ("%.0f tokens in %g %s | %.0f tokens | %+.1f %% |\n", row->measured, row->value,
                  row->unit, row->ours, 100 * train_ledger_error (row));
          capacity_sum += train_ledger_error (row);
          n_capacity++;
          continue;
        }
      printf ("%g %s | %.2f | %+.1f %% |\n", row->value, row->unit, row->ours,
              100 * train_ledger_error (row));
      sum += fabs (train_ledger_error (row));
      n++;
    }
  printf ("\nMAPE over the %u memory rows: %.2f %%; the %u capacity rows: longest sequence "
          "%+.1f %% on average, each fitting at its measured length; %u rows skipped\n",
          n, 100 * sum / n, n_capacity, 100 * capacity_sum / n_capacity,
          rows->len - n - n_capacity);
  return 0;
}
