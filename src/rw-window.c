/* rw-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GPU sidebar and GPU page side by side in an AdwLeaflet that folds to one pane.
 * Sidebar chain: catalog GPUs → filter (search) → sort (price, VRAM, name) → selection.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-feed.h"
#include "rw-format.h"
#include "rw-source.h"
#include "rw-stats.h"
#include "rw-gpu-page.h"
#include "rw-gpu-row.h"
#include "rw-compare-view.h"
#include "rw-ui-format.h"
#include "rw-window.h"
#include "rw-changes-button.h"
#include "rw-watch-button.h"
#include "rw-watched-list.h"

typedef enum {
  SORT_PRICE,
  SORT_VRAM,
  SORT_NAME,
} SortKey;

struct _RwWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *search_button;
  GtkStack             *sidebar_stack;
  GtkListView          *gpu_list;
  GtkStack             *content_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  RwGpuPage            *gpu_page;
  GtkStack             *refresh_stack;
  GtkInfoBar           *banner;
  GtkLabel             *banner_label;

  /* Owned */
  RwSession            *session;
  RwCatalog            *catalog;
  GSettings            *settings;
  GListStore           *gpu_ids;     /* GtkStringObject: the sidebar's items, by GPU id */
  GPtrArray            *list_items;  /* the sidebar's GtkListItems (weak), to rebind in place */
  GtkCustomFilter      *filter;      /* borrowed from the filter model */
  GtkCustomSorter      *sorter;      /* borrowed from the sort model */
  GtkFilterListModel   *filtered;    /* borrowed from the sort model */
  GtkSingleSelection   *selection;
  char                 *shown_id;    /* the GPU on show: a search without results keeps it */
  SortKey               sort_key;
  gboolean              include_spot;
  gboolean              refresh_asked;  /* by the user: say how it went */
  guint                 scroll_tries;   /* scroll_to_selected_idle () waiting for a layout */
  GtkWindow            *compare_window; /* weak: the comparison (issue 18) */
  GtkWidget            *watch_button;   /* issue 19: the star, once there is a watcher */
  RwWatchlist          *watchlist;      /* issue 19: the rows' stars and "Watch" menu item */
  AdwToast             *compare_toast;  /* weak: the last "added to the comparison" toast */
};

G_DEFINE_FINAL_TYPE (RwWindow, rw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_INCLUDE_SPOT,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sidebar's items are GPU ids (GtkStringObject), not the catalog's records: a refreshed
 * catalog with the same GPUs then updates the rows in place instead of the list view
 * destroying and making every row again (most of a refresh's main-thread time) */
static RwGpu *
gpu_for_item (RwWindow *self,
              gpointer  item)
{
  if (item == NULL || self->catalog == NULL)
    return NULL;
  return rw_catalog_lookup_gpu (self->catalog, gtk_string_object_get_string (item));
}

static RwGpu *
selected_gpu (RwWindow *self)
{
  return self->selection
           ? gpu_for_item (self, gtk_single_selection_get_selected_item (self->selection))
           : NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RwWindow *self = user_data;
  RwGpu *gpu = gpu_for_item (self, item);

  return gpu != NULL &&
         rw_gpu_matches (gpu, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RwWindow *self = user_data;
  RwGpu *ga = gpu_for_item (self, (gpointer) a);
  RwGpu *gb = gpu_for_item (self, (gpointer) b);

  if (ga == NULL || gb == NULL)
    return (ga == NULL) - (gb == NULL);

  /* while searching, the best matches first: "h100" is the H100 SXM's alias */
  {
    const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

    if (text != NULL && text[0] != '\0')
      {
        int ra = rw_gpu_match_rank (ga, text);
        int rb = rw_gpu_match_rank (gb, text);

        if (ra != rb)
          return ra < rb ? -1 : 1;
      }
  }

  if (self->sort_key == SORT_PRICE)
    {
      /* the rows' "from $X/hr": the GPU page's statistics (spot, suspect prices) */
      guint mask = (self->include_spot ? RW_PRICING_MASK_ALL : RW_PRICING_MASK_NO_SPOT) |
                   (rw_gpu_page_get_include_suspect (self->gpu_page) ? RW_INCLUDE_SUSPECT : 0);
      double pa = rw_gpu_get_cheapest_hr_for (ga, mask);
      double pb = rw_gpu_get_cheapest_hr_for (gb, mask);

      /* GPUs without offers last */
      if ((pa < 0) != (pb < 0))
        return pa < 0 ? 1 : -1;
      if (pa != pb)
        return pa < pb ? -1 : 1;
    }
  else if (self->sort_key == SORT_VRAM)
    {
      double va = rw_gpu_get_vram_gb (ga);
      double vb = rw_gpu_get_vram_gb (gb);

      if (va != vb)
        return va > vb ? -1 : 1;
    }
  return g_utf8_collate (rw_gpu_get_name (ga), rw_gpu_get_name (gb));
}

/* A click selects a row (the list view does that); folded, it also opens the GPU's page. The
 * list is not single-click-activate: that selects whatever row the pointer rests on, so the
 * page changed GPU under a moving pointer or a closing popover. The leaflet moves once the
 * click is over: sliding the row away while GTK still handles its release broke GTK's
 * accounting of the pressed state ("Broken accounting of active state") */
static gboolean
navigate_forward_idle (gpointer user_data)
{
  RwWindow *self = user_data;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RwWindow        *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, navigate_forward_idle, g_object_ref (self),
                     g_object_unref);
}

static void show_toast (RwWindow   *self,
                        const char *text);

/* Comparing GPUs (issue 18): the choice is the settings' compare-gpus key; the comparison
 * itself is RwCompareView, in a window of its own */

static void
compare_toggle (RwWindow   *self,
                const char *gpu_id)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean chosen = FALSE;
  RwGpu *gpu;

  if (self->settings == NULL || self->catalog == NULL || gpu_id == NULL)
    return;
  gpu = rw_catalog_lookup_gpu (self->catalog, gpu_id);
  if (gpu == NULL)
    return;
  if (!rw_compare_toggle_gpu (self->settings, gpu_id, &chosen))
    {
      show_toast (self, _("Four GPUs are already chosen: remove one first"));
      return;
    }
  ids = g_settings_get_strv (self->settings, "compare-gpus");
  {
    g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (gpu));

    /* TRANSLATORS: %s is a GPU name, %u how many GPUs are chosen to compare */
    text = chosen ? g_strdup_printf (_("%s added to the comparison (%u of 4)"), name,
                                     g_strv_length (ids))
                  : g_strdup_printf (_("%s removed from the comparison"), name);
  }
  /* the newest replaces the one before: six quick Ctrl+D queued six toasts, shown one after
   * another for 15 s over the page (newcomer report 5, defect 13) */
  if (self->compare_toast != NULL)
    adw_toast_dismiss (self->compare_toast);
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);
    AdwToast *toast = adw_toast_new (escaped);

    g_set_weak_pointer (&self->compare_toast, toast);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

static void
compare_toggle_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  RwGpu *gpu = selected_gpu (self);

  if (id[0] == '\0')
    id = gpu != NULL ? rw_gpu_get_id (gpu) : NULL;
  compare_toggle (self, id);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWidget *box, *header, *view;
  GtkEventController *shortcuts;

  if (self->compare_window != NULL)
    {
      gtk_window_present (self->compare_window);
      return;
    }
  self->compare_window = GTK_WINDOW (adw_window_new ());
  g_object_add_weak_pointer (G_OBJECT (self->compare_window), (gpointer *) &self->compare_window);
  gtk_window_set_title (self->compare_window, _("Compare GPUs"));
  gtk_window_set_transient_for (self->compare_window, GTK_WINDOW (self));
  gtk_window_set_default_size (self->compare_window, 1000, 720);
  gtk_widget_set_size_request (GTK_WIDGET (self->compare_window), 360, 294);
  /* closes on Escape and Ctrl+W like the plan window and the shortcuts window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                      gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self->compare_window), shortcuts);
  if (app != NULL)
    gtk_window_set_application (self->compare_window, app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  view = rw_compare_view_new (self->session, self->settings);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (self->compare_window), box);
  gtk_window_present (self->compare_window);
}

static void
compare_with_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);
  RwGpu *gpu = selected_gpu (self);

  if (gpu != NULL && self->settings != NULL)
    {
      g_auto(GStrv) ids = g_settings_get_strv (self->settings, "compare-gpus");

      if (!g_strv_contains ((const char * const *) ids, rw_gpu_get_id (gpu)))
        compare_toggle (self, rw_gpu_get_id (gpu));
    }
  compare_activated (widget, NULL, NULL);
}

static gboolean
unparent_idle (gpointer data)
{
  gtk_widget_unparent (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* the item's action runs after the menu closes: the popover must still be in the window */
static void
row_menu_closed (GtkWidget *popover)
{
  g_idle_add (unparent_idle, g_object_ref (popover));
}

static gboolean
gpu_watched (RwWindow   *self,
             const char *gpu_id)
{
  g_autofree char *key = NULL;

  if (self->watchlist == NULL || gpu_id == NULL)
    return FALSE;
  key = rw_watch_item_make_key (RW_WATCH_GPU, gpu_id, 0, 0);
  return rw_watchlist_lookup (self->watchlist, key) != NULL;
}

/* The row's menu: watch (issue 19), compare (issue 18); at a point of the row */
static gboolean
open_row_menu (RwWindow  *self,
               GtkWidget *row,
               double     x,
               double     y)
{
  RwGpu *gpu = rw_gpu_row_get_gpu (RW_GPU_ROW (row));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_auto(GStrv) ids = NULL;
  GtkWidget *popover;

  if (gpu == NULL || self->settings == NULL)
    return FALSE;
  if (self->watchlist != NULL)
    {
      g_autoptr(GMenuItem) watch =
        g_menu_item_new (gpu_watched (self, rw_gpu_get_id (gpu)) ? _("Stop watching")
                                                                  : _("Watch"), NULL);

      g_menu_item_set_action_and_target (watch, "win.watch-toggle", "s", rw_gpu_get_id (gpu));
      g_menu_append_item (menu, watch);
    }
  ids = g_settings_get_strv (self->settings, "compare-gpus");
  item = g_menu_item_new (g_strv_contains ((const char * const *) ids, rw_gpu_get_id (gpu))
                          ? _("Remove from comparison") : _("Add to comparison"), NULL);
  g_menu_item_set_action_and_target (item, "win.compare-toggle", "s", rw_gpu_get_id (gpu));
  g_menu_append_item (menu, item);
  g_menu_append (menu, _("Compare GPUs"), "win.compare");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, row);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (row_menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  return TRUE;
}

static void
on_row_menu (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RwWindow        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (open_row_menu (self, row, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Menu or Shift+F10 on the focused GPU row (the list item, the row's parent, has the focus):
 * the same menu, by keyboard */
static gboolean
row_menu_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  RwWindow *self = RW_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = NULL;

  if (focus == NULL || self->gpu_list == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->gpu_list)))
    return FALSE;
  if (RW_IS_GPU_ROW (gtk_widget_get_first_child (focus)))
    row = gtk_widget_get_first_child (focus);
  else
    row = gtk_widget_get_ancestor (focus, RW_TYPE_GPU_ROW);
  return row != NULL &&
         open_row_menu (self, row, gtk_widget_get_width (row) / 2.0,
                        gtk_widget_get_height (row) / 2.0);
}

static void
add_compare_menu (RwWindow  *self,
                  GtkWidget *row)
{
  GtkGesture *menu_click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (menu_click, "pressed", G_CALLBACK (on_row_menu), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (menu_click));
}

/* win.watch-toggle("h100-sxm"): the sidebar row's "Watch" / "Stop Watching" (no target, no
 * drop threshold: the star on the GPU page sets those) */
static void
watch_toggle_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);
  const char *gpu_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->watchlist == NULL || *gpu_id == '\0')
    return;
  if (gpu_watched (self, gpu_id))
    {
      g_autofree char *key = rw_watch_item_make_key (RW_WATCH_GPU, gpu_id, 0, 0);

      ok = rw_watchlist_remove (self->watchlist, key, &error);
    }
  else
    {
      g_autoptr(RwWatchItem) item = rw_watch_item_new_gpu (gpu_id, RW_UNKNOWN, 0);

      ok = rw_watchlist_add (self->watchlist, item, &error);
    }
  if (!ok)
    {
      /* plain text: the toast's title is markup, so it is escaped */
      g_autofree char *text = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

/* The watchlist changed: every bound row's star again */
static void
update_row_stars (RwWindow *self)
{
  if (self->list_items == NULL)
    return;
  for (guint i = 0; i < self->list_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->list_items, i);
      RwGpuRow *row = RW_GPU_ROW (gtk_list_item_get_child (item));
      RwGpu *gpu = rw_gpu_row_get_gpu (row);

      rw_gpu_row_set_watched (row, gpu != NULL && gpu_watched (self, rw_gpu_get_id (gpu)));
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RwWindow                 *self)
{
  GtkWidget *row = rw_gpu_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  add_compare_menu (self, row);
  g_object_bind_property (self, "include-spot", row, "include-spot", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->gpu_page, "include-suspect", row, "include-suspect",
                          G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->list_items, item);
}

static void
teardown_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RwWindow                 *self)
{
  g_ptr_array_remove_fast (self->list_items, item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RwWindow                 *self)
{
  RwGpu *gpu = gpu_for_item (self, gtk_list_item_get_item (item));

  rw_gpu_row_set_watched (RW_GPU_ROW (gtk_list_item_get_child (item)),
                          gpu != NULL && gpu_watched (self, rw_gpu_get_id (gpu)));
  rw_gpu_row_set_gpu (RW_GPU_ROW (gtk_list_item_get_child (item)), gpu);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RwWindow                 *self)
{
  rw_gpu_row_set_gpu (RW_GPU_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
update_sidebar_state (RwWindow *self)
{
  gboolean empty = self->filtered == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    empty && self->catalog ? "no-results" : "list");
}

static void
on_selection_changed (RwWindow *self)
{
  RwGpu *gpu = selected_gpu (self);

  if (gpu == NULL)
    return;
  {
    g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (gpu));
    /* shown in the header when the view switcher does not fit */
    adw_view_switcher_title_set_title (self->switcher_title, name);
  }
  if (g_strcmp0 (self->shown_id, rw_gpu_get_id (gpu)) != 0)
    {
      g_free (self->shown_id);
      self->shown_id = g_strdup (rw_gpu_get_id (gpu));
    }
  rw_gpu_page_set_gpu (self->gpu_page, self->catalog, gpu);
  if (self->watch_button != NULL)
    rw_watch_button_set_gpu (RW_WATCH_BUTTON (self->watch_button), rw_gpu_get_id (gpu));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-gpu", rw_gpu_get_id (gpu));
}

static void
on_gpu_activated (RwWindow *self,
                  guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (RwWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void select_gpu (RwWindow *self, const char *id);

/* Only a list on screen scrolls (GTK warns "failed to scroll" otherwise: folded, the search
 * runs while the page is shown); a list coming on screen scrolls to the selection itself */
static gboolean
scroll_list_to (RwWindow *self,
                guint     position)
{
  GtkSelectionModel *model = gtk_list_view_get_model (self->gpu_list);

  /* gtk_list_view_scroll_to () is GTK 4.12; this action is there since 4.0. GTK warns "failed
   * to scroll to given position" for a list without its rows laid out (monkey seed 303, a
   * resize to 360 px remapping the sidebar): only a mapped list with a size, rows and that
   * item is asked */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->gpu_list)) &&
      gtk_widget_get_height (GTK_WIDGET (self->gpu_list)) > 0 &&
      gtk_widget_get_first_child (GTK_WIDGET (self->gpu_list)) != NULL &&
      model != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (model)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->gpu_list), "list.scroll-to-item", "u",
                                  position);
      return TRUE;
    }
  return FALSE;
}

static gboolean scroll_to_selected_idle (gpointer user_data);

/* A search shows its best match; cleared, the list keeps the GPU on show, scrolled to it */
static void
on_search_changed (RwWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* the GPU on show, not the selection: a search without results selects nothing, and the
   * filter's items-changed then lets the selection model pick a row of its own */
  g_autofree char *id = g_strdup (self->shown_id);
  RwGpu *selected;

  if (self->filter == NULL)
    return;
  /* the page follows the outcome, not the row the selection model picks on the way */
  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (text[0] != '\0' && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_idle, g_object_ref (self),
                       g_object_unref);
    }
  else if (id != NULL)
    {
      select_gpu (self, id);
      /* again once the list has its rows back and a size */
      g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_idle, g_object_ref (self),
                       g_object_unref);
    }
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  selected = selected_gpu (self);
  if (selected != NULL && g_strcmp0 (rw_gpu_get_id (selected), self->shown_id) != 0)
    on_selection_changed (self);
  update_sidebar_state (self);
}

/* Enter in the search entry opens the first match */
static void
on_search_activate (RwWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_gpu_activated (self, 0);
}

static void
on_stop_search (RwWindow *self)
{
  /* the focus goes back to the button, not to the list: a list view taking the focus puts
   * it on its first row and scrolls there, away from the GPU on show */
  gtk_widget_grab_focus (self->search_button);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Keeps the selected GPU on show after the list is re-filtered or re-sorted */
static void
select_gpu (RwWindow   *self,
            const char *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* once the list has laid out its new order: right after a filter or sort change
           * GTK 4.8 fails to scroll ("failed to scroll to given position"; the monkey, seed 14) */
          g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_idle, g_object_ref (self),
                           g_object_unref);
          return;
        }
    }
}

static void rw_window_set_catalog (RwWindow  *self,
                                   RwCatalog *catalog);

static char *
feed_label (RwWindow     *self,
            RwFeedStatus *status)
{
  g_autofree char *provider = rw_feed_provider_for_url (status->url);
  RwProvider *known =
    provider && self->catalog ? rw_catalog_lookup_provider (self->catalog, provider) : NULL;
  g_autoptr(GUri) uri = NULL;

  if (known != NULL)
    return rw_text_sanitize (rw_provider_get_name (known));
  uri = g_uri_parse (status->url, G_URI_FLAGS_NONE, NULL);
  return rw_text_sanitize (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : status->url);
}

/* "Offline — showing prices from 3 hours ago", "Lambda feed failed: HTTP 503 · …" */
void
rw_window_update_banner (RwWindow *self)
{
  GPtrArray *statuses = self->session ? rw_session_get_statuses (self->session) : NULL;
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  gboolean offline = TRUE;
  g_autofree char *ago = NULL;
  g_autofree char *text = NULL;
  g_autofree char *showing = NULL;
  gint64 data_time;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      RwFeedStatus *status = g_ptr_array_index (statuses, i);

      if (status->state != RW_FEED_STATE_FAILED)
        continue;
      g_ptr_array_add (failed, status);
      if (!rw_ui_feed_failed_offline (status))
        offline = FALSE;
    }

  if (failed->len == 0 || self->catalog == NULL)
    {
      gtk_info_bar_set_revealed (self->banner, FALSE);
      return;
    }

  /* a refresh that brought the same data changed only the session's time, not the catalog */
  data_time = self->session ? rw_session_get_data_time (self->session)
                            : rw_catalog_get_data_time (self->catalog);
  ago = rw_format_time_ago (MAX (0, g_get_real_time () / G_USEC_PER_SEC - data_time));
  /* TRANSLATORS: "showing prices from 3 hours ago" */
  showing = g_strdup_printf (_("showing prices from %s"), ago);

  if (offline && failed->len == statuses->len)
    /* TRANSLATORS: "Offline — showing prices from 3 hours ago" */
    text = g_strdup_printf (_("Offline — %s"), showing);
  else
    {
      RwFeedStatus *first = g_ptr_array_index (failed, 0);
      g_autofree char *name = feed_label (self, first);
      g_autofree char *error = rw_ui_feed_error_text (first);

      if (failed->len == 1)
        /* TRANSLATORS: "Lambda feed failed: HTTP 503 · showing prices from 3 hours ago" */
        text = g_strdup_printf (_("%s feed failed: %s · %s"), name, error, showing);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u feed failed (%s: %s) · %s",
                                             "%u feeds failed (%s: %s, …) · %s", failed->len),
                                failed->len, name, error, showing);
    }

  gtk_label_set_text (self->banner_label, text);
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

static void
on_banner_response (RwWindow *self,
                    int       response)
{
  gtk_info_bar_set_revealed (self->banner, FALSE);
}

static void
on_banner_close (RwWindow *self)
{
  gtk_info_bar_set_revealed (self->banner, FALSE);
}

static void
show_toast (RwWindow   *self,
            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  /* toast titles are markup in libadwaita 1.2 */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Ctrl+R, the refresh button and Retry always answer: offline by choice, or how it went */
static void
on_refresh_activated (RwWindow *self)
{
  if (self->session != NULL && rw_session_get_offline (self->session))
    {
      show_toast (self, _("Offline mode: started with --offline, Rentwise fetches no prices"));
      return;
    }
  self->refresh_asked = TRUE;
}

/* Once the window has its application, Ctrl+R, the refresh button and Retry answer in it */
static void
on_application_set (RwWindow   *self,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *refresh = app ? g_action_map_lookup_action (G_ACTION_MAP (app), "refresh") : NULL;

  if (refresh == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self, on_application_set, user_data);
  g_signal_connect_object (refresh, "activate", G_CALLBACK (on_refresh_activated), self,
                           G_CONNECT_SWAPPED);
}

static void
on_session_refreshing (RwWindow *self)
{
  GPtrArray *statuses = rw_session_get_statuses (self->session);
  gboolean refreshing = rw_session_get_refreshing (self->session);
  guint failed = 0;

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  if (refreshing || !self->refresh_asked)
    return;
  self->refresh_asked = FALSE;
  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    if (((RwFeedStatus *) g_ptr_array_index (statuses, i))->state == RW_FEED_STATE_FAILED)
      failed++;
  if (statuses == NULL || statuses->len == 0)
    show_toast (self, _("No feeds to refresh: add one in Preferences"));
  else if (failed == statuses->len)
    show_toast (self, _("Prices not refreshed: every feed failed"));
  else if (failed > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Prices refreshed, but %u feed failed",
                                      "Prices refreshed, but %u feeds failed", failed), failed);
      show_toast (self, text);
    }
  else
    show_toast (self, _("Prices refreshed"));
}

/* The list is scrolled to the selection once it has a size to scroll in */
static gboolean
scroll_to_selected_idle (gpointer user_data)
{
  RwWindow *self = user_data;
  guint position = self->selection ? gtk_single_selection_get_selected (self->selection)
                                   : GTK_INVALID_LIST_POSITION;

  /* a list just mapped may not be laid out yet: try again 50 ms later, up to 20 times */
  if (position != GTK_INVALID_LIST_POSITION && !scroll_list_to (self, position) &&
      gtk_widget_get_mapped (GTK_WIDGET (self->gpu_list)) && self->scroll_tries++ < 20)
    g_timeout_add_full (G_PRIORITY_LOW, 50, scroll_to_selected_idle, g_object_ref (self),
                        g_object_unref);
  else
    self->scroll_tries = 0;
  return G_SOURCE_REMOVE;
}

/* Tab leaves the GPU list for the next widget outside it, Shift+Tab for the one before it,
 * instead of walking every row (GTK 4.8's list view moves Tab from item to item; GTK 4.12's
 * GTK_LIST_TAB_ITEM does what this does). Arrow keys still move between rows.
 *
 * Within the sidebar the widgets' order is the tab order. Past it, the page comes next: the
 * leaflet reorders its children to draw the visible one on top, so their order says nothing
 * (walking it, Tab went round the sidebar's header and the list forever and never reached
 * the page, newcomer report 4, defect 1). Forward, the page takes the focus when it is on
 * screen; backward, the page's last control. With the page off screen (folded), Tab wraps round
 * to the sidebar's header bar. */
static gboolean
focus_out_of_list (RwWindow         *self,
                   GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;

  for (GtkWidget *w = GTK_WIDGET (self->gpu_list); w != NULL && w != self->sidebar;
       w = gtk_widget_get_parent (w))
    for (GtkWidget *s = forward ? gtk_widget_get_next_sibling (w) : gtk_widget_get_prev_sibling (w);
         s != NULL; s = forward ? gtk_widget_get_next_sibling (s) : gtk_widget_get_prev_sibling (s))
      if (gtk_widget_get_mapped (s) && gtk_widget_child_focus (s, direction))
        return TRUE;
  if (gtk_widget_get_mapped (self->content) && gtk_widget_child_focus (self->content, direction))
    return TRUE;
  return gtk_widget_child_focus (forward ? gtk_widget_get_first_child (self->sidebar)
                                         : gtk_widget_get_last_child (self->sidebar),
                                 direction);
}

static gboolean
on_gpu_list_key (RwWindow        *self,
                 guint            keyval,
                 guint            keycode,
                 GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  return focus_out_of_list (self, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK)
                                    ? GTK_DIR_TAB_BACKWARD
                                    : GTK_DIR_TAB_FORWARD)
           ? GDK_EVENT_STOP
           : GDK_EVENT_PROPAGATE;
}

static void
on_gpu_list_map (RwWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_idle, g_object_ref (self), g_object_unref);
}

/* Whether @catalog has exactly the GPUs the sidebar lists, in the same order */
static gboolean
same_gpus (RwWindow  *self,
           RwCatalog *catalog)
{
  GListModel *gpus = rw_catalog_get_gpus (catalog);
  guint n = g_list_model_get_n_items (gpus);

  if (n != g_list_model_get_n_items (G_LIST_MODEL (self->gpu_ids)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      g_autoptr(GtkStringObject) id = g_list_model_get_item (G_LIST_MODEL (self->gpu_ids), i);

      if (g_strcmp0 (rw_gpu_get_id (gpu), gtk_string_object_get_string (id)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
rw_window_set_catalog (RwWindow  *self,
                       RwCatalog *catalog)
{
  g_autofree char *last = NULL;
  RwGpu *selected = selected_gpu (self);
  g_autofree char *selected_id = selected ? g_strdup (rw_gpu_get_id (selected)) : NULL;

  if (!g_set_object (&self->catalog, catalog))
    return;

  if (catalog != NULL && self->selection != NULL && same_gpus (self, catalog))
    {
      /* a refresh: the same rows, their figures and order updated in place */
      for (guint i = 0; i < self->list_items->len; i++)
        {
          GtkListItem *item = g_ptr_array_index (self->list_items, i);

          if (gtk_list_item_get_item (item) != NULL)
            rw_gpu_row_set_gpu (RW_GPU_ROW (gtk_list_item_get_child (item)),
                                gpu_for_item (self, gtk_list_item_get_item (item)));
        }
      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
      if (selected_id != NULL)
        select_gpu (self, selected_id);
      on_selection_changed (self);
      rw_window_update_banner (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
      return;
    }

  g_clear_object (&self->selection);
  g_list_store_remove_all (self->gpu_ids);
  if (catalog != NULL)
    {
      GListModel *gpus = rw_catalog_get_gpus (catalog);
      guint n = g_list_model_get_n_items (gpus);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
          g_ptr_array_add (ids, gtk_string_object_new (rw_gpu_get_id (gpu)));
        }
      g_list_store_splice (self->gpu_ids, 0, 0, ids->pdata, ids->len);
    }
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->gpu_ids)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (
    gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter))));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->gpu_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_sidebar_state), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->content_stack, catalog ? "gpu" : "no-catalog");
  update_sidebar_state (self);

  /* a new catalog (a refresh) keeps the GPU on show */
  last = selected_id ? g_steal_pointer (&selected_id)
                     : self->settings ? g_settings_get_string (self->settings, "last-gpu") : NULL;
  if (last != NULL)
    select_gpu (self, last);
  on_selection_changed (self);
  rw_window_update_banner (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void resort_by_price (RwWindow *self);

static void
rw_window_set_include_spot (RwWindow *self,
                            gboolean  include_spot)
{
  include_spot = !!include_spot;
  if (self->include_spot == include_spot)
    return;
  self->include_spot = include_spot;
  resort_by_price (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SPOT]);
}

/* "from $X/hr" changed with the preferences: the price order too, the selection kept */
static void
resort_by_price (RwWindow *self)
{
  RwGpu *selected = selected_gpu (self);

  if (self->sorter != NULL && self->sort_key == SORT_PRICE)
    {
      g_autofree char *id = selected ? g_strdup (rw_gpu_get_id (selected)) : NULL;

      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
      if (id != NULL)
        select_gpu (self, id);
    }
}

static void
sort_changed (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  RwWindow *self = user_data;
  const char *key = g_variant_get_string (value, NULL);
  RwGpu *selected = selected_gpu (self);
  g_autofree char *id = selected ? g_strdup (rw_gpu_get_id (selected)) : NULL;

  self->sort_key = g_str_equal (key, "vram") ? SORT_VRAM
                   : g_str_equal (key, "name") ? SORT_NAME : SORT_PRICE;
  g_simple_action_set_state (action, value);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "gpu-sort", key);
  if (self->sorter != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (id != NULL)
    select_gpu (self, id);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_toast_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_toast (RW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RwWindow *self = RW_WINDOW (widget);

  adw_view_stack_set_visible_child_name (rw_gpu_page_get_stack (self->gpu_page),
                                         g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
rw_window_close_request (GtkWindow *window)
{
  RwWindow *self = RW_WINDOW (window);

  /* Text Editor's way: remember the size that was not maximized */
  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (rw_window_parent_class)->close_request (window);
}

static void
rw_window_constructed (GObject *object)
{
  RwWindow *self = RW_WINDOW (object);
  GSettingsSchema *schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SCHEMA_ID, TRUE);
  g_autoptr(GSimpleAction) sort = NULL;
  g_autofree char *sort_key = NULL;

  G_OBJECT_CLASS (rw_window_parent_class)->constructed (object);

  /* Settings are optional so that widget tests and unusual set-ups still get a window */
  if (schema != NULL)
    {
      self->settings = g_settings_new (SCHEMA_ID);
      g_settings_schema_unref (schema);

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "include-spot", self, "include-spot",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "context-length", self->gpu_page, "context",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "include-suspect", self->gpu_page, "include-suspect",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "last-view", rw_gpu_page_get_stack (self->gpu_page),
                       "visible-child-name", G_SETTINGS_BIND_DEFAULT);
      sort_key = g_settings_get_string (self->settings, "gpu-sort");
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);

  sort = g_simple_action_new_stateful ("sort", G_VARIANT_TYPE_STRING,
                                       g_variant_new_string (sort_key ? sort_key : "price"));
  g_signal_connect (sort, "change-state", G_CALLBACK (sort_changed), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sort));
  if (sort_key != NULL)
    g_action_change_state (G_ACTION (sort), g_variant_new_string (sort_key));

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* the session is the data: the window follows it and never asks the application */
  if (self->session != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      GAction *refresh = app ? g_action_map_lookup_action (G_ACTION_MAP (app), "refresh") : NULL;

      rw_gpu_page_set_session (self->gpu_page, self->session);
      g_object_bind_property (self->session, "catalog", self, "catalog", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->session, "notify::refreshing",
                               G_CALLBACK (on_session_refreshing), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::statuses",
                               G_CALLBACK (rw_window_update_banner), self, G_CONNECT_SWAPPED);
      /* the same data refreshed: only where and when its prices come from changed */
      g_signal_connect_object (self->session, "notify::data-time",
                               G_CALLBACK (rw_window_update_banner), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::data-source",
                               G_CALLBACK (rw_window_update_banner), self, G_CONNECT_SWAPPED);
      if (refresh != NULL)
        g_signal_connect_object (refresh, "activate", G_CALLBACK (on_refresh_activated), self,
                                 G_CONNECT_SWAPPED);
      else
        /* g_object_new () sets "application" after constructed: hook the action then */
        g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
      on_session_refreshing (self);
      rw_window_update_banner (self);
    }
}

static void
rw_window_dispose (GObject *object)
{
  RwWindow *self = (RwWindow *) object;

  g_clear_pointer (&self->shown_id, g_free);
  /* the switchers point into the GPU page, which goes first */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->gpu_list != NULL)
    gtk_list_view_set_model (self->gpu_list, NULL);
  g_clear_object (&self->selection);
  if (self->compare_window != NULL)
    gtk_window_destroy (self->compare_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_WINDOW);
  g_clear_object (&self->gpu_ids);
  g_clear_pointer (&self->list_items, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  if (self->watchlist != NULL)
    g_signal_handlers_disconnect_by_data (self->watchlist, self);
  g_clear_object (&self->watchlist);
  g_clear_weak_pointer (&self->compare_toast);

  G_OBJECT_CLASS (rw_window_parent_class)->dispose (object);
}

static void
rw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RwWindow *self = RW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_INCLUDE_SPOT:
      g_value_set_boolean (value, self->include_spot);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RwWindow *self = RW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      rw_window_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_INCLUDE_SPOT:
      rw_window_set_include_spot (self, g_value_get_boolean (value));
      break;
    case PROP_SESSION:
      /* construct-only; bound in constructed */
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_window_class_init (RwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rw_window_constructed;
  object_class->dispose = rw_window_dispose;
  object_class->get_property = rw_window_get_property;
  object_class->set_property = rw_window_set_property;
  window_class->close_request = rw_window_close_request;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RW_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_SPOT] =
    g_param_spec_boolean ("include-spot", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RwWindow:session: (nullable)
   *
   * The session the window shows (construct-only): its `catalog` is bound to the window's,
   * its `statuses`, `data-time` and `refreshing` drive the banner, the freshness line and the
   * refresh button, its history feeds the price chart. Without one, the window shows the
   * `catalog` it is given (widget tests).
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RW_TYPE_GPU_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, gpu_list);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, gpu_page);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close);
  gtk_widget_class_bind_template_callback (widget_class, on_gpu_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_activated);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_activated);
  gtk_widget_class_install_action (widget_class, "win.compare-toggle", "s",
                                   compare_toggle_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.watch-toggle", "s",
                                   watch_toggle_activated);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, row_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, row_menu_key, NULL);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL,
                                   compare_with_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.compare-toggle", "s", "");
  /* not Ctrl+Shift+D: that is GTK's inspector */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.compare",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s",
                                       "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s",
                                       "providers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.view", "s",
                                       "instances");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.view", "s",
                                       "models");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.view", "s",
                                       "rent");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
rw_window_init (RwWindow *self)
{
  GtkListItemFactory *factory;
  GtkEventController *key;

  self->include_spot = TRUE;
  self->gpu_ids = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->list_items = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_view_switcher_title_set_stack (self->switcher_title, rw_gpu_page_get_stack (self->gpu_page));
  adw_view_switcher_bar_set_stack (self->switcher_bar, rw_gpu_page_get_stack (self->gpu_page));
  g_object_bind_property (self, "include-spot", self->gpu_page, "include-spot",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->gpu_page, "notify::include-suspect",
                           G_CALLBACK (resort_by_price), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row), self);
  gtk_list_view_set_factory (self->gpu_list, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->gpu_list, "map", G_CALLBACK (on_gpu_list_map), self,
                           G_CONNECT_SWAPPED);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_gpu_list_key), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->gpu_list), key);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "no-catalog");
}

/**
 * rw_window_new:
 * @application: (nullable): the application
 * @catalog: (nullable): the catalog to show, for a window without a session (widget tests)
 *
 * The application makes its window with g_object_new() and its `session` instead.
 */
RwWindow *
rw_window_new (GtkApplication *application,
               RwCatalog      *catalog)
{
  return g_object_new (RW_TYPE_WINDOW, "application", application, "catalog", catalog, NULL);
}

/**
 * rw_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session the window is bound to
 */
RwSession *
rw_window_get_session (RwWindow *self)
{
  g_return_val_if_fail (RW_IS_WINDOW (self), NULL);
  return self->session;
}

RwCatalog *
rw_window_get_catalog (RwWindow *self)
{
  g_return_val_if_fail (RW_IS_WINDOW (self), NULL);
  return self->catalog;
}

RwGpuPage *
rw_window_get_gpu_page (RwWindow *self)
{
  g_return_val_if_fail (RW_IS_WINDOW (self), NULL);
  return self->gpu_page;
}

void
rw_window_select_gpu (RwWindow   *self,
                      const char *gpu_id)
{
  g_return_if_fail (RW_IS_WINDOW (self));
  select_gpu (self, gpu_id);
  /* a GPU the search hides (a watched row, a notification): the whole list again */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), "") != 0)
    {
      RwGpu *selected = selected_gpu (self);

      if (selected == NULL || g_strcmp0 (rw_gpu_get_id (selected), gpu_id) != 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          on_search_changed (self);
          select_gpu (self, gpu_id);
        }
    }
}

void
rw_window_set_search_text (RwWindow   *self,
                           const char *text)
{
  g_return_if_fail (RW_IS_WINDOW (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

guint
rw_window_get_n_gpus_shown (RwWindow *self)
{
  g_return_val_if_fail (RW_IS_WINDOW (self), 0);
  return self->selection ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
}

static gboolean
present_watch_problem_idle (gpointer data)
{
  g_autoptr(GtkWindow) dialog = data;

  /* unset when the window went first (the dialog is destroyed with it) */
  if (gtk_window_get_transient_for (dialog) != NULL)
    gtk_window_present (dialog);
  return G_SOURCE_REMOVE;
}

/* "map": the watchlist's problem once the window it is transient for shows. In an idle:
 * presented during "map", before the window's own surface, it lay under the window where no
 * window manager stacks a dialog over its parent (Xvfb), unseen and modal. */
static void
present_watch_problem (GtkWidget *window,
                       gpointer   dialog)
{
  g_signal_handlers_disconnect_by_func (window, present_watch_problem, dialog);
  g_idle_add (present_watch_problem_idle, g_object_ref (dialog));
}

/**
 * rw_window_set_watcher:
 * @session: the data shown
 * @watcher: the watchlist and the last refreshes' changes (issue 19)
 *
 * Adds the "Watched" section at the top of the sidebar, the star beside the refresh button,
 * "What changed" under the freshness line, and says when the watchlist or change file was
 * unreadable (the core set it aside).
 */
void
rw_window_set_watcher (RwWindow  *self,
                       RwSession *session,
                       RwWatcher *watcher)
{
  RwWatchlist *watchlist = rw_watcher_get_watchlist (watcher);
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->refresh_stack),
                                               ADW_TYPE_HEADER_BAR);
  RwGpu *gpu = selected_gpu (self);

  g_return_if_fail (RW_IS_WINDOW (self) && self->watch_button == NULL);

  gtk_box_insert_child_after (GTK_BOX (self->sidebar), rw_watched_list_new (session, watchlist),
                              GTK_WIDGET (self->search_bar));
  g_set_object (&self->watchlist, watchlist);
  g_signal_connect_object (watchlist, "items-changed", G_CALLBACK (update_row_stars), self,
                           G_CONNECT_SWAPPED);
  update_row_stars (self);
  self->watch_button = rw_watch_button_new ();
  rw_watch_button_set_watchlist (RW_WATCH_BUTTON (self->watch_button), watchlist);
  rw_watch_button_set_gpu (RW_WATCH_BUTTON (self->watch_button),
                           gpu ? rw_gpu_get_id (gpu) : NULL);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->watch_button);
  rw_gpu_page_add_freshness_widget (self->gpu_page, rw_changes_button_new (session, watcher));
  if (rw_watcher_get_problem (watcher) != NULL)
    {
      /* A dialog, not a toast: a toast has one line and cut the path of the kept file
       * ("The watchlist could not be re…", newcomer report 4); the body wraps. Plain text. */
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Problem with the watchlist"),
                                                  rw_watcher_get_problem (watcher));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_window_present (GTK_WINDOW (dialog));
      else
        g_signal_connect (self, "map", G_CALLBACK (present_watch_problem), dialog);
    }
}

/* Shows @message (plain text) as a toast */
void
rw_window_add_toast (RwWindow   *self,
                     const char *message)
{
  g_autofree char *text = g_markup_escape_text (message, -1);

  g_return_if_fail (RW_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}
