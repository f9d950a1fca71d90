/* rw-fetch.c: one conditional GET of a feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNOME Software's download helper (lib/gs-download-utils.c) is the model: If-None-Match /
 * If-Modified-Since from the cached copy, 304 reported as an error code (not a string), the
 * body read with a size cap. libsoup's own timeout is per I/O step, so a total deadline
 * cancels the request; redirects are followed by hand, never from HTTPS to HTTP.
 */
#include "config.h"

#include <string.h>

#include "rw-fetch.h"

#define READ_CHUNK (64 * 1024)

G_DEFINE_QUARK (rw-fetch-error-quark, rw_fetch_error)

typedef struct {
  SoupSession     *session;
  char            *url;            /* the address asked for now (after redirects) */
  char            *etag;
  char            *last_modified;
  guint            deadline;
  gsize            max_size;
  guint            redirects;
  SoupMessage     *message;
  GCancellable    *cancellable;    /* this request's: the deadline or the caller cancel it */
  GCancellable    *parent;
  gulong           parent_handler;
  guint            deadline_id;
  gboolean         timed_out;
  GInputStream    *stream;
  GByteArray      *buffer;
  goffset          expected_length; /* Content-Length of an unencoded body, -1 when unknown */
  RwFetchResponse  response;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_handle_id (&fetch->deadline_id, g_source_remove);
  if (fetch->parent_handler != 0)
    g_cancellable_disconnect (fetch->parent, fetch->parent_handler);
  g_clear_object (&fetch->parent);
  g_clear_object (&fetch->session);
  g_free (fetch->url);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->buffer, g_byte_array_unref);
  rw_fetch_response_clear (&fetch->response);
  g_free (fetch);
}

/**
 * rw_fetch_response_clear:
 *
 * Frees what @response holds and zeroes it.
 */
void
rw_fetch_response_clear (RwFetchResponse *response)
{
  g_return_if_fail (response != NULL);

  g_clear_pointer (&response->etag, g_free);
  g_clear_pointer (&response->last_modified, g_free);
  response->http_status = 0;
}

G_GNUC_PRINTF (3, 4)
static void
fail (GTask      *task,
      int         code,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_task_return_new_error (task, RW_FETCH_ERROR, code, "%s", message);
}

/* A failed I/O step: the deadline, the caller, or the network */
static void
fail_from_error (GTask      *task,
                 const char *what,
                 GError     *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out)
    fail (task, RW_FETCH_ERROR_TIMED_OUT, "timed out after %u s", fetch->deadline);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fail (task, RW_FETCH_ERROR_CANCELLED, "cancelled");
  else
    fail (task, RW_FETCH_ERROR_NETWORK, "%s: %s", what, error->message);
}

static void read_more (GTask *task);
static void send_request (GTask *task);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                              &error);

  if (chunk == NULL)
    {
      fail_from_error (task, "the connection failed while reading", error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0 && fetch->expected_length >= 0 &&
      (goffset) fetch->buffer->len != fetch->expected_length)
    {
      fail (task, RW_FETCH_ERROR_TRUNCATED,
            "refused the response: it ended after %u of %" G_GOFFSET_FORMAT " bytes",
            fetch->buffer->len, fetch->expected_length);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      /* the whole body is in: the deadline was for the network */
      g_clear_handle_id (&fetch->deadline_id, g_source_remove);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->buffer)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (fetch->buffer->len + g_bytes_get_size (chunk) > fetch->max_size)
    {
      g_cancellable_cancel (fetch->cancellable);
      fail (task, RW_FETCH_ERROR_TOO_LARGE, "refused the response: larger than %" G_GSIZE_FORMAT
            " MiB", fetch->max_size / (1024 * 1024));
      return;
    }
  g_byte_array_append (fetch->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, read_done, task);
}

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
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result,
                                                             &error);
  SoupMessageHeaders *headers;
  guint status;

  if (stream == NULL)
    {
      fail_from_error (task, "could not connect", error);
      return;
    }

  status = soup_message_get_status (fetch->message);
  headers = soup_message_get_response_headers (fetch->message);
  fetch->response.http_status = status;

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;
      g_autofree char *next_url = NULL;

      if (location == NULL)
        {
          fail (task, RW_FETCH_ERROR_REDIRECTS, "HTTP %u without a Location", status);
          return;
        }
      if (++fetch->redirects > RW_MAX_REDIRECTS)
        {
          fail (task, RW_FETCH_ERROR_REDIRECTS, "too many redirects");
          return;
        }
      next = g_uri_parse_relative (soup_message_get_uri (fetch->message), location,
                                   G_URI_FLAGS_NONE, NULL);
      next_url = next ? g_uri_to_string (next) : NULL;
      if (next_url == NULL || !rw_feed_url_is_allowed (next_url) ||
          (is_https (fetch->url) && !is_https (next_url)))
        {
          fail (task, RW_FETCH_ERROR_REFUSED, "refused a redirect to %s (HTTPS only)",
                next_url ? "an insecure or invalid address" : "an invalid address");
          return;
        }
      g_free (fetch->url);
      fetch->url = g_steal_pointer (&next_url);
      g_clear_object (&fetch->message);
      send_request (g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      fail (task, RW_FETCH_ERROR_NOT_MODIFIED, "HTTP 304: not modified");
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      const char *reason = soup_message_get_reason_phrase (fetch->message);
      g_autofree char *clean = reason ? g_utf8_make_valid (reason, MIN (strlen (reason), 80))
                                      : NULL;

      fail (task, RW_FETCH_ERROR_HTTP, "HTTP %u%s%s", status, clean && clean[0] ? " " : "",
            clean ? clean : "");
      return;
    }

  fetch->expected_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    fetch->expected_length = soup_message_headers_get_content_length (headers);
  if (fetch->expected_length > (goffset) fetch->max_size)
    {
      fail (task, RW_FETCH_ERROR_TOO_LARGE, "refused the response: larger than %" G_GSIZE_FORMAT
            " MiB", fetch->max_size / (1024 * 1024));
      return;
    }
  fetch->response.etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  fetch->response.last_modified = g_strdup (soup_message_headers_get_one (headers,
                                                                          "Last-Modified"));
  fetch->stream = g_steal_pointer (&stream);
  fetch->buffer = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static void
send_request (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  fetch->message = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->message == NULL)
    {
      fail (task, RW_FETCH_ERROR_REFUSED, "not a valid address");
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->message);
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);

  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->cancellable, send_done, task);
}

static gboolean
deadline_reached (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->deadline_id = 0;
  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
cancel_request (GCancellable *parent,
                GCancellable *request)
{
  g_cancellable_cancel (request);
}

/**
 * rw_fetch_async:
 * @session: the session to send with
 * @url: the feed's address: HTTPS, or plain HTTP to this machine (rw_feed_url_is_allowed())
 * @etag: (nullable): the cached copy's ETag, sent as If-None-Match
 * @last_modified: (nullable): the cached copy's Last-Modified, sent as If-Modified-Since
 * @deadline_seconds: the whole request's deadline, connection to last byte, in seconds
 * @max_size: the largest body taken, in bytes
 * @cancellable: (nullable)
 *
 * One conditional GET. Redirects are followed up to RW_MAX_REDIRECTS, never from HTTPS to
 * HTTP. A body is complete (its Content-Length, when it gives one) and within @max_size.
 */
void
rw_fetch_async (SoupSession         *session,
                const char          *url,
                const char          *etag,
                const char          *last_modified,
                guint                deadline_seconds,
                gsize                max_size,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rw_fetch_async);
  /* the caller's cancellable is reported by code, with the other failures */
  g_task_set_check_cancellable (task, FALSE);
  fetch = g_new0 (Fetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  if (!rw_feed_url_is_allowed (url))
    {
      fail (task, RW_FETCH_ERROR_REFUSED, "refused: feeds must use HTTPS");
      return;
    }

  fetch->session = g_object_ref (session);
  fetch->url = g_strdup (url);
  fetch->etag = g_strdup (etag);
  fetch->last_modified = g_strdup (last_modified);
  fetch->deadline = deadline_seconds;
  fetch->max_size = max_size;
  fetch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetch->parent = g_object_ref (cancellable);
      fetch->parent_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_request),
                                                     fetch->cancellable, NULL);
    }
  fetch->deadline_id = g_timeout_add_seconds (deadline_seconds, deadline_reached, fetch);
  send_request (g_steal_pointer (&task));
}

/**
 * rw_fetch_finish:
 * @response: (out caller-allocates) (optional): the status, ETag and Last-Modified; filled on
 *   failure too (clear it with rw_fetch_response_clear())
 *
 * Returns: (transfer full) (nullable): the whole body of a 200 response; else NULL with
 *   @error in %RW_FETCH_ERROR (%RW_FETCH_ERROR_NOT_MODIFIED for a 304)
 */
GBytes *
rw_fetch_finish (GAsyncResult     *result,
                 RwFetchResponse  *response,
                 GError          **error)
{
  Fetch *fetch;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (response != NULL)
    {
      *response = fetch->response;
      memset (&fetch->response, 0, sizeof fetch->response);
    }
  return g_task_propagate_pointer (G_TASK (result), error);
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

