/* rw-feed-cache.c: one feed's cached copy, and the metadata file's parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hand-made cache (bytes + a small metadata file) rather than SoupCache, which has no
 * offline fallback and skips large entries. Written with G_FILE_SET_CONTENTS_CONSISTENT only
 * after the body was validated; a copy that fails to parse is ignored, never deleted.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-feed.h"
#include "rw-feed-cache.h"
#include "rw-file-read.h"

/* Frees @entry (not its files) */
void
rw_feed_cache_free (RwFeedCache *entry)
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

/* The cache entry of @url under @cache_dir/feeds/ (nothing is read until
 * rw_feed_cache_read()) */
RwFeedCache *
rw_feed_cache_new (const char *cache_dir,
                   const char *url)
{
  RwFeedCache *entry = g_new0 (RwFeedCache, 1);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *meta = g_strdup_printf ("%.32s.meta", hash);

  entry->dir = g_build_filename (cache_dir, "feeds", NULL);
  entry->prefix = g_strndup (hash, 32);
  entry->meta_path = g_build_filename (entry->dir, meta, NULL);
  return entry;
}

/* Bodies are named by their own checksum, so a new one never overwrites the one the current
 * metadata vouches for: killed at any point, a refresh leaves a pair that matches. */
char *
rw_feed_cache_body_path (RwFeedCache *entry,
                         const char *sha256)
{
  g_autofree char *name = g_strdup_printf ("%s-%.16s.body", entry->prefix, sha256);
  return g_build_filename (entry->dir, name, NULL);
}

/* Removes this feed's bodies other than @keep (left by earlier refreshes or a crash) */
static void
remove_stale_bodies (RwFeedCache *entry,
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
injected_failure (RwFeedCache  *entry,
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
  if (len > RW_CACHE_META_MAX_SIZE)
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
      (out->last_modified && (strpbrk (out->last_modified, "\r\n") ||
                              strlen (out->last_modified) > 256)))
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
gboolean
rw_feed_cache_read (RwFeedCache  *entry,
                    const char  *url,
                    char       **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta_data = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *contents = NULL;
  RwCacheMeta meta;
  gsize len, meta_len;

  /* a folder, a FIFO or a device (a link to /dev/zero) is never opened or read without
   * bound (newcomer report 5, defect 2) */
  if (!rw_file_read_capped (entry->meta_path, RW_CACHE_META_MAX_SIZE, &meta_data, &meta_len,
                            &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        *problem = g_strdup_printf ("ignored an unreadable cache file (%s)", error->message);
      return FALSE;
    }
  if (!rw_cache_meta_parse (meta_data, meta_len, url, &meta, problem))
    return FALSE;

  g_free (entry->body_path);
  entry->body_path = rw_feed_cache_body_path (entry, meta.sha256);
  if (!rw_file_read_capped (entry->body_path, RW_FEED_MAX_SIZE, &contents, &len, &error))
    {
      rw_cache_meta_clear (&meta);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        *problem = g_strdup ("ignored a cache file larger than the size limit");
      else
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
gboolean
rw_feed_cache_write (RwFeedCache  *entry,
                     const char  *url,
                     GBytes      *body,
                     const char  *etag,
                     const char  *last_modified,
                     gint64       fetched_at,
                     GError     **error)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  g_autofree char *body_path = rw_feed_cache_body_path (entry, checksum);
  g_autofree char *meta_data = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  gboolean reused;

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

  /* The same bytes again (a 200 with a new ETag, say): the body in use stays as it is, so
   * that its identity (checksum, size, mtime) and with it the catalog image's key do not
   * change, and the session knows the data is the same (issue 16: a same-data refresh
   * changes the data time, not the catalog) */
  reused = g_strcmp0 (entry->sha256, checksum) == 0 &&
           g_strcmp0 (entry->body_path, body_path) == 0 &&
           g_file_test (body_path, G_FILE_TEST_IS_REGULAR);
  if (!reused && !g_file_set_contents_full (body_path, data, (gssize) len,
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
      if (!reused)
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
gboolean
rw_feed_cache_touch (RwFeedCache  *entry,
                     const char  *url,
                     gint64       fetched_at,
                     GError     **error)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *meta_data = NULL;
  g_autofree char *old = NULL;
  gsize old_len;

  if (injected_failure (entry, error))
    return FALSE;
  if (!rw_file_read_capped (entry->meta_path, RW_CACHE_META_MAX_SIZE, &old, &old_len, error) ||
      !g_key_file_load_from_data (meta, old, old_len, G_KEY_FILE_KEEP_COMMENTS, error))
    return FALSE;
  g_key_file_set_int64 (meta, "feed", "fetched-at", fetched_at);
  meta_data = g_key_file_to_data (meta, NULL, NULL);
  return g_file_set_contents_full (entry->meta_path, meta_data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

