/* rw-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Load order: the cache, else the built-in snapshot, never the network. Refresh: every feed
 * is fetched with one SoupSession (at most four at once), conditionally (If-None-Match,
 * If-Modified-Since; 304 keeps the cache), within a total deadline and a size cap, over HTTPS
 * only (plain HTTP to loopback, for tests). A response is parsed and validated completely,
 * off the main thread, before it is written to the cache (atomically) and used. A failed
 * feed never takes away what its cached copy gave. Modelled on GNOME Software's
 * gs-download-utils.c, less its habit of deleting a cache that fails to parse.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "rw-feed.h"
#include "rw-records-private.h"
#include "rw-source.h"

#define READ_CHUNK (64 * 1024)

struct _RwSource
{
  GObject       parent_instance;

  char         *cache_dir;
  SoupSession  *session;
  RwCatalog    *builtin;
  guint         deadline;
  int           fail_writes;
};

G_DEFINE_FINAL_TYPE (RwSource, rw_source, G_TYPE_OBJECT)

const char *
rw_feed_state_to_string (RwFeedState state)
{
  switch (state)
    {
    case RW_FEED_STATE_FRESH: return "fresh";
    case RW_FEED_STATE_NOT_MODIFIED: return "not-modified";
    case RW_FEED_STATE_CACHED: return "cached";
    case RW_FEED_STATE_FAILED: return "failed";
    default: g_return_val_if_reached (NULL);
    }
}

void
rw_feed_status_free (RwFeedStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->url);
  g_free (status->error);
  g_strfreev (status->unmapped_names);
  g_free (status->superseded_by);
  g_free (status);
}

static void
rw_source_finalize (GObject *object)
{
  RwSource *self = (RwSource *) object;

  g_free (self->cache_dir);
  g_clear_object (&self->session);
  g_clear_object (&self->builtin);

  G_OBJECT_CLASS (rw_source_parent_class)->finalize (object);
}

static void
rw_source_class_init (RwSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_source_finalize;
}

static void
rw_source_init (RwSource *self)
{
  self->deadline = RW_FEED_DEADLINE_SECONDS;
  self->session = soup_session_new_with_options ("user-agent", "Rentwise/" PACKAGE_VERSION
                                                 " (GNOME; +https://github.com/rentwise)",
                                                 "timeout", 15,
                                                 "idle-timeout", 30,
                                                 "max-conns", 8,
                                                 NULL);
}

char *
rw_source_default_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rentwise", NULL);
}

/**
 * rw_source_new:
 * @cache_dir: (nullable): where feeds are cached; NULL for $XDG_CACHE_HOME/rentwise
 */
RwSource *
rw_source_new (const char *cache_dir)
{
  RwSource *self = g_object_new (RW_TYPE_SOURCE, NULL);

  self->cache_dir = cache_dir ? g_strdup (cache_dir) : rw_source_default_cache_dir ();
  return self;
}

const char *
rw_source_get_cache_dir (RwSource *self)
{
  g_return_val_if_fail (RW_IS_SOURCE (self), NULL);
  return self->cache_dir;
}

/* The total deadline per request, on top of libsoup's per-step timeout (tests shorten it) */
void
rw_source_set_deadline (RwSource *self,
                        guint     seconds)
{
  g_return_if_fail (RW_IS_SOURCE (self));
  self->deadline = MAX (seconds, 1);
}

/**
 * rw_source_set_write_failure:
 * @code: a GIOErrorEnum every cache write fails with (G_IO_ERROR_NO_SPACE, …); 0 for none
 *
 * Fault injection for tests: a full or read-only disk where no small tmpfs can be mounted.
 */
void
rw_source_set_write_failure (RwSource *self,
                             int       code)
{
  g_return_if_fail (RW_IS_SOURCE (self));
  self->fail_writes = code;
}

static RwCatalog *
get_builtin (RwSource  *self,
             GError   **error)
{
  if (self->builtin == NULL)
    self->builtin = rw_catalog_new_builtin (error);
  return self->builtin;
}

/**
 * rw_source_set_builtin:
 * @builtin: a parsed built-in catalog that nothing else uses (refreshes read it from worker
 *   threads), so that the first refresh does not parse it again on the calling thread
 */
void
rw_source_set_builtin (RwSource  *self,
                       RwCatalog *builtin)
{
  g_return_if_fail (RW_IS_SOURCE (self));
  g_return_if_fail (RW_IS_CATALOG (builtin));

  if (self->builtin == NULL)
    self->builtin = g_object_ref (builtin);
}

/**
 * rw_feed_url_is_allowed:
 *
 * HTTPS anywhere; plain HTTP only to this machine (127.0.0.0/8, ::1, localhost).
 */
gboolean
rw_feed_url_is_allowed (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme, *host;

  if (uri == NULL || strlen (url) > 2048)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "::1"))
    return TRUE;
  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
    return address != NULL && g_inet_address_get_is_loopback (address);
  }
}

/* ---------------------------------------------------------------- cache */

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
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->dir);
  g_free (entry->prefix);
  g_free (entry->body_path);
  g_free (entry->meta_path);
  g_free (entry->etag);
  g_free (entry->last_modified);
  g_free (entry->sha256);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CacheEntry, cache_entry_free)

static CacheEntry *
cache_entry_new (const char *cache_dir,
                 const char *url)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *meta = g_strdup_printf ("%.32s.meta", hash);

  entry->dir = g_build_filename (cache_dir, "feeds", NULL);
  entry->prefix = g_strndup (hash, 32);
  entry->meta_path = g_build_filename (entry->dir, meta, NULL);
  return entry;
}

/* Bodies are named by their own checksum, so a new one never overwrites the one the current
 * metadata vouches for: killed at any point, a refresh leaves a pair that matches. */
static char *
body_path_for (CacheEntry *entry,
               const char *sha256)
{
  g_autofree char *name = g_strdup_printf ("%s-%.16s.body", entry->prefix, sha256);
  return g_build_filename (entry->dir, name, NULL);
}

/* Removes this feed's bodies other than @keep (left by earlier refreshes or a crash) */
static void
remove_stale_bodies (CacheEntry *entry,
                     const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (entry->dir, 0, NULL);
  g_autofree char *keep_name = g_path_get_basename (keep);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, entry->prefix) && g_str_has_suffix (name, ".body") &&
        !g_str_equal (name, keep_name))
      {
        g_autofree char *path = g_build_filename (entry->dir, name, NULL);
        g_unlink (path);
      }
}

static gboolean
injected_failure (CacheEntry  *entry,
                  GError     **error)
{
  if (entry->fail_writes == 0)
    return FALSE;
  g_set_error (error, G_IO_ERROR, entry->fail_writes, "%s",
               entry->fail_writes == G_IO_ERROR_NO_SPACE ? "No space left on device"
               : entry->fail_writes == G_IO_ERROR_READ_ONLY ? "Read-only file system"
               : "Write failed");
  return TRUE;
}

/* g_key_file_get_string() of GLib 2.74 sets its GError twice (a warning, fatal under
 * G_DEBUG) for a value with a bad escape followed by one at the end of the line, such as
 * "\\q\\" (found by fuzz-cache-meta). Only values with valid escapes reach it. */
static char *
meta_get_string (GKeyFile   *meta,
                 const char *key)
{
  g_autofree char *raw = g_key_file_get_value (meta, "feed", key, NULL);

  if (raw == NULL)
    return NULL;
  for (const char *p = strchr (raw, '\\'); p != NULL; p = strchr (p + 2, '\\'))
    if (p[1] == '\0' || strchr ("sntr\\", p[1]) == NULL)
      return NULL;
  return g_key_file_get_string (meta, "feed", key, NULL);
}

/**
 * rw_cache_meta_parse:
 * @data: (array length=len): a cache metadata file
 * @url: the feed it must belong to
 * @problem: (out): why it cannot be used
 *
 * Reads the metadata that vouches for a cached body: the feed URL, its body's SHA-256,
 * ETag, Last-Modified and fetch time. Untrusted: a file on disk can be torn or tampered with.
 *
 * Returns: TRUE when the metadata is whole and belongs to @url
 */
gboolean
rw_cache_meta_parse (const char   *data,
                     gsize         len,
                     const char   *url,
                     RwCacheMeta  *out,
                     char        **problem)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meta_url = NULL;

  memset (out, 0, sizeof *out);
  if (len > 64 * 1024)
    {
      *problem = g_strdup ("ignored a cache file whose metadata is too large");
      return FALSE;
    }
  if (!g_key_file_load_from_data (meta, data, len, G_KEY_FILE_NONE, &error))
    {
      *problem = g_strdup_printf ("ignored an unreadable cache file (%s)", error->message);
      return FALSE;
    }
  meta_url = meta_get_string (meta, "url");
  out->sha256 = meta_get_string (meta, "sha256");
  if (g_strcmp0 (meta_url, url) != 0 || out->sha256 == NULL || strlen (out->sha256) != 64)
    {
      rw_cache_meta_clear (out);
      *problem = g_strdup ("ignored a cache file that belongs to another feed");
      return FALSE;
    }
  out->etag = meta_get_string (meta, "etag");
  out->last_modified = meta_get_string (meta, "last-modified");
  out->fetched_at = g_key_file_get_int64 (meta, "feed", "fetched-at", NULL);
  /* header values go back into requests: no line breaks, bounded */
  if ((out->etag && (strpbrk (out->etag, "\r\n") || strlen (out->etag) > 1024)) ||
      (out->last_modified && (strpbrk (out->last_modified, "\r\n") || strlen (out->last_modified) > 256)))
    {
      g_clear_pointer (&out->etag, g_free);
      g_clear_pointer (&out->last_modified, g_free);
    }
  return TRUE;
}

void
rw_cache_meta_clear (RwCacheMeta *meta)
{
  g_clear_pointer (&meta->etag, g_free);
  g_clear_pointer (&meta->last_modified, g_free);
  g_clear_pointer (&meta->sha256, g_free);
}

/* Reads the cached copy of @url. A missing cache is not an error; an unreadable or
 * mismatched one is reported in @problem and ignored (never deleted). */
static gboolean
cache_read (CacheEntry  *entry,
            const char  *url,
            char       **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta_data = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *contents = NULL;
  RwCacheMeta meta;
  gsize len, meta_len;

  if (!g_file_test (entry->meta_path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!g_file_get_contents (entry->meta_path, &meta_data, &meta_len, &error))
    {
      *problem = g_strdup_printf ("ignored an unreadable cache file (%s)", error->message);
      return FALSE;
    }
  if (!rw_cache_meta_parse (meta_data, meta_len, url, &meta, problem))
    return FALSE;

  g_free (entry->body_path);
  entry->body_path = body_path_for (entry, meta.sha256);
  {
    g_autoptr(GFile) file = g_file_new_for_path (entry->body_path);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
    if (info != NULL && g_file_info_get_size (info) > RW_FEED_MAX_SIZE)
      {
        rw_cache_meta_clear (&meta);
        *problem = g_strdup ("ignored a cache file larger than the size limit");
        return FALSE;
      }
  }
  if (!g_file_get_contents (entry->body_path, &contents, &len, &error))
    {
      rw_cache_meta_clear (&meta);
      *problem = g_strdup_printf ("ignored an unreadable cache file (%s)", error->message);
      return FALSE;
    }
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  if (!g_str_equal (actual, meta.sha256))
    {
      rw_cache_meta_clear (&meta);
      *problem = g_strdup ("ignored a damaged cache file (checksum mismatch)");
      return FALSE;
    }

  g_free (entry->etag);
  entry->etag = g_steal_pointer (&meta.etag);
  g_free (entry->last_modified);
  entry->last_modified = g_steal_pointer (&meta.last_modified);
  entry->fetched_at = meta.fetched_at;
  g_free (entry->sha256);
  entry->sha256 = g_steal_pointer (&meta.sha256);
  rw_cache_meta_clear (&meta);
  entry->body = g_bytes_new_take (g_steal_pointer (&contents), len);
  return TRUE;
}

/* Body first, then the metadata that vouches for it (its checksum): a crash between the two
 * leaves a body the old metadata does not match, which is ignored, not used half-written. */
static gboolean
cache_write (CacheEntry  *entry,
             const char  *url,
             GBytes      *body,
             const char  *etag,
             const char  *last_modified,
             gint64       fetched_at,
             GError     **error)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  g_autofree char *body_path = body_path_for (entry, checksum);
  g_autofree char *meta_data = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  /* g_file_set_contents_full () wants some data: an empty body never validates anyway */
  g_return_val_if_fail (data != NULL && len > 0, FALSE);

  if (injected_failure (entry, error))
    return FALSE;
  if (g_mkdir_with_parents (entry->dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create the cache folder %s: %s", entry->dir, g_strerror (saved));
      return FALSE;
    }

  if (!g_file_set_contents_full (body_path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_key_file_set_string (meta, "feed", "url", url);
  if (etag)
    g_key_file_set_string (meta, "feed", "etag", etag);
  if (last_modified)
    g_key_file_set_string (meta, "feed", "last-modified", last_modified);
  g_key_file_set_int64 (meta, "feed", "fetched-at", fetched_at);
  g_key_file_set_string (meta, "feed", "sha256", checksum);
  meta_data = g_key_file_to_data (meta, NULL, NULL);
  if (!g_file_set_contents_full (entry->meta_path, meta_data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_unlink (body_path);
      return FALSE;
    }
  /* the metadata now vouches for the new body: the old one can go */
  g_free (entry->sha256);
  entry->sha256 = g_strdup (checksum);
  g_free (entry->body_path);
  entry->body_path = g_steal_pointer (&body_path);
  remove_stale_bodies (entry, entry->body_path);
  return TRUE;
}

/* After a 304: the same body, checked again now */
static gboolean
cache_touch (CacheEntry  *entry,
             const char  *url,
             gint64       fetched_at,
             GError     **error)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *meta_data = NULL;

  if (injected_failure (entry, error))
    return FALSE;
  if (!g_key_file_load_from_file (meta, entry->meta_path, G_KEY_FILE_KEEP_COMMENTS, error))
    return FALSE;
  g_key_file_set_int64 (meta, "feed", "fetched-at", fetched_at);
  meta_data = g_key_file_to_data (meta, NULL, NULL);
  return g_file_set_contents_full (entry->meta_path, meta_data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* ------------------------------------------------------------ one feed */

typedef struct {
  RwSource     *source;          /* borrowed from the refresh */
  RwCatalog    *base;            /* borrowed */
  char         *url;
  CacheEntry   *cache;
  RwFeedData   *data;            /* in use: fresh or cached */
  gboolean      in_image;        /* its cached data is in the refresh's image, body not read */
  RwFeedStatus *status;
  char         *cache_problem;

  /* network */
  GTask        *task;            /* the refresh, held while this feed is in flight */
  char         *current_url;
  guint         redirects;
  SoupMessage  *message;
  GCancellable *cancellable;     /* this request's, cancelled by the deadline or the caller */
  gulong        parent_handler;
  guint         deadline_id;
  gboolean      timed_out;
  GByteArray   *buffer;
  goffset       expected_length; /* Content-Length of an unencoded body, -1 when unknown */
  GInputStream *stream;
  GBytes       *new_body;
  char         *new_etag;
  char         *new_last_modified;
} Feed;

static void
feed_free (Feed *feed)
{
  g_assert (feed->task == NULL);
  g_free (feed->url);
  g_clear_pointer (&feed->cache, cache_entry_free);
  g_clear_pointer (&feed->data, rw_feed_data_free);
  g_clear_pointer (&feed->status, rw_feed_status_free);
  g_free (feed->cache_problem);
  g_free (feed->current_url);
  g_clear_object (&feed->message);
  g_clear_object (&feed->cancellable);
  g_clear_handle_id (&feed->deadline_id, g_source_remove);
  g_clear_pointer (&feed->buffer, g_byte_array_unref);
  g_clear_object (&feed->stream);
  g_clear_pointer (&feed->new_body, g_bytes_unref);
  g_free (feed->new_etag);
  g_free (feed->new_last_modified);
  g_free (feed);
}

/* The feed has cached data: parsed, or (not yet parsed) in the cache image */
static gboolean
feed_has_cached (Feed *feed)
{
  return feed->data != NULL || feed->in_image;
}

static void
feed_set_stats (Feed        *feed,
                RwFeedStats *stats)
{
  g_ptr_array_add (stats->unmapped_names, NULL);
  g_strfreev (feed->status->unmapped_names);
  feed->status->unmapped_names = g_strdupv ((char **) stats->unmapped_names->pdata);
  g_ptr_array_remove_index (stats->unmapped_names, stats->unmapped_names->len - 1);
  feed->status->offers = stats->offers;
  feed->status->unmapped = stats->unmapped;
  feed->status->bad_numbers = stats->bad_numbers;
  feed->status->duplicates = stats->duplicates;
  feed->status->gpu_only = stats->gpu_only;
}

/* The time of a feed's prices: its own (a native document's generated_at), else the
 * response's Last-Modified, else when it was fetched; and the day its offers were seen */
static void
feed_stamp (RwFeedData *data,
            const char *last_modified,
            gint64      fetched_at)
{
  if (data->time == 0 && last_modified != NULL)
    {
      g_autoptr(GDateTime) time = soup_date_time_new_from_http_string (last_modified);

      if (time != NULL)
        data->time = g_date_time_to_unix (time);
    }
  if (data->time == 0)
    data->time = fetched_at;

  /* when each offer was last seen: the UTC day it was fetched, unless the feed says */
  if (fetched_at > 0)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (fetched_at);
      g_autofree char *seen = day ? g_date_time_format (day, "%Y-%m-%d") : NULL;

      for (guint i = 0; seen != NULL && i < data->offers->len; i++)
        {
          RwOffer *offer = g_ptr_array_index (data->offers, i);

          if (offer->observed_at == NULL && offer->strings == NULL)
            offer->observed_at = g_strdup (seen);
        }
    }
}

/* In a worker thread: the cached copy, parsed and validated like a fresh one */
static void
feed_load_cache (Feed *feed)
{
  g_autoptr(GError) error = NULL;
  g_auto(RwFeedStats) stats;

  rw_feed_stats_init (&stats);
  if (!cache_read (feed->cache, feed->url, &feed->cache_problem))
    return;
  feed->data = rw_feed_parse (feed->cache->body, feed->url, feed->base, &stats, &error);
  if (feed->data == NULL)
    {
      feed->cache_problem = g_strdup_printf ("ignored an invalid cache file (%s)", error->message);
      g_clear_pointer (&feed->cache->body, g_bytes_unref);
      g_clear_pointer (&feed->cache->etag, g_free);
      g_clear_pointer (&feed->cache->last_modified, g_free);
      g_clear_pointer (&feed->cache->sha256, g_free);
      return;
    }
  feed->status->fetched_at = feed->cache->fetched_at;
  feed_stamp (feed->data, feed->cache->last_modified, feed->cache->fetched_at);
  feed_set_stats (feed, &stats);
}

static Feed *
feed_new (RwSource   *source,
          RwCatalog  *base,
          const char *url)
{
  Feed *feed = g_new0 (Feed, 1);

  feed->source = source;
  feed->base = base;
  feed->url = g_strdup (url);
  feed->cache = cache_entry_new (source->cache_dir, url);
  feed->cache->fail_writes = source->fail_writes;
  feed->status = g_new0 (RwFeedStatus, 1);
  feed->status->url = g_strdup (url);
  feed->status->state = RW_FEED_STATE_FAILED;
  return feed;
}

/* ------------------------------------------------------------- refresh */

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

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->source);
  g_clear_object (&refresh->base);
  g_clear_pointer (&refresh->feeds, g_ptr_array_unref);
  g_clear_object (&refresh->image_catalog);
  g_clear_pointer (&refresh->image_statuses, g_ptr_array_unref);
  g_clear_pointer (&refresh->image, g_bytes_unref);
  g_free (refresh->image_key);
  g_free (refresh);
}

/* ------------------------------------------------------- catalog image */

/* The merged catalog of the last load or refresh, kept as a catalog image
 * (rw-catalog-image.c), so that start-up reads it in place of every feed's cached body:
 * no JSON or CSV on the start-up path. The image is only a faster copy of what the cache
 * holds: its key names the program version, the built-in snapshot and each feed's cached
 * body (by checksum), and an image made from anything else is not used. */

#define IMAGE_FILE        "catalog.image"
#define IMAGE_STATUS_TYPE "a(sbuuasuuus)"
#define NO_CACHE_PROBLEM  "offline, and no cached copy"

/* A cached body as the key names it: its checksum (from the metadata, which vouches for it),
 * size and modification time (a body changed behind the metadata's back, which only a full
 * read would catch, changes these) */
static char *
body_identity (CacheEntry *entry,
               const char *sha256)
{
  g_autofree char *path = body_path_for (entry, sha256);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, sha256,
                          (gint64) st.st_size, (gint64) st.st_mtime);
}

static char *
image_key (Refresh            *refresh,
           const char * const *checksums)
{
  const char *base_key = rw_catalog_get_image_key (refresh->base);
  GString *key;

  if (base_key == NULL)
    return NULL;   /* a built-in catalog that did not come from an image: a test's own */
  key = g_string_new ("rentwise-cache/1 " PACKAGE_VERSION "\n");
  g_string_append_printf (key, "%s\n", base_key);
  for (guint i = 0; i < refresh->feeds->len; i++)
    g_string_append_printf (key, "%s %s\n", ((Feed *) g_ptr_array_index (refresh->feeds, i))->url,
                            checksums[i] ? checksums[i] : "-");
  return g_string_free (key, FALSE);
}

/* In a worker, after a merge: keep what was merged for the next start, when every feed's
 * data in it is the body its cache holds. Failing to write it only costs the next start. */
static void
write_image (Refresh   *refresh,
             RwCatalog *catalog,
             GPtrArray *statuses)
{
  g_autoptr(GPtrArray) checksums = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) image = NULL;
  static const char * const none[] = { NULL };
  GVariantBuilder builder;

  if (catalog == refresh->base || refresh->source->fail_writes != 0)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (IMAGE_STATUS_TYPE));
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);
      RwFeedStatus *status = g_ptr_array_index (statuses, i);
      gboolean has_data = feed->data != NULL;

      char *identity = NULL;

      if (has_data && (feed->cache->sha256 == NULL ||
                       (identity = body_identity (feed->cache, feed->cache->sha256)) == NULL))
        {
          /* fetched, but the cache could not keep it */
          g_variant_builder_clear (&builder);
          return;
        }
      g_ptr_array_add (checksums, identity);
      g_variant_builder_add (&builder, "(sbuu^asuuus)", feed->url, has_data, status->offers,
                             status->unmapped,
                             status->unmapped_names ? status->unmapped_names : (char **) none,
                             status->bad_numbers, status->duplicates, status->gpu_only,
                             status->superseded_by ? status->superseded_by : "");
    }

  key = image_key (refresh, (const char * const *) checksums->pdata);
  if (key == NULL)
    {
      g_variant_builder_clear (&builder);
      return;
    }
  image = rw_catalog_to_image (catalog, key, g_variant_builder_end (&builder));
  path = g_build_filename (refresh->source->cache_dir, IMAGE_FILE, NULL);
  if (g_mkdir_with_parents (refresh->source->cache_dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (image, NULL),
                                 (gssize) g_bytes_get_size (image),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Could not write the catalog image %s: %s", path,
             error ? error->message : g_strerror (errno));
}

/* What the cache image gives, when it was made from exactly the cached bodies there are now.
 * Reads the feeds' small metadata files, never their bodies. Offline the image is made into
 * the catalog at once (it is the answer); online only its key and statuses are read, and
 * the merge makes the catalog only if no fresh response replaces it. */
static gboolean
load_image (Refresh *refresh)
{
  g_autoptr(GPtrArray) checksums = g_ptr_array_new_with_free_func (g_free);
  g_autofree gint64 *fetched = g_new0 (gint64, refresh->feeds->len + 1);
  g_autoptr(GPtrArray) etags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) last_modifieds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sha256s = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(GVariant) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;
  gint64 newest = 0;
  gsize len;

  if (refresh->feeds->len == 0)
    return FALSE;   /* nothing but the built-in snapshot, which is an image already */
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);
      g_autofree char *meta_data = NULL;
      g_autofree char *problem = NULL;
      RwCacheMeta meta;
      gsize meta_len;

      if (!g_file_test (feed->cache->meta_path, G_FILE_TEST_EXISTS))
        {
          g_ptr_array_add (checksums, NULL);
          g_ptr_array_add (etags, NULL);
          g_ptr_array_add (last_modifieds, NULL);
          g_ptr_array_add (sha256s, NULL);
          continue;
        }
      /* a cache with a problem: the long way says what it is */
      if (!g_file_get_contents (feed->cache->meta_path, &meta_data, &meta_len, NULL) ||
          !rw_cache_meta_parse (meta_data, meta_len, feed->url, &meta, &problem))
        return FALSE;
      g_ptr_array_add (checksums, body_identity (feed->cache, meta.sha256));
      fetched[i] = meta.fetched_at;
      g_ptr_array_add (etags, g_steal_pointer (&meta.etag));
      g_ptr_array_add (last_modifieds, g_steal_pointer (&meta.last_modified));
      g_ptr_array_add (sha256s, g_steal_pointer (&meta.sha256));
      rw_cache_meta_clear (&meta);
      if (checksums->pdata[i] == NULL)
        return FALSE;
    }

  key = image_key (refresh, (const char * const *) checksums->pdata);
  path = g_build_filename (refresh->source->cache_dir, IMAGE_FILE, NULL);
  if (key == NULL || g_stat (path, &st) != 0 || st.st_size > RW_CATALOG_IMAGE_MAX_SIZE ||
      !g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  if (refresh->offline)
    catalog = rw_catalog_new_from_image (bytes, RW_CATALOG_SOURCE_CACHE, key, &extra, &error);
  if (refresh->offline ? catalog == NULL : !rw_catalog_image_peek (bytes, key, &extra, &error))
    {
      g_debug ("Not using the catalog image %s: %s", path, error->message);
      return FALSE;
    }
  if (extra == NULL || !g_variant_is_of_type (extra, G_VARIANT_TYPE (IMAGE_STATUS_TYPE)) ||
      g_variant_n_children (extra) != refresh->feeds->len)
    return FALSE;

  statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_feed_status_free);
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);
      RwFeedStatus *status = g_new0 (RwFeedStatus, 1);
      g_autofree const char **names = NULL;
      const char *url, *superseded_by;
      gboolean has_data;

      g_ptr_array_add (statuses, status);
      g_variant_get_child (extra, i, "(&sbuu^a&suuu&s)", &url, &has_data, &status->offers,
                           &status->unmapped, &names, &status->bad_numbers, &status->duplicates,
                           &status->gpu_only, &superseded_by);
      status->superseded_by = superseded_by[0] ? g_strdup (superseded_by) : NULL;
      status->url = g_strdup (feed->url);
      if (!g_str_equal (url, feed->url) || has_data != (checksums->pdata[i] != NULL))
        return FALSE;
      if (has_data)
        {
          status->state = RW_FEED_STATE_CACHED;
          status->unmapped_names = g_strdupv ((char **) names);
          status->fetched_at = fetched[i];
          newest = MAX (newest, fetched[i]);
        }
      else
        {
          status->state = RW_FEED_STATE_FAILED;
          status->offers = status->unmapped = 0;
          status->error = g_strdup (NO_CACHE_PROBLEM);
        }
    }

  /* the feeds' cache entries, as cache_read () would have left them, less the body */
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);
      RwFeedStatus *status = g_ptr_array_index (statuses, i);

      if (checksums->pdata[i] == NULL)
        continue;
      feed->in_image = TRUE;
      g_free (feed->cache->etag);
      feed->cache->etag = g_steal_pointer (&etags->pdata[i]);
      g_free (feed->cache->last_modified);
      feed->cache->last_modified = g_steal_pointer (&last_modifieds->pdata[i]);
      g_free (feed->cache->sha256);
      feed->cache->sha256 = g_steal_pointer (&sha256s->pdata[i]);
      g_free (feed->cache->body_path);
      feed->cache->body_path = body_path_for (feed->cache, feed->cache->sha256);
      feed->cache->fetched_at = fetched[i];
      /* what the parse would have counted */
      feed->status->fetched_at = fetched[i];
      feed->status->offers = status->offers;
      feed->status->unmapped = status->unmapped;
      g_strfreev (feed->status->unmapped_names);
      feed->status->unmapped_names = g_strdupv (status->unmapped_names);
      feed->status->bad_numbers = status->bad_numbers;
      feed->status->duplicates = status->duplicates;
      feed->status->gpu_only = status->gpu_only;
      g_free (feed->status->superseded_by);
      feed->status->superseded_by = g_strdup (status->superseded_by);
    }
  if (catalog != NULL)
    {
      rw_catalog_set_fetched_at (catalog, newest);
      refresh->image_catalog = g_steal_pointer (&catalog);
      refresh->image_statuses = g_steal_pointer (&statuses);
    }
  else
    {
      refresh->image = g_steal_pointer (&bytes);
      refresh->image_key = g_steal_pointer (&key);
    }
  return TRUE;
}

static RwCatalog *
merge_feeds (RwCatalog *base,
             GPtrArray *feeds,
             GPtrArray *statuses)
{
  g_autoptr(GPtrArray) data = g_ptr_array_new ();
  gboolean network = FALSE;
  gint64 newest = 0;
  RwCatalog *catalog;

  for (guint i = 0; i < feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (feeds, i);

      if (feed->data != NULL)
        {
          g_ptr_array_add (data, feed->data);
          newest = MAX (newest, feed->status->fetched_at);
        }
      if (feed->status->state == RW_FEED_STATE_FRESH ||
          feed->status->state == RW_FEED_STATE_NOT_MODIFIED)
        network = TRUE;
    }

  if (data->len == 0)
    catalog = g_object_ref (base);
  else
    {
      catalog = rw_catalog_merge (base, data, network ? RW_CATALOG_SOURCE_NETWORK
                                                      : RW_CATALOG_SOURCE_CACHE);
      rw_catalog_set_fetched_at (catalog, newest);
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (feeds, i);

      if (feed->data != NULL && data->len > 0)
        {
          g_free (feed->status->superseded_by);
          feed->status->superseded_by = g_strdup (feed->data->superseded_by);
        }
      g_ptr_array_add (statuses, g_steal_pointer (&feed->status));
    }
  return catalog;
}

static void
load_caches_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Refresh *refresh = task_data;

  /* the merged image, when it matches the caches, in place of them all: offline (start-up)
   * it is the answer; online it stands in for them until a fresh response needs a merge */
  if (load_image (refresh))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = 0; i < refresh->feeds->len; i++)
    feed_load_cache (g_ptr_array_index (refresh->feeds, i));
  g_task_return_boolean (task, TRUE);
}

static Refresh *
refresh_new (RwSource           *self,
             RwCatalog          *base,
             const char * const *feeds,
             gboolean            offline)
{
  Refresh *refresh = g_new0 (Refresh, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  refresh->source = g_object_ref (self);
  refresh->base = g_object_ref (base);
  refresh->offline = offline;
  refresh->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_free);
  for (guint i = 0; feeds != NULL && feeds[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) feeds[i]))
      g_ptr_array_add (refresh->feeds, feed_new (self, base, feeds[i]));
  return refresh;
}

/* After the network (or instead of it): the status of a feed that was not fetched fresh */
static void
feed_settle_offline (Feed *feed)
{
  if (feed_has_cached (feed))
    {
      feed->status->state = RW_FEED_STATE_CACHED;
      g_clear_pointer (&feed->status->error, g_free);
    }
  else
    {
      feed->status->state = RW_FEED_STATE_FAILED;
      if (feed->status->error == NULL)
        feed->status->error = g_strdup (feed->cache_problem ? feed->cache_problem
                                                            : NO_CACHE_PROBLEM);
    }
}

/**
 * rw_source_load_image:
 * @feeds: (nullable) (array zero-terminated=1): the configured feed URLs
 * @statuses: (out) (optional) (element-type RwFeedStatus): one per feed
 *
 * What rw_source_load () gives, when the cache image was made from exactly the feeds'
 * cached bodies: it reads no feed body, so start-up can call it before its first frame.
 *
 * Returns: (transfer full) (nullable): the catalog, or NULL when only the long way can tell
 */
RwCatalog *
rw_source_load_image (RwSource            *self,
                      const char * const  *feeds,
                      GPtrArray          **statuses)
{
  RwCatalog *base;
  Refresh *refresh;
  RwCatalog *catalog = NULL;

  g_return_val_if_fail (RW_IS_SOURCE (self), NULL);

  base = get_builtin (self, NULL);
  if (base == NULL)
    return NULL;
  refresh = refresh_new (self, base, feeds, TRUE);
  if (load_image (refresh))
    {
      catalog = g_steal_pointer (&refresh->image_catalog);
      if (statuses != NULL)
        *statuses = g_steal_pointer (&refresh->image_statuses);
    }
  refresh_free (refresh);
  return catalog;
}

/**
 * rw_source_load:
 * @feeds: (nullable) (array zero-terminated=1): the configured feed URLs
 * @statuses: (out) (optional) (element-type RwFeedStatus): one per feed
 *
 * What start-up shows: the built-in snapshot with every feed's cached copy merged over it.
 * Never touches the network. A cache that cannot be used is reported and ignored.
 *
 * Returns: (transfer full): the catalog (never NULL unless the built-in one is broken)
 */
RwCatalog *
rw_source_load (RwSource            *self,
                const char * const  *feeds,
                GPtrArray          **statuses,
                GError             **error)
{
  Refresh *refresh;
  RwCatalog *base;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_feed_status_free);
  RwCatalog *catalog;

  g_return_val_if_fail (RW_IS_SOURCE (self), NULL);

  base = get_builtin (self, error);
  if (base == NULL)
    return NULL;

  catalog = rw_source_load_image (self, feeds, statuses);
  if (catalog != NULL)
    return catalog;

  refresh = refresh_new (self, base, feeds, TRUE);
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);

      feed_load_cache (feed);
      feed_settle_offline (feed);
      if (feed->data != NULL)
        {
          g_free (feed->status->error);
          feed->status->error = g_strdup (feed->cache_problem);
        }
    }
  catalog = merge_feeds (base, refresh->feeds, out);
  write_image (refresh, catalog, out);
  refresh_free (refresh);

  if (statuses != NULL)
    *statuses = g_steal_pointer (&out);
  return catalog;
}

static void start_more (GTask *task);

typedef struct {
  RwCatalog *catalog;
  GPtrArray *statuses;
} RefreshResult;

static void
refresh_result_free (RefreshResult *result)
{
  g_clear_object (&result->catalog);
  g_clear_pointer (&result->statuses, g_ptr_array_unref);
  g_free (result);
}

static void
feed_finished (Feed *feed)
{
  GTask *task = g_steal_pointer (&feed->task);
  Refresh *refresh = g_task_get_task_data (task);

  g_clear_handle_id (&feed->deadline_id, g_source_remove);
  if (feed->parent_handler != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), feed->parent_handler);
      feed->parent_handler = 0;
    }
  g_clear_object (&feed->message);
  g_clear_object (&feed->stream);
  g_clear_pointer (&feed->buffer, g_byte_array_unref);

  if (feed->status->state == RW_FEED_STATE_FAILED && feed_has_cached (feed))
    feed->status->fetched_at = feed->cache->fetched_at;

  refresh->running--;
  refresh->done++;
  start_more (task);
  g_object_unref (task);
}

G_GNUC_PRINTF (2, 3)
static void
feed_fail (Feed       *feed,
           const char *format,
           ...)
{
  va_list args;

  g_free (feed->status->error);
  va_start (args, format);
  feed->status->error = g_strdup_vprintf (format, args);
  va_end (args);
  feed->status->state = RW_FEED_STATE_FAILED;
}

static void
feed_fail_from_error (Feed       *feed,
                      const char *what,
                      GError     *error)
{
  if (feed->timed_out)
    feed_fail (feed, "timed out after %u s", feed->source->deadline);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    feed_fail (feed, "cancelled");
  else
    feed_fail (feed, "%s: %s", what, error->message);
}

/* In a worker thread: validate the whole response, then cache it */
static void
validate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Feed *feed = task_data;
  g_autoptr(GError) error = NULL;
  g_auto(RwFeedStats) stats;
  RwFeedData *data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rw_feed_stats_init (&stats);
  data = rw_feed_parse (feed->new_body, feed->url, feed->base, &stats, &error);
  if (data == NULL)
    {
      feed_fail (feed, "refused the response: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_clear_pointer (&feed->status->error, g_free);
  if (!cache_write (feed->cache, feed->url, feed->new_body, feed->new_etag,
                    feed->new_last_modified, now, &error))
    /* still use what was fetched; say that it could not be kept */
    feed->status->error = g_strdup_printf ("could not write the cache: %s", error->message);
  g_clear_pointer (&feed->data, rw_feed_data_free);
  feed->data = data;
  feed_stamp (data, feed->new_last_modified, now);
  feed->status->state = RW_FEED_STATE_FRESH;
  feed->status->fetched_at = now;
  feed->cache->fetched_at = now;
  feed_set_stats (feed, &stats);
  g_task_return_boolean (task, TRUE);
}

static void
validate_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  feed_finished (user_data);
}

static void read_more (Feed *feed);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Feed *feed = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      feed_fail_from_error (feed, "the connection failed while reading", error);
      feed_finished (feed);
      return;
    }
  if (g_bytes_get_size (chunk) == 0 && feed->expected_length >= 0 &&
      (goffset) feed->buffer->len != feed->expected_length)
    {
      feed_fail (feed, "refused the response: it ended after %u of %" G_GOFFSET_FORMAT " bytes",
                 feed->buffer->len, feed->expected_length);
      feed_finished (feed);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GTask) validate = g_task_new (NULL, NULL, validate_done, feed);

      /* the whole body is in: the deadline was for the network */
      g_clear_handle_id (&feed->deadline_id, g_source_remove);
      feed->new_body = g_byte_array_free_to_bytes (g_steal_pointer (&feed->buffer));
      g_task_set_source_tag (validate, validate_done);
      g_task_set_task_data (validate, feed, NULL);
      g_task_run_in_thread (validate, validate_thread);
      return;
    }
  if (feed->buffer->len + g_bytes_get_size (chunk) > RW_FEED_MAX_SIZE)
    {
      feed_fail (feed, "refused the response: larger than %d MiB", RW_FEED_MAX_SIZE / (1024 * 1024));
      g_cancellable_cancel (feed->cancellable);
      feed_finished (feed);
      return;
    }
  g_byte_array_append (feed->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (feed);
}

static void
read_more (Feed *feed)
{
  g_input_stream_read_bytes_async (feed->stream, READ_CHUNK, G_PRIORITY_DEFAULT, feed->cancellable,
                                   read_done, feed);
}

static void send_request (Feed *feed);

static gboolean
is_https (const char *url)
{
  return g_ascii_strncasecmp (url, "https:", 6) == 0;
}

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Feed *feed = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  SoupMessageHeaders *headers;
  guint status;

  if (stream == NULL)
    {
      feed_fail_from_error (feed, "could not connect", error);
      feed_finished (feed);
      return;
    }

  status = soup_message_get_status (feed->message);
  headers = soup_message_get_response_headers (feed->message);
  feed->status->http_status = status;

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;
      g_autofree char *next_url = NULL;

      if (location == NULL || ++feed->redirects > RW_MAX_REDIRECTS)
        {
          feed_fail (feed, location ? "too many redirects" : "HTTP %u without a Location", status);
          feed_finished (feed);
          return;
        }
      next = g_uri_parse_relative (soup_message_get_uri (feed->message), location,
                                   G_URI_FLAGS_NONE, NULL);
      next_url = next ? g_uri_to_string (next) : NULL;
      if (next_url == NULL || !rw_feed_url_is_allowed (next_url) ||
          (is_https (feed->current_url) && !is_https (next_url)))
        {
          feed_fail (feed, "refused a redirect to %s (HTTPS only)", next_url ? "an insecure or invalid address"
                                                                       : "an invalid address");
          feed_finished (feed);
          return;
        }
      g_free (feed->current_url);
      feed->current_url = g_steal_pointer (&next_url);
      g_clear_object (&feed->message);
      send_request (feed);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (!feed_has_cached (feed))
        {
          feed_fail (feed, "HTTP 304 for a feed with no cached copy");
          feed_finished (feed);
          return;
        }
      feed->status->state = RW_FEED_STATE_NOT_MODIFIED;
      g_clear_pointer (&feed->status->error, g_free);
      feed->status->fetched_at = now;
      feed->cache->fetched_at = now;
      if (!cache_touch (feed->cache, feed->url, now, &error))
        feed->status->error = g_strdup_printf ("could not update the cache: %s", error->message);
      feed_finished (feed);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      const char *reason = soup_message_get_reason_phrase (feed->message);
      g_autofree char *clean = reason ? g_utf8_make_valid (reason, MIN (strlen (reason), 80)) : NULL;

      feed_fail (feed, "HTTP %u%s%s", status, clean && clean[0] ? " " : "", clean ? clean : "");
      feed_finished (feed);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > RW_FEED_MAX_SIZE &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      feed_fail (feed, "refused the response: larger than %d MiB", RW_FEED_MAX_SIZE / (1024 * 1024));
      feed_finished (feed);
      return;
    }

  feed->expected_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    feed->expected_length = soup_message_headers_get_content_length (headers);
  feed->new_etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  feed->new_last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  feed->stream = g_steal_pointer (&stream);
  feed->buffer = g_byte_array_new ();
  read_more (feed);
}

static void
send_request (Feed *feed)
{
  SoupMessageHeaders *headers;

  feed->message = soup_message_new (SOUP_METHOD_GET, feed->current_url);
  if (feed->message == NULL)
    {
      feed_fail (feed, "not a valid address");
      feed_finished (feed);
      return;
    }
  soup_message_add_flags (feed->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (feed->message);
  if (feed_has_cached (feed) && feed->cache->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", feed->cache->etag);
  if (feed_has_cached (feed) && feed->cache->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", feed->cache->last_modified);

  soup_session_send_async (feed->source->session, feed->message, G_PRIORITY_DEFAULT,
                           feed->cancellable, send_done, feed);
}

static gboolean
deadline_reached (gpointer user_data)
{
  Feed *feed = user_data;

  feed->deadline_id = 0;
  feed->timed_out = TRUE;
  g_cancellable_cancel (feed->cancellable);
  return G_SOURCE_REMOVE;
}

static void
cancel_request (GCancellable *parent,
                GCancellable *request)
{
  g_cancellable_cancel (request);
}

static void
start_feed (GTask *task,
            Feed  *feed)
{
  GCancellable *parent = g_task_get_cancellable (task);

  feed->task = g_object_ref (task);
  if (!rw_feed_url_is_allowed (feed->url))
    {
      feed_fail (feed, "refused: feeds must use HTTPS");
      feed_finished (feed);
      return;
    }

  feed->cancellable = g_cancellable_new ();
  if (parent != NULL)
    feed->parent_handler = g_cancellable_connect (parent, G_CALLBACK (cancel_request),
                                                  feed->cancellable, NULL);
  feed->deadline_id = g_timeout_add_seconds (feed->source->deadline, deadline_reached, feed);
  feed->current_url = g_strdup (feed->url);
  send_request (feed);
}

/* Merging a large feed over the built-in catalog, and freeing the feed's own records after,
 * took 0.3 s of the main thread for the 100× catalog: both happen in a worker. The base is
 * the source's own built-in catalog, which only a refresh touches, and one refresh is in
 * this stage at a time (callers wait for it to finish before starting another). */
static void
merge_thread (GTask        *merge,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Refresh *refresh = g_task_get_task_data (G_TASK (task_data));
  RefreshResult *result = g_new0 (RefreshResult, 1);
  gboolean fresh = FALSE, network = FALSE;
  gint64 newest = 0;

  result->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_feed_status_free);
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);

      fresh |= feed->status->state == RW_FEED_STATE_FRESH;
      network |= feed->status->state == RW_FEED_STATE_NOT_MODIFIED;
      if (feed_has_cached (feed))
        newest = MAX (newest, feed->status->fetched_at);
    }

  /* nothing new (304s, failures): the cache image is the merged catalog */
  if (refresh->image != NULL && !fresh)
    {
      g_autoptr(GError) error = NULL;

      refresh->image_catalog = rw_catalog_new_from_image (refresh->image, RW_CATALOG_SOURCE_CACHE,
                                                          refresh->image_key, NULL, &error);
      if (refresh->image_catalog == NULL)
        g_debug ("Not using the catalog image: %s", error->message);
    }
  if (refresh->image_catalog != NULL && !fresh)
    {
      result->catalog = g_steal_pointer (&refresh->image_catalog);
      if (network)
        rw_catalog_set_source (result->catalog, RW_CATALOG_SOURCE_NETWORK);
      rw_catalog_set_fetched_at (result->catalog, newest);
      for (guint i = 0; i < refresh->feeds->len; i++)
        g_ptr_array_add (result->statuses,
                         g_steal_pointer (&((Feed *) g_ptr_array_index (refresh->feeds, i))->status));
      g_task_return_pointer (merge, result, (GDestroyNotify) refresh_result_free);
      return;
    }

  /* a fresh response to merge: the other feeds' cached bodies are needed after all */
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);

      if (feed->in_image && feed->data == NULL && feed->status->state != RW_FEED_STATE_FRESH)
        {
          RwFeedState state = feed->status->state;

          feed_load_cache (feed);
          feed->status->state = state;
        }
      feed->in_image = FALSE;
    }
  result->catalog = merge_feeds (refresh->base, refresh->feeds, result->statuses);
  write_image (refresh, result->catalog, result->statuses);
  for (guint i = 0; i < refresh->feeds->len; i++)
    g_clear_pointer (&((Feed *) g_ptr_array_index (refresh->feeds, i))->data, rw_feed_data_free);
  g_task_return_pointer (merge, result, (GDestroyNotify) refresh_result_free);
}

static void
merged (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, g_task_propagate_pointer (G_TASK (result), NULL),
                         (GDestroyNotify) refresh_result_free);
}

static void
start_more (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);

  while (refresh->running < RW_MAX_PARALLEL_FEEDS && refresh->next < refresh->feeds->len)
    {
      refresh->running++;
      start_feed (task, g_ptr_array_index (refresh->feeds, refresh->next++));
    }

  if (refresh->done == refresh->feeds->len && refresh->running == 0 &&
      !g_task_get_completed (task) && g_object_get_data (G_OBJECT (task), "rw-returned") == NULL)
    {
      /* every feed has settled: nothing else touches them while a worker merges */
      g_autoptr(GTask) merge = g_task_new (NULL, NULL, merged, g_object_ref (task));

      g_object_set_data (G_OBJECT (task), "rw-returned", GINT_TO_POINTER (1));
      g_task_set_task_data (merge, task, NULL);
      g_task_run_in_thread (merge, merge_thread);
    }
}

static void
caches_loaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);

  if (refresh->offline && refresh->image_catalog != NULL)
    {
      RefreshResult *image = g_new0 (RefreshResult, 1);

      image->catalog = g_steal_pointer (&refresh->image_catalog);
      image->statuses = g_steal_pointer (&refresh->image_statuses);
      g_object_set_data (G_OBJECT (task), "rw-returned", GINT_TO_POINTER (1));
      g_task_return_pointer (task, image, (GDestroyNotify) refresh_result_free);
      return;
    }
  if (refresh->offline)
    {
      for (guint i = 0; i < refresh->feeds->len; i++)
        feed_settle_offline (g_ptr_array_index (refresh->feeds, i));
      refresh->done = refresh->next = refresh->feeds->len;
    }
  else
    for (guint i = 0; i < refresh->feeds->len; i++)
      {
        /* kept for the message when the fetch fails with no cached copy */
        Feed *feed = g_ptr_array_index (refresh->feeds, i);
        if (feed->cache_problem != NULL)
          feed->status->error = g_strdup (feed->cache_problem);
      }
  start_more (task);
}

/**
 * rw_source_refresh_async:
 * @feeds: (array zero-terminated=1): feed URLs
 * @offline: when TRUE, nothing is fetched: the cached copies are used
 *
 * Fetches every feed (at most four at once) and merges what it can over the built-in
 * catalog. A failed feed keeps its cached copy; the refresh itself only fails when the
 * built-in catalog is broken or @cancellable is cancelled.
 */
void
rw_source_refresh_async (RwSource            *self,
                         const char * const  *feeds,
                         gboolean             offline,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) load = NULL;
  g_autoptr(GError) error = NULL;
  RwCatalog *base;

  g_return_if_fail (RW_IS_SOURCE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rw_source_refresh_async);

  base = get_builtin (self, &error);
  if (base == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, refresh_new (self, base, feeds, offline), (GDestroyNotify) refresh_free);

  /* reading and parsing the cached copies is work for a thread */
  load = g_task_new (self, cancellable, caches_loaded, g_object_ref (task));
  g_task_set_source_tag (load, caches_loaded);
  g_task_set_task_data (load, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (load, load_caches_thread);
}

/**
 * rw_source_refresh_finish:
 * @statuses: (out) (optional) (element-type RwFeedStatus): one per feed
 *
 * Returns: (transfer full): the merged catalog
 */
RwCatalog *
rw_source_refresh_finish (RwSource      *self,
                          GAsyncResult  *result,
                          GPtrArray    **statuses,
                          GError       **error)
{
  RefreshResult *refresh;
  RwCatalog *catalog;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  refresh = g_task_propagate_pointer (G_TASK (result), error);
  if (refresh == NULL)
    return NULL;
  catalog = g_steal_pointer (&refresh->catalog);
  if (statuses != NULL)
    *statuses = g_steal_pointer (&refresh->statuses);
  refresh_result_free (refresh);
  return catalog;
}
