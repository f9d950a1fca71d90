/* test-format.c: money, untrusted text, links and ages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rw-format.h"

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
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "de_DE", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;

  for (guint i = 0; locales[i] && !found; i++)
    if (setlocale (LC_NUMERIC, locales[i]))
      found = locales[i];
  if (found == NULL)
    {
      g_test_skip ("no German locale installed");
      return;
    }
  {
    g_autofree char *s = rw_format_usd (1234567.891, 2);
    g_assert_cmpstr (s, ==, "$1.234.567,89");
  }
  setlocale (LC_NUMERIC, saved);
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
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (then, cases[i].days);
      g_autofree char *s = rw_format_age (then, now);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
}

static void
test_time_ago (void)
{
  struct { gint64 s; const char *text; } cases[] = {
    { 5, "just now" }, { 60, "1 minute ago" }, { 300, "5 minutes ago" }, { 3 * 3600, "3 hours ago" },
    { 47 * 3600, "47 hours ago" }, { 3 * 86400, "3 days ago" }, { 190 * 86400, "6 months ago" },
    { 800 * 86400, "2 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rw_format_time_ago (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/usd", test_usd);
  g_test_add_func ("/format/usd-locale", test_usd_locale);
  g_test_add_func ("/format/sanitize", test_sanitize);
  g_test_add_func ("/format/safe-uri", test_safe_uri);
  g_test_add_func ("/format/age", test_age);
  g_test_add_func ("/format/time-ago", test_time_ago);

  return g_test_run ();
}
