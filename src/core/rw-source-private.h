/* rw-source-private.h: what the files of the source share: the refresh and its feeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rw-source.c orchestrates (load order, the refresh, its feeds), rw-fetch.c makes one
 * conditional GET, rw-feed-cache.c keeps a feed's copy, rw-image-store.c keeps the merged
 * catalog as one image and merges the feeds.
 */
#pragma once

#include <libsoup/soup.h>

#include "rw-feed.h"
#include "rw-feed-cache.h"
#include "rw-source.h"

G_BEGIN_DECLS

#define NO_CACHE_PROBLEM  "offline, and no cached copy"

struct _RwSource
{
  GObject       parent_instance;

  char         *cache_dir;
  SoupSession  *session;
  RwCatalog    *builtin;
  guint         deadline;
  int           fail_writes;
};

typedef struct {
  RwSource     *source;          /* borrowed from the refresh */
  RwCatalog    *base;            /* borrowed */
  char         *url;
  RwFeedCache   *cache;
  RwFeedData   *data;            /* in use: fresh or cached */
  gboolean      in_image;        /* its cached data is in the refresh's image, body not read */
  RwFeedStatus *status;
  char         *cache_problem;

  /* network */
  GTask        *task;            /* the refresh, held while this feed is in flight */
  GBytes       *new_body;        /* a 200 response's, until validated */
  char         *new_etag;
  char         *new_last_modified;
} Feed;

typedef struct {
  RwSource  *source;
  RwCatalog *base;
  GPtrArray *feeds;      /* Feed */
  gboolean   offline;
  RwCatalog *image_catalog;   /* read from the cache image instead of the feeds' bodies */
  GPtrArray *image_statuses;
  GBytes    *image;           /* online: the matching image, made into a catalog if needed */
  char      *image_key;
  guint      next;       /* next feed to start */
  guint      running;
  guint      done;
} Refresh;

typedef struct {
  RwCatalog *catalog;
  GPtrArray *statuses;
} RefreshResult;

void       _rw_feed_status_set_problem         (RwFeedStatus  *status,
                                                int            code,
                                                const char    *text);
gboolean   _rw_feed_has_cached                 (Feed          *feed);
void       _rw_feed_load_cache                 (Feed          *feed);
void       _rw_refresh_result_free             (RefreshResult *result);

void       _rw_image_store_write               (Refresh       *refresh,
                                                RwCatalog     *catalog,
                                                GPtrArray     *statuses);
gboolean   _rw_image_store_load                (Refresh       *refresh);
RwCatalog *_rw_image_store_merge_feeds         (RwCatalog     *base,
                                                GPtrArray     *feeds,
                                                GPtrArray     *statuses);
void       _rw_image_store_load_caches_thread  (GTask         *task,
                                                gpointer       source_object,
                                                gpointer       task_data,
                                                GCancellable  *cancellable);
void       _rw_image_store_merge_thread        (GTask         *merge,
                                                gpointer       source_object,
                                                gpointer       task_data,
                                                GCancellable  *cancellable);

G_END_DECLS
