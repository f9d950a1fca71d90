/* test-fetch.c: one conditional GET (rw_fetch_async) against a SoupServer on 127.0.0.1: each
 * outcome is its RW_FETCH_ERROR code, with the HTTP status beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "test-server.h"

#include "rw-fetch.h"
#include "rw-source.h"

#define BODY     "InstanceType,AcceleratorName,AcceleratorCount,Price\n"
#define MAX_SIZE (1024 * 1024)

typedef struct {
  SoupServer  *server;
  SoupSession *session;
  char        *base_url;
} Fixture;

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *res = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/feed"))
    {
      if (g_strcmp0 (soup_message_headers_get_one (req, "If-None-Match"), "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (res, "ETag", "\"v1\"");
      soup_message_headers_replace (res, "Last-Modified", "Sun, 24 May 2026 00:00:00 GMT");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_STATIC, BODY,
                                        strlen (BODY));
    }
  else if (g_str_equal (path, "/broken"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/big"))
    {
      gsize len = MAX_SIZE + 1024;
      char *body = g_malloc (len);

      memset (body, 'x', len);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_TAKE, body, len);
    }
  else if (g_str_equal (path, "/stall"))
    soup_server_message_pause (msg);   /* never answers */
  else if (g_str_equal (path, "/redirect-out"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.com/feed");
  else if (g_str_equal (path, "/redirect-loop"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/redirect-loop");
  else if (g_str_equal (path, "/redirect-in"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/feed");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->server = rw_test_server_new (serve, fx, &fx->base_url);
  fx->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->session);
  g_clear_pointer (&fx->server, rw_test_server_free);
  g_free (fx->base_url);
}

typedef struct {
  gboolean         done;
  GBytes          *body;
  GError          *error;
  RwFetchResponse  response;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_error (&r->error);
  rw_fetch_response_clear (&r->response);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
fetched (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->body = rw_fetch_finish (result, &r->response, &r->error);
  r->done = TRUE;
}

static void
fetch (Fixture      *fx,
       const char   *path,
       const char   *etag,
       guint         deadline,
       GCancellable *cancellable,
       Result       *r)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? g_strconcat (fx->base_url, path, NULL)
                                                       : g_strdup (path);

  rw_fetch_async (fx->session, url, etag, NULL, deadline, MAX_SIZE, cancellable, fetched, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

/* 200: the body, its validators; the same request with the ETag: NOT_MODIFIED, status 304 */
static void
test_ok_and_not_modified (Fixture       *fx,
                          gconstpointer  data)
{
  g_auto(Result) ok = { 0 };
  g_auto(Result) again = { 0 };

  fetch (fx, "/feed", NULL, 5, NULL, &ok);
  g_assert_no_error (ok.error);
  g_assert_nonnull (ok.body);
  g_assert_cmpmem (g_bytes_get_data (ok.body, NULL), g_bytes_get_size (ok.body),
                   BODY, strlen (BODY));
  g_assert_cmpuint (ok.response.http_status, ==, 200);
  g_assert_cmpstr (ok.response.etag, ==, "\"v1\"");
  g_assert_cmpstr (ok.response.last_modified, ==, "Sun, 24 May 2026 00:00:00 GMT");

  fetch (fx, "/feed", ok.response.etag, 5, NULL, &again);
  g_assert_error (again.error, RW_FETCH_ERROR, RW_FETCH_ERROR_NOT_MODIFIED);
  g_assert_null (again.body);
  g_assert_cmpuint (again.response.http_status, ==, 304);
}

/* a redirect within the server is followed */
static void
test_redirect_followed (Fixture       *fx,
                        gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  fetch (fx, "/redirect-in", NULL, 5, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, strlen (BODY));
}

static void
test_error_codes (Fixture       *fx,
                  gconstpointer  data)
{
  static const struct {
    const char *path;
    int         code;
    guint       http_status;
    const char *message;
  } cases[] = {
    { "/broken", RW_FETCH_ERROR_HTTP, 500, "HTTP 500 Internal Server Error" },
    { "/missing", RW_FETCH_ERROR_HTTP, 404, "HTTP 404 Not Found" },
    { "/big", RW_FETCH_ERROR_TOO_LARGE, 200, "refused the response: larger than 1 MiB" },
    { "/redirect-out", RW_FETCH_ERROR_REFUSED, 302,
      "refused a redirect to an insecure or invalid address (HTTPS only)" },
    { "/redirect-loop", RW_FETCH_ERROR_REDIRECTS, 302, "too many redirects" },
    { "http://example.com/feed", RW_FETCH_ERROR_REFUSED, 0, "refused: feeds must use HTTPS" },
    { "/stall", RW_FETCH_ERROR_TIMED_OUT, 0, "timed out after 1 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };

      g_test_message ("%s", cases[i].path);
      fetch (fx, cases[i].path, NULL, 1, NULL, &r);
      g_assert_null (r.body);
      g_assert_error (r.error, RW_FETCH_ERROR, cases[i].code);
      g_assert_cmpstr (r.error->message, ==, cases[i].message);
      g_assert_cmpuint (r.response.http_status, ==, cases[i].http_status);
    }
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* the caller's cancellable: CANCELLED, not a time-out */
static void
test_cancelled (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) r = { 0 };

  g_timeout_add (50, cancel_soon, cancellable);
  fetch (fx, "/stall", NULL, 30, cancellable, &r);
  g_assert_error (r.error, RW_FETCH_ERROR, RW_FETCH_ERROR_CANCELLED);
}

/* nothing listening: NETWORK, with no HTTP status */
static void
test_network (Fixture       *fx,
              gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *url = g_strconcat (fx->base_url, "/feed", NULL);

  g_clear_pointer (&fx->server, rw_test_server_free);
  fetch (fx, url, NULL, 5, NULL, &r);
  g_assert_error (r.error, RW_FETCH_ERROR, RW_FETCH_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (r.error->message, "could not connect: "));
  g_assert_cmpuint (r.response.http_status, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/fetch/ok-and-not-modified", test_ok_and_not_modified);
  ADD ("/fetch/redirect-followed", test_redirect_followed);
  ADD ("/fetch/error-codes", test_error_codes);
  ADD ("/fetch/cancelled", test_cancelled);
  ADD ("/fetch/network", test_network);
#undef ADD
  return g_test_run ();
}
