/* rw-rent-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is validated in place: a value that is not a number, half-typed ("0.") or out
 * of range marks its row, says why right beside the field, and is neither used nor stored;
 * while any input is invalid the results and the headline show no numbers (never the last
 * valid ones, nor a number read from a half-typed value) and say which input to fix. Numbers
 * are shown and read with the locale's decimal point and grouping. Hours, electricity price
 * and PUE are shared by all GPUs (GSettings); a purchase price the user typed is kept per GPU.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rw-chart.h"
#include "rw-format.h"
#include "rw-json-writer.h"
#include "rw-rent-view.h"
#include "rw-report.h"
#include "rw-stats.h"
#include "rw-ui-format.h"

static const struct {
  double      min;
  double      max;
  double      fallback;   /* RW_UNKNOWN: none */
  const char *name;
  const char *key;        /* shared GSettings key */
} inputs[RW_RENT_N_INPUTS] = {
  /* the command line's bounds, the same constants (newcomer report 5, defect 4) */
  [RW_RENT_INPUT_HOURS] = { 0, RW_MAX_HOURS_PER_DAY, RW_DEFAULT_HOURS_PER_DAY,
                            N_("Usage hours per day"), "hours-per-day" },
  [RW_RENT_INPUT_KWH] = { 0, RW_MAX_KWH_PRICE, RW_DEFAULT_KWH_PRICE, N_("The electricity price"),
                          "kwh-price" },
  [RW_RENT_INPUT_PUE] = { RW_MIN_PUE, RW_MAX_PUE, RW_DEFAULT_PUE, N_("PUE"), "pue" },
  [RW_RENT_INPUT_PURCHASE] = { 0, RW_MAX_COST, RW_UNKNOWN, N_("The purchase price"), NULL },
  [RW_RENT_INPUT_OTHER] = { 0, RW_MAX_COST, 0, N_("Other costs"), NULL },
  [RW_RENT_INPUT_RESALE] = { 0, RW_MAX_RESALE_PERCENT, 0, N_("The resale value"), NULL },
  [RW_RENT_INPUT_HORIZON] = { RW_MIN_HORIZON, RW_MAX_HORIZON, RW_DEFAULT_HORIZON,
                              N_("The horizon"), NULL },
  [RW_RENT_INPUT_CUSTOM_RATE] = { RW_MIN_CUSTOM_RATE, RW_MAX_CUSTOM_RATE, RW_UNKNOWN,
                                  N_("Your rental rate"), NULL },
};

struct _RwRentView
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkLabel      *summary_label;
  GtkLabel      *rent_label;
  GtkLabel      *power_label;
  GtkLabel      *breakeven_label;
  RwChart       *chart;
  AdwComboRow   *rate_row;
  AdwEntryRow   *custom_rate_row;
  AdwEntryRow   *hours_row;
  AdwEntryRow   *kwh_row;
  AdwEntryRow   *pue_row;
  AdwEntryRow   *purchase_row;
  AdwEntryRow   *other_row;
  AdwEntryRow   *resale_row;
  AdwEntryRow   *horizon_row;
  GtkWidget     *results_group;

  /* Owned */
  RwCatalog     *catalog;
  RwGpu         *gpu;
  RwPriceStats  *stats;
  GSettings     *settings;
  GtkStringList *rate_names;
  GPtrArray     *rate_ids;        /* provider id per rate position, NULL for the others */
  double         values[RW_RENT_N_INPUTS];
  gboolean       invalid[RW_RENT_N_INPUTS];
  GtkLabel      *hints[RW_RENT_N_INPUTS];   /* beside each field: what it accepts, when wrong */
  gboolean       include_spot;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (RwRentView, rw_rent_view, ADW_TYPE_BIN)

static AdwEntryRow *
row_for (RwRentView  *self,
         RwRentInput  input)
{
  switch (input)
    {
    case RW_RENT_INPUT_HOURS: return self->hours_row;
    case RW_RENT_INPUT_KWH: return self->kwh_row;
    case RW_RENT_INPUT_PUE: return self->pue_row;
    case RW_RENT_INPUT_PURCHASE: return self->purchase_row;
    case RW_RENT_INPUT_OTHER: return self->other_row;
    case RW_RENT_INPUT_RESALE: return self->resale_row;
    case RW_RENT_INPUT_HORIZON: return self->horizon_row;
    case RW_RENT_INPUT_CUSTOM_RATE: return self->custom_rate_row;
    case RW_RENT_N_INPUTS:
    default: g_assert_not_reached ();
    }
}

static char *
number_text (double value)
{
  /* as the locale writes it ("0,15" in German), and as rw_parse_number() reads it back */
  return value < 0 ? g_strdup ("") : rw_format_decimal (value, 4);
}

static void
show_value (RwRentView  *self,
            RwRentInput  input)
{
  g_autofree char *text = number_text (self->values[input]);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row_for (self, input)), text);
  self->updating = FALSE;
  self->invalid[input] = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (row_for (self, input)), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->hints[input]), FALSE);
}

/* "Usage hours per day must be a number from 0 to 24", in the locale's numbers */
static char *
input_message (RwRentInput input)
{
  g_autofree char *min = rw_format_decimal (inputs[input].min, 4);
  g_autofree char *max = rw_format_decimal (inputs[input].max, 4);

  if (input == RW_RENT_INPUT_HORIZON)
    /* TRANSLATORS: "The horizon must be a whole number from 1 to 600" */
    return g_strdup_printf (_("%s must be a whole number from %s to %s"), _(inputs[input].name),
                            min, max);
  /* TRANSLATORS: "Usage hours per day must be a number from 0 to 24" */
  return g_strdup_printf (_("%s must be a number from %s to %s"), _(inputs[input].name), min, max);
}

/* The first input that is wrong and counts (the own rate only when it is chosen) */
static int
first_invalid (RwRentView *self)
{
  for (guint i = 0; i < RW_RENT_N_INPUTS; i++)
    if (self->invalid[i] &&
        (i != RW_RENT_INPUT_CUSTOM_RATE ||
         gtk_widget_get_visible (GTK_WIDGET (self->custom_rate_row))))
      return (int) i;
  return -1;
}


/* Reads what a person typed, in their locale or not ("0,15", "0.15", "$9,000"); a
 * half-typed number ("0.") or one out of range is refused */
static gboolean
parse_input (RwRentInput  input,
             const char  *text,
             double      *out)
{
  double value;

  if (!rw_parse_number (text, &value))
    return FALSE;
  if (value < inputs[input].min || value > inputs[input].max)
    return FALSE;
  if (input == RW_RENT_INPUT_HORIZON && value != floor (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static void recompute (RwRentView *self);

static void
store_purchase_price (RwRentView *self,
                      double      price)
{
  g_autoptr(GVariant) prices = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  double value;

  if (self->settings == NULL || self->gpu == NULL)
    return;
  prices = g_settings_get_value (self->settings, "purchase-prices");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_iter_init (&iter, prices);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
    if (!g_str_equal (key, rw_gpu_get_id (self->gpu)))
      g_variant_builder_add (&builder, "{sd}", key, value);
  if (price >= 0)
    g_variant_builder_add (&builder, "{sd}", rw_gpu_get_id (self->gpu), price);
  g_settings_set_value (self->settings, "purchase-prices", g_variant_builder_end (&builder));
}

static void
on_input_changed (GtkEditable *editable,
                  RwRentView  *self)
{
  RwRentInput input = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "rw-input"));
  double value;

  if (self->updating)
    return;

  if (!parse_input (input, gtk_editable_get_text (editable), &value))
    {
      g_autofree char *message = input_message (input);

      /* refused in place: marked, explained beside the field, neither used nor stored; the
       * results wait for a valid number */
      self->invalid[input] = TRUE;
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      gtk_label_set_text (self->hints[input], message);
      gtk_widget_set_visible (GTK_WIDGET (self->hints[input]), TRUE);
          recompute (self);
      return;
    }

  self->invalid[input] = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->hints[input]), FALSE);
  self->values[input] = value;

  if (self->settings != NULL && inputs[input].key != NULL)
    g_settings_set_double (self->settings, inputs[input].key, value);
  if (input == RW_RENT_INPUT_PURCHASE)
    store_purchase_price (self, value);
  recompute (self);
}

/* "$0.28/hr", or "$0.28/hr spot" when the rate is a spot price */
static char *
rate_text (double    rate_hr,
           RwPricing pricing)
{
  g_autofree char *rate = rw_ui_format_rate (rate_hr);

  if (pricing == RW_PRICING_SPOT)
    /* TRANSLATORS: a spot (interruptible) rate, e.g. "$0.28/hr spot" */
    return g_strdup_printf (_("%s spot"), rate);
  return g_steal_pointer (&rate);
}

/* The pricing kind of @provider's best rate, -1 when it is not among the rates */
static int
provider_pricing (RwRentView *self,
                  const char *provider)
{
  for (guint i = 0; provider != NULL && self->stats != NULL && i < self->stats->rates->len; i++)
    {
      const RwProviderRate *r = &g_array_index (self->stats->rates, RwProviderRate, i);

      if (g_strcmp0 (r->provider, provider) == 0)
        return (int) r->pricing;
    }
  return -1;
}

static void
fill_rates (RwRentView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = adw_combo_row_get_selected (self->rate_row);
  const char *selected_id =
    selected < self->rate_ids->len ? g_ptr_array_index (self->rate_ids, selected) : NULL;
  g_autofree char *keep = g_strdup (selected_id);
  guint custom;
  int cheapest_pricing = self->stats ? provider_pricing (self, self->stats->cheapest_provider) : -1;
  g_autofree char *cheapest_text = rate_text (self->stats ? self->stats->cheapest_hr : RW_UNKNOWN,
                                             (RwPricing) cheapest_pricing);
  g_autofree char *median_text = rw_ui_format_rate (self->stats ? self->stats->median_hr
                                                                : RW_UNKNOWN);
  /* each price one unit that never breaks across lines (rate_item_setup () wraps) */
  g_autofree char *cheapest = rw_text_no_break (cheapest_text);
  g_autofree char *median = rw_text_no_break (median_text);

  g_ptr_array_set_size (self->rate_ids, 0);
  /* TRANSLATORS: a choice of rental rate: "Cheapest ($0.28/hr)" */
  g_ptr_array_add (names, g_strdup_printf (_("Cheapest (%s)"), cheapest));
  g_ptr_array_add (self->rate_ids, NULL);
  g_ptr_array_add (names, g_strdup_printf (_("Median (%s)"), median));
  g_ptr_array_add (self->rate_ids, NULL);
  for (guint i = 0; self->stats != NULL && i < self->stats->rates->len; i++)
    {
      const RwProviderRate *r = &g_array_index (self->stats->rates, RwProviderRate, i);
      RwProvider *provider = rw_catalog_lookup_provider (self->catalog, r->provider);
      g_autofree char *name =
        rw_text_sanitize (provider ? rw_provider_get_name (provider) : r->provider);
      g_autofree char *rate_plain = rate_text (r->rate_hr, r->pricing);
      g_autofree char *rate = rw_text_no_break (rate_plain);

      g_ptr_array_add (names, g_strdup_printf ("%s (%s)", name, rate));
      g_ptr_array_add (self->rate_ids, g_strdup (r->provider));
    }
  g_ptr_array_add (names, g_strdup (_("A rate of your own")));
  g_ptr_array_add (self->rate_ids, NULL);
  custom = names->len - 1;
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->rate_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->rate_names)),
                          (const char * const *)names->pdata);
  /* the same choice where it still exists */
  if (selected == GTK_INVALID_LIST_POSITION || selected >= 2)
    {
      guint position = 0;

      for (guint i = 2; keep != NULL && i < self->rate_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->rate_ids, i), keep) == 0)
          position = i;
      if (keep == NULL && selected != GTK_INVALID_LIST_POSITION && selected >= 2 &&
          self->values[RW_RENT_INPUT_CUSTOM_RATE] > 0)
        position = custom;
      selected = position;
    }
  adw_combo_row_set_selected (self->rate_row, selected);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_rate_row), selected == custom);
}

static void
on_rate_selected (RwRentView *self)
{
  guint selected = adw_combo_row_get_selected (self->rate_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rate_names));

  gtk_widget_set_visible (GTK_WIDGET (self->custom_rate_row), n > 0 && selected == n - 1);
  if (!self->updating)
    recompute (self);
}

/* "$6.24/day · $187.20/month" */
static char *
per_day_and_month (double per_day,
                   double per_month)
{
  g_autofree char *day = rw_format_usd (per_day, 2);
  g_autofree char *month = rw_format_usd (per_month, 2);

  return g_strdup_printf (_("%s/day · %s/month"), day, month);
}

/* While an input is wrong: no numbers at all, and the headline says what to fix */
static void
show_invalid (RwRentView  *self,
              RwRentInput  input)
{
  g_autofree char *message = input_message (input);
  g_autofree char *summary = NULL;

  /* TRANSLATORS: the headline while an input is wrong: "Usage hours per day must be a
   * number from 0 to 24. The results wait for a valid number." */
  summary = g_strdup_printf (_("%s. The results wait for a valid number."), message);
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->rent_label, "—");
  gtk_label_set_text (self->power_label, "—");
  gtk_label_set_text (self->breakeven_label, "—");
  gtk_widget_add_css_class (self->results_group, "dim-label");
  rw_chart_set_empty_text (self->chart, _("The chart waits for a valid number"));
  rw_chart_set_series (self->chart, 0, NULL, NULL, 0);
  rw_chart_set_series (self->chart, 1, NULL, NULL, 0);
  rw_chart_set_marker (self->chart, NAN, NAN, NULL);
}

static void
recompute (RwRentView *self)
{
  guint selected = adw_combo_row_get_selected (self->rate_row);
  guint n_rates = g_list_model_get_n_items (G_LIST_MODEL (self->rate_names));
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *rent = NULL;
  g_autofree char *power = NULL;
  g_autofree char *breakeven = NULL;
  RwReportOptions options;
  RwRentVsOwnInput in;
  RwRentVsOwn out;
  const char *provider_name = NULL;
  int pricing = -1;

  if (self->gpu == NULL || self->stats == NULL)
    return;
  if (first_invalid (self) >= 0)
    {
      show_invalid (self, first_invalid (self));
      return;
    }
  gtk_widget_remove_css_class (self->results_group, "dim-label");

  rw_report_options_init (&options);
  options.rent.hours_per_day = self->values[RW_RENT_INPUT_HOURS];
  options.rent.kwh_price = self->values[RW_RENT_INPUT_KWH];
  options.rent.pue = self->values[RW_RENT_INPUT_PUE];
  options.rent.purchase_price = self->values[RW_RENT_INPUT_PURCHASE];
  options.rent.other_costs = self->values[RW_RENT_INPUT_OTHER];
  options.rent.resale_percent = self->values[RW_RENT_INPUT_RESALE];
  options.rent.horizon_months = self->values[RW_RENT_INPUT_HORIZON];
  if (selected == 1)
    options.rate_kind = RW_RATE_MEDIAN;
  else if (n_rates > 0 && selected == n_rates - 1)
    {
      options.rate_kind = RW_RATE_CUSTOM;
      options.rate_custom = self->values[RW_RENT_INPUT_CUSTOM_RATE];
    }
  else if (selected >= 2 && selected < self->rate_ids->len)
    {
      options.rate_kind = RW_RATE_PROVIDER;
      options.rate_provider = g_ptr_array_index (self->rate_ids, selected);
    }
  /* no purchase price: the MSRP, when the catalog has one */
  if (options.rent.purchase_price < 0)
    options.rent.purchase_price = RW_UNKNOWN;

  rw_report_rent_vs_own (self->gpu, self->stats, &options, &in, &out);

  if (options.rate_kind == RW_RATE_CHEAPEST)
    options.rate_provider = self->stats->cheapest_provider;
  if (options.rate_provider != NULL)
    {
      RwProvider *provider = rw_catalog_lookup_provider (self->catalog, options.rate_provider);
      provider_name = provider ? rw_provider_get_name (provider) : options.rate_provider;
      pricing = provider_pricing (self, options.rate_provider);
    }

  /* outputs */
  rent = out.rent_per_day >= 0 ? per_day_and_month (out.rent_per_day, out.rent_per_month)
                               : g_strdup (_("no rental rate"));
  power = out.power_per_day >= 0 ? per_day_and_month (out.power_per_day, out.power_per_month)
                                 : g_strdup (_("TDP unknown"));
  if (out.breakeven_days == 0)
    breakeven = g_strdup (_("at once"));
  else if (out.breakeven_days > 0)
    {
      g_autofree char *days = rw_format_number (out.breakeven_days, 0);
      g_autofree char *months = rw_format_number (out.breakeven_months, 1);

      g_autofree char *days_text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", rw_plural_n (out.breakeven_days)),
          days);
      g_autofree char *months_text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month", "%s months",
                                          rw_plural_n (out.breakeven_months)),
                             months);

      /* TRANSLATORS: "5,422 days · 180.7 months"; each part is already translated */
      breakeven = g_strdup_printf (_("%s · %s"), days_text, months_text);
    }
  else if (in.purchase_price < 0 || out.rent_per_day < 0 || out.power_per_day < 0)
    breakeven = g_strdup ("—");
  else
    breakeven = g_strdup (_("never"));

  name = rw_text_sanitize (rw_gpu_get_name (self->gpu));
  if (in.purchase_price < 0)
    summary =
      g_strdup_printf (_("Enter a purchase price: the catalog has no MSRP for the %s."), name);
  else if (in.rate_hr < 0)
    summary =
      g_strdup (_("There is no rental rate to compare with: choose another or enter your own."));
  else if (in.tdp_w < 0)
    summary =
      g_strdup_printf (_("The catalog has no TDP for the %s, so its electricity cost is unknown."),
                       name);
  else if (in.hours_per_day == 0)
    summary =
      g_strdup (_("At 0 hours a day renting costs nothing, and owning never pays for itself."));
  else
    {
      /* the rate as one unit that never breaks across lines, and "spot" when it is one */
      g_autofree char *plain_rate = rate_text (in.rate_hr, (RwPricing) pricing);
      g_autofree char *rate = rw_text_no_break (plain_rate);
      g_autofree char *at = provider_name ? g_strdup_printf (_("%s on %s"), rate, provider_name)
                                          : g_strdup (rate);
      g_autofree char *clean_at = rw_text_sanitize (at);
      g_autofree char *hours = rw_format_decimal (in.hours_per_day, 2);

      if (out.breakeven_days == 0)
        summary = g_strdup_printf (
          _("At %s h a day, buying the %s pays for itself at once: its resale covers the cost."),
          hours, name);
      else if (out.breakeven_days > 0)
        {
          g_autofree char *months = rw_format_number (out.breakeven_months, 0);
          /* calendar years of 365.25 days, not 12 months of 30 days (a 360-day year said
           * "15.1 years" beside "5,422 days": newcomer report 5, defect 11) */
          double breakeven_years = out.breakeven_days / RW_DAYS_PER_YEAR;
          g_autofree char *years = rw_format_number (breakeven_years, 1);

          g_autofree char *months_text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month", "%s months",
                                          rw_plural_n (out.breakeven_months)),
                             months);
          g_autofree char *years_text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s year", "%s years",
                                          rw_plural_n (breakeven_years)),
                             years);

          /* TRANSLATORS: "At 8 h a day, buying the NVIDIA L40S pays for itself after 165
           * months (13.5 years) compared with renting at $0.28/hr on Vast.ai." */
          g_autofree char *pays = g_strdup_printf (_("At %s h a day, buying the %s pays for "
                                                     "itself after %s (%s) compared with "
                                                     "renting at %s."),
                                                   hours, name, months_text, years_text, clean_at);

          /* the chart ends at the horizon: say so when the break-even lies after it */
          g_autofree char *beyond = rw_report_after_horizon_text (&in, &out);

          if (beyond != NULL)
            /* TRANSLATORS: two sentences, each translated on its own */
            summary = g_strdup_printf (C_("two sentences", "%s %s"), pays, beyond);
          else
            summary = g_steal_pointer (&pays);
        }
      else if (out.power_per_day > out.rent_per_day)
        summary = g_strdup_printf (_("At %s h a day, owning the %s never pays off: its "
                                      "electricity costs more than renting at %s."),
                                   hours, name, clean_at);
      else
        summary = g_strdup_printf (_("At %s h a day, owning the %s never pays off: its "
                                      "electricity costs as much as renting at %s."),
                                   hours, name, clean_at);
    }

  gtk_label_set_text (self->rent_label, rent);
  gtk_label_set_text (self->power_label, power);
  gtk_label_set_text (self->breakeven_label, breakeven);
  gtk_label_set_text (self->summary_label, summary);

  /* the chart: cumulative rent and own, month by month, over the horizon */
  {
    guint months = (guint) in.horizon_months;
    g_autofree RwChartPoint *renting = g_new (RwChartPoint, months + 1);
    g_autofree RwChartPoint *owning = g_new (RwChartPoint, months + 1);
    gboolean can_rent = out.rent_per_month >= 0,
             can_own = out.net_purchase >= 0 && out.power_per_month >= 0;

    for (guint m = 0; m <= months; m++)
      {
        renting[m] = (RwChartPoint) { m, rw_rent_vs_own_rent_at (&out, m), -1, -1, -1 };
        owning[m] = (RwChartPoint) { m, rw_rent_vs_own_own_at (&out, m), -1, -1, -1 };
      }
    rw_chart_set_x_kind (self->chart, RW_CHART_X_MONTHS);
    rw_chart_set_empty_text (self->chart, _("Not enough numbers to compare yet"));
    rw_chart_set_series (self->chart, 0, _("renting"), renting, can_rent ? months + 1 : 0);
    rw_chart_set_series (self->chart, 1, _("owning, net of resale"), owning,
                         can_own ? months + 1 : 0);
    if (can_rent && can_own && out.breakeven_months >= 0 &&
        out.breakeven_months <= in.horizon_months)
      rw_chart_set_marker (self->chart, out.breakeven_months,
                           rw_rent_vs_own_rent_at (&out, out.breakeven_months), _("breakeven"));
    else
      rw_chart_set_marker (self->chart, NAN, NAN, NULL);
  }
}

static void
load_values (RwRentView *self)
{
  for (guint i = 0; i < RW_RENT_N_INPUTS; i++)
    {
      if (i == RW_RENT_INPUT_CUSTOM_RATE && self->values[i] > 0)
        continue;   /* the user's own rate stays while moving between GPUs */
      self->values[i] = inputs[i].fallback;
      if (self->settings != NULL && inputs[i].key != NULL)
        self->values[i] = g_settings_get_double (self->settings, inputs[i].key);
    }
  if (self->gpu != NULL)
    {
      double typed;

      /* the catalog's purchase price (a list price or a dated estimate), else the MSRP */
      self->values[RW_RENT_INPUT_PURCHASE] =
        rw_gpu_get_purchase_price (self->gpu, NULL, NULL, NULL);
      if (self->settings != NULL)
        {
          g_autoptr(GVariant) prices = g_settings_get_value (self->settings, "purchase-prices");
          if (g_variant_lookup (prices, rw_gpu_get_id (self->gpu), "d", &typed))
            self->values[RW_RENT_INPUT_PURCHASE] = typed;
        }
    }
  for (guint i = 0; i < RW_RENT_N_INPUTS; i++)
    show_value (self, i);
}

static void
rw_rent_view_dispose (GObject *object)
{
  RwRentView *self = (RwRentView *) object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_RENT_VIEW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->gpu);
  g_clear_object (&self->settings);
  g_clear_object (&self->rate_names);
  g_clear_pointer (&self->rate_ids, g_ptr_array_unref);
  g_clear_pointer (&self->stats, rw_price_stats_free);

  G_OBJECT_CLASS (rw_rent_view_parent_class)->dispose (object);
}

static void
rw_rent_view_class_init (RwRentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_rent_view_dispose;

  g_type_ensure (RW_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-rent-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RwRentView, name)
  BIND (summary_label);
  BIND (rent_label);
  BIND (power_label);
  BIND (breakeven_label);
  BIND (chart);
  BIND (rate_row);
  BIND (custom_rate_row);
  BIND (hours_row);
  BIND (kwh_row);
  BIND (pue_row);
  BIND (purchase_row);
  BIND (other_row);
  BIND (resale_row);
  BIND (horizon_row);
  BIND (results_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_rate_selected);
  gtk_widget_class_bind_template_callback (widget_class, rw_rent_view_reset);
}

/* A choice of rental rate, whole: it wraps between words, never inside its price (fill_rates ()
 * writes each price without a break) */
static void
rate_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, label);
}

static void
rate_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
rw_rent_view_init (RwRentView *self)
{
  GSettingsSchema *schema;

  self->include_spot = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rate_names = gtk_string_list_new (NULL);
  self->rate_ids = g_ptr_array_new_with_free_func (g_free);
  {
    /* libadwaita's own item is a label of at most 20 characters, ellipsized: it cut
     * "Prime Intellect ($0.35/hr spot)" before its price; these wrap instead */
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (rate_item_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (rate_item_bind), NULL);
    adw_combo_row_set_factory (self->rate_row, factory);
    g_object_unref (factory);
  }
  adw_combo_row_set_model (self->rate_row, G_LIST_MODEL (self->rate_names));

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SCHEMA_ID,
                                           TRUE);
  if (schema != NULL)
    {
      g_settings_schema_unref (schema);
      self->settings = g_settings_new (SCHEMA_ID);
    }

  for (guint i = 0; i < RW_RENT_N_INPUTS; i++)
    {
      AdwEntryRow *row = row_for (self, i);

      GtkWidget *hint = gtk_label_new (NULL);

      /* its title wraps instead of being cut at 360 px ("Wiederverkaufswert nac…", newcomer
       * report 3, defect 7): the row grows a line */
      rw_ui_widget_labels (GTK_WIDGET (row), RW_UI_LABELS_WRAP_WORD_CHARS);

      /* what the field accepts, beside it, while it holds something else */
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (hint), 18);
      gtk_label_set_xalign (GTK_LABEL (hint), 1);
      gtk_widget_set_visible (hint, FALSE);
      gtk_widget_add_css_class (hint, "error");
      gtk_widget_add_css_class (hint, "caption");
      adw_entry_row_add_suffix (row, hint);
      self->hints[i] = GTK_LABEL (hint);
      g_object_set_data (G_OBJECT (row), "rw-input", GUINT_TO_POINTER (i));
      g_signal_connect (row, "changed", G_CALLBACK (on_input_changed), self);
    }
  load_values (self);
  fill_rates (self);
}

GtkWidget *
rw_rent_view_new (void)
{
  return g_object_new (RW_TYPE_RENT_VIEW, NULL);
}

void
rw_rent_view_set_gpu (RwRentView *self,
                      RwCatalog  *catalog,
                      RwGpu      *gpu)
{
  g_return_if_fail (RW_IS_RENT_VIEW (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->gpu, gpu);
  g_clear_pointer (&self->stats, rw_price_stats_free);
  if (catalog != NULL && gpu != NULL)
    {
      GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));
      self->stats =
        rw_price_stats_compute ((RwOffer **)offers->pdata, offers->len,
                                self->include_spot ? RW_PRICING_MASK_ALL : RW_PRICING_MASK_NO_SPOT);
    }
  load_values (self);
  fill_rates (self);
  recompute (self);
}

void
rw_rent_view_set_include_spot (RwRentView *self,
                               gboolean    include_spot)
{
  g_return_if_fail (RW_IS_RENT_VIEW (self));

  if (self->include_spot == !!include_spot)
    return;
  self->include_spot = !!include_spot;
  if (self->gpu != NULL)
    {
      g_autoptr(RwCatalog) catalog = g_object_ref (self->catalog);
      g_autoptr(RwGpu) gpu = g_object_ref (self->gpu);
      rw_rent_view_set_gpu (self, catalog, gpu);
    }
}

/* For tests and keyboard users alike: type into an input */
void
rw_rent_view_set_text (RwRentView  *self,
                       RwRentInput  input,
                       const char  *text)
{
  g_return_if_fail (RW_IS_RENT_VIEW (self));
  g_return_if_fail (input < RW_RENT_N_INPUTS);
  gtk_editable_set_text (GTK_EDITABLE (row_for (self, input)), text);
}

void
rw_rent_view_select_rate (RwRentView *self,
                          guint       position)
{
  g_return_if_fail (RW_IS_RENT_VIEW (self));
  adw_combo_row_set_selected (self->rate_row, position);
}

/* Back to the defaults: shared settings, this GPU's purchase price, the extras, cheapest */
void
rw_rent_view_reset (RwRentView *self)
{
  g_return_if_fail (RW_IS_RENT_VIEW (self));

  if (self->settings != NULL)
    {
      g_settings_reset (self->settings, "hours-per-day");
      g_settings_reset (self->settings, "kwh-price");
      g_settings_reset (self->settings, "pue");
      store_purchase_price (self, RW_UNKNOWN);
    }
  self->values[RW_RENT_INPUT_CUSTOM_RATE] = RW_UNKNOWN;
  load_values (self);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->rate_row, 0);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_rate_row), FALSE);
  recompute (self);
}

/**
 * rw_rent_view_get_output:
 * @name: "summary", "rent", "power", "breakeven" or "error"
 *
 * Returns: what the pane shows there ("" for a hidden error)
 */
const char *
rw_rent_view_get_output (RwRentView *self,
                         const char *name)
{
  g_return_val_if_fail (RW_IS_RENT_VIEW (self), NULL);

  if (g_str_equal (name, "summary"))
    return gtk_label_get_text (self->summary_label);
  if (g_str_equal (name, "rent"))
    return gtk_label_get_text (self->rent_label);
  if (g_str_equal (name, "power"))
    return gtk_label_get_text (self->power_label);
  if (g_str_equal (name, "breakeven"))
    return gtk_label_get_text (self->breakeven_label);
  if (g_str_equal (name, "error"))
    {
      /* the message is shown once, beside the field (issue 13) */
      int invalid = first_invalid (self);

      return invalid >= 0 && gtk_widget_get_visible (GTK_WIDGET (self->hints[invalid]))
               ? gtk_label_get_text (self->hints[invalid])
               : "";
    }
  g_return_val_if_reached (NULL);
}
