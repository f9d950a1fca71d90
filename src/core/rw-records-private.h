/* rw-records-private.h: record fields, filled in by the catalog parser only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-records.h"

G_BEGIN_DECLS

struct _RwGpu
{
  GObject parent_instance;

  char   *id;
  char   *name;
  char   *vendor;
  char   *architecture;
  char  **aliases;
  double  vram_gb;
  double  tdp_w;
  double  msrp_usd;
  double  memory_bandwidth_gbps;
  char   *interconnect;           /* "SXM", "PCIe", "NVL", "OAM", "NVLink-C2C", or NULL */
  double  usable_vram_mib;        /* what the driver reports, MiB; RW_UNKNOWN */
  char   *usable_vram_source;     /* spec_sources.usable_vram_mib: a URL or "derived: …"; NULL */
  double  purchase_usd;           /* purchase_price.usd; RW_UNKNOWN */
  gboolean purchase_estimate;     /* a dated street-price estimate, not a list price */
  char   *purchase_source;        /* https URL */
  char   *purchase_date;          /* YYYY-MM-DD */

  /* Derived by the catalog from its offers: [0] all pricing kinds, [1] without spot; [2] and
   * [3] the same with suspect prices included (rw_gpu_stats_index ()) */
  double  cheapest_hr[4];
  double  median_hr[4];
  double  dearest_hr[4];
  guint   n_providers[4];
};

struct _RwProvider
{
  GObject parent_instance;

  char *id;
  char *name;
  char *kind;
  char *url;
};

struct _RwOffer
{
  GObject parent_instance;

  /* Set when the strings point into a catalog image's string table (not owned) */
  GBytes    *strings;

  char      *provider;
  char      *gpu;
  char      *instance;
  char      *region;
  char      *observed_at;
  guint      gpu_count;
  RwPricing  pricing;
  double     price_hr;
  double     vcpus;
  double     ram_gb;
  double     disk_gb;
  guint      flags;        /* RwOfferFlags */
};

struct _RwHistoryPoint
{
  GObject parent_instance;

  char   *gpu;
  char   *date;
  double  median_hr;
  double  min_hr;
  double  max_hr;
  int     providers;
};

struct _RwModel
{
  GObject parent_instance;

  char   *id;
  char   *name;
  char   *maker;
  double  params_b;
  gint64  context;
  guint   layers;
  guint   kv_heads;
  guint   head_dim;
  guint   sliding_window;
  guint   sliding_layers;

  RwModelKind       kind;
  gboolean          tied_embeddings;
  double            active_params_b;      /* RW_UNKNOWN when not stated */
  double            embedding_params_b;   /* RW_UNKNOWN when not stated */
  /* the fine-tuning fit's shapes (docs/FIT.md, "Fine-tuning"); 0 when not stated */
  guint             hidden_size;
  guint             attention_heads;
  guint             intermediate_size;
  char             *source;
  RwLayerGroup     *groups;               /* from layer_groups, else from the flat members */
  guint             n_groups;
  RwModelComponent *components;
  guint             n_components;
};

G_END_DECLS

G_BEGIN_DECLS

RwOffer    *_rw_offer_copy_with_gpu (RwOffer    *offer,
                                     const char *gpu);
RwProvider *_rw_provider_new        (const char *id,
                                     const char *name,
                                     const char *kind,
                                     const char *url);

G_END_DECLS
