/* rw-watched-list.c: the "Watched" section at the top of the sidebar
 *
 * One row per watched GPU or plan: its name (a plan: the model's, with its context and
 * sessions), its price now (rw_watch_price (), the price the alerts compare: a GPU's cheapest
 * rate per GPU, a plan's cheapest machine) and the target. Activating a row opens the GPU page
 * (app.show-gpu) or the plan (app.show-watched-plan). Hidden while nothing is watched; the
 * rows follow the watchlist and the session's catalog. "Stop watching" in a row's menu
 * shows a toast with "Undo" (rw_watchlist_restore (): the entry back as it was, in its
 * place) and moves the focus to the next row, else the previous one, else the GPU list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "rw-alerts.h"
#include "rw-format.h"
#include "rw-plan.h"
#include "rw-ui-format.h"
#include "rw-watched-list.h"

struct _RwWatchedList
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkListBox  *list;
  RwSession   *session;
  RwWatchlist *watchlist;
};

G_DEFINE_FINAL_TYPE (RwWatchedList, rw_watched_list, GTK_TYPE_WIDGET)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RwWatchedList *self = user_data;
  RwWatchItem *watch = item;
  RwCatalog *catalog = rw_session_get_catalog (self->session);
  const char *id = rw_watch_item_get_kind (watch) == RW_WATCH_GPU ? rw_watch_item_get_gpu (watch)
                                                                  : rw_watch_item_get_model (watch);
  RwGpu *gpu = NULL;
  RwModel *model = NULL;
  gboolean plan = rw_watch_item_get_kind (watch) == RW_WATCH_PLAN;
  g_autofree char *name = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *price = NULL;
  g_autofree char *details = NULL;
  double target = rw_watch_item_get_target_hr (watch);
  RwAlertOptions options;
  RwWatchPrice now = { RW_UNKNOWN, NULL, NULL, 0 };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  if (catalog != NULL && !plan)
    gpu = rw_catalog_lookup_gpu (catalog, id);
  if (catalog != NULL && plan)
    model = rw_catalog_lookup_model (catalog, id);
  /* catalog text is untrusted: sanitized, and set as plain text */
  name = rw_text_sanitize (gpu ? rw_gpu_get_name (gpu) : model ? rw_model_get_name (model) : id);
  rw_alert_options_init (&options);
  if (catalog != NULL)
    rw_watch_price (catalog, watch, &options, &now);
  price = rw_ui_format_rate (now.price_hr);
  if (target > 0)
    {
      g_autofree char *target_text = rw_ui_format_rate (target);

      if (rw_alert_target_reached (target, now.price_hr))
        /* TRANSLATORS: under a watched GPU's name when its price now is at or under its
         * target, e.g. "target $1.50/hr, reached" (newcomer report 4: the row showed $0.79/hr
         * beside "target $1.50/hr" with no word that the target was met) */
        details = g_strdup_printf (_("target %s, reached"), target_text);
      else
        /* TRANSLATORS: under a watched GPU's name: its target price, e.g. "target $0.60/hr" */
        details = g_strdup_printf (_("target %s"), target_text);
    }
  else if (rw_watch_item_get_drop_percent (watch) > 0)
    /* TRANSLATORS: under a watched GPU's name: the drop it tells about, e.g. "drops of 10 %" */
    details = g_strdup_printf (_("drops of %.0f %%"), rw_watch_item_get_drop_percent (watch));
  else
    details = g_strdup (_("no target"));
  if (plan)
    {
      guint sessions = rw_watch_item_get_sessions (watch);
      /* the context the plan uses (an entry from before it was capped shows the cap), with
       * the locale's grouping: "131,072" */
      guint64 context = rw_watch_item_get_context (watch);
      g_autofree char *tokens =
        rw_format_number ((double) (model ? rw_plan_effective_context (model, context)
                                          : context), 0);
      g_autofree char *what =
        /* TRANSLATORS: under a watched plan's model name: its context (with the locale's
         * grouping) and sessions, e.g. "32,768 tokens × 8 sessions" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tokens × %u session",
                                      "%s tokens × %u sessions", sessions),
                         tokens, sessions);
      g_autofree char *both = g_strdup_printf ("%s · %s", what, details);

      g_free (details);
      details = g_steal_pointer (&both);
      /* TRANSLATORS: what a screen reader says for a watched plan's row, e.g. "Plan: Llama
       * 3.3 70B, 32768 tokens × 8 sessions" */
      accessible = g_strdup_printf (_("Plan: %s, %s"), name, what);
    }

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* the whole name, wrapped as the GPU rows' are: "DeepSeek R1 Distill Qwe…" hid the size that
   * tells the 7B, 14B and 32B plans apart (newcomer report 3, defect 4) */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  rw_ui_label_no_hyphens (GTK_LABEL (label));
  /* the row asks for no more width than the GPU rows: the first watched item widened the
   * sidebar from 292 to 352 px (session 3); it fills the width it gets */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_box_append (GTK_BOX (vbox), label);
  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* wraps rather than widening the sidebar (session 3) */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (vbox), label);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_box_append (GTK_BOX (hbox), gtk_image_new_from_icon_name ("starred-symbolic"));
  gtk_box_append (GTK_BOX (hbox), vbox);
  label = gtk_label_new (price);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (hbox), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  g_object_set_data_full (G_OBJECT (row), "rw-gpu", g_strdup (plan ? NULL : id), g_free);
  g_object_set_data_full (G_OBJECT (row), "rw-watch", g_object_ref (watch), g_object_unref);
  /* what a screen reader says for the row */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible ? accessible : name, -1);
  return row;
}

static void
update (RwWatchedList *self)
{
  gboolean any = self->watchlist != NULL
                 && g_list_model_get_n_items (G_LIST_MODEL (self->watchlist)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self), any);
}

/* The prices in the rows come from the catalog: new rows for a new catalog */
static void
rebind (RwWatchedList *self)
{
  gtk_list_box_bind_model (self->list, self->watchlist ? G_LIST_MODEL (self->watchlist) : NULL,
                           create_row, self, NULL);
  update (self);
}

static void
row_activated (RwWatchedList *self,
               GtkListBoxRow *row)
{
  const char *gpu = g_object_get_data (G_OBJECT (row), "rw-gpu");
  RwWatchItem *watch = g_object_get_data (G_OBJECT (row), "rw-watch");

  if (gpu != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-gpu", "s", gpu);
  else if (watch != NULL && rw_watch_item_get_kind (watch) == RW_WATCH_PLAN)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-watched-plan", "(stu)",
                                rw_watch_item_get_model (watch),
                                rw_watch_item_get_context (watch),
                                rw_watch_item_get_sessions (watch));
}

static gboolean
unparent_idle (gpointer data)
{
  if (gtk_widget_get_parent (data) != NULL)
    gtk_widget_unparent (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* the item's action runs after the menu closes: the popover must still be in the window */
static void
menu_closed (GtkWidget *popover)
{
  g_idle_add (unparent_idle, g_object_ref (popover));
}

typedef struct
{
  RwWatchedList *self;
  char          *key;
} StopData;

typedef struct
{
  RwWatchlist *watchlist;
  RwWatchItem *item;
  guint        position;
  GtkListBox  *list;   /* weak */
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  if (undo->list != NULL)
    g_object_remove_weak_pointer (G_OBJECT (undo->list), (gpointer *) &undo->list);
  g_object_unref (undo->watchlist);
  g_object_unref (undo->item);
  g_free (undo);
}

/* "Undo" on the toast: the entry back as it was, where it was, and focus on its row */
static void
undo_clicked (AdwToast *toast,
              UndoData *undo)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  if (!rw_watchlist_restore (undo->watchlist, undo->item, undo->position, &error))
    {
      g_printerr ("rentwise: %s\n", error->message);
      return;
    }
  if (undo->list != NULL &&
      (row = gtk_list_box_get_row_at_index (undo->list, (int) undo->position)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* After a row went: focus on the row now in its place, else the one before it, else the
 * first thing after the section that takes it (the GPU list), not the search button
 * (newcomer report 3, defect 11) */
static void
focus_after_stop (RwWatchedList *self,
                  guint          position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) position);

  if (row == NULL && position > 0)
    row = gtk_list_box_get_row_at_index (self->list, (int) position - 1);
  if (row != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }
  for (GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (self));
       next != NULL;
       next = gtk_widget_get_next_sibling (next))
    if (gtk_widget_get_visible (next) && gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD))
      return;
}

/* Removes the entry once the menu is closed and gone (the row it hung over is destroyed),
 * with a toast that can undo it */
static gboolean
stop_idle (gpointer data)
{
  StopData *stop = data;
  RwWatchedList *self = stop->self;
  g_autoptr(GError) error = NULL;
  RwWatchItem *item = self->watchlist != NULL ? rw_watchlist_lookup (self->watchlist, stop->key)
                                              : NULL;

  if (item != NULL)
    {
      g_autoptr(RwWatchItem) kept = g_object_ref (item);
      guint position = 0;

      while (position < g_list_model_get_n_items (G_LIST_MODEL (self->watchlist)))
        {
          g_autoptr(RwWatchItem) at = g_list_model_get_item (G_LIST_MODEL (self->watchlist),
                                                             position);

          if (at == item)
            break;
          position++;
        }
      if (!rw_watchlist_remove (self->watchlist, stop->key, &error))
        g_printerr ("rentwise: %s\n", error->message);
      else
        {
          GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY);

          focus_after_stop (self, position);
          if (overlay != NULL)
            {
              AdwToast *toast;
              UndoData *undo = g_new0 (UndoData, 1);
              g_autofree char *text = NULL;
              g_autofree char *escaped = NULL;
              RwCatalog *catalog = rw_session_get_catalog (self->session);
              const char *id = rw_watch_item_get_kind (kept) == RW_WATCH_GPU
                               ? rw_watch_item_get_gpu (kept) : rw_watch_item_get_model (kept);
              RwGpu *gpu = catalog != NULL && rw_watch_item_get_kind (kept) == RW_WATCH_GPU
                           ? rw_catalog_lookup_gpu (catalog, id) : NULL;
              RwModel *model = catalog != NULL && rw_watch_item_get_kind (kept) == RW_WATCH_PLAN
                               ? rw_catalog_lookup_model (catalog, id) : NULL;
              /* the name as the row showed it (sanitized catalog text) */
              g_autofree char *shown = rw_text_sanitize (gpu ? rw_gpu_get_name (gpu)
                                                         : model ? rw_model_get_name (model)
                                                                 : id);

              /* TRANSLATORS: a toast after "Stop watching" on a watched GPU or plan, with
               * "Undo", e.g. "Stopped watching NVIDIA L4" */
              text = g_strdup_printf (_("Stopped watching %s"), shown);
              /* toast titles are markup in libadwaita 1.2; the name is catalog text */
              escaped = g_markup_escape_text (text, -1);
              toast = adw_toast_new (escaped);
              adw_toast_set_button_label (toast, _("Undo"));
              /* twice the default 5 s: time to notice and undo */
              adw_toast_set_timeout (toast, 10);
              undo->watchlist = g_object_ref (self->watchlist);
              undo->item = g_steal_pointer (&kept);
              undo->position = position;
              undo->list = self->list;
              g_object_add_weak_pointer (G_OBJECT (undo->list), (gpointer *) &undo->list);
              g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked), undo,
                                     (GClosureNotify) (void (*) (void)) undo_data_free, 0);
              adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
            }
        }
    }
  g_object_unref (stop->self);
  g_free (stop->key);
  g_free (stop);
  return G_SOURCE_REMOVE;
}

/* watched.stop("plan:…"): "Stop watching" in a row's menu */
static void
stop_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StopData *stop = g_new0 (StopData, 1);

  stop->self = g_object_ref (user_data);
  stop->key = g_variant_dup_string (parameter, NULL);
  /* after the popover's own idle unparent (menu_closed ()) */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, stop_idle, stop, NULL);
}

/* A watched row's menu (newcomer report 2, item 12): "Open" and "Stop watching", at a point
 * of the row. The popover hangs on the section, not on the row: stopping removes the row. */
static gboolean
open_row_menu (RwWatchedList *self,
               GtkWidget     *row,
               double         x,
               double         y)
{
  RwWatchItem *watch = g_object_get_data (G_OBJECT (row), "rw-watch");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("Open"), NULL);
  g_autoptr(GMenuItem) stop = g_menu_item_new (_("Stop watching"), NULL);
  graphene_rect_t bounds;
  GtkWidget *popover;

  if (watch == NULL || !gtk_widget_compute_bounds (row, self->box, &bounds))
    return FALSE;
  if (rw_watch_item_get_kind (watch) == RW_WATCH_PLAN)
    g_menu_item_set_action_and_target (open, "app.show-watched-plan", "(stu)",
                                       rw_watch_item_get_model (watch),
                                       rw_watch_item_get_context (watch),
                                       rw_watch_item_get_sessions (watch));
  else
    g_menu_item_set_action_and_target (open, "app.show-gpu", "s",
                                       rw_watch_item_get_gpu (watch));
  g_menu_append_item (menu, open);
  g_menu_item_set_action_and_target (stop, "watched.stop", "s", rw_watch_item_get_key (watch));
  g_menu_append_item (menu, stop);
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, self->box);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) (bounds.origin.x + x),
                                                 (int) (bounds.origin.y + y), 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  return TRUE;
}

static void
row_pressed (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RwWatchedList   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *row = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  double rx, ry;

  if (row != NULL && !GTK_IS_LIST_BOX_ROW (row))
    row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || !gtk_widget_translate_coordinates (widget, row, x, y, &rx, &ry))
    return;
  if (open_row_menu (self, row, rx, ry))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Menu or Shift+F10 on the focused row: the same menu, by keyboard */
static gboolean
row_menu_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  RwWatchedList *self = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return FALSE;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus
                                    : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL &&
         open_row_menu (self, row, gtk_widget_get_width (row) / 2.0,
                        gtk_widget_get_height (row) / 2.0);
}

static void
rw_watched_list_dispose (GObject *object)
{
  RwWatchedList *self = RW_WATCHED_LIST (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->list = NULL;
  g_clear_object (&self->session);
  g_clear_object (&self->watchlist);
  G_OBJECT_CLASS (rw_watched_list_parent_class)->dispose (object);
}

static void
rw_watched_list_class_init (RwWatchedListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rw_watched_list_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
rw_watched_list_init (RwWatchedList *self)
{
  GtkWidget *heading = gtk_label_new (_("Watched"));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_start (heading, 18);
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (self->box), heading);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Watched GPUs and plans"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated), self);
  {
    static const GActionEntry entries[] = { { "stop", stop_activated, "s", NULL, NULL, { 0 } } };
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

    g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
    gtk_widget_insert_action_group (self->box, "watched", G_ACTION_GROUP (group));
  }
  {
    GtkGesture *click = gtk_gesture_click_new ();
    GtkEventController *keys = gtk_shortcut_controller_new ();
    GtkShortcutAction *action = gtk_callback_action_new (row_menu_key, self, NULL);

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (row_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (click));
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                     gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                             GDK_SHIFT_MASK)),
                        g_object_ref (action)));
    g_object_unref (action);
    gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  }
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * rw_watched_list_new:
 * @session: the data shown: the rows' names and prices
 * @watchlist: the entries
 *
 * Returns: (transfer floating): the section
 */
GtkWidget *
rw_watched_list_new (RwSession   *session,
                     RwWatchlist *watchlist)
{
  RwWatchedList *self = g_object_new (RW_TYPE_WATCHED_LIST, NULL);

  self->session = g_object_ref (session);
  self->watchlist = g_object_ref (watchlist);
  g_signal_connect_object (session, "notify::catalog", G_CALLBACK (rebind), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (watchlist, "items-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  rebind (self);
  return GTK_WIDGET (self);
}
