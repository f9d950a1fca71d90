/* test-throughput-ledger.c: the decode throughput estimate against the public measurements of
 * tests/fixtures/measured-throughput.csv (docs/FIT.md, "Throughput")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-throughput-ledger            the test (TAP)
 *   test-throughput-ledger --table    the table of docs/FIT.md, row by row
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "fit-ledger.h"
#include "rw-plan.h"

typedef struct {
  char       *model, *precision, *engine, *gpu, *quantity, *unit, *source;
  guint       gpus, batch;
  guint64     input_tokens, output_tokens;
  double      value;       /* as printed */
  double      measured;    /* decode tokens/s of one sequence, from value */
  double      ceiling;     /* tokens/s at the full bandwidth (efficiency 1); NAN when none */
  double      predicted;   /* tokens/s of one sequence; NAN when skipped */
  double      would_be;    /* skipped rows on catalog models: the prediction with the vLLM
                            * factor of the format, for the table; NAN otherwise */
  const char *skip;        /* why the row is not predicted, or NULL */
  RwEngine    engine_id;
  RwPrecision precision_id;
} Row;

static void
row_free (Row *row)
{
  g_free (row->model);
  g_free (row->precision);
  g_free (row->engine);
  g_free (row->gpu);
  g_free (row->quantity);
  g_free (row->unit);
  g_free (row->source);
  g_free (row);
}

static GPtrArray *
load_rows (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "measured-throughput.csv", NULL);
  g_autoptr(GPtrArray) records = ledger_csv_load (path, 13, "model", "note");
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  for (guint i = 0; i < records->len; i++)
    {
      GPtrArray *f = g_ptr_array_index (records, i);
      Row *row = g_new0 (Row, 1);

      row->model = g_strdup (f->pdata[0]);
      row->precision = g_strdup (f->pdata[1]);
      row->engine = g_strdup (f->pdata[2]);
      row->gpu = g_strdup (f->pdata[3]);
      row->gpus = (guint) g_ascii_strtoull (f->pdata[4], NULL, 10);
      row->batch = (guint) MAX (1, g_ascii_strtoull (f->pdata[5], NULL, 10));
      row->input_tokens = g_ascii_strtoull (f->pdata[6], NULL, 10);
      row->output_tokens = g_ascii_strtoull (f->pdata[7], NULL, 10);
      row->quantity = g_strdup (f->pdata[8]);
      row->value = g_ascii_strtod (f->pdata[9], NULL);
      row->unit = g_strdup (f->pdata[10]);
      row->source = g_strdup (f->pdata[11]);
      row->measured = row->ceiling = row->predicted = row->would_be = NAN;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Predicts every row; the reasons for the skipped ones are docs/FIT.md's */
static void
predict (RwCatalog *catalog,
         GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      RwModel *model = ledger_model (catalog, row->model);
      RwGpu *gpu = rw_catalog_lookup_gpu (catalog, row->gpu);
      gboolean ours_engine = TRUE;
      guint64 tokens;
      double bytes;

      /* the per-sequence decode rate each quantity stands for (tests/fixtures/LEDGERS.md) */
      if (g_str_equal (row->quantity, "itl_ms") || g_str_equal (row->quantity, "tpot_ms"))
        row->measured = 1000.0 / row->value;
      else if (g_str_equal (row->quantity, "output_tok_s_total"))
        row->measured = row->value / row->batch;
      else if (g_str_equal (row->quantity, "output_tok_s_per_gpu"))
        row->measured = row->value * row->gpus / row->batch;
      else
        row->measured = row->value;

      if (g_str_equal (row->engine, "vllm"))
        row->engine_id = RW_ENGINE_VLLM;
      else if (g_str_equal (row->engine, "transformers"))
        row->engine_id = RW_ENGINE_TRANSFORMERS;
      else if (g_str_equal (row->engine, "llama.cpp"))
        row->engine_id = RW_ENGINE_LLAMACPP;
      else
        {
          row->engine_id = RW_ENGINE_VLLM;
          ours_engine = FALSE;
        }
      g_assert_true (rw_precision_from_string (row->precision, &row->precision_id));

      if (model == NULL || gpu == NULL)
        {
          row->skip = "model not in the catalog";
          continue;
        }
      /* the mean context over the generation: the prompt and half the output (not stated
       * in the MI300X batch rows: the prompt alone) */
      tokens = row->input_tokens + row->output_tokens / 2;
      bytes = rw_throughput_step_bytes (model, row->precision_id, row->engine_id,
                                        RW_KV_DTYPE_FP16, row->gpus, tokens, row->batch, NULL);
      row->ceiling = rw_gpu_get_memory_bandwidth_gbps (gpu) * 1e9 / bytes;

      if (!ours_engine)
        row->skip = "engine without a profile of ours (tensorrt-llm, gpt-fast)";
      else if (g_str_equal (row->quantity, "output_tok_s_per_seq_incl_prefill"))
        row->skip = "prefill of a 30 720-token prompt inside the figure";
      else if (g_str_equal (row->quantity, "output_tok_s_total") &&
               row->engine_id == RW_ENGINE_VLLM)
        row->skip = "same run as the TPOT row, over a duration with prefill and ramp-up";

      if (row->skip == NULL)
        row->predicted = rw_throughput_tokens_per_s (model, gpu, row->gpus, row->precision_id,
                                                     row->engine_id, RW_KV_DTYPE_FP16, tokens,
                                                     row->batch, NULL);
      else
        row->would_be = row->ceiling * rw_throughput_efficiency (RW_ENGINE_VLLM,
                                                                 row->precision_id, NULL);
    }
}

static double
ape (double predicted,
     double measured)
{
  return fabs (predicted - measured) / measured;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
predicted_rows (GPtrArray **rows_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  GPtrArray *rows = load_rows ();

  g_assert_no_error (error);
  predict (catalog, rows);
  *rows_out = rows;
}

/* MAPE ≤ 25 % over the rows predicted, at least 12 of them, every skip with its reason */
static void
test_mape (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  double sum = 0;
  guint n = 0;

  predicted_rows (&rows);
  g_assert_cmpuint (rows->len, >=, 32);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (row->skip != NULL)
        continue;
      g_assert_true (isfinite (row->predicted) && row->predicted > 0);
      sum += ape (row->predicted, row->measured);
      n++;
      g_test_message ("%s %s %s %s×%u batch %u: measured %.4g, ours %.4g (%+.1f %%)",
                      row->model, row->precision, row->engine, row->gpu, row->gpus, row->batch,
                      row->measured, row->predicted,
                      100 * (row->predicted - row->measured) / row->measured);
    }
  g_test_message ("MAPE %.2f %% over %u rows", 100 * sum / n, n);
  g_assert_cmpuint (n, >=, 12);
  g_assert_cmpfloat (sum / n, <=, 0.25);
}

/* Each efficiency factor is the median of measured / ceiling over its engine × format's rows
 * (docs/FIT.md): not a number tuned to the MAPE */
static void
test_factors_derived (void)
{
  g_autoptr(GPtrArray) rows = NULL;

  predicted_rows (&rows);
  for (guint e = 0; e < RW_N_ENGINES; e++)
    for (guint p = 0; p < RW_N_PRECISIONS; p++)
      {
        g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
        gboolean borrowed;
        double factor = rw_throughput_efficiency (e, p, &borrowed), median;

        for (guint i = 0; i < rows->len; i++)
          {
            Row *row = g_ptr_array_index (rows, i);
            double r = row->measured / row->ceiling;

            if (row->skip == NULL && row->engine_id == e && row->precision_id == p)
              g_array_append_val (ratios, r);
          }
        g_assert_cmpfloat (factor, >, 0.1);
        g_assert_cmpfloat (factor, <, 1.0);
        if (ratios->len == 0)
          continue;   /* llama.cpp's (rows not in the catalog) and the borrowed ones */
        g_assert_false (borrowed);
        qsort (ratios->data, ratios->len, sizeof (double), compare_doubles);
        median = ratios->len % 2 == 1
                 ? g_array_index (ratios, double, ratios->len / 2)
                 : (g_array_index (ratios, double, ratios->len / 2 - 1) +
                    g_array_index (ratios, double, ratios->len / 2)) / 2;
        g_test_message ("%s %s: %u rows, median %.4f, factor %.3f", rw_engine_to_string (e),
                        rw_precision_to_string (p), ratios->len, median, factor);
        g_assert_cmpfloat_with_epsilon (factor, median, 0.0005);
      }
}

/* The KV term: more sessions at a long context read more bytes per step, so each session
 * decodes slower, and MoE models read only their active experts */
static void
test_step_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  RwModel *llama = ledger_model (catalog, "llama-3-3-70b");
  RwModel *mixtral = ledger_model (catalog, "mixtral-8x7b");
  RwGpu *h100 = rw_catalog_lookup_gpu (catalog, "h100-sxm");
  double one, many, kv, moe, dense;

  g_assert_no_error (error);
  g_assert_nonnull (llama);
  g_assert_nonnull (mixtral);
  one = rw_throughput_step_bytes (llama, RW_PRECISION_FP16, RW_ENGINE_VLLM, RW_KV_DTYPE_FP16,
                                  1, 32768, 1, NULL);
  many = rw_throughput_step_bytes (llama, RW_PRECISION_FP16, RW_ENGINE_VLLM, RW_KV_DTYPE_FP16,
                                   1, 32768, 8, NULL);
  kv = rw_fit_kv_bytes (llama, 32768, RW_KV_DTYPE_FP16, RW_ENGINE_VLLM, 1, NULL, NULL);
  /* 80 layers × 2 × 8 heads × 128 × 2 bytes = 327 680 bytes per token */
  g_assert_cmpfloat_with_epsilon (kv, 327680.0 * 32768, 1);
  g_assert_cmpfloat_with_epsilon (many - one, 7 * kv, 1);
  g_assert_cmpfloat (rw_throughput_tokens_per_s (llama, h100, 1, RW_PRECISION_FP16,
                                                 RW_ENGINE_VLLM, RW_KV_DTYPE_FP16, 32768, 8,
                                                 NULL), <,
                     rw_throughput_tokens_per_s (llama, h100, 1, RW_PRECISION_FP16,
                                                 RW_ENGINE_VLLM, RW_KV_DTYPE_FP16, 32768, 1,
                                                 NULL));
  /* Mixtral 8x7B: 46.7 B held, 12.9 B active */
  moe = rw_throughput_step_bytes (mixtral, RW_PRECISION_FP16, RW_ENGINE_VLLM, RW_KV_DTYPE_FP16,
                                  1, 1, 1, NULL);
  dense = rw_fit_weights_bytes (mixtral, RW_PRECISION_FP16, RW_ENGINE_VLLM, NULL);
  g_assert_cmpfloat (moe, <, dense * 0.3);
  g_assert_cmpfloat (moe, >, 12.9e9 * 2 * 0.95);
  /* two GPUs read half the weights each */
  g_assert_cmpfloat (rw_throughput_step_bytes (llama, RW_PRECISION_FP16, RW_ENGINE_VLLM,
                                               RW_KV_DTYPE_FP16, 2, 1, 1, NULL), <, one / 2);
  g_assert_cmpfloat_with_epsilon (rw_usd_per_m_tokens (3.6, 1000), 1.0, 1e-12);
  g_assert_cmpfloat (rw_usd_per_m_tokens (3.6, 0), ==, RW_UNKNOWN);
}

static int
table (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  double sum = 0, all_sum = 0;
  guint n = 0, all_n = 0;

  predicted_rows (&rows);
  printf ("| model | format | engine | GPU × n | batch | in / out | measured tok/s per seq | "
          "ratio to ceiling | ours | error |\n");
  printf ("|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *ratio = isfinite (row->ceiling)
                               ? g_strdup_printf ("%.3f", row->measured / row->ceiling)
                               : g_strdup ("—");
      g_autofree char *ours = NULL;
      g_autofree char *output = row->output_tokens > 0
                                ? g_strdup_printf ("%" G_GUINT64_FORMAT, row->output_tokens)
                                : g_strdup ("—");

      if (row->skip == NULL)
        {
          double e = (row->predicted - row->measured) / row->measured;

          ours = g_strdup_printf ("%.4g | %+.1f %%", row->predicted, 100 * e);
          sum += fabs (e);
          n++;
          all_sum += fabs (e);
          all_n++;
        }
      else if (isfinite (row->would_be))
        {
          double e = (row->would_be - row->measured) / row->measured;

          ours = g_strdup_printf ("%.4g | %+.1f %% (skipped: %s)", row->would_be, 100 * e,
                                  row->skip);
          all_sum += fabs (e);
          all_n++;
        }
      else
        ours = g_strdup_printf ("— | skipped: %s", row->skip);
      printf ("| %s | %s | %s | %s × %u | %u | %" G_GUINT64_FORMAT " / %s | %.4g | %s | %s |\n",
              row->model, row->precision, row->engine, row->gpu, row->gpus, row->batch,
              row->input_tokens, output, row->measured, ratio, ours);
    }
  printf ("\nMAPE, ours: %.2f %% over %u rows (%u skipped, reasons in the table)\n",
          100 * sum / n, n, rows->len - n);
  printf ("MAPE with the skipped rows on catalog models too (other engines at vLLM's factor "
          "of their format): %.2f %% over %u rows\n", 100 * all_sum / all_n, all_n);

  /* out of sample: each row predicted with the median of the OTHER rows of its engine ×
   * format (rows alone in theirs have none) */
  sum = 0;
  n = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
      double median;

      if (row->skip != NULL)
        continue;
      for (guint j = 0; j < rows->len; j++)
        {
          Row *other = g_ptr_array_index (rows, j);
          double r = other->measured / other->ceiling;

          if (j != i && other->skip == NULL && other->engine_id == row->engine_id &&
              other->precision_id == row->precision_id)
            g_array_append_val (ratios, r);
        }
      if (ratios->len == 0)
        continue;
      qsort (ratios->data, ratios->len, sizeof (double), compare_doubles);
      median = ratios->len % 2 == 1
               ? g_array_index (ratios, double, ratios->len / 2)
               : (g_array_index (ratios, double, ratios->len / 2 - 1) +
                  g_array_index (ratios, double, ratios->len / 2)) / 2;
      sum += ape (row->ceiling * median, row->measured);
      n++;
    }
  printf ("MAPE out of sample (each row with the median of the other rows of its engine × "
          "format): %.2f %% over %u rows\n", 100 * sum / n, n);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "--table"))
    {
      g_setenv ("G_TEST_SRCDIR", SRCDIR_TESTS, FALSE);
      g_test_init (&argc, &argv, NULL);
      return table ();
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/throughput/ledger-mape", test_mape);
  g_test_add_func ("/throughput/factors-derived", test_factors_derived);
  g_test_add_func ("/throughput/step-bytes", test_step_bytes);
  return g_test_run ();
}
