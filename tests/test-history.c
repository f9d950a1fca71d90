/* test-history.c: chart scale, tick and decimation maths; the local history store; merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-chart-math.h"
#include "rw-history.h"
#include "test-common.h"
#include "test-special-files.h"

static void
test_nice_scale (void)
{
  /* from cents to thousands of dollars */
  struct { double min, max; guint ticks; double lo, hi, step; } cases[] = {
    { 0.28, 1.80, 6, 0, 2, 0.5 },
    { 0.01, 0.04, 5, 0.01, 0.04, 0.01 },
    { 0.9, 1.05, 5, 0.9, 1.05, 0.05 },
    { 2.49, 31.92, 6, 0, 40, 10 },
    { 120, 4300, 6, 0, 5000, 1000 },
    { 1.0, 1.0, 5, 0.9, 1.1, 0.05 },     /* flat: a range around it */
    { 0, 0, 5, 0, 1, 0.25 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RwNiceScale scale;

      rw_nice_scale (cases[i].min, cases[i].max, cases[i].ticks, &scale);
      g_test_message ("%g..%g → %g..%g step %g (%u ticks)", cases[i].min, cases[i].max,
                      scale.lo, scale.hi, scale.step, scale.n_ticks);
      g_assert_cmpfloat_with_epsilon (scale.lo, cases[i].lo, 1e-9);
      g_assert_cmpfloat_with_epsilon (scale.hi, cases[i].hi, 1e-9);
      g_assert_cmpfloat_with_epsilon (scale.step, cases[i].step, 1e-9);
      g_assert_cmpuint (scale.n_ticks, <=, cases[i].ticks);
      g_assert_cmpfloat (scale.lo, <=, cases[i].min + 1e-9);
      g_assert_cmpfloat (scale.hi, >=, cases[i].max - 1e-9);
    }

  /* every step is on the ladder, for many ranges */
  for (double range = 0.003; range < 1e5; range *= 1.37)
    {
      double step = rw_nice_step (range, 6);
      double mantissa = step / pow (10, floor (log10 (step) + 1e-12));

      g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 ||
                     fabs (mantissa - 2.5) < 1e-9 || fabs (mantissa - 5) < 1e-9);
      g_assert_cmpfloat (range / step, <=, 5 + 1e-9);
    }
}

static gint64
day (int y, int m, int d)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return g_date_time_to_unix (dt);
}

static void
test_time_ticks (void)
{
  struct { gint64 t0, t1; guint max; RwTimeStepUnit unit; guint count; guint n; } cases[] = {
    { day (2026, 5, 1), day (2026, 5, 2), 6, RW_TIME_STEP_DAY, 1, 2 },       /* one day */
    { day (2026, 5, 1), day (2026, 5, 31), 6, RW_TIME_STEP_DAY, 7, 4 },      /* a month */
    { day (2026, 3, 1), day (2026, 5, 31), 6, RW_TIME_STEP_MONTH, 1, 3 },    /* 90 days */
    { day (2025, 6, 1), day (2026, 5, 31), 6, RW_TIME_STEP_MONTH, 3, 4 },    /* a year */
    { day (2021, 6, 1), day (2026, 5, 31), 6, RW_TIME_STEP_YEAR, 1, 5 },     /* five years */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RwTimeTicks ticks;

      rw_time_ticks (cases[i].t0, cases[i].t1, cases[i].max, &ticks);
      g_test_message ("case %u: unit %d × %u, %u ticks", i, ticks.unit, ticks.count, ticks.ticks->len);
      g_assert_cmpint (ticks.unit, ==, cases[i].unit);
      g_assert_cmpuint (ticks.count, ==, cases[i].count);
      g_assert_cmpuint (ticks.ticks->len, ==, cases[i].n);
      g_assert_cmpuint (ticks.ticks->len, <=, cases[i].max);
      for (guint t = 0; t < ticks.ticks->len; t++)
        {
          gint64 v = g_array_index (ticks.ticks, gint64, t);
          g_assert_cmpint (v, >=, cases[i].t0);
          g_assert_cmpint (v, <=, cases[i].t1);
          g_assert_cmpint (v % 86400, ==, 0);   /* midnights */
          if (t > 0)
            g_assert_cmpint (v, >, g_array_index (ticks.ticks, gint64, t - 1));
        }
      rw_time_ticks_clear (&ticks);
    }

  /* month ticks fall on the first of a month, quarters on Jan/Apr/Jul/Oct */
  {
    RwTimeTicks ticks;
    rw_time_ticks (day (2025, 6, 1), day (2026, 5, 31), 6, &ticks);
    for (guint t = 0; t < ticks.ticks->len; t++)
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (g_array_index (ticks.ticks, gint64, t));
        g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
        g_assert_cmpint ((g_date_time_get_month (dt) - 1) % 3, ==, 0);
      }
    rw_time_ticks_clear (&ticks);
  }
}

static void
test_time_window_and_labels (void)
{
  /* a month of history that ended in November 2025, seen in November 2026 */
  gint64 oldest = day (2025, 10, 19), newest = day (2025, 11, 16), now = day (2026, 11, 30);
  double lo, hi;

  /* ranges end at the newest point and differ from each other even when the data are short */
  rw_time_window (oldest, newest, 31, &lo, &hi);
  g_assert_cmpfloat (hi, ==, newest);
  g_assert_cmpfloat (lo, ==, newest - 31 * 86400.0);
  rw_time_window (oldest, newest, 366, &lo, &hi);
  g_assert_cmpfloat (lo, ==, newest - 366 * 86400.0);
  rw_time_window (oldest, newest, 0, &lo, &hi);
  g_assert_cmpfloat (lo, ==, oldest);
  g_assert_cmpfloat (hi, ==, newest);
  rw_time_window (newest, newest, 0, &lo, &hi);
  g_assert_cmpfloat (hi - lo, ==, 86400);

  /* last year's data say so on the first label; this year's do not */
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_DAY, day (2025, 10, 20), G_MININT64, oldest, newest, now),
                   ==, "%e %b %Y");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_DAY, day (2025, 10, 27), day (2025, 10, 20), oldest, newest, now),
                   ==, "%e %b");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_DAY, day (2026, 10, 20), G_MININT64, day (2026, 10, 19),
                                         day (2026, 11, 16), now), ==, "%e %b");
  /* a span across new year: the year where it changes */
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_MONTH, day (2025, 11, 1), G_MININT64, day (2025, 10, 19),
                                         day (2026, 5, 1), now), ==, "%b %Y");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_MONTH, day (2025, 12, 1), day (2025, 11, 1),
                                         day (2025, 10, 19), day (2026, 5, 1), now), ==, "%b");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_MONTH, day (2026, 1, 1), day (2025, 12, 1),
                                         day (2025, 10, 19), day (2026, 5, 1), now), ==, "%Y");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_DAY, day (2026, 1, 4), day (2025, 12, 28),
                                         day (2025, 12, 1), day (2026, 1, 20), now), ==, "%e %b %Y");
  g_assert_cmpstr (rw_time_label_format (RW_TIME_STEP_YEAR, day (2024, 1, 1), G_MININT64, 0, 0, now), ==, "%Y");
}

static void
test_decimate (void)
{
  guint n = 10000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree double *lo = g_new (double, n);
  g_autofree double *hi = g_new (double, n);
  g_autoptr(GArray) columns = NULL;
  double true_min = INFINITY, true_max = -INFINITY, seen_min = INFINITY, seen_max = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = 2 + sin (i / 10.0) + (i == 4321 ? 5 : 0);   /* one spike; prices stay above 0 */
      lo[i] = y[i] - 0.5;
      hi[i] = y[i] + 0.5 + (i == 777 ? 3 : 0);
      true_min = MIN (true_min, lo[i]);
      true_max = MAX (true_max, hi[i]);
    }
  columns = rw_decimate (x, y, lo, hi, n, 0, n - 1, 300);
  g_assert_cmpuint (columns->len, <=, 300);
  g_assert_cmpuint (columns->len, >=, 299);
  for (guint c = 0; c < columns->len; c++)
    {
      RwColumn *col = &g_array_index (columns, RwColumn, c);
      seen_min = MIN (seen_min, col->band_lo);
      seen_max = MAX (seen_max, col->band_hi);
      g_assert_cmpfloat (col->y_lo, <=, col->y_first);
      g_assert_cmpfloat (col->y_hi, >=, col->y_last);
    }
  /* each column keeps its min and max: the extremes (and the spike) survive */
  g_assert_cmpfloat (seen_min, ==, true_min);
  g_assert_cmpfloat (seen_max, ==, true_max);
  {
    double spike = 0;
    for (guint c = 0; c < columns->len; c++)
      spike = MAX (spike, g_array_index (columns, RwColumn, c).y_hi);
    g_assert_cmpfloat (spike, ==, y[4321]);
  }

  /* fewer points than columns: one column each */
  {
    g_autoptr(GArray) few = rw_decimate (x, y, NULL, NULL, 30, 0, 29, 300);
    g_assert_cmpuint (few->len, ==, 30);
    g_assert_cmpfloat (g_array_index (few, RwColumn, 7).band_lo, ==, y[7]);
  }
}

/* ------------------------------------------------------------------ store */

static char *
temp_store_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rentwise-history-XXXXXX", NULL);
  return g_build_filename (dir, "sub", "history.tsv", NULL);
}

static RwHistoryPointData
point (gint64 date, double median)
{
  RwHistoryPointData p = { date, median, median / 2, median * 2, 7, TRUE };
  return p;
}

static void
test_store_append_and_overwrite (void)
{
  g_autofree char *path = temp_store_path ();
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(RwHistoryStore) again = rw_history_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;
  RwHistoryPointData p;

  g_assert_true (rw_history_store_load (store, &error));   /* no file yet: empty */
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 0);

  p = point (day (2026, 5, 1), 1.0);
  g_assert_true (rw_history_store_add (store, "l40s", &p, &error));
  p = point (day (2026, 5, 2), 1.1);
  g_assert_true (rw_history_store_add (store, "l40s", &p, &error));
  p = point (day (2026, 5, 1), 0.9);  /* same day: the latest wins */
  g_assert_true (rw_history_store_add (store, "l40s", &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 2);

  g_assert_true (rw_history_store_load (again, &error));
  g_assert_cmpuint (rw_history_store_get_n_points (again), ==, 2);
  g_assert_cmpuint (rw_history_store_get_n_lines (again), ==, 3);
  points = rw_history_store_get_points (again, "l40s");
  g_assert_cmpuint (points->len, ==, 2);
  g_assert_cmpfloat (g_array_index (points, RwHistoryPointData, 0).median_hr, ==, 0.9);
  g_assert_cmpfloat (g_array_index (points, RwHistoryPointData, 0).min_hr, ==, 0.45);
  g_assert_cmpint (g_array_index (points, RwHistoryPointData, 0).providers, ==, 7);
  g_assert_cmpfloat (g_array_index (points, RwHistoryPointData, 1).median_hr, ==, 1.1);
}

static void
test_store_compaction (void)
{
  g_autofree char *path = temp_store_path ();
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(RwHistoryStore) reread = rw_history_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 now = day (2026, 11, 28);

  rw_history_store_load (store, NULL);
  /* one very old point, and ten overwrites of the same day */
  {
    RwHistoryPointData p = point (day (2019, 1, 1), 2.0);
    rw_history_store_add (store, "v100-16gb", &p, &error);
  }
  for (guint i = 0; i < 10; i++)
    {
      RwHistoryPointData p = point (day (2026, 11, 27), 1.0 + i / 10.0);
      rw_history_store_add (store, "l40s", &p, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rw_history_store_get_n_lines (store), ==, 11);

  g_assert_true (rw_history_store_compact (store, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 1);   /* 2019 is past retention */

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, RW_HISTORY_HEADER "\n2026-11-27\tl40s\t1.9\t0.95\t3.8\t7\n");
  rw_history_store_load (reread, NULL);
  g_assert_cmpuint (rw_history_store_get_n_points (reread), ==, 1);
}

/* In the background the store answers at once and the file follows, in order: appends, a
 * compaction, more appends; finalizing the store waits for them */
static void
test_store_background_writes (void)
{
  g_autofree char *path = temp_store_path ();
  RwHistoryStore *store = rw_history_store_new (path);
  g_autoptr(RwHistoryStore) reread = rw_history_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;

  rw_history_store_load (store, NULL);
  rw_history_store_set_background_writes (store);
  for (guint i = 0; i < 200; i++)
    {
      RwHistoryPointData p = point (day (2026, 1, 1) + (gint64) (i % 50) * 86400, 1.0 + i / 100.0);
      g_assert_true (rw_history_store_add (store, "l40s", &p, &error));
      if (i == 120)
        g_assert_true (rw_history_store_compact (store, day (2026, 11, 28), &error));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 50);   /* in memory at once */
  g_assert_finalize_object (store);                                   /* waits for the file */

  g_assert_true (rw_history_store_load (reread, &error));
  g_assert_cmpuint (rw_history_store_get_n_points (reread), ==, 50);
  /* 50 lines from the compaction, 79 appended after it */
  g_assert_cmpuint (rw_history_store_get_n_lines (reread), ==, 50 + 79);
  points = rw_history_store_get_points (reread, "l40s");
  /* day 0 was last written by i = 150 */
  g_assert_cmpfloat_with_epsilon (g_array_index (points, RwHistoryPointData, 0).median_hr, 2.5, 1e-9);
}

static void
test_store_torn_and_bad_lines (void)
{
  g_autofree char *path = temp_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(GArray) points = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path,
    RW_HISTORY_HEADER "\n"
    "2026-05-01\tl40s\t0.9\t0.3\t1.9\t9\n"
    "2026-05-02\tl40s\tNaN\t0.3\t1.9\t9\n"           /* bad: skipped */
    "2026-13-01\tl40s\t0.9\t0.3\t1.9\t9\n"           /* bad date */
    "2026-05-03\th100-sxm\t2.1\t-\t-\t-\n"           /* unknowns */
    "2026-05-04\tl40s\t0.95\t0.3\t1.", -1, NULL));    /* torn last line */
  g_assert_true (rw_history_store_load (store, NULL));
  g_assert_null (rw_history_store_get_problem (store));
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 2);
  points = rw_history_store_get_points (store, "l40s");
  g_assert_cmpuint (points->len, ==, 1);
  g_clear_pointer (&points, g_array_unref);
  points = rw_history_store_get_points (store, "h100-sxm");
  g_assert_cmpfloat (g_array_index (points, RwHistoryPointData, 0).min_hr, <, 0);
  g_assert_cmpint (g_array_index (points, RwHistoryPointData, 0).providers, ==, -1);

  /* the next append after a torn line starts on a line of its own */
  {
    RwHistoryPointData p = point (day (2026, 5, 5), 1.0);
    g_autoptr(RwHistoryStore) reread = rw_history_store_new (path);

    g_assert_true (rw_history_store_add (store, "l40s", &p, NULL));
    rw_history_store_load (reread, NULL);
    g_assert_cmpuint (rw_history_store_get_n_points (reread), ==, 3);
  }
}

static void
test_store_unreadable (void)
{
  g_autofree char *path = temp_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "\x89PNG not a history at all", -1, NULL));
  g_assert_true (rw_history_store_load (store, NULL));
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 0);
  g_assert_nonnull (strstr (rw_history_store_get_problem (store), "kept as"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    if (g_str_has_prefix (name, "history.tsv.unreadable-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "\x89PNG not a history at all");
        kept = TRUE;
      }
  g_assert_true (kept);
}

/* Not a regular file (newcomer report 5, defect 2: history.tsv linked to /dev/zero took
 * 3.5 GB in 7 s), or over 64 MiB: never read, set aside, said; the next point starts a new
 * file. And a FIFO put in its place later is never appended to (its open () would block). */
static void
test_store_not_regular (void)
{
  g_autofree char *path = temp_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  static const char * const whys[N_SPECIAL + 1] = { "(not a regular file)",
                                                    "(not a regular file)",
                                                    "(it is a folder)", "(larger than 64 MiB)" };

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  special_watchdog (TRUE);
  for (guint kind = 0; kind <= N_SPECIAL; kind++)
    {
      g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
      RwHistoryPointData p = point (day (2026, 5, 1), 1.0);
      const char *problem;

      special_watchdog (TRUE);
      if (kind < N_SPECIAL)
        make_special (path, kind);
      else
        make_oversize (path, 64 * 1024 * 1024 + 1);
      g_assert_true (rw_history_store_load (store, NULL));
      problem = rw_history_store_get_problem (store);
      g_assert_nonnull (problem);
      g_test_message ("%s: %s", kind < N_SPECIAL ? special_names[kind] : "over 64 MiB",
                      problem);
      g_assert_nonnull (strstr (problem, whys[kind]));
      g_assert_nonnull (strstr (problem, "kept as"));
      g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      g_assert_true (rw_history_store_add (store, "l40s", &p, NULL));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_no_errno (g_unlink (path));
    }
  /* each kept, none over another set aside in the same second */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (listing)) != NULL)
      n += g_str_has_prefix (name, "history.tsv.unreadable-");
    g_assert_cmpuint (n, ==, N_SPECIAL + 1);
  }

  {
    g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
    g_autoptr(GError) error = NULL;
    RwHistoryPointData p = point (day (2026, 5, 1), 1.0);

    g_assert_true (rw_history_store_load (store, NULL));
    make_special (path, SPECIAL_FIFO);
    g_assert_false (rw_history_store_add (store, "l40s", &p, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_assert_no_errno (g_unlink (path));
  }
  special_watchdog (FALSE);
}

static void
test_record_and_merge (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autofree char *path = temp_store_path ();
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GError) error = NULL;
  gint64 may2 = day (2026, 5, 2);

  rw_history_store_load (store, NULL);
  /* the overview's statistics, for each GPU with offers (l40s and a100-80gb) */
  g_assert_cmpuint (rw_history_store_record (store, catalog, may2 + 3600, &error), ==, 2);
  g_assert_no_error (error);

  merged = rw_history_merge (catalog, store, "l40s");
  /* the catalog's 2026-05-01, the local 2026-05-02 (replacing the catalog's that day) */
  g_assert_cmpuint (merged->len, ==, 2);
  g_assert_false (g_array_index (merged, RwHistoryPointData, 0).local);
  g_assert_cmpfloat (g_array_index (merged, RwHistoryPointData, 0).median_hr, ==, 0.93);
  g_assert_true (g_array_index (merged, RwHistoryPointData, 1).local);
  g_assert_cmpint (g_array_index (merged, RwHistoryPointData, 1).date, ==, may2);
  g_assert_cmpfloat_with_epsilon (g_array_index (merged, RwHistoryPointData, 1).median_hr, 0.92, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (merged, RwHistoryPointData, 1).min_hr, 0.28, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (merged, RwHistoryPointData, 1).max_hr, 1.80, 1e-12);
  g_assert_cmpint (g_array_index (merged, RwHistoryPointData, 1).providers, ==, 10);

  /* without a store: the catalog's own points */
  g_clear_pointer (&merged, g_array_unref);
  merged = rw_history_merge (catalog, NULL, "l40s");
  g_assert_cmpuint (merged->len, ==, 2);
  g_assert_cmpfloat (g_array_index (merged, RwHistoryPointData, 1).median_hr, ==, 0.92);
}

static void
test_store_size (void)
{
  g_autofree char *path = temp_store_path ();
  g_autoptr(RwHistoryStore) store = rw_history_store_new (path);
  g_autoptr(GString) text = g_string_new (RW_HISTORY_HEADER "\n");
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  /* three years of daily points for 100 GPUs */
  for (guint g = 0; g < 100; g++)
    for (guint d = 0; d < 3 * 365; d++)
      {
        g_autofree char *date = rw_history_format_date (day (2024, 1, 1) + d * 86400);
        g_string_append_printf (text, "%s\tgpu-%03u\t%.2f\t%.2f\t%.2f\t%u\n", date, g, 1.5 + d / 1000.0,
                                0.4 + g / 100.0, 3.5, 12);
      }
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_assert_true (rw_history_store_load (store, NULL));
  g_assert_cmpuint (rw_history_store_get_n_points (store), ==, 100 * 3 * 365);
  g_assert_true (rw_history_store_compact (store, day (2026, 12, 31), NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("3 years × 100 GPUs: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, <, 5 * 1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-scale", test_nice_scale);
  g_test_add_func ("/chart/time-ticks", test_time_ticks);
  g_test_add_func ("/chart/decimate", test_decimate);
  g_test_add_func ("/chart/time-window-and-labels", test_time_window_and_labels);
  g_test_add_func ("/history/append-and-overwrite", test_store_append_and_overwrite);
  g_test_add_func ("/history/compaction", test_store_compaction);
  g_test_add_func ("/history/background-writes", test_store_background_writes);
  g_test_add_func ("/history/torn-and-bad-lines", test_store_torn_and_bad_lines);
  g_test_add_func ("/history/unreadable", test_store_unreadable);
  g_test_add_func ("/history/not-regular", test_store_not_regular);
  g_test_add_func ("/history/record-and-merge", test_record_and_merge);
  g_test_add_func ("/history/size", test_store_size);

  return g_test_run ();
}
