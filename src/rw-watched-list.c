/* rw-watched-list.c: the "Watched" section at the top of the sidebar
 *
 * One row per watched GPU or plan: its name (a plan: the model's, with its context and
 * sessions), its price now (rw_watch_price (), the price the alerts compare: a GPU's cheapest
 * rate per GPU, a plan's cheapest machine) and the target. Activating a row opens the GPU page
 * (app.show-gpu) or the plan (app.show-watched-plan). Hidden while nothing is watched; the
 * rows follow the watchlist and the session's catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "rw-alerts.h"
#include "rw-format.h"
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
      g_autofree char *what =
        /* TRANSLATORS: under a watched plan's model name: its context and sessions, e.g.
         * "32768 tokens × 8 sessions" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " tokens × %u session",
                                      "%" PRIu64 " tokens × %u sessions", sessions),
                         rw_watch_item_get_context (watch), sessions);
      g_autofree char *both = g_strdup_printf ("%s · %s", what, details);

      g_free (details);
      details = g_steal_pointer (&both);
      /* TRANSLATORS: what a screen reader says for a watched plan's row, e.g. "Plan: Llama
       * 3.3 70B, 32768 tokens × 8 sessions" */
      accessible = g_strdup_printf (_("Plan: %s, %s"), name, what);
    }

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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
