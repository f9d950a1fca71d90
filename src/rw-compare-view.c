/* rw-compare-view.c: two to four GPUs side by side (issue 18)
 *
 * The page shows rw_comparison_new ()'s rows, groups and best-value marks; it computes
 * nothing itself (docs/COMPARE.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "rw-compare.h"
#include "rw-format.h"
#include "rw-compare-view.h"

struct _RwCompareView
{
  GtkWidget  parent_instance;

  /* Owned */
  RwSession *session;
  GSettings *settings;
  RwComparison *comparison;
  GtkStringList *model_ids;   /* the chooser's model ids; "" is the default */
  GPtrArray *size_groups;     /* one per table row: keeps the two grids' rows level */

  /* Widgets */
  GtkWidget *overlay;
  GtkWidget *box;
  GtkWidget *model_dropdown;
  GtkWidget *copy_button;
  GtkWidget *save_button;
  GtkWidget *stack;
  GtkWidget *labels_grid;
  GtkWidget *values_grid;
  GtkWidget *status;
  gboolean   filling_models;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (RwCompareView, rw_compare_view, GTK_TYPE_WIDGET)

#define SETTINGS_KEY "compare-gpus"

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static void
options_from_settings (RwCompareView   *self,
                       RwReportOptions *options)
{
  rw_report_options_init (options);
  if (self->settings == NULL)
    return;
  options->pricing_mask = g_settings_get_boolean (self->settings, "include-spot")
                          ? RW_PRICING_MASK_ALL : RW_PRICING_MASK_ON_DEMAND;
  if (g_settings_get_boolean (self->settings, "include-suspect"))
    options->pricing_mask |= RW_INCLUDE_SUSPECT;
  options->context = g_settings_get_uint (self->settings, "context-length");
  options->rent.hours_per_day = g_settings_get_double (self->settings, "hours-per-day");
  options->rent.kwh_price = g_settings_get_double (self->settings, "kwh-price");
  options->rent.pue = g_settings_get_double (self->settings, "pue");
}

static const char *
chosen_model (RwCompareView *self)
{
  guint pos;

  if (self->model_dropdown == NULL || self->model_ids == NULL)
    return NULL;
  pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->model_dropdown));
  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->model_ids, pos);
}

static void
fill_models (RwCompareView *self,
             RwCatalog     *catalog)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) models = NULL;
  g_autofree char *keep = g_strdup (chosen_model (self));
  guint selected = 0;

  g_clear_object (&self->model_ids);
  self->model_ids = gtk_string_list_new (NULL);
  gtk_string_list_append (self->model_ids, "");
  /* TRANSLATORS: the model chooser's first entry: the comparison's own choice */
  gtk_string_list_append (names, _("Largest that fits"));
  models = catalog != NULL ? rw_catalog_dup_models_by_name (catalog) : NULL;
  for (guint i = 0; models != NULL && i < models->len; i++)
    {
      RwModel *model = g_ptr_array_index (models, i);
      g_autofree char *name = rw_text_sanitize (rw_model_get_name (model));

      gtk_string_list_append (self->model_ids, rw_model_get_id (model));
      gtk_string_list_append (names, name);
      if (keep != NULL && g_str_equal (keep, rw_model_get_id (model)))
        selected = i + 1;
    }
  self->filling_models = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->model_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->model_dropdown), selected);
  self->filling_models = FALSE;
}

/* The row names and the GPU columns are two grids (the names stay while the columns scroll
 * sideways): every row has one fixed height in both, and its texts are held to fit it */
#define ROW_HEIGHT 40
#define HEADING_HEIGHT 44
#define LIST_HEIGHT 64

static GtkWidget *
row_label (const char *text,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_set_tooltip_text (label, text);
  if (heading)
    {
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      gtk_widget_set_size_request (label, -1, HEADING_HEIGHT);
    }
  else
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_size_request (label, -1, ROW_HEIGHT);
    }
  return label;
}

static GtkWidget *
value_cell (const char *text,
            gboolean    number,
            gboolean    best)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_halign (box, number ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_size_request (box, -1, ROW_HEIGHT);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), !number);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), number ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, !number);
  if (!number)
    gtk_widget_set_tooltip_text (label, text);
  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (best)
    {
      /* marked by an icon and a word, not by colour alone */
      GtkWidget *icon = gtk_image_new_from_icon_name ("starred-symbolic");
      GtkWidget *badge = gtk_label_new (_("Best"));

      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_add_css_class (icon, "accent");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Best value"), -1);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), badge);
      gtk_widget_add_css_class (label, "heading");
    }
  /* the mark goes before the number so that the numbers' right edges line up */
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
rebuild (RwCompareView *self)
{
  RwCatalog *catalog = self->session ? rw_session_get_catalog (self->session) : NULL;
  g_auto(GStrv) wanted = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  RwReportOptions options;
  const char *last_group = NULL;
  guint n;
  int line = 1;

  g_clear_pointer (&self->comparison, rw_comparison_free);
  clear_grid (self->labels_grid);
  clear_grid (self->values_grid);
  g_ptr_array_set_size (self->size_groups, 0);

  if (catalog != NULL && self->settings != NULL)
    {
      wanted = g_settings_get_strv (self->settings, SETTINGS_KEY);
      /* ids the catalog no longer has (after a refresh) are left out, and kept in settings */
      ids = rw_compare_known_ids (catalog, (const char * const *) wanted);
      options_from_settings (self, &options);
      if (g_strv_length (ids) >= RW_COMPARE_MIN_GPUS)
        self->comparison = rw_comparison_new (catalog, (const char * const *) ids,
                                              chosen_model (self), &options, &error);
      if (error != NULL)
        g_debug ("comparison: %s", error->message);
    }

  gtk_widget_set_sensitive (self->copy_button, self->comparison != NULL);
  gtk_widget_set_sensitive (self->save_button, self->comparison != NULL);
  gtk_widget_set_sensitive (self->model_dropdown, self->comparison != NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->comparison != NULL ? "table" : "empty");
  if (self->comparison == NULL)
    return;

  n = rw_comparison_get_n_columns (self->comparison);
  {
    GtkWidget *corner = row_label (_("GPU"), TRUE);

    gtk_widget_set_size_request (corner, -1, HEADING_HEIGHT + 8);
    GtkSizeGroup *group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

    gtk_grid_attach (GTK_GRID (self->labels_grid), corner, 0, 0, 1, 1);
    gtk_size_group_add_widget (group, corner);
    for (guint c = 0; c < n; c++)
      {
        const RwCompareColumn *col = rw_comparison_get_column (self->comparison, c);
        g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (col->gpu));
        GtkWidget *head = gtk_label_new (name);

        gtk_widget_add_css_class (head, "title-4");
        gtk_label_set_wrap (GTK_LABEL (head), TRUE);
        gtk_label_set_xalign (GTK_LABEL (head), 1);
        gtk_widget_set_halign (head, GTK_ALIGN_END);
        gtk_label_set_lines (GTK_LABEL (head), 2);
        gtk_label_set_ellipsize (GTK_LABEL (head), PANGO_ELLIPSIZE_END);
        gtk_label_set_yalign (GTK_LABEL (head), 1);
        gtk_widget_set_size_request (head, -1, HEADING_HEIGHT + 8);
        gtk_grid_attach (GTK_GRID (self->values_grid), head, (int) c, 0, 1, 1);
        gtk_size_group_add_widget (group, head);
      }
    g_ptr_array_add (self->size_groups, group);
  }

  for (guint r = 0; r < RW_COMPARE_N_ROWS; r++)
    {
      const char *group_title = rw_compare_row_group_title (r);
      GtkSizeGroup *group;
      GtkWidget *label;
      guint best;

      if (!rw_comparison_has_row (self->comparison, r))
        continue;
      if (group_title != NULL && g_strcmp0 (group_title, last_group) != 0)
        {
          GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_widget_set_size_request (spacer, -1, HEADING_HEIGHT);
          group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
          label = row_label (group_title, TRUE);
          gtk_grid_attach (GTK_GRID (self->labels_grid), label, 0, line, 1, 1);
          gtk_grid_attach (GTK_GRID (self->values_grid), spacer, 0, line, 1, 1);
          gtk_size_group_add_widget (group, label);
          gtk_size_group_add_widget (group, spacer);
          g_ptr_array_add (self->size_groups, group);
          last_group = group_title;
          line++;
        }

      group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
      label = row_label (rw_compare_row_label (r), FALSE);
      if (r == RW_COMPARE_ROW_FITS_ONLY_HERE)
        gtk_widget_set_size_request (label, -1, LIST_HEIGHT);
      gtk_grid_attach (GTK_GRID (self->labels_grid), label, 0, line, 1, 1);
      gtk_size_group_add_widget (group, label);
      best = rw_comparison_get_best (self->comparison, r);
      for (guint c = 0; c < n; c++)
        {
          g_autofree char *text = rw_comparison_get_text (self->comparison, r, c);
          gboolean number = rw_compare_row_better (r) != RW_COMPARE_BETTER_NONE ||
                            r == RW_COMPARE_ROW_TDP_W;
          GtkWidget *cell = value_cell (text, number, (best & (1u << c)) != 0);
          g_autofree char *gpu_name =
            rw_text_sanitize (rw_gpu_get_name (rw_comparison_get_column (self->comparison,
                                                                         c)->gpu));
          g_autofree char *description = g_strdup_printf ("%s, %s", rw_compare_row_label (r),
                                                          gpu_name);

          gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
          gtk_widget_set_name (cell, rw_compare_row_key (r));
          if (r == RW_COMPARE_ROW_FITS_ONLY_HERE)
            {
              gtk_widget_set_size_request (cell, -1, LIST_HEIGHT);
              gtk_label_set_lines (GTK_LABEL (gtk_widget_get_last_child (cell)), 3);
            }
          gtk_grid_attach (GTK_GRID (self->values_grid), cell, (int) c, line, 1, 1);
          gtk_size_group_add_widget (group, cell);
        }
      g_ptr_array_add (self->size_groups, group);
      line++;
    }
}

static void
on_model_selected (RwCompareView *self)
{
  if (!self->filling_models)
    rebuild (self);
}

static void
on_catalog_changed (RwCompareView *self)
{
  fill_models (self, self->session ? rw_session_get_catalog (self->session) : NULL);
  rebuild (self);
}

static void
on_settings_changed (RwCompareView *self,
                     const char    *key)
{
  static const char * const keys[] = { SETTINGS_KEY, "include-spot", "include-suspect",
                                       "context-length", "hours-per-day", "kwh-price", "pue",
                                       NULL };

  if (key == NULL || g_strv_contains (keys, key))
    rebuild (self);
}

/**
 * rw_compare_view_dup_csv:
 *
 * Returns: (transfer full) (nullable): rw_comparison_csv () of what the page shows, or %NULL
 *   when fewer than two known GPUs are chosen
 */
char *
rw_compare_view_dup_csv (RwCompareView *self)
{
  g_return_val_if_fail (RW_IS_COMPARE_VIEW (self), NULL);

  return self->comparison != NULL ? rw_comparison_csv (self->comparison) : NULL;
}

guint
rw_compare_view_get_n_gpus (RwCompareView *self)
{
  g_return_val_if_fail (RW_IS_COMPARE_VIEW (self), 0);

  return self->comparison != NULL ? rw_comparison_get_n_columns (self->comparison) : 0;
}

static void
toast (RwCompareView *self,
       const char    *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->overlay), adw_toast_new (text));
}

static void
copy_clicked (RwCompareView *self)
{
  g_autofree char *csv = rw_compare_view_dup_csv (self);

  if (csv == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), csv);
  toast (self, _("Comparison copied as CSV"));
}

static void
save_response (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  RwCompareView *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = rw_compare_view_dup_csv (self);
      g_autoptr(GError) error = NULL;

      if (file != NULL && csv != NULL &&
          !g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);
          toast (self, text);
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_clicked (RwCompareView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save comparison"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* TRANSLATORS: the suggested file name of a saved comparison */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("gpu-comparison.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * rw_compare_toggle_gpu:
 * @settings: the app's settings
 * @gpu_id: a GPU id
 * @now_chosen: (out) (optional): whether @gpu_id is chosen afterwards
 *
 * Adds @gpu_id to the `compare-gpus` key, or removes it when it is there.
 *
 * Returns: FALSE when it cannot be added because RW_COMPARE_MAX_GPUS are chosen already
 */
gboolean
rw_compare_toggle_gpu (GSettings  *settings,
                       const char *gpu_id,
                       gboolean   *now_chosen)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (gpu_id != NULL, FALSE);

  ids = g_settings_get_strv (settings, SETTINGS_KEY);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_str_equal (ids[i], gpu_id))
        found = TRUE;
      else
        g_strv_builder_add (builder, ids[i]);
    }
  if (!found)
    {
      if (g_strv_length (ids) >= RW_COMPARE_MAX_GPUS)
        {
          if (now_chosen != NULL)
            *now_chosen = FALSE;
          return FALSE;
        }
      g_strv_builder_add (builder, gpu_id);
    }
  result = g_strv_builder_end (builder);
  g_settings_set_strv (settings, SETTINGS_KEY, (const char * const *) result);
  if (now_chosen != NULL)
    *now_chosen = !found;
  return TRUE;
}

static void
set_session (RwCompareView *self,
             RwSession     *session)
{
  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    g_signal_connect_object (session, "notify::catalog", G_CALLBACK (on_catalog_changed), self,
                             G_CONNECT_SWAPPED);
  on_catalog_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
set_settings (RwCompareView *self,
              GSettings     *settings)
{
  if (!g_set_object (&self->settings, settings))
    return;
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
rw_compare_view_dispose (GObject *object)
{
  RwCompareView *self = RW_COMPARE_VIEW (object);

  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_pointer (&self->comparison, rw_comparison_free);
  g_clear_object (&self->model_ids);
  g_clear_pointer (&self->size_groups, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rw_compare_view_parent_class)->dispose (object);
}

static void
rw_compare_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RwCompareView *self = RW_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_compare_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RwCompareView *self = RW_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_compare_view_class_init (RwCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_compare_view_dispose;
  object_class->get_property = rw_compare_view_get_property;
  object_class->set_property = rw_compare_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rw_compare_view_init (RwCompareView *self)
{
  GtkWidget *bar, *scroller, *hscroller, *table, *label, *clamp;

  self->size_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->overlay = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->overlay), self->box);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  label = gtk_label_new_with_mnemonic (_("_Model"));
  gtk_box_append (GTK_BOX (bar), label);
  self->model_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_hexpand (self->model_dropdown, TRUE);
  gtk_widget_set_halign (self->model_dropdown, GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->model_dropdown);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->model_dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect_object (self->model_dropdown, "notify::selected",
                           G_CALLBACK (on_model_selected), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), self->model_dropdown);
  self->copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (self->copy_button, _("Copy as CSV"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy as CSV"), -1);
  g_signal_connect_object (self->copy_button, "clicked", G_CALLBACK (copy_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), self->copy_button);
  self->save_button = gtk_button_new_from_icon_name ("document-save-symbolic");
  gtk_widget_set_tooltip_text (self->save_button, _("Save as CSV…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save as CSV…"), -1);
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), self->save_button);
  gtk_box_append (GTK_BOX (self->box), bar);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "view-dual-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Choose two to four GPUs"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status),
                                   _("Select a GPU in the list and press Ctrl+D, or use "
                                     "“Add to comparison” in the main menu."));
  gtk_stack_add_named (GTK_STACK (self->stack), self->status, "empty");

  /* the row names stay put while the GPU columns scroll sideways; one vertical size group
   * per row keeps the two grids' rows level */
  table = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (table, 12);
  gtk_widget_set_margin_end (table, 12);
  gtk_widget_set_margin_bottom (table, 24);
  self->labels_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->labels_grid), 0);
  gtk_box_append (GTK_BOX (table), self->labels_grid);
  self->values_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->values_grid), 0);
  gtk_grid_set_column_spacing (GTK_GRID (self->values_grid), 24);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->values_grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->values_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison"), -1);
  hscroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (hscroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (hscroller), self->values_grid);
  gtk_widget_set_hexpand (hscroller, TRUE);
  gtk_box_append (GTK_BOX (table), hscroller);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_child (ADW_CLAMP (clamp), table);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "table");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

/**
 * rw_compare_view_new:
 * @session: (nullable): the session whose catalog is compared
 * @settings: (nullable): the app's settings: `compare-gpus`, the pricing switches, context
 *   and rent-vs-own numbers
 */
GtkWidget *
rw_compare_view_new (RwSession *session,
                     GSettings *settings)
{
  return g_object_new (RW_TYPE_COMPARE_VIEW, "session", session, "settings", settings, NULL);
}
