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
#include "rw-ui-format.h"

struct _RwCompareView
{
  GtkWidget  parent_instance;

  /* Owned */
  RwSession *session;
  GSettings *settings;
  RwComparison *comparison;
  GtkStringList *model_ids;   /* the chooser's model ids; "" is the default */
  GPtrArray *size_groups;     /* one per table row: keeps the two grids' rows level */
  GtkSizeGroup *widths;       /* the GPU names' grid and the values' grid */

  /* Widgets */
  GtkWidget *overlay;
  GtkWidget *box;
  GtkWidget *model_dropdown;
  GtkWidget *copy_button;
  GtkWidget *save_button;
  GtkWidget *stack;
  GtkWidget *header_grid;     /* the GPU names, outside the vertical scrolling */
  GtkWidget *labels_grid;
  GtkWidget *values_grid;
  GtkWidget *values_scroller;
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
 * sideways): every row has one fixed height in both, and its texts are held to fit it. Texts
 * that wrap are GtkInscriptions, whose height is a number of lines whatever the width they
 * are measured for: a wrapping GtkLabel measured by a size group for another grid's width
 * took one line there and two in its own grid, and every row below it sat a few pixels
 * higher than its name (newcomer report 2, nc2-66, at 150 % text) */
#define ROW_HEIGHT 40
#define HEADING_HEIGHT 44
#define LIST_HEIGHT 64

/* @lines lines of wrapped text, ellipsized after the last; plain text, never markup */
static GtkWidget *
inscription (const char *text,
             guint       lines,
             guint       min_chars,
             guint       nat_chars)
{
  GtkWidget *inscription = gtk_inscription_new (text);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
  gtk_widget_set_tooltip_text (inscription, text);
  /* GTK 4.8.3 does not name an inscription for the accessibility tree by itself */
  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  return inscription;
}

static GtkWidget *
row_label (const char *text,
           gboolean    heading)
{
  GtkWidget *label;

  if (heading)
    {
      /* one line: its height does not depend on the width it is measured for */
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_set_tooltip_text (label, text);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      gtk_widget_set_size_request (label, -1, HEADING_HEIGHT);
    }
  else
    {
      /* a word joiner after each "/": a unit stays whole, "(GB/s)" never splits after
       * "GB/" (German "Speicherbandbreite (GB/s)" did, newcomer report 4) */
      g_auto(GStrv) parts = g_strsplit (text, "/", -1);
      g_autofree char *joined = g_strjoinv ("/\u2060", parts);

      label = inscription (joined, 2, 8, 18);
      /* a screen reader, and a search, gets the name without the joiners */
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
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
  GtkWidget *label;

  gtk_widget_set_halign (box, number ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_size_request (box, -1, ROW_HEIGHT);
  if (number)
    {
      /* one line, never wrapped: centred in the row like the row's name */
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      label = inscription (text, 2, 6, 24);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
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
      gtk_widget_add_css_class (label, "best-value");
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
  int line = 0;

  g_clear_pointer (&self->comparison, rw_comparison_free);
  clear_grid (self->header_grid);
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
  /* the GPU names: a row of their own above the scrolled rows, on the same horizontal
   * adjustment as the columns, so they stay in sight and over their columns */
  for (guint c = 0; c < n; c++)
    {
      const RwCompareColumn *col = rw_comparison_get_column (self->comparison, c);
      g_autofree char *name = rw_text_sanitize (rw_gpu_get_name (col->gpu));
      GtkWidget *head = gtk_label_new (name);

      gtk_widget_add_css_class (head, "title-4");
      gtk_label_set_wrap (GTK_LABEL (head), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (head), PANGO_WRAP_WORD_CHAR);
      rw_ui_label_no_hyphens (GTK_LABEL (head));
      gtk_label_set_xalign (GTK_LABEL (head), 1);
      gtk_widget_set_halign (head, GTK_ALIGN_END);
      /* at 360 px the column is narrow: three lines of at least 10 characters, so
       * "NVIDIA GeForce RTX 4070" shows whole instead of "NVIDIA GeForce RT…" twice (newcomer
       * report 3, defect 2); the table scrolls sideways for the rest */
      gtk_label_set_lines (GTK_LABEL (head), 3);
      gtk_label_set_width_chars (GTK_LABEL (head), 10);
      gtk_label_set_ellipsize (GTK_LABEL (head), PANGO_ELLIPSIZE_END);
      gtk_label_set_yalign (GTK_LABEL (head), 1);
      gtk_widget_set_tooltip_text (head, name);
      gtk_widget_set_size_request (head, -1, HEADING_HEIGHT + 8);
      gtk_grid_attach (GTK_GRID (self->header_grid), head, (int) c, 0, 1, 1);
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
          g_autofree char *model_title = r == RW_COMPARE_ROW_MODEL_GPUS
                                         ? rw_comparison_dup_model_title (self->comparison)
                                         : NULL;
          GtkWidget *spacer;

          if (model_title != NULL)
            {
              /* the model rows say which model, level with their heading */
              spacer = inscription (model_title, 2, 8, 40);
              gtk_inscription_set_yalign (GTK_INSCRIPTION (spacer), 1);
              gtk_widget_set_name (spacer, "model");
              gtk_accessible_update_property (GTK_ACCESSIBLE (spacer),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Model"),
                                              -1);
            }
          else
            spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_set_size_request (spacer, -1, HEADING_HEIGHT);
          group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
          label = row_label (group_title, TRUE);
          gtk_grid_attach (GTK_GRID (self->labels_grid), label, 0, line, 1, 1);
          gtk_grid_attach (GTK_GRID (self->values_grid), spacer, 0, line, (int) n, 1);
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
              GtkInscription *list = GTK_INSCRIPTION (gtk_widget_get_last_child (cell));

              gtk_widget_set_size_request (cell, -1, LIST_HEIGHT);
              gtk_inscription_set_min_lines (list, 3);
              gtk_inscription_set_nat_lines (list, 3);
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
  g_clear_object (&self->widths);
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

/* Page Up/Down and Ctrl+Home/End scroll the table from anywhere in the page (the model
 * chooser has the focus when the window opens); args: (GtkScrollType, horizontal) */
static gboolean
scroll_table (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  RwCompareView *self = RW_COMPARE_VIEW (widget);
  int scroll;
  gboolean horizontal;
  gboolean handled = FALSE;

  if (!gtk_widget_get_mapped (self->values_scroller))
    return FALSE;
  g_variant_get (args, "(ib)", &scroll, &horizontal);
  g_signal_emit_by_name (self->values_scroller, "scroll-child", (GtkScrollType) scroll,
                         horizontal, &handled);
  return handled;
}

static void
rw_compare_view_init (RwCompareView *self)
{
  static const struct {
    guint key;
    GdkModifierType mods;
    GtkScrollType scroll;
    gboolean horizontal;
  } arrows[] = {
    { GDK_KEY_Up, 0, GTK_SCROLL_STEP_BACKWARD, FALSE },
    { GDK_KEY_Down, 0, GTK_SCROLL_STEP_FORWARD, FALSE },
    { GDK_KEY_Left, 0, GTK_SCROLL_STEP_BACKWARD, TRUE },
    { GDK_KEY_Right, 0, GTK_SCROLL_STEP_FORWARD, TRUE },
    /* the top and the bottom, as in a spreadsheet (GtkScrolledWindow's own are sideways) */
    { GDK_KEY_Home, GDK_CONTROL_MASK, GTK_SCROLL_START, FALSE },
    { GDK_KEY_End, GDK_CONTROL_MASK, GTK_SCROLL_END, FALSE },
  }, page_keys[] = {
    { GDK_KEY_Page_Up, 0, GTK_SCROLL_PAGE_BACKWARD, FALSE },
    { GDK_KEY_Page_Down, 0, GTK_SCROLL_PAGE_FORWARD, FALSE },
    { GDK_KEY_Home, GDK_CONTROL_MASK, GTK_SCROLL_START, FALSE },
    { GDK_KEY_End, GDK_CONTROL_MASK, GTK_SCROLL_END, FALSE },
  };
  GtkWidget *bar, *panes, *corner, *header, *names, *label, *clamp;
  GtkGesture *click;
  GtkEventController *keys;

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

  /* Frozen panes, as a spreadsheet's: the GPU names (top right) stay put while the rows
   * scroll up and down, the row names (bottom left) while the GPU columns scroll sideways (at
   * 360 px). One scrolled window scrolls the values both ways; the names' two share its
   * adjustments. (The values were a horizontal scrolled window inside a vertical one: the
   * inner one took every wheel event, newcomer report 2 item 1.) One vertical size group per
   * row keeps the row names level with the values. */
  panes = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (panes), 12);
  gtk_widget_set_margin_start (panes, 12);
  gtk_widget_set_margin_end (panes, 12);

  corner = row_label (_("GPU"), TRUE);
  gtk_widget_set_size_request (corner, -1, HEADING_HEIGHT + 8);
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_grid_attach (GTK_GRID (panes), corner, 0, 0, 1, 1);

  self->values_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->values_grid), 24);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->values_grid), TRUE);
  gtk_widget_set_margin_bottom (self->values_grid, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->values_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison"), -1);
  self->values_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->values_scroller), self->values_grid);
  gtk_widget_set_hexpand (self->values_scroller, TRUE);
  gtk_widget_set_vexpand (self->values_scroller, TRUE);
  /* nothing in it takes the focus: it does, so that Page Up/Down, Home/End (GtkScrolledWindow's
   * own keys) and the arrows scroll it; a click in it gives it the focus */
  gtk_widget_set_focusable (self->values_scroller, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->values_scroller),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison table"), -1);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (gtk_widget_grab_focus),
                            self->values_scroller);
  gtk_widget_add_controller (self->values_scroller, GTK_EVENT_CONTROLLER (click));
  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (arrows[i].key,
                                                                        arrows[i].mods),
                                                gtk_signal_action_new ("scroll-child"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new ("(ib)", arrows[i].scroll,
                                                           arrows[i].horizontal));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
    }
  /* before GtkScrolledWindow's own Ctrl+Home/End */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (self->values_scroller, keys);
  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (page_keys[i].key, page_keys[i].mods),
                          gtk_callback_action_new (scroll_table, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new ("(ib)", page_keys[i].scroll,
                                                           page_keys[i].horizontal));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* the focus ring shows on it (a scrolled window draws none of its own) */
  gtk_widget_add_css_class (self->values_scroller, "compare-table");
  gtk_grid_attach (GTK_GRID (panes), self->values_scroller, 1, 2, 1, 1);

  self->header_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->header_grid), 24);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->header_grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->header_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compared GPUs"), -1);
  header = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (header), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_hadjustment (
    GTK_SCROLLED_WINDOW (header),
    gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->values_scroller)));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (header), self->header_grid);
  /* the names' panes follow the table and hold nothing to act on: no Tab stops of their own
   * (three stops showed nothing, newcomer report 3 defect 8) */
  gtk_widget_set_can_focus (header, FALSE);
  gtk_grid_attach (GTK_GRID (panes), header, 1, 0, 1, 1);
  /* a line under the frozen names, so a row half scrolled under them does not touch them
   * (newcomer report 3, defect 9) */
  gtk_grid_attach (GTK_GRID (panes), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, 2, 1);

  self->labels_grid = gtk_grid_new ();
  gtk_widget_set_margin_bottom (self->labels_grid, 24);
  names = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (names), GTK_POLICY_NEVER,
                                  GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (names), TRUE);
  gtk_scrolled_window_set_vadjustment (
    GTK_SCROLLED_WINDOW (names),
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->values_scroller)));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (names), self->labels_grid);
  gtk_widget_set_can_focus (names, FALSE);
  gtk_grid_attach (GTK_GRID (panes), names, 0, 2, 1, 1);

  /* the names' columns as wide as the values' (both grids homogeneous, same spacing) */
  self->widths = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_size_group_add_widget (self->widths, self->header_grid);
  gtk_size_group_add_widget (self->widths, self->values_grid);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_child (ADW_CLAMP (clamp), panes);
  gtk_stack_add_named (GTK_STACK (self->stack), clamp, "table");
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
