/* rw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rw-format.h"

/* The locale's decimal point and thousands separator (LC_NUMERIC): "." and "," in C and
 * English, "," and "." in German. A locale without a separator gets "," (or a narrow space
 * where the comma is the decimal point). */
static void
numeric_marks (const char **point,
               const char **group)
{
  struct lconv *lc = localeconv ();

  *point = lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point : ".";
  if (lc->thousands_sep && lc->thousands_sep[0])
    *group = lc->thousands_sep;
  else
    *group = g_str_equal (*point, ",") ? "\u202f" : ",";
}

/**
 * rw_format_usd:
 * @decimals: digits after the point (0–4)
 *
 * "$1,234.56": dollars with the locale's thousands separator and decimal point, rounded half
 * away from zero.
 */
char *
rw_format_usd (double value,
               guint  decimals)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  const char *point, *mark, *group;
  gsize int_len;

  g_return_val_if_fail (decimals <= 4, NULL);

  if (!isfinite (value))
    return g_strdup ("—");

  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (digits, sizeof digits, format, fabs (value));
  point = strchr (digits, '.');
  int_len = point ? (gsize) (point - digits) : strlen (digits);

  if (value < 0 && g_ascii_strtod (digits, NULL) != 0)
    g_string_append_c (out, '-');
  g_string_append_c (out, '$');
  numeric_marks (&mark, &group);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
  if (point)
    {
      g_string_append (out, mark);
      g_string_append (out, point + 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_text_sanitize:
 *
 * Untrusted catalog text for a terminal or a label: control characters (C0, DEL, C1,
 * which could move a cursor or start an escape sequence) become U+FFFD. NULL gives "".
 */
char *
rw_text_sanitize (const char *text)
{
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define MAX_URI_LENGTH 2048

/**
 * rw_uri_is_safe_to_open:
 *
 * The one check every link from the catalog goes through before it is offered: an
 * absolute `https:` URI with a host, no longer than 2048 bytes, no control characters or
 * spaces. `javascript:`, `file:`, `data:`, `http:`, relative and over-long URIs are refused.
 */
gboolean
rw_uri_is_safe_to_open (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || strlen (uri) > MAX_URI_LENGTH)
    return FALSE;
  for (const char *p = uri; *p; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f)
      return FALSE;
  if (g_ascii_strncasecmp (uri, "https://", 8) != 0)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;
  host = g_uri_get_host (parsed);
  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0 || host == NULL || host[0] == '\0')
    return FALSE;
  /* no credentials in links from a catalog */
  return g_uri_get_userinfo (parsed) == NULL;
}

/**
 * rw_format_age:
 *
 * "today", "3 days old", "2 months old", "1 year old": how old @then is at @now.
 */
char *
rw_format_age (GDateTime *then,
               GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, then);
  gint64 days = span / G_TIME_SPAN_DAY;

  if (days < 1)
    return g_strdup (span < 0 ? _("from the future") : _("from today"));
  if (days < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day old", "%d days old", days),
                            (int) days);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month old", "%d months old",
                                         days / 30), (int) (days / 30));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old",
                                       days / 365), (int) (days / 365));
}

/**
 * rw_format_time_ago:
 * @seconds: how long ago
 *
 * "just now", "5 minutes ago", "3 hours ago", "2 days ago", "6 months ago", "2 years ago"
 */
char *
rw_format_time_ago (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         seconds / 60), (int) (seconds / 60));
  if (seconds < 2 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         seconds / 3600), (int) (seconds / 3600));
  if (seconds < 60 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                         seconds / 86400), (int) (seconds / 86400));
  if (seconds < 730 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago",
                                         seconds / (30 * 86400)), (int) (seconds / (30 * 86400)));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago",
                                       seconds / (365 * 86400)), (int) (seconds / (365 * 86400)));
}
