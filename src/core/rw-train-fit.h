/* rw-train-fit.h: the memory fine-tuning needs — full, LoRA, QLoRA (docs/FIT.md, "Fine-tuning")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rw-catalog.h"
#include "rw-fit.h"
#include "rw-json-writer.h"

G_BEGIN_DECLS

/* What the GPU is asked to do with a model: serve it, or train it one of three ways */
typedef enum {
  RW_WORKLOAD_INFERENCE,
  RW_WORKLOAD_LORA,   /* frozen 16-bit base + trainable low-rank adapters */
  RW_WORKLOAD_QLORA,  /* frozen 4-bit NF4 base + trainable adapters */
  RW_WORKLOAD_FULL,   /* every weight trained, mixed precision */
  RW_N_WORKLOADS
} RwWorkload;

/* The optimizer's states per trained parameter */
typedef enum {
  RW_TRAIN_OPTIMIZER_ADAMW,       /* two states at the master precision (fp32, or 16 bit without
                                   * master weights) */
  RW_TRAIN_OPTIMIZER_ADAMW_8BIT,  /* bitsandbytes' 8-bit AdamW: one byte per state */
} RwTrainOptimizer;

/* How the GPUs of one machine share the work */
typedef enum {
  RW_TRAIN_PARALLEL_SINGLE,   /* one GPU */
  RW_TRAIN_PARALLEL_DATA,     /* every GPU holds everything (DDP); only the batch is split */
  RW_TRAIN_PARALLEL_SHARDED,  /* weights, gradients and optimizer states split over the GPUs
                               * (FSDP FULL_SHARD, DeepSpeed ZeRO-3) */
} RwTrainParallel;

/* How the loss is computed over the vocabulary */
typedef enum {
  RW_TRAIN_LOSS_FULL,     /* the whole micro-batch's logits upcast to fp32 (Hugging Face
                           * transformers) */
  RW_TRAIN_LOSS_CHUNKED,  /* 16-bit logits, upcast to fp32 in 8 chunks (torchtune) */
} RwTrainLoss;

/* Which linear layers carry LoRA adapters */
typedef enum {
  RW_LORA_TARGETS_ALL_LINEAR,  /* q, k, v, o, gate, up, down (PEFT "all-linear", Unsloth) */
  RW_LORA_TARGETS_QV,          /* q and v (torchtune's 8B LoRA default, PEFT's Llama default) */
  RW_LORA_TARGETS_QKV,         /* q, k and v */
  RW_LORA_TARGETS_ALL_OUTPUT,  /* all linear layers and the output head */
} RwLoraTargets;

/* What a training fit had to assume (flags) */
typedef enum {
  RW_TRAIN_ESTIMATED_NONE         = 0,
  RW_TRAIN_ESTIMATED_HIDDEN       = 1 << 0,  /* hidden size from the parameter count */
  RW_TRAIN_ESTIMATED_INTERMEDIATE = 1 << 1,  /* MLP width from the parameters per layer */
  RW_TRAIN_ESTIMATED_LAYERS       = 1 << 2,  /* attention geometry: a default */
  RW_TRAIN_ESTIMATED_USABLE       = 1 << 3,  /* no usable_vram_mib: the fallback from vram_gb */
} RwTrainEstimated;

/* The shapes a training estimate needs: counts, not billions */
typedef struct {
  double   params;           /* every parameter (MoE: all experts) */
  guint    hidden;           /* hidden_size */
  guint    intermediate;     /* the MLP's width (MoE: summed over the experts of a layer) */
  guint    layers;
  guint    attention_heads;  /* query heads */
  guint    kv_heads;
  guint    head_dim;
  guint    vocab;
  gboolean tied;             /* input embedding and output head share one matrix */
  guint    estimated;        /* RwTrainEstimated */
} RwTrainArch;

#define RW_TRAIN_DEFAULT_SEQ_LEN     2048
#define RW_TRAIN_DEFAULT_MICRO_BATCH 1
#define RW_TRAIN_DEFAULT_LORA_RANK   16

/* The largest value of each fine-tuning setting, the same in the workload chooser's fields
 * and the command line's --lora-rank, --seq-len and --micro-batch (newcomer report 5, defect
 * 4: --lora-rank=4096 gave Llama 3.1 8B more trainable parameters than it has); chosen
 * bounds, not measurements. LoRA rank: 1,024, far above the ranks the LoRA paper tries (1 to 64,
 * Hu et al. 2021, arXiv:2106.09685, section 7.2).
 * Sequence length, tokens: RW_MAX_CONTEXT's 1,048,576. Micro-batch, sequences per GPU per
 * step: 1,024. */
#define RW_TRAIN_MAX_LORA_RANK       1024
#define RW_TRAIN_MAX_SEQ_LEN         1048576
#define RW_TRAIN_MAX_MICRO_BATCH     1024

typedef struct {
  RwWorkload       workload;        /* LORA, QLORA or FULL */
  guint            lora_rank;       /* r, ≥ 1 */
  RwLoraTargets    targets;
  guint64          seq_len;         /* tokens per sequence */
  guint            micro_batch;     /* sequences per GPU per step */
  gboolean         checkpointing;   /* gradient (activation) checkpointing per layer */
  RwTrainOptimizer optimizer;
  gboolean         master_weights;  /* fp32 master weights and optimizer states (mixed
                                     * precision); FALSE: pure 16-bit training */
  gboolean         optimizer_in_backward;  /* each gradient applied and freed at once */
  RwTrainLoss      loss;
  RwTrainParallel  parallel;        /* DATA or SHARDED: how more than one GPU is used */
  guint            gpus;            /* 0: the fewest of 1, 2, 4, 8 that fits; else exactly */
} RwTrainOptions;

/* One answer. Every *_bytes is per GPU, in bytes, unrounded. */
typedef struct {
  gboolean        fits;
  guint           gpus;              /* when !fits, the most that were tried */
  RwTrainParallel parallel;          /* SINGLE when gpus is 1 */
  RwWorkload      workload;
  double          trainable_params;  /* every parameter (full) or the adapters' */
  double          weights_bytes;     /* the model's weights as trained or frozen (16-bit or NF4) */
  double          adapter_bytes;     /* LoRA adapters' weights (fp32) */
  double          gradient_bytes;
  double          optimizer_bytes;   /* AdamW's two states */
  double          master_bytes;      /* fp32 master copy of 16-bit trained weights */
  double          gathered_bytes;    /* sharded: the layers gathered in full at one time */
  double          activation_bytes;
  double          logits_bytes;      /* the output logits and the loss over them */
  double          runtime_bytes;     /* CUDA's and the framework's own, outside the tensors */
  double          need_bytes;        /* all of the above */
  double          usable_bytes;
  guint           estimated;         /* RwTrainEstimated */
} RwTrainFit;

const char *rw_workload_to_string        (RwWorkload       workload);
const char *rw_workload_get_label        (RwWorkload       workload);
gboolean    rw_workload_from_string      (const char      *str,
                                          RwWorkload      *workload);
const char *rw_train_parallel_to_string  (RwTrainParallel  parallel);
const char *rw_lora_targets_to_string    (RwLoraTargets    targets);

void        rw_train_options_init        (RwTrainOptions  *options,
                                          RwWorkload       workload);
gboolean    rw_train_arch_from_model     (RwModel         *model,
                                          RwTrainArch     *arch);
double      rw_train_lora_params         (const RwTrainArch *arch,
                                          guint              rank,
                                          RwLoraTargets      targets);
double      rw_train_activation_bytes    (const RwTrainArch *arch,
                                          guint64            tokens,
                                          gboolean           checkpointing);
void        rw_train_breakdown           (const RwTrainArch    *arch,
                                          const RwTrainOptions *options,
                                          guint                 gpus,
                                          RwTrainFit           *out);
void        rw_train_fit_arch            (const RwTrainArch    *arch,
                                          double                usable_bytes,
                                          const RwTrainOptions *options,
                                          RwTrainFit           *out);
gboolean    rw_train_fit_compute         (RwModel              *model,
                                          RwGpu                *gpu,
                                          const RwTrainOptions *options,
                                          RwTrainFit           *out);

/* The largest catalog model a GPU runs or trains on its own, per workload */
typedef struct {
  RwModel    *model[RW_N_WORKLOADS];  /* (nullable) (unowned): none fits */
  RwPrecision inference_precision;    /* the precision of the inference answer */
} RwWorkloadSummary;

void        rw_train_suitable_workloads  (RwCatalog         *catalog,
                                          RwGpu             *gpu,
                                          RwWorkloadSummary *out);
char       *rw_train_summary_text        (const RwWorkloadSummary *summary);

/* Which workloads one model fits on a GPU, and on how many GPUs: a model row's notes */
typedef struct {
  gboolean    fits[RW_N_WORKLOADS];
  guint       gpus[RW_N_WORKLOADS];     /* when fits */
  RwPrecision inference_precision;
} RwModelWorkloads;

gboolean    rw_train_model_workloads      (RwModel              *model,
                                           RwGpu                *gpu,
                                           const RwFitOptions   *inference,
                                           const RwTrainOptions *training,
                                           RwModelWorkloads     *out);
char       *rw_train_model_workloads_text (const RwModelWorkloads *workloads);

void        rw_train_write_options_json  (RwJsonWriter         *writer,
                                          const RwTrainOptions *options);
void        rw_train_write_fit_json      (RwJsonWriter         *writer,
                                          const RwTrainFit     *fit);
char       *rw_train_report_fit_json     (RwModel              *model,
                                          RwGpu                *gpu,
                                          const RwTrainOptions *options);
char       *rw_train_report_fit_text     (RwModel              *model,
                                          RwGpu                *gpu,
                                          const RwTrainOptions *options);
char       *rw_train_report_fits_json    (RwCatalog            *catalog,
                                          RwGpu                *gpu,
                                          const RwTrainOptions *options);
char       *rw_train_report_fits_text    (RwCatalog            *catalog,
                                          RwGpu                *gpu,
                                          const RwTrainOptions *options);

G_END_DECLS
