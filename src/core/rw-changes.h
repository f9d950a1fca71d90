/* rw-changes.h: what a refresh changed, and the last few refreshes' changes kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"
#include "rw-json-writer.h"

G_BEGIN_DECLS

/* The default move of a GPU's cheapest or median $/hr worth listing, as a fraction of the
 * price before: 5 %. Measured on the built-in catalog's daily per-GPU medians
 * (tugot17/gpu-price-tracker, 250 pairs of consecutive days): half the day-to-day moves are
 * 0, three in four are below 3.3 %, one in ten is above 18 %; at 5 % about one daily move in
 * five (22 %) is listed (docs/CHANGES.md has the command). */
#define RW_CHANGES_DEFAULT_THRESHOLD 0.05

/* How many refreshes' change sets the ring keeps */
#define RW_CHANGES_RING_SIZE 5
/* The most changes one set keeps on disk (a feed swapped for another can change thousands) */
#define RW_CHANGES_MAX_PER_SET 2000
#define RW_CHANGES_HEADER "# rentwise-changes/1"
/* Longest a push waits for another process's, in milliseconds */
#define RW_CHANGES_LOCK_TIMEOUT_MS 5000
/* The longest name a change keeps, in bytes */
#define RW_CHANGES_MAX_NAME 256

typedef enum {
  RW_CHANGE_NEW_PROVIDER,   /* a provider now has offers for the GPU; after: its rate */
  RW_CHANGE_GONE_PROVIDER,  /* a provider no longer has any; before: its rate */
  RW_CHANGE_CHEAPER,        /* the GPU's cheapest rate fell by the threshold or more */
  RW_CHANGE_DEARER,         /* … rose by the threshold or more */
  RW_CHANGE_MEDIAN_DOWN,    /* the median of the provider rates fell by the threshold or more */
  RW_CHANGE_MEDIAN_UP,      /* … rose */
  RW_CHANGE_NEW_GPU,        /* a GPU the old catalog did not have; after: its cheapest rate */
  RW_CHANGE_GONE_GPU,       /* a GPU the new catalog does not have; before: its cheapest rate */
  RW_CHANGE_NEW_MODEL,      /* a model the old catalog did not have (gpu is NULL) */
  RW_CHANGE_GONE_MODEL,     /* a model the new catalog does not have */
  RW_CHANGE_GONE_OFFERS,    /* offers of a provider that stays are gone; count: how many,
                             * before: the lowest per-GPU rate among them */
  RW_N_CHANGE_KINDS
} RwChangeKind;

/* One change. Prices are $/hr per GPU (price_hr / gpu_count), RW_UNKNOWN when none. */
typedef struct {
  RwChangeKind kind;
  char        *gpu;       /* GPU id; NULL for model changes */
  char        *model;     /* model id for new-model / gone-model, else NULL */
  char        *provider;  /* provider id: the new cheapest for cheaper/dearer; NULL for
                           * median, GPU and model changes */
  double       before;
  double       after;
  guint        count;     /* gone-offers: the offers gone; else 0 */
  /* the names for people, from the newer catalog that has them (a gone GPU's from the
   * older), kept so that the list reads the same after a restart; NULL when unknown.
   * Untrusted catalog text: sanitize it (rw_text_sanitize ()) and never use it as markup */
  char        *gpu_name;
  char        *model_name;
  char        *provider_name;
} RwChange;

typedef struct {
  double threshold;     /* fraction of the old price; RW_CHANGES_DEFAULT_THRESHOLD */
  guint  pricing_mask;  /* RW_PRICING_MASK_* (and RW_INCLUDE_*): the statistics compared */
} RwChangeOptions;

/* What one refresh changed */
typedef struct {
  gint64     time;          /* unix time of the refresh */
  char      *before_generated_at;  /* the catalogs' generated_at, nullable */
  char      *after_generated_at;
  GPtrArray *changes;       /* RwChange, in order: GPUs by id (each GPU's changes by kind,
                             * then provider), then models by id */
} RwChangeSet;

const char  *rw_change_kind_to_string   (RwChangeKind   kind);
gboolean     rw_change_kind_from_string (const char    *str,
                                         RwChangeKind  *kind);
RwChange    *rw_change_new              (RwChangeKind   kind,
                                         const char    *gpu,
                                         const char    *model,
                                         const char    *provider,
                                         double         before,
                                         double         after,
                                         guint          count);
void         rw_change_free             (RwChange      *change);

void         rw_change_options_init     (RwChangeOptions *options);
RwChangeSet *rw_change_set_new          (gint64           time);
void         rw_change_set_free         (RwChangeSet     *set);
RwChangeSet *rw_changes_compute         (RwCatalog             *before,
                                         RwCatalog             *after,
                                         const RwChangeOptions *options,
                                         gint64                 time);
void         rw_changes_write_json      (const RwChangeSet     *set,
                                         RwJsonWriter          *writer);
char        *rw_changes_to_json         (const RwChangeSet     *set);
char        *rw_change_describe         (const RwChange        *change,
                                         RwCatalog             *catalog);
char        *rw_changes_to_text         (const RwChangeSet     *set,
                                         RwCatalog             *catalog);

/* The last RW_CHANGES_RING_SIZE change sets, newest first, kept in a file */
typedef struct _RwChangeRing RwChangeRing;

RwChangeRing *rw_change_ring_new          (const char    *path);
void          rw_change_ring_free         (RwChangeRing  *ring);
char         *rw_change_ring_default_path (void);
gboolean      rw_change_ring_load         (RwChangeRing  *ring,
                                           GError       **error);
gboolean      rw_change_ring_load_from_data (RwChangeRing *ring,
                                             const char   *data,
                                             gsize         len);
const char   *rw_change_ring_get_problem  (RwChangeRing  *ring);
guint         rw_change_ring_get_n_sets   (RwChangeRing  *ring);
const RwChangeSet *rw_change_ring_get_set (RwChangeRing  *ring,
                                           guint          index);
gboolean      rw_change_ring_push         (RwChangeRing  *ring,
                                           RwChangeSet   *set,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwChange, rw_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwChangeSet, rw_change_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwChangeRing, rw_change_ring_free)

G_END_DECLS
