/* workload-notes.c: what a Models row's notes must say, from the core, for the UI test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * workload-notes GPU_ID MODEL_ID RANK SEQ_LEN MICRO_BATCH prints the line
 * rw_train_model_workloads_text () makes for that model on that GPU of the built-in catalog,
 * with the inference fit's defaults and those training settings: tests/ui/test_workloads.py
 * compares it with the row the app shows.
 */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rw-catalog.h"
#include "rw-train-fit.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autofree char *text = NULL;
  GListModel *models;
  RwModel *model = NULL;
  RwGpu *gpu;
  RwFitOptions inference;
  RwTrainOptions training;
  RwModelWorkloads workloads;

  setlocale (LC_ALL, "");
  if (argc != 6)
    {
      g_printerr ("usage: workload-notes GPU_ID MODEL_ID RANK SEQ_LEN MICRO_BATCH\n");
      return 2;
    }
  catalog = rw_catalog_new_builtin (&error);
  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  gpu = rw_catalog_lookup_gpu (catalog, argv[1]);
  models = rw_catalog_get_models (catalog);
  for (guint i = 0, n = g_list_model_get_n_items (models); i < n && model == NULL; i++)
    {
      g_autoptr(RwModel) m = g_list_model_get_item (models, i);

      if (g_strcmp0 (rw_model_get_id (m), argv[2]) == 0)
        model = m;
    }
  if (gpu == NULL || model == NULL)
    {
      g_printerr ("unknown GPU or model\n");
      return 1;
    }
  rw_fit_options_init (&inference);
  rw_train_options_init (&training, RW_WORKLOAD_LORA);
  training.lora_rank = (guint) atoi (argv[3]);
  training.seq_len = (guint64) g_ascii_strtoull (argv[4], NULL, 10);
  training.micro_batch = (guint) atoi (argv[5]);
  if (!rw_train_model_workloads (model, gpu, &inference, &training, &workloads))
    return 1;
  text = rw_train_model_workloads_text (&workloads);
  /* UTF-8 as it is, whatever the locale's charset (g_print would convert it) */
  fputs (text, stdout);
  fputc ('\n', stdout);
  return 0;
}
