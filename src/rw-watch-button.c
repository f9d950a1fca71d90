/* rw-watch-button.c: the star that watches a GPU or a plan, with its target and drop threshold
 *
 * A star-shaped menu button: filled when the GPU (or the plan: model, context, sessions) is in
 * the watchlist. Its popover has "Watch this GPU" ("Watch this plan"), an optional target
 * ($/hr per GPU; for a plan $/hr for the whole machine; 0 for none) and an optional drop
 * threshold (%; 0 for none). Every change is written to the watchlist file at once
 * (rw_watchlist_add () replaces the entry with the same key).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rw-records.h"
#include "rw-ui-format.h"
#include "rw-watch-button.h"

struct _RwWatchButton
{
  GtkWidget      parent_instance;

  GtkWidget     *menu_button;
  GtkCheckButton *watch_check;
  GtkWidget     *target_caption;
  GtkSpinButton *target_spin;
  GtkSpinButton *drop_spin;
  GtkLabel      *error_label;

  RwWatchlist   *watchlist;
  RwWatchKind    kind;
  char          *gpu;        /* a GPU id, or a plan's model id */
  guint64        context;    /* a plan's */
  guint          sessions;   /* a plan's */
  char          *unavailable; /* why it cannot be watched now (the star insensitive), or NULL */
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (RwWatchButton, rw_watch_button, GTK_TYPE_WIDGET)

static char *
gpu_key (RwWatchButton *self)
{
  return rw_watch_item_make_key (self->kind, self->gpu, self->context, self->sessions);
}

/* The words that differ between a GPU and a plan */
static void
set_texts (RwWatchButton *self)
{
  gboolean plan = self->kind == RW_WATCH_PLAN;

  gtk_check_button_set_label (self->watch_check,
                              plan ? _("_Watch this plan") : _("_Watch this GPU"));
  /* GTK 4.8 would read the mnemonic's underscore out */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->watch_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  plan ? _("Watch this plan") : _("Watch this GPU"), -1);
  gtk_label_set_text_with_mnemonic (GTK_LABEL (self->target_caption),
                                    plan ? _("_Target, $/hr for the machine (0: none)")
                                         : _("_Target, $/hr per GPU (0: none)"));
}

/* The star and the popover show the watchlist's entry for the GPU */
static void
sync_from_list (RwWatchButton *self)
{
  g_autofree char *key = NULL;
  RwWatchItem *item = NULL;
  const char *tip;

  gtk_widget_set_visible (GTK_WIDGET (self), self->watchlist != NULL && self->gpu != NULL);
  if (self->watchlist == NULL || self->gpu == NULL)
    return;
  gtk_widget_set_sensitive (self->menu_button, self->unavailable == NULL);
  if (self->unavailable != NULL)
    {
      /* an insensitive star still says why, on hover and to a screen reader */
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "non-starred-symbolic");
      gtk_widget_set_tooltip_text (self->menu_button, self->unavailable);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Watch plan"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->unavailable,
                                      -1);
      return;
    }
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->menu_button),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  key = gpu_key (self);
  item = rw_watchlist_lookup (self->watchlist, key);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->watch_check, item != NULL);
  if (item != NULL)
    {
      double target = rw_watch_item_get_target_hr (item);

      gtk_spin_button_set_value (self->target_spin, target > 0 ? target : 0);
      gtk_spin_button_set_value (self->drop_spin, rw_watch_item_get_drop_percent (item));
    }
  self->syncing = FALSE;
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button),
                                 item ? "starred-symbolic" : "non-starred-symbolic");
  if (self->kind == RW_WATCH_PLAN)
    tip = item ? _("Watched: change the target or stop watching")
               : _("Watch the price of this plan");
  else
    tip = item ? _("Watched: change the target or stop watching") : _("Watch this GPU’s price");
  gtk_widget_set_tooltip_text (self->menu_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item ? _("Watched")
                                       : self->kind == RW_WATCH_PLAN ? _("Watch plan")
                                                                     : _("Watch price"), -1);
}

static void
apply (RwWatchButton *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->watchlist == NULL || self->gpu == NULL)
    return;
  if (gtk_check_button_get_active (self->watch_check))
    {
      double target = gtk_spin_button_get_value (self->target_spin);
      double drop = gtk_spin_button_get_value (self->drop_spin);
      g_autoptr(RwWatchItem) item =
        self->kind == RW_WATCH_PLAN
        ? rw_watch_item_new_plan (self->gpu, self->context, self->sessions,
                                  target > 0 ? target : RW_UNKNOWN, drop)
        : rw_watch_item_new_gpu (self->gpu, target > 0 ? target : RW_UNKNOWN, drop);

      ok = rw_watchlist_add (self->watchlist, item, &error);
    }
  else
    {
      g_autofree char *key = gpu_key (self);

      ok = rw_watchlist_lookup (self->watchlist, key) == NULL
           || rw_watchlist_remove (self->watchlist, key, &error);
    }
  /* the file could not be written: say so where the change was made */
  gtk_label_set_text (self->error_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !ok);
  sync_from_list (self);
}

/* Why @spin kept or changed what was typed, right under it, in the popover where tooltips do
 * not show: "abc" in the target no longer silently stays 0.00, "no target" (newcomer report
 * 3); one label per field, so the message is under the field it is about (newcomer report 5
 * saw the target's under the drop threshold) */
static GtkWidget *
spin_message (GtkSpinButton *spin,
              const char    *name)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_widget_set_name (GTK_WIDGET (label), name);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_max_width_chars (label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  rw_ui_spin_button_set_message_label (spin, label);
  return GTK_WIDGET (label);
}

static GtkWidget *
caption (const char *text,
         GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* one line each: GTK 4.8 measured the popover's height with a caption on one line, then
   * wrapped it onto two and cut off the last field (newcomer report 2, item 3) */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

static void
rw_watch_button_dispose (GObject *object)
{
  RwWatchButton *self = RW_WATCH_BUTTON (object);

  if (self->watchlist != NULL)
    g_signal_handlers_disconnect_by_data (self->watchlist, self);
  g_clear_object (&self->watchlist);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  G_OBJECT_CLASS (rw_watch_button_parent_class)->dispose (object);
}

static void
rw_watch_button_finalize (GObject *object)
{
  g_free (RW_WATCH_BUTTON (object)->gpu);
  g_free (RW_WATCH_BUTTON (object)->unavailable);
  G_OBJECT_CLASS (rw_watch_button_parent_class)->finalize (object);
}

static void
rw_watch_button_class_init (RwWatchButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rw_watch_button_dispose;
  object_class->finalize = rw_watch_button_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
rw_watch_button_init (RwWatchButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->watch_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (""));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->watch_check));

  self->target_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1000, 0.01));
  gtk_spin_button_set_digits (self->target_spin, 2);
  rw_ui_spin_button_read_numbers (self->target_spin);
  self->target_caption = caption ("", GTK_WIDGET (self->target_spin));
  gtk_box_append (GTK_BOX (box), self->target_caption);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->target_spin));
  gtk_box_append (GTK_BOX (box), spin_message (self->target_spin, "spin-message"));

  /* at most 99: a drop of 100 % (to $0) never happens, so it would never tell (newcomer
   * report 3, defect 1) */
  self->drop_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 99, 1));
  rw_ui_spin_button_read_numbers (self->drop_spin);
  gtk_box_append (GTK_BOX (box),
                  caption (_("Tell me about _drops of at least, % (0: none)"),
                           GTK_WIDGET (self->drop_spin)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->drop_spin));
  gtk_box_append (GTK_BOX (box), spin_message (self->drop_spin, "drop-spin-message"));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_max_width_chars (self->error_label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  g_signal_connect_swapped (self->watch_check, "toggled", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->target_spin, "value-changed", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->drop_spin, "value-changed", G_CALLBACK (apply), self);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  /* the star's tooltip no longer covers the popover's top (session 3) */
  rw_ui_popover_hides_tooltip (self->menu_button);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  set_texts (self);
  sync_from_list (self);
}

GtkWidget *
rw_watch_button_new (void)
{
  return g_object_new (RW_TYPE_WATCH_BUTTON, NULL);
}

/* The list the star reads and changes */
void
rw_watch_button_set_watchlist (RwWatchButton *self,
                               RwWatchlist   *watchlist)
{
  g_return_if_fail (RW_IS_WATCH_BUTTON (self));

  if (self->watchlist != NULL)
    g_signal_handlers_disconnect_by_data (self->watchlist, self);
  g_set_object (&self->watchlist, watchlist);
  if (watchlist != NULL)
    g_signal_connect_swapped (watchlist, "items-changed", G_CALLBACK (sync_from_list), self);
  sync_from_list (self);
}

/* The GPU id the star is for; NULL hides it */
void
rw_watch_button_set_gpu (RwWatchButton *self,
                         const char    *gpu)
{
  g_return_if_fail (RW_IS_WATCH_BUTTON (self));

  if (self->kind == RW_WATCH_GPU && g_strcmp0 (self->gpu, gpu) == 0)
    return;
  self->kind = RW_WATCH_GPU;
  g_free (self->gpu);
  self->gpu = g_strdup (gpu);
  self->context = 0;
  self->sessions = 0;
  set_texts (self);
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->target_spin, 0);
  gtk_spin_button_set_value (self->drop_spin, 0);
  self->syncing = FALSE;
  sync_from_list (self);
}

/* The plan the star is for: a model id (NULL hides it), its context in tokens per session
 * and its concurrent sessions (the watchlist's key, rw_watch_item_new_plan ()) */
void
rw_watch_button_set_plan (RwWatchButton *self,
                          const char    *model,
                          guint64        context,
                          guint          sessions)
{
  g_return_if_fail (RW_IS_WATCH_BUTTON (self));

  if (self->kind == RW_WATCH_PLAN && g_strcmp0 (self->gpu, model) == 0 &&
      self->context == context && self->sessions == sessions)
    return;
  self->kind = RW_WATCH_PLAN;
  g_free (self->gpu);
  self->gpu = g_strdup (model);
  self->context = context;
  self->sessions = sessions;
  set_texts (self);
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->target_spin, 0);
  gtk_spin_button_set_value (self->drop_spin, 0);
  self->syncing = FALSE;
  sync_from_list (self);
}

/* @reason: why what the star is for cannot be watched (a translated sentence, shown as its
 * tooltip while the star is insensitive); NULL makes it work again */
void
rw_watch_button_set_unavailable (RwWatchButton *self,
                                 const char    *reason)
{
  g_return_if_fail (RW_IS_WATCH_BUTTON (self));

  if (g_strcmp0 (self->unavailable, reason) == 0)
    return;
  g_free (self->unavailable);
  self->unavailable = g_strdup (reason);
  if (reason != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  sync_from_list (self);
}
