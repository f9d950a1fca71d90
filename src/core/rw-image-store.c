/* rw-image-store.c: the merged catalog kept as one image in the cache, and the merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-catalog-private.h"
#include "rw-file-read.h"
#include "rw-records-private.h"
#include "rw-source-private.h"

/* The merged catalog of the last load or refresh, kept as a catalog image
 * (rw-catalog-image.c), so that start-up reads it in place of every feed's cached body:
 * no JSON or CSV on the start-up path. The image is only a faster copy of what the cache
 * holds: its key names the program version, the built-in snapshot and each feed's cached
 * body (by checksum), and an image made from anything else is not used. */

#define IMAGE_FILE        "catalog.image"
#define IMAGE_STATUS_TYPE "a(sbuuasuuus)"

/* A cached body as the key names it: its checksum (from the metadata, which vouches for it),
 * size and modification time (a body changed behind the metadata's back, which only a full
 * read would catch, changes these) */
static char *
body_identity (RwFeedCache *entry,
               const char *sha256)
{
  g_autofree char *path = rw_feed_cache_body_path (entry, sha256);
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
void
_rw_image_store_write (Refresh   *refresh,
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
  /* the merged catalog is the data the key names: a refresh that brings it again (every
   * feed 304) is then known to be the same data (rw_catalog_has_same_data) */
  if (catalog->image_key == NULL)
    catalog->image_key = g_strdup (key);
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
gboolean
_rw_image_store_load (Refresh *refresh)
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
  gint64 newest = 0;
  gsize len;

  if (refresh->feeds->len == 0)
    return FALSE;   /* nothing but the built-in snapshot, which is an image already */
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);
      g_autofree char *meta_data = NULL;
      g_autofree char *problem = NULL;
      g_autoptr(GError) read_error = NULL;
      RwCacheMeta meta;
      gsize meta_len;

      if (!rw_file_read_capped (feed->cache->meta_path, RW_CACHE_META_MAX_SIZE, &meta_data,
                                &meta_len, &read_error))
        {
          /* a cache with a problem: the long way says what it is */
          if (!g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return FALSE;
          g_ptr_array_add (checksums, NULL);
          g_ptr_array_add (etags, NULL);
          g_ptr_array_add (last_modifieds, NULL);
          g_ptr_array_add (sha256s, NULL);
          continue;
        }
      if (!rw_cache_meta_parse (meta_data, meta_len, feed->url, &meta, &problem))
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
  /* a folder, a FIFO or a device (a link to /dev/zero) is never opened or read without
   * bound (newcomer report 5, defect 2): the long way then */
  if (key == NULL ||
      !rw_file_read_capped (path, RW_CATALOG_IMAGE_MAX_SIZE, &contents, &len, NULL))
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
          _rw_feed_status_set_problem (status, RW_FETCH_ERROR_NO_CACHE, NO_CACHE_PROBLEM);
        }
    }

  /* the feeds' cache entries, as rw_feed_cache_read () would have left them, less the body */
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
      feed->cache->body_path = rw_feed_cache_body_path (feed->cache, feed->cache->sha256);
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

/* The built-in snapshot with every feed's data merged over it (rw_catalog_merge()), stamped
 * with the newest data's time; each feed's status moves into @statuses */
RwCatalog *
_rw_image_store_merge_feeds (RwCatalog *base,
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

/* In a worker: the cache, as the image when it matches the cached bodies, else each body */
void
_rw_image_store_load_caches_thread (GTask        *task,
                                    gpointer      source_object,
                                    gpointer      task_data,
                                    GCancellable *cancellable)
{
  Refresh *refresh = task_data;

  /* the merged image, when it matches the caches, in place of them all: offline (start-up)
   * it is the answer; online it stands in for them until a fresh response needs a merge */
  if (_rw_image_store_load (refresh))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = 0; i < refresh->feeds->len; i++)
    _rw_feed_load_cache (g_ptr_array_index (refresh->feeds, i));
  g_task_return_boolean (task, TRUE);
}

/* Merging a large feed over the built-in catalog, and freeing the feed's own records after,
 * took 0.3 s of the main thread for the 100× catalog: both happen in a worker. The base is
 * the source's own built-in catalog, which only a refresh touches, and one refresh is in
 * this stage at a time (callers wait for it to finish before starting another). */
void
_rw_image_store_merge_thread (GTask        *merge,
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
      if (_rw_feed_has_cached (feed))
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
        {
          Feed *feed = g_ptr_array_index (refresh->feeds, i);

          g_ptr_array_add (result->statuses, g_steal_pointer (&feed->status));
        }
      g_task_return_pointer (merge, result, (GDestroyNotify) _rw_refresh_result_free);
      return;
    }

  /* a fresh response to merge: the other feeds' cached bodies are needed after all */
  for (guint i = 0; i < refresh->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (refresh->feeds, i);

      if (feed->in_image && feed->data == NULL && feed->status->state != RW_FEED_STATE_FRESH)
        {
          RwFeedState state = feed->status->state;

          _rw_feed_load_cache (feed);
          feed->status->state = state;
        }
      feed->in_image = FALSE;
    }
  result->catalog = _rw_image_store_merge_feeds (refresh->base, refresh->feeds, result->statuses);
  _rw_image_store_write (refresh, result->catalog, result->statuses);
  for (guint i = 0; i < refresh->feeds->len; i++)
    g_clear_pointer (&((Feed *) g_ptr_array_index (refresh->feeds, i))->data, rw_feed_data_free);
  g_task_return_pointer (merge, result, (GDestroyNotify) _rw_refresh_result_free);
}

