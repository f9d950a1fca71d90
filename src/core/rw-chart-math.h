/* rw-chart-math.h: scales, "nice" ticks and per-pixel decimation for charts (GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double lo;      /* axis start, a multiple of step, ≤ the data minimum */
  double hi;      /* axis end, a multiple of step, ≥ the data maximum */
  double step;    /* 1, 2, 2.5 or 5 × 10^k */
  guint  n_ticks; /* ticks from lo to hi inclusive */
} RwNiceScale;

typedef enum {
  RW_TIME_STEP_DAY,
  RW_TIME_STEP_MONTH,
  RW_TIME_STEP_YEAR,
} RwTimeStepUnit;

typedef struct {
  RwTimeStepUnit unit;
  guint          count;    /* every `count` units */
  GArray        *ticks;    /* gint64 unix times (UTC midnight) inside [t0, t1] */
} RwTimeTicks;

typedef struct {
  double x;        /* the column's first x */
  double y_first;  /* first, last, lowest and highest of the line in this column */
  double y_last;
  double y_lo;
  double y_hi;
  double band_lo;  /* lowest min and highest max of the band in this column */
  double band_hi;
} RwColumn;

void    rw_nice_scale        (double       min,
                              double       max,
                              guint        max_ticks,
                              RwNiceScale *out);
double  rw_nice_step         (double       range,
                              guint        max_ticks);
void    rw_time_ticks        (gint64       t0,
                              gint64       t1,
                              guint        max_ticks,
                              RwTimeTicks *out);
void    rw_time_ticks_clear  (RwTimeTicks *ticks);
void        rw_time_window       (double         oldest,
                                  double         newest,
                                  double         days,
                                  double        *lo,
                                  double        *hi);
const char *rw_time_label_format (RwTimeStepUnit unit,
                                  gint64         t,
                                  gint64         previous,
                                  gint64         t0,
                                  gint64         t1,
                                  gint64         now);
GArray *rw_decimate          (const double *x,
                              const double *y,
                              const double *band_lo,
                              const double *band_hi,
                              guint         n,
                              double        x0,
                              double        x1,
                              guint         columns);

G_END_DECLS
