/* test-widgets.c: every widget, and the window over a fixture catalog
 * (needs a display: build-aux/test runs it under xvfb-run)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "rw-format.h"
#include "rw-gpu-page.h"
#include "rw-gpu-row.h"
#include "rw-instances-view.h"
#include "rw-models-view.h"
#include "rw-workload-chooser.h"
#include "rw-preferences-window.h"
#include "rw-records-private.h"
#include "rw-rent-view.h"
#include "rw-search-provider.h"
#include "rw-session-private.h"
#include "rw-ui-format.h"
#include "rw-watch-button.h"
#include "rw-window.h"
#include "test-widget-common.h"

/* ------------------------------------------------------------ helpers */

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

/* Spins until @widget shows @needle, up to @max_ms: the overview's lower groups come a few
 * frames after the first, and frames are slow on a loaded machine */
static void
spin_until_text (GtkWidget  *widget,
                 const char *needle,
                 guint       max_ms)
{
  for (guint waited = 0; waited < max_ms; waited += 20)
    {
      g_autofree char *text = widget_text (widget);

      if (strstr (text, needle) != NULL)
        return;
      spin (20);
    }
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* The first widget of @widget's tree, depth first, that @matches */
static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*matches) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (matches (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, matches, data);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  return find_widget (widget, has_type, GSIZE_TO_POINTER (type));
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  return find_widget (widget, has_name, name);
}

static RwCatalog *
catalog_from_string (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  RwCatalog *catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);

  g_assert_no_error (error);
  return catalog;
}

/* --------------------------------------------------------- new/destroy */

static void
test_new_destroy (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *widget = g_object_new (type, NULL);

  g_object_ref_sink (widget);
  if (GTK_IS_WINDOW (widget))
    {
      gtk_window_present (GTK_WINDOW (widget));
      spin (50);
      gtk_window_destroy (GTK_WINDOW (widget));
      spin (20);
    }
  g_test_message ("%s refcount %u", G_OBJECT_TYPE_NAME (widget), G_OBJECT (widget)->ref_count);
  g_assert_finalize_object (widget);
}

/* ------------------------------------------------------------- window */

static RwWindow *
window_with_fixture (RwCatalog *catalog)
{
  RwWindow *window = rw_window_new (NULL, catalog);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (100);
  return window;
}

static void
destroy_window (RwWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
  g_assert_finalize_object (window);
}

static void
test_window_overview (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwWindow *window = window_with_fixture (catalog);
  RwGpuPage *page = rw_window_get_gpu_page (window);
  AdwViewStack *stack = rw_gpu_page_get_stack (page);
  g_autofree char *overview = NULL;
  g_autofree char *providers = NULL;
  g_autofree char *no_spot = NULL;
  g_autofree char *mystery = NULL;
  GtkWidget *list;
  GtkWidget *row;
  const char *expected_order[] = { "novita", "verda", "lium", "vast-ai", "shadeform", "rcrate",
                                   "pcie-host", "digitalocean", "vultr", "acecloud" };
  guint i = 0;

  rw_window_select_gpu (window, "l40s");
  spin (50);
  spin_until_text (adw_view_stack_get_child_by_name (stack, "overview"), "Prices from ", 3000);
  g_assert_cmpstr (rw_gpu_get_id (rw_gpu_page_get_gpu (page)), ==, "l40s");

  overview = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (overview, "NVIDIA L40S\n");
  assert_contains (overview, "NVIDIA · Ada Lovelace · 48 GB VRAM");
  assert_contains (overview, "From $0.28/hr (spot)\n");   /* Novita AI's spot rate */
  assert_contains (overview, "$6.72\n");
  assert_contains (overview, "$47.04\n");
  assert_contains (overview, "$201.60\n");
  assert_contains (overview, "10 providers · up to 84% cheaper at the low end");
  assert_contains (overview, "Cheapest\nNovita AI\n$0.28/hr");
  assert_contains (overview, "Median\n");
  assert_contains (overview, "$0.92/hr");
  assert_contains (overview, "Most expensive\nAceCloud\n$1.80/hr");
  assert_contains (overview, "350 W");
  assert_contains (overview, "$9,000");
  assert_contains (overview, "864 GB/s");
  assert_contains (overview, "Prices from ");

  /* providers, cheapest first; AceCloud's javascript: link is not offered */
  adw_view_stack_set_visible_child_name (stack, "providers");
  spin (50);
  providers = widget_text (adw_view_stack_get_child_by_name (stack, "providers"));
  /* the provider's kind, pricing, offers, and the day they were seen (UTC) */
  assert_contains (providers, "Novita AI\nSpecialised cloud · Spot · 2 offers · seen 24 May 2026 UTC\n$0.28/hr");
  list = find_by_name (adw_view_stack_get_child_by_name (stack, "providers"), "providers-list");
  g_assert_nonnull (list);
  for (row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row), i++)
    {
      gboolean has_link = find_by_type (row, GTK_TYPE_BUTTON) != NULL;

      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected_order));
      g_assert_cmpstr (gtk_widget_get_name (row), ==, expected_order[i]);
      if (g_str_equal (expected_order[i], "acecloud") || g_str_equal (expected_order[i], "lium"))
        g_assert_false (has_link);
      if (g_str_equal (expected_order[i], "novita"))
        g_assert_true (has_link);
    }
  g_assert_cmpuint (i, ==, 10);

  /* instances: every offer of the GPU (filled when the page is first shown) */
  {
    GtkWidget *bin = adw_view_stack_get_child_by_name (stack, "instances");

    /* made when first shown */
    g_assert_null (adw_bin_get_child (ADW_BIN (bin)));
    adw_view_stack_set_visible_child_name (stack, "instances");
    spin (30);
  }
  {
    RwInstancesView *instances =
      RW_INSTANCES_VIEW (adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (stack, "instances"))));
    GListModel *shown = rw_instances_view_get_shown (instances);
    g_autoptr(RwOffer) first = NULL;
    g_autofree char *row_text = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
    /* sorted by $/hr per GPU */
    first = g_list_model_get_item (shown, 0);
    g_assert_cmpfloat_with_epsilon (rw_offer_get_per_gpu_hr (first), 0.28, 1e-12);
    row_text = rw_instances_view_format_row (instances, first);
    g_assert_cmpstr (row_text, ==, "Novita AI\tnovita-l40s-spot\t1×\t—\t—\t—\t—\tspot\t$0.28/hr\t$0.28/hr");

    /* every column sorts, both ways, offers without a region or a vCPU count included */
    {
      GtkColumnView *view = GTK_COLUMN_VIEW (find_by_type (GTK_WIDGET (instances), GTK_TYPE_COLUMN_VIEW));
      GListModel *columns = gtk_column_view_get_columns (view);

      for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

          gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
          g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
          gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
          g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
        }
      /* dearest per GPU first, then back to cheapest first */
      {
        /* the price columns come right after the provider, so they are always in view */
        g_autoptr(GtkColumnViewColumn) per_gpu = g_list_model_get_item (columns, 1);
        g_autoptr(RwOffer) top = NULL;

        g_assert_cmpstr (gtk_column_view_column_get_title (per_gpu), ==, "$/hr per GPU");
        gtk_column_view_sort_by_column (view, per_gpu, GTK_SORT_DESCENDING);
        top = g_list_model_get_item (shown, 0);
        g_assert_cmpfloat_with_epsilon (rw_offer_get_per_gpu_hr (top), 1.80, 1e-12);
        gtk_column_view_sort_by_column (view, per_gpu, GTK_SORT_ASCENDING);
      }
    }
  }

  /* models: all 28, recomputed in place when a control changes */
  adw_view_stack_set_visible_child_name (stack, "models");
  spin (30);
  {
    RwModelsView *models =
      RW_MODELS_VIEW (adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (stack, "models"))));
    GtkWidget *model_list = find_by_type (GTK_WIDGET (models), GTK_TYPE_LIST_BOX);
    GtkWidget *first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (model_list), 0));
    GtkWidget *revealer = find_by_type (first, GTK_TYPE_REVEALER);
    GtkEditable *search = GTK_EDITABLE (find_by_type (GTK_WIDGET (models), GTK_TYPE_SEARCH_ENTRY));
    g_autofree char *text = widget_text (GTK_WIDGET (models));

    g_assert_cmpuint (rw_models_view_get_n_shown (models), ==, 28);
    assert_contains (text, "14 of 28 models fit on one GPU at 8,192 tokens of context.");
    assert_contains (text, "Gemma 3 27B");
    assert_contains (text, "1× FP8");
    /* parameters (rw_format_params_b (): 27.0 is "27B", as in --list-models) and the model's own
     * maximum context on each row; the image model too */
    assert_contains (text, "Google DeepMind · 27B parameters · 131,072 tokens max");
    assert_contains (text, "image model, 1024 × 1024");

    /* a row opens its breakdown */
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    gtk_widget_activate (first);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    assert_contains (text, "Weights per GPU");
    assert_contains (text, "Runtime reserve per GPU");

    /* 128K: the rows are the same widgets (nothing made again under the focus), capped models
     * say so */
    rw_models_view_set_context (models, 131072);
    g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (model_list), 0)) == first);
    g_assert_true (gtk_widget_get_parent (first) == model_list);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    g_free (text);
    text = widget_text (GTK_WIDGET (models));
    assert_contains (text, "at 131,072 tokens of context");
    assert_contains (text, "Context capped at its maximum, 4,096 tokens");
    assert_contains (text, "4× FP8");

    /* the count follows the search (issue 13, defect 7) */
    gtk_editable_set_text (search, "qwen");
    spin (400);
    g_assert_cmpuint (rw_models_view_get_n_shown (models), ==, 9);
    g_free (text);
    text = widget_text (GTK_WIDGET (models));
    assert_contains (text, " of 9 models fit on one GPU at 131,072 tokens of context.");
    gtk_editable_set_text (search, "");
    spin (400);
    rw_models_view_set_context (models, 8192);

    /* a context no preset has (Preferences → Context length 5000) stays, in the "Custom"
     * field, instead of coming back as "8K context" (session 3) */
    rw_models_view_set_context (models, 5000);
    spin (50);
    g_assert_cmpuint (rw_models_view_get_context (models), ==, 5000);
    {
      GtkWidget *context_spin = find_by_type (GTK_WIDGET (models), GTK_TYPE_SPIN_BUTTON);

      g_assert_true (gtk_widget_get_visible (context_spin));
      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (context_spin)), ==, 5000);
    }
    g_free (text);
    text = widget_text (GTK_WIDGET (models));
    assert_contains (text, "at 5,000 tokens of context");
    rw_models_view_set_context (models, 8192);
    spin (50);
    g_assert_cmpuint (rw_models_view_get_context (models), ==, 8192);
  }

  /* leaving spot out: Lium leads at $0.38, 9 providers */
  rw_gpu_page_set_include_spot (page, FALSE);
  spin (20);
  no_spot = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (no_spot, "From $0.38/hr\n");
  assert_contains (no_spot, "9 providers");
  {
    gboolean window_include_spot = TRUE;
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    /* the switch is the window's, and it persists */
    g_object_get (window, "include-spot", &window_include_spot, NULL);
    g_assert_false (window_include_spot);
    g_assert_false (g_settings_get_boolean (settings, "include-spot"));
    g_settings_set_boolean (settings, "include-spot", TRUE);
    g_assert_true (rw_gpu_page_get_include_spot (page));
  }

  /* a GPU without offers still shows its specs */
  rw_window_select_gpu (window, "mystery");
  spin (50);
  mystery = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (mystery, "Mystery Accelerator");
  assert_contains (mystery, "No offers in this catalog");
  assert_contains (mystery, "unknown");

  destroy_window (window);
}

static void
test_window_search (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  RwWindow *window = window_with_fixture (catalog);

  g_assert_cmpuint (rw_window_get_n_gpus_shown (window), ==, 3);
  rw_window_set_search_text (window, "a100-80");   /* an alias */
  g_assert_cmpuint (rw_window_get_n_gpus_shown (window), ==, 1);
  rw_window_set_search_text (window, "nvidia");    /* a vendor */
  g_assert_cmpuint (rw_window_get_n_gpus_shown (window), ==, 2);
  rw_window_set_search_text (window, "tpu v5");
  g_assert_cmpuint (rw_window_get_n_gpus_shown (window), ==, 0);
  {
    g_autofree char *text = widget_text (GTK_WIDGET (window));
    assert_contains (text, "No GPUs found");
  }
  destroy_window (window);
}

/* Hundreds of providers for one GPU: the 25 cheapest are rows, the rest come on request */
static guint
count_provider_rows (GtkWidget *providers)
{
  GtkWidget *list = find_by_name (providers, "providers-list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static void
test_many_providers (void)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\": \"rentwise-catalog/1\","
                                          " \"gpus\": [{\"id\": \"g\", \"name\": \"G\", \"vram_gb\": 24}],"
                                          " \"providers\": [");
  g_autoptr(RwCatalog) catalog = NULL;
  RwWindow *window;
  AdwViewStack *stack;
  GtkWidget *providers, *more;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, "%s{\"id\": \"p%u\", \"name\": \"Provider %u\"}", i ? "," : "", i, i);
  g_string_append (json, "], \"offers\": [");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (json, "%s{\"provider\": \"p%u\", \"gpu\": \"g\", \"gpu_count\": 1,"
                            " \"price_hr\": %u.5, \"pricing\": \"on-demand\"}", i ? "," : "", i, 60 - i);
  g_string_append (json, "]}");
  catalog = catalog_from_string (json->str);
  window = window_with_fixture (catalog);
  rw_window_select_gpu (window, "g");
  stack = rw_gpu_page_get_stack (rw_window_get_gpu_page (window));
  adw_view_stack_set_visible_child_name (stack, "providers");
  spin (30);
  providers = adw_view_stack_get_child_by_name (stack, "providers");

  g_assert_cmpuint (count_provider_rows (providers), ==, 25);
  /* the cheapest first: p39 at $21.50 (none under 10 % of the others' median: not suspect) */
  g_assert_nonnull (find_by_name (providers, "p39"));
  g_assert_null (find_by_name (providers, "p0"));
  more = find_by_name (providers, "more-providers");
  g_assert_nonnull (more);
  assert_contains (gtk_button_get_label (GTK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (more)))),
                   "15");
  g_signal_emit_by_name (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (more)), "clicked");
  spin (30);
  g_assert_cmpuint (count_provider_rows (providers), ==, 40);
  g_assert_null (find_by_name (providers, "more-providers"));
  destroy_window (window);
}

/* ---------------------------------------------------------- instances */

/* A GPU with big numbers (the review's "$11.60/hr", "1176 GB", "1500 GB"), long names, a
 * region that starts with a comma and enough offers to scroll */
static RwCatalog *
big_offers_catalog (void)
{
  g_autoptr(GString) json = g_string_new ("{\"schema\": \"rentwise-catalog/1\","
                                          " \"gpus\": [{\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 80}],"
                                          " \"providers\": [{\"id\": \"pi\", \"name\": \"Prime Intellect\"},"
                                          " {\"id\": \"aa\", \"name\": \"Zeta Compute\"},"
                                          " {\"id\": \"zz\", \"name\": \"Alpha Cloud\"},"
                                          " {\"id\": \"mm\", \"name\": \"Mu\"}],"
                                          " \"offers\": [");
  const char *providers[] = { "pi", "aa", "zz", "mm" };

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (json, "%s{\"provider\": \"%s\", \"gpu\": \"h\", \"gpu_count\": 8,"
                            " \"price_hr\": %u.80, \"pricing\": \"%s\", \"vcpus\": 208,"
                            " \"ram_gb\": %u, \"disk_gb\": %u, \"region\": \"%s\","
                            " \"instance\": \"datacrunch__8xH100_80GB__176__1176__SPOT_%u\"}",
                            i ? "," : "", providers[i % 4], 92 + i, i % 2 ? "on-demand" : "spot",
                            1176 + i, 1500 + i * 100, i % 3 ? ", US, NA" : "Arizona, US, NA", i);
  g_string_append (json, "]}");
  return catalog_from_string (json->str);
}

/* Every cell of the table that is on screen: a number shows its whole text, a text either
 * fits or ends in "…" with the whole text in its tooltip */
static guint
assert_cells_readable (GtkWidget *widget)
{
  guint checked = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget) || GTK_IS_INSCRIPTION (widget))
    {
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                                               : gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int text_width, text_height;
      gboolean numeric = gtk_widget_has_css_class (widget, "numeric") ||
                         (text && (text[0] == '$' || g_ascii_isdigit (text[0])));

      if (text == NULL || text[0] == '\0')
        return 0;
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      if (text_width > gtk_widget_get_width (widget))
        {
          if (numeric)
            g_error ("“%s” is %d px wide in a cell of %d px: cut", text, text_width,
                     gtk_widget_get_width (widget));
          if (GTK_IS_LABEL (widget) ? gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE
                                    : gtk_inscription_get_text_overflow (GTK_INSCRIPTION (widget))
                                      == GTK_INSCRIPTION_OVERFLOW_CLIP)
            g_error ("“%s” is %d px wide in a cell of %d px: cut without “…”", text, text_width,
                     gtk_widget_get_width (widget));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, text);
        }
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    checked += assert_cells_readable (child);
  return checked;
}

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static void
test_instances_readable (void)
{
  g_autoptr(RwCatalog) catalog = big_offers_catalog ();
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *window = gtk_window_new ();
  RwInstancesView *view = RW_INSTANCES_VIEW (rw_instances_view_new ());
  GtkColumnView *table;
  GtkWidget *copy;
  GtkAdjustment *vadjustment;
  int dpi = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  /* the content pane of a 1100 px window */
  gtk_window_set_default_size (GTK_WINDOW (window), 790, 500);
  gtk_window_present (GTK_WINDOW (window));
  rw_instances_view_set_gpu (view, catalog, rw_catalog_lookup_gpu (catalog, "h"));
  spin (300);
  table = GTK_COLUMN_VIEW (find_by_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));

  /* no number is cut, at 100 % and at 150 % text */
  g_assert_cmpuint (assert_cells_readable (GTK_WIDGET (table)), >, 40);
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  spin (300);
  g_assert_cmpuint (assert_cells_readable (GTK_WIDGET (table)), >, 40);
  {
    g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "screenshots", NULL);
    g_autofree char *path = g_build_filename (dir, "instances-150-percent.png", NULL);
    GdkRGBA white = { 1, 1, 1, 1 };

    g_mkdir_with_parents (dir, 0755);
    save_widget_png (GTK_WIDGET (view), &white, path);
  }
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  spin (50);

  /* the sorted price per GPU is on screen, right after the provider */
  {
    g_autoptr(GtkColumnViewColumn) second = g_list_model_get_item (gtk_column_view_get_columns (table), 1);
    g_autoptr(GtkColumnViewColumn) third = g_list_model_get_item (gtk_column_view_get_columns (table), 2);

    g_assert_cmpstr (gtk_column_view_column_get_title (second), ==, "$/hr per GPU");
    g_assert_cmpstr (gtk_column_view_column_get_title (third), ==, "$/hr");
  }

  /* regions never start with a comma */
  {
    g_autoptr(RwOffer) offer = g_list_model_get_item (rw_instances_view_get_shown (view), 1);
    g_autofree char *row = rw_instances_view_format_row (view, offer);

    g_assert_null (strstr (row, "\t, "));
    g_assert_nonnull (strstr (row, "\tUS, NA\t"));
  }

  /* nothing selected: nothing to copy, and the button says so */
  copy = find_widget (GTK_WIDGET (view), has_action_name, "instances.copy-row");
  g_assert_nonnull (copy);
  g_assert_false (gtk_widget_is_sensitive (copy));
  gtk_selection_model_select_item (gtk_column_view_get_model (table), 3, TRUE);
  spin (10);
  g_assert_true (gtk_widget_is_sensitive (copy));
  gtk_selection_model_unselect_item (gtk_column_view_get_model (table), 3);
  spin (10);
  g_assert_false (gtk_widget_is_sensitive (copy));

  /* the provider filter: all first, then by name, and searchable */
  {
    GtkDropDown *providers = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), has_type,
                                                         GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
    GListModel *names = gtk_drop_down_get_model (providers);
    const char *expected[] = { "All providers", "Alpha Cloud", "Mu", "Prime Intellect", "Zeta Compute" };

    g_assert_cmpuint (g_list_model_get_n_items (names), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), ==, expected[i]);
    g_assert_true (gtk_drop_down_get_enable_search (providers));
  }

  /* a new sort shows the top of the table */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment));
  spin (30);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 100);
  {
    g_autoptr(GtkColumnViewColumn) price = g_list_model_get_item (gtk_column_view_get_columns (table), 2);

    gtk_column_view_sort_by_column (table, price, GTK_SORT_DESCENDING);
  }
  spin (30);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  /* 360 px: a list of offers instead of a cut table */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  spin (300);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (table)));
  {
    GtkWidget *list = find_by_name (GTK_WIDGET (view), "offers-list");
    g_autofree char *text = NULL;

    g_assert_nonnull (list);
    g_assert_true (gtk_widget_get_mapped (list));
    text = widget_text (list);
    assert_contains (text, "Prime Intellect\n");
    assert_contains (text, " per GPU\n");
    assert_contains (text, "8 GPUs · ");
    g_assert_cmpuint (assert_cells_readable (list), >, 10);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

static void
test_untrusted_markup (void)
{
  g_autoptr(RwCatalog) catalog = catalog_from_string (
    "{\"schema\": \"rentwise-catalog/1\","
    " \"gpus\": [{\"id\": \"g\", \"name\": \"<i>GPU</i> & co\", \"vram_gb\": 24,"
    "             \"architecture\": \"<span size='9999'>Arch</span>\"}],"
    " \"providers\": [{\"id\": \"p\", \"name\": \"<b>Bold & \\\"Co\\\"</b>\","
    "                  \"url\": \"file:///etc/passwd\"}],"
    " \"offers\": [{\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1.5,"
    "              \"pricing\": \"on-demand\", \"instance\": \"<u>x</u>\", \"region\": \"&amp;\"}],"
    " \"models\": [{\"id\": \"m\", \"name\": \"<b>Model</b>\", \"maker\": \"A & B\", \"params_b\": 7}]}");
  RwWindow *window = window_with_fixture (catalog);
  AdwViewStack *stack = rw_gpu_page_get_stack (rw_window_get_gpu_page (window));
  g_autofree char *all = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *names[] = { "overview", "providers", "instances", "models" };

  rw_window_select_gpu (window, "g");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      adw_view_stack_set_visible_child_name (stack, names[i]);
      spin (30);
      collect_text (adw_view_stack_get_child_by_name (stack, names[i]), text);
    }
  all = widget_text (GTK_WIDGET (window));
  g_string_append (text, all);

  /* shown literally, markup and all */
  assert_contains (text->str, "<b>Bold & \"Co\"</b>");
  assert_contains (text->str, "<i>GPU</i> & co");
  assert_contains (text->str, "<span size='9999'>Arch</span>");
  assert_contains (text->str, "<u>x</u>");
  assert_contains (text->str, "<b>Model</b>");
  /* and the file: link is not offered */
  g_assert_null (find_by_type (find_by_type (adw_view_stack_get_child_by_name (stack, "providers"),
                                             ADW_TYPE_ACTION_ROW), GTK_TYPE_BUTTON));
  destroy_window (window);
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  name)
{
  g_autofree char *text = RW_IS_GPU_ROW (widget) ? widget_text (widget) : NULL;

  return text != NULL && g_str_has_prefix (text, name);
}

/* The sidebar row showing @name */
static GtkWidget *
find_gpu_row (GtkWidget  *widget,
              const char *name)
{
  return find_widget (widget, is_row_of, name);
}

/* A suspect price: listed with a warning and out of the statistics; the switch (and the
 * page's include-suspect) puts it in and takes it out again; the kind filter */
static void
test_suspect_toggle (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("suspect-catalog.json");
  RwWindow *window = window_with_fixture (catalog);
  RwGpuPage *page = rw_window_get_gpu_page (window);
  AdwViewStack *stack = rw_gpu_page_get_stack (page);
  GtkWidget *providers_page;
  GtkWidget *auction;
  GtkDropDown *kinds;
  GtkSwitch *toggle;
  g_autofree char *overview = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *included = NULL;
  g_autofree char *again = NULL;

  rw_window_select_gpu (window, "b200");
  spin (30);
  overview = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (overview, "From $3.00/hr");
  assert_contains (overview, "3 providers · up to 50% cheaper at the low end · 1 suspect price left out");
  assert_contains (overview, "about $40,000, estimate, example.com, 1 May 2026 UTC");

  adw_view_stack_set_visible_child_name (stack, "providers");
  spin (30);
  providers_page = adw_view_stack_get_child_by_name (stack, "providers");
  listed = widget_text (providers_page);
  assert_contains (listed, "Auction\nMarketplace · Spot · 1 offer · seen 20 May 2026 UTC\n"
                           "Suspect price, far from the other providers’: not in the statistics\n$0.01/hr");
  /* the instance summary leaves it out too */
  assert_contains (listed, "Cheapest bundle\nCloud A · 1 GPU\n$3.00/hr");
  auction = find_by_name (providers_page, "auction");
  g_assert_nonnull (auction);
  g_assert_true (gtk_widget_has_css_class (auction, "suspect"));

  toggle = GTK_SWITCH (find_by_type (providers_page, GTK_TYPE_SWITCH));
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, TRUE);
  spin (30);
  g_assert_true (rw_gpu_page_get_include_suspect (page));
  included = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (included, "From $0.01/hr");
  assert_contains (included, "4 providers");
  g_assert_null (strstr (included, "left out"));
  g_free (listed);
  listed = widget_text (providers_page);
  assert_contains (listed, "Suspect price, far from the other providers’\n$0.01/hr");
  g_assert_null (strstr (listed, "not in the statistics"));

  rw_gpu_page_set_include_suspect (page, FALSE);
  spin (30);
  g_assert_false (gtk_switch_get_active (toggle));
  again = widget_text (adw_view_stack_get_child_by_name (stack, "overview"));
  assert_contains (again, "From $3.00/hr");

  /* the instance table says which price is suspect */
  adw_view_stack_set_visible_child_name (stack, "instances");
  spin (30);
  {
    g_autofree char *instances = widget_text (adw_view_stack_get_child_by_name (stack, "instances"));

    assert_contains (instances, "spot · suspect");
  }
  adw_view_stack_set_visible_child_name (stack, "providers");
  spin (30);

  /* the kind filter: marketplaces only */
  kinds = GTK_DROP_DOWN (find_by_type (providers_page, GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (kinds, 3);
  spin (30);
  g_assert_nonnull (find_by_name (providers_page, "auction"));
  g_assert_null (find_by_name (providers_page, "a"));
  gtk_drop_down_set_selected (kinds, 2);
  spin (30);
  g_assert_null (find_by_name (providers_page, "auction"));
  g_assert_nonnull (find_by_name (providers_page, "c"));

  destroy_window (window);
}

/* The built-in L40S: its purchase price (the reference page's $9,000, an estimate) is the
 * default, so rent vs own shows a breakeven on first open */
static void
test_builtin_breakeven (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  RwWindow *window;
  AdwViewStack *stack;
  g_autofree char *rent = NULL;

  g_assert_no_error (error);
  window = window_with_fixture (catalog);
  rw_window_select_gpu (window, "l40s");
  stack = rw_gpu_page_get_stack (rw_window_get_gpu_page (window));
  adw_view_stack_set_visible_child_name (stack, "rent");
  spin (50);
  rent = widget_text (adw_view_stack_get_child_by_name (stack, "rent"));
  assert_contains (rent, "pays for itself after");
  assert_contains (rent, "Breakeven\n");
  g_assert_null (strstr (rent, "Enter a purchase price"));
  destroy_window (window);
}

/* A refresh with the same GPUs updates the sidebar rows in place (the list view does not make
 * every row again) and the page with them */
static void
test_window_refresh_in_place (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(RwCatalog) refreshed = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_feed_data_free);
  RwWindow *window = window_with_fixture (catalog);
  RwFeedData *feed = rw_feed_data_new ();
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, "l40s");
  RwOffer *cheaper = _rw_offer_copy_with_gpu (g_ptr_array_index (offers, 0), "l40s");
  GtkWidget *row = find_gpu_row (GTK_WIDGET (window), "NVIDIA L40S");
  g_autofree char *before = widget_text (row);
  g_autofree char *after = NULL;
  g_autofree char *overview = NULL;

  g_assert_nonnull (row);
  assert_contains (before, "from $0.28/hr");
  cheaper->price_hr = 0.21 * cheaper->gpu_count;   /* cheaper, and not suspect (over 10 % of the median) */
  cheaper->pricing = RW_PRICING_ON_DEMAND;
  g_ptr_array_add (feed->offers, cheaper);
  g_ptr_array_add (feeds, feed);
  refreshed = rw_catalog_merge (catalog, feeds, RW_CATALOG_SOURCE_NETWORK);

  g_object_set (window, "catalog", refreshed, NULL);
  spin (50);
  g_assert_true (find_gpu_row (GTK_WIDGET (window), "NVIDIA L40S") == row);
  after = widget_text (row);
  assert_contains (after, "from $0.21/hr");
  /* the page keeps its GPU, now the refreshed catalog's record */
  {
    RwGpu *shown = rw_gpu_page_get_gpu (rw_window_get_gpu_page (window));

    g_assert_true (shown == rw_catalog_lookup_gpu (refreshed, rw_gpu_get_id (shown)));
  }
  /* and the new cheapest GPU went to the top of the price-sorted list */
  overview = widget_text (find_by_type (GTK_WIDGET (window), RW_TYPE_GPU_ROW));
  g_assert_true (g_str_has_prefix (overview, "NVIDIA L40S"));
  destroy_window (window);
}

/* Without a session, the GPU page says where and when the prices come from by the catalog's
 * own source and time (with one, by the session's: test_window_session) */
static void
test_window_same_data_refreshed (void)
{
  g_autoptr(RwCatalog) parsed = load_fixture ("l40s-reference.json");
  g_autoptr(GBytes) image = rw_catalog_to_image (parsed, "k", NULL);
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "k", NULL, NULL);
  RwWindow *window = window_with_fixture (catalog);
  GtkWidget *overview = adw_view_stack_get_child_by_name (rw_gpu_page_get_stack (rw_window_get_gpu_page (window)),
                                                          "overview");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  spin (100);
  spin_until_text (overview, "Prices from the cache", 3000);
  before = widget_text (overview);
  assert_contains (before, "Prices from the cache");
  rw_catalog_set_source (catalog, RW_CATALOG_SOURCE_NETWORK);
  rw_catalog_set_fetched_at (catalog, g_get_real_time () / G_USEC_PER_SEC - 120);
  rw_gpu_page_update_freshness (rw_window_get_gpu_page (window));
  after = widget_text (overview);
  assert_contains (after, "Live prices, fetched 2 minutes ago");
  destroy_window (window);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A window bound to a session follows its `catalog`; a refresh that brought the same data
 * (only `data-time` changes) does not rebind it, but the freshness line follows (issue 16) */
static void
test_window_session (void)
{
  g_autoptr(RwCatalog) parsed = load_fixture ("l40s-reference.json");
  g_autoptr(GBytes) image = rw_catalog_to_image (parsed, "k", NULL);
  g_autoptr(RwCatalog) cached = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "k",
                                                           NULL, NULL);
  g_autoptr(RwCatalog) same = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_NETWORK, "k",
                                                         NULL, NULL);
  g_autoptr(GBytes) other_image = rw_catalog_to_image (parsed, "k2", NULL);
  g_autoptr(RwCatalog) other = rw_catalog_new_from_image (other_image, RW_CATALOG_SOURCE_NETWORK,
                                                          "k2", NULL, NULL);
  g_autofree char *cache = g_dir_make_tmp ("rentwise-window-XXXXXX", NULL);
  g_autoptr(RwSession) session = rw_session_new (cache);
  RwWindow *window;
  GtkWidget *overview;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint catalog_notified = 0;

  rw_catalog_set_fetched_at (same, g_get_real_time () / G_USEC_PER_SEC - 120);
  _rw_session_take_refresh (session, cached, NULL);
  window = g_object_new (RW_TYPE_WINDOW, "session", session, NULL);
  g_assert_true (rw_window_get_session (window) == session);
  g_assert_true (rw_window_get_catalog (window) == cached);
  g_signal_connect (window, "notify::catalog", G_CALLBACK (count_notify), &catalog_notified);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  spin (100);
  overview = adw_view_stack_get_child_by_name (rw_gpu_page_get_stack (rw_window_get_gpu_page (window)),
                                               "overview");
  spin_until_text (overview, "Prices from", 5000);
  before = widget_text (overview);
  assert_contains (before, "Prices from the cache");

  /* the same data again, now from the network: the window keeps its catalog */
  _rw_session_take_refresh (session, same, NULL);
  spin (50);
  g_assert_cmpuint (catalog_notified, ==, 0);
  g_assert_true (rw_window_get_catalog (window) == cached);
  after = widget_text (overview);
  assert_contains (after, "Live prices, fetched 2 minutes ago");

  /* other data: the window shows the session's new catalog */
  _rw_session_take_refresh (session, other, NULL);
  spin (50);
  g_assert_cmpuint (catalog_notified, ==, 1);
  g_assert_true (rw_window_get_catalog (window) == other);
  destroy_window (window);
}

static void
test_gpu_row (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  GtkWidget *row = rw_gpu_row_new ();
  g_autofree char *with_spot = NULL;
  g_autofree char *without = NULL;

  g_object_ref_sink (row);
  rw_gpu_row_set_gpu (RW_GPU_ROW (row), rw_catalog_lookup_gpu (catalog, "l40s"));
  with_spot = widget_text (row);
  assert_contains (with_spot, "NVIDIA L40S\n48 GB · 10 providers\nfrom $0.28/hr");
  rw_gpu_row_set_include_spot (RW_GPU_ROW (row), FALSE);
  without = widget_text (row);
  assert_contains (without, "48 GB · 9 providers\nfrom $0.38/hr");
  rw_gpu_row_set_gpu (RW_GPU_ROW (row), rw_catalog_lookup_gpu (catalog, "mystery"));
  g_free (without);
  without = widget_text (row);
  assert_contains (without, "48 GB · no offers\n—");
  g_assert_finalize_object (row);

  /* issue 13: suspect prices count in "from" when the preference includes them, as on the
   * GPU page (an auction floor at $0.05/hr among three offers near $1/hr) */
  {
    g_autoptr(RwCatalog) floor = load_fixture ("suspect-floor.json");
    GtkWidget *suspect_row = g_object_ref_sink (rw_gpu_row_new ());
    g_autofree char *left_out = NULL;
    g_autofree char *included = NULL;

    rw_gpu_row_set_gpu (RW_GPU_ROW (suspect_row), rw_catalog_lookup_gpu (floor, "g"));
    left_out = widget_text (suspect_row);
    assert_contains (left_out, "24 GB · 3 providers\nfrom $1.00/hr");
    g_object_set (suspect_row, "include-suspect", TRUE, NULL);
    included = widget_text (suspect_row);
    assert_contains (included, "24 GB · 4 providers\nfrom $0.05/hr");
    g_assert_finalize_object (suspect_row);
  }
}

static void
test_preferences_feeds (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window = rw_preferences_window_new (NULL);
  RwPreferencesWindow *prefs = RW_PREFERENCES_WINDOW (window);
  g_auto(GStrv) before = g_settings_get_strv (settings, "feeds");
  g_auto(GStrv) after = NULL;
  guint n = g_strv_length (before);

  g_object_ref_sink (window);
  g_assert_cmpuint (n, >=, 10);
  g_assert_nonnull (rw_preferences_window_add_feed (prefs, "http://example.com/x/vms.csv"));
  g_assert_nonnull (rw_preferences_window_add_feed (prefs, "javascript:alert(1)"));
  g_assert_nonnull (rw_preferences_window_add_feed (prefs, before[0]));   /* already there */
  g_assert_null (rw_preferences_window_add_feed (prefs, " https://example.com/catalogs/v8/acme/vms.csv "));
  after = g_settings_get_strv (settings, "feeds");
  g_assert_cmpuint (g_strv_length (after), ==, n + 1);
  g_assert_cmpstr (after[n], ==, "https://example.com/catalogs/v8/acme/vms.csv");
  {
    GtkWidget *list = find_by_name (window, "feeds-list");
    guint rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
      rows++;
    g_assert_cmpuint (rows, ==, n + 1);
  }
  g_settings_reset (settings, "feeds");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
session_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

/* Preferences bound to a session: the feed rows follow the session's `statuses` (issue 16) */
static void
test_preferences_session (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) feeds = g_settings_get_strv (settings, "feeds");
  g_autofree char *cache = g_dir_make_tmp ("rentwise-prefs-XXXXXX", NULL);
  g_autoptr(RwSession) session = rw_session_new (cache);
  GtkWidget *window;
  GtkWidget *list;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean done = FALSE;

  rw_session_set_feeds (session, (const char * const *) feeds);
  rw_session_set_offline (session, TRUE);

  window = g_object_ref_sink (rw_preferences_window_new (session));
  {
    RwSession *bound = NULL;

    g_object_get (window, "session", &bound, NULL);
    g_assert_true (bound == session);
    g_object_unref (bound);
  }
  list = find_by_name (window, "feeds-list");
  before = widget_text (list);
  assert_contains (before, "Not fetched yet");
  g_assert_null (strstr (before, "started with --offline"));

  /* the session loads offline: every feed's status says so, and the rows follow */
  rw_session_load_async (session, NULL, NULL, session_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  after = widget_text (list);
  assert_contains (after, "Not fetched: Rentwise was started with --offline");
  g_assert_null (strstr (after, "Not fetched yet"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}


/* The visible labels under @widget that read @text */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static void
test_rent_view (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *view = g_object_ref_sink (rw_rent_view_new ());
  RwRentView *rent = RW_RENT_VIEW (view);
  g_autoptr(GVariant) prices = NULL;
  double stored;

  rw_rent_view_set_gpu (rent, catalog, rw_catalog_lookup_gpu (catalog, "l40s"));
  /* the reference page's L40S: $0.28/hr cheapest, 350 W, $9,000 MSRP, 8 h a day */
  g_assert_cmpstr (rw_rent_view_get_output (rent, "rent"), ==, "$2.24/day · $67.20/month");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$0.42/day · $12.60/month");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "4,945 days · 164.8 months");
  /* Novita's $0.28 is a spot rate, and the headline says so; the rate never breaks a line */
  g_assert_cmpstr (rw_rent_view_get_output (rent, "summary"), ==,
                   "At 8 h a day, buying the NVIDIA L40S pays for itself after 165 months (13.7 years) "
                   "compared with renting at $0.28/\u2060hr\u00a0spot on Novita AI. "
                   "That is after the horizon of 36 months.");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "error"), ==, "");
  /* within the horizon, no such sentence */
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HORIZON, "200");
  g_assert_true (g_str_has_suffix (rw_rent_view_get_output (rent, "summary"),
                                   "spot on Novita AI."));
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HORIZON, "36");

  /* every output follows every input */
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "24");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "rent"), ==, "$6.72/day · $201.60/month");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$1.26/day · $37.80/month");
  g_assert_cmpfloat (g_settings_get_double (settings, "hours-per-day"), ==, 24);
  rw_rent_view_set_text (rent, RW_RENT_INPUT_KWH, "0.30");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$2.52/day · $75.60/month");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_PUE, "1.5");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$3.78/day · $113.40/month");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_PURCHASE, "7000");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_OTHER, "500");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_RESALE, "10");
  /* (7000 + 500 − 700) / (6.72 − 3.78) */
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "2,313 days · 77.1 months");
  prices = g_settings_get_value (settings, "purchase-prices");
  g_assert_true (g_variant_lookup (prices, "l40s", "d", &stored));
  g_assert_cmpfloat (stored, ==, 7000);

  /* a provider's rate, then electricity dearer than renting */
  rw_rent_view_select_rate (rent, 2 + 9);   /* AceCloud, the dearest of ten */
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "on AceCloud"));
  rw_rent_view_set_text (rent, RW_RENT_INPUT_KWH, "5");   /* 0.35 kW × 24 h × $5 × 1.5 = $63 > $43.20 */
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "never");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "never pays off"));
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"),
                            "electricity costs more than renting"));

  /* invalid input is refused in place, with a message, and not stored */
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "-3");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "error"), ==,
                   "Usage hours per day must be a number from 0 to 24");
  /* once, beside the field: no second copy below the list */
  g_assert_cmpuint (count_labels (GTK_WIDGET (rent),
                                  "Usage hours per day must be a number from 0 to 24"), ==, 1);
  g_assert_cmpfloat (g_settings_get_double (settings, "hours-per-day"), ==, 24);
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "lots");
  g_assert_cmpfloat (g_settings_get_double (settings, "hours-per-day"), ==, 24);
  /* while it is wrong, no result shows a number: neither the last valid one nor a guess */
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "—");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "—");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "summary"), ==,
                   "Usage hours per day must be a number from 0 to 24. The results wait for a valid number.");
  /* typing "30" goes through "3": the results never show what "3" gives once "30" is there */
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "3");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$7.87/day · $236.25/month");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "30");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "—");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "from 0 to 24"));
  /* half-typed: "0." is not yet a number */
  rw_rent_view_set_text (rent, RW_RENT_INPUT_PUE, "1.");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "24");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "—");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "PUE must be"));
  rw_rent_view_set_text (rent, RW_RENT_INPUT_PUE, "1.5");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$63.00/day · $1,890.00/month");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_HOURS, "0");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "error"), ==, "");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "At 0 hours a day"));

  /* reset: the defaults again, and this GPU's typed price forgotten */
  rw_rent_view_reset (rent);
  g_assert_cmpfloat (g_settings_get_double (settings, "hours-per-day"), ==, 8);
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "4,945 days · 164.8 months");
  g_clear_pointer (&prices, g_variant_unref);
  prices = g_settings_get_value (settings, "purchase-prices");
  g_assert_false (g_variant_lookup (prices, "l40s", "d", &stored));

  /* no MSRP: the user is asked for a purchase price */
  rw_rent_view_set_gpu (rent, catalog, rw_catalog_lookup_gpu (catalog, "a100-80gb"));
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "Enter a purchase price"));
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "—");
  rw_rent_view_set_text (rent, RW_RENT_INPUT_PURCHASE, "15000");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "summary"), "pays for itself"));

  g_settings_reset (settings, "purchase-prices");
  g_assert_finalize_object (view);
}

/* The search provider answers ActivateResult and LaunchSearch by activating the application's
 * app.show-gpu and app.search actions (issue 16): here a plain GApplication with only those two
 * actions, no window at all */
static void
record_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup_printf ("%s(%s)", g_action_get_name (G_ACTION (action)),
                                          g_variant_get_string (parameter, NULL)));
}

static void
got_reply (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GVariant **reply = user_data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

static void
call_provider (GDBusConnection *connection,
               const char      *method,
               GVariant        *args)
{
  g_autoptr(GVariant) reply = NULL;

  g_dbus_connection_call (connection, g_dbus_connection_get_unique_name (connection),
                          "/io/github/rentwise/ProviderTest/SearchProvider",
                          "org.gnome.Shell.SearchProvider2", method, args, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 10000, NULL, got_reply, &reply);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_search_provider_actions (void)
{
  const GActionEntry entries[] = {
    { "show-gpu", record_action, "s" },
    { "search", record_action, "s" },
  };
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GApplication) app = NULL;
  g_autoptr(RwSession) session = rw_session_new (NULL);
  g_autoptr(RwSearchProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs a session bus");
      return;
    }
  app = g_application_new ("io.github.rentwise.ProviderTest", G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), seen);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  connection = g_application_get_dbus_connection (app);
  g_assert_nonnull (connection);

  provider = rw_search_provider_new (app, session);
  g_assert_true (rw_search_provider_register (provider, connection,
                                              "/io/github/rentwise/ProviderTest/SearchProvider",
                                              &error));
  g_assert_no_error (error);

  call_provider (connection, "ActivateResult",
                 g_variant_new ("(s^asu)", "h100-sxm", (const char *[]) { "h100", NULL }, 0));
  call_provider (connection, "LaunchSearch",
                 g_variant_new ("(^asu)", (const char *[]) { "nvidia", "l40", NULL }, 0));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "show-gpu(h100-sxm)");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "search(nvidia l40)");
  rw_search_provider_unregister (provider);
}

/* The UI chooses a feed's message by its error code, not by parsing the English text */
static void
test_feed_error_text (void)
{
  struct {
    int         code;
    guint       http_status;
    const char *english;
    const char *shown;
    gboolean    offline;
  } cases[] = {
    { RW_FETCH_ERROR_HTTP, 503, "HTTP 503 Service Unavailable", "HTTP 503", FALSE },
    { RW_FETCH_ERROR_TOO_LARGE, 200, "refused the response: larger than 64 MiB",
      "the response is too large", FALSE },
    { RW_FETCH_ERROR_REFUSED, 0, "refused: feeds must use HTTPS",
      "refused: only HTTPS addresses are fetched", FALSE },
    /* a validation failure whose English text does not start with "refused" */
    { RW_FETCH_ERROR_INVALID, 0, "Malformed CSV on line 3", "the response is not a valid feed",
      FALSE },
    { RW_FETCH_ERROR_NETWORK, 0, "Could not connect: refused by the peer", "no connection", TRUE },
    { RW_FETCH_ERROR_TIMED_OUT, 0, "timed out after 30 s", "timed out", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (RW_FETCH_ERROR, cases[i].code,
                                                     cases[i].english);
      RwFeedStatus status = { .state = RW_FEED_STATE_FAILED,
                              .http_status = cases[i].http_status };
      g_autofree char *shown = NULL;

      rw_feed_status_set_error (&status, error);
      shown = rw_ui_feed_error_text (&status);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (rw_ui_feed_failed_offline (&status), ==, cases[i].offline);
      g_clear_error (&status.gerror);
      g_free (status.error);
    }
}

static gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* German numbers: the fields show what the results show ("0,15", "9.000"), and read it back */
static void
test_rent_view_locale (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  GtkWidget *view = NULL;
  RwRentView *rent;
  GtkWidget *kwh, *purchase;

  if (!test_use_german_numbers ())
    return;
  view = g_object_ref_sink (rw_rent_view_new ());
  rent = RW_RENT_VIEW (view);
  rw_rent_view_set_gpu (rent, catalog, rw_catalog_lookup_gpu (catalog, "l40s"));
  kwh = find_widget (view, is_entry_row_titled, "Electricity price ($/kWh)");
  purchase = find_widget (view, is_entry_row_titled, "Purchase price ($)");
  g_assert_nonnull (kwh);
  g_assert_nonnull (purchase);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kwh)), ==, "0,15");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (purchase)), ==, "9.000");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$0,42/day · $12,60/month");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "breakeven"), ==, "4.945 days · 164,8 months");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "error"), ==, "");

  /* typed the German way, read the German way */
  gtk_editable_set_text (GTK_EDITABLE (kwh), "0,30");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "power"), ==, "$0,84/day · $25,20/month");
  gtk_editable_set_text (GTK_EDITABLE (purchase), "7.000");
  g_assert_cmpstr (rw_rent_view_get_output (rent, "error"), ==, "");
  g_assert_nonnull (strstr (rw_rent_view_get_output (rent, "breakeven"), " days · "));
  g_assert_null (strstr (rw_rent_view_get_output (rent, "breakeven"), "—"));

  rw_rent_view_reset (rent);
  g_assert_finalize_object (view);
  setlocale (LC_NUMERIC, saved);
}

/* Glyphs Pango drew beyond the text on every line of @label: a hyphen it inserted where
 * "word-char" wrapping cut inside a word */
static guint
inserted_glyphs (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  guint extra = 0;

  g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;

          if (run->glyphs->num_glyphs > run->item->num_chars)
            extra += run->glyphs->num_glyphs - run->item->num_chars;
        }
    }
  return extra;
}

static GtkLabel *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Session 3: an instance id wrapped as "datacrunch__1xA6000_48GB__10__60__SP-OT". A label (and
 * an action row's subtitle) made with rw_ui_label_no_hyphens () / rw_ui_widget_labels ()
 * breaks inside the word without drawing a hyphen; a plain label does (the check is live) */
static void
test_no_hyphens (void)
{
  const char *id = "datacrunch__1xA6000_48GB__10__60__SPOTSPOTSPOTSPOT";
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *plain = gtk_label_new (id);
  GtkWidget *label = gtk_label_new (id);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();

  for (GtkWidget **l = (GtkWidget *[]) { plain, label, NULL }; *l; l++)
    {
      gtk_label_set_wrap (GTK_LABEL (*l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (*l), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (*l), 0);
      gtk_box_append (GTK_BOX (box), *l);
    }
  rw_ui_label_no_hyphens (GTK_LABEL (label));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "1× NVIDIA RTX A6000");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), id);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  rw_ui_widget_labels (row, RW_UI_LABELS_NO_HYPHENS);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_size_request (box, 150, -1);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 150, 400);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);

  g_assert_cmpuint (inserted_glyphs (GTK_LABEL (plain)), >, 0);
  g_assert_cmpuint (inserted_glyphs (GTK_LABEL (label)), ==, 0);
  g_assert_cmpuint (inserted_glyphs (find_label_with_text (row, id)), ==, 0);
  /* and the text itself is the id, whole */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, id);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Session 3: the "Workload" tooltip stayed on screen over the open drop-down's first item.
 * While the popover is open the drop-down has no tooltip (nor has its ellipsized label); it
 * gets them back when the popover closes */
static void
test_popover_hides_tooltip (void)
{
  const char *const items[] = { "Inference", "LoRA", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkDropDown *drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));
  GtkWidget *popover;

  rw_ui_drop_down_ellipsize (drop);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop), "Workload");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (drop));
  gtk_window_present (GTK_WINDOW (window));
  rw_ui_popover_hides_tooltip (GTK_WIDGET (drop));
  spin (100);
  popover = find_by_type (GTK_WIDGET (drop), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (drop)), ==, "Workload");
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (drop), "Inference"));

  gtk_popover_popup (GTK_POPOVER (popover));
  spin (100);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (drop)));
  /* nor the button's label, the selection's whole name */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != popover)
      {
        GtkLabel *label = find_label_with_text (child, "Inference");

        if (label != NULL)
          g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (label)));
      }

  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (100);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (drop)), ==, "Workload");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Session 3: one behaviour for every spin button (rw_ui_spin_button_read_numbers ()). Letters
 * keep the value and say so; a number out of range is set to the bound and says "at least" /
 * "at most" (before, "0" silently became 1 and "-5" a red 1 with no reason); the reason shows
 * in the given label as well as the tooltip; another value takes it away */
static void
test_spin_reasons (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkAdjustment *adjustment = gtk_adjustment_new (3, 1, 4096, 1, 8, 0);
  GtkSpinButton *field = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  g_autofree char *most = rw_format_decimal (4096, 0);
  g_autofree char *too_large = g_strdup_printf ("“99999” is too large: at most %s", most);

  gtk_widget_set_tooltip_text (GTK_WIDGET (field), "Concurrent sessions");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (field));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
  gtk_window_set_child (GTK_WINDOW (window), box);
  rw_ui_spin_button_read_numbers (field);
  rw_ui_spin_button_set_message_label (field, label);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  gtk_editable_set_text (GTK_EDITABLE (field), "abc");
  gtk_spin_button_update (field);
  g_assert_cmpfloat (gtk_spin_button_get_value (field), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "“abc” is not a number: kept 3");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (field)), ==,
                   "“abc” is not a number: kept 3");

  gtk_editable_set_text (GTK_EDITABLE (field), "-5");
  gtk_spin_button_update (field);
  g_assert_cmpfloat (gtk_spin_button_get_value (field), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "“-5” is too small: at least 1");

  gtk_editable_set_text (GTK_EDITABLE (field), "99999");
  gtk_spin_button_update (field);
  g_assert_cmpfloat (gtk_spin_button_get_value (field), ==, 4096);
  g_assert_cmpstr (gtk_label_get_text (label), ==, too_large);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* a valid number: the reason goes, the tooltip comes back */
  gtk_editable_set_text (GTK_EDITABLE (field), "8");
  gtk_spin_button_update (field);
  g_assert_cmpfloat (gtk_spin_button_get_value (field), ==, 8);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (field), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (field)), ==, "Concurrent sessions");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The fine-tuning fields and the watch popover's fields say why they kept or changed a value,
 * in a label beside them (newcomer report 3, defect 1): they used the tooltip only, which a
 * popover does not show, so "abc" in a watch target silently stayed 0.00, "no target" */
static void
test_spin_reasons_everywhere (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chooser = rw_workload_chooser_new ();
  GtkWidget *star = rw_watch_button_new ();
  GtkWidget *popover, *label;
  GtkSpinButton *rank, *micro_batch, *target, *drop;
  GtkWidget *child;

  gtk_box_append (GTK_BOX (box), chooser);
  gtk_box_append (GTK_BOX (box), star);
  gtk_window_set_child (GTK_WINDOW (window), box);
  rw_workload_chooser_set_workload (RW_WORKLOAD_CHOOSER (chooser), RW_WORKLOAD_LORA);
  gtk_window_present (GTK_WINDOW (window));
  spin (50);

  /* the chooser's fields, in their order: rank, sequence, micro-batch */
  rank = GTK_SPIN_BUTTON (find_by_type (chooser, GTK_TYPE_SPIN_BUTTON));
  child = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (rank)));
  child = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (child));
  micro_batch = GTK_SPIN_BUTTON (find_by_type (child, GTK_TYPE_SPIN_BUTTON));
  label = find_by_name (chooser, "spin-message");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (label));

  gtk_editable_set_text (GTK_EDITABLE (rank), "abc");
  gtk_spin_button_update (rank);
  g_assert_cmpfloat (gtk_spin_button_get_value (rank), ==, 16);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "“abc” is not a number: kept 16");

  gtk_editable_set_text (GTK_EDITABLE (micro_batch), "1,5");
  gtk_spin_button_update (micro_batch);
  g_assert_cmpfloat (gtk_spin_button_get_value (micro_batch), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "“1,5” has too many decimals: rounded to 2");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (micro_batch)), ==,
                   "“1,5” has too many decimals: rounded to 2");

  /* the star's popover: the target, then the drop threshold */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (
    find_by_type (star, GTK_TYPE_MENU_BUTTON))));
  target = GTK_SPIN_BUTTON (find_by_type (popover, GTK_TYPE_SPIN_BUTTON));
  label = find_by_name (popover, "spin-message");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (label));
  /* each field's message right under it (newcomer report 5: the target's showed under the
   * drop threshold): target, its message, the drop caption, the drop field, its message */
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (target)) == label);
  drop = GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (label)));
  g_assert_true (GTK_IS_SPIN_BUTTON (drop));
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (drop)) ==
                 find_by_name (popover, "drop-spin-message"));

  gtk_spin_button_set_value (target, 0.5);
  gtk_editable_set_text (GTK_EDITABLE (target), "abc");
  gtk_spin_button_update (target);
  g_assert_cmpfloat (gtk_spin_button_get_value (target), ==, 0.5);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "“abc” is not a number: kept 0.5");

  /* a drop of 100 % never happens: at most 99 */
  g_assert_true (GTK_IS_SPIN_BUTTON (drop));
  gtk_editable_set_text (GTK_EDITABLE (drop), "100");
  gtk_spin_button_update (drop);
  g_assert_cmpfloat (gtk_spin_button_get_value (drop), ==, 99);
  label = find_by_name (popover, "drop-spin-message");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "“100” is too large: at most 99");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_tooltip_prefix (GtkWidget     *widget,
                    gconstpointer  prefix)
{
  return GTK_IS_DROP_DOWN (widget) &&
         g_str_has_prefix (gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "",
                           prefix);
}

/* A fine-tuning workload greys the context drop-down like Sessions, KV and Engine and says
 * why: the sequence length counts (newcomer report 3, item 12) */
static void
test_models_context_greyed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *models = g_object_new (RW_TYPE_MODELS_VIEW, NULL);
  GtkWidget *context, *chooser;

  gtk_window_set_child (GTK_WINDOW (window), models);
  gtk_window_present (GTK_WINDOW (window));
  spin (30);
  context = find_widget (models, has_tooltip_prefix, "Context length");
  chooser = find_by_type (models, RW_TYPE_WORKLOAD_CHOOSER);
  g_assert_nonnull (context);
  g_assert_true (gtk_widget_get_sensitive (context));
  rw_workload_chooser_set_workload (RW_WORKLOAD_CHOOSER (chooser), RW_WORKLOAD_FULL);
  spin (30);
  g_assert_false (gtk_widget_get_sensitive (context));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (context), ==,
                   "Context length: inference only, fine-tuning uses the sequence length");
  rw_workload_chooser_set_workload (RW_WORKLOAD_CHOOSER (chooser), RW_WORKLOAD_INFERENCE);
  spin (30);
  g_assert_true (gtk_widget_get_sensitive (context));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!widget_test_init (&argc, &argv))
    return 0;

  g_test_add_data_func ("/widgets/new-destroy/RwWindow", GSIZE_TO_POINTER (RW_TYPE_WINDOW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwGpuPage", GSIZE_TO_POINTER (RW_TYPE_GPU_PAGE), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwGpuRow", GSIZE_TO_POINTER (RW_TYPE_GPU_ROW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwInstancesView", GSIZE_TO_POINTER (RW_TYPE_INSTANCES_VIEW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwModelsView", GSIZE_TO_POINTER (RW_TYPE_MODELS_VIEW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwPreferencesWindow", GSIZE_TO_POINTER (RW_TYPE_PREFERENCES_WINDOW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwRentView", GSIZE_TO_POINTER (RW_TYPE_RENT_VIEW), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwChart", GSIZE_TO_POINTER (RW_TYPE_CHART), test_new_destroy);
  g_test_add_data_func ("/widgets/new-destroy/RwWorkloadChooser",
                        GSIZE_TO_POINTER (RW_TYPE_WORKLOAD_CHOOSER), test_new_destroy);
  g_test_add_func ("/widgets/gpu-row", test_gpu_row);
  g_test_add_func ("/widgets/feed-error-text", test_feed_error_text);
  g_test_add_func ("/widgets/search-provider/actions", test_search_provider_actions);
  g_test_add_func ("/widgets/rent-view", test_rent_view);
  g_test_add_func ("/widgets/rent-view/locale", test_rent_view_locale);
  g_test_add_func ("/widgets/preferences/feeds", test_preferences_feeds);
  g_test_add_func ("/widgets/preferences/session", test_preferences_session);
  g_test_add_func ("/widgets/window/overview", test_window_overview);
  g_test_add_func ("/widgets/window/search", test_window_search);
  g_test_add_func ("/widgets/instances/readable", test_instances_readable);
  g_test_add_func ("/widgets/window/untrusted-markup", test_untrusted_markup);
  g_test_add_func ("/widgets/window/many-providers", test_many_providers);
  g_test_add_func ("/widgets/window/refresh-in-place", test_window_refresh_in_place);
  g_test_add_func ("/widgets/window/suspect-toggle", test_suspect_toggle);
  g_test_add_func ("/widgets/window/builtin-breakeven", test_builtin_breakeven);
  g_test_add_func ("/widgets/window/same-data-refreshed", test_window_same_data_refreshed);
  g_test_add_func ("/widgets/window/session", test_window_session);
  g_test_add_func ("/widgets/label/no-hyphens", test_no_hyphens);
  g_test_add_func ("/widgets/popover-hides-tooltip", test_popover_hides_tooltip);
  g_test_add_func ("/widgets/spin-reasons", test_spin_reasons);
  g_test_add_func ("/widgets/spin-reasons/everywhere", test_spin_reasons_everywhere);
  g_test_add_func ("/widgets/models/context-greyed", test_models_context_greyed);

  return g_test_run ();
}
