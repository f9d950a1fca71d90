/* test-session.c: RwSession's load and refresh, counted in notifications, against a SoupServer
 * on 127.0.0.1 (no display: GLib only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-server.h"

#include "rw-session.h"
#include "test-common.h"

typedef struct {
  SoupServer *server;
  char       *base_url;
  char       *cache_dir;
  GBytes     *lambda_csv;
  guint       lambda_status;   /* 0: serve normally */
  const char *etag;            /* the body's ETag: "v1" unless a test changes it */
  RwSession  *session;
  GHashTable *notified;        /* property name → count */
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

  if (!g_str_equal (path, "/lambda/vms.csv"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (fx->lambda_status != 0)
    {
      soup_server_message_set_status (msg, fx->lambda_status, NULL);
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_one (req, "If-None-Match"), fx->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_message_headers_replace (res, "ETag", fx->etag);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (fx->lambda_csv, NULL),
                                    g_bytes_get_size (fx->lambda_csv));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              Fixture    *fx)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fx->notified, pspec->name));

  g_hash_table_insert (fx->notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notified (Fixture    *fx,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fx->notified, name));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  fx->lambda_csv = rw_test_fixture_bytes ("skypilot", "v9_lambda_vms.csv", NULL);

  fx->etag = "\"v1\"";
  fx->server = rw_test_server_new (serve, fx, &fx->base_url);

  fx->cache_dir = g_dir_make_tmp ("rentwise-session-XXXXXX", &error);
  g_assert_no_error (error);
  fx->session = rw_session_new (fx->cache_dir);
  rw_source_set_deadline (rw_session_get_source (fx->session), 5);
  fx->notified = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (fx->session, "notify", G_CALLBACK (count_notify), fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_assert_finalize_object (fx->session);
  g_clear_pointer (&fx->server, rw_test_server_free);
  g_clear_pointer (&fx->lambda_csv, g_bytes_unref);
  g_hash_table_unref (fx->notified);
  rw_test_remove_tree (fx->cache_dir);
  g_free (fx->cache_dir);
  g_free (fx->base_url);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = rw_session_load_finish (RW_SESSION (object), result, &wait->error);
  wait->done = TRUE;
}

static void
refreshed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = rw_session_refresh_finish (RW_SESSION (object), result, &wait->error);
  wait->done = TRUE;
}

static void
load (Fixture *fx)
{
  Wait wait = { 0 };

  rw_session_load_async (fx->session, NULL, NULL, loaded, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_nonnull (rw_session_get_catalog (fx->session));
  g_assert_nonnull (rw_session_get_history (fx->session));
  g_assert_false (rw_session_get_refreshing (fx->session));
}

static gboolean
refresh (Fixture *fx)
{
  Wait wait = { 0 };

  rw_session_refresh_async (fx->session, NULL, refreshed, &wait);
  g_assert_true (rw_session_get_refreshing (fx->session));
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rw_session_get_refreshing (fx->session));
  g_clear_error (&wait.error);
  return wait.ok;
}

static void
set_lambda_feed (Fixture *fx)
{
  g_autofree char *url = g_strconcat (fx->base_url, "/lambda/vms.csv", NULL);
  const char *feeds[] = { url, NULL };

  rw_session_set_feeds (fx->session, feeds);
  g_assert_cmpstrv (rw_session_get_feeds (fx->session), feeds);
}

/* a 304 refresh publishes no catalog: only the data time and the statuses change */
static void
test_not_modified (Fixture       *fx,
                   gconstpointer  data)
{
  RwCatalog *catalog;
  gint64 data_time;

  set_lambda_feed (fx);
  load (fx);
  g_assert_true (refresh (fx));
  catalog = rw_session_get_catalog (fx->session);
  g_assert_cmpint (rw_session_get_data_source (fx->session), ==, RW_CATALOG_SOURCE_NETWORK);
  g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_NETWORK);
  data_time = rw_catalog_get_data_time (catalog);
  g_assert_cmpint (rw_session_get_data_time (fx->session), ==, data_time);

  /* the data time has a resolution of one second */
  g_usleep (1100 * 1000);
  g_hash_table_remove_all (fx->notified);
  g_assert_true (refresh (fx));
  g_assert_true (rw_session_get_catalog (fx->session) == catalog);
  g_assert_cmpuint (notified (fx, "catalog"), ==, 0);
  g_assert_cmpuint (notified (fx, "data-time"), ==, 1);
  g_assert_cmpint (rw_session_get_data_time (fx->session), >, data_time);
  /* the published catalog is immutable: the new time is the session's only */
  g_assert_cmpint (rw_catalog_get_data_time (catalog), ==, data_time);
  g_assert_cmpuint (notified (fx, "statuses"), ==, 1);
  g_assert_cmpuint (notified (fx, "refreshing"), ==, 2);
  g_assert_cmpint (((RwFeedStatus *) g_ptr_array_index (rw_session_get_statuses (fx->session),
                                                        0))->state,
                   ==, RW_FEED_STATE_NOT_MODIFIED);
}

/* a 200 that brings the same bytes again (a new ETag, say) publishes no catalog either: the
 * merged image's key names the data */
static void
test_same_bytes (Fixture       *fx,
                 gconstpointer  data)
{
  RwCatalog *catalog;
  gint64 data_time;

  set_lambda_feed (fx);
  load (fx);
  g_assert_true (refresh (fx));
  catalog = rw_session_get_catalog (fx->session);
  data_time = rw_catalog_get_data_time (catalog);

  g_usleep (1100 * 1000);
  fx->etag = "\"v2\"";
  g_hash_table_remove_all (fx->notified);
  g_assert_true (refresh (fx));
  g_assert_cmpint (((RwFeedStatus *) g_ptr_array_index (rw_session_get_statuses (fx->session),
                                                        0))->state,
                   ==, RW_FEED_STATE_FRESH);
  g_assert_true (rw_session_get_catalog (fx->session) == catalog);
  g_assert_cmpuint (notified (fx, "catalog"), ==, 0);
  g_assert_cmpuint (notified (fx, "data-time"), ==, 1);
  g_assert_cmpuint (notified (fx, "statuses"), ==, 1);
  g_assert_cmpint (rw_session_get_data_time (fx->session), >, data_time);
  g_assert_cmpint (rw_catalog_get_data_time (catalog), ==, data_time);
}

/* a failed refresh keeps the catalog on screen */
static void
test_failed_keeps_catalog (Fixture       *fx,
                           gconstpointer  data)
{
  RwCatalog *catalog;
  RwFeedStatus *status;

  set_lambda_feed (fx);
  load (fx);
  g_assert_true (refresh (fx));
  catalog = rw_session_get_catalog (fx->session);

  fx->lambda_status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  g_hash_table_remove_all (fx->notified);
  g_assert_true (refresh (fx));
  g_assert_true (rw_session_get_catalog (fx->session) == catalog);
  g_assert_cmpuint (notified (fx, "catalog"), ==, 0);
  g_assert_cmpuint (notified (fx, "statuses"), ==, 1);
  status = g_ptr_array_index (rw_session_get_statuses (fx->session), 0);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
  g_assert_cmpuint (status->http_status, ==, 500);
}

/* with no feeds, a refresh brings the built-in snapshot again: it never replaces itself */
static void
test_builtin_never_replaces_itself (Fixture       *fx,
                                    gconstpointer  data)
{
  RwCatalog *catalog;

  load (fx);
  catalog = rw_session_get_catalog (fx->session);
  g_assert_cmpint (rw_session_get_data_source (fx->session), ==, RW_CATALOG_SOURCE_BUILTIN);
  g_assert_true (rw_session_is_stale (fx->session, rw_session_get_data_time (fx->session)));

  g_hash_table_remove_all (fx->notified);
  g_assert_true (refresh (fx));
  g_assert_true (rw_session_get_catalog (fx->session) == catalog);
  g_assert_cmpuint (notified (fx, "catalog"), ==, 0);
  g_assert_cmpuint (notified (fx, "data-time"), ==, 0);
}

/* stale: older than the refresh interval, or the built-in snapshot */
static void
test_stale (Fixture       *fx,
            gconstpointer  data)
{
  gint64 t;

  set_lambda_feed (fx);
  rw_session_set_refresh_interval (fx->session, 3600);
  g_assert_cmpuint (notified (fx, "refresh-interval"), ==, 1);
  rw_session_set_refresh_interval (fx->session, 3600);
  g_assert_cmpuint (notified (fx, "refresh-interval"), ==, 1);
  g_assert_true (rw_session_is_stale (fx->session, g_get_real_time () / G_USEC_PER_SEC));
  load (fx);
  g_assert_true (refresh (fx));
  t = rw_session_get_data_time (fx->session);
  g_assert_cmpint (t, >, 0);
  g_assert_false (rw_session_is_stale (fx->session, t + 3600));
  g_assert_true (rw_session_is_stale (fx->session, t + 3601));
}

/* a second load reads the cache that the first session's refresh wrote, offline */
static void
test_load_reads_cache (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(RwSession) second = NULL;
  Wait wait = { 0 };

  set_lambda_feed (fx);
  load (fx);
  g_assert_true (refresh (fx));

  second = rw_session_new (fx->cache_dir);
  rw_session_set_feeds (second, rw_session_get_feeds (fx->session));
  rw_session_set_offline (second, TRUE);
  rw_session_load_async (second, NULL, NULL, loaded, &wait);
  g_assert_true (rw_session_load_wait_first (second, NULL));
  g_assert_nonnull (rw_session_get_catalog (second));
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);
  g_assert_true (rw_session_get_loaded (second));
  g_assert_cmpint (rw_session_get_data_source (second), ==, RW_CATALOG_SOURCE_CACHE);
  g_assert_true (rw_catalog_has_same_data (rw_session_get_catalog (second),
                                           rw_session_get_catalog (fx->session)));
  /* a --catalog-like session never refreshes; this one may */
  g_assert_true (rw_session_can_refresh (second));
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("rentwise-session-data-XXXXXX", NULL);
  int status;

  /* the history the refreshes record goes to a directory of its own */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/session/not-modified", test_not_modified);
  ADD ("/session/same-bytes", test_same_bytes);
  ADD ("/session/failed-keeps-catalog", test_failed_keeps_catalog);
  ADD ("/session/builtin-never-replaces-itself", test_builtin_never_replaces_itself);
  ADD ("/session/stale", test_stale);
  ADD ("/session/load-reads-cache", test_load_reads_cache);
#undef ADD

  status = g_test_run ();
  rw_test_remove_tree (data_home);
  return status;
}
