/* rw-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rw-breakeven.h"
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

/* Appends the digits of @digits (plain ASCII, "1234.5") with the locale's marks: a group
 * separator every three digits before the point, the locale's decimal point after them */
static void
append_localized (GString    *out,
                  const char *digits)
{
  const char *point = strchr (digits, '.');
  gsize int_len = point ? (gsize) (point - digits) : strlen (digits);
  const char *mark, *group;

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
}

/* @value rounded to @decimals in plain ASCII ("%.2f" in the C locale), without a sign;
 * *negative is set when the rounded value is below zero */
static void
ascii_digits (double    value,
              guint     decimals,
              char     *digits,
              gsize     size,
              gboolean *negative)
{
  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (digits, size, format, fabs (value));
  *negative = value < 0 && g_ascii_strtod (digits, NULL) != 0;
}

/**
 * rw_format_usd:
 * @value: US dollars
 * @decimals: digits after the point (0–4)
 *
 * "$1,234.56": dollars with the locale's thousands separator and decimal point (LC_NUMERIC:
 * "$1.234,56" in German), rounded to @decimals as printf's "%.Nf" does. "—" when @value is
 * not finite.
 */
char *
rw_format_usd (double value,
               guint  decimals)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative;

  g_return_val_if_fail (decimals <= 4, NULL);

  if (!isfinite (value))
    return g_strdup ("—");

  ascii_digits (value, decimals, digits, sizeof digits, &negative);
  if (negative)
    g_string_append_c (out, '-');
  g_string_append_c (out, '$');
  append_localized (out, digits);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_format_usd_significant:
 * @value: US dollars, ≥ 0 (a price per million tokens)
 *
 * Dollars as rw_format_usd() writes them with two decimals, but never a small price rounded
 * to nothing: under 10 cents two significant digits, with up to four decimals ("$0.0042",
 * "$0.050", "$0.012"; newcomer report 5, defect 12: "~$0.00 per M tokens" for $0.0049), and
 * "< $0.0001" for a price above zero that four decimals would still show as $0.0000. "$0.00"
 * for 0, "—" when @value is not finite.
 *
 * Returns: (transfer full): the amount
 */
char *
rw_format_usd_significant (double value)
{
  g_autofree char *least = NULL;
  int decimals;

  if (!isfinite (value) || value <= 0 || round (value * 100) >= 10)
    return rw_format_usd (value, 2);
  if (value < 0.00005)
    {
      least = rw_format_usd (0.0001, 4);
      return g_strdup_printf ("< %s", least);
    }
  /* two significant digits: 0.0042 has its first at the third decimal (floor (log10) = −3) */
  decimals = CLAMP (1 - (int) floor (log10 (value)), 2, 4);
  /* rounding up may add a digit ("$0.0995" to "$0.10"): one decimal fewer then */
  if (decimals > 2 && round (value * pow (10, decimals - 1)) >= 10)
    decimals--;
  return rw_format_usd (value, (guint) decimals);
}

/**
 * rw_format_number:
 * @value: any finite number (days, tokens, GB, watts…: the caller adds the unit)
 * @decimals: digits after the point (0–4)
 *
 * "5,422", "1,234.5": @value rounded to @decimals with the locale's thousands separator and
 * decimal point (LC_NUMERIC: "5.422" and "1.234,5" in German), the same marks as
 * rw_format_usd() and rw_parse_number(). "—" when @value is not finite.
 */
char *
rw_format_number (double value,
                  guint  decimals)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative;

  g_return_val_if_fail (decimals <= 4, NULL);

  if (!isfinite (value))
    return g_strdup ("—");

  ascii_digits (value, decimals, digits, sizeof digits, &negative);
  if (negative)
    g_string_append_c (out, '-');
  append_localized (out, digits);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_format_params_b:
 * @billions: a model's parameter count in billions (the catalog's `params_b`), ≥ 0
 *
 * A parameter count as every view and report writes it (newcomer report 7: one model, one
 * size): three significant digits, trailing zeros dropped, rounded to the nearest — two
 * decimals below 1B, one below 100B, none from 100B — with the locale's marks
 * (rw_format_decimal()) and a translated "B" for billions: 0.7516 → "0.75B", 8.03 → "8B",
 * 70.55 → "70.6B", 125.09 → "125B", 1026.5 → "1,026B" ("0,75 Mrd." in German). Callers that
 * name a largest model ("LoRA up to 14.8B") pass that model's own count, so the text never
 * rounds across a limit. "—" when @billions is not finite or negative.
 *
 * Returns: (transfer full): the size
 */
char *
rw_format_params_b (double billions)
{
  g_autofree char *number = NULL;

  if (!isfinite (billions) || billions < 0)
    return g_strdup ("—");
  number = rw_format_decimal (billions, billions < 0.995 ? 2 : billions < 99.95 ? 1 : 0);
  /* TRANSLATORS: a model's size in billions of parameters, e.g. "70.6B" or "0.75B" */
  return g_strdup_printf (_("%sB"), number);
}

/**
 * rw_format_decimal:
 * @value: any finite number
 * @max_decimals: the most digits after the point (0–4)
 *
 * Like rw_format_number(), without trailing zeros after the point: 0.15 → "0.15" ("0,15" in
 * German), 9000 → "9,000", 1.5 → "1.5", 24 → "24". This is how an input field shows a value,
 * so that rw_parse_number() reads back exactly what it shows.
 */
char *
rw_format_decimal (double value,
                   guint  max_decimals)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative;
  char *point;

  g_return_val_if_fail (max_decimals <= 4, NULL);

  if (!isfinite (value))
    return g_strdup ("—");

  ascii_digits (value, max_decimals, digits, sizeof digits, &negative);
  point = strchr (digits, '.');
  if (point != NULL)
    {
      char *end = point + strlen (point) - 1;

      while (end > point && *end == '0')
        *end-- = '\0';
      if (end == point)
        *point = '\0';
    }
  if (negative)
    g_string_append_c (out, '-');
  append_localized (out, digits);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Spaces a person may type or paste around and inside a number: space, no-break space,
 * narrow no-break space (the French group separator), thin space */
static gboolean
is_number_space (gunichar c)
{
  return c == ' ' || c == 0xa0 || c == 0x202f || c == 0x2009;
}

/* TRUE when @groups (digits separated by one kind of mark, e.g. "1,234,567") is a valid
 * thousands grouping: a first group of 1–3 digits not starting with 0, then groups of 3 */
static gboolean
is_grouping (const char *text,
             char        mark)
{
  g_auto(GStrv) groups = NULL;
  char sep[2] = { mark, '\0' };

  groups = g_strsplit (text, sep, -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      gsize len = strlen (groups[i]);

      if (i == 0 ? (len < 1 || len > 3 || (groups[i][0] == '0')) : len != 3)
        return FALSE;
    }
  return g_strv_length (groups) > 1;
}

/**
 * rw_parse_number:
 * @text: what a person typed: "0.15", "0,15", "9,000", "9.000", "1,234.5", "$ 7 000"
 * @out: (out): the value
 *
 * Reads a non-negative number as people write it, in the locale or not: an optional "$",
 * digits, at most one decimal mark and thousands separators. Either "." or "," may be the
 * decimal mark: when both occur, the last one is; when one of them occurs more than once, or
 * once followed by exactly three digits in the position of a thousands group ("9,000",
 * "9.000"), it separates thousands — unless it is the locale's decimal point (LC_NUMERIC), so
 * that "1,500" is 1.5 in German and 1500 in English, and "0,150" is 0.15 everywhere. Spaces
 * (also no-break and narrow no-break spaces) are ignored. Whatever rw_format_decimal() writes
 * reads back as the same value.
 *
 * Returns: FALSE, leaving @out alone, for an empty or half-typed text ("", ".", "5.", "1e3",
 * "1.2.3.", "-3", "12abc") or a value that is not finite
 */
static gboolean parse_number_with_point (const char *text,
                                         const char *mark,
                                         double     *out);

gboolean
rw_parse_number (const char *text,
                 double     *out)
{
  const char *mark, *group;

  g_return_val_if_fail (out != NULL, FALSE);

  numeric_marks (&mark, &group);
  return parse_number_with_point (text, mark, out);
}

/**
 * rw_parse_number_c:
 * @text: a number on the command line: "0.15", "9000", "9,000", "1,234.5"
 * @out: (out): the value
 *
 * rw_parse_number() as in the C locale, whatever the user's locale is: "." is the decimal
 * point, so "1,500" is 1500 and "0,15" is 0.15 (a "," followed by other than three digits is
 * still a decimal mark). A space at either end is refused as well ("--hours=' 5'"), so that
 * a script's number is read exactly as written; hexadecimal ("0x10"), exponents ("1e3"),
 * signs, "inf", "nan" and trailing letters ("5abc") are refused like in rw_parse_number().
 *
 * Returns: FALSE, leaving @out alone, when @text is not such a number
 */
gboolean
rw_parse_number_c (const char *text,
                   double     *out)
{
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  len = strlen (text);
  if (len == 0 || is_number_space (g_utf8_get_char (text)) ||
      is_number_space (g_utf8_get_char (g_utf8_find_prev_char (text, text + len))))
    return FALSE;
  return parse_number_with_point (text, ".", out);
}

static gboolean
parse_number_with_point (const char *text,
                         const char *mark,
                         double     *out)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *last_dot, *last_comma;
  char decimal = '\0', grouping = '\0';
  guint n_dots = 0, n_commas = 0;
  char *end = NULL;
  double value;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_number_space (c))
        continue;
      if (c == '$' && clean->len == 0)
        continue;
      if (!(c == '.' || c == ',' || g_ascii_isdigit (c)))
        return FALSE;
      g_string_append_c (clean, (char) c);
      n_dots += c == '.';
      n_commas += c == ',';
    }
  if (clean->len == 0)
    return FALSE;

  last_dot = strrchr (clean->str, '.');
  last_comma = strrchr (clean->str, ',');
  if (n_dots > 0 && n_commas > 0)
    {
      decimal = last_dot > last_comma ? '.' : ',';
      grouping = decimal == '.' ? ',' : '.';
      if ((decimal == '.' ? n_dots : n_commas) > 1)
        return FALSE;
    }
  else if (n_dots + n_commas > 0)
    {
      char c = n_dots > 0 ? '.' : ',';
      const char *last = c == '.' ? last_dot : last_comma;
      gboolean locale_point = mark[0] == c && mark[1] == '\0';

      /* "9,000" separates thousands (in English); "0,150", "1.5" and German "1,500" do not */
      if (n_dots + n_commas > 1 || (strlen (last + 1) == 3 && !locale_point))
        grouping = c;
      else
        decimal = c;
      if (n_dots + n_commas == 1 && grouping != '\0' && !is_grouping (clean->str, c))
        {
          grouping = '\0';
          decimal = c;
        }
    }

  if (grouping != '\0')
    {
      g_autofree char *int_part = g_strdup (clean->str);
      char *point = decimal != '\0' ? strchr (int_part, decimal) : NULL;
      gsize w = 0;

      if (point != NULL)
        *point = '\0';
      if (!is_grouping (int_part, grouping))
        return FALSE;
      for (gsize r = 0; r < clean->len; r++)
        if (clean->str[r] != grouping)
          clean->str[w++] = clean->str[r];
      g_string_truncate (clean, w);
    }
  /* "5." and "1," are half-typed: the digits after the mark are still to come */
  if (decimal != '\0' && clean->str[clean->len - 1] == decimal)
    return FALSE;
  if (decimal == ',')
    g_strdelimit (clean->str, ",", '.');
  value = g_ascii_strtod (clean->str, &end);
  if (end == NULL || *end != '\0' || end == clean->str || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/**
 * rw_plural_n:
 * @value: a count as it is shown: a whole number of GPUs or tokens, or a number of days or
 *   months shown rounded
 *
 * The n to hand to ngettext()/g_dngettext() so that the plural form agrees with the number
 * the person reads: @value rounded to the nearest whole number, its absolute value, and 0
 * for a value that is not finite. gettext picks plural forms by an unsigned long (GNU gettext
 * manual, "Additional functions for plural forms"), so a count beyond 10^15 keeps its last
 * six digits above one million: the n % 10 and n % 100 that plural rules look at.
 *
 * Returns: the n for ngettext()
 */
gulong
rw_plural_n (double value)
{
  if (!isfinite (value))
    return 0;
  value = fabs (round (value));
  if (value > 1e15)
    return (gulong) (fmod (value, 1e6) + 1e6);
  return (gulong) value;
}

/**
 * rw_text_no_break:
 * @text: a short run of text that must stay on one line, such as a price ("$0.26/hr")
 *
 * @text with every space made a no-break space (U+00A0) and a word joiner (U+2060) after
 * every "/", so that a wrapping label never splits "$0.26/" from "hr" (Unicode line breaking,
 * UAX #14: NBSP is class GL and WJ class WJ, both forbid a break).
 */
char *
rw_text_no_break (const char *text)
{
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ')
        g_string_append (out, "\u00a0");
      else
        g_string_append_c (out, *p);
      if (*p == '/' && p[1] != '\0')
        g_string_append (out, "\u2060");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rw_text_columns:
 * @text: UTF-8 text
 *
 * How many terminal columns @text takes, for the command line's text tables: a wide character
 * (East Asian Width W or F, UAX #11, as g_unichar_iswide() tells: "服务商" is 6 columns) takes
 * two, a zero-width one (a combining mark, a word joiner: g_unichar_iszerowidth()) none, every
 * other character one; not bytes ("Mrd." and "Mrd." are the same), not characters. NULL gives 0.
 *
 * Returns: the width in columns
 */
guint
rw_text_columns (const char *text)
{
  guint columns = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      columns += g_unichar_iswide (c) ? 2 : 1;
    }
  return columns;
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

/**
 * rw_text_tidy_list:
 * @text: (nullable): a comma-separated list such as a region, "Arizona, US, NA"
 *
 * @text with its empty items dropped and the rest trimmed and joined by ", ": ", US, NA"
 * (SkyPilot's Vast.ai rows where the city is unknown) → "US, NA", "Oslo, , NO" → "Oslo, NO".
 *
 * Returns: (nullable): the tidy list, NULL when nothing is left
 */
char *
rw_text_tidy_list (const char *text)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return NULL;
  items = g_strsplit (text, ",", -1);
  out = g_string_new (NULL);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, items[i]);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
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
  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0 || host == NULL ||
      host[0] == '\0')
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
  if (days < 2 * RW_DAYS_PER_YEAR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month old", "%d months old",
                                         days / 30), (int) (days / 30));
  /* years of RW_DAYS_PER_YEAR, as the Rent vs own view counts them */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old",
                                       (gulong) (days / RW_DAYS_PER_YEAR)),
                          (int) (days / RW_DAYS_PER_YEAR));
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
  if (seconds < 2 * RW_DAYS_PER_YEAR * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago",
                                         seconds / (30 * 86400)), (int) (seconds / (30 * 86400)));
  /* years of RW_DAYS_PER_YEAR, as the Rent vs own view counts them */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago",
                                       (gulong) (seconds / (RW_DAYS_PER_YEAR * 86400))),
                          (int) (seconds / (RW_DAYS_PER_YEAR * 86400)));
}
