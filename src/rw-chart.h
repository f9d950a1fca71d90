/* rw-chart.h: a line chart with a shaded band, drawn in snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  double x;          /* unix time (dates) or a plain number (months) */
  double y;
  double lo;         /* band; < 0 when none */
  double hi;
  int    providers;  /* -1 when unknown */
} RwChartPoint;

typedef enum {
  RW_CHART_X_DATES,
  RW_CHART_X_MONTHS,
} RwChartXKind;

#define RW_CHART_MAX_SERIES 3

#define RW_TYPE_CHART (rw_chart_get_type ())
G_DECLARE_FINAL_TYPE (RwChart, rw_chart, RW, CHART, GtkWidget)

GtkWidget *rw_chart_new            (void);
void       rw_chart_set_series     (RwChart            *self,
                                    guint               index,
                                    const char         *label,
                                    const RwChartPoint *points,
                                    guint               n_points);
void       rw_chart_clear          (RwChart            *self);
void       rw_chart_set_x_kind     (RwChart            *self,
                                    RwChartXKind        kind);
void       rw_chart_set_window     (RwChart            *self,
                                    double              days);
void       rw_chart_set_marker     (RwChart            *self,
                                    double              x,
                                    double              y,
                                    const char         *label);
void       rw_chart_set_empty_text (RwChart            *self,
                                    const char         *text);
void       rw_chart_set_band_label (RwChart            *self,
                                    const char         *label);
void       rw_chart_get_x_range    (RwChart            *self,
                                    double             *lo,
                                    double             *hi);
guint      rw_chart_get_n_visible  (RwChart            *self);
const char *rw_chart_get_summary   (RwChart            *self);

G_END_DECLS
