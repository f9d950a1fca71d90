/* rw-feed-cache.h: one feed's cached copy: its body and its metadata (ETag, Last-Modified,
 * checksum, fetched-at), written atomically, read only when the two match
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest cache metadata file read, in bytes (64 KiB); a larger one is ignored */
#define RW_CACHE_META_MAX_SIZE (64 * 1024)

/* What a cache metadata file says */
typedef struct {
  char   *etag;
  char   *last_modified;
  char   *sha256;
  gint64  fetched_at;
} RwCacheMeta;

gboolean    rw_cache_meta_parse     (const char   *data,
                                     gsize         len,
                                     const char   *url,
                                     RwCacheMeta  *out,
                                     char        **problem);
void        rw_cache_meta_clear     (RwCacheMeta  *meta);

/* Under CACHE_DIR/feeds/: PREFIX.meta (a key file) and PREFIX-SHA256.body, PREFIX being the
 * first 32 hex digits of the SHA-256 of the feed's URL */
typedef struct {
  char   *dir;
  char   *prefix;       /* the URL's hash: every file of this feed starts with it */
  char   *body_path;    /* the body the metadata vouches for (named by its checksum) */
  char   *meta_path;
  int     fail_writes;  /* a GIOErrorEnum to fail with, for fault-injection tests; 0: none */
  char   *etag;
  char   *last_modified;
  gint64  fetched_at;
  char   *sha256;       /* of the body in use, once read or written */
  GBytes *body;
} RwFeedCache;

RwFeedCache *rw_feed_cache_new       (const char   *cache_dir,
                                      const char   *url);
void         rw_feed_cache_free      (RwFeedCache  *entry);
char        *rw_feed_cache_body_path (RwFeedCache  *entry,
                                      const char   *sha256);
gboolean     rw_feed_cache_read      (RwFeedCache  *entry,
                                      const char   *url,
                                      char        **problem);
gboolean     rw_feed_cache_write     (RwFeedCache  *entry,
                                      const char   *url,
                                      GBytes       *body,
                                      const char   *etag,
                                      const char   *last_modified,
                                      gint64        fetched_at,
                                      GError      **error);
gboolean     rw_feed_cache_touch     (RwFeedCache  *entry,
                                      const char   *url,
                                      gint64        fetched_at,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwFeedCache, rw_feed_cache_free)

G_END_DECLS
