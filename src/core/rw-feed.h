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
  guint      unmapped;        /* rows whose GPU name is not in the built-in aliases */
  GPtrArray *unmapped_names;  /* each unmapped name once, in order of appearance */
} RwFeedStats;

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RwFeedStats, rw_feed_stats_clear)

G_END_DECLS
