/* fit-ledger.h: predicts the rows of tests/fixtures/measured-memory.csv with the fit engine
 * (and with the reference page's rule of thumb), for test-ledger and the fit-ledger bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How each quantity is predicted is written down in docs/FIT.md, "The measured ledger".
 */
#pragma once

#include <math.h>
#include <string.h>

#include "rw-catalog.h"
#include "rw-fit.h"

#define GIB_BYTES 1073741824.0

typedef struct {
  char   *model, *precision, *engine, *gpu, *quantity, *unit, *fits, *source, *note;
  guint64 context;
  guint   sessions;
  guint   gpus;          /* 0 when not stated */
  double  value;         /* as printed, in `unit` */
  /* filled by ledger_predict () */
  double  ours;          /* in `unit`, NAN when skipped */
  double  rule;          /* the 1.2× rule, NAN when it has no answer */
  const char *skip;      /* why the row is not predicted, or NULL */
  gboolean fits_ours;    /* the fit engine's fits for the row's set-up */
} LedgerRow;

static inline void
ledger_row_free (LedgerRow *row)
{
  g_free (row->model);
  g_free (row->precision);
  g_free (row->engine);
  g_free (row->gpu);
  g_free (row->quantity);
  g_free (row->unit);
  g_free (row->fits);
  g_free (row->source);
  g_free (row->note);
  g_free (row);
}

/* One RFC 4180 record of @text from *pos: its fields */
static inline GPtrArray *
ledger_csv_record (const char *text,
                   gsize      *pos)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (; text[*pos] != '\0'; (*pos)++)
    {
      char c = text[*pos];

      if (quoted)
        {
          if (c == '"' && text[*pos + 1] == '"')
            g_string_append_c (field, '"'), (*pos)++;
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (c == '\n')
        {
          (*pos)++;
          break;
        }
      else if (c != '\r')
        g_string_append_c (field, c);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

/* ledger_csv_load: reads a ledger CSV (RFC 4180 quoting) whose header has @n_fields columns,
 * the first named @first and the last @last (the test fails otherwise); blank lines are skipped.
 * Returns: (transfer full) (element-type GPtrArray): every record after the header, each an
 * array of @n_fields strings */
static inline GPtrArray *
ledger_csv_load (const char *path,
                 guint       n_fields,
                 const char *first,
                 const char *last)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) header = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gsize pos = 0;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  header = ledger_csv_record (text, &pos);
  g_assert_cmpuint (header->len, ==, n_fields);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, first);
  g_assert_cmpstr (g_ptr_array_index (header, n_fields - 1), ==, last);
  while (text[pos] != '\0')
    {
      GPtrArray *f = ledger_csv_record (text, &pos);

      if (f->len == 1 && ((char *) f->pdata[0])[0] == '\0')
        {
          g_ptr_array_unref (f);
          continue;
        }
      g_assert_cmpuint (f->len, ==, n_fields);
      g_ptr_array_add (records, f);
    }
  return records;
}

/* Returns: (transfer full) (element-type LedgerRow): the ledger's rows */
static inline GPtrArray *
ledger_load (const char *path)
{
  g_autoptr(GPtrArray) records = ledger_csv_load (path, 13, "model", "note");
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ledger_row_free);

  for (guint i = 0; i < records->len; i++)
    {
      GPtrArray *f = g_ptr_array_index (records, i);
      LedgerRow *row = g_new0 (LedgerRow, 1);

      row->model = g_strdup (f->pdata[0]);
      row->precision = g_strdup (f->pdata[1]);
      row->context = g_ascii_strtoull (f->pdata[2], NULL, 10);
      row->sessions = (guint) MAX (1, g_ascii_strtoull (f->pdata[3], NULL, 10));
      row->engine = g_strdup (f->pdata[4]);
      row->gpu = g_strdup (f->pdata[5]);
      row->gpus = (guint) g_ascii_strtoull (f->pdata[6], NULL, 10);
      row->quantity = g_strdup (f->pdata[7]);
      row->value = g_ascii_strtod (f->pdata[8], NULL);
      row->unit = g_strdup (f->pdata[9]);
      row->fits = g_strdup (f->pdata[10]);
      row->source = g_strdup (f->pdata[11]);
      row->note = g_strdup (f->pdata[12]);
      row->ours = row->rule = NAN;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static inline RwModel *
ledger_model (RwCatalog  *catalog,
              const char *id)
{
  GListModel *models = rw_catalog_get_models (catalog);

  for (guint i = 0, n = g_list_model_get_n_items (models); i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);

      if (g_str_equal (rw_model_get_id (model), id))
        return model;   /* the catalog keeps its reference */
    }
  return NULL;
}

/* The ledger's weight formats: effective bits, whether every tensor is quantized (GGUF), the
 * precision they are, and whether the fit engine models them. docs/FIT.md gives the sources. */
typedef struct {
  const char  *name;
  double       bits;
  gboolean     whole_model;
  RwPrecision  precision;
  gboolean     modelled;
} LedgerFormat;

static const LedgerFormat ledger_formats[] = {
  { "bf16", 16.0, FALSE, RW_PRECISION_FP16, TRUE },
  { "fp8", 8.0 + 32.0 / 16384, FALSE, RW_PRECISION_FP8, TRUE },
  { "int8", 8.0, FALSE, RW_PRECISION_INT8, TRUE },
  { "gptq-int8", 8.0 + 20.0 / 128, FALSE, RW_PRECISION_INT8, TRUE },
  { "gptq-int4", 4.0 + 20.0 / 128, FALSE, RW_PRECISION_INT4, TRUE },
  { "awq-int4", 4.0 + 20.0 / 128, FALSE, RW_PRECISION_INT4, TRUE },
  { "nvfp4", 4.0 + 8.0 / 16, FALSE, RW_PRECISION_INT4, TRUE },
  { "q4_0", 4.5, TRUE, RW_PRECISION_INT4, TRUE },
  { "q4_k_m", 4.84, TRUE, RW_PRECISION_INT4, TRUE },
  /* Diffusers' quantization back-ends (transformer and T5 only) */
  { "bnb-nf4", 4.5, FALSE, RW_PRECISION_INT4, FALSE },
  { "bnb-int8", 8.0, FALSE, RW_PRECISION_INT8, FALSE },
  { "torchao-int8", 8.0, FALSE, RW_PRECISION_INT8, FALSE },
  { "torchao-fp8", 8.0, FALSE, RW_PRECISION_FP8, FALSE },
  { "quanto-int8", 8.0, FALSE, RW_PRECISION_INT8, FALSE },
};

static inline const LedgerFormat *
ledger_format (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (ledger_formats); i++)
    if (g_str_equal (ledger_formats[i].name, name))
      return &ledger_formats[i];
  return NULL;
}

static inline double
to_unit (double      bytes,
         const char *unit)
{
  if (g_str_equal (unit, "GiB"))
    return bytes / GIB_BYTES;
  if (g_str_equal (unit, "MiB"))
    return bytes / 1048576.0;
  return bytes;
}

/* vLLM's --gpu-memory-utilization as the note states it, else the default 0.90 */
static inline double
ledger_utilization (const LedgerRow *row)
{
  const char *at = strstr (row->note, "gpu_memory_utilization");

  if (at != NULL)
    {
      at += strlen ("gpu_memory_utilization");
      while (*at == ' ' || *at == '=')
        at++;
      if (g_ascii_isdigit (*at))
        return g_ascii_strtod (at, NULL);
    }
  return 0.90;
}

/* The tokens of vLLM's profiling step: V0 profiles max_model_len, or 2048 with chunked
 * prefill, which it turns on above 32 768 tokens; V1 min (tokens, 8192) */
static inline guint64
ledger_batched_tokens (const LedgerRow *row)
{
  if (strstr (row->note, "V0") != NULL)
    return row->context > 32768 ? 2048 : row->context;
  return MIN (row->context * row->sessions, 8192);
}

/* The rule of thumb's bytes per weight of a format */
static inline double
rule_bytes (const LedgerFormat *format)
{
  return rw_precision_bytes_per_weight (format->precision);
}

/* The rule's KV in bytes, from the flat members, all sessions, or NAN */
static inline double
rule_kv (RwModel *model,
         guint64  tokens,
         guint    sessions)
{
  gboolean estimated;
  double kv = rw_kv_cache_gb (rw_model_get_layers (model), rw_model_get_kv_heads (model),
                              rw_model_get_head_dim (model), rw_model_get_sliding_window (model),
                              rw_model_get_sliding_layers (model), tokens, &estimated);

  return kv * 1e9 * sessions;
}

/**
 * ledger_predict:
 *
 * Fills the row's `ours`, `rule`, `skip` and `fits_ours`.
 */
static inline void
ledger_predict (RwCatalog *catalog,
                LedgerRow *row)
{
  RwModel *model = ledger_model (catalog, row->model);
  RwGpu *gpu = row->gpu[0] ? rw_catalog_lookup_gpu (catalog, row->gpu) : NULL;
  const LedgerFormat *format = ledger_format (row->precision);
  guint gpus = MAX (row->gpus, 1);
  RwEngine engine = RW_ENGINE_TRANSFORMERS;
  RwKvDtype kv_dtype = strstr (row->note, "kv_cache_dtype fp8") ? RW_KV_DTYPE_FP8 : RW_KV_DTYPE_FP16;
  double usable = gpu ? rw_gpu_usable_bytes (gpu, NULL) : NAN;
  double weights, per_token, fixed, state = 0, bytes = NAN, rule = NAN;
  double rule_weights;
  gboolean image;

  g_assert_nonnull (model);
  g_assert_nonnull (format);
  image = rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE;
  if (g_str_equal (row->engine, "vllm"))
    engine = RW_ENGINE_VLLM;
  else if (g_str_equal (row->engine, "llamacpp"))
    engine = RW_ENGINE_LLAMACPP;

  /* weights: every tensor at the format, embeddings at 16 bit unless GGUF; an image model's
   * Diffusers quantizers apply to the transformer and the T5 encoder only */
  if (image && format->bits != 16.0)
    {
      guint n;
      const RwModelComponent *c = rw_model_get_components (model, &n);

      weights = 0;
      for (guint i = 0; i < n; i++)
        weights += c[i].params_b * 1e9 *
                   ((g_str_equal (c[i].name, "transformer") || g_str_equal (c[i].name, "text_encoder_2"))
                    ? format->bits / 8 : 2.0);
    }
  else
    weights = rw_fit_weights_bytes_at (model, format->bits, format->whole_model, NULL);
  rule_weights = rw_model_get_params_b (model) * 1e9 * rule_bytes (format);

  /* KV: what grows per token and what does not, on one GPU */
  fixed = rw_fit_kv_bytes (model, 0, kv_dtype, engine, gpus, &state, NULL) + state;
  per_token = (rw_fit_kv_bytes (model, 1 << 24, kv_dtype, engine, gpus, NULL, NULL) -
               rw_fit_kv_bytes (model, (1 << 24) - 16, kv_dtype, engine, gpus, NULL, NULL)) / 16;

  if (!format->modelled)
    row->skip = "a Diffusers quantization back-end, not an engine format of ours";
  else if (g_str_equal (row->model, "llama-3-1-405b") && g_str_equal (row->precision, "fp8"))
    row->skip = "Meta's FP8 checkpoint keeps attention and the first and last layers in BF16";
  else if (g_str_equal (row->model, "gemma-4-31b"))
    row->skip = "“~525k tokens” is a rounded statement, not a log line";
  else if (g_str_has_suffix (row->source, "vllm-project/vllm/issues/21348"))
    row->skip = "run with the LMCache connector, a component the quote does not size";

  if (g_str_equal (row->quantity, "peak_allocated"))
    {
      double kv = rw_fit_kv_bytes (model, row->context, kv_dtype, engine, 1, &state, NULL);

      bytes = weights + (kv + state) * row->sessions +
              rw_fit_runtime_bytes (model, engine, gpus, row->context, row->sessions, usable) * gpus;
      rule = 1.2 * rule_weights + rule_kv (model, row->context, row->sessions);
    }
  else if (g_str_equal (row->quantity, "loaded_reserved"))
    {
      bytes = weights;
      rule = 1.2 * rule_weights;
    }
  else if (g_str_equal (row->quantity, "peak_reserved"))
    {
      bytes = weights + rw_fit_runtime_bytes (model, engine, 1, 0, row->sessions, usable);
      rule = 1.2 * rule_weights;
    }
  else if (g_str_equal (row->quantity, "weights"))
    {
      /* per GPU for vLLM; llama.cpp prints the model's size */
      bytes = engine == RW_ENGINE_VLLM ? weights / gpus : weights;
      rule = engine == RW_ENGINE_VLLM ? rule_weights / gpus : rule_weights;
    }
  else if (g_str_equal (row->quantity, "peak_torch"))
    {
      bytes = weights / gpus + rw_fit_activation_bytes (model, ledger_batched_tokens (row));
      rule = 1.2 * rule_weights / gpus;
    }
  else if (g_str_equal (row->quantity, "driver_total"))
    {
      bytes = rw_fit_cuda_total_bytes (usable);
      rule = rw_gpu_get_vram_gb (gpu) * 1e9;
    }
  else if (g_str_equal (row->quantity, "kv_bytes") && engine == RW_ENGINE_LLAMACPP)
    {
      /* llama.cpp's "KV self size" of all GPUs */
      bytes = rw_fit_kv_bytes (model, row->context, kv_dtype, engine, 1, NULL, NULL) * row->sessions;
      rule = rule_kv (model, row->context, row->sessions);
    }
  else if (g_str_equal (row->quantity, "kv_bytes") || g_str_equal (row->quantity, "kv_tokens"))
    {
      double memory = rw_fit_vllm_kv_memory (model, weights / gpus, usable,
                                             ledger_batched_tokens (row),
                                             ledger_utilization (row));
      double rule_memory = rw_gpu_get_vram_gb (gpu) * 1e9 - 1.2 * rule_weights / gpus;

      if (g_str_equal (row->quantity, "kv_bytes"))
        {
          bytes = memory;
          rule = rule_memory;
        }
      else
        {
          /* vLLM counts whole 16-token blocks */
          bytes = floor ((memory - fixed * row->sessions) / per_token / 16) * 16;
          rule = rule_memory / (rule_kv (model, 1, 1) / gpus);
        }
    }
  else
    g_error ("unknown quantity %s", row->quantity);

  row->ours = g_str_equal (row->unit, "tokens") ? bytes : to_unit (bytes, row->unit);
  row->rule = g_str_equal (row->unit, "tokens") ? rule : to_unit (rule, row->unit);
  if (!isfinite (row->rule) || row->rule <= 0)
    row->rule = NAN;

  /* would the fit engine say it fits, with the row's set-up? */
  row->fits_ours = TRUE;
  if (gpu != NULL && row->context > 0)
    {
      RwFitOptions options;
      RwFit fit;

      rw_fit_options_init (&options);
      options.context = row->context;
      options.sessions = row->sessions;
      options.kv_dtype = kv_dtype;
      options.engine = engine;
      options.gpus = gpus;
      options.precision = format->precision;
      options.batched_tokens = ledger_batched_tokens (row);
      options.utilization = ledger_utilization (row);
      rw_fit_compute (model, gpu, &options, &fit);
      row->fits_ours = fit.fits;
    }
}

/* |ours − measured| / measured */
static inline double
ledger_error (const LedgerRow *row,
              double           predicted)
{
  return (predicted - row->value) / row->value;
}
