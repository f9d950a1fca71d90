/* test-source.c: feeds over HTTP against a SoupServer on 127.0.0.1, the cache, offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-server.h"

#include "rw-feed.h"
#include "rw-feed-cache.h"
#include "rw-source.h"
#include "test-common.h"
#include "test-special-files.h"

typedef struct {
  SoupServer *server;
  char       *base_url;
  char       *cache_dir;
  RwSource   *source;
  GBytes     *lambda_csv;
  guint       requests;
  char       *last_if_none_match;
  guint       lambda_status;     /* 0: serve normally */
} Fixture;

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fx = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *res = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (req, "If-None-Match");

  fx->requests++;
  g_free (fx->last_if_none_match);
  fx->last_if_none_match = g_strdup (inm);

  if (g_str_equal (path, "/lambda/vms.csv"))
    {
      if (fx->lambda_status != 0)
        {
          soup_server_message_set_status (msg, fx->lambda_status, NULL);
          return;
        }
      if (g_strcmp0 (inm, "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (res, "ETag", "\"v1\"");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fx->lambda_csv, NULL),
                                        g_bytes_get_size (fx->lambda_csv));
    }
  else if (g_str_equal (path, "/other/vms.csv"))
    {
      /* the same rows for another provider, always fresh (no validators) */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fx->lambda_csv, NULL),
                                        g_bytes_get_size (fx->lambda_csv));
    }
  else if (g_str_equal (path, "/missing/vms.csv"))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (g_str_equal (path, "/broken/vms.csv"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/badcsv/vms.csv"))
    {
      static const char body[] = "InstanceType,AcceleratorName,AcceleratorCount,Price\n\"never closed,H100,1,2\n";
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_STATIC, body, sizeof body - 1);
    }
  else if (g_str_equal (path, "/badjson/feed.json"))
    {
      static const char body[] = "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [";
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, sizeof body - 1);
    }
  else if (g_str_equal (path, "/big/vms.csv"))
    {
      gsize len = RW_FEED_MAX_SIZE + 1024;
      char *body = g_malloc (len);

      memset (body, 'x', len);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_TAKE, body, len);
    }
  else if (g_str_equal (path, "/stall/vms.csv"))
    soup_server_message_pause (msg);   /* never answers */
  else if (g_str_equal (path, "/redirect-out/vms.csv"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.com/lambda/vms.csv");
  else if (g_str_equal (path, "/redirect-loop/vms.csv"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/redirect-loop/vms.csv");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  fx->lambda_csv = rw_test_fixture_bytes ("skypilot", "v9_lambda_vms.csv", NULL);

  fx->server = rw_test_server_new (serve, fx, &fx->base_url);

  fx->cache_dir = g_dir_make_tmp ("rentwise-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fx->source = rw_source_new (fx->cache_dir);
  rw_source_set_deadline (fx->source, 2);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->source);
  g_clear_pointer (&fx->server, rw_test_server_free);
  rw_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
  g_free (fx->base_url);
  g_free (fx->last_if_none_match);
  g_bytes_unref (fx->lambda_csv);
}

static RwCatalog *
refresh (Fixture      *fx,
         const char   *path,
         gboolean      offline,
         RwFeedStatus **status_out)
{
  g_autofree char *url = g_strconcat (fx->base_url, path, NULL);
  RwCatalog *catalog;

  *status_out = refresh_one (fx->source, url, offline, &catalog);
  return catalog;
}

static guint
count_offers (RwCatalog  *catalog,
              const char *provider)
{
  GListModel *offers = rw_catalog_get_offers (catalog);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (offers, i);
      n += g_str_equal (rw_offer_get_provider (offer), provider);
    }
  return n;
}

/* The feed's cached body: the one file named after the URL's hash */
static char *
cache_body_path (Fixture    *fx,
                 const char *path)
{
  g_autofree char *url = g_strconcat (fx->base_url, path, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *prefix = g_strndup (hash, 32);
  g_autofree char *dir = g_build_filename (fx->cache_dir, "feeds", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".body"))
      {
        g_assert_null (found);   /* never more than one */
        found = g_build_filename (dir, name, NULL);
      }
  return found ? found : g_build_filename (dir, "none.body", NULL);
}

static void
test_fresh_then_not_modified (Fixture       *fx,
                              gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) first = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autoptr(RwCatalog) second = NULL;
  g_autofree char *body_path = cache_body_path (fx, "/lambda/vms.csv");
  g_autofree char *cached = NULL;
  g_autofree char *cached_again = NULL;
  gsize len, len_again;

  /* 200 with an ETag: used and cached */
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
  g_assert_cmpuint (status->http_status, ==, 200);
  g_assert_null (status->error);
  g_assert_cmpuint (status->offers, ==, 374);
  g_assert_cmpint (rw_catalog_get_source (first), ==, RW_CATALOG_SOURCE_NETWORK);
  g_assert_cmpuint (count_offers (first, "lambda"), ==, 374);
  g_assert_cmpint (rw_catalog_get_data_time (first), >, g_get_real_time () / G_USEC_PER_SEC - 60);
  g_assert_true (g_file_get_contents (body_path, &cached, &len, NULL));
  g_assert_cmpmem (cached, len, g_bytes_get_data (fx->lambda_csv, NULL), g_bytes_get_size (fx->lambda_csv));
  g_assert_null (fx->last_if_none_match);
  rw_feed_status_free (status);

  /* the next refresh asks conditionally; 304 keeps the cache byte for byte */
  second = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_assert_cmpstr (fx->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_NOT_MODIFIED);
  g_assert_cmpuint (status->http_status, ==, 304);
  g_assert_cmpuint (count_offers (second, "lambda"), ==, 374);
  g_assert_true (g_file_get_contents (body_path, &cached_again, &len_again, NULL));
  g_assert_cmpmem (cached, len, cached_again, len_again);
  rw_feed_status_free (status);
}

static void
test_server_gone (Fixture       *fx,
                  gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) first = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autoptr(RwCatalog) after = NULL;
  g_autoptr(RwCatalog) offline = NULL;
  g_autoptr(RwCatalog) loaded = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *url = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  const char *feeds[] = { url, NULL };

  rw_feed_status_free (status);
  g_clear_pointer (&fx->server, rw_test_server_free);

  /* the cached data, source "cache", and an error that says why */
  after = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
  g_assert_nonnull (status->error);
  g_assert_cmpuint (status->offers, ==, 374);
  g_assert_cmpint (rw_catalog_get_source (after), ==, RW_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (count_offers (after, "lambda"), ==, 374);
  rw_feed_status_free (status);

  /* offline: never touches the network */
  offline = refresh (fx, "/lambda/vms.csv", TRUE, &status);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_CACHED);
  g_assert_cmpint (rw_catalog_get_source (offline), ==, RW_CATALOG_SOURCE_CACHE);
  rw_feed_status_free (status);

  /* start-up: the same, synchronously, no network */
  loaded = rw_source_load (fx->source, feeds, &statuses, NULL);
  g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (count_offers (loaded, "lambda"), ==, 374);
  g_assert_cmpint (((RwFeedStatus *) g_ptr_array_index (statuses, 0))->state, ==, RW_FEED_STATE_CACHED);
}

static void
assert_refused (Fixture    *fx,
                const char *path,
                const char *error_part,
                guint       http_status)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) catalog = refresh (fx, path, FALSE, &status);
  g_autofree char *body_path = cache_body_path (fx, path);

  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
  g_assert_cmpuint (status->http_status, ==, http_status);
  if (status->error == NULL || strstr (status->error, error_part) == NULL)
    g_error ("%s: error “%s” lacks “%s”", path, status->error, error_part);
  g_assert_false (g_file_test (body_path, G_FILE_TEST_EXISTS));
  /* nothing from the feed, the built-in snapshot as it was */
  g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_BUILTIN);
  rw_feed_status_free (status);
}

static void
test_refusals (Fixture       *fx,
               gconstpointer  data)
{
  assert_refused (fx, "/missing/vms.csv", "HTTP 404", 404);
  assert_refused (fx, "/broken/vms.csv", "HTTP 500", 500);
  assert_refused (fx, "/badcsv/vms.csv", "Malformed CSV", 200);
  assert_refused (fx, "/badjson/feed.json", "not valid JSON", 200);
  assert_refused (fx, "/big/vms.csv", "larger than 64 MiB", 200);
  assert_refused (fx, "/stall/vms.csv", "timed out after 2 s", 0);
  assert_refused (fx, "/redirect-out/vms.csv", "refused a redirect", 302);
  assert_refused (fx, "/redirect-loop/vms.csv", "too many redirects", 302);
}

static void
test_failure_keeps_cache (Fixture       *fx,
                          gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) first = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autoptr(RwCatalog) after = NULL;
  g_autofree char *body_path = cache_body_path (fx, "/lambda/vms.csv");
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  gsize len_before, len_now;

  rw_feed_status_free (status);
  g_assert_true (g_file_get_contents (body_path, &before, &len_before, NULL));

  fx->lambda_status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  after = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
  g_assert_cmpstr (status->error, ==, "HTTP 503 Service Unavailable");
  g_assert_cmpuint (count_offers (after, "lambda"), ==, 374);
  g_assert_true (g_file_get_contents (body_path, &now, &len_now, NULL));
  g_assert_cmpmem (before, len_before, now, len_now);
  rw_feed_status_free (status);
}

static void
test_corrupt_cache (Fixture       *fx,
                    gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) first = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autoptr(RwCatalog) loaded = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *body_path = cache_body_path (fx, "/lambda/vms.csv");
  g_autofree char *url = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  const char *feeds[] = { url, NULL };
  RwFeedStatus *s;

  rw_feed_status_free (status);
  g_assert_true (g_file_set_contents (body_path, "garbage\"\n\x01", -1, NULL));

  loaded = rw_source_load (fx->source, feeds, &statuses, NULL);
  s = g_ptr_array_index (statuses, 0);
  g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_BUILTIN);
  g_assert_cmpint (s->state, ==, RW_FEED_STATE_FAILED);
  g_assert_nonnull (strstr (s->error, "ignored a damaged cache file"));
  /* kept on disk, replaced by the next good response */
  g_assert_true (g_file_test (body_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(RwCatalog) again = refresh (fx, "/lambda/vms.csv", FALSE, &status);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
    g_assert_cmpuint (count_offers (again, "lambda"), ==, 374);
    rw_feed_status_free (status);
  }
}

/* The cache's files at start-up, each a FIFO, a link to /dev/zero, a folder or over its cap
 * (newcomer report 5, defect 2): never opened or read past the cap; the catalog image is then
 * not used (the cached body is read instead), a metadata file or body is ignored and said */
static void
test_cache_not_regular (Fixture       *fx,
                        gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) first = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autofree char *url = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *meta_name = g_strdup_printf ("%.32s.meta", hash);
  const char *feeds[] = { url, NULL };
  char *paths[3];
  static const goffset caps[3] = { RW_CATALOG_IMAGE_MAX_SIZE, RW_CACHE_META_MAX_SIZE,
                                   RW_FEED_MAX_SIZE };
  static const char * const names[3] = { "the catalog image", "the metadata", "the body" };
  GBytes *good[3];

  rw_feed_status_free (status);
  paths[0] = g_build_filename (fx->cache_dir, "catalog.image", NULL);
  paths[1] = g_build_filename (fx->cache_dir, "feeds", meta_name, NULL);
  paths[2] = cache_body_path (fx, "/lambda/vms.csv");
  for (guint f = 0; f < 3; f++)
    {
      char *contents;
      gsize len;

      g_assert_true (g_file_get_contents (paths[f], &contents, &len, NULL));
      good[f] = g_bytes_new_take (contents, len);
    }

  special_watchdog (TRUE);
  for (guint f = 0; f < 3; f++)
    for (guint kind = 0; kind <= N_SPECIAL; kind++)
      {
        g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
        g_autoptr(GPtrArray) statuses = NULL;
        g_autoptr(RwCatalog) loaded = NULL;
        RwFeedStatus *s;

        special_watchdog (TRUE);
        for (guint g = 0; g < 3; g++)
          {
            if (g_file_test (paths[g], G_FILE_TEST_EXISTS))
              remove_special (paths[g]);
            g_assert_true (g_file_set_contents (paths[g], g_bytes_get_data (good[g], NULL),
                                                (gssize) g_bytes_get_size (good[g]), NULL));
          }
        remove_special (paths[f]);
        if (kind < N_SPECIAL)
          make_special (paths[f], kind);
        else
          make_oversize (paths[f], caps[f] + 1);

        loaded = rw_source_load (source, feeds, &statuses, NULL);
        s = g_ptr_array_index (statuses, 0);
        g_test_message ("%s as %s: %s", names[f],
                        kind < N_SPECIAL ? special_names[kind] : "over its cap",
                        s->error ? s->error : "cached");
        if (f == 0)
          {
            g_assert_cmpint (s->state, ==, RW_FEED_STATE_CACHED);
            g_assert_cmpuint (count_offers (loaded, "lambda"), ==, 374);
          }
        else
          {
            g_assert_cmpint (s->state, ==, RW_FEED_STATE_FAILED);
            g_assert_nonnull (strstr (s->error, "ignored"));
            g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_BUILTIN);
          }
        remove_special (paths[f]);
      }
  special_watchdog (FALSE);
  for (guint f = 0; f < 3; f++)
    {
      g_free (paths[f]);
      g_bytes_unref (good[f]);
    }
}

/* Overwrites a cached body with garbage of the same size and modification time: only a load
 * that reads the body notices */
static void
spoil_keeping_size_and_time (const char *path)
{
  g_autofree char *body = NULL;
  gsize len;
  GStatBuf st;
  struct utimbuf times;

  g_assert_true (g_file_get_contents (path, &body, &len, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  memset (body, '"', len);
  g_assert_true (g_file_set_contents (path, body, (gssize) len, NULL));
  times.actime = st.st_atime;
  times.modtime = st.st_mtime;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
assert_same_statuses (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      RwFeedStatus *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->url, ==, y->url);
      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpstr (x->error, ==, y->error);
      g_assert_cmpuint (x->offers, ==, y->offers);
      g_assert_cmpuint (x->unmapped, ==, y->unmapped);
      g_assert_cmpint (x->fetched_at, ==, y->fetched_at);
      g_assert_cmpuint (x->unmapped_names ? g_strv_length (x->unmapped_names) : 0, ==,
                        y->unmapped_names ? g_strv_length (y->unmapped_names) : 0);
    }
}

/* Start-up reads the merged catalog image, not the feeds' bodies, when it was made from
 * exactly the bodies the cache holds; anything else takes the long way, with its message. */
static void
test_image (Fixture       *fx,
            gconstpointer  data)
{
  RwFeedStatus *status = NULL;
  g_autoptr(RwCatalog) fetched = refresh (fx, "/lambda/vms.csv", FALSE, &status);
  g_autofree char *url = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  g_autofree char *missing = g_strconcat (fx->base_url, "/missing/vms.csv", NULL);
  g_autofree char *image_path = g_build_filename (fx->cache_dir, "catalog.image", NULL);
  g_autofree char *body_path = cache_body_path (fx, "/lambda/vms.csv");
  const char *feeds[] = { url, NULL };
  const char *two_feeds[] = { url, missing, NULL };
  g_autoptr(GPtrArray) long_statuses = NULL;
  g_autoptr(RwCatalog) long_way = NULL;

  rw_feed_status_free (status);
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));

  /* the long way, for comparison: no image */
  g_assert_cmpint (g_unlink (image_path), ==, 0);
  long_way = rw_source_load (fx->source, feeds, &long_statuses, NULL);
  g_assert_cmpint (rw_catalog_get_source (long_way), ==, RW_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (count_offers (long_way, "lambda"), ==, 374);
  /* ... which wrote the image again */
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));

  /* the body, spoiled behind the cache's back but with its size and time kept, shows which
   * way a load went: only the image still gives its offers */
  spoil_keeping_size_and_time (body_path);

  /* 1. the image: the same catalog and statuses, in a new process (a new source) */
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(GPtrArray) statuses = NULL;
    g_autoptr(RwCatalog) loaded = rw_source_load (source, feeds, &statuses, NULL);

    g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_CACHE);
    g_assert_cmpuint (count_offers (loaded, "lambda"), ==, 374);
    g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_offers (loaded)), ==,
                      g_list_model_get_n_items (rw_catalog_get_offers (long_way)));
    g_assert_cmpint (rw_catalog_get_data_time (loaded), ==, rw_catalog_get_data_time (long_way));
    assert_same_statuses (statuses, long_statuses);
  }
  /* ... and through an offline refresh, as the app starts */
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(RwCatalog) loaded = NULL;

    status = refresh_one (source, url, TRUE, &loaded);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_CACHED);
    g_assert_cmpuint (status->offers, ==, ((RwFeedStatus *) long_statuses->pdata[0])->offers);
    g_assert_cmpuint (count_offers (loaded, "lambda"), ==, 374);
    rw_feed_status_free (status);
  }

  /* 2. another feed list: not what the image was made for; the long way reads the body */
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(GPtrArray) statuses = NULL;
    g_autoptr(RwCatalog) loaded = rw_source_load (source, two_feeds, &statuses, NULL);
    RwFeedStatus *first = g_ptr_array_index (statuses, 0);

    g_assert_cmpint (first->state, ==, RW_FEED_STATE_FAILED);
    g_assert_nonnull (strstr (first->error, "ignored a damaged cache file"));
    g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_BUILTIN);
  }

  /* 3. a damaged image: refused, the long way instead, never a crash */
  g_assert_true (g_file_set_contents (image_path, "not an image", -1, NULL));
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(GPtrArray) statuses = NULL;
    g_autoptr(RwCatalog) loaded = rw_source_load (source, feeds, &statuses, NULL);

    g_assert_cmpint (((RwFeedStatus *) statuses->pdata[0])->state, ==, RW_FEED_STATE_FAILED);
    g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_BUILTIN);
  }

  /* 4. the next good response makes a good image again */
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(RwCatalog) again = NULL;
    g_autoptr(GPtrArray) statuses = NULL;
    g_autoptr(RwCatalog) loaded = NULL;

    rw_source_set_deadline (source, 2);
    status = refresh_one (source, url, FALSE, &again);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
    rw_feed_status_free (status);
    loaded = rw_source_load (source, feeds, &statuses, NULL);
    g_assert_cmpuint (count_offers (loaded, "lambda"), ==, 374);
    g_assert_cmpint (((RwFeedStatus *) statuses->pdata[0])->state, ==, RW_FEED_STATE_CACHED);
    g_assert_cmpuint (((RwFeedStatus *) statuses->pdata[0])->offers, ==,
                      ((RwFeedStatus *) long_statuses->pdata[0])->offers);
  }
}

static GPtrArray *
refresh_feeds (RwSource            *source,
               const char * const  *feeds,
               RwCatalog          **catalog_out)
{
  RefreshWait wait = { 0 };

  rw_source_refresh_async (source, feeds, FALSE, NULL, refresh_waited, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  *catalog_out = wait.catalog;
  return wait.statuses;
}

/* An online refresh reads the cache image instead of the cached bodies: a 304 or a failure
 * needs no body at all, a fresh response merges with the others' bodies read then */
static void
test_refresh_from_image (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *lambda = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  g_autofree char *other = g_strconcat (fx->base_url, "/other/vms.csv", NULL);
  g_autofree char *body_path = NULL;
  const char *two[] = { lambda, other, NULL };
  RwFeedStatus *status;

  /* 1. fetched: cache and image written */
  {
    g_autoptr(RwCatalog) catalog = NULL;
    g_autoptr(GPtrArray) statuses = refresh_feeds (fx->source, two, &catalog);

    g_assert_cmpint (((RwFeedStatus *) statuses->pdata[0])->state, ==, RW_FEED_STATE_FRESH);
    g_assert_cmpint (((RwFeedStatus *) statuses->pdata[1])->state, ==, RW_FEED_STATE_FRESH);
    g_assert_cmpuint (count_offers (catalog, "lambda"), ==, 374);
    g_assert_cmpuint (count_offers (catalog, "other"), ==, 374);
  }

  /* 2. lambda answers 304, other 200: lambda's body is read for the merge */
  {
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);
    g_autoptr(RwCatalog) catalog = NULL;
    g_autoptr(GPtrArray) statuses = refresh_feeds (source, two, &catalog);

    status = statuses->pdata[0];
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_NOT_MODIFIED);
    g_assert_cmpuint (status->offers, >, 0);
    g_assert_cmpint (((RwFeedStatus *) statuses->pdata[1])->state, ==, RW_FEED_STATE_FRESH);
    g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_NETWORK);
    g_assert_cmpuint (count_offers (catalog, "lambda"), ==, 374);
    g_assert_cmpuint (count_offers (catalog, "other"), ==, 374);
  }

  /* 3. one feed, 304: the image answers; the body, spoiled behind the cache's back (size and
   * time kept), is never read */
  {
    g_autoptr(RwCatalog) first = NULL;
    g_autoptr(RwCatalog) catalog = NULL;
    g_autoptr(RwSource) source = rw_source_new (fx->cache_dir);

    status = refresh_one (fx->source, lambda, FALSE, &first);   /* an image for { lambda } */
    rw_feed_status_free (status);
    body_path = cache_body_path (fx, "/lambda/vms.csv");
    spoil_keeping_size_and_time (body_path);

    status = refresh_one (source, lambda, FALSE, &catalog);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_NOT_MODIFIED);
    g_assert_cmpstr (fx->last_if_none_match, ==, "\"v1\"");
    g_assert_cmpuint (status->offers, >, 0);
    g_assert_cmpint (status->fetched_at, >, 0);
    g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_NETWORK);
    g_assert_cmpint (rw_catalog_get_data_time (catalog), ==, status->fetched_at);
    g_assert_cmpuint (count_offers (catalog, "lambda"), ==, 374);
    rw_feed_status_free (status);

    /* 4. the server fails: the image keeps what the cache had */
    g_clear_object (&catalog);
    fx->lambda_status = SOUP_STATUS_SERVICE_UNAVAILABLE;
    status = refresh_one (source, lambda, FALSE, &catalog);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
    g_assert_cmpstr (status->error, ==, "HTTP 503 Service Unavailable");
    g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_CACHE);
    g_assert_cmpuint (count_offers (catalog, "lambda"), ==, 374);
    rw_feed_status_free (status);
  }
}

static void
test_url_policy (void)
{
  g_assert_true (rw_feed_url_is_allowed ("https://raw.githubusercontent.com/x/vms.csv"));
  g_assert_true (rw_feed_url_is_allowed ("http://127.0.0.1:8080/lambda/vms.csv"));
  g_assert_true (rw_feed_url_is_allowed ("http://localhost/lambda/vms.csv"));
  g_assert_true (rw_feed_url_is_allowed ("http://[::1]:80/lambda/vms.csv"));
  g_assert_false (rw_feed_url_is_allowed ("http://example.com/lambda/vms.csv"));
  g_assert_false (rw_feed_url_is_allowed ("http://10.0.0.1/lambda/vms.csv"));
  g_assert_false (rw_feed_url_is_allowed ("ftp://example.com/vms.csv"));
  g_assert_false (rw_feed_url_is_allowed ("file:///etc/passwd"));
  g_assert_false (rw_feed_url_is_allowed ("not a url"));
  g_assert_false (rw_feed_url_is_allowed (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/source/fresh-then-not-modified", Fixture, NULL, fixture_setup,
              test_fresh_then_not_modified, fixture_teardown);
  g_test_add ("/source/image", Fixture, NULL, fixture_setup, test_image, fixture_teardown);
  g_test_add ("/source/refresh-from-image", Fixture, NULL, fixture_setup, test_refresh_from_image,
              fixture_teardown);
  g_test_add ("/source/server-gone", Fixture, NULL, fixture_setup, test_server_gone, fixture_teardown);
  g_test_add ("/source/refusals", Fixture, NULL, fixture_setup, test_refusals, fixture_teardown);
  g_test_add ("/source/failure-keeps-cache", Fixture, NULL, fixture_setup, test_failure_keeps_cache,
              fixture_teardown);
  g_test_add ("/source/corrupt-cache", Fixture, NULL, fixture_setup, test_corrupt_cache, fixture_teardown);
  g_test_add ("/source/cache-not-regular", Fixture, NULL, fixture_setup, test_cache_not_regular,
              fixture_teardown);
  g_test_add_func ("/source/url-policy", test_url_policy);

  return g_test_run ();
}
