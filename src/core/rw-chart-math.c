/* rw-chart-math.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rw-chart-math.h"

/**
 * rw_nice_step:
 *
 * The smallest step of the ladder 1, 2, 2.5, 5 × 10^k that covers @range in at most
 * @max_ticks − 1 intervals.
 */
double
rw_nice_step (double range,
              guint  max_ticks)
{
  static const double ladder[] = { 1, 2, 2.5, 5, 10 };
  double raw, magnitude;

  max_ticks = MAX (max_ticks, 2);
  if (!(range > 0) || !isfinite (range))
    return 1;
  raw = range / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    if (ladder[i] * magnitude >= raw * (1 - 1e-9))
      return ladder[i] * magnitude;
  return 10 * magnitude;
}

/**
 * rw_nice_scale:
 *
 * An axis from a "nice" value below @min to one above @max, with at most @max_ticks ticks.
 * A flat or single value gets a range around it; prices never go below zero.
 */
void
rw_nice_scale (double       min,
               double       max,
               guint        max_ticks,
               RwNiceScale *out)
{
  double step;

  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (min > max)
    {
      double t = min;
      min = max;
      max = t;
    }
  if (max - min < 1e-12)
    {
      double pad = fabs (max) > 0 ? fabs (max) * 0.1 : 1;
      min -= pad;
      max += pad;
      if (min < 0 && max - pad >= 0)
        min = 0;
    }

  /* the step may need to grow once the ends are rounded outwards */
  for (guint ticks = MAX (max_ticks, 2); ; ticks--)
    {
      step = rw_nice_step (max - min, ticks);
      out->lo = floor (min / step + 1e-9) * step;
      out->hi = ceil (max / step - 1e-9) * step;
      out->step = step;
      out->n_ticks = (guint) llround ((out->hi - out->lo) / step) + 1;
      if (out->n_ticks <= MAX (max_ticks, 2) || ticks <= 2)
        break;
    }
}

static gint64
utc_midnight (gint64 t)
{
  return t - ((t % 86400) + 86400) % 86400;
}

static GDateTime *
month_start (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt), 1, 0, 0, 0);
}

/**
 * rw_time_ticks:
 * @t0: first time (unix seconds)
 * @t1: last time
 *
 * Ticks at day, month or year boundaries (UTC), spaced so that at most @max_ticks fall in
 * [t0, t1]: every 1, 2, 7 or 14 days; every 1, 2, 3 or 6 months; every 1, 2, 5, 10 years.
 */
void
rw_time_ticks (gint64       t0,
               gint64       t1,
               guint        max_ticks,
               RwTimeTicks *out)
{
  static const struct { RwTimeStepUnit unit; guint count; double days;
  } steps[] = {
    { RW_TIME_STEP_DAY, 1, 1 },       { RW_TIME_STEP_DAY, 2, 2 },
    { RW_TIME_STEP_DAY, 7, 7 },       { RW_TIME_STEP_DAY, 14, 14 },
    { RW_TIME_STEP_MONTH, 1, 30.44 }, { RW_TIME_STEP_MONTH, 2, 60.9 },
    { RW_TIME_STEP_MONTH, 3, 91.3 },  { RW_TIME_STEP_MONTH, 6, 182.6 },
    { RW_TIME_STEP_YEAR, 1, 365.25 }, { RW_TIME_STEP_YEAR, 2, 730.5 },
    { RW_TIME_STEP_YEAR, 5, 1826 },   { RW_TIME_STEP_YEAR, 10, 3652 },
  };
  double span_days;
  guint chosen = G_N_ELEMENTS (steps) - 1;

  out->ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (t1 < t0)
    {
      gint64 t = t0;
      t0 = t1;
      t1 = t;
    }
  max_ticks = MAX (max_ticks, 2);
  span_days = (double) (t1 - t0) / 86400.0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span_days / steps[i].days + 1 <= max_ticks)
      {
        chosen = i;
        break;
      }
  out->unit = steps[chosen].unit;
  out->count = steps[chosen].count;

  if (out->unit == RW_TIME_STEP_DAY)
    {
      /* whole multiples of the step since the epoch, so ticks do not wander with t0 */
      gint64 step = 86400 * (gint64) out->count;
      gint64 t = utc_midnight (t0);

      t = t - ((t / 86400) % out->count) * 86400;
      if (t < t0)
        t += step;
      for (; t <= t1; t += step)
        g_array_append_val (out->ticks, t);
    }
  else
    {
      g_autoptr(GDateTime) dt = month_start (t0);
      guint months = out->unit == RW_TIME_STEP_MONTH ? out->count : 12 * out->count;

      /* align months to the calendar (Jan/Apr/Jul/Oct for 3), years to multiples */
      while (out->unit == RW_TIME_STEP_MONTH
             ? (g_date_time_get_month (dt) - 1) % out->count != 0
             : (g_date_time_get_month (dt) != 1 || g_date_time_get_year (dt) % out->count != 0))
        {
          GDateTime *next = g_date_time_add_months (dt, 1);
          g_date_time_unref (dt);
          dt = next;
        }
      for (;;)
        {
          gint64 t = g_date_time_to_unix (dt);
          GDateTime *next;

          if (t > t1)
            break;
          if (t >= t0)
            g_array_append_val (out->ticks, t);
          next = g_date_time_add_months (dt, months);
          g_date_time_unref (dt);
          dt = next;
        }
    }
}

void
rw_time_ticks_clear (RwTimeTicks *ticks)
{
  g_clear_pointer (&ticks->ticks, g_array_unref);
}

/**
 * rw_decimate:
 * @x: (array length=n): sorted ascending
 * @y: (array length=n): the line
 * @band_lo: (array length=n) (nullable): lower edge of the band (NaN or < 0: none)
 * @band_hi: (array length=n) (nullable): upper edge of the band
 * @x0: x at the left edge of the plot
 * @x1: x at the right edge
 * @columns: pixel columns of the plot
 *
 * One entry per non-empty pixel column, keeping the first, last, lowest and highest value
 * of the line and the band's extremes, so that the drawing looks exactly like the full data
 * while costing O(columns).
 *
 * Returns: (transfer full) (element-type RwColumn): the columns, left to right
 */
GArray *
rw_decimate (const double *x,
             const double *y,
             const double *band_lo,
             const double *band_hi,
             guint         n,
             double        x0,
             double        x1,
             guint         columns)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RwColumn));
  double width = x1 - x0;
  gint64 current = G_MININT64;

  columns = MAX (columns, 1);
  for (guint i = 0; i < n; i++)
    {
      gint64 column = width > 0 ? (gint64) floor ((x[i] - x0) / width * columns) : 0;
      double lo = band_lo && band_lo[i] >= 0 ? band_lo[i] : y[i];
      double hi = band_hi && band_hi[i] >= 0 ? band_hi[i] : y[i];
      RwColumn *c;

      column = CLAMP (column, 0, (gint64) columns - 1);
      if (column != current || out->len == 0)
        {
          RwColumn fresh = { x[i], y[i], y[i], y[i], y[i], lo, hi };

          g_array_append_val (out, fresh);
          current = column;
          continue;
        }
      c = &g_array_index (out, RwColumn, out->len - 1);
      c->y_last = y[i];
      c->y_lo = MIN (c->y_lo, y[i]);
      c->y_hi = MAX (c->y_hi, y[i]);
      c->band_lo = MIN (c->band_lo, lo);
      c->band_hi = MAX (c->band_hi, hi);
    }
  return out;
}

/**
 * rw_time_window:
 * @oldest: the first point's time (unix seconds)
 * @newest: the last point's time, over every series
 * @days: how far back to show, in days of 86 400 s (0: everything)
 * @lo: (out): the axis start
 * @hi: (out): the axis end
 *
 * The time axis of a chart showing the last @days before its newest point: 1M, 3M and 1Y
 * end at the newest point, not today, so that an old catalog still shows its last month;
 * they start @days before it even where the data start later, so that each range looks
 * like what it is and a short history shows as short. @days 0 spans the data.
 */
void
rw_time_window (double  oldest,
                double  newest,
                double  days,
                double *lo,
                double *hi)
{
  *hi = newest;
  *lo = days > 0 ? newest - days * 86400.0 : oldest;
  if (!(*hi > *lo))
    *lo = *hi - 86400.0;
}

/**
 * rw_time_label_format:
 * @unit: the ticks' step
 * @t: the tick's time (unix seconds, UTC)
 * @previous: the previous labelled tick's time, or G_MININT64 for the first label
 * @t0: the axis start
 * @t1: the axis end
 * @now: the current time
 *
 * The g_date_time_format() format of one axis label: day ticks read "19 Oct", month ticks
 * "Oct" and January "2026", year ticks "2025". The year is added — to the first label and
 * wherever it changes ("19 Oct 2025", "Oct 2025") — when the axis spans more than one year
 * or its year is not the year of @now, so that a year-old history never reads as this year's.
 */
const char *
rw_time_label_format (RwTimeStepUnit unit,
                      gint64         t,
                      gint64         previous,
                      gint64         t0,
                      gint64         t1,
                      gint64         now)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (t0);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (t1);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) before = NULL;
  gboolean need_year, year_changes;

  if (unit == RW_TIME_STEP_YEAR || at == NULL)
    return "%Y";
  if (previous != G_MININT64)
    before = g_date_time_new_from_unix_utc (previous);
  need_year = start == NULL || end == NULL || today == NULL ||
              g_date_time_get_year (start) != g_date_time_get_year (end) ||
              g_date_time_get_year (end) != g_date_time_get_year (today);
  year_changes = before == NULL || g_date_time_get_year (before) != g_date_time_get_year (at);
  if (unit == RW_TIME_STEP_MONTH)
    {
      if (g_date_time_get_month (at) == 1)
        return "%Y";
      return need_year && year_changes ? "%b %Y" : "%b";
    }
  return need_year && year_changes ? "%e %b %Y" : "%e %b";
}
