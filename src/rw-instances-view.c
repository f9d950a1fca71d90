/* rw-instances-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * offers → filter (provider, pricing) → sort (the column view's sorter) → selection, shown
 * as a table or, where the table does not fit (below ~520 px), as a list of offers that
 * share the selection. Numbers sort numerically; unknown values (vCPU, RAM, disk) show as "—".
 *
 * No number is ever cut: number cells are labels, which ask for their whole text, so a
 * column is at least as wide as its widest visible number; text cells are inscriptions that
 * end in "…" and carry the whole text as a tooltip. The price columns come right after the
 * provider, so at any width the column the table is sorted by is on screen.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rw-format.h"
#include "rw-instances-view.h"
#include "rw-stats.h"
#include "rw-ui-format.h"

typedef enum {
  COL_PROVIDER,
  COL_INSTANCE,
  COL_GPUS,
  COL_VCPUS,
  COL_RAM,
  COL_DISK,
  COL_REGION,
  COL_PRICING,
  COL_PRICE,
  COL_PER_GPU,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  gboolean    numeric;
  gboolean    expand;
} columns[N_COLUMNS] = {
  [COL_PROVIDER] = { N_("Provider"), FALSE, FALSE },
  [COL_INSTANCE] = { N_("Instance"), FALSE, TRUE },
  [COL_GPUS] = { N_("GPUs"), TRUE, FALSE },
  [COL_VCPUS] = { N_("vCPU"), TRUE, FALSE },
  [COL_RAM] = { N_("RAM"), TRUE, FALSE },
  [COL_DISK] = { N_("Disk"), TRUE, FALSE },
  [COL_REGION] = { N_("Region"), FALSE, FALSE },
  [COL_PRICING] = { N_("Pricing"), FALSE, FALSE },
  [COL_PRICE] = { N_("$/hr"), TRUE, FALSE },
  [COL_PER_GPU] = { N_("$/hr per GPU"), TRUE, FALSE },
};

/* The order on screen: prices first, so that they are visible at any width. The Column
 * enum is the order of a copied row. */
static const Column display_order[N_COLUMNS] = {
  COL_PROVIDER, COL_PER_GPU, COL_PRICE, COL_GPUS, COL_PRICING, COL_INSTANCE, COL_REGION,
  COL_VCPUS, COL_RAM, COL_DISK,
};

/* Natural width of a text column in characters: at least this, or the longest text */
static const guint text_min_chars[N_COLUMNS] = {
  [COL_PROVIDER] = 8, [COL_INSTANCE] = 12, [COL_REGION] = 6, [COL_PRICING] = 7,
};
#define TEXT_MAX_CHARS 36

struct _RwInstancesView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkDropDown        *provider_dropdown;
  GtkDropDown        *pricing_dropdown;
  GtkLabel           *count_label;
  GtkWidget          *copy_button;
  GtkColumnView      *column_view;
  GtkScrolledWindow  *table_scroller;
  GtkListView        *list_view;
  GtkScrolledWindow  *list_scroller;

  /* Owned */
  RwCatalog          *catalog;
  GListStore         *offers;
  GtkStringList      *provider_names;
  GPtrArray          *provider_ids;    /* parallel to provider_names, [0] = all */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  guint               nat_chars[N_COLUMNS];   /* text columns: the longest text shown */
};

G_DEFINE_FINAL_TYPE (RwInstancesView, rw_instances_view, ADW_TYPE_BIN)

static const char *
provider_name (RwInstancesView *self,
               const char      *id)
{
  return self->catalog ? rw_catalog_get_provider_name (self->catalog, id) : id;
}

static char *
cell_text (RwInstancesView *self,
           RwOffer         *offer,
           Column           column)
{
  switch (column)
    {
    case COL_PROVIDER:
      return rw_text_sanitize (provider_name (self, rw_offer_get_provider (offer)));
    case COL_INSTANCE: return rw_text_sanitize (rw_offer_get_instance (offer));
    case COL_GPUS: return g_strdup_printf ("%u×", rw_offer_get_gpu_count (offer));
    case COL_VCPUS: return rw_ui_format_count (rw_offer_get_vcpus (offer));
    case COL_RAM: return rw_ui_format_gb (rw_offer_get_ram_gb (offer));
    case COL_DISK: return rw_ui_format_gb (rw_offer_get_disk_gb (offer));
    case COL_REGION:
      return rw_offer_get_region (offer) ? rw_text_sanitize (rw_offer_get_region (offer))
                                         : g_strdup ("—");
    case COL_PRICING:
      /* flagged prices say so (docs/PRICES.md); they are out of the page's statistics */
      if (rw_offer_get_suspect (offer))
        /* TRANSLATORS: a pricing kind and a warning: "spot · suspect" */
        return g_strdup_printf (_("%s · suspect"),
                                rw_pricing_to_label (rw_offer_get_pricing (offer)));
      if (rw_offer_get_gpu_only (offer))
        /* TRANSLATORS: a pricing kind and a warning: "on-demand · GPU only" */
        return g_strdup_printf (_("%s · GPU only"),
                                rw_pricing_to_label (rw_offer_get_pricing (offer)));
      return g_strdup (rw_pricing_to_label (rw_offer_get_pricing (offer)));
    case COL_PRICE: return rw_ui_format_rate (rw_offer_get_price_hr (offer));
    case COL_PER_GPU: return rw_ui_format_rate (rw_offer_get_per_gpu_hr (offer));
    case N_COLUMNS:
    default: g_assert_not_reached ();
    }
}

/* Sorting reads the fields directly: a GtkNumericSorter over a property expression boxes a
 * GValue per comparison, 10× slower at the 100× catalog's 28 000 offers of one GPU */
#define INCREMENTAL_SORT_ROWS 5000

static gboolean
is_ascii (const char *s)
{
  for (; *s; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* g_utf8_collate() normalizes and allocates on every call: 0.3 s to sort the 100× catalog's
 * 28 000 offers of one GPU by provider. Names are nearly always ASCII: those compare without
 * case, then with it; only the others go through the locale's collation. */
static int
compare_strings (const char *a,
                 const char *b)
{
  int result;

  a = a ? a : "";
  b = b ? b : "";
  if (!is_ascii (a) || !is_ascii (b))
    return g_utf8_collate (a, b);
  result = g_ascii_strcasecmp (a, b);
  return result != 0 ? result : strcmp (a, b);
}

static int
compare_numbers (double a,
                 double b)
{
  return (a > b) - (a < b);
}

static int
compare_offers (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  RwOffer *x = (RwOffer *) a, *y = (RwOffer *) b;
  int result;

  switch ((Column) GPOINTER_TO_UINT (user_data))
    {
    case COL_PROVIDER:
      result = compare_strings (rw_offer_get_provider (x), rw_offer_get_provider (y));
      break;
    case COL_INSTANCE:
      result = compare_strings (rw_offer_get_instance (x), rw_offer_get_instance (y));
      break;
    case COL_GPUS:
      result = compare_numbers (rw_offer_get_gpu_count (x), rw_offer_get_gpu_count (y));
      break;
    case COL_VCPUS:
      result = compare_numbers (rw_offer_get_vcpus (x), rw_offer_get_vcpus (y));
      break;
    case COL_RAM:
      result = compare_numbers (rw_offer_get_ram_gb (x), rw_offer_get_ram_gb (y));
      break;
    case COL_DISK:
      result = compare_numbers (rw_offer_get_disk_gb (x), rw_offer_get_disk_gb (y));
      break;
    case COL_REGION:
      result = compare_strings (rw_offer_get_region (x), rw_offer_get_region (y));
      break;
    case COL_PRICING:
      result = compare_numbers (rw_offer_get_pricing (x), rw_offer_get_pricing (y));
      break;
    case COL_PRICE:
      result = compare_numbers (rw_offer_get_price_hr (x), rw_offer_get_price_hr (y));
      break;
    case COL_PER_GPU:
    case N_COLUMNS:
    default:
      result = compare_numbers (rw_offer_get_per_gpu_hr (x), rw_offer_get_per_gpu_hr (y));
      break;
    }
  /* ties in a stable, useful order: cheaper per GPU first */
  if (result == 0)
    result = compare_numbers (rw_offer_get_per_gpu_hr (x), rw_offer_get_per_gpu_hr (y));
  return result > 0 ? GTK_ORDERING_LARGER : result < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;
}

guint
rw_instances_view_get_n_columns (void)
{
  return N_COLUMNS;
}

/* The sorter of one column, as the table uses it (the benchmark measures this one) */
GtkSorter *
rw_instances_view_new_sorter (guint column)
{
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (compare_offers, GUINT_TO_POINTER (column), NULL));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell;

  if (columns[column].numeric)
    {
      /* a label asks for its whole text: the column is never narrower than a number */
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), 1.0);
      gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
      gtk_widget_add_css_class (cell, "numeric");
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), text_min_chars[column]);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  RwInstancesView *self = user_data;
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  g_autofree char *text = cell_text (self, gtk_list_item_get_item (item), column);
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (columns[column].numeric)
    {
      gtk_label_set_text (GTK_LABEL (cell), text);
      return;
    }
  /* as wide as the longest text (up to TEXT_MAX_CHARS): the table scrolls sideways before it
   * cuts a word, and the prices come first */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), self->nat_chars[column]);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), self->nat_chars[column]);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  /* the whole text, wherever the column cuts it */
  gtk_widget_set_tooltip_text (cell, text);
}

/* The list at narrow widths: provider and $/hr per GPU, then GPUs, pricing and $/hr */
static void
setup_list_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *provider = gtk_label_new (NULL);
  GtkWidget *per_gpu = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  gtk_label_set_xalign (GTK_LABEL (provider), 0);
  gtk_label_set_ellipsize (GTK_LABEL (provider), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (provider, TRUE);
  gtk_widget_add_css_class (provider, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  for (GtkWidget **l = (GtkWidget *[]) { per_gpu, price, NULL }; *l; l++)
    {
      gtk_label_set_xalign (GTK_LABEL (*l), 1);
      gtk_widget_add_css_class (*l, "numeric");
    }
  gtk_widget_add_css_class (per_gpu, "heading");
  gtk_widget_add_css_class (price, "dim-label");

  gtk_grid_attach (GTK_GRID (grid), provider, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), per_gpu, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), detail, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), price, 1, 1, 1, 1);
  gtk_list_item_set_child (item, grid);
}

static void
bind_list_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RwInstancesView *self = user_data;
  RwOffer *offer = gtk_list_item_get_item (item);
  GtkGrid *grid = GTK_GRID (gtk_list_item_get_child (item));
  g_autofree char *provider = cell_text (self, offer, COL_PROVIDER);
  g_autofree char *per_gpu_rate = cell_text (self, offer, COL_PER_GPU);
  g_autofree char *price_rate = cell_text (self, offer, COL_PRICE);
  g_autofree char *per_gpu = NULL;
  g_autofree char *price = NULL;
  g_autofree char *detail = NULL;
  guint count = rw_offer_get_gpu_count (offer);

  /* TRANSLATORS: "$0.19/hr per GPU" in the narrow list of offers */
  per_gpu = g_strdup_printf (_("%s per GPU"), per_gpu_rate);
  /* TRANSLATORS: the whole offer's price in the narrow list, "$0.77/hr in all" */
  price = g_strdup_printf (_("%s in all"), price_rate);
  /* TRANSLATORS: "4 GPUs · on-demand" */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u GPU · %s", "%u GPUs · %s", count),
                            count, rw_pricing_to_label (rw_offer_get_pricing (offer)));
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 0)), provider);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 0)), per_gpu);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 1)), detail);
  gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, 1)), price);
  gtk_widget_set_visible (gtk_grid_get_child_at (grid, 1, 1), count > 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (grid), provider);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RwInstancesView *self = user_data;
  RwOffer *offer = item;
  guint provider = gtk_drop_down_get_selected (self->provider_dropdown);
  guint pricing = gtk_drop_down_get_selected (self->pricing_dropdown);

  if (provider != GTK_INVALID_LIST_POSITION && provider > 0 && provider < self->provider_ids->len &&
      g_strcmp0 (rw_offer_get_provider (offer), g_ptr_array_index (self->provider_ids, provider)) !=
        0)
    return FALSE;
  if (pricing != GTK_INVALID_LIST_POSITION && pricing > 0 &&
      rw_offer_get_pricing (offer) != (RwPricing) (pricing - 1))
    return FALSE;
  return TRUE;
}

/* Copy only with a row to copy */
static void
update_copy (RwInstancesView *self)
{
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "instances.copy-row", selected);
  gtk_widget_set_tooltip_text (self->copy_button, selected ? _("Copy the selected offer")
                                                           : _("Select an offer to copy it"));
}

/* A new sort shows the top of the table, not whatever row was in view. The lists scroll by
 * item ("list.scroll-to-item"), which needs no layout: the rows have just moved. */
static void
on_sort_changed (RwInstancesView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found)
        return found;
    }
  return NULL;
}

/* The provider list opens ready to type into: its search field has the focus */
static void
on_provider_popover_map (GtkWidget *popover)
{
  GtkWidget *search = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);

  if (search != NULL)
    gtk_widget_grab_focus (search);
}

static void
update_count (RwInstancesView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer", "%u offers", total), total);
  else
    /* TRANSLATORS: "3 of 12 offers" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u offer", "%u of %u offers",
                                         total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "table" : "empty");
  update_copy (self);
}

static void
on_filter_changed (RwInstancesView *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
copy_row_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rw_instances_view_copy_selected (RW_INSTANCES_VIEW (widget));
}

static void
rw_instances_view_dispose (GObject *object)
{
  RwInstancesView *self = (RwInstancesView *) object;

  /* the columns go with the table, and with them the sort: no scrolling then */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_sort_changed, self);
  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_INSTANCES_VIEW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->selection);
  g_clear_object (&self->offers);
  g_clear_object (&self->provider_names);
  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (rw_instances_view_parent_class)->dispose (object);
}

static void
rw_instances_view_class_init (RwInstancesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_instances_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-instances-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, stack);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, pricing_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RwInstancesView, list_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "instances.copy-row", NULL, copy_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "instances.copy-row", NULL);
}

static void
add_columns (RwInstancesView *self)
{
  GtkColumnViewColumn *default_sort = NULL;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      Column c = display_order[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkSorter *sorter;
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);

      sorter = rw_instances_view_new_sorter (c);

      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_append_column (self->column_view, column);
      if (c == COL_PER_GPU)
        default_sort = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }

  gtk_column_view_sort_by_column (self->column_view, default_sort, GTK_SORT_ASCENDING);
}

static void
rw_instances_view_init (RwInstancesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->offers = g_list_store_new (RW_TYPE_OFFER);
  self->provider_names = gtk_string_list_new (NULL);
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_model (self->provider_dropdown, G_LIST_MODEL (self->provider_names));

  add_columns (self);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->offers)),
                                              GTK_FILTER (self->filter));
  self->sorted =
    gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_list_row), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_list_row), self);
    gtk_list_view_set_factory (self->list_view, factory);
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    g_object_unref (factory);
  }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);

  /* the provider filter: type to find one */
  {
    GtkExpression *expression;

    expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    gtk_drop_down_set_expression (self->provider_dropdown, expression);
    gtk_expression_unref (expression);
  }
  gtk_drop_down_set_enable_search (self->provider_dropdown, TRUE);
  /* at 360 px, in German, at 150 % text: the filters shrink rather than widen the window */
  rw_ui_drop_down_ellipsize (self->provider_dropdown);
  rw_ui_drop_down_ellipsize (self->pricing_dropdown);
  {
    GtkWidget *popover = find_descendant (GTK_WIDGET (self->provider_dropdown), GTK_TYPE_POPOVER);

    if (popover != NULL)
      g_signal_connect (popover, "map", G_CALLBACK (on_provider_popover_map), NULL);
  }
  for (Column c = 0; c < N_COLUMNS; c++)
    self->nat_chars[c] = text_min_chars[c];

  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
rw_instances_view_new (void)
{
  return g_object_new (RW_TYPE_INSTANCES_VIEW, NULL);
}

typedef struct {
  char *id;
  char *name;
  char *key;   /* collation key of the name */
} ProviderChoice;

static void
provider_choice_free (gpointer data)
{
  ProviderChoice *choice = data;

  g_free (choice->id);
  g_free (choice->name);
  g_free (choice->key);
  g_free (choice);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const ProviderChoice *x = *(ProviderChoice * const *) a, *y = *(ProviderChoice * const *) b;

  return strcmp (x->key, y->key);
}

static void
grow_chars (RwInstancesView *self,
            Column           column,
            const char      *text)
{
  guint len = text ? (guint) g_utf8_strlen (text, -1) : 0;

  /* GtkInscription counts in the font's average character width: lower-case words and
   * wide letters ("on-demand", "Shadeform") take up to a fifth more */
  len += len / 5 + 1;

  self->nat_chars[column] = CLAMP (MAX (self->nat_chars[column], len), text_min_chars[column],
                                   TEXT_MAX_CHARS);
}

void
rw_instances_view_set_gpu (RwInstancesView *self,
                           RwCatalog       *catalog,
                           RwGpu           *gpu)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (provider_choice_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *offers;

  g_return_if_fail (RW_IS_INSTANCES_VIEW (self));

  g_set_object (&self->catalog, catalog);
  offers = catalog && gpu ? rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu)) : NULL;

  /* provider choices: "All providers", then each provider of this GPU by name; the text
   * columns as wide as their longest text (up to TEXT_MAX_CHARS) */
  for (Column c = 0; c < N_COLUMNS; c++)
    self->nat_chars[c] = text_min_chars[c];
  for (guint k = RW_PRICING_ON_DEMAND; k <= RW_PRICING_RESERVED; k++)
    grow_chars (self, COL_PRICING, rw_pricing_to_label (k));
  for (guint i = 0; offers != NULL && i < offers->len; i++)
    {
      RwOffer *offer = g_ptr_array_index (offers, i);
      const char *id = rw_offer_get_provider (offer);

      grow_chars (self, COL_INSTANCE, rw_offer_get_instance (offer));
      if (rw_offer_get_suspect (offer) || rw_offer_get_gpu_only (offer))
        {
          g_autofree char *pricing = cell_text (self, offer, COL_PRICING);
          grow_chars (self, COL_PRICING, pricing);
        }
      grow_chars (self, COL_REGION, rw_offer_get_region (offer));
      if (g_hash_table_add (seen, (gpointer) id))
        {
          ProviderChoice *choice = g_new0 (ProviderChoice, 1);

          choice->id = g_strdup (id);
          choice->name = rw_text_sanitize (provider_name (self, id));
          choice->key = g_utf8_collate_key (choice->name, -1);
          grow_chars (self, COL_PROVIDER, choice->name);
          g_ptr_array_add (choices, choice);
        }
    }
  g_ptr_array_sort (choices, compare_choices);

  g_ptr_array_set_size (self->provider_ids, 0);
  g_ptr_array_add (self->provider_ids, NULL);
  g_ptr_array_add (names, (gpointer) _("All providers"));
  for (guint i = 0; i < choices->len; i++)
    {
      ProviderChoice *choice = g_ptr_array_index (choices, i);

      g_ptr_array_add (self->provider_ids, g_strdup (choice->id));
      g_ptr_array_add (names, choice->name);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->provider_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->provider_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->provider_dropdown, 0);
  gtk_drop_down_set_selected (self->pricing_dropdown, 0);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* Past a few thousand rows a sort takes longer than a frame (40 ms for 28 000): sort those
   * in steps between frames instead of blocking the window */
  gtk_sort_list_model_set_incremental (self->sorted,
                                       offers != NULL && offers->len > INCREMENTAL_SORT_ROWS);
  g_list_store_splice (self->offers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->offers)),
                       offers ? offers->pdata : NULL, offers ? offers->len : 0);
  update_count (self);
}

/**
 * rw_instances_view_get_shown:
 *
 * Returns: (transfer none): the offers as shown: filtered and sorted
 */
GListModel *
rw_instances_view_get_shown (RwInstancesView *self)
{
  g_return_val_if_fail (RW_IS_INSTANCES_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* One row as tab-separated text, in column order */
char *
rw_instances_view_format_row (RwInstancesView *self,
                              RwOffer         *offer)
{
  g_autoptr(GString) row = g_string_new (NULL);

  g_return_val_if_fail (RW_IS_INSTANCES_VIEW (self), NULL);
  g_return_val_if_fail (RW_IS_OFFER (offer), NULL);

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *text = cell_text (self, offer, c);

      if (c > 0)
        g_string_append_c (row, '\t');
      g_string_append (row, text);
    }
  return g_string_free (g_steal_pointer (&row), FALSE);
}

gboolean
rw_instances_view_copy_selected (RwInstancesView *self)
{
  RwOffer *offer;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RW_IS_INSTANCES_VIEW (self), FALSE);

  offer = gtk_single_selection_get_selected_item (self->selection);
  if (offer == NULL)
    return FALSE;
  text = rw_instances_view_format_row (self, offer);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", _("Row copied"));
  return TRUE;
}

/**
 * rw_instances_view_show_provider:
 * @provider: a provider id
 *
 * Shows only @provider's offers (the provider filter set to it), as when a Providers row
 * without a pricing page is activated.
 *
 * Returns: FALSE when the shown GPU has no offer from @provider (the filter is unchanged)
 */
gboolean
rw_instances_view_show_provider (RwInstancesView *self,
                                 const char      *provider)
{
  g_return_val_if_fail (RW_IS_INSTANCES_VIEW (self), FALSE);
  g_return_val_if_fail (provider != NULL, FALSE);

  for (guint i = 1; i < self->provider_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->provider_ids, i), provider) == 0)
      {
        gtk_drop_down_set_selected (self->provider_dropdown, i);
        return TRUE;
      }
  return FALSE;
}
