/* rw-fit.h: which models fit on a GPU, and how much memory each part takes (docs/FIT.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-records.h"

G_BEGIN_DECLS

#define RW_DEFAULT_CONTEXT 8192

/* RW_MAX_CONTEXT: the largest context, in tokens, the planner's Context entry and the command
 * line's --context accept: 1,048,576 = 2^20 tokens, the longest context of the catalog's
 * models (llama-4-maverick's max_position_embeddings, docs/FIT.md); one constant so that
 * both refuse the same values */
#define RW_MAX_CONTEXT 1048576

/* RW_MIN_CONTEXT: the smallest context, in tokens, of every context field (Models, the
 * planner, Preferences) and of --context: one token */
#define RW_MIN_CONTEXT 1

/* RW_MAX_SESSIONS: the most concurrent sessions of one context that the Models view's and the
 * planner's Sessions fields and the command line's --sessions accept (newcomer report 5,
 * defect 4: the command line took any number); 256, the planner's bound since issue 17, a
 * chosen bound, not a measurement */
#define RW_MAX_SESSIONS 256

/* In order of preference: higher precision first */
typedef enum {
  RW_PRECISION_FP16,
  RW_PRECISION_FP8,
  RW_PRECISION_INT8,
  RW_PRECISION_INT4,
  RW_N_PRECISIONS
} RwPrecision;

/* The engine whose memory behaviour the fit follows (docs/FIT.md, "Runtime reserve") */
typedef enum {
  RW_ENGINE_VLLM,          /* the default */
  RW_ENGINE_LLAMACPP,
  RW_ENGINE_TRANSFORMERS,  /* peak allocated tensors only */
  RW_N_ENGINES
} RwEngine;

/* What one cached K or V value is stored as */
typedef enum {
  RW_KV_DTYPE_FP16,
  RW_KV_DTYPE_FP8,
  RW_N_KV_DTYPES
} RwKvDtype;

/* What a fit had to assume because the catalog did not say (flags) */
typedef enum {
  RW_FIT_ESTIMATED_NONE       = 0,
  RW_FIT_ESTIMATED_LAYERS     = 1 << 0,  /* no layer data: a default geometry */
  RW_FIT_ESTIMATED_EMBEDDING  = 1 << 1,  /* no embedding_params_b: Llama 3 vocabulary × hidden */
  RW_FIT_ESTIMATED_CONTEXT    = 1 << 2,  /* no maximum context: nothing to cap at */
  RW_FIT_ESTIMATED_STATE      = 1 << 3,  /* linear layers without state_bytes: state left out */
  RW_FIT_ESTIMATED_USABLE     = 1 << 4,  /* no usable_vram_mib: the fallback from vram_gb */
  RW_FIT_ESTIMATED_COMPONENTS = 1 << 5,  /* an image model without components */
} RwFitEstimated;

/* The GPU counts of one machine that tensor parallelism uses */
#define RW_FIT_N_COUNTS 4
extern const guint rw_fit_gpu_counts[RW_FIT_N_COUNTS];

typedef struct {
  guint64   context;    /* tokens per session asked for (capped at the model's maximum) */
  guint     sessions;   /* concurrent sessions, ≥ 1 */
  RwKvDtype kv_dtype;
  RwEngine  engine;
  guint     gpus;       /* 0: the fewest of 1, 2, 4, 8 that fits; else exactly this many */
  int       precision;  /* -1: the recommendation; else this RwPrecision */
  /* vLLM's settings: --max-num-batched-tokens (the tokens of its profiling step) and
   * --gpu-memory-utilization */
  guint64   batched_tokens;
  double    utilization;
} RwFitOptions;

/* One answer. Every *_bytes is per GPU, in bytes, unrounded. */
typedef struct {
  gboolean    fits;
  guint       gpus;            /* the GPUs of the answer; when !fits, the most that were tried */
  RwPrecision precision;
  guint64     context;         /* tokens per session computed with */
  gboolean    context_capped;  /* the context asked for was above the model's maximum */
  guint       sessions;
  double      weights_bytes;
  double      kv_bytes;        /* KV cache of every session (attention layers) */
  double      state_bytes;     /* fixed state of every session (linear-attention layers) */
  double      runtime_bytes;   /* the engine's reserve: context, activations, margins */
  double      need_bytes;      /* weights + KV + state + runtime */
  double      usable_bytes;
  /* at 1, 2, 4, 8 GPUs and this precision: the largest context for `sessions` sessions, and
   * the most sessions of `context` tokens; 0 when not even one token or session fits */
  guint64     max_context[RW_FIT_N_COUNTS];
  guint64     max_sessions[RW_FIT_N_COUNTS];
  guint       estimated;       /* RwFitEstimated */

  /* Totals over all GPUs in GB (1e9 bytes), for the report's older members */
  double      weights_gb;
  double      kv_gb;
  double      need_gb;
  gboolean    kv_estimated;    /* FALSE when the layer geometry was a default */
} RwFit;

/* The reference page's rule of thumb (DESIGN.md), kept to show its error beside ours */
typedef struct {
  guint       gpus;          /* GPUs needed, at least 1 */
  RwPrecision precision;
  double      weights_gb;
  double      kv_gb;         /* 0 when !kv_estimated */
  double      need_gb;       /* 1.2 × weights + KV */
  gboolean    kv_estimated;  /* FALSE when the model lacks layers, kv_heads or head_dim */
} RwRuleOfThumb;

const char *rw_precision_to_string        (RwPrecision  precision);
gboolean    rw_precision_from_string      (const char  *str,
                                           RwPrecision *precision);
double      rw_precision_bytes_per_weight (RwPrecision  precision);
const char *rw_engine_to_string           (RwEngine     engine);
gboolean    rw_engine_from_string         (const char  *str,
                                           RwEngine    *engine);
const char *rw_kv_dtype_to_string         (RwKvDtype    kv_dtype);
gboolean    rw_kv_dtype_from_string       (const char  *str,
                                           RwKvDtype   *kv_dtype);
gboolean    rw_architecture_has_fp8       (const char  *architecture);
const char *rw_fit_format_name            (RwEngine     engine,
                                           RwPrecision  precision);
double      rw_fit_format_bits            (RwEngine     engine,
                                           RwPrecision  precision);

double      rw_gpu_usable_bytes           (RwGpu       *gpu,
                                           gboolean    *estimated);
double      rw_fit_weights_bytes          (RwModel     *model,
                                           RwPrecision  precision,
                                           RwEngine     engine,
                                           guint       *estimated);
double      rw_fit_weights_bytes_at       (RwModel     *model,
                                           double       bits,
                                           gboolean     whole_model,
                                           guint       *estimated);
double      rw_fit_activation_bytes       (RwModel     *model,
                                           guint64      tokens);
double      rw_fit_kv_bytes               (RwModel     *model,
                                           guint64      tokens,
                                           RwKvDtype    kv_dtype,
                                           RwEngine     engine,
                                           guint        gpus,
                                           double      *state_bytes,
                                           guint       *estimated);
double      rw_fit_runtime_bytes          (RwModel     *model,
                                           RwEngine     engine,
                                           guint        gpus,
                                           guint64      tokens,
                                           guint        sessions,
                                           double       usable_bytes);
double      rw_fit_cuda_total_bytes       (double       usable_bytes);
double      rw_fit_vllm_kv_memory         (RwModel     *model,
                                           double       weights_bytes,
                                           double       usable_bytes,
                                           guint64      batched_tokens,
                                           double       utilization);
double      rw_fit_hidden_size            (RwModel     *model);

void        rw_fit_options_init           (RwFitOptions       *options);
void        rw_fit_compute                (RwModel            *model,
                                           RwGpu              *gpu,
                                           const RwFitOptions *options,
                                           RwFit              *out);

double      rw_kv_cache_gb                (guint        layers,
                                           guint        kv_heads,
                                           guint        head_dim,
                                           guint        sliding_window,
                                           guint        sliding_layers,
                                           guint64      context,
                                           gboolean    *estimated);
guint       rw_gpus_needed                (double       need_gb,
                                           double       vram_gb);
void        rw_rule_of_thumb              (double         params_b,
                                           double         kv_gb,
                                           gboolean       kv_estimated,
                                           double         vram_gb,
                                           RwPrecision    precision,
                                           RwRuleOfThumb *out);

G_END_DECLS
