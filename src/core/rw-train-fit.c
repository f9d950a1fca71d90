/* rw-train-fit.c: the fine-tuning memory model of docs/FIT.md, "Fine-tuning"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every constant below is in docs/FIT.md with its public source. Sizes are bytes, unrounded.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rw-format.h"
#include "rw-train-fit.h"

#define GIB 1073741824.0

static const char * const workload_names[] = { "inference", "lora", "qlora", "full" };

/* NF4 with double quantization: 4 bits, one 8-bit absmax per block of 64 and one fp32 scale
 * per 256 blocks (Dettmers et al., QLoRA, arXiv:2305.14314, §2: 8/64 + 32/(64 · 256)) */
#define NF4_BITS             (4.0 + 8.0 / 64.0 + 32.0 / (64.0 * 256.0))
/* Activations of one transformer layer, bytes per token per unit of hidden size, at 16 bit
 * without the attention-score term that FlashAttention does not store (Korthikanti et al.,
 * arXiv:2205.05198, eq. 1: s·b·h·(34 + 5·a·s/h); Dao et al., arXiv:2205.14135) */
#define ACT_PER_HIDDEN       34.0
/* With full recomputation only each layer's 16-bit input is kept: 2·s·b·h per layer
 * (Korthikanti et al., §4.1) — plus one layer's activations while it is recomputed */
#define CKPT_PER_HIDDEN      2.0
/* Bytes per logit: Hugging Face transformers keeps the 16-bit logits, a float32 copy
 * (`logits = logits.float()`), the float32 log-softmax cross-entropy saves and its float32
 * gradient: 2 + 4 + 4 + 4. torchtune's chunked loss keeps the 16-bit logits and upcasts one
 * of 8 chunks at a time: 2 + 4 / 8. */
#define LOGIT_BYTES_FULL     14.0
#define LOGIT_BYTES_CHUNKED  (2.0 + 4.0 / 8.0)
/* Outside the tensors, per GPU: the 438 MiB the driver keeps from CUDA and 0.35 GiB of CUDA
 * context, cuBLAS and NCCL (the same measured figures as the inference fit, docs/FIT.md) */
#define RUNTIME_BYTES        (438.0 * 1048576.0 + 0.35 * GIB)
/* FSDP2 lets two all-gathered layers be alive at once (pytorch/pytorch#128884) */
#define GATHERED_LAYERS      2.0
/* A model without attention data: Llama 3's heads of 128 */
#define DEFAULT_HEAD_DIM     128

const char *
rw_workload_to_string (RwWorkload workload)
{
  g_return_val_if_fail (workload < RW_N_WORKLOADS, NULL);
  return workload_names[workload];
}

gboolean
rw_workload_from_string (const char *str,
                         RwWorkload *workload)
{
  g_return_val_if_fail (workload != NULL, FALSE);
  for (guint i = 0; str != NULL && i < RW_N_WORKLOADS; i++)
    if (strcmp (str, workload_names[i]) == 0)
      {
        *workload = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rw_train_parallel_to_string (RwTrainParallel parallel)
{
  switch (parallel)
    {
    case RW_TRAIN_PARALLEL_SINGLE: return "single";
    case RW_TRAIN_PARALLEL_DATA: return "data";
    case RW_TRAIN_PARALLEL_SHARDED: return "sharded";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
rw_lora_targets_to_string (RwLoraTargets targets)
{
  switch (targets)
    {
    case RW_LORA_TARGETS_ALL_LINEAR: return "all-linear";
    case RW_LORA_TARGETS_QV: return "qv";
    case RW_LORA_TARGETS_QKV: return "qkv";
    case RW_LORA_TARGETS_ALL_OUTPUT: return "all-linear+output";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rw_train_options_init:
 * @workload: LORA, QLORA or FULL
 *
 * The defaults of a fine-tuning fit: sequences of 2 048 tokens, micro-batch 1, LoRA rank 16
 * on every linear layer, gradient checkpointing on, AdamW in mixed precision (fp32 master
 * weights and states), the loss over fp32 logits as Hugging Face transformers computes it, and
 * the weights sharded (FSDP / ZeRO-3) when more than one GPU is needed. These are the common
 * settings of PEFT's and TRL's examples; docs/FIT.md, "Fine-tuning".
 */
void
rw_train_options_init (RwTrainOptions *options,
                       RwWorkload      workload)
{
  g_return_if_fail (options != NULL);
  *options = (RwTrainOptions) {
    .workload = workload,
    .lora_rank = RW_TRAIN_DEFAULT_LORA_RANK,
    .targets = RW_LORA_TARGETS_ALL_LINEAR,
    .seq_len = RW_TRAIN_DEFAULT_SEQ_LEN,
    .micro_batch = RW_TRAIN_DEFAULT_MICRO_BATCH,
    .checkpointing = TRUE,
    .optimizer = RW_TRAIN_OPTIMIZER_ADAMW,
    .master_weights = TRUE,
    .optimizer_in_backward = FALSE,
    .loss = RW_TRAIN_LOSS_FULL,
    .parallel = RW_TRAIN_PARALLEL_SHARDED,
    .gpus = 0,
  };
}

/**
 * rw_train_arch_from_model:
 * @arch: (out): the shapes
 *
 * The shapes a training estimate needs, from the catalog's model record: parameters, layers
 * and attention geometry (the first full or sliding layer group), the vocabulary and hidden
 * size (embedding_params_b / hidden_size), the query heads and the MLP's width. What the record
 * lacks is estimated and flagged in @arch's estimated: the hidden size from the parameters per
 * layer (rw_fit_hidden_size (), Kaplan et al.'s 12 · layers · hidden²), the query heads as
 * hidden / head_dim, the MLP's width (MoE: summed over a layer's experts) from what a layer's
 * attention leaves of its parameters with a gated MLP of 3 matrices.
 *
 * Returns: FALSE for a model that is not a language model (nothing to fine-tune here)
 */
gboolean
rw_train_arch_from_model (RwModel     *model,
                          RwTrainArch *arch)
{
  const RwLayerGroup *groups;
  guint n_groups = 0;
  double params, embedding, hidden, q_dim, kv_dim, per_layer, attention;

  g_return_val_if_fail (RW_IS_MODEL (model), FALSE);
  g_return_val_if_fail (arch != NULL, FALSE);

  memset (arch, 0, sizeof *arch);
  if (rw_model_get_kind (model) != RW_MODEL_KIND_LLM)
    return FALSE;

  params = rw_model_get_params_b (model) * 1e9;
  arch->params = params;
  arch->tied = rw_model_get_tied_embeddings (model);

  groups = rw_model_get_layer_groups (model, &n_groups);
  for (guint i = 0; i < n_groups; i++)
    {
      arch->layers += groups[i].count;
      if (arch->kv_heads == 0 && groups[i].kv_heads > 0 && groups[i].head_dim > 0)
        {
          arch->kv_heads = groups[i].kv_heads;
          arch->head_dim = groups[i].head_dim;
        }
    }
  if (arch->layers == 0)
    {
      /* the inference fit's default geometry (docs/FIT.md, "Missing data") */
      arch->layers = rw_model_get_layers (model);
      arch->kv_heads = rw_model_get_kv_heads (model);
      arch->head_dim = rw_model_get_head_dim (model);
      if (arch->layers == 0)
        {
          /* the layer count rw_fit_hidden_size () assumes for a model without layer data */
          arch->layers = params <= 10e9 ? 32 : params <= 40e9 ? 64 : params <= 100e9 ? 80 : 126;
          arch->estimated |= RW_TRAIN_ESTIMATED_LAYERS;
        }
    }
  if (arch->kv_heads == 0 || arch->head_dim == 0)
    {
      arch->kv_heads = 8;
      arch->head_dim = DEFAULT_HEAD_DIM;
      arch->estimated |= RW_TRAIN_ESTIMATED_LAYERS;
    }

  hidden = rw_model_get_hidden_size (model);
  if (hidden == 0)
    {
      hidden = rw_fit_hidden_size (model);
      arch->estimated |= RW_TRAIN_ESTIMATED_HIDDEN;
    }
  arch->hidden = MAX (1, (guint) round (hidden));
  arch->attention_heads = rw_model_get_attention_heads (model);
  if (arch->attention_heads == 0)
    arch->attention_heads = MAX (1, arch->hidden / arch->head_dim);

  embedding = rw_model_get_embedding_params_b (model) * 1e9;
  if (embedding > 0)
    arch->vocab = MAX (1, (guint) round (embedding / arch->hidden));
  else
    arch->vocab = 128256;  /* Llama 3's, as the inference fit assumes */

  q_dim = (double) arch->attention_heads * arch->head_dim;
  kv_dim = (double) arch->kv_heads * arch->head_dim;
  per_layer = (params - (double) arch->vocab * arch->hidden * (arch->tied ? 1 : 2)) / arch->layers;
  attention = arch->hidden * (q_dim + 2 * kv_dim) + q_dim * arch->hidden;
  arch->intermediate = rw_model_get_intermediate_size (model);
  if (arch->intermediate == 0)
    {
      arch->intermediate = per_layer > attention
                           ? (guint) round ((per_layer - attention) / (3.0 * arch->hidden))
                           : 4 * arch->hidden;
      arch->estimated |= RW_TRAIN_ESTIMATED_INTERMEDIATE;
    }
  return TRUE;
}

/**
 * rw_train_lora_params:
 *
 * The trainable parameters of LoRA adapters of rank @rank: r × (in + out) for each adapted
 * linear layer of every transformer layer (Hu et al., LoRA, arXiv:2106.09685: W + B·A with
 * B ∈ R^{out×r}, A ∈ R^{r×in}), q and o of attention_heads × head_dim, k and v of kv_heads ×
 * head_dim, gate, up and down of the MLP's width; with the output head, r × (hidden + vocab).
 */
double
rw_train_lora_params (const RwTrainArch *arch,
                      guint              rank,
                      RwLoraTargets      targets)
{
  double h, q, kv, im, per_layer = 0;

  g_return_val_if_fail (arch != NULL, 0);
  h = arch->hidden;
  q = (double) arch->attention_heads * arch->head_dim;
  kv = (double) arch->kv_heads * arch->head_dim;
  im = arch->intermediate;

  switch (targets)
    {
    case RW_LORA_TARGETS_QV:
      per_layer = (h + q) + (h + kv);
      break;
    case RW_LORA_TARGETS_QKV:
      per_layer = (h + q) + 2 * (h + kv);
      break;
    case RW_LORA_TARGETS_ALL_LINEAR:
    case RW_LORA_TARGETS_ALL_OUTPUT:
      per_layer = (h + q) + 2 * (h + kv) + (q + h) + 2 * (h + im) + (im + h);
      break;
    default:
      g_return_val_if_reached (0);
    }
  return (double) rank * (per_layer * arch->layers +
                          (targets == RW_LORA_TARGETS_ALL_OUTPUT ? h + arch->vocab : 0));
}

/**
 * rw_train_activation_bytes:
 * @tokens: tokens per GPU per step (sequence length × micro-batch)
 *
 * The activations a training step keeps for its backward pass, in bytes: 34 × hidden bytes per
 * token per layer at 16 bit (Korthikanti et al., arXiv:2205.05198, without the attention
 * scores FlashAttention does not keep); with gradient checkpointing each layer keeps only its
 * 16-bit input (2 × hidden per token) and one layer's activations exist while it is recomputed.
 */
double
rw_train_activation_bytes (const RwTrainArch *arch,
                           guint64            tokens,
                           gboolean           checkpointing)
{
  double per_layer;

  g_return_val_if_fail (arch != NULL, 0);
  per_layer = ACT_PER_HIDDEN * arch->hidden * (double) tokens;
  if (!checkpointing)
    return per_layer * arch->layers;
  return CKPT_PER_HIDDEN * arch->hidden * (double) tokens * arch->layers + per_layer;
}

/**
 * rw_train_breakdown:
 * @gpus: the GPUs of one machine the work is spread over, ≥ 1
 * @out: (out): the bytes per GPU; fits and usable_bytes are left for the caller
 *
 * The memory per GPU of one training step of @options' workload on @gpus GPUs (docs/FIT.md,
 * "Fine-tuning"): full fine-tuning keeps 16-bit weights and gradients, fp32 master weights and
 * AdamW's two fp32 states — 16 bytes per parameter (Rajbhandari et al., ZeRO,
 * arXiv:1910.02054) —, 8-bit AdamW one byte per state (Dettmers et al., arXiv:2110.02861);
 * LoRA keeps the frozen base at 16 bit and trains fp32 adapters (4 + 4 + 8 bytes per adapter
 * parameter); QLoRA stores the base's transformer layers in NF4 and the embedding and output
 * head at 16 bit. Sharded across more than one GPU, the model's states are divided by @gpus
 * and two layers are gathered in full at a time; the activations and logits of each GPU's own
 * micro-batch are not divided.
 */
void
rw_train_breakdown (const RwTrainArch    *arch,
                    const RwTrainOptions *options,
                    guint                 gpus,
                    RwTrainFit           *out)
{
  double p, emb, body, shard, base_bits, adapters, state_bytes;
  guint64 tokens;

  g_return_if_fail (arch != NULL && options != NULL && out != NULL);
  g_return_if_fail (options->workload != RW_WORKLOAD_INFERENCE);
  g_return_if_fail (gpus >= 1);

  memset (out, 0, sizeof *out);
  out->workload = options->workload;
  out->gpus = gpus;
  out->parallel = gpus == 1 ? RW_TRAIN_PARALLEL_SINGLE : options->parallel;
  out->estimated = arch->estimated;

  p = arch->params;
  emb = (double) arch->vocab * arch->hidden * (arch->tied ? 1 : 2);
  body = MAX (0, p - emb);
  shard = out->parallel == RW_TRAIN_PARALLEL_SHARDED ? gpus : 1;
  base_bits = 16;

  switch (options->workload)
    {
    case RW_WORKLOAD_FULL:
      out->trainable_params = p;
      out->weights_bytes = 2 * p / shard;
      out->gradient_bytes = options->optimizer_in_backward ? 0 : 2 * p / shard;
      out->master_bytes = options->master_weights ? 4 * p / shard : 0;
      state_bytes = options->optimizer == RW_TRAIN_OPTIMIZER_ADAMW_8BIT ? 2
                    : options->master_weights ? 8 : 4;
      out->optimizer_bytes = state_bytes * p / shard;
      break;

    case RW_WORKLOAD_LORA:
    case RW_WORKLOAD_QLORA:
      adapters = rw_train_lora_params (arch, MAX (1, options->lora_rank), options->targets);
      out->trainable_params = adapters;
      if (options->workload == RW_WORKLOAD_QLORA)
        {
          base_bits = NF4_BITS;
          out->weights_bytes = (body * NF4_BITS / 8 + emb * 2) / shard;
        }
      else
        out->weights_bytes = 2 * p / shard;
      out->adapter_bytes = 4 * adapters / shard;
      out->gradient_bytes = options->optimizer_in_backward ? 0 : 4 * adapters / shard;
      state_bytes = options->optimizer == RW_TRAIN_OPTIMIZER_ADAMW_8BIT ? 2 : 8;
      out->optimizer_bytes = state_bytes * adapters / shard;
      break;

    case RW_WORKLOAD_INFERENCE:
    case RW_N_WORKLOADS:
    default:
      g_return_if_reached ();
    }

  if (shard > 1 && arch->layers > 0)
    out->gathered_bytes = GATHERED_LAYERS * body / arch->layers * base_bits / 8;

  tokens = options->seq_len * MAX (1, options->micro_batch);
  out->activation_bytes = rw_train_activation_bytes (arch, tokens, options->checkpointing);
  out->logits_bytes = (double) tokens * arch->vocab *
                      (options->loss == RW_TRAIN_LOSS_CHUNKED ? LOGIT_BYTES_CHUNKED
                                                              : LOGIT_BYTES_FULL);
  out->runtime_bytes = RUNTIME_BYTES;
  out->need_bytes = out->weights_bytes + out->adapter_bytes + out->gradient_bytes +
                    out->optimizer_bytes + out->master_bytes + out->gathered_bytes +
                    out->activation_bytes + out->logits_bytes + out->runtime_bytes;
}

/**
 * rw_train_fit_arch:
 * @usable_bytes: the memory of one GPU, bytes (the driver's total)
 *
 * The fewest of 1, 2, 4 and 8 GPUs of one machine (or exactly @options' gpus) on which a
 * training step fits: need per GPU ≤ @usable_bytes. More than one GPU helps only when sharded:
 * in data parallel every GPU needs what one GPU needs. Nothing fits: fits FALSE and the
 * breakdown of the most GPUs tried.
 */
void
rw_train_fit_arch (const RwTrainArch    *arch,
                   double                usable_bytes,
                   const RwTrainOptions *options,
                   RwTrainFit           *out)
{
  g_return_if_fail (arch != NULL && options != NULL && out != NULL);

  if (options->gpus > 0)
    {
      rw_train_breakdown (arch, options, options->gpus, out);
      out->usable_bytes = usable_bytes;
      out->fits = out->need_bytes <= usable_bytes;
      return;
    }
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      rw_train_breakdown (arch, options, rw_fit_gpu_counts[c], out);
      out->usable_bytes = usable_bytes;
      out->fits = out->need_bytes <= usable_bytes;
      if (out->fits)
        return;
    }
}

/**
 * rw_train_fit_compute:
 *
 * rw_train_fit_arch () for a catalog model on a catalog GPU: the shapes from
 * rw_train_arch_from_model (), the memory from the GPU's driver total (rw_gpu_usable_bytes ()).
 *
 * Returns: FALSE (and @out cleared) when @model is not a language model
 */
gboolean
rw_train_fit_compute (RwModel              *model,
                      RwGpu                *gpu,
                      const RwTrainOptions *options,
                      RwTrainFit           *out)
{
  RwTrainArch arch;
  gboolean usable_estimated = FALSE;
  double usable;

  g_return_val_if_fail (RW_IS_MODEL (model), FALSE);
  g_return_val_if_fail (RW_IS_GPU (gpu), FALSE);
  g_return_val_if_fail (options != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!rw_train_arch_from_model (model, &arch))
    return FALSE;
  usable = rw_gpu_usable_bytes (gpu, &usable_estimated);
  rw_train_fit_arch (&arch, usable, options, out);
  if (usable_estimated)
    out->estimated |= RW_TRAIN_ESTIMATED_USABLE;
  return TRUE;
}

/**
 * rw_train_suitable_workloads:
 * @out: (out): per workload the largest model (by parameters) that fits on one @gpu, or NULL
 *
 * The GPU overview's "suitable workloads": inference with the inference fit's defaults
 * (rw_fit_options_init (), the highest precision that fits one GPU), and LoRA, QLoRA and full
 * fine-tuning with rw_train_options_init ()'s defaults, all on exactly one GPU.
 */
void
rw_train_suitable_workloads (RwCatalog         *catalog,
                             RwGpu             *gpu,
                             RwWorkloadSummary *out)
{
  GListModel *models;
  guint n;

  g_return_if_fail (RW_IS_CATALOG (catalog));
  g_return_if_fail (RW_IS_GPU (gpu));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  models = rw_catalog_get_models (catalog);
  n = g_list_model_get_n_items (models);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);
      double params = rw_model_get_params_b (model);
      RwFitOptions fit_options;
      RwFit fit;

      if (rw_model_get_kind (model) != RW_MODEL_KIND_LLM)
        continue;

      rw_fit_options_init (&fit_options);
      fit_options.gpus = 1;
      rw_fit_compute (model, gpu, &fit_options, &fit);
      if (fit.fits &&
          (out->model[RW_WORKLOAD_INFERENCE] == NULL ||
           params > rw_model_get_params_b (out->model[RW_WORKLOAD_INFERENCE])))
        {
          out->model[RW_WORKLOAD_INFERENCE] = model;
          out->inference_precision = fit.precision;
        }

      for (RwWorkload w = RW_WORKLOAD_LORA; w < RW_N_WORKLOADS; w++)
        {
          RwTrainOptions options;
          RwTrainFit train;

          rw_train_options_init (&options, w);
          options.gpus = 1;
          if (rw_train_fit_compute (model, gpu, &options, &train) && train.fits &&
              (out->model[w] == NULL || params > rw_model_get_params_b (out->model[w])))
            out->model[w] = model;
        }
    }
}

static const char *workload_label (RwWorkload workload);

/* "70.6B", "8B", "0.75B": the model's own size, as the Models view and --list-models write it */
static char *
size_label (RwModel *model)
{
  return rw_format_params_b (rw_model_get_params_b (model));
}

/**
 * rw_train_summary_text:
 *
 * The "Suitable workloads" line of the GPU overview, for example "Runs 72.7B inference at INT4;
 * LoRA up to 14.8B; QLoRA up to 32.8B; full fine-tune up to 3.2B" (sizes: the largest catalog
 * model's own parameter count, rw_format_params_b (), so never rounded past it). Translated.
 *
 * Returns: (transfer full): the line
 */
char *
rw_train_summary_text (const RwWorkloadSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->model[RW_WORKLOAD_INFERENCE] != NULL)
    {
      g_autofree char *size = size_label (summary->model[RW_WORKLOAD_INFERENCE]);
      g_autofree char *precision =
        g_ascii_strup (rw_precision_to_string (summary->inference_precision), -1);

      /* TRANSLATORS: "Runs 70B inference at INT4": the largest catalog model and its precision */
      g_ptr_array_add (parts, g_strdup_printf (_("Runs %s inference at %s"), size, precision));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("Runs none of the catalog's models on one GPU")));

  if (summary->model[RW_WORKLOAD_LORA] != NULL)
    {
      g_autofree char *size = size_label (summary->model[RW_WORKLOAD_LORA]);
      /* TRANSLATORS: "LoRA up to 14B" */
      g_ptr_array_add (parts, g_strdup_printf (_("LoRA up to %s"), size));
    }
  if (summary->model[RW_WORKLOAD_QLORA] != NULL)
    {
      g_autofree char *size = size_label (summary->model[RW_WORKLOAD_QLORA]);
      /* TRANSLATORS: "QLoRA up to 32B" */
      g_ptr_array_add (parts, g_strdup_printf (_("QLoRA up to %s"), size));
    }
  if (summary->model[RW_WORKLOAD_FULL] != NULL)
    {
      g_autofree char *size = size_label (summary->model[RW_WORKLOAD_FULL]);
      /* TRANSLATORS: "full fine-tune up to 3B" */
      g_ptr_array_add (parts, g_strdup_printf (_("full fine-tune up to %s"), size));
    }
  if (summary->model[RW_WORKLOAD_LORA] == NULL && summary->model[RW_WORKLOAD_QLORA] == NULL &&
      summary->model[RW_WORKLOAD_FULL] == NULL)
    g_ptr_array_add (parts, g_strdup (_("no fine-tuning on one GPU")));

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: the separator between the parts of the "Suitable workloads" line */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

/**
 * rw_train_model_workloads:
 * @inference: (nullable): the inference fit's options (NULL: rw_fit_options_init ()'s); its
 *   gpus is ignored: the fewest that fit
 * @training: (nullable): the training settings for LoRA, QLoRA and full fine-tuning (NULL:
 *   rw_train_options_init ()'s); its workload is ignored, its gpus used as given
 * @out: (out): per workload whether it fits and on how many GPUs
 *
 * The reference page's notes column for one model row: inference and each fine-tuning
 * workload, each on the fewest of 1, 2, 4, 8 GPUs of @gpu.
 *
 * Returns: FALSE (and @out cleared) when @model is not a language model
 */
gboolean
rw_train_model_workloads (RwModel              *model,
                          RwGpu                *gpu,
                          const RwFitOptions   *inference,
                          const RwTrainOptions *training,
                          RwModelWorkloads     *out)
{
  RwFitOptions fit_options;
  RwFit fit;

  g_return_val_if_fail (RW_IS_MODEL (model), FALSE);
  g_return_val_if_fail (RW_IS_GPU (gpu), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (rw_model_get_kind (model) != RW_MODEL_KIND_LLM)
    return FALSE;

  if (inference != NULL)
    fit_options = *inference;
  else
    rw_fit_options_init (&fit_options);
  fit_options.gpus = 0;
  rw_fit_compute (model, gpu, &fit_options, &fit);
  out->fits[RW_WORKLOAD_INFERENCE] = fit.fits;
  out->gpus[RW_WORKLOAD_INFERENCE] = fit.gpus;
  out->inference_precision = fit.precision;

  for (RwWorkload w = RW_WORKLOAD_LORA; w < RW_N_WORKLOADS; w++)
    {
      RwTrainOptions options;
      RwTrainFit train;

      if (training != NULL)
        options = *training;
      else
        rw_train_options_init (&options, w);
      options.workload = w;
      rw_train_fit_compute (model, gpu, &options, &train);
      out->fits[w] = train.fits;
      out->gpus[w] = train.gpus;
    }
  return TRUE;
}

/**
 * rw_train_model_workloads_text:
 *
 * A model row's notes, e.g. "Inference 1 GPU (FP16) · LoRA 2 GPUs · QLoRA 1 GPU · Full
 * fine-tune not on 8 GPUs". Translated.
 *
 * Returns: (transfer full): the line
 */
char *
rw_train_model_workloads_text (const RwModelWorkloads *workloads)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (workloads != NULL, NULL);

  for (RwWorkload w = RW_WORKLOAD_INFERENCE; w < RW_N_WORKLOADS; w++)
    {
      g_autofree char *count = NULL;

      if (!workloads->fits[w])
        {
          /* TRANSLATORS: "Full fine-tune not on 8 GPUs" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s not on 8 GPUs"), workload_label (w)));
          continue;
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u GPU", "%u GPUs",
                                            workloads->gpus[w]), workloads->gpus[w]);
      if (w == RW_WORKLOAD_INFERENCE)
        {
          g_autofree char *precision =
            g_ascii_strup (rw_precision_to_string (workloads->inference_precision), -1);

          /* TRANSLATORS: "Inference 1 GPU (FP16)" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s %s (%s)"), workload_label (w), count,
                                                   precision));
        }
      else
        /* TRANSLATORS: "LoRA 2 GPUs" */
        g_ptr_array_add (parts, g_strdup_printf (_("%s %s"), workload_label (w), count));
    }
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: the separator between the workloads of a model row's notes */
  joined = g_strjoinv (_(" · "), (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

/**
 * rw_train_write_options_json:
 *
 * The training settings as one JSON object: workload, lora_rank and lora_targets (LoRA and
 * QLoRA only), seq_len, micro_batch, gradient_checkpointing, optimizer, master_weights,
 * optimizer_in_backward, loss and parallel.
 */
void
rw_train_write_options_json (RwJsonWriter         *w,
                             const RwTrainOptions *options)
{
  g_return_if_fail (w != NULL && options != NULL);

  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "workload", rw_workload_to_string (options->workload));
  if (options->workload == RW_WORKLOAD_LORA || options->workload == RW_WORKLOAD_QLORA)
    {
      rw_json_writer_member_int (w, "lora_rank", options->lora_rank);
      rw_json_writer_member_string (w, "lora_targets",
                                    rw_lora_targets_to_string (options->targets));
    }
  rw_json_writer_member_int (w, "seq_len", (gint64) options->seq_len);
  rw_json_writer_member_int (w, "micro_batch", options->micro_batch);
  rw_json_writer_key (w, "gradient_checkpointing");
  rw_json_writer_boolean (w, options->checkpointing);
  rw_json_writer_member_string (w, "optimizer",
                                options->optimizer == RW_TRAIN_OPTIMIZER_ADAMW_8BIT
                                ? "adamw-8bit" : "adamw");
  rw_json_writer_key (w, "master_weights");
  rw_json_writer_boolean (w, options->master_weights);
  rw_json_writer_key (w, "optimizer_in_backward");
  rw_json_writer_boolean (w, options->optimizer_in_backward);
  rw_json_writer_member_string (w, "loss",
                                options->loss == RW_TRAIN_LOSS_CHUNKED ? "chunked" : "full");
  rw_json_writer_member_string (w, "parallel", rw_train_parallel_to_string (options->parallel));
  rw_json_writer_end_object (w);
}

/**
 * rw_train_write_fit_json:
 *
 * One training fit as JSON members of the object being written: workload, fits, gpus (null
 * when it does not fit on 8), parallel, trainable_params (a count), and per GPU in bytes,
 * unrounded: weights_bytes, adapter_bytes, gradient_bytes, optimizer_bytes, master_bytes,
 * gathered_bytes, activation_bytes, logits_bytes, runtime_bytes, need_bytes, usable_bytes;
 * estimated (a list of what was assumed: hidden, intermediate, layers, usable_memory).
 */
void
rw_train_write_fit_json (RwJsonWriter     *w,
                         const RwTrainFit *fit)
{
  static const char * const estimated_names[] = { "hidden", "intermediate", "layers",
                                                  "usable_memory" };

  g_return_if_fail (w != NULL && fit != NULL);

  rw_json_writer_member_string (w, "workload", rw_workload_to_string (fit->workload));
  rw_json_writer_key (w, "fits");
  rw_json_writer_boolean (w, fit->fits);
  rw_json_writer_key (w, "gpus");
  if (fit->fits)
    rw_json_writer_int (w, fit->gpus);
  else
    rw_json_writer_null (w);
  rw_json_writer_member_string (w, "parallel", rw_train_parallel_to_string (fit->parallel));
  rw_json_writer_member_number (w, "trainable_params", fit->trainable_params);
  rw_json_writer_member_number (w, "weights_bytes", fit->weights_bytes);
  rw_json_writer_member_number (w, "adapter_bytes", fit->adapter_bytes);
  rw_json_writer_member_number (w, "gradient_bytes", fit->gradient_bytes);
  rw_json_writer_member_number (w, "optimizer_bytes", fit->optimizer_bytes);
  rw_json_writer_member_number (w, "master_bytes", fit->master_bytes);
  rw_json_writer_member_number (w, "gathered_bytes", fit->gathered_bytes);
  rw_json_writer_member_number (w, "activation_bytes", fit->activation_bytes);
  rw_json_writer_member_number (w, "logits_bytes", fit->logits_bytes);
  rw_json_writer_member_number (w, "runtime_bytes", fit->runtime_bytes);
  rw_json_writer_member_number (w, "need_bytes", fit->need_bytes);
  rw_json_writer_member_number (w, "usable_bytes", fit->usable_bytes);
  rw_json_writer_key (w, "estimated");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (estimated_names); i++)
    if (fit->estimated & (1u << i))
      rw_json_writer_string (w, estimated_names[i]);
  rw_json_writer_end_array (w);
}

/**
 * rw_train_report_fit_json:
 *
 * `rentwise --fit=MODEL --gpu=GPU --workload=lora|qlora|full --json`: one object with
 * `workload`, `options` (rw_train_write_options_json ()), `model` {id, name}, `gpu` {id, name}
 * and `fit` (rw_train_write_fit_json ()).
 *
 * Returns: (transfer full): the JSON text, with a final newline
 */
char *
rw_train_report_fit_json (RwModel              *model,
                          RwGpu                *gpu,
                          const RwTrainOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  RwTrainFit fit;

  g_return_val_if_fail (RW_IS_MODEL (model) && RW_IS_GPU (gpu) && options != NULL, NULL);

  rw_train_fit_compute (model, gpu, options, &fit);
  fit.workload = options->workload;
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "workload", rw_workload_to_string (options->workload));
  rw_json_writer_key (w, "options");
  rw_train_write_options_json (w, options);
  rw_json_writer_key (w, "model");
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "id", rw_model_get_id (model));
  rw_json_writer_member_string (w, "name", rw_model_get_name (model));
  rw_json_writer_end_object (w);
  rw_json_writer_key (w, "gpu");
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "id", rw_gpu_get_id (gpu));
  rw_json_writer_member_string (w, "name", rw_gpu_get_name (gpu));
  rw_json_writer_end_object (w);
  rw_json_writer_key (w, "fit");
  rw_json_writer_begin_object (w);
  rw_train_write_fit_json (w, &fit);
  rw_json_writer_end_object (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

static char *
gb (double bytes)
{
  return g_strdup_printf ("%.2f GB", bytes / 1e9);
}

static const char *
workload_label (RwWorkload workload)
{
  switch (workload)
    {
    case RW_WORKLOAD_INFERENCE: return _("Inference");
    case RW_WORKLOAD_LORA: return _("LoRA");
    case RW_WORKLOAD_QLORA: return _("QLoRA");
    case RW_WORKLOAD_FULL: return _("Full fine-tune");
    case RW_N_WORKLOADS:
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rw_workload_get_label:
 *
 * The workload's name as the app shows it ("Inference", "LoRA", "QLoRA", "Full fine-tune"),
 * translated; what the command line's text prints too (rw_workload_to_string () is the id).
 *
 * Returns: (transfer none): the label
 */
const char *
rw_workload_get_label (RwWorkload workload)
{
  g_return_val_if_fail (workload < RW_N_WORKLOADS, NULL);
  return workload_label (workload);
}

static void
append_fit_text (GString              *out,
                 const RwTrainOptions *options,
                 const RwTrainFit     *fit)
{
  g_autofree char *weights = gb (fit->weights_bytes), *adapters = gb (fit->adapter_bytes);
  g_autofree char *grads = gb (fit->gradient_bytes), *optimizer = gb (fit->optimizer_bytes);
  g_autofree char *master = gb (fit->master_bytes), *gathered = gb (fit->gathered_bytes);
  g_autofree char *activations = gb (fit->activation_bytes), *logits = gb (fit->logits_bytes);
  g_autofree char *runtime = gb (fit->runtime_bytes), *need = gb (fit->need_bytes);
  g_autofree char *usable = gb (fit->usable_bytes);
  g_autofree char *seq = rw_format_number ((double) options->seq_len, 0);
  g_autofree char *micro_batch = rw_format_number (options->micro_batch, 0);

  if (fit->fits && fit->gpus == 1)
    g_string_append_printf (out, _("  %s fits on 1 GPU\n"), workload_label (fit->workload));
  else if (fit->fits && fit->parallel == RW_TRAIN_PARALLEL_SHARDED)
    /* TRANSLATORS: "LoRA fits on 4 GPUs, fully sharded (FSDP / ZeRO-3)" */
    g_string_append_printf (out, _("  %s fits on %u GPUs, fully sharded (FSDP / ZeRO-3)\n"),
                            workload_label (fit->workload), fit->gpus);
  else if (fit->fits)
    g_string_append_printf (out, _("  %s fits on %u GPUs, data parallel\n"),
                            workload_label (fit->workload), fit->gpus);
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  %s does not fit on %u GPU\n",
                                              "  %s does not fit on %u GPUs\n", fit->gpus),
                            workload_label (fit->workload), fit->gpus);
  /* every count grouped as the window does ("× 1,024", "LoRA rank 1,024"; newcomer report 5,
   * defect 5) */
  g_string_append_printf (
    out,
    options->checkpointing
      ? _("  Sequences of %s tokens × %s per GPU, gradient checkpointing on\n")
      : _("  Sequences of %s tokens × %s per GPU, gradient checkpointing off\n"),
    seq, micro_batch);
  if (fit->workload != RW_WORKLOAD_FULL)
    {
      g_autofree char *trainable = rw_format_number (fit->trainable_params, 0);
      g_autofree char *rank = rw_format_number (options->lora_rank, 0);

      g_string_append_printf (out, _("  LoRA rank %s on %s: %s trainable parameters\n"),
                              rank, rw_lora_targets_to_string (options->targets),
                              trainable);
    }
  g_string_append_printf (out, _("  Per GPU: weights %s · adapters %s · gradients %s · "
                                 "optimizer %s · master weights %s · gathered layers %s\n"),
                          weights, adapters, grads, optimizer, master, gathered);
  g_string_append_printf (out, _("  Per GPU: activations %s · logits %s · runtime %s\n"),
                          activations, logits, runtime);
  g_string_append_printf (out, _("  Needs %s of %s usable per GPU\n"), need, usable);
  if (fit->estimated != 0)
    g_string_append (out, _("  Some numbers are estimates: the catalog lacks part of this "
                            "model's or GPU's data.\n"));
}

/**
 * rw_train_report_fit_text:
 *
 * `rentwise --fit=MODEL --gpu=GPU --workload=lora|qlora|full`: the GPUs needed, the
 * parallelism and the breakdown per GPU, as text (translated).
 *
 * Returns: (transfer full): the text
 */
char *
rw_train_report_fit_text (RwModel              *model,
                          RwGpu                *gpu,
                          const RwTrainOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL, *gpu_name = NULL;
  RwTrainFit fit;

  g_return_val_if_fail (RW_IS_MODEL (model) && RW_IS_GPU (gpu) && options != NULL, NULL);

  name = rw_text_sanitize (rw_model_get_name (model));
  gpu_name = rw_text_sanitize (rw_gpu_get_name (gpu));
  /* TRANSLATORS: "Llama 3.3 70B on NVIDIA L40S" */
  g_string_append_printf (out, _("%s on %s\n"), name, gpu_name);
  if (!rw_train_fit_compute (model, gpu, options, &fit))
    g_string_append (out, _("  Only language models can be fine-tuned here.\n"));
  else
    append_fit_text (out, options, &fit);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_train_report_fits_json:
 *
 * The `fits` of `rentwise --report=GPU --workload=lora|qlora|full --json`: one object with
 * `workload`, `options` and `fits`, one entry per language model of the catalog (model, name
 * and rw_train_write_fit_json ()'s members), in catalog order.
 *
 * Returns: (transfer full): the JSON text, with a final newline
 */
char *
rw_train_report_fits_json (RwCatalog            *catalog,
                           RwGpu                *gpu,
                           const RwTrainOptions *options)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  GListModel *models;
  guint n;

  g_return_val_if_fail (RW_IS_CATALOG (catalog) && RW_IS_GPU (gpu) && options != NULL, NULL);

  models = rw_catalog_get_models (catalog);
  n = g_list_model_get_n_items (models);
  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "workload", rw_workload_to_string (options->workload));
  rw_json_writer_key (w, "options");
  rw_train_write_options_json (w, options);
  rw_json_writer_key (w, "fits");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);
      RwTrainFit fit;

      if (!rw_train_fit_compute (model, gpu, options, &fit))
        continue;
      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "model", rw_model_get_id (model));
      rw_json_writer_member_string (w, "name", rw_model_get_name (model));
      rw_train_write_fit_json (w, &fit);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/**
 * rw_train_report_fits_text:
 *
 * The fine-tuning section of `rentwise --report=GPU --workload=…`: one line per language model
 * with the GPUs it needs and the memory per GPU (translated).
 *
 * Returns: (transfer full): the text
 */
char *
rw_train_report_fits_text (RwCatalog            *catalog,
                           RwGpu                *gpu,
                           const RwTrainOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *seq = NULL, *micro_batch = NULL;
  GListModel *models;
  guint n;

  g_return_val_if_fail (RW_IS_CATALOG (catalog) && RW_IS_GPU (gpu) && options != NULL, NULL);

  models = rw_catalog_get_models (catalog);
  n = g_list_model_get_n_items (models);
  seq = rw_format_number ((double) options->seq_len, 0);
  micro_batch = rw_format_number (options->micro_batch, 0);
  /* TRANSLATORS: a heading, e.g. "LoRA, 2048 tokens × 1:" (workload, sequence length,
   * micro-batch) */
  g_string_append_printf (out, _("%s, %s tokens × %s:\n"), workload_label (options->workload),
                          seq, micro_batch);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);
      g_autofree char *name = NULL, *need = NULL;
      RwTrainFit fit;

      if (!rw_train_fit_compute (model, gpu, options, &fit))
        continue;
      name = rw_text_sanitize (rw_model_get_name (model));
      need = gb (fit.need_bytes);
      if (fit.fits)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  %s: %u GPU, %s per GPU\n",
                                                  "  %s: %u GPUs, %s per GPU\n", fit.gpus),
                                name, fit.gpus, need);
      else
        g_string_append_printf (out, _("  %s: not on 8 GPUs\n"), name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
