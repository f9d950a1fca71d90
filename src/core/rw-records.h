/* rw-records.h: the catalog's record types (GPU, provider, offer, history point, model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A number the catalog does not state is RW_UNKNOWN (negative: valid values are ≥ 0). */
#define RW_UNKNOWN (-1.0)

typedef enum {
  RW_PRICING_ON_DEMAND,
  RW_PRICING_SPOT,
  RW_PRICING_RESERVED,
} RwPricing;

const char *rw_pricing_to_string   (RwPricing   pricing);
const char *rw_pricing_to_label    (RwPricing   pricing);
gboolean    rw_pricing_from_string (const char *str,
                                    RwPricing  *pricing);

/* Which pricing kinds a statistic includes */
#define RW_PRICING_MASK(p)          (1u << (p))
#define RW_PRICING_MASK_ALL         (RW_PRICING_MASK (RW_PRICING_ON_DEMAND) | \
                                     RW_PRICING_MASK (RW_PRICING_SPOT) | \
                                     RW_PRICING_MASK (RW_PRICING_RESERVED))
#define RW_PRICING_MASK_ON_DEMAND   RW_PRICING_MASK (RW_PRICING_ON_DEMAND)
#define RW_PRICING_MASK_NO_SPOT     (RW_PRICING_MASK_ALL & ~RW_PRICING_MASK (RW_PRICING_SPOT))
/* Also in the mask: include offers flagged suspect / GPU only, which are left out by default */
#define RW_INCLUDE_SUSPECT          (1u << 8)
#define RW_INCLUDE_GPU_ONLY         (1u << 9)

#define RW_TYPE_GPU (rw_gpu_get_type ())
G_DECLARE_FINAL_TYPE (RwGpu, rw_gpu, RW, GPU, GObject)

const char         *rw_gpu_get_id                    (RwGpu *self);
const char         *rw_gpu_get_name                  (RwGpu *self);
const char         *rw_gpu_get_vendor                (RwGpu *self);
const char         *rw_gpu_get_architecture          (RwGpu *self);
double              rw_gpu_get_vram_gb               (RwGpu *self);
double              rw_gpu_get_tdp_w                 (RwGpu *self);
double              rw_gpu_get_msrp_usd              (RwGpu *self);
double              rw_gpu_get_memory_bandwidth_gbps (RwGpu *self);
double              rw_gpu_get_usable_vram_mib       (RwGpu *self);
const char         *rw_gpu_get_usable_vram_source    (RwGpu *self);
const char         *rw_gpu_get_interconnect          (RwGpu *self);
const char * const *rw_gpu_get_aliases               (RwGpu *self);
double              rw_gpu_get_purchase_price        (RwGpu       *self,
                                                      gboolean    *estimate,
                                                      const char **source,
                                                      const char **date);
double              rw_gpu_get_cheapest_hr           (RwGpu    *self,
                                                      gboolean  include_spot);
guint               rw_gpu_get_n_providers           (RwGpu    *self,
                                                      gboolean  include_spot);
guint               rw_gpu_stats_index               (guint     pricing_mask);
double              rw_gpu_get_cheapest_hr_for       (RwGpu    *self,
                                                      guint     pricing_mask);
guint               rw_gpu_get_n_providers_for       (RwGpu    *self,
                                                      guint     pricing_mask);
gboolean            rw_gpu_matches                   (RwGpu      *self,
                                                      const char *needle);
int                 rw_gpu_match_rank                (RwGpu      *self,
                                                      const char *needle);

#define RW_TYPE_PROVIDER (rw_provider_get_type ())
G_DECLARE_FINAL_TYPE (RwProvider, rw_provider, RW, PROVIDER, GObject)

const char *rw_provider_get_id   (RwProvider *self);
const char *rw_provider_get_name (RwProvider *self);
const char *rw_provider_get_kind (RwProvider *self);
const char *rw_provider_get_url  (RwProvider *self);

/* What is known to be wrong with an offer's price (docs/PRICES.md):
 * SUSPECT  — implausibly low or high for its GPU, kept but out of the statistics by default;
 * GPU_ONLY — the price of the GPU alone, without the machine it must be attached to. */
typedef enum {
  RW_OFFER_SUSPECT  = 1 << 0,
  RW_OFFER_GPU_ONLY = 1 << 1,
} RwOfferFlags;

#define RW_TYPE_OFFER (rw_offer_get_type ())
G_DECLARE_FINAL_TYPE (RwOffer, rw_offer, RW, OFFER, GObject)

const char *rw_offer_get_provider    (RwOffer *self);
const char *rw_offer_get_gpu         (RwOffer *self);
guint       rw_offer_get_gpu_count   (RwOffer *self);
double      rw_offer_get_price_hr    (RwOffer *self);
double      rw_offer_get_per_gpu_hr  (RwOffer *self);
RwPricing   rw_offer_get_pricing     (RwOffer *self);
const char *rw_offer_get_instance    (RwOffer *self);
double      rw_offer_get_vcpus       (RwOffer *self);
double      rw_offer_get_ram_gb      (RwOffer *self);
double      rw_offer_get_disk_gb     (RwOffer *self);
const char *rw_offer_get_region      (RwOffer *self);
const char *rw_offer_get_observed_at (RwOffer *self);
guint       rw_offer_get_flags       (RwOffer *self);
gboolean    rw_offer_get_suspect     (RwOffer *self);
gboolean    rw_offer_get_gpu_only    (RwOffer *self);

#define RW_TYPE_HISTORY_POINT (rw_history_point_get_type ())
G_DECLARE_FINAL_TYPE (RwHistoryPoint, rw_history_point, RW, HISTORY_POINT, GObject)

const char *rw_history_point_get_gpu       (RwHistoryPoint *self);
const char *rw_history_point_get_date      (RwHistoryPoint *self);
double      rw_history_point_get_median_hr (RwHistoryPoint *self);
double      rw_history_point_get_min_hr    (RwHistoryPoint *self);
double      rw_history_point_get_max_hr    (RwHistoryPoint *self);
int         rw_history_point_get_providers (RwHistoryPoint *self);

/* What a model generates: text (an LLM with a KV cache) or images (components, no KV) */
typedef enum {
  RW_MODEL_KIND_LLM,
  RW_MODEL_KIND_IMAGE,
} RwModelKind;

/* How a group of layers attends, which decides what it caches per token (docs/FIT.md) */
typedef enum {
  RW_ATTENTION_FULL,     /* K and V of every token: kv_heads × head_dim each */
  RW_ATTENTION_SLIDING,  /* K and V of the last `window` tokens only */
  RW_ATTENTION_MLA,      /* one latent of kv_lora_rank + qk_rope_head_dim values per token */
  RW_ATTENTION_LINEAR,   /* a fixed state per session (linear attention, state space) */
} RwAttention;

const char *rw_attention_to_string   (RwAttention  attention);
gboolean    rw_attention_from_string (const char  *str,
                                      RwAttention *attention);

/* A run of `count` layers that cache the same way. Numbers the catalog leaves out are 0
 * (state_bytes: RW_UNKNOWN). */
typedef struct {
  guint       count;
  RwAttention attention;
  guint       kv_heads;          /* full, sliding */
  guint       head_dim;          /* full, sliding */
  guint       window;            /* sliding: tokens kept */
  guint       kv_lora_rank;      /* mla */
  guint       qk_rope_head_dim;  /* mla */
  double      state_bytes;       /* linear: bytes of state per session per layer, or RW_UNKNOWN */
} RwLayerGroup;

/* One part of an image model (transformer, text_encoder, text_encoder_2, vae) */
typedef struct {
  char   *name;
  double  params_b;              /* parameters, billions */
} RwModelComponent;

#define RW_TYPE_MODEL (rw_model_get_type ())
G_DECLARE_FINAL_TYPE (RwModel, rw_model, RW, MODEL, GObject)

const char *rw_model_get_id             (RwModel *self);
const char *rw_model_get_name           (RwModel *self);
const char *rw_model_get_maker          (RwModel *self);
double      rw_model_get_params_b       (RwModel *self);
gint64      rw_model_get_context        (RwModel *self);
guint       rw_model_get_layers         (RwModel *self);
guint       rw_model_get_kv_heads       (RwModel *self);
guint       rw_model_get_head_dim       (RwModel *self);
guint       rw_model_get_sliding_window (RwModel *self);
guint       rw_model_get_sliding_layers (RwModel *self);
RwModelKind rw_model_get_kind           (RwModel *self);
double      rw_model_get_active_params_b    (RwModel *self);
double      rw_model_get_embedding_params_b (RwModel *self);
gboolean    rw_model_get_tied_embeddings    (RwModel *self);
guint       rw_model_get_hidden_size        (RwModel *self);
guint       rw_model_get_attention_heads    (RwModel *self);
guint       rw_model_get_intermediate_size  (RwModel *self);
const char *rw_model_get_source             (RwModel *self);
const RwLayerGroup     *rw_model_get_layer_groups (RwModel *self,
                                                   guint   *n_groups);
const RwModelComponent *rw_model_get_components   (RwModel *self,
                                                   guint   *n_components);

G_END_DECLS
