/* test-format.c: money, untrusted text, links and ages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rw-format.h"
#include "test-common.h"

static void
test_usd (void)
{
  struct { double v; guint d; const char *s; } cases[] = {
    { 0.28, 2, "$0.28" }, { 6.72, 2, "$6.72" }, { 0.28 * 720, 2, "$201.60" },
    { 9000, 0, "$9,000" }, { 1234567.891, 2, "$1,234,567.89" }, { 0, 2, "$0.00" },
    { 0.005, 2, "$0.01" }, { 999.999, 2, "$1,000.00" }, { -3.5, 2, "-$3.50" }, { 100, 0, "$100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = rw_format_usd (cases[i].v, cases[i].d);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
}

static void
test_usd_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (!test_use_german_numbers ())
    return;
  {
    g_autofree char *s = rw_format_usd (1234567.891, 2);
    g_assert_cmpstr (s, ==, "$1.234.567,89");
  }
  setlocale (LC_NUMERIC, saved);
}

static gboolean
use_german (void)
{
  return test_use_german_numbers ();
}

static void
test_number (void)
{
  struct { double v; guint d; const char *s; } cases[] = {
    { 5422, 0, "5,422" }, { 131072, 0, "131,072" }, { 1500, 0, "1,500" }, { 48, 0, "48" },
    { 164.83, 1, "164.8" }, { 1234567.891, 2, "1,234,567.89" }, { -4200, 0, "-4,200" },
    { 0.4, 0, "0" }, { 999.96, 1, "1,000.0" },
  };
  struct { double v; guint d; const char *s; } decimals[] = {
    { 0.15, 4, "0.15" }, { 9000, 4, "9,000" }, { 1.5, 4, "1.5" }, { 24, 4, "24" },
    { 0.00001, 4, "0" }, { 12345.678, 2, "12,345.68" }, { 1.0, 0, "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = rw_format_number (cases[i].v, cases[i].d);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    {
      g_autofree char *s = rw_format_decimal (decimals[i].v, decimals[i].d);
      g_assert_cmpstr (s, ==, decimals[i].s);
    }
  {
    g_autofree char *s = rw_format_number (INFINITY, 0);
    g_assert_cmpstr (s, ==, "—");
  }
}

static void
test_number_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (!use_german ())
    return;
  {
    g_autofree char *days = rw_format_number (5422, 0);
    g_autofree char *months = rw_format_number (164.83, 1);
    g_autofree char *kwh = rw_format_decimal (0.15, 4);
    g_autofree char *price = rw_format_decimal (9000, 4);
    double v = -1;

    g_assert_cmpstr (days, ==, "5.422");
    g_assert_cmpstr (months, ==, "164,8");
    g_assert_cmpstr (kwh, ==, "0,15");
    g_assert_cmpstr (price, ==, "9.000");
    /* the field reads back what it shows */
    g_assert_true (rw_parse_number (kwh, &v));
    g_assert_cmpfloat (v, ==, 0.15);
    g_assert_true (rw_parse_number (price, &v));
    g_assert_cmpfloat (v, ==, 9000);
    /* in German "1,500" is one and a half, "1.500" fifteen hundred */
    g_assert_true (rw_parse_number ("1,500", &v));
    g_assert_cmpfloat (v, ==, 1.5);
    g_assert_true (rw_parse_number ("1.500", &v));
    g_assert_cmpfloat (v, ==, 1500);
    g_assert_true (rw_parse_number ("0.15", &v));
    g_assert_cmpfloat (v, ==, 0.15);
    g_assert_true (rw_parse_number ("1.234,5", &v));
    g_assert_cmpfloat (v, ==, 1234.5);
    /* the command line reads numbers as in the C locale, whatever the user's is */
    g_assert_true (rw_parse_number_c ("1,500", &v));
    g_assert_cmpfloat (v, ==, 1500);
    g_assert_true (rw_parse_number_c ("0.15", &v));
    g_assert_cmpfloat (v, ==, 0.15);
    g_assert_false (rw_parse_number_c (" 5", &v));
    g_assert_false (rw_parse_number_c ("5\u00a0", &v));
  }
  setlocale (LC_NUMERIC, saved);
}

static void
test_parse_number (void)
{
  struct { const char *text; double v; } good[] = {
    { "0.15", 0.15 }, { "0,15", 0.15 }, { "9000", 9000 }, { "9,000", 9000 }, { "1,500", 1500 },
    { "1.500", 1.5 }, { "0,150", 0.15 }, { "1,234.5", 1234.5 }, { "1.234,5", 1234.5 },
    { "$7,000", 7000 }, { " 24 ", 24 }, { "7 000", 7000 }, { "7\u202f000", 7000 },
    { "1,234,567", 1234567 }, { ".5", 0.5 }, { "0", 0 },
  };
  const char *bad[] = {
    NULL, "", " ", ".", "$", "-3", "1e3", "inf", "nan", "12abc", "3 h", "1.2.3.", "1,23,456",
    "12,34.5", "1.5.5,5", "0x10", "\xff", "5.", "0,", "1,234.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double v = -1;

      if (!rw_parse_number (good[i].text, &v))
        g_error ("refused “%s”", good[i].text);
      g_assert_cmpfloat_with_epsilon (v, good[i].v, 1e-12);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v = 42;

      if (rw_parse_number (bad[i], &v))
        g_error ("accepted “%s” as %g", bad[i], v);
      g_assert_cmpfloat (v, ==, 42);
    }
  /* what the field shows reads back as the same value */
  for (double x = 0; x < 20000; x += 37.125)
    {
      g_autofree char *text = rw_format_decimal (x, 4);
      double v = -1;

      g_assert_true (rw_parse_number (text, &v));
      g_assert_cmpfloat_with_epsilon (v, x, 1e-9);
    }
}

static void
test_no_break (void)
{
  g_autofree char *rate = rw_text_no_break ("$0.26/hr");
  g_autofree char *spaced = rw_text_no_break ("$0,26 pro Std.");
  g_autofree char *none = rw_text_no_break (NULL);

  /* a word joiner after the slash, no-break spaces: one unit for the line breaker */
  g_assert_cmpstr (rate, ==, "$0.26/\u2060hr");
  g_assert_cmpstr (spaced, ==, "$0,26\u00a0pro\u00a0Std.");
  g_assert_cmpstr (none, ==, "");
}

static void
test_tidy_list (void)
{
  struct { const char *in, *out; } cases[] = {
    { ", US, NA", "US, NA" }, { "Arizona, US, NA", "Arizona, US, NA" }, { "Oslo, , NO", "Oslo, NO" },
    { " us-east-1 ", "us-east-1" }, { ",", NULL }, { "", NULL }, { NULL, NULL }, { "a,b", "a, b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = rw_text_tidy_list (cases[i].in);
      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static void
test_sanitize (void)
{
  g_autofree char *a = rw_text_sanitize ("Plain <b>text</b> & “quotes”");
  g_autofree char *b = rw_text_sanitize ("bell\a escape\033[31m newline\n del\x7f c1\xc2\x85");
  g_autofree char *c = rw_text_sanitize (NULL);
  g_autofree char *d = rw_text_sanitize ("bad \xff utf8");

  g_assert_cmpstr (a, ==, "Plain <b>text</b> & “quotes”");
  g_assert_cmpstr (b, ==, "bell\xef\xbf\xbd escape\xef\xbf\xbd[31m newline\xef\xbf\xbd "
                          "del\xef\xbf\xbd c1\xef\xbf\xbd");
  g_assert_cmpstr (c, ==, "");
  g_assert_true (g_utf8_validate (d, -1, NULL));
}

static void
test_safe_uri (void)
{
  g_autofree char *long_uri = NULL;
  const char *good[] = {
    "https://vast.ai/pricing", "https://www.runpod.io/pricing?x=1#y", "HTTPS://EXAMPLE.COM/",
  };
  const char *bad[] = {
    NULL, "", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
    "http://vast.ai/pricing", "/pricing", "pricing", "https://", "https:///path",
    "https://user:pw@example.com/", "https://exa mple.com/", "https://example.com/\n",
    "ftp://example.com/", " https://example.com/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (rw_uri_is_safe_to_open (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (rw_uri_is_safe_to_open (bad[i]))
      g_error ("accepted %s", bad[i]);

  long_uri = g_strdup_printf ("https://example.com/%0*d", 2100, 0);
  g_assert_false (rw_uri_is_safe_to_open (long_uri));
}

static void
test_age (void)
{
  g_autoptr(GDateTime) then = g_date_time_new_utc (2026, 5, 25, 0, 0, 0);
  struct { int days; const char *s; } cases[] = {
    { 0, "from today" }, { 1, "1 day old" }, { 45, "45 days old" }, { 187, "6 months old" },
    { 800, "2 years old" }, { -3, "from the future" },
    /* 1,095 days are 2.998 years of 365.25 days (newcomer report 5, defect 11) */
    { 1095, "2 years old" }, { 1096, "3 years old" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (then, cases[i].days);
      g_autofree char *s = rw_format_age (then, now);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
}

/* Newcomer report 7: a parameter count has one form everywhere (Models view, --list-models,
 * the GPU overview): three significant digits, rounded to the nearest, trailing zeros dropped */
static void
test_params (void)
{
  const struct { double b; const char *text; } cases[] = {
    { 0.751632384, "0.75B" }, { 3.212749824, "3.2B" }, { 8.030261248, "8B" },
    { 14.770033664, "14.8B" }, { 70.553706496, "70.6B" }, { 99.96, "100B" },
    { 125.086497008, "125B" }, { 671, "671B" }, { 1026.47073106, "1,026B" }, { 0, "0B" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rw_format_params_b (cases[i].b);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *text = rw_format_params_b (NAN);

    g_assert_cmpstr (text, ==, "—");
  }
}

static void
test_time_ago (void)
{
  struct { gint64 s; const char *text; } cases[] = {
    { 5, "just now" }, { 60, "1 minute ago" }, { 300, "5 minutes ago" }, { 3 * 3600, "3 hours ago" },
    { 47 * 3600, "47 hours ago" }, { 3 * 86400, "3 days ago" }, { 190 * 86400, "6 months ago" },
    { 800 * 86400, "2 years ago" }, { 1095 * (gint64) 86400, "2 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rw_format_time_ago (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* the command line's text tables pad to terminal columns: a CJK character takes two, a
 * combining mark or a word joiner none (newcomer report 5, defect 6) */
static void
test_text_columns (void)
{
  g_assert_cmpuint (rw_text_columns (NULL), ==, 0);
  g_assert_cmpuint (rw_text_columns (""), ==, 0);
  g_assert_cmpuint (rw_text_columns ("33.7 Mrd. Parameter"), ==, 19);
  g_assert_cmpuint (rw_text_columns ("3 个服务商"), ==, 10);
  g_assert_cmpuint (rw_text_columns ("e\u0301"), ==, 1);
  g_assert_cmpuint (rw_text_columns ("GB/\u2060s"), ==, 4);
}

/* a price per M tokens never rounds to "$0.00" (newcomer report 5, defect 12) */
static void
test_usd_significant (void)
{
  static const struct { double value; const char *s; } cases[] = {
    { 0, "$0.00" }, { 1.234, "$1.23" }, { 0.1, "$0.10" }, { 0.0995, "$0.10" },
    { 0.05, "$0.050" }, { 0.0123, "$0.012" }, { 0.0042, "$0.0042" }, { 0.00995, "$0.010" },
    { 0.00049, "$0.0005" }, { 0.00001, "< $0.0001" }, { 1234.5, "$1,234.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = rw_format_usd_significant (cases[i].value);

      g_assert_cmpstr (s, ==, cases[i].s);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/usd", test_usd);
  g_test_add_func ("/format/usd-locale", test_usd_locale);
  g_test_add_func ("/format/number", test_number);
  g_test_add_func ("/format/number-locale", test_number_locale);
  g_test_add_func ("/format/parse-number", test_parse_number);
  g_test_add_func ("/format/no-break", test_no_break);
  g_test_add_func ("/format/tidy-list", test_tidy_list);
  g_test_add_func ("/format/sanitize", test_sanitize);
  g_test_add_func ("/format/safe-uri", test_safe_uri);
  g_test_add_func ("/format/age", test_age);
  g_test_add_func ("/format/time-ago", test_time_ago);
  g_test_add_func ("/format/params", test_params);
  g_test_add_func ("/format/text-columns", test_text_columns);
  g_test_add_func ("/format/usd-significant", test_usd_significant);

  return g_test_run ();
}
