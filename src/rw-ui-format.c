/* rw-ui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rw-fetch.h"
#include "rw-format.h"
#include "rw-ui-format.h"

/* "48 GB", "1,500 GB", "40.5 GB" with the locale's grouping and point; "—" when unknown */
char *
rw_ui_format_gb (double gb)
{
  g_autofree char *number = NULL;

  if (gb < 0 || !isfinite (gb))
    return g_strdup ("—");
  number = rw_format_number (gb, gb == floor (gb) ? 0 : 1);
  /* TRANSLATORS: gigabytes, e.g. "48 GB"; the number is already formatted */
  return g_strdup_printf (_("%s GB"), number);
}

/* "$0.28/hr", "$1,234.00/hr"; "—" when unknown. A label that wraps shows it through
 * rw_text_no_break(), so that "$0.28/" and "hr" stay on one line. */
char *
rw_ui_format_rate (double usd_per_hour)
{
  g_autofree char *usd = NULL;

  if (usd_per_hour < 0 || !isfinite (usd_per_hour))
    return g_strdup ("—");
  usd = rw_format_usd (usd_per_hour, 2);
  /* TRANSLATORS: a price per hour, e.g. "$0.28/hr" */
  return g_strdup_printf (_("%s/hr"), usd);
}

/* "16", "1,024", "0.5" with the locale's grouping and point; "—" when unknown */
char *
rw_ui_format_count (double value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup ("—");
  return rw_format_decimal (value, 2);
}

/**
 * rw_ui_feed_error_text:
 * @status: a feed's status
 *
 * Why the feed failed, as a translated message chosen by the code of its `gerror`
 * (%RW_FETCH_ERROR); the English `error` text, sanitized, only for an error of another domain.
 *
 * Returns: (transfer full): the message, "" when the status has no error
 */
char *
rw_ui_feed_error_text (const RwFeedStatus *status)
{
  const GError *error;

  g_return_val_if_fail (status != NULL, NULL);

  error = status->gerror;
  if (error == NULL)
    return rw_text_sanitize (status->error ? status->error : "");
  if (error->domain != RW_FETCH_ERROR)
    return rw_text_sanitize (error->message);

  switch ((RwFetchError) error->code)
    {
    case RW_FETCH_ERROR_NOT_MODIFIED:
      return g_strdup (_("not modified"));
    case RW_FETCH_ERROR_REFUSED:
      return g_strdup (_("refused: only HTTPS addresses are fetched"));
    case RW_FETCH_ERROR_HTTP:
      /* TRANSLATORS: an HTTP status code, e.g. "HTTP 503" */
      return g_strdup_printf (_("HTTP %u"), status->http_status);
    case RW_FETCH_ERROR_REDIRECTS:
      return g_strdup (_("too many redirects"));
    case RW_FETCH_ERROR_TOO_LARGE:
      return g_strdup (_("the response is too large"));
    case RW_FETCH_ERROR_TRUNCATED:
      return g_strdup (_("the response was cut short"));
    case RW_FETCH_ERROR_TIMED_OUT:
      return g_strdup (_("timed out"));
    case RW_FETCH_ERROR_NETWORK:
      return g_strdup (_("no connection"));
    case RW_FETCH_ERROR_CANCELLED:
      return g_strdup (_("cancelled"));
    case RW_FETCH_ERROR_INVALID:
      return g_strdup (_("the response is not a valid feed"));
    case RW_FETCH_ERROR_NO_CACHE:
      return g_strdup (_("not fetched yet and no cached copy"));
    case RW_FETCH_ERROR_CACHE:
      return g_strdup (_("the cache could not be read or written"));
    default:
      return rw_text_sanitize (error->message);
    }
}

/**
 * rw_ui_feed_failed_offline:
 * @status: a feed's status
 *
 * Whether the feed failed without an answer from its server (no connection, a timeout, no
 * cached copy): what the window calls "Offline" when every feed failed that way. A response, a
 * refused address or a body that failed validation is not offline.
 */
gboolean
rw_ui_feed_failed_offline (const RwFeedStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (status->http_status != 0)
    return FALSE;
  if (status->gerror != NULL && status->gerror->domain == RW_FETCH_ERROR)
    switch ((RwFetchError) status->gerror->code)
      {
      case RW_FETCH_ERROR_REFUSED:
      case RW_FETCH_ERROR_TOO_LARGE:
      case RW_FETCH_ERROR_TRUNCATED:
      case RW_FETCH_ERROR_INVALID:
        return FALSE;
      default:
        break;
      }
  return TRUE;
}
