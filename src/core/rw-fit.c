/* rw-fit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rw-fit.h"

static const char * const precision_names[] = { "fp16", "fp8", "int8", "int4" };
static const double precision_bytes[] = { 2.0, 1.0, 1.0, 0.5 };

const char *
rw_precision_to_string (RwPrecision precision)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS, NULL);
  return precision_names[precision];
}

double
rw_precision_bytes_per_weight (RwPrecision precision)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS, 0);
  return precision_bytes[precision];
}

/* FP8 hardware: Ada Lovelace, Hopper and Blackwell. Unknown architectures have none. */
gboolean
rw_architecture_has_fp8 (const char *architecture)
{
  static const char * const fp8[] = { "Ada Lovelace", "Hopper", "Blackwell" };

  for (guint i = 0; architecture != NULL && i < G_N_ELEMENTS (fp8); i++)
    if (g_ascii_strcasecmp (architecture, fp8[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * rw_kv_cache_gb:
 * @estimated: (out): FALSE when layers, kv_heads or head_dim is 0 (unknown)
 *
 * KV GB = 2 × kv_heads × head_dim × 2 bytes ×
 *         (full_layers × T + sliding_layers × min (T, sliding_window)) / 1e9
 */
double
rw_kv_cache_gb (guint     layers,
                guint     kv_heads,
                guint     head_dim,
                guint     sliding_window,
                guint     sliding_layers,
                guint64   context,
                gboolean *estimated)
{
  double full_layers, tokens;

  if (layers == 0 || kv_heads == 0 || head_dim == 0)
    {
      *estimated = FALSE;
      return 0;
    }
  *estimated = TRUE;
  sliding_layers = MIN (sliding_layers, layers);
  full_layers = (double) (layers - sliding_layers);
  tokens = full_layers * (double) context +
           (double) sliding_layers * (double) MIN (context, (guint64) sliding_window);
  return 2.0 * kv_heads * head_dim * 2.0 * tokens / 1e9;
}

/* ceil (need / vram), at least 1, with a relative tolerance so that 1.2 × 40 GB
 * (48.000000000000007 in binary) still fits one 48 GB card. */
guint
rw_gpus_needed (double need_gb,
                double vram_gb)
{
  double ratio;

  g_return_val_if_fail (vram_gb > 0, 0);
  ratio = need_gb / vram_gb;
  if (!isfinite (ratio) || ratio > G_MAXUINT)
    return G_MAXUINT;
  return MAX (1u, (guint) ceil (ratio * (1.0 - 1e-12)));
}

void
rw_fit_at_precision (double       params_b,
                     double       kv_gb,
                     gboolean     kv_estimated,
                     double       vram_gb,
                     RwPrecision  precision,
                     RwFit       *out)
{
  out->precision = precision;
  out->weights_gb = params_b * rw_precision_bytes_per_weight (precision);
  out->kv_gb = kv_gb;
  out->kv_estimated = kv_estimated;
  out->need_gb = 1.2 * out->weights_gb + kv_gb;
  out->gpus = rw_gpus_needed (out->need_gb, vram_gb);
}

/**
 * rw_fit_recommend:
 * @context: tokens of context (T)
 *
 * The recommendation: the fewest GPUs, and at that count the highest precision.
 * FP8 is offered only on architectures with FP8 hardware; other GPUs get INT8.
 */
void
rw_fit_recommend (RwModel    *model,
                  double      vram_gb,
                  const char *architecture,
                  guint64     context,
                  RwFit      *out)
{
  RwPrecision candidates[3] = { RW_PRECISION_FP16, RW_PRECISION_INT8, RW_PRECISION_INT4 };
  gboolean estimated;
  double kv;

  g_return_if_fail (RW_IS_MODEL (model));
  g_return_if_fail (vram_gb > 0);
  g_return_if_fail (out != NULL);

  if (rw_architecture_has_fp8 (architecture))
    candidates[1] = RW_PRECISION_FP8;

  kv = rw_kv_cache_gb (rw_model_get_layers (model), rw_model_get_kv_heads (model),
                       rw_model_get_head_dim (model), rw_model_get_sliding_window (model),
                       rw_model_get_sliding_layers (model), context, &estimated);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      RwFit fit;

      rw_fit_at_precision (rw_model_get_params_b (model), kv, estimated, vram_gb,
                           candidates[i], &fit);
      /* candidates go from highest to lowest precision: only strictly fewer GPUs win */
      if (i == 0 || fit.gpus < out->gpus)
        *out = fit;
    }
}
