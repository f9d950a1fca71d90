/* rw-feed.h: adapters that turn a fetched document into catalog records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"

G_BEGIN_DECLS

#define RW_FEED_MAX_SIZE (64 * 1024 * 1024)  /* as a catalog file: a 100× catalog is 40 MB */

#define RW_FEED_ERROR (rw_feed_error_quark ())

typedef enum {
  RW_FEED_ERROR_EMPTY,
  RW_FEED_ERROR_TOO_LARGE,
  RW_FEED_ERROR_INVALID,
} RwFeedError;

typedef struct {
  guint      rows;            /* data rows (CSV) or offers (native) read */
  guint      offers;          /* offers made */
  guint      skipped;         /* rows without an accelerator or a price, or malformed */
  guint      unmapped;        /* rows whose GPU could not be told from the evidence */
  GPtrArray *unmapped_names;  /* each unmapped name once, in order of appearance; "NAME (why)"
                               * when the name is known but the evidence contradicts it */
  guint      bad_numbers;     /* rows skipped for a number that is not a plain decimal */
  guint      duplicates;      /* rows identical to an earlier one, taken once */
  guint      gpu_only;        /* GPU-only prices that could not be joined to their machine */
} RwFeedStats;

/* Matches accelerator names to a catalog's GPUs from all the evidence (rw-feed.c) */
typedef struct _RwGpuIdentity RwGpuIdentity;

/* How far (as a fraction) reported memory may be from a GPU's vram_gb and still be that GPU */
#define RW_GPU_MEMORY_TOLERANCE 0.10

GQuark      rw_feed_error_quark         (void);
void        rw_feed_stats_init          (RwFeedStats  *stats);
void        rw_feed_stats_clear         (RwFeedStats  *stats);

char       *rw_feed_provider_for_url    (const char   *url);
RwFeedData *rw_feed_parse               (GBytes       *body,
                                         const char   *url,
                                         RwCatalog    *base,
                                         RwFeedStats  *stats,
                                         GError      **error);
RwFeedData *rw_skypilot_csv_parse       (const char   *data,
                                         gsize         len,
                                         const char   *provider,
                                         RwCatalog    *base,
                                         RwFeedStats  *stats,
                                         GError      **error);

RwGpuIdentity *rw_gpu_identity_new    (RwCatalog      *base);
void           rw_gpu_identity_free   (RwGpuIdentity  *self);
RwGpu         *rw_gpu_identity_match  (RwGpuIdentity  *self,
                                       const char     *name,
                                       const char     *instance,
                                       double          memory_mib,
                                       guint           count,
                                       char          **reason);
RwGpu         *rw_skypilot_identify   (RwGpuIdentity  *identity,
                                       const char     *provider,
                                       const char     *name,
                                       const char     *instance,
                                       double          gpuinfo_mib,
                                       guint           count,
                                       char          **reason);
char          *rw_gpu_name_key        (const char     *name);
gboolean       rw_parse_decimal       (const char     *str,
                                       double         *value);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RwFeedStats, rw_feed_stats_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwGpuIdentity, rw_gpu_identity_free)

G_END_DECLS
