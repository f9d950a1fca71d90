/* rw-gpu-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Overview and providers are filled here; instances and models are their own widgets.
 * Every catalog string is shown literally: labels without markup, rows with use-markup off.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rw-chart.h"
#include "rw-fit.h"
#include "rw-format.h"
#include "rw-history.h"
#include "rw-gpu-page.h"
#include "rw-instances-view.h"
#include "rw-models-view.h"
#include "rw-rent-view.h"
#include "rw-stats.h"
#include "rw-train-fit.h"
#include "rw-ui-format.h"

struct _RwGpuPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwViewStack       *stack;
  GtkLabel           *name_label;
  GtkLabel           *view_gpu_label;
  GtkLabel           *specs_label;
  GtkLabel           *workloads_label;
  GtkLabel           *from_label;
  GtkWidget          *periods_box;
  GtkLabel           *per_day_label;
  GtkLabel           *per_week_label;
  GtkLabel           *per_month_label;
  GtkLabel           *spread_label;
  GtkWidget          *range_group;
  AdwActionRow       *cheapest_row;
  AdwActionRow       *median_row;
  AdwActionRow       *dearest_row;
  GtkLabel           *cheapest_label;
  GtkLabel           *median_label;
  GtkLabel           *dearest_label;
  GtkSwitch          *spot_switch;
  GtkLabel           *arch_label;
  GtkLabel           *vram_label;
  GtkLabel           *bandwidth_label;
  GtkLabel           *tdp_label;
  GtkLabel           *msrp_label;
  AdwActionRow       *aliases_row;
  GtkLabel           *freshness_label;
  GtkWidget          *spot_group;
  GtkWidget          *specs_group;
  GtkWidget          *freshness_group;
  gulong              after_paint_id;
  GtkStack           *providers_stack;
  GtkListBox         *providers_list;
  GtkSwitch          *suspect_switch;
  GtkDropDown        *kind_dropdown;
  AdwActionRow       *bundle_row;
  GtkLabel           *bundle_label;
  GtkLabel           *lowest_label;
  GtkLabel           *shapes_label;
  AdwActionRow       *msrp_row;
  GtkSizeGroup       *link_group;   /* owned: the link buttons and the slots of rows without */
  AdwBin             *instances_bin;
  AdwBin             *models_bin;
  AdwBin             *rent_bin;

  /* made when first shown: NULL until then */
  RwInstancesView    *instances_view;
  RwModelsView       *models_view;
  RwRentView         *rent_view;
  guint               context;      /* for the models view, kept while it is not made */
  RwChart            *history_chart;
  GtkToggleButton    *range_1m;
  GtkToggleButton    *range_3m;
  GtkToggleButton    *range_1y;
  GtkToggleButton    *range_all;

  /* Owned */
  RwSession          *session;  /* the freshness line and the history chart follow it */
  RwHistoryStore     *history;
  RwCatalog          *catalog;
  RwGpu              *gpu;
  gboolean            include_spot;
  gboolean            include_suspect;
  gboolean            show_all_providers;  /* past PROVIDERS_SHOWN, on request */
  guint               stale_views;  /* views not yet given the GPU: filled when shown */
};

G_DEFINE_FINAL_TYPE (RwGpuPage, rw_gpu_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INCLUDE_SPOT,
  PROP_INCLUDE_SUSPECT,
  PROP_CONTEXT,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
provider_name (RwGpuPage  *self,
               const char *id)
{
  return rw_catalog_get_provider_name (self->catalog, id);
}

static const char *
pricing_label (RwPricing pricing)
{
  switch (pricing)
    {
    case RW_PRICING_ON_DEMAND: return _("On-demand");
    case RW_PRICING_SPOT: return _("Spot");
    case RW_PRICING_RESERVED: return _("Reserved");
    default: return "";
    }
}

static void
set_label_rate (GtkLabel *label,
                double    rate)
{
  g_autofree char *text = rw_ui_format_rate (rate);
  gtk_label_set_text (label, text);
}

static void
set_row_provider (AdwActionRow *row,
                  RwGpuPage    *self,
                  const char   *provider)
{
  g_autofree char *name = provider ? rw_text_sanitize (provider_name (self, provider)) : NULL;

  adw_action_row_set_subtitle (row, name ? name : "");
}

static void
open_pricing_page (GtkButton *button,
                   RwGpuPage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");

  /* checked when the button was made; checked again right before opening */
  if (rw_uri_is_safe_to_open (uri))
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void show_provider_offers (AdwActionRow *row,
                                  RwGpuPage    *self);

/* The kinds of provider the catalog names (DESIGN.md, `kind`), as the filter lists them */
static const char * const provider_kinds[] = { NULL, "hyperscaler", "cloud", "marketplace",
                                               "aggregator" };

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "hyperscaler") == 0)
    return _("Hyperscaler");
  if (g_strcmp0 (kind, "cloud") == 0)
    return _("Specialised cloud");
  if (g_strcmp0 (kind, "marketplace") == 0)
    return _("Marketplace");
  if (g_strcmp0 (kind, "aggregator") == 0)
    return _("Aggregator");
  return NULL;
}

/* The newest day the provider's offers for this GPU were observed, labelled UTC, or NULL */
static char *
provider_last_seen (RwGpuPage  *self,
                    const char *provider)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (self->catalog, rw_gpu_get_id (self->gpu));
  const char *newest = NULL;

  for (guint i = 0; i < offers->len; i++)
    {
      const char *seen = rw_offer_get_observed_at (offers->pdata[i]);

      if (seen != NULL && g_str_equal (rw_offer_get_provider (offers->pdata[i]), provider) &&
          g_strcmp0 (seen, newest) > 0)
        newest = seen;
    }
  return rw_history_format_iso_day (newest);
}

/* @left_out: the provider's offers are all out of the statistics (suspect or GPU only) */
static GtkWidget *
create_provider_row (RwGpuPage            *self,
                     const RwProviderRate *rate,
                     gboolean              left_out)
{
  RwProvider *provider = rw_catalog_lookup_provider (self->catalog, rate->provider);
  g_autofree char *name = rw_text_sanitize (provider_name (self, rate->provider));
  g_autofree char *offers = NULL;
  g_autofree char *seen = provider_last_seen (self, rate->provider);
  g_autofree char *rate_text = rw_ui_format_rate (rate->rate_hr);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *url = provider ? rw_provider_get_url (provider) : NULL;
  const char *kind = kind_label (provider ? rw_provider_get_kind (provider) : NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  /* TRANSLATORS: "Spot · 3 offers" */
  offers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u offer", "%s · %u offers",
                                         rate->offers),
                            pricing_label (rate->pricing), rate->offers);
  if (kind != NULL)
    g_string_append_printf (subtitle, "%s · ", kind);
  g_string_append (subtitle, offers);
  if (seen != NULL)
    /* TRANSLATORS: when the offers were last seen: "seen 24 May 2026 UTC" */
    g_string_append_printf (subtitle, _(" · seen %s"), seen);
  if (rate->flags & (RW_OFFER_SUSPECT | RW_OFFER_GPU_ONLY))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *warning =
        (rate->flags & RW_OFFER_SUSPECT)
          ? (left_out ? _("Suspect price, far from the other providers’: not in the statistics")
                      : _("Suspect price, far from the other providers’"))
          : _("GPU only, without the machine it needs: not in the statistics");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, warning);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      warning, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_string_append_printf (subtitle, "\n%s", warning);
      gtk_widget_add_css_class (row, "suspect");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  label = gtk_label_new (rate_text);
  gtk_widget_add_css_class (label, "numeric");
  if (left_out)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (rw_uri_is_safe_to_open (url))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open pricing page"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open pricing page"), -1);
      g_object_set_data_full (G_OBJECT (button), "uri", g_strdup (url), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (open_pricing_page), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      /* activating the row (a click, Enter) opens the pricing page too */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_size_group_add_widget (self->link_group, button);
    }
  else
    {
      /* no pricing page to open: activating the row (a click, Enter) shows the provider's
       * offers in Instances instead; its arrow sits in a slot as wide as a link button, so
       * every price stays in one column */
      GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      /* centred in the slot, without expanding the row's suffix (hexpand would) */
      gtk_box_set_homogeneous (GTK_BOX (slot), TRUE);
      gtk_widget_set_halign (arrow, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (slot), arrow);
      gtk_widget_set_tooltip_text (row, _("Show this provider’s offers in Instances"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), slot);
      gtk_size_group_add_widget (self->link_group, slot);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "provider", g_strdup (rate->provider), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (show_provider_offers), self, 0);
    }

  gtk_widget_set_name (row, rate->provider);
  return row;
}

/* Where and when the prices come from: the session's `data-time` and `data-source` (a
 * refresh that brought the same data changes only those), else the catalog's own */
static char *
format_freshness (RwSession *session,
                  RwCatalog *catalog)
{
  gint64 data_time = session ? rw_session_get_data_time (session)
                             : rw_catalog_get_data_time (catalog);
  RwCatalogSource source = session ? rw_session_get_data_source (session)
                                   : rw_catalog_get_source (catalog);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *ago = data_time > 0 ? rw_format_time_ago (MAX (0, now - data_time)) : NULL;
  g_autoptr(GDateTime) then = data_time > 0 ? g_date_time_new_from_unix_utc (data_time) : NULL;
  g_autofree char *date = then ? g_date_time_format (then, "%e %B %Y") : NULL;
  g_autofree char *origin = NULL;

  if (date)
    g_strstrip (date);

  switch (source)
    {
    case RW_CATALOG_SOURCE_NETWORK:
      /* TRANSLATORS: "Live prices, fetched 5 minutes ago" */
      return ago ? g_strdup_printf (_("Live prices, fetched %s"), ago)
                 : g_strdup (_("Live prices"));
    case RW_CATALOG_SOURCE_CACHE:
      /* TRANSLATORS: "Prices from the cache, fetched 3 hours ago" */
      return ago ? g_strdup_printf (_("Prices from the cache, fetched %s"), ago)
                 : g_strdup (_("Prices from the cache"));
    case RW_CATALOG_SOURCE_BUILTIN:
      if (date)
        /* TRANSLATORS: "Prices from the built-in snapshot of 25 May 2026 (6 months ago)" */
        return g_strdup_printf (_("Prices from the built-in snapshot of %s (%s)"), date, ago);
      return g_strdup (_("Prices from the built-in snapshot"));
    case RW_CATALOG_SOURCE_FILE:
    default:
      origin = rw_text_sanitize (rw_catalog_get_origin (catalog) ? rw_catalog_get_origin (catalog)
                                                                 : _("a catalog file"));
      if (date)
        /* TRANSLATORS: "Prices from /path/catalog.json, generated 24 May 2026 (6 months ago)" */
        return g_strdup_printf (_("Prices from %s, generated %s (%s)"), origin, date, ago);
      return g_strdup_printf (_("Prices from %s"), origin);
    }
}

/* A list box makes a row per provider: at the 100× catalog's hundreds of providers for one
 * GPU that took seconds of the main thread. The cheapest come first; the rest on request. */
#define PROVIDERS_SHOWN 25

/* The provider rows, the instance table, the models and rent vs own are filled when they are
 * first shown, not with every GPU switch: at start-up that halves the work of the first frame */
enum {
  VIEW_INSTANCES = 1 << 0,
  VIEW_MODELS = 1 << 1,
  VIEW_RENT = 1 << 2,
  VIEW_PROVIDERS = 1 << 3,
};

static void update_prices (RwGpuPage *self);
static void rw_gpu_page_map (GtkWidget *widget);
static void rw_gpu_page_unmap (GtkWidget *widget);

static void
show_all_providers (GtkButton *button,
                    RwGpuPage *self)
{
  self->show_all_providers = TRUE;
  update_prices (self);
}

static GtkWidget *
create_more_row (RwGpuPage *self,
                 guint      more)
{
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more provider",
                                                         "Show %u more providers", more), more);
  GtkWidget *button = gtk_button_new_with_label (label);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (show_all_providers), self, 0);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, "more-providers");
  return row;
}

static guint
pricing_mask (RwGpuPage *self)
{
  return (self->include_spot ? RW_PRICING_MASK_ALL : RW_PRICING_MASK_NO_SPOT) |
         (self->include_suspect ? RW_INCLUDE_SUSPECT : 0);
}

static RwPriceStats *
compute_stats (RwGpuPage *self)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (self->catalog, rw_gpu_get_id (self->gpu));

  return rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, pricing_mask (self));
}

static void
clear_provider_rows (RwGpuPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->providers_list))))
    gtk_list_box_remove (self->providers_list, child);
}

static gboolean
kind_shown (RwGpuPage  *self,
            const char *provider_id)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  RwProvider *provider;

  if (selected == 0 || selected >= G_N_ELEMENTS (provider_kinds))
    return TRUE;
  provider = rw_catalog_lookup_provider (self->catalog, provider_id);
  return provider != NULL &&
         g_strcmp0 (rw_provider_get_kind (provider), provider_kinds[selected]) == 0;
}

/* The providers in the statistics, then those whose every offer is left out of them (suspect
 * or GPU only), with a warning; only the kind the filter names */
static void
fill_provider_rows (RwGpuPage    *self,
                    RwPriceStats *stats)
{
  guint total = stats->rates->len + stats->left_out->len;
  guint shown = 0, more = 0;

  clear_provider_rows (self);
  for (guint i = 0; i < total; i++)
    {
      gboolean left_out = i >= stats->rates->len;
      const RwProviderRate *rate = left_out
        ? &g_array_index (stats->left_out, RwProviderRate, i - stats->rates->len)
        : &g_array_index (stats->rates, RwProviderRate, i);

      if (!kind_shown (self, rate->provider))
        continue;
      if (!self->show_all_providers && shown >= PROVIDERS_SHOWN)
        {
          more++;
          continue;
        }
      gtk_list_box_append (self->providers_list, create_provider_row (self, rate, left_out));
      shown++;
    }
  if (more > 0)
    gtk_list_box_append (self->providers_list, create_more_row (self, more));
}

/* The reference page's instance summary, over the offers in the statistics */
static void
update_summary (RwGpuPage *self)
{
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (self->catalog, rw_gpu_get_id (self->gpu));
  RwInstanceSummary summary;
  g_autofree char *bundle = NULL;
  g_autofree char *lowest = NULL;
  g_autofree char *shapes = NULL;
  g_autofree char *who = NULL;

  rw_instance_summary ((RwOffer **) offers->pdata, offers->len, pricing_mask (self), &summary);
  bundle = rw_ui_format_rate (summary.cheapest_bundle_hr);
  lowest = rw_ui_format_rate (summary.lowest_per_gpu_hr);
  {
    g_autofree char *p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u provider",
                                                       "%u providers", summary.providers),
                                          summary.providers);
    g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u shape", "%u shapes",
                                                       summary.shapes), summary.shapes);
    /* TRANSLATORS: "12 providers · 31 shapes" */
    shapes = g_strdup_printf (_("%s · %s"), p, n);
  }
  if (summary.cheapest_bundle_provider != NULL)
    {
      g_autofree char *name =
        rw_text_sanitize (provider_name (self, summary.cheapest_bundle_provider));

      /* TRANSLATORS: the cheapest whole offer: "Lambda · 1 GPU" */
      who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u GPU", "%s · %u GPUs",
                                          summary.cheapest_bundle_gpus),
                             name, summary.cheapest_bundle_gpus);
    }
  gtk_label_set_text (self->bundle_label, bundle);
  adw_action_row_set_subtitle (self->bundle_row, who ? who : "");
  gtk_label_set_text (self->lowest_label, lowest);
  gtk_label_set_text (self->shapes_label, shapes);
}

static gboolean
providers_visible (RwGpuPage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "providers") == 0;
}

static void
update_prices (RwGpuPage *self)
{
  GPtrArray *offers;
  g_autoptr(RwPriceStats) stats = NULL;

  clear_provider_rows (self);
  if (self->gpu == NULL)
    return;

  offers = rw_catalog_get_offers_for_gpu (self->catalog, rw_gpu_get_id (self->gpu));
  stats = compute_stats (self);

  gtk_widget_set_visible (self->periods_box, stats->providers > 0);
  gtk_widget_set_visible (self->range_group, stats->providers > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spread_label), stats->providers > 0);

  if (stats->providers == 0)
    {
      gtk_label_set_text (self->from_label, offers->len > 0
                                              ? _("No on-demand offers in this catalog")
                                              : _("No offers in this catalog"));
      if (stats->left_out->len == 0)
        {
          gtk_stack_set_visible_child_name (self->providers_stack, "empty");
          return;
        }
    }
  else

  {
    g_autofree char *hr = rw_format_usd (stats->cheapest_hr, 2);
    g_autofree char *from = NULL;
    gboolean spot = FALSE;

    /* a spot rate can be stopped at any time: say so where it is the headline price */
    for (guint i = 0; i < stats->rates->len; i++)
      {
        const RwProviderRate *r = &g_array_index (stats->rates, RwProviderRate, i);

        if (g_strcmp0 (r->provider, stats->cheapest_provider) == 0)
          spot = r->pricing == RW_PRICING_SPOT;
      }
    if (spot)
      /* TRANSLATORS: the cheapest rate when it is a spot (interruptible) price */
      from = g_strdup_printf (_("From %s/hr (spot)"), hr);
    else
      from = g_strdup_printf (_("From %s/hr"), hr);
    g_autofree char *day = rw_format_usd (stats->per_day, 2);
    g_autofree char *week = rw_format_usd (stats->per_week, 2);
    g_autofree char *month = rw_format_usd (stats->per_month, 2);
    g_autofree char *spread = NULL;

    gtk_label_set_text (self->from_label, from);
    gtk_label_set_text (self->per_day_label, day);
    gtk_label_set_text (self->per_week_label, week);
    gtk_label_set_text (self->per_month_label, month);

    if (stats->providers == 1)
      spread = g_strdup (_("1 provider"));
    else
      /* TRANSLATORS: "10 providers · up to 84% cheaper at the low end" */
      spread = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u provider · up to %.0f%% cheaper at the low end",
                                             "%u providers · up to %.0f%% cheaper at the low end",
                                             stats->providers),
                                stats->providers, round (stats->spread * 100));
    if (stats->suspect > 0)
      {
        /* TRANSLATORS: appended to the spread line: "… · 1 suspect price left out" */
        g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u suspect price left out",
                                                                  "%u suspect prices left out",
                                                                  stats->suspect),
                                                     stats->suspect);
        g_autofree char *joined = g_strdup_printf ("%s · %s", spread, left_out);

        g_free (spread);
        spread = g_steal_pointer (&joined);
      }
    gtk_label_set_text (self->spread_label, spread);
  }

  update_summary (self);
  set_label_rate (self->cheapest_label, stats->cheapest_hr);
  set_label_rate (self->median_label, stats->median_hr);
  set_label_rate (self->dearest_label, stats->most_expensive_hr);
  set_row_provider (self->cheapest_row, self, stats->cheapest_provider);
  set_row_provider (self->dearest_row, self, stats->most_expensive_provider);
  adw_action_row_set_subtitle (self->median_row,
                               g_dngettext (GETTEXT_PACKAGE, "Of one provider’s best rate",
                                            "Of the providers’ best rates", stats->providers));

  /* the rows, only when they are shown: a hidden page of the stack is measured all the same */
  if (providers_visible (self))
    fill_provider_rows (self, stats);
  else
    self->stale_views |= VIEW_PROVIDERS;
  gtk_stack_set_visible_child_name (self->providers_stack, "list");
}

static void
update_specs (RwGpuPage *self)
{
  RwGpu *gpu = self->gpu;
  g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (gpu));
  g_autofree char *arch = rw_gpu_get_architecture (gpu)
                            ? rw_text_sanitize (rw_gpu_get_architecture (gpu))
                            : g_strdup (_("unknown"));
  g_autofree char *vendor = rw_text_sanitize (rw_gpu_get_vendor (gpu));
  g_autofree char *vram = rw_ui_format_gb (rw_gpu_get_vram_gb (gpu));
  g_autofree char *tdp = NULL;
  g_autofree char *msrp = NULL;
  g_autofree char *bandwidth = NULL;
  g_autofree char *specs = NULL;
  g_autofree char *aliases = NULL;

  tdp = rw_gpu_get_tdp_w (gpu) >= 0 ? g_strdup_printf (_("%g W"), rw_gpu_get_tdp_w (gpu))
                                    : g_strdup (_("unknown"));
  {
    const char *source = NULL, *date = NULL;
    gboolean estimate = FALSE;
    double usd = rw_gpu_get_purchase_price (gpu, &estimate, &source, &date);
    g_autofree char *price = usd >= 0 ? rw_format_usd (usd, 0) : NULL;

    if (usd < 0)
      msrp = g_strdup (_("unknown"));
    else if (estimate)
      {
        g_autoptr(GUri) uri = source ? g_uri_parse (source, G_URI_FLAGS_NONE, NULL) : NULL;
        g_autofree char *host = uri && g_uri_get_host (uri)
                                  ? rw_text_sanitize (g_uri_get_host (uri))
                                  : g_strdup (_("no source"));
        g_autofree char *day = rw_history_format_iso_day (date);

        /* TRANSLATORS: a purchase price that is a dated street-price estimate:
         * "about $9,000, estimate, example.com, 1 May 2026 UTC" */
        msrp = g_strdup_printf (_("about %s, estimate, %s, %s"), price, host,
                                day ? day : _("undated"));
      }
    else
      msrp = g_steal_pointer (&price);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->msrp_row),
                                   estimate ? _("Purchase price") : _("MSRP"));
    gtk_label_set_wrap (self->msrp_label, TRUE);
    gtk_label_set_xalign (self->msrp_label, 1.0);
  }
  bandwidth = rw_gpu_get_memory_bandwidth_gbps (gpu) >= 0
              ? g_strdup_printf (_("%g GB/s"), rw_gpu_get_memory_bandwidth_gbps (gpu))
              : g_strdup (_("unknown"));
  if (vendor[0] != '\0')
    /* TRANSLATORS: "NVIDIA · Ada Lovelace · 48 GB VRAM" */
    specs = g_strdup_printf (_("%s · %s · %s VRAM"), vendor, arch, vram);
  else
    /* TRANSLATORS: "Ada Lovelace · 48 GB VRAM" */
    specs = g_strdup_printf (_("%s · %s VRAM"), arch, vram);
  if (rw_gpu_get_aliases (gpu) != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) rw_gpu_get_aliases (gpu));
      aliases = rw_text_sanitize (joined);
    }

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->view_gpu_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_gpu_label), name);
  gtk_label_set_text (self->specs_label, specs);
  /* issue 20: the largest model it serves and trains on one GPU (docs/FIT.md) */
  {
    RwWorkloadSummary summary;
    g_autofree char *line = NULL;
    g_autofree char *text = NULL;

    rw_train_suitable_workloads (self->catalog, gpu, &summary);
    line = rw_train_summary_text (&summary);
    /* TRANSLATORS: "Suitable workloads: Runs 70B inference at INT4; LoRA up to 14B; …" */
    text = g_strdup_printf (_("Suitable workloads: %s"), line);
    gtk_label_set_text (self->workloads_label, text);
  }
  gtk_label_set_text (self->arch_label, arch);
  gtk_label_set_text (self->vram_label, vram);
  gtk_label_set_text (self->tdp_label, tdp);
  gtk_label_set_text (self->msrp_label, msrp);
  gtk_label_set_text (self->bandwidth_label, bandwidth);
  adw_action_row_set_subtitle (self->aliases_row, aliases ? aliases : "");
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_row), aliases != NULL && aliases[0] != '\0');
  rw_gpu_page_update_freshness (self);
}

static void
update_history (RwGpuPage *self)
{
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GArray) points = NULL;

  if (self->gpu == NULL || self->catalog == NULL)
    {
      rw_chart_clear (self->history_chart);
      return;
    }
  merged = rw_history_merge (self->catalog, self->history, rw_gpu_get_id (self->gpu));
  points = g_array_sized_new (FALSE, FALSE, sizeof (RwChartPoint), merged->len);
  for (guint i = 0; i < merged->len; i++)
    {
      RwHistoryPointData *h = &g_array_index (merged, RwHistoryPointData, i);
      RwChartPoint p = { (double) h->date, h->median_hr, h->min_hr, h->max_hr, h->providers };

      g_array_append_val (points, p);
    }
  rw_chart_set_series (self->history_chart, 0, _("median"), (RwChartPoint *)points->data,
                       points->len);
  {
    g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (self->gpu));
    g_autofree char *why = NULL;

    /* without history: say why in one line, and offer no ranges to choose from */
    if (points->len == 0)
      /* TRANSLATORS: the price history's empty state */
      why = g_strdup_printf (_("No price history for the %s: the catalog’s history covers "
                               "other GPUs, and Rentwise records a point each day it fetches "
                               "live prices."), name);
    else
      why = g_strdup (_("Not enough price history yet: one day so far. Rentwise records a point "
                         "each day it fetches live prices."));
    rw_chart_set_empty_text (self->history_chart, why);
    gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->range_1m)), points->len >= 2);
  }
}

static void
on_range_toggled (RwGpuPage *self)
{
  double days = 0;

  if (gtk_toggle_button_get_active (self->range_1m))
    days = 31;
  else if (gtk_toggle_button_get_active (self->range_3m))
    days = 92;
  else if (gtk_toggle_button_get_active (self->range_1y))
    days = 366;
  rw_chart_set_window (self->history_chart, days);
}

static void
rw_gpu_page_dispose (GObject *object)
{
  RwGpuPage *self = (RwGpuPage *) object;

  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_GPU_PAGE);
  g_clear_object (&self->catalog);
  g_clear_object (&self->gpu);
  g_clear_object (&self->history);
  g_clear_object (&self->session);
  g_clear_object (&self->link_group);

  G_OBJECT_CLASS (rw_gpu_page_parent_class)->dispose (object);
}

static void
rw_gpu_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RwGpuPage *self = RW_GPU_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SPOT:
      g_value_set_boolean (value, self->include_spot);
      break;
    case PROP_INCLUDE_SUSPECT:
      g_value_set_boolean (value, self->include_suspect);
      break;
    case PROP_CONTEXT:
      g_value_set_uint (value, self->models_view ? rw_models_view_get_context (self->models_view)
                                                 : self->context);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_gpu_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RwGpuPage *self = RW_GPU_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SPOT:
      rw_gpu_page_set_include_spot (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDE_SUSPECT:
      rw_gpu_page_set_include_suspect (self, g_value_get_boolean (value));
      break;
    case PROP_CONTEXT:
      if (self->models_view != NULL)
        rw_models_view_set_context (self->models_view, g_value_get_uint (value));
      else if (self->context != CLAMP (g_value_get_uint (value), 1, 1u << 30))
        {
          self->context = CLAMP (g_value_get_uint (value), 1, 1u << 30);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SESSION:
      rw_gpu_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_gpu_page_class_init (RwGpuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_gpu_page_dispose;
  object_class->get_property = rw_gpu_page_get_property;
  object_class->set_property = rw_gpu_page_set_property;
  widget_class->map = rw_gpu_page_map;
  widget_class->unmap = rw_gpu_page_unmap;

  properties[PROP_INCLUDE_SPOT] =
    g_param_spec_boolean ("include-spot", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_SUSPECT] =
    g_param_spec_boolean ("include-suspect", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_uint ("context", NULL, NULL, 1, 1u << 30, 8192,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the data on screen: its freshness and its price history (NULL: the catalog's own) */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RW_TYPE_INSTANCES_VIEW);
  g_type_ensure (RW_TYPE_CHART);
  g_type_ensure (RW_TYPE_RENT_VIEW);
  g_type_ensure (RW_TYPE_MODELS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-gpu-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RwGpuPage, name)
  BIND (stack);
  BIND (name_label);
  BIND (view_gpu_label);
  BIND (specs_label);
  BIND (workloads_label);
  BIND (from_label);
  BIND (periods_box);
  BIND (per_day_label);
  BIND (per_week_label);
  BIND (per_month_label);
  BIND (spread_label);
  BIND (range_group);
  BIND (cheapest_row);
  BIND (median_row);
  BIND (dearest_row);
  BIND (cheapest_label);
  BIND (median_label);
  BIND (dearest_label);
  BIND (spot_switch);
  BIND (arch_label);
  BIND (vram_label);
  BIND (bandwidth_label);
  BIND (tdp_label);
  BIND (msrp_label);
  BIND (aliases_row);
  BIND (freshness_label);
  BIND (spot_group);
  BIND (specs_group);
  BIND (freshness_group);
  BIND (providers_stack);
  BIND (providers_list);
  BIND (suspect_switch);
  BIND (kind_dropdown);
  BIND (bundle_row);
  BIND (bundle_label);
  BIND (lowest_label);
  BIND (shapes_label);
  BIND (msrp_row);
  BIND (instances_bin);
  BIND (models_bin);
  BIND (rent_bin);
  BIND (history_chart);
  BIND (range_1m);
  BIND (range_3m);
  BIND (range_1y);
  BIND (range_all);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_range_toggled);
}


static void
on_context_notify (RwGpuPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void name_for_screen_readers (GtkWidget *widget,
                                     gboolean   in_chooser);

/* Each of these views is made the first time it is shown: fewer widgets to build, measure
 * and lay out before the first frame */
static void
ensure_view (RwGpuPage *self,
             guint      view)
{
  if (view == VIEW_INSTANCES && self->instances_view == NULL)
    {
      self->instances_view = RW_INSTANCES_VIEW (rw_instances_view_new ());
      adw_bin_set_child (self->instances_bin, GTK_WIDGET (self->instances_view));
      name_for_screen_readers (GTK_WIDGET (self->instances_view), FALSE);
    }
  else if (view == VIEW_MODELS && self->models_view == NULL)
    {
      self->models_view = RW_MODELS_VIEW (rw_models_view_new ());
      rw_models_view_set_context (self->models_view, self->context);
      adw_bin_set_child (self->models_bin, GTK_WIDGET (self->models_view));
      name_for_screen_readers (GTK_WIDGET (self->models_view), FALSE);
      g_signal_connect_object (self->models_view, "notify::context", G_CALLBACK (on_context_notify),
                               self, G_CONNECT_SWAPPED);
    }
  else if (view == VIEW_RENT && self->rent_view == NULL)
    {
      self->rent_view = RW_RENT_VIEW (rw_rent_view_new ());
      rw_rent_view_set_include_spot (self->rent_view, self->include_spot);
      adw_bin_set_child (self->rent_bin, GTK_WIDGET (self->rent_view));
      name_for_screen_readers (GTK_WIDGET (self->rent_view), FALSE);
    }
}

/* What GTK 4.8 and libadwaita 1.2 leave a screen reader without a name, in the views made
 * below: a drop-down's button ("GtkToggleButton") takes the drop-down's tooltip, which says
 * what it chooses; the item shown inside a drop-down or combo row is no stop of its own (the
 * button or the row is); a button with a mnemonic is named "_Reset Reset" and gets its label
 * without the underscore. The choices in a drop-down's popover keep their own names. */
static void
name_for_screen_readers (GtkWidget *widget,
                         gboolean   in_chooser)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean inside = in_chooser;

      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_DROP_DOWN (child) || ADW_IS_COMBO_ROW (child))
        {
          GtkWidget *button = gtk_widget_get_first_child (child);
          const char *what = gtk_widget_get_tooltip_text (child);

          inside = TRUE;
          if (GTK_IS_DROP_DOWN (child) && GTK_IS_TOGGLE_BUTTON (button) && what != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            what, -1);
        }
      else if (inside && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) ==
                           GTK_ACCESSIBLE_ROLE_LIST_ITEM)
        gtk_widget_set_focusable (child, FALSE);
      else if (GTK_IS_BUTTON (child) && gtk_button_get_use_underline (GTK_BUTTON (child)) &&
               gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          g_autoptr(GString) plain = g_string_new (NULL);

          for (const char *c = gtk_button_get_label (GTK_BUTTON (child)); *c != '\0'; c++)
            if (*c != '_' || c[1] == '_')
              g_string_append_c (plain, *c == '_' ? *++c : *c);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          plain->str, -1);
        }
      name_for_screen_readers (child, inside);
    }
}

/* A provider row without a link: Instances, filtered to that provider's offers */
static void
show_provider_offers (AdwActionRow *row,
                      RwGpuPage    *self)
{
  const char *provider = g_object_get_data (G_OBJECT (row), "provider");

  /* showing the view fills it for this GPU (fill_visible_view), then the filter is set */
  adw_view_stack_set_visible_child_name (self->stack, "instances");
  if (self->instances_view != NULL && provider != NULL)
    rw_instances_view_show_provider (self->instances_view, provider);
}

static void
fill_visible_view (RwGpuPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  guint view;

  /* every view says which GPU it shows; the overview has it as its title */
  gtk_widget_set_visible (GTK_WIDGET (self->view_gpu_label),
                          self->gpu != NULL && g_strcmp0 (name, "overview") != 0);
  view = g_strcmp0 (name, "instances") == 0 ? VIEW_INSTANCES
             : g_strcmp0 (name, "models") == 0 ? VIEW_MODELS
             : g_strcmp0 (name, "rent") == 0 ? VIEW_RENT
             : g_strcmp0 (name, "providers") == 0 ? VIEW_PROVIDERS : 0;

  if (view == 0)
    return;
  if (view == VIEW_PROVIDERS)
    {
      if ((self->stale_views & VIEW_PROVIDERS) != 0 && self->gpu != NULL)
        {
          g_autoptr(RwPriceStats) stats = compute_stats (self);

          self->stale_views &= ~VIEW_PROVIDERS;
          if (stats->providers > 0)
            fill_provider_rows (self, stats);
        }
      return;
    }
  ensure_view (self, view);
  if ((self->stale_views & view) == 0)
    return;
  self->stale_views &= ~view;
  if (view == VIEW_INSTANCES)
    rw_instances_view_set_gpu (self->instances_view, self->catalog, self->gpu);
  else if (view == VIEW_MODELS)
    rw_models_view_set_gpu (self->models_view, self->catalog, self->gpu);
  else
    rw_rent_view_set_gpu (self->rent_view, self->catalog, self->gpu);
  /* a new GPU can give a drop-down new items */
  name_for_screen_readers (view == VIEW_INSTANCES ? GTK_WIDGET (self->instances_view)
                           : view == VIEW_MODELS ? GTK_WIDGET (self->models_view)
                           : GTK_WIDGET (self->rent_view), FALSE);
}


/* The overview's groups below the fold (spot switch, specifications, freshness) are shown
 * after the page's first frame, one per frame: at start-up that frame then measures and lays
 * out only what can be on screen, and no later frame takes on all of the rest. A window tall
 * enough to show them sees them a few frames later. */
static void
show_lower_groups (GdkFrameClock *clock,
                   RwGpuPage     *self)
{
  GtkWidget *groups[] = { self->spot_group, self->specs_group, self->freshness_group };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (!gtk_widget_get_visible (groups[i]))
      {
        gtk_widget_set_visible (groups[i], TRUE);
        if (i + 1 < G_N_ELEMENTS (groups))
          return;   /* the next one after the next frame */
      }
  g_clear_signal_handler (&self->after_paint_id, clock);
}

static void
rw_gpu_page_map (GtkWidget *widget)
{
  RwGpuPage *self = RW_GPU_PAGE (widget);

  GTK_WIDGET_CLASS (rw_gpu_page_parent_class)->map (widget);
  if (!gtk_widget_get_visible (self->freshness_group) && self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                             G_CALLBACK (show_lower_groups), self);
}

static void
rw_gpu_page_unmap (GtkWidget *widget)
{
  RwGpuPage *self = RW_GPU_PAGE (widget);

  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (rw_gpu_page_parent_class)->unmap (widget);
}

static void
rw_gpu_page_init (RwGpuPage *self)
{
  self->include_spot = TRUE;
  self->link_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the provider-kind drop-down's button is named by its tooltip, like the views' ones */
  name_for_screen_readers (gtk_widget_get_parent (GTK_WIDGET (self->kind_dropdown)), FALSE);
  /* per day, week, month: figures to read, not a choice to make (a screen reader stopped on
   * each as an unnamed "GtkFlowBoxChild") */
  for (GtkWidget *child = gtk_widget_get_first_child (self->periods_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  /* nor the flow box itself: GTK 4.8's flow box "takes" Tab for a child that cannot take the
   * focus, so Tab stopped there for good (newcomer report 4, defect 1) */
  gtk_widget_set_can_focus (self->periods_box, FALSE);

  g_object_bind_property (self, "include-spot", self->spot_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "include-suspect", self->suspect_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (update_prices),
                           self, G_CONNECT_SWAPPED);
  self->context = RW_DEFAULT_CONTEXT;
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (fill_visible_view), self, G_CONNECT_SWAPPED);
}

/**
 * rw_gpu_page_update_freshness:
 *
 * Writes the freshness line again (from the session's `data-time` and `data-source` when
 * the page has a session; it follows their changes itself)
 */
void
rw_gpu_page_update_freshness (RwGpuPage *self)
{
  g_autofree char *freshness = NULL;

  g_return_if_fail (RW_IS_GPU_PAGE (self));

  if (self->catalog == NULL)
    return;
  freshness = format_freshness (self->session, self->catalog);
  gtk_label_set_text (self->freshness_label, freshness);
}

GtkWidget *
rw_gpu_page_new (void)
{
  return g_object_new (RW_TYPE_GPU_PAGE, NULL);
}

void
rw_gpu_page_set_gpu (RwGpuPage *self,
                     RwCatalog *catalog,
                     RwGpu     *gpu)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));
  g_return_if_fail (gpu == NULL || RW_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  if (g_set_object (&self->gpu, gpu))
    self->show_all_providers = FALSE;

  if (gpu != NULL)
    update_specs (self);
  self->stale_views = VIEW_INSTANCES | VIEW_MODELS | VIEW_RENT;
  update_prices (self);
  update_history (self);
  fill_visible_view (self);
}

RwGpu *
rw_gpu_page_get_gpu (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), NULL);
  return self->gpu;
}

AdwViewStack *
rw_gpu_page_get_stack (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), NULL);
  return self->stack;
}

gboolean
rw_gpu_page_get_include_spot (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), TRUE);
  return self->include_spot;
}

void
rw_gpu_page_set_include_spot (RwGpuPage *self,
                              gboolean   include_spot)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));

  include_spot = !!include_spot;
  if (self->include_spot == include_spot)
    return;
  self->include_spot = include_spot;
  update_prices (self);
  if (self->rent_view != NULL)
    rw_rent_view_set_include_spot (self->rent_view, include_spot);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SPOT]);
}

gboolean
rw_gpu_page_get_include_suspect (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), FALSE);
  return self->include_suspect;
}

/* Whether suspect prices count in the statistics (they are listed either way) */
void
rw_gpu_page_set_include_suspect (RwGpuPage *self,
                                 gboolean   include_suspect)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));

  include_suspect = !!include_suspect;
  if (self->include_suspect == include_suspect)
    return;
  self->include_suspect = include_suspect;
  update_prices (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SUSPECT]);
}

/**
 * rw_gpu_page_set_history_store:
 * @store: (nullable): the local price history, merged with the catalog's
 */
void
rw_gpu_page_set_history_store (RwGpuPage      *self,
                               RwHistoryStore *store)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));

  if (g_set_object (&self->history, store))
    update_history (self);
}

RwChart *
rw_gpu_page_get_history_chart (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), NULL);
  return self->history_chart;
}

/* Adds @widget under the freshness line ("What changed", issue 19) */
void
rw_gpu_page_add_freshness_widget (RwGpuPage *self,
                                  GtkWidget *widget)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->freshness_group), widget);
}

static void
on_session_history (RwGpuPage *self)
{
  rw_gpu_page_set_history_store (self, rw_session_get_history (self->session));
}

/**
 * rw_gpu_page_set_session:
 * @session: (nullable): the data on screen
 *
 * The page follows @session: its freshness line its `data-time` and `data-source`, its
 * price-history chart its `history`. The GPU and its catalog still come with
 * rw_gpu_page_set_gpu() (the window follows the session's `catalog`).
 */
void
rw_gpu_page_set_session (RwGpuPage *self,
                         RwSession *session)
{
  g_return_if_fail (RW_IS_GPU_PAGE (self));
  g_return_if_fail (session == NULL || RW_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::data-time",
                               G_CALLBACK (rw_gpu_page_update_freshness), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::data-source",
                               G_CALLBACK (rw_gpu_page_update_freshness), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::history",
                               G_CALLBACK (on_session_history), self, G_CONNECT_SWAPPED);
      on_session_history (self);
    }
  rw_gpu_page_update_freshness (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RwSession *
rw_gpu_page_get_session (RwGpuPage *self)
{
  g_return_val_if_fail (RW_IS_GPU_PAGE (self), NULL);
  return self->session;
}
