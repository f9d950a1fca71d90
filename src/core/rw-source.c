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

#include "rw-catalog-private.h"
#include "rw-fetch.h"
#include "rw-records-private.h"
#include "rw-source-private.h"

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
  g_clear_error (&status->gerror);
  g_strfreev (status->unmapped_names);
  g_free (status->superseded_by);
  g_free (status);
}

/* Sets the status's error to @text in RW_FETCH_ERROR with @code; NULL clears it */
void
_rw_feed_status_set_problem (RwFeedStatus *status,
                             int           code,
                             const char   *text)
{
  g_autoptr(GError) error = text ? g_error_new_literal (RW_FETCH_ERROR, code, text) : NULL;

  rw_feed_status_set_error (status, error);
}

/**
 * rw_feed_status_set_error:
 * @error: (nullable): why the feed failed, or why its cache was ignored or not kept; NULL
 *   clears it
 *
 * Sets both the status's GError (a copy of @error) and its text (@error's message).
 */
void
rw_feed_status_set_error (RwFeedStatus *status,
                          const GError *error)
{
  g_return_if_fail (status != NULL);

  g_clear_error (&status->gerror);
  g_clear_pointer (&status->error, g_free);
  if (error != NULL)
    {
      status->gerror = g_error_copy (error);
      status->error = g_strdup (error->message);
    }
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

/* ------------------------------------------------------------ one feed */



static void
feed_free (Feed *feed)
{
  g_assert (feed->task == NULL);
  g_free (feed->url);
  g_clear_pointer (&feed->cache, rw_feed_cache_free);
  g_clear_pointer (&feed->data, rw_feed_data_free);
  g_clear_pointer (&feed->status, rw_feed_status_free);
  g_free (feed->cache_problem);
  g_clear_pointer (&feed->new_body, g_bytes_unref);
  g_free (feed->new_etag);
  g_free (feed->new_last_modified);
  g_free (feed);
}

/* The feed has cached data: parsed, or (not yet parsed) in the cache image */
gboolean
_rw_feed_has_cached (Feed *feed)
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
void
_rw_feed_load_cache (Feed *feed)
{
  g_autoptr(GError) error = NULL;
  g_auto(RwFeedStats) stats;

  rw_feed_stats_init (&stats);
  if (!rw_feed_cache_read (feed->cache, feed->url, &feed->cache_problem))
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
  feed->cache = rw_feed_cache_new (source->cache_dir, url);
  feed->cache->fail_writes = source->fail_writes;
  feed->status = g_new0 (RwFeedStatus, 1);
  feed->status->url = g_strdup (url);
  feed->status->state = RW_FEED_STATE_FAILED;
  return feed;
}

/* ------------------------------------------------------------- refresh */



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
  if (_rw_feed_has_cached (feed))
    {
      feed->status->state = RW_FEED_STATE_CACHED;
      rw_feed_status_set_error (feed->status, NULL);
    }
  else
    {
      feed->status->state = RW_FEED_STATE_FAILED;
      if (feed->status->error == NULL && feed->cache_problem != NULL)
        _rw_feed_status_set_problem (feed->status, RW_FETCH_ERROR_CACHE, feed->cache_problem);
      else if (feed->status->error == NULL)
        _rw_feed_status_set_problem (feed->status, RW_FETCH_ERROR_NO_CACHE, NO_CACHE_PROBLEM);
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
  if (_rw_image_store_load (refresh))
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

      _rw_feed_load_cache (feed);
      feed_settle_offline (feed);
      if (feed->data != NULL)
        _rw_feed_status_set_problem (feed->status, RW_FETCH_ERROR_CACHE, feed->cache_problem);
    }
  catalog = _rw_image_store_merge_feeds (base, refresh->feeds, out);
  _rw_image_store_write (refresh, catalog, out);
  refresh_free (refresh);

  if (statuses != NULL)
    *statuses = g_steal_pointer (&out);
  return catalog;
}

static void start_more (GTask *task);



void
_rw_refresh_result_free (RefreshResult *result)
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

  if (feed->status->state == RW_FEED_STATE_FAILED && _rw_feed_has_cached (feed))
    feed->status->fetched_at = feed->cache->fetched_at;

  refresh->running--;
  refresh->done++;
  start_more (task);
  g_object_unref (task);
}

/* The feed failed, for @error (in RW_FETCH_ERROR): its status says why, by code and in words */
static void
feed_fail (Feed         *feed,
           const GError *error)
{
  rw_feed_status_set_error (feed->status, error);
  feed->status->state = RW_FEED_STATE_FAILED;
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
      g_autoptr(GError) refused = g_error_new (RW_FETCH_ERROR, RW_FETCH_ERROR_INVALID,
                                               "refused the response: %s", error->message);

      feed_fail (feed, refused);
      g_task_return_boolean (task, TRUE);
      return;
    }
  rw_feed_status_set_error (feed->status, NULL);
  if (!rw_feed_cache_write (feed->cache, feed->url, feed->new_body, feed->new_etag,
                            feed->new_last_modified, now, &error))
    {
      /* still use what was fetched; say that it could not be kept */
      g_autoptr(GError) unkept = g_error_new (RW_FETCH_ERROR, RW_FETCH_ERROR_CACHE,
                                              "could not write the cache: %s", error->message);

      rw_feed_status_set_error (feed->status, unkept);
    }
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

/* 304: the cached copy is current; only its time changes */
static void
feed_not_modified (Feed *feed)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;

  if (!_rw_feed_has_cached (feed))
    {
      g_autoptr(GError) no_cache = g_error_new_literal (RW_FETCH_ERROR, RW_FETCH_ERROR_NO_CACHE,
                                                        "HTTP 304 for a feed with no cached "
                                                        "copy");

      feed_fail (feed, no_cache);
      return;
    }
  feed->status->state = RW_FEED_STATE_NOT_MODIFIED;
  rw_feed_status_set_error (feed->status, NULL);
  feed->status->fetched_at = now;
  feed->cache->fetched_at = now;
  if (!rw_feed_cache_touch (feed->cache, feed->url, now, &error))
    {
      g_autoptr(GError) untouched = g_error_new (RW_FETCH_ERROR, RW_FETCH_ERROR_CACHE,
                                                 "could not update the cache: %s",
                                                 error->message);

      rw_feed_status_set_error (feed->status, untouched);
    }
}

static void
fetched (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Feed *feed = user_data;
  g_autoptr(GError) error = NULL;
  RwFetchResponse response = { 0 };
  g_autoptr(GBytes) body = rw_fetch_finish (result, &response, &error);
  g_autoptr(GTask) validate = NULL;

  feed->status->http_status = response.http_status;
  if (body == NULL)
    {
      if (g_error_matches (error, RW_FETCH_ERROR, RW_FETCH_ERROR_NOT_MODIFIED))
        feed_not_modified (feed);
      else
        feed_fail (feed, error);
      rw_fetch_response_clear (&response);
      feed_finished (feed);
      return;
    }

  feed->new_body = g_steal_pointer (&body);
  feed->new_etag = g_steal_pointer (&response.etag);
  feed->new_last_modified = g_steal_pointer (&response.last_modified);
  rw_fetch_response_clear (&response);
  validate = g_task_new (NULL, NULL, validate_done, feed);
  g_task_set_source_tag (validate, validate_done);
  g_task_set_task_data (validate, feed, NULL);
  g_task_run_in_thread (validate, validate_thread);
}

static void
start_feed (GTask *task,
            Feed  *feed)
{
  gboolean cached = _rw_feed_has_cached (feed);

  feed->task = g_object_ref (task);
  rw_fetch_async (feed->source->session, feed->url, cached ? feed->cache->etag : NULL,
                  cached ? feed->cache->last_modified : NULL, feed->source->deadline,
                  RW_FEED_MAX_SIZE, g_task_get_cancellable (task), fetched, feed);
}

static void
merged (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, g_task_propagate_pointer (G_TASK (result), NULL),
                         (GDestroyNotify) _rw_refresh_result_free);
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
      g_task_run_in_thread (merge, _rw_image_store_merge_thread);
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
      g_task_return_pointer (task, image, (GDestroyNotify) _rw_refresh_result_free);
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
          _rw_feed_status_set_problem (feed->status, RW_FETCH_ERROR_CACHE, feed->cache_problem);
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

  g_task_set_task_data (task, refresh_new (self, base, feeds, offline),
                        (GDestroyNotify) refresh_free);

  /* reading and parsing the cached copies is work for a thread */
  load = g_task_new (self, cancellable, caches_loaded, g_object_ref (task));
  g_task_set_source_tag (load, caches_loaded);
  g_task_set_task_data (load, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (load, _rw_image_store_load_caches_thread);
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
  _rw_refresh_result_free (refresh);
  return catalog;
}
