/* rw-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain GtkWidget drawing in snapshot (not GtkDrawingArea): grid and ticks with
 * append_color, labels with append_layout, the line and band with append_cairo. Colours come
 * from the style in css_changed so dark and high-contrast work. Points are decimated per
 * pixel column, so 10 000 draw like 300. Scale, tick and decimation maths are GTK-free
 * (core/rw-chart-math.c) and tested on their own; hover and tooltip share one lookup, and
 * the tooltip's area is the hovered point's column, so that it follows the crosshair.
 *
 * Dates: a window of N days ends at the newest point of any series and its axis spans all N
 * days, so 1M, 3M, 1Y and All differ even for a short history; labels carry the year where
 * it is not this year's or changes. A legend names the line and the band. Without enough
 * points the chart is a short line of text that says why, not an empty box.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rw-chart-math.h"
#include "rw-chart.h"
#include "rw-history.h"
#include "rw-format.h"

#define PAD_TOP     12.0
#define PAD_RIGHT   16.0
#define PAD_BOTTOM  28.0
#define TICK_GAP     8.0
#define LEGEND_GAP   8.0

typedef struct {
  char   *label;
  GArray *points;  /* RwChartPoint, sorted by x */
} Series;

struct _RwChart
{
  GtkWidget     parent_instance;

  Series        series[RW_CHART_MAX_SERIES];
  RwChartXKind  x_kind;
  double        window_days;   /* 0: everything */
  double        marker_x;
  double        marker_y;
  char         *marker_label;
  char         *empty_text;
  char         *band_label;
  char         *summary;
  double        hover_x;       /* widget coordinates, < 0 when not hovering */

  GdkRGBA       fg;
  GdkRGBA       colors[RW_CHART_MAX_SERIES];

  /* Layout of the last snapshot, for hover */
  double        plot_x0, plot_x1, plot_y0, plot_y1;
  double        legend_y;
  double        x_lo, x_hi, y_lo, y_hi;
};

G_DEFINE_FINAL_TYPE (RwChart, rw_chart, GTK_TYPE_WIDGET)

static void
update_summary (RwChart *self);

static double
to_px_x (RwChart *self,
         double   x)
{
  if (self->x_hi <= self->x_lo)
    return self->plot_x0;
  return self->plot_x0 +
         (x - self->x_lo) / (self->x_hi - self->x_lo) * (self->plot_x1 - self->plot_x0);
}

static double
to_px_y (RwChart *self,
         double   y)
{
  if (self->y_hi <= self->y_lo)
    return self->plot_y1;
  return self->plot_y1 -
         (y - self->y_lo) / (self->y_hi - self->y_lo) * (self->plot_y1 - self->plot_y0);
}

/* The newest x of any series (dates), NAN when there is none */
static double
newest_x (RwChart *self)
{
  double newest = NAN;

  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    {
      GArray *points = self->series[s].points;

      if (points != NULL && points->len > 0)
        {
          double x = g_array_index (points, RwChartPoint, points->len - 1).x;
          newest = isnan (newest) ? x : MAX (newest, x);
        }
    }
  return newest;
}

/* The visible slice of series @s: the last window_days before the newest point of all */
static void
visible_range (RwChart *self,
               guint    s,
               guint   *first,
               guint   *n)
{
  GArray *points = self->series[s].points;
  double start;

  *first = 0;
  *n = points ? points->len : 0;
  if (*n == 0 || self->window_days <= 0 || self->x_kind != RW_CHART_X_DATES)
    return;
  start = newest_x (self) - self->window_days * 86400;
  while (*first < points->len && g_array_index (points, RwChartPoint, *first).x < start)
    (*first)++;
  *n = points->len - *first;
}

static gboolean
has_band (RwChart *self,
          guint    s)
{
  GArray *points = self->series[s].points;

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const RwChartPoint *p = &g_array_index (points, RwChartPoint, i);

      if (p->lo >= 0 && p->hi >= 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
band_label (RwChart *self)
{
  /* TRANSLATORS: the chart legend's name for the shaded band of each day's rates */
  return self->band_label ? self->band_label : _("lowest to highest");
}

/* The legend's entries: each line with a label, and the first series' band */
static gboolean
wants_legend (RwChart *self)
{
  guint lines = 0;

  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    if (self->series[s].points != NULL && self->series[s].points->len > 0 && self->series[s].label)
      lines++;
  return lines > 1 || (lines == 1 && has_band (self, 0));
}

guint
rw_chart_get_n_visible (RwChart *self)
{
  guint first, n;

  g_return_val_if_fail (RW_IS_CHART (self), 0);
  visible_range (self, 0, &first, &n);
  return n;
}

static char *
format_x (RwChart *self,
          double   x,
          gboolean long_form)
{
  if (self->x_kind == RW_CHART_X_MONTHS)
    /* TRANSLATORS: an axis label: month 12 */
    return g_strdup_printf (long_form ? _("month %.0f") : "%.0f", x);
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) x);
    char *text;

    /* a whole date is labelled UTC, as everywhere (rw_history_format_day ()) */
    if (long_form)
      return rw_history_format_day ((gint64) x);
    text = dt ? g_date_time_format (dt, "%e %b") : g_strdup ("");
    return g_strstrip (text);
  }
}

static char *
format_money (double v)
{
  return rw_format_usd (v, v < 10 ? 2 : 0);
}

static PangoLayout *
make_layout (RwChart    *self,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* One legend entry placed: a line's (series >= 0) or the band's (series -1) swatch and name */
typedef struct
{
  int          series;
  PangoLayout *layout;
  double       x, y;
} LegendEntry;

#define LEGEND_MAX_ENTRIES (RW_CHART_MAX_SERIES + 1)

/* Lays the legend out from @x0 to @x1 starting at @y0: entries flow onto a new row where the
 * next one would pass @x1, and a name wider than the whole row wraps (session 3: "Besitzen,
 * abzüglich Wiederverkauf" ran into the card's edge at 360 px). Returns the number of entries
 * and sets *@bottom to the legend's lower edge; free the layouts with legend_clear (). */
static guint
legend_place (RwChart     *self,
              double       x0,
              double       x1,
              double       y0,
              LegendEntry *entries,
              double      *bottom)
{
  double x = x0, y = y0, row_h = 0;
  guint n = 0;

  for (int s = 0; s < RW_CHART_MAX_SERIES; s++)
    {
      for (int band = 0; band < 2; band++)
        {
          const char *text;
          int lw, lh;

          if (self->series[s].points == NULL || self->series[s].points->len == 0 ||
              !self->series[s].label)
            break;
          if (band && !(s == 0 && has_band (self, 0)))
            break;
          text = band ? band_label (self) : self->series[s].label;
          entries[n].series = band ? -1 : s;
          entries[n].layout = make_layout (self, text);
          pango_layout_set_wrap (entries[n].layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_width (entries[n].layout,
                                  (int) (MAX (x1 - x0 - 18, 20) * PANGO_SCALE));
          pango_layout_get_pixel_size (entries[n].layout, &lw, &lh);
          if (x > x0 && x + 18 + lw > x1)
            {
              x = x0;
              y += row_h + 4;
              row_h = 0;
            }
          entries[n].x = x;
          entries[n].y = y;
          row_h = MAX (row_h, lh);
          x += 18 + lw + 16;
          n++;
        }
    }
  *bottom = y + row_h;
  return n;
}

static void
legend_clear (LegendEntry *entries,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&entries[i].layout);
}

static void
draw_text (GtkSnapshot *snapshot,
           PangoLayout *layout,
           double       x,
           double       y,
           GdkRGBA     *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Nearest visible point of the first series to a widget x; shared by hover and tooltip */
static gboolean
lookup_point (RwChart      *self,
              double        px,
              RwChartPoint *out)
{
  GArray *points = self->series[0].points;
  guint first, n;
  double best = G_MAXDOUBLE;
  gboolean found = FALSE;

  visible_range (self, 0, &first, &n);
  if (n == 0 || px < self->plot_x0 - 4 || px > self->plot_x1 + 4)
    return FALSE;
  for (guint i = first; i < first + n; i++)
    {
      RwChartPoint *p = &g_array_index (points, RwChartPoint, i);
      double d = fabs (to_px_x (self, p->x) - px);

      if (d < best)
        {
          best = d;
          *out = *p;
          found = TRUE;
        }
    }
  return found;
}

static void
rw_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  RwChart *self = RW_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA grid = self->fg, dim = self->fg;
  RwNiceScale yscale;
  double ymin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;
  guint max_ticks;
  double label_w = 0;

  grid.alpha = 0.12;
  dim.alpha = 0.62;

  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    {
      guint first, n;

      visible_range (self, s, &first, &n);
      for (guint i = first; i < first + n; i++)
        {
          RwChartPoint *p = &g_array_index (self->series[s].points, RwChartPoint, i);

          xmin = MIN (xmin, p->x);
          xmax = MAX (xmax, p->x);
          ymin = MIN (ymin, p->lo >= 0 ? p->lo : p->y);
          ymax = MAX (ymax, p->hi >= 0 ? p->hi : p->y);
        }
    }

  if (rw_chart_get_n_visible (self) < 2 || width < 80 || height < 60)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->empty_text ? self->empty_text
                                                   : _("Not enough price history yet"));
      int lw, lh;

      pango_layout_set_width (layout, (int) (MAX (width - 24, 10) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      draw_text (snapshot, layout, 12, (height - lh) / 2, &dim);
      return;
    }

  if (!isnan (self->marker_y))
    {
      ymin = MIN (ymin, self->marker_y);
      ymax = MAX (ymax, self->marker_y);
    }
  if (ymin > 0 && ymin < (ymax - ymin) * 0.5)
    ymin = 0;  /* keep zero in view when the data is near it */

  max_ticks = (guint) CLAMP ((height - PAD_TOP - PAD_BOTTOM) / 36, 2, 8);
  rw_nice_scale (ymin, ymax, max_ticks, &yscale);

  /* the y labels decide the left edge */
  for (guint t = 0; t < yscale.n_ticks; t++)
    {
      g_autofree char *text = format_money (yscale.lo + t * yscale.step);
      g_autoptr(PangoLayout) layout = make_layout (self, text);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      label_w = MAX (label_w, lw);
    }

  self->plot_x0 = label_w + TICK_GAP + 4;
  self->plot_x1 = width - PAD_RIGHT;
  self->plot_y0 = PAD_TOP;
  self->plot_y1 = height - PAD_BOTTOM;
  self->x_lo = xmin;
  self->x_hi = xmax > xmin ? xmax : xmin + 1;
  if (self->x_kind == RW_CHART_X_DATES)
    rw_time_window (xmin, newest_x (self), self->window_days, &self->x_lo, &self->x_hi);
  if (wants_legend (self))
    {
      LegendEntry entries[LEGEND_MAX_ENTRIES];
      double bottom;
      guint n = legend_place (self, self->plot_x0, self->plot_x1, self->plot_y0, entries,
                              &bottom);

      legend_clear (entries, n);
      self->legend_y = self->plot_y0;
      self->plot_y0 = bottom + LEGEND_GAP;
    }
  self->y_lo = yscale.lo;
  self->y_hi = yscale.hi;

  /* horizontal grid and price labels */
  for (guint t = 0; t < yscale.n_ticks; t++)
    {
      double v = yscale.lo + t * yscale.step;
      double y = round (to_px_y (self, v));
      g_autofree char *text = format_money (v);
      g_autoptr(PangoLayout) layout = make_layout (self, text);
      int lw, lh;

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (self->plot_x0, y,
                                                      self->plot_x1 - self->plot_x0, 1));
      pango_layout_get_pixel_size (layout, &lw, &lh);
      draw_text (snapshot, layout, self->plot_x0 - TICK_GAP - lw, y - lh / 2.0, &dim);
    }

  /* time (or month) ticks, skipping labels that would overlap */
  {
    g_autoptr(GArray) ticks = NULL;
    double last_right = -G_MAXDOUBLE;
    gint64 last_labelled = G_MININT64;
    guint max_x_ticks = (guint) CLAMP ((self->plot_x1 - self->plot_x0) / 80, 2, 12);

    RwTimeStepUnit unit = RW_TIME_STEP_DAY;

    if (self->x_kind == RW_CHART_X_DATES)
      {
        RwTimeTicks tt;
        rw_time_ticks ((gint64) self->x_lo, (gint64) self->x_hi, max_x_ticks, &tt);
        unit = tt.unit;
        ticks = g_array_new (FALSE, FALSE, sizeof (double));
        for (guint t = 0; t < tt.ticks->len; t++)
          {
            double v = (double) g_array_index (tt.ticks, gint64, t);
            g_array_append_val (ticks, v);
          }
        rw_time_ticks_clear (&tt);
      }
    else
      {
        RwNiceScale xs;
        rw_nice_scale (self->x_lo, self->x_hi, max_x_ticks, &xs);
        ticks = g_array_new (FALSE, FALSE, sizeof (double));
        for (guint t = 0; t < xs.n_ticks; t++)
          {
            double v = xs.lo + t * xs.step;
            if (v >= self->x_lo - 1e-9 && v <= self->x_hi + 1e-9)
              g_array_append_val (ticks, v);
          }
      }

    for (guint t = 0; t < ticks->len; t++)
      {
        double v = g_array_index (ticks, double, t);
        double x = round (to_px_x (self, v));
        g_autofree char *text = NULL;
        g_autoptr(PangoLayout) layout = NULL;
        int lw, lh;
        double left;

        if (self->x_kind == RW_CHART_X_DATES)
          {
            g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) v);
            /* days, months by name, years by number; the year where it is needed */
            const char *format = rw_time_label_format (unit, (gint64) v, last_labelled,
                                                       (gint64) self->x_lo, (gint64) self->x_hi,
                                                       g_get_real_time () / G_USEC_PER_SEC);

            text = dt ? g_strstrip (g_date_time_format (dt, format)) : g_strdup ("");
          }
        else
          text = format_x (self, v, FALSE);
        layout = make_layout (self, text);

        gtk_snapshot_append_color (snapshot, &grid,
                                   &GRAPHENE_RECT_INIT (x, self->plot_y1, 1, 4));
        pango_layout_get_pixel_size (layout, &lw, &lh);
        left = CLAMP (x - lw / 2.0, 0, width - lw);
        if (left < last_right + 8)
          continue;
        draw_text (snapshot, layout, left, self->plot_y1 + 6, &dim);
        last_right = left + lw;
        last_labelled = (gint64) v;
      }
  }

  /* bands, then lines, decimated per pixel column */
  {
    guint columns = (guint) MAX (1, self->plot_x1 - self->plot_x0);
    cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));

    cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

    for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
      {
        GArray *points = self->series[s].points;
        g_autofree double *xs = NULL, *ys = NULL, *los = NULL, *his = NULL;
        g_autoptr(GArray) cols = NULL;
        gboolean has_band = FALSE;
        guint first, n;

        visible_range (self, s, &first, &n);
        if (n == 0)
          continue;
        xs = g_new (double, n);
        ys = g_new (double, n);
        los = g_new (double, n);
        his = g_new (double, n);
        for (guint i = 0; i < n; i++)
          {
            RwChartPoint *p = &g_array_index (points, RwChartPoint, first + i);
            xs[i] = p->x;
            ys[i] = p->y;
            los[i] = p->lo;
            his[i] = p->hi;
            has_band |= p->lo >= 0 && p->hi >= 0;
          }
        cols = rw_decimate (xs, ys, los, his, n, self->x_lo, self->x_hi, columns);

        if (has_band)
          {
            RwColumn *c;

            c = &g_array_index (cols, RwColumn, 0);
            cairo_move_to (cr, to_px_x (self, c->x), to_px_y (self, c->band_hi));
            for (guint i = 1; i < cols->len; i++)
              {
                c = &g_array_index (cols, RwColumn, i);
                cairo_line_to (cr, to_px_x (self, c->x), to_px_y (self, c->band_hi));
              }
            for (guint i = cols->len; i-- > 0;)
              {
                c = &g_array_index (cols, RwColumn, i);
                cairo_line_to (cr, to_px_x (self, c->x), to_px_y (self, c->band_lo));
              }
            cairo_close_path (cr);
            cairo_set_source_rgba (cr, self->colors[s].red, self->colors[s].green,
                                   self->colors[s].blue, 0.18);
            cairo_fill (cr);
          }

        for (guint i = 0; i < cols->len; i++)
          {
            RwColumn *c = &g_array_index (cols, RwColumn, i);
            double x = to_px_x (self, c->x);

            if (i == 0)
              cairo_move_to (cr, x, to_px_y (self, c->y_first));
            else
              cairo_line_to (cr, x, to_px_y (self, c->y_first));
            if (c->y_lo != c->y_hi)
              {
                cairo_line_to (cr, x, to_px_y (self, c->y_lo));
                cairo_line_to (cr, x, to_px_y (self, c->y_hi));
              }
            cairo_line_to (cr, x, to_px_y (self, c->y_last));
          }
        cairo_set_source_rgba (cr, self->colors[s].red, self->colors[s].green, self->colors[s].blue,
                               1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        if (n == 1)
          {
            cairo_arc (cr, to_px_x (self, xs[0]), to_px_y (self, ys[0]), 3, 0, 2 * G_PI);
            cairo_fill (cr);
          }
      }

    /* the marker (breakeven) */
    if (!isnan (self->marker_x) && self->marker_x >= self->x_lo && self->marker_x <= self->x_hi)
      {
        double mx = to_px_x (self, self->marker_x), my = to_px_y (self, self->marker_y);

        cairo_set_source_rgba (cr, self->fg.red, self->fg.green, self->fg.blue, 0.5);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, mx + 0.5, self->plot_y0);
        cairo_line_to (cr, mx + 0.5, self->plot_y1);
        cairo_stroke (cr);
        cairo_set_source_rgba (cr, self->fg.red, self->fg.green, self->fg.blue, 1);
        cairo_arc (cr, mx, my, 4.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
    cairo_destroy (cr);

    if (!isnan (self->marker_x) && self->marker_label != NULL &&
        self->marker_x >= self->x_lo && self->marker_x <= self->x_hi)
      {
        g_autoptr(PangoLayout) layout = make_layout (self, self->marker_label);
        int lw, lh;
        double mx = to_px_x (self, self->marker_x);

        pango_layout_get_pixel_size (layout, &lw, &lh);
        draw_text (snapshot, layout, CLAMP (mx + 6, self->plot_x0, self->plot_x1 - lw),
                   self->plot_y0, &self->fg);
      }
  }

  /* the legend: each line, and the band of the first series */
  if (wants_legend (self))
    {
      LegendEntry entries[LEGEND_MAX_ENTRIES];
      double bottom;
      guint n = legend_place (self, self->plot_x0, self->plot_x1, self->legend_y, entries,
                              &bottom);

      for (guint i = 0; i < n; i++)
        {
          PangoLayoutLine *first = pango_layout_get_line_readonly (entries[i].layout, 0);
          PangoRectangle line;

          pango_layout_line_get_pixel_extents (first, NULL, &line);
          if (entries[i].series >= 0)
            gtk_snapshot_append_color (snapshot, &self->colors[entries[i].series],
                                       &GRAPHENE_RECT_INIT (entries[i].x,
                                                            entries[i].y + line.height / 2.0 - 1.5,
                                                            14, 3));
          else
            {
              GdkRGBA band = self->colors[0];

              band.alpha = 0.18;
              gtk_snapshot_append_color (snapshot, &band,
                                         &GRAPHENE_RECT_INIT (entries[i].x, entries[i].y + 2, 14,
                                                              line.height - 4));
            }
          draw_text (snapshot, entries[i].layout, entries[i].x + 18, entries[i].y, &self->fg);
        }
      legend_clear (entries, n);
    }

  /* hover crosshair */
  if (self->hover_x >= 0)
    {
      RwChartPoint p;

      if (lookup_point (self, self->hover_x, &p))
        {
          GdkRGBA line = self->fg;
          double x = round (to_px_x (self, p.x));
          double y = to_px_y (self, p.y);

          line.alpha = 0.35;
          gtk_snapshot_append_color (snapshot, &line,
                                     &GRAPHENE_RECT_INIT (x, self->plot_y0, 1,
                                                          self->plot_y1 - self->plot_y0));
          gtk_snapshot_append_color (snapshot, &self->colors[0],
                                     &GRAPHENE_RECT_INIT (x - 3, y - 3, 7, 7));
        }
    }
}

static gboolean
rw_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  RwChart *self = RW_CHART (widget);
  RwChartPoint p;
  g_autofree char *when = NULL;
  g_autofree char *median = NULL;
  g_autoptr(GString) text = NULL;

  if (!lookup_point (self, x, &p))
    return FALSE;

  /* the tooltip belongs to this point's column only: moving on to the next point moves it */
  {
    guint first, n;
    double column;

    visible_range (self, 0, &first, &n);
    column = MAX (4, (self->plot_x1 - self->plot_x0) / MAX (n, 1));
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) floor (to_px_x (self, p.x) - column / 2), 0,
                                (int) ceil (column), gtk_widget_get_height (widget) });
  }
  when = format_x (self, p.x, TRUE);
  median = rw_format_usd (p.y, 2);
  text = g_string_new (when);
  g_string_append_printf (text, "\n%s %s", self->series[0].label ? self->series[0].label : "",
                          median);
  if (p.lo >= 0 && p.hi >= 0)
    {
      g_autofree char *lo = rw_format_usd (p.lo, 2);
      g_autofree char *hi = rw_format_usd (p.hi, 2);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: the tooltip's band: "min $0.28 · max $1.80" */
      g_string_append_printf (text, _("min %s · max %s"), lo, hi);
    }
  if (p.providers >= 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d provider", "%d providers",
                                                 p.providers), p.providers);
    }
  for (guint s = 1; s < RW_CHART_MAX_SERIES; s++)
    {
      GArray *points = self->series[s].points;

      for (guint i = 0; points != NULL && i < points->len; i++)
        if (g_array_index (points, RwChartPoint, i).x == p.x)
          {
            g_autofree char *v = rw_format_usd (g_array_index (points, RwChartPoint, i).y, 2);
            g_string_append_printf (text, "\n%s %s",
                                    self->series[s].label ? self->series[s].label : "", v);
          }
    }
  /* plain text: never markup */
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RwChart                  *self)
{
  self->hover_x = x;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *motion,
          RwChart                  *self)
{
  self->hover_x = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rw_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  RwChart *self = RW_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  static const char * const names[RW_CHART_MAX_SERIES] = { "accent_color", "warning_color",
                                                           "success_color" };
  static const GdkRGBA fallback[RW_CHART_MAX_SERIES] = {
    { 0.21, 0.52, 0.89, 1 }, { 0.90, 0.55, 0.05, 1 }, { 0.15, 0.64, 0.41, 1 },
  };

  GTK_WIDGET_CLASS (rw_chart_parent_class)->css_changed (widget, change);

  gtk_style_context_get_color (context, &self->fg);
  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    if (!gtk_style_context_lookup_color (context, names[s], &self->colors[s]))
      self->colors[s] = fallback[s];
  gtk_widget_queue_draw (widget);
}

static void
rw_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  RwChart *self = RW_CHART (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL && rw_chart_get_n_visible (self) < 2)
    {
      /* no chart to draw: one or two lines of text, not an empty box */
      g_autoptr(PangoLayout) layout = make_layout (self, self->empty_text ? self->empty_text
                                                   : _("Not enough price history yet"));
      int lw, lh;

      if (for_size > 0)
        pango_layout_set_width (layout, (int) (MAX (for_size - 24, 10) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &lw, &lh);
      *minimum = *natural = lh + 24;
      return;
    }
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 220;
}

static void
rw_chart_finalize (GObject *object)
{
  RwChart *self = (RwChart *) object;

  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    {
      g_free (self->series[s].label);
      g_clear_pointer (&self->series[s].points, g_array_unref);
    }
  g_free (self->marker_label);
  g_free (self->empty_text);
  g_free (self->band_label);
  g_free (self->summary);

  G_OBJECT_CLASS (rw_chart_parent_class)->finalize (object);
}

static void
rw_chart_class_init (RwChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rw_chart_finalize;
  widget_class->snapshot = rw_chart_snapshot;
  widget_class->measure = rw_chart_measure;
  widget_class->css_changed = rw_chart_css_changed;
  widget_class->query_tooltip = rw_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rw_chart_init (RwChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover_x = -1;
  self->marker_x = self->marker_y = NAN;
  self->fg = (GdkRGBA) { 0, 0, 0, 0.8 };
  self->colors[0] = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  self->colors[1] = (GdkRGBA) { 0.90, 0.55, 0.05, 1 };
  self->colors[2] = (GdkRGBA) { 0.15, 0.64, 0.41, 1 };

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_summary (self);
}

GtkWidget *
rw_chart_new (void)
{
  return g_object_new (RW_TYPE_CHART, NULL);
}

/* The accessible description: the range and the trend */
static void
update_summary (RwChart *self)
{
  GArray *points = self->series[0].points;
  guint first, n;

  g_clear_pointer (&self->summary, g_free);
  visible_range (self, 0, &first, &n);
  if (n < 2)
    self->summary =
      g_strdup (self->empty_text ? self->empty_text : _("Not enough price history yet"));
  else
    {
      RwChartPoint *a = &g_array_index (points, RwChartPoint, first);
      RwChartPoint *b = &g_array_index (points, RwChartPoint, first + n - 1);
      g_autofree char *from = rw_format_usd (a->y, 2);
      g_autofree char *to = rw_format_usd (b->y, 2);
      double change = a->y > 0 ? (b->y - a->y) / a->y * 100 : 0;
      const char *label = self->series[0].label ? self->series[0].label : _("value");

      if (self->x_kind == RW_CHART_X_DATES)
        {
          int days = (int) round ((b->x - a->x) / 86400);

          if (fabs (change) < 0.5)
            self->summary = g_strdup_printf (
              /* TRANSLATORS: "median held at $0.92 over 90 days" */
              g_dngettext (GETTEXT_PACKAGE, "%s held at %s over %d day",
                           "%s held at %s over %d days", days),
              label, to, days);
          else if (change < 0)
            /* TRANSLATORS: "median fell 12% over 90 days, from $1.05 to $0.92" */
            self->summary =
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s fell %.0f%% over %d day, from %s to %s",
                                            "%s fell %.0f%% over %d days, from %s to %s", days),
                               label, fabs (change), days, from, to);
          else
            /* TRANSLATORS: "median rose 12% over 90 days, from $0.92 to $1.05" */
            self->summary =
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s rose %.0f%% over %d day, from %s to %s",
                                            "%s rose %.0f%% over %d days, from %s to %s", days),
                               label, fabs (change), days, from, to);
        }
      else
        /* TRANSLATORS: "rent goes from $0.00 to $1,234 over 36 months" */
        self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%s goes from %s to %s over %.0f month",
                                                      "%s goes from %s to %s over %.0f months",
                                                      rw_plural_n (b->x - a->x)),
                                         label, from, to, b->x - a->x);
    }
  if (n >= 2 && self->x_kind == RW_CHART_X_DATES)
    {
      double lo, hi;
      g_autofree char *from = NULL, *to = NULL;
      char *with_range;

      rw_chart_get_x_range (self, &lo, &hi);
      from = format_x (self, lo, TRUE);
      to = format_x (self, hi, TRUE);
      /* TRANSLATORS: the chart's description and the dates its axis spans:
       * "median fell 12% over 90 days, from $1.05 to $0.92 (shown: 16 Oct 2025 to 16 Nov 2025)" */
      with_range = g_strdup_printf (_("%s (shown: %s to %s)"), self->summary, from, to);
      g_free (self->summary);
      self->summary = with_range;
    }
  if (n >= 2 && has_band (self, 0))
    {
      char *with_band = g_strdup_printf (
        /* TRANSLATORS: the chart's description, then what its shaded band shows:
         * "median fell 12% over 90 days, from $1.05 to $0.92; shaded: lowest to highest" */
        _("%s; shaded: %s"), self->summary, band_label (self));

      g_free (self->summary);
      self->summary = with_band;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
}

const char *
rw_chart_get_summary (RwChart *self)
{
  g_return_val_if_fail (RW_IS_CHART (self), NULL);
  return self->summary;
}

void
rw_chart_set_series (RwChart            *self,
                     guint               index,
                     const char         *label,
                     const RwChartPoint *points,
                     guint               n_points)
{
  Series *series;

  g_return_if_fail (RW_IS_CHART (self));
  g_return_if_fail (index < RW_CHART_MAX_SERIES);

  series = &self->series[index];
  g_free (series->label);
  series->label = g_strdup (label);
  g_clear_pointer (&series->points, g_array_unref);
  series->points = g_array_sized_new (FALSE, FALSE, sizeof (RwChartPoint), n_points);
  for (guint i = 0; i < n_points; i++)
    if (isfinite (points[i].x) && isfinite (points[i].y))
      g_array_append_val (series->points, points[i]);
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rw_chart_clear (RwChart *self)
{
  g_return_if_fail (RW_IS_CHART (self));

  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    g_clear_pointer (&self->series[s].points, g_array_unref);
  self->marker_x = self->marker_y = NAN;
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rw_chart_set_x_kind (RwChart      *self,
                     RwChartXKind  kind)
{
  g_return_if_fail (RW_IS_CHART (self));
  self->x_kind = kind;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Show the last @days days (dates only); 0 shows everything */
void
rw_chart_set_window (RwChart *self,
                     double   days)
{
  g_return_if_fail (RW_IS_CHART (self));
  self->window_days = MAX (days, 0);
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* A marked point, e.g. breakeven; x NAN removes it */
void
rw_chart_set_marker (RwChart    *self,
                     double      x,
                     double      y,
                     const char *label)
{
  g_return_if_fail (RW_IS_CHART (self));
  self->marker_x = x;
  self->marker_y = y;
  g_free (self->marker_label);
  self->marker_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rw_chart_set_empty_text (RwChart    *self,
                         const char *text)
{
  g_return_if_fail (RW_IS_CHART (self));
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The legend's name for the band (NULL: "lowest to highest") */
void
rw_chart_set_band_label (RwChart    *self,
                         const char *label)
{
  g_return_if_fail (RW_IS_CHART (self));
  g_free (self->band_label);
  self->band_label = g_strdup (label);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rw_chart_get_x_range:
 * @lo: (out): the x at the left edge of the plot
 * @hi: (out): the x at the right edge
 *
 * The x axis as it is drawn: for dates, the window ending at the newest point
 */
void
rw_chart_get_x_range (RwChart *self,
                      double  *lo,
                      double  *hi)
{
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;

  g_return_if_fail (RW_IS_CHART (self));
  for (guint s = 0; s < RW_CHART_MAX_SERIES; s++)
    {
      guint first, n;

      visible_range (self, s, &first, &n);
      for (guint i = first; i < first + n; i++)
        {
          xmin = MIN (xmin, g_array_index (self->series[s].points, RwChartPoint, i).x);
          xmax = MAX (xmax, g_array_index (self->series[s].points, RwChartPoint, i).x);
        }
    }
  if (xmin > xmax)
    {
      *lo = *hi = NAN;
      return;
    }
  *lo = xmin;
  *hi = xmax > xmin ? xmax : xmin + 1;
  if (self->x_kind == RW_CHART_X_DATES)
    rw_time_window (xmin, newest_x (self), self->window_days, lo, hi);
}
