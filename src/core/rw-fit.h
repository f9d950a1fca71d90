/* rw-fit.h: which models fit on a GPU (DESIGN.md, "Models that fit")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-records.h"

G_BEGIN_DECLS

#define RW_DEFAULT_CONTEXT 8192

/* In order of preference: higher precision first */
typedef enum {
  RW_PRECISION_FP16,
  RW_PRECISION_FP8,
  RW_PRECISION_INT8,
  RW_PRECISION_INT4,
  RW_N_PRECISIONS
} RwPrecision;

typedef struct {
  guint       gpus;          /* GPUs needed, at least 1 */
  RwPrecision precision;
  double      weights_gb;
  double      kv_gb;         /* 0 when !kv_estimated */
  double      need_gb;       /* 1.2 × weights + KV */
  gboolean    kv_estimated;  /* FALSE when the model lacks layers, kv_heads or head_dim */
} RwFit;

const char *rw_precision_to_string        (RwPrecision  precision);
double      rw_precision_bytes_per_weight (RwPrecision  precision);
gboolean    rw_architecture_has_fp8       (const char  *architecture);

double      rw_kv_cache_gb                (guint        layers,
                                           guint        kv_heads,
                                           guint        head_dim,
                                           guint        sliding_window,
                                           guint        sliding_layers,
                                           guint64      context,
                                           gboolean    *estimated);
guint       rw_gpus_needed                (double       need_gb,
                                           double       vram_gb);
void        rw_fit_at_precision           (double       params_b,
                                           double       kv_gb,
                                           gboolean     kv_estimated,
                                           double       vram_gb,
                                           RwPrecision  precision,
                                           RwFit       *out);
void        rw_fit_recommend              (RwModel     *model,
                                           double       vram_gb,
                                           const char  *architecture,
                                           guint64      context,
                                           RwFit       *out);

G_END_DECLS
