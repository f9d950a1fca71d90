/* rw-fetch.h: one conditional GET of a feed, with a deadline and a size cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* redirects one fetch follows at most */
#define RW_MAX_REDIRECTS 5

#define RW_FETCH_ERROR (rw_fetch_error_quark ())

/* Why a feed brought no new body. The UI chooses its message by code; the GError's message
 * is the English detail (with the HTTP status, the size cap, …) for logs and the CLI. */
typedef enum {
  RW_FETCH_ERROR_NOT_MODIFIED,  /* HTTP 304: the cached copy is current (not a failure) */
  RW_FETCH_ERROR_REFUSED,       /* not HTTPS (nor loopback), an invalid address, or a redirect
                                 * to an insecure or invalid address */
  RW_FETCH_ERROR_HTTP,          /* an HTTP status other than 200 and 304 */
  RW_FETCH_ERROR_REDIRECTS,     /* more than RW_MAX_REDIRECTS, or one without a Location */
  RW_FETCH_ERROR_TOO_LARGE,     /* the body is over the size cap */
  RW_FETCH_ERROR_TRUNCATED,     /* the body ended before its Content-Length */
  RW_FETCH_ERROR_TIMED_OUT,     /* the total deadline passed */
  RW_FETCH_ERROR_NETWORK,       /* could not connect, or the connection failed while reading */
  RW_FETCH_ERROR_CANCELLED,     /* the caller cancelled */
  RW_FETCH_ERROR_INVALID,       /* set by the source: the body failed validation */
  RW_FETCH_ERROR_NO_CACHE,      /* set by the source: offline (or a 304) and no cached copy */
  RW_FETCH_ERROR_CACHE,         /* set by the source: the cache could not be read or written */
} RwFetchError;

/* What the server said, whether or not the fetch succeeded */
typedef struct {
  guint  http_status;     /* of the last response, 0 when none */
  char  *etag;            /* of a 200 response */
  char  *last_modified;
} RwFetchResponse;

GQuark  rw_fetch_error_quark        (void);
gboolean rw_feed_url_is_allowed     (const char           *url);
void    rw_fetch_response_clear     (RwFetchResponse      *response);

void    rw_fetch_async              (SoupSession          *session,
                                     const char           *url,
                                     const char           *etag,
                                     const char           *last_modified,
                                     guint                 deadline_seconds,
                                     gsize                 max_size,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GBytes *rw_fetch_finish             (GAsyncResult         *result,
                                     RwFetchResponse      *response,
                                     GError              **error);

G_END_DECLS
