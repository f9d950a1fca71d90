/* rw-fit.c: the memory model of docs/FIT.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every constant below is in docs/FIT.md with its public source. All sizes are bytes
 * (GiB = 2^30 bytes where a source states GiB), unrounded; GB in the older report members
 * is 1e9 bytes.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rw-fit.h"

#define GIB 1073741824.0

const guint rw_fit_gpu_counts[RW_FIT_N_COUNTS] = { 1, 2, 4, 8 };

static const char * const precision_names[] = { "fp16", "fp8", "int8", "int4" };
static const double precision_bytes[] = { 2.0, 1.0, 1.0, 0.5 };
static const char * const engine_names[] = { "vllm", "llamacpp", "transformers" };
static const char * const kv_dtype_names[] = { "fp16", "fp8" };

/* vLLM: --gpu-memory-utilization defaults to 0.9 of the total CUDA reports */
#define VLLM_UTILIZATION     0.90
/* CUDA reports less than the driver's total: an RTX 3090 of 24 576 MiB (nvidia-smi) shows
 * total_gpu_memory 23.58 GiB in vLLM's log, an H100 SXM of 81 559 MiB 79.22 GiB: 430 and
 * 438 MiB kept by the driver (docs/FIT.md) */
#define CUDA_RESERVED        (438.0 * 1048576.0)
/* vLLM's memory outside PyTorch (CUDA context, cuBLAS, NCCL): non_torch_memory 0.35 GiB in the
 * RTX 3090 log of the ledger, 0.25 GiB per GPU in its 2 × RTX 4090 log, 0.16 GiB in
 * vllm-project/vllm#12126: the largest */
#define VLLM_NON_TORCH       (0.35 * GIB)
/* vLLM V1 profiles one step of max_num_batched_tokens, 8192 by default for serving */
#define VLLM_BATCHED_TOKENS  8192
/* vLLM allocates the KV cache in blocks of 16 tokens (CacheConfig.block_size default) */
#define VLLM_BLOCK_TOKENS    16
/* llama.cpp: llama_params_fit () leaves 1024 MiB free per device; the compute buffer holds a
 * micro-batch's logits, n_ubatch (512 by default) × n_vocab float32 */
#define LLAMACPP_MARGIN      (1.0 * GIB)
#define LLAMACPP_UBATCH      512.0
/* The activation peak of a forward pass, bytes per token per unit of (estimated) hidden size:
 * the MLP's gate, up and product tensors at 16 bit. 29 is what the Qwen 2.5 speed benchmark
 * measures (peak allocated − weights − KV at 32 768 tokens: 7B 29.9, 32B 28.0) */
#define ACTIVATION_PER_HIDDEN 29.0
/* Image models (diffusers): the activation reserve at 1024 × 1024, per image: peak − loaded
 * memory of FLUX.1 Dev in the Diffusers quantization benchmark (bf16 4.72 GiB, NF4 4.70) */
#define IMAGE_ACTIVATION     (4.72 * GIB)
/* A model without layer data gets Llama 3's attention geometry: 8 KV heads of 128 */
#define DEFAULT_KV_HEADS     8
#define DEFAULT_HEAD_DIM     128
/* and, with no parameters to estimate it from, the hidden size of Llama 3 8B */
#define DEFAULT_HIDDEN       4096.0
/* and Llama 3's vocabulary (vocab_size in its config) */
#define DEFAULT_VOCAB        128256.0
/* llama.cpp's q8_0 cache type: blocks of 32 int8 values and one fp16 scale = 8.5 bits */
#define Q8_0_BITS            8.5
/* The longest context a fit considers when the model states none */
#define MAX_TOKENS           ((guint64) 1 << 30)
#define MAX_SESSIONS         ((guint64) 1 << 20)

const char *
rw_precision_to_string (RwPrecision precision)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS, NULL);
  return precision_names[precision];
}

/* "fp16", "fp8", "int8", "int4" → the precision; FALSE for anything else */
gboolean
rw_precision_from_string (const char  *str,
                          RwPrecision *precision)
{
  for (guint i = 0; str != NULL && i < RW_N_PRECISIONS; i++)
    if (g_str_equal (str, precision_names[i]))
      return (*precision = (RwPrecision) i), TRUE;
  return FALSE;
}

/* The rule of thumb's bytes per weight: FP16 2, FP8 1, INT8 1, INT4 0.5 */
double
rw_precision_bytes_per_weight (RwPrecision precision)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS, 0);
  return precision_bytes[precision];
}

/* The engine's name in the command line and JSON: "vllm", "llamacpp", "transformers" */
const char *
rw_engine_to_string (RwEngine engine)
{
  g_return_val_if_fail (engine < RW_N_ENGINES, NULL);
  return engine_names[engine];
}

/* The engine of a name of rw_engine_to_string (); FALSE for anything else */
gboolean
rw_engine_from_string (const char *str,
                       RwEngine   *engine)
{
  for (guint i = 0; str != NULL && i < RW_N_ENGINES; i++)
    if (g_str_equal (str, engine_names[i]))
      return (*engine = (RwEngine) i), TRUE;
  return FALSE;
}

/* The KV data type's name: "fp16" (2 bytes a value) or "fp8" (1 byte; llama.cpp's q8_0) */
const char *
rw_kv_dtype_to_string (RwKvDtype kv_dtype)
{
  g_return_val_if_fail (kv_dtype < RW_N_KV_DTYPES, NULL);
  return kv_dtype_names[kv_dtype];
}

/* The KV data type of a name of rw_kv_dtype_to_string (); FALSE for anything else */
gboolean
rw_kv_dtype_from_string (const char *str,
                         RwKvDtype  *kv_dtype)
{
  for (guint i = 0; str != NULL && i < RW_N_KV_DTYPES; i++)
    if (g_str_equal (str, kv_dtype_names[i]))
      return (*kv_dtype = (RwKvDtype) i), TRUE;
  return FALSE;
}

/**
 * rw_architecture_has_fp8:
 *
 * Whether the architecture has FP8 tensor hardware: NVIDIA Ada Lovelace, Hopper and Blackwell,
 * AMD CDNA 3 and CDNA 4 (spaces and case ignored: "CDNA3" is "CDNA 3"). Unknown: none.
 */
gboolean
rw_architecture_has_fp8 (const char *architecture)
{
  static const char * const fp8[] = { "adalovelace", "hopper", "blackwell", "cdna3", "cdna4" };
  g_autoptr(GString) key = NULL;

  if (architecture == NULL)
    return FALSE;
  key = g_string_new (NULL);
  for (const char *p = architecture; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (key, g_ascii_tolower (*p));
  for (guint i = 0; i < G_N_ELEMENTS (fp8); i++)
    if (g_str_equal (key->str, fp8[i]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ formats */

typedef struct {
  const char *name;
  double      bits;        /* effective bits per weight of the quantized tensors */
  gboolean    whole_model; /* GGUF: every tensor at this average; else embeddings stay 16 bit */
} Format;

/* vLLM and Transformers load the same checkpoints: BF16, FP8 with one float32 scale per
 * 128 × 128 block, INT8 W8A8 with per-channel scales, AWQ/GPTQ INT4 with one fp16 scale and
 * one 4-bit zero point per group of 128. llama.cpp: F16, Q8_0 (8.5 bits), Q4_K_M (4.84 bits
 * per weight over the whole file, llama.cpp's quantize table). */
static const Format formats[RW_N_ENGINES][RW_N_PRECISIONS] = {
  [RW_ENGINE_VLLM] = {
    { "BF16", 16.0, FALSE },
    { "FP8 (block scales)", 8.0 + 32.0 / (128.0 * 128.0), FALSE },
    { "INT8 W8A8", 8.0, FALSE },
    { "AWQ/GPTQ INT4 g128", 4.0 + (16.0 + 4.0) / 128.0, FALSE },
  },
  [RW_ENGINE_LLAMACPP] = {
    { "GGUF F16", 16.0, TRUE },
    { "GGUF Q8_0", Q8_0_BITS, TRUE },
    { "GGUF Q8_0", Q8_0_BITS, TRUE },
    { "GGUF Q4_K_M", 4.84, TRUE },
  },
  [RW_ENGINE_TRANSFORMERS] = {
    { "BF16", 16.0, FALSE },
    { "FP8 (block scales)", 8.0 + 32.0 / (128.0 * 128.0), FALSE },
    { "INT8 W8A8", 8.0, FALSE },
    { "AWQ/GPTQ INT4 g128", 4.0 + (16.0 + 4.0) / 128.0, FALSE },
  },
};

/* The weight format an engine uses at a precision, e.g. "GGUF Q4_K_M" */
const char *
rw_fit_format_name (RwEngine    engine,
                    RwPrecision precision)
{
  g_return_val_if_fail (engine < RW_N_ENGINES && precision < RW_N_PRECISIONS, NULL);
  return formats[engine][precision].name;
}

/* Its effective bits per quantized weight, scales and zero points included */
double
rw_fit_format_bits (RwEngine    engine,
                    RwPrecision precision)
{
  g_return_val_if_fail (engine < RW_N_ENGINES && precision < RW_N_PRECISIONS, 0);
  return formats[engine][precision].bits;
}

/* ------------------------------------------------------------ memory */

/**
 * rw_gpu_usable_bytes:
 * @estimated: (out) (optional): TRUE when the catalog lacks usable_vram_mib
 *
 * The memory the driver reports for one GPU (nvidia-smi / rocm-smi total), in bytes:
 * usable_vram_mib × 2^20, or else vram_gb × 1024 MiB × 46068 / 49152, the ratio of the
 * lowest of the public driver totals in docs/FIT.md (an L40S: 46 068 MiB of 48 GiB), so the
 * fallback never promises more than a real card.
 */
double
rw_gpu_usable_bytes (RwGpu    *gpu,
                     gboolean *estimated)
{
  double mib = rw_gpu_get_usable_vram_mib (gpu);

  if (estimated != NULL)
    *estimated = mib <= 0;
  if (mib > 0)
    return mib * 1048576.0;
  return rw_gpu_get_vram_gb (gpu) * 1024.0 * 1048576.0 * (46068.0 / 49152.0);
}

/* The layers of a model without layer data, by size like Llama 3: 32 layers up to 10B
 * (Llama 3.1 8B), 64 up to 40B (Qwen 2.5 32B), 80 up to 100B (Llama 3.1 70B), else 126
 * (Llama 3.1 405B) */
static guint
default_layers (double params_b)
{
  if (params_b <= 10)
    return 32;
  if (params_b <= 40)
    return 64;
  if (params_b <= 100)
    return 80;
  return 126;
}

static const RwLayerGroup *
layer_groups (RwModel      *model,
              RwLayerGroup *fallback,
              guint        *n_groups,
              guint        *estimated)
{
  const RwLayerGroup *groups = rw_model_get_layer_groups (model, n_groups);

  if (*n_groups > 0)
    return groups;
  *fallback = (RwLayerGroup) { default_layers (rw_model_get_params_b (model)), RW_ATTENTION_FULL,
                               DEFAULT_KV_HEADS, DEFAULT_HEAD_DIM, 0, 0, 0, RW_UNKNOWN };
  *n_groups = 1;
  if (estimated != NULL)
    *estimated |= RW_FIT_ESTIMATED_LAYERS;
  return fallback;
}

/* hidden ≈ sqrt (block parameters per layer / 12), see rw_fit_hidden_size () */
static double
hidden_from (double block_params,
             guint  layers)
{
  if (block_params <= 0 || layers == 0)
    return DEFAULT_HIDDEN;
  return sqrt (block_params / (12.0 * layers));
}

static guint
n_layers (RwModel *model)
{
  RwLayerGroup fallback;
  const RwLayerGroup *groups;
  guint n_groups, layers = 0;

  groups = layer_groups (model, &fallback, &n_groups, NULL);
  for (guint i = 0; i < n_groups; i++)
    layers += groups[i].count;
  return layers;
}

/* The input embedding's parameters; unknown: Llama 3's vocabulary of 128 256 tokens × the
 * hidden size estimated from all the active parameters, flagged */
static double
embedding_params (RwModel *model,
                  guint   *estimated)
{
  double e = rw_model_get_embedding_params_b (model);
  double active = rw_model_get_active_params_b (model);

  if (e >= 0)
    return e * 1e9;
  if (estimated != NULL)
    *estimated |= RW_FIT_ESTIMATED_EMBEDDING;
  if (rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE)
    return 0;
  if (active <= 0)
    active = rw_model_get_params_b (model);
  e = DEFAULT_VOCAB * hidden_from (active * 1e9, n_layers (model));
  /* never more than the parameters hold */
  return MIN (e, rw_model_get_params_b (model) * 1e9 / 4);
}

/**
 * rw_fit_hidden_size:
 *
 * The model's hidden size, estimated from its active parameters: a transformer layer holds
 * about 12 × hidden² parameters (4 h² of attention, 8 h² of MLP), so
 * hidden ≈ sqrt ((active − embeddings) / (12 × layers)). Llama 3 8B gives 4263 (4096 in its
 * config), Llama 3 70B 8443 (8192).
 */
double
rw_fit_hidden_size (RwModel *model)
{
  double active = rw_model_get_active_params_b (model);
  double e = embedding_params (model, NULL);

  g_return_val_if_fail (RW_IS_MODEL (model), DEFAULT_HIDDEN);
  if (active <= 0)
    active = rw_model_get_params_b (model);
  return hidden_from (active * 1e9 - e * (rw_model_get_tied_embeddings (model) ? 1 : 2),
                      n_layers (model));
}

/**
 * rw_fit_weights_bytes:
 * @estimated: (inout) (optional): RwFitEstimated flags to add to
 *
 * All the weights of the model at @precision in @engine's format, in bytes: the transformer
 * blocks at the format's effective bits, the input embedding and (when not tied) the output
 * head at 16 bit; GGUF formats quantize every tensor at the file's average bits. MoE models
 * hold all their experts. Image models: every component at the format's bits.
 */
double
rw_fit_weights_bytes (RwModel     *model,
                      RwPrecision  precision,
                      RwEngine     engine,
                      guint       *estimated)
{
  g_return_val_if_fail (precision < RW_N_PRECISIONS && engine < RW_N_ENGINES, 0);
  return rw_fit_weights_bytes_at (model, formats[engine][precision].bits,
                                  formats[engine][precision].whole_model, estimated);
}

/**
 * rw_fit_weights_bytes_at:
 * @bits: effective bits per quantized weight
 * @whole_model: TRUE when every tensor is at @bits (GGUF), FALSE when the embedding and the
 *   output head stay at 16 bit
 * @estimated: (inout) (optional): RwFitEstimated flags to add to
 *
 * rw_fit_weights_bytes () for a format given by its bits, in bytes.
 */
double
rw_fit_weights_bytes_at (RwModel  *model,
                         double    bits,
                         gboolean  whole_model,
                         guint    *estimated)
{
  const Format one = { NULL, bits, whole_model };
  const Format *format = &one;
  double params, e, head, blocks;

  g_return_val_if_fail (RW_IS_MODEL (model), 0);

  params = rw_model_get_params_b (model) * 1e9;
  if (rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE)
    {
      guint n;
      const RwModelComponent *components = rw_model_get_components (model, &n);

      if (n == 0)
        {
          if (estimated != NULL)
            *estimated |= RW_FIT_ESTIMATED_COMPONENTS;
          return params * format->bits / 8.0;
        }
      params = 0;
      for (guint i = 0; i < n; i++)
        params += components[i].params_b * 1e9;
      return params * format->bits / 8.0;
    }
  if (format->whole_model)
    return params * format->bits / 8.0;

  e = embedding_params (model, estimated);
  head = rw_model_get_tied_embeddings (model) ? 0 : e;
  blocks = MAX (0, params - e - head);
  return blocks * format->bits / 8.0 + (e + head) * 2.0;
}

static double
kv_value_bytes (RwKvDtype kv_dtype,
                RwEngine  engine)
{
  if (kv_dtype == RW_KV_DTYPE_FP16)
    return 2.0;
  return engine == RW_ENGINE_LLAMACPP ? Q8_0_BITS / 8.0 : 1.0;
}

/* KV on one GPU as a function of the tokens T of one session:
 * full × T + Σ sliding[i] × min (T, window[i]), and a fixed state */
typedef struct {
  double full;
  guint  n_sliding;
  double sliding[64];
  double window[64];
  double state;
  gboolean round_blocks;   /* vLLM: T rounded up to its 16-token blocks */
} KvShape;

static void
kv_shape (RwModel   *model,
          RwKvDtype  kv_dtype,
          RwEngine   engine,
          guint      gpus,
          KvShape   *shape,
          guint     *estimated)
{
  RwLayerGroup fallback;
  const RwLayerGroup *groups;
  guint n_groups;
  double value = kv_value_bytes (kv_dtype, engine);

  memset (shape, 0, sizeof *shape);
  if (rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE)
    return;
  shape->round_blocks = engine == RW_ENGINE_VLLM;
  groups = layer_groups (model, &fallback, &n_groups, estimated);
  for (guint i = 0; i < n_groups; i++)
    {
      const RwLayerGroup *g = &groups[i];
      double heads = g->kv_heads;

      if (engine == RW_ENGINE_VLLM && (g->attention == RW_ATTENTION_FULL ||
                                       g->attention == RW_ATTENTION_SLIDING))
        heads = MAX (1.0, ceil (heads / gpus)) * gpus;   /* split, then divided below */

      switch (g->attention)
        {
        case RW_ATTENTION_FULL:
          shape->full += 2.0 * heads * g->head_dim * value * g->count / gpus;
          break;
        case RW_ATTENTION_SLIDING:
          if (shape->n_sliding < G_N_ELEMENTS (shape->sliding))
            {
              shape->sliding[shape->n_sliding] =
                2.0 * heads * g->head_dim * value * g->count / gpus;
              shape->window[shape->n_sliding++] = g->window;
            }
          break;
        case RW_ATTENTION_MLA:
          /* vLLM: the latent has no heads to split, every GPU keeps it */
          shape->full += (double) (g->kv_lora_rank + g->qk_rope_head_dim) * value * g->count /
                         (engine == RW_ENGINE_VLLM ? 1 : gpus);
          break;
        case RW_ATTENTION_LINEAR:
          if (g->state_bytes >= 0)
            shape->state += g->state_bytes * g->count / gpus;
          else if (estimated != NULL)
            *estimated |= RW_FIT_ESTIMATED_STATE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static inline double
kv_at (const KvShape *shape,
       guint64        tokens)
{
  double t, kv;

  if (shape->round_blocks)
    tokens = (tokens + VLLM_BLOCK_TOKENS - 1) / VLLM_BLOCK_TOKENS * VLLM_BLOCK_TOKENS;
  t = (double) tokens;
  kv = shape->full * t;
  for (guint i = 0; i < shape->n_sliding; i++)
    kv += shape->sliding[i] * MIN (t, shape->window[i]);
  return kv;
}

/**
 * rw_fit_kv_bytes:
 * @tokens: the tokens one session holds
 * @gpus: GPUs the model is split over
 * @state_bytes: (out) (optional): the session's fixed state on one GPU (linear layers)
 * @estimated: (inout) (optional): RwFitEstimated flags to add to
 *
 * The KV cache of one session of @tokens tokens on one GPU, in bytes: per layer,
 * 2 × kv_heads × head_dim values per token (full attention; sliding windows keep
 * min (tokens, window) tokens), or kv_lora_rank + qk_rope_head_dim values per token (MLA),
 * each of 2 bytes (FP16) or 1 (FP8; llama.cpp's q8_0 8.5 bits). vLLM rounds the tokens up
 * to its 16-token blocks, splits KV heads over the GPUs (a GPU keeps at least one head) and
 * keeps the whole MLA latent on every GPU; llama.cpp and Transformers split layers, so each
 * GPU holds 1 / gpus of the cache.
 */
double
rw_fit_kv_bytes (RwModel   *model,
                 guint64    tokens,
                 RwKvDtype  kv_dtype,
                 RwEngine   engine,
                 guint      gpus,
                 double    *state_bytes,
                 guint     *estimated)
{
  KvShape shape;

  g_return_val_if_fail (RW_IS_MODEL (model), 0);
  g_return_val_if_fail (gpus >= 1, 0);

  kv_shape (model, kv_dtype, engine, gpus, &shape, estimated);
  if (state_bytes != NULL)
    *state_bytes = shape.state;
  return kv_at (&shape, tokens);
}

/**
 * rw_fit_activation_bytes:
 * @tokens: tokens in one forward pass
 *
 * The activation peak of a forward pass over @tokens tokens, in bytes:
 * 29 × hidden × tokens (docs/FIT.md, "Activations"; hidden from rw_fit_hidden_size ()).
 */
double
rw_fit_activation_bytes (RwModel *model,
                         guint64  tokens)
{
  g_return_val_if_fail (RW_IS_MODEL (model), 0);
  return ACTIVATION_PER_HIDDEN * rw_fit_hidden_size (model) * (double) tokens;
}

/**
 * rw_fit_runtime_bytes:
 * @tokens: tokens per session
 * @usable_bytes: the GPU's usable memory
 *
 * What the engine keeps on each GPU beside weights and cache, in bytes:
 * - vLLM: the 438 MiB CUDA does not hand out, the (1 − 0.90) of the rest it leaves unused
 *   (CUDA graphs come from there), 0.35 GiB outside PyTorch, and the activation peak of one
 *   step of min (tokens × sessions, 8192) tokens.
 * - llama.cpp: its 1 GiB margin and a compute buffer of 512 × n_vocab float32 logits
 *   (n_vocab = embedding parameters / hidden size).
 * - Transformers: only the activation peak of the prefill of every session's tokens.
 * - Image models: 4.72 GiB of activations per image at 1024 × 1024.
 */
static double
runtime_bytes (RwModel *model,
               RwEngine engine,
               guint64  tokens,
               guint    sessions,
               double   usable_bytes,
               guint64  batched_tokens,
               double   utilization)
{
  if (rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE)
    return IMAGE_ACTIVATION * sessions;

  switch (engine)
    {
    case RW_ENGINE_VLLM:
      return CUDA_RESERVED + (1.0 - utilization) * (usable_bytes - CUDA_RESERVED) +
             VLLM_NON_TORCH +
             rw_fit_activation_bytes (model, MIN ((double) tokens * sessions, batched_tokens));
    case RW_ENGINE_LLAMACPP:
      {
        double e = embedding_params (model, NULL);
        double vocab = e > 0 ? e / rw_fit_hidden_size (model) : 0;

        return LLAMACPP_MARGIN + LLAMACPP_UBATCH * vocab * 4.0;
      }
    case RW_ENGINE_TRANSFORMERS:
      return rw_fit_activation_bytes (model, tokens * sessions);
    case RW_N_ENGINES:
    default:
      g_return_val_if_reached (0);
    }
}

double
rw_fit_runtime_bytes (RwModel *model,
                      RwEngine engine,
                      guint    gpus,
                      guint64  tokens,
                      guint    sessions,
                      double   usable_bytes)
{
  g_return_val_if_fail (RW_IS_MODEL (model), 0);
  g_return_val_if_fail (engine < RW_N_ENGINES, 0);
  return runtime_bytes (model, engine, tokens, sessions, usable_bytes, VLLM_BATCHED_TOKENS,
                        VLLM_UTILIZATION);
}

/**
 * rw_fit_cuda_total_bytes:
 *
 * The total CUDA hands out on a GPU whose driver reports @usable_bytes: 438 MiB less.
 */
double
rw_fit_cuda_total_bytes (double usable_bytes)
{
  return usable_bytes - CUDA_RESERVED;
}

/**
 * rw_fit_vllm_kv_memory:
 * @weights_bytes: weights on one GPU
 * @batched_tokens: tokens of vLLM's profiling step (max_num_batched_tokens)
 * @utilization: --gpu-memory-utilization (0.90 by default)
 *
 * The memory vLLM gives the KV cache on one GPU, in bytes: utilization × the CUDA total −
 * weights − the memory outside PyTorch − the activation peak of the profiling step (the
 * "available_kv_cache_memory" of its log).
 */
double
rw_fit_vllm_kv_memory (RwModel *model,
                       double   weights_bytes,
                       double   usable_bytes,
                       guint64  batched_tokens,
                       double   utilization)
{
  g_return_val_if_fail (RW_IS_MODEL (model), 0);
  return utilization * rw_fit_cuda_total_bytes (usable_bytes) - weights_bytes - VLLM_NON_TORCH -
         rw_fit_activation_bytes (model, batched_tokens);
}

/* ------------------------------------------------------------ the fit */

typedef struct {
  RwModel            *model;
  const RwFitOptions *options;
  gboolean            image;
  double              usable;
  double              weights[RW_N_PRECISIONS];
  KvShape             kv[RW_FIT_N_COUNTS];
  double              act_per_token;   /* activation bytes per token of a forward pass */
  double              fixed_runtime;   /* the runtime reserve that does not grow with tokens */
  guint64             batched_tokens;
  guint               estimated;
} Ctx;

static guint
count_index (guint gpus)
{
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    if (rw_fit_gpu_counts[c] == gpus)
      return c;
  g_return_val_if_reached (0);
}

/* The need per GPU of @sessions sessions of @tokens at @gpus and @precision; the parts
 * go to @out when not NULL */
static double
need_at (Ctx        *ctx,
         RwPrecision precision,
         guint       gpus,
         guint64     tokens,
         guint64     sessions,
         RwFit      *out)
{
  double state, kv, runtime, weights;
  const KvShape *shape;

  if (ctx->image)
    {
      /* an image pipeline is not split: each GPU holds a copy and makes its share of the
       * images (data parallel) */
      guint64 per_gpu = (sessions + gpus - 1) / gpus;

      weights = ctx->weights[precision];
      runtime = IMAGE_ACTIVATION * (double) per_gpu;
      if (out != NULL)
        {
          out->weights_bytes = weights;
          out->kv_bytes = out->state_bytes = 0;
          out->runtime_bytes = runtime;
          out->need_bytes = weights + runtime;
          out->usable_bytes = ctx->usable;
        }
      return weights + runtime;
    }

  shape = &ctx->kv[count_index (gpus)];
  kv = kv_at (shape, tokens) * (double) sessions;
  state = shape->state * (double) sessions;
  switch (ctx->options->engine)
    {
    case RW_ENGINE_VLLM:
      runtime = ctx->fixed_runtime +
                ctx->act_per_token * MIN ((double) tokens * sessions, (double) ctx->batched_tokens);
      break;
    case RW_ENGINE_TRANSFORMERS:
      runtime = ctx->act_per_token * (double) tokens * sessions;
      break;
    case RW_ENGINE_LLAMACPP:
    case RW_N_ENGINES:
    default:
      runtime = ctx->fixed_runtime;
      break;
    }
  weights = ctx->weights[precision] / gpus;
  if (out != NULL)
    {
      out->weights_bytes = weights;
      out->kv_bytes = kv;
      out->state_bytes = state;
      out->runtime_bytes = runtime;
      out->need_bytes = weights + kv + state + runtime;
      out->usable_bytes = ctx->usable;
    }
  return weights + kv + state + runtime;
}

static guint64
context_cap (RwModel *model)
{
  gint64 max = rw_model_get_context (model);

  return max > 0 ? (guint64) MIN ((guint64) max, MAX_TOKENS) : MAX_TOKENS;
}

/* The largest tokens per session (≤ cap) for @sessions sessions, or 0 */
static guint64
max_context_at (Ctx        *ctx,
                RwPrecision precision,
                guint       gpus,
                guint64     sessions)
{
  guint64 lo = 1, hi = context_cap (ctx->model);

  if (rw_model_get_kind (ctx->model) == RW_MODEL_KIND_IMAGE)
    return 0;
  if (need_at (ctx, precision, gpus, lo, sessions, NULL) > ctx->usable)
    return 0;
  if (need_at (ctx, precision, gpus, hi, sessions, NULL) <= ctx->usable)
    return hi;
  while (hi - lo > 1)   /* need (lo) fits, need (hi) does not */
    {
      guint64 mid = lo + (hi - lo) / 2;

      if (need_at (ctx, precision, gpus, mid, sessions, NULL) <= ctx->usable)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The most sessions of @tokens each, or 0 */
static guint64
max_sessions_at (Ctx        *ctx,
                 RwPrecision precision,
                 guint       gpus,
                 guint64     tokens)
{
  guint64 lo = 1, hi = MAX_SESSIONS;

  if (need_at (ctx, precision, gpus, tokens, lo, NULL) > ctx->usable)
    return 0;
  if (need_at (ctx, precision, gpus, tokens, hi, NULL) <= ctx->usable)
    return hi;
  while (hi - lo > 1)
    {
      guint64 mid = lo + (hi - lo) / 2;

      if (need_at (ctx, precision, gpus, tokens, mid, NULL) <= ctx->usable)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The defaults: 8192 tokens, one session, FP16 KV, vLLM with its 8192 batched tokens and
 * 0.90 utilization, the fewest GPUs and the recommended precision */
void
rw_fit_options_init (RwFitOptions *options)
{
  *options = (RwFitOptions) { RW_DEFAULT_CONTEXT, 1, RW_KV_DTYPE_FP16, RW_ENGINE_VLLM, 0, -1,
                              VLLM_BATCHED_TOKENS, VLLM_UTILIZATION };
}

/**
 * rw_fit_compute:
 * @options: (nullable): what to fit; NULL for the defaults of rw_fit_options_init ()
 *
 * Fits @model on @gpu (docs/FIT.md): the context is capped at the model's maximum; the answer
 * is the fewest of 1, 2, 4 or 8 GPUs of one machine on which some precision fits (FP16, then
 * FP8 where the architecture has it or else INT8, then INT4), and at that count the highest
 * precision that fits. When nothing fits on 8 GPUs, fits is FALSE and the breakdown is the
 * one of 8 GPUs at INT4 (or the precision asked for). Per GPU count it also gives the largest
 * context and the most sessions at the answer's precision.
 */
void
rw_fit_compute (RwModel            *model,
                RwGpu              *gpu,
                const RwFitOptions *options,
                RwFit              *out)
{
  RwFitOptions defaults;
  RwPrecision candidates[3] = { RW_PRECISION_FP16, RW_PRECISION_INT8, RW_PRECISION_INT4 };
  guint n_candidates = G_N_ELEMENTS (candidates);
  gboolean usable_estimated;
  guint64 cap, tokens;
  guint sessions;
  Ctx ctx = { 0 };
  guint fixed_gpus = 0;
  gboolean found = FALSE;

  g_return_if_fail (RW_IS_MODEL (model));
  g_return_if_fail (RW_IS_GPU (gpu));
  g_return_if_fail (out != NULL);

  if (options == NULL)
    {
      rw_fit_options_init (&defaults);
      options = &defaults;
    }
  g_return_if_fail (options->engine < RW_N_ENGINES && options->kv_dtype < RW_N_KV_DTYPES);

  memset (out, 0, sizeof *out);
  ctx.model = model;
  ctx.options = options;
  ctx.usable = rw_gpu_usable_bytes (gpu, &usable_estimated);
  if (usable_estimated)
    ctx.estimated |= RW_FIT_ESTIMATED_USABLE;
  if (rw_model_get_context (model) <= 0 && rw_model_get_kind (model) == RW_MODEL_KIND_LLM)
    ctx.estimated |= RW_FIT_ESTIMATED_CONTEXT;
  for (guint p = 0; p < RW_N_PRECISIONS; p++)
    ctx.weights[p] = rw_fit_weights_bytes (model, (RwPrecision) p, options->engine,
                                           &ctx.estimated);
  ctx.image = rw_model_get_kind (model) == RW_MODEL_KIND_IMAGE;
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    kv_shape (model, options->kv_dtype, options->engine, rw_fit_gpu_counts[c], &ctx.kv[c],
              &ctx.estimated);
  if (!ctx.image)
    {
      double utilization = options->utilization > 0 ? options->utilization : VLLM_UTILIZATION;

      ctx.act_per_token = rw_fit_activation_bytes (model, 1);
      ctx.batched_tokens = options->batched_tokens > 0 ? options->batched_tokens
                                                       : VLLM_BATCHED_TOKENS;
      /* runtime_bytes () less what grows with the tokens */
      if (options->engine == RW_ENGINE_VLLM)
        ctx.fixed_runtime = runtime_bytes (model, RW_ENGINE_VLLM, 0, 1, ctx.usable, 0, utilization);
      else if (options->engine == RW_ENGINE_LLAMACPP)
        ctx.fixed_runtime = runtime_bytes (model, RW_ENGINE_LLAMACPP, 0, 1, ctx.usable, 0, 0);
    }

  if (rw_architecture_has_fp8 (rw_gpu_get_architecture (gpu)))
    candidates[1] = RW_PRECISION_FP8;
  if (options->precision >= 0 && options->precision < RW_N_PRECISIONS)
    {
      candidates[0] = (RwPrecision) options->precision;
      n_candidates = 1;
    }

  /* a GPU count that is not 1, 2, 4 or 8 is not one machine's: the fewest instead */
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    if (rw_fit_gpu_counts[c] == options->gpus)
      fixed_gpus = options->gpus;

  cap = context_cap (model);
  tokens = MAX (options->context, 1);
  out->context_capped = tokens > cap && rw_model_get_context (model) > 0;
  tokens = MIN (tokens, cap);
  sessions = MAX (options->sessions, 1);

  for (guint c = 0; c < RW_FIT_N_COUNTS && !found; c++)
    {
      guint gpus = rw_fit_gpu_counts[c];

      if (fixed_gpus != 0 && fixed_gpus != gpus)
        continue;
      for (guint i = 0; i < n_candidates && !found; i++)
        if (need_at (&ctx, candidates[i], gpus, tokens, sessions, NULL) <= ctx.usable)
          {
            found = TRUE;
            out->gpus = gpus;
            out->precision = candidates[i];
          }
    }
  if (!found)
    {
      out->gpus = fixed_gpus != 0 ? fixed_gpus : rw_fit_gpu_counts[RW_FIT_N_COUNTS - 1];
      out->precision = candidates[n_candidates - 1];
    }
  out->fits = found;
  out->context = tokens;
  out->sessions = sessions;
  need_at (&ctx, out->precision, out->gpus, tokens, sessions, out);

  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      out->max_context[c] = max_context_at (&ctx, out->precision, rw_fit_gpu_counts[c], sessions);
      out->max_sessions[c] = max_sessions_at (&ctx, out->precision, rw_fit_gpu_counts[c], tokens);
    }

  out->estimated = ctx.estimated;
  out->kv_estimated = !(ctx.estimated & RW_FIT_ESTIMATED_LAYERS);
  out->weights_gb = out->weights_bytes * out->gpus / 1e9;
  out->kv_gb = (out->kv_bytes + out->state_bytes) * out->gpus / 1e9;
  out->need_gb = out->need_bytes * out->gpus / 1e9;
}

/* ------------------------------------------------------- rule of thumb */

/**
 * rw_kv_cache_gb:
 * @estimated: (out): FALSE when layers, kv_heads or head_dim is 0 (unknown)
 *
 * The rule of thumb's KV (DESIGN.md), kept for comparison: GB (1e9 bytes) =
 * 2 × kv_heads × head_dim × 2 bytes × (full_layers × T + sliding_layers × min (T, window)) / 1e9
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
 * (48.000000000000007 in binary) still fits one 48 GB card; G_MAXUINT when absurd. */
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

/**
 * rw_rule_of_thumb:
 *
 * The reference page's rule: weights GB = params_b × bytes per weight, need GB =
 * 1.2 × weights + KV, GPUs = ceil (need / vram_gb). Only to show its error (docs/FIT.md).
 */
void
rw_rule_of_thumb (double         params_b,
                  double         kv_gb,
                  gboolean       kv_estimated,
                  double         vram_gb,
                  RwPrecision    precision,
                  RwRuleOfThumb *out)
{
  out->precision = precision;
  out->weights_gb = params_b * rw_precision_bytes_per_weight (precision);
  out->kv_gb = kv_gb;
  out->kv_estimated = kv_estimated;
  out->need_gb = 1.2 * out->weights_gb + kv_gb;
  out->gpus = rw_gpus_needed (out->need_gb, vram_gb);
}
