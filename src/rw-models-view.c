/* rw-models-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every model in the catalog with its recommendation on the GPU (fewest GPUs, then highest
 * precision), recomputed at once when the context length changes.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rw-application.h"
#include "rw-fit-item.h"
#include "rw-format.h"
#include "rw-models-view.h"
#include "rw-report.h"
#include "rw-ui-format.h"

static const guint context_choices[] = { 2048, 8192, 32768, 131072 };
#define CUSTOM_CHOICE G_N_ELEMENTS (context_choices)

struct _RwModelsView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *context_dropdown;
  GtkSpinButton      *context_spin;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  GtkListBox         *list_box;
  AdwStatusPage      *empty_page;

  /* Owned */
  RwCatalog          *catalog;
  RwGpu              *gpu;
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  guint               context;
  guint               spin_idle;
};

G_DEFINE_FINAL_TYPE (RwModelsView, rw_models_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RwFitItem *fit_item = item;
  RwModel *model = rw_fit_item_get_model (fit_item);
  const RwFit *fit = rw_fit_item_get_fit (fit_item);
  g_autofree char *name = rw_text_sanitize (rw_model_get_name (model));
  g_autofree char *maker = rw_text_sanitize (rw_model_get_maker (model));
  g_autofree char *need = NULL;
  g_autofree char *kv = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *badge_text = NULL;
  g_autofree char *precision = g_ascii_strup (rw_precision_to_string (fit->precision), -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge;

  need = g_strdup_printf ("%.1f GB", fit->need_gb);
  kv = fit->kv_estimated ? g_strdup_printf (_("KV cache %.1f GB"), fit->kv_gb)
                         : g_strdup (_("KV not estimated"));
  if (maker[0] != '\0')
    /* TRANSLATORS: "by Meta · weights 35.3 GB · KV cache 2.7 GB · needs 45.0 GB" */
    subtitle = g_strdup_printf (_("by %s · weights %.1f GB · %s · needs %s"),
                                maker, fit->weights_gb, kv, need);
  else
    subtitle = g_strdup_printf (_("weights %.1f GB · %s · needs %s"), fit->weights_gb, kv, need);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  /* TRANSLATORS: GPU count and precision badge, e.g. "1× FP8" */
  badge_text = g_strdup_printf (_("%u× %s"), fit->gpus, precision);
  badge = gtk_label_new (badge_text);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_add_css_class (badge, rw_precision_to_string (fit->precision));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  return row;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RwModelsView *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  RwModel *model = rw_fit_item_get_model (item);
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *maker = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (rw_model_get_name (model), -1);
  maker = rw_model_get_maker (model) ? g_utf8_casefold (rw_model_get_maker (model), -1) : NULL;
  return strstr (name, needle) != NULL || (maker && strstr (maker, needle) != NULL);
}

static void
update_state (RwModelsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint one_gpu = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(RwFitItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (rw_fit_item_get_fit (item)->gpus == 1)
        one_gpu++;
    }

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Models in This Catalog"));
      adw_status_page_set_description (self->empty_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (shown == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Models Found"));
      adw_status_page_set_description (self->empty_page, _("Try a different search."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u model fits on one GPU at %u tokens of context.",
                                          "%u of %u models fit on one GPU at %u tokens of context.",
                                          total),
                             one_gpu, total, self->context);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
recompute (RwModelsView *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int focus_row = -1;

  /* the rows are made again: the keyboard focus stays at the same place in the list */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      focus_row = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
    }

  if (self->catalog != NULL && self->gpu != NULL)
    {
      g_autoptr(GArray) fits = rw_report_compute_fits (self->catalog, self->gpu, self->context);

      for (guint i = 0; i < fits->len; i++)
        {
          const RwModelFit *mf = &g_array_index (fits, RwModelFit, i);
          g_ptr_array_add (items, rw_fit_item_new (mf->model, &mf->fit));
        }
    }

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_state (self);
  if (focus_row >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, focus_row);

      gtk_widget_grab_focus (row ? GTK_WIDGET (row) : GTK_WIDGET (self->list_box));
    }
}

static void
on_search_changed (RwModelsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_context_selected (RwModelsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->context_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->context_spin), selected == CUSTOM_CHOICE);
  if (selected < CUSTOM_CHOICE)
    rw_models_view_set_context (self, context_choices[selected]);
  else if (selected == CUSTOM_CHOICE)
    rw_models_view_set_context (self, (guint) gtk_spin_button_get_value (self->context_spin));
}

/* A spin button commits its text on focus-out, while GTK is moving the focus — on Tab or a
 * click, to a row of this very list. The new context remakes the rows, so it is applied on an
 * idle, once the focus has landed: remaking the row that was taking the focus froze the app
 * at 100 % CPU with endless criticals (issue 13, defect 1) */
static gboolean
apply_spin_context (gpointer user_data)
{
  RwModelsView *self = user_data;

  self->spin_idle = 0;
  if (gtk_drop_down_get_selected (self->context_dropdown) == CUSTOM_CHOICE)
    rw_models_view_set_context (self, (guint) gtk_spin_button_get_value (self->context_spin));
  return G_SOURCE_REMOVE;
}

static void
on_context_spin_changed (RwModelsView *self)
{
  if (self->spin_idle == 0)
    self->spin_idle = g_idle_add (apply_spin_context, self);
}

static void
rw_models_view_dispose (GObject *object)
{
  RwModelsView *self = (RwModelsView *) object;

  g_clear_handle_id (&self->spin_idle, g_source_remove);
  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_MODELS_VIEW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->gpu);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (rw_models_view_parent_class)->dispose (object);
}

static void
rw_models_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RwModelsView *self = RW_MODELS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_uint (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_models_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RwModelsView *self = RW_MODELS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rw_models_view_set_context (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_models_view_class_init (RwModelsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_models_view_dispose;
  object_class->get_property = rw_models_view_get_property;
  object_class->set_property = rw_models_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_uint ("context", NULL, NULL, 1, 1u << 30, RW_DEFAULT_CONTEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  rw_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-models-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, context_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, context_spin);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_context_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_context_spin_changed);
}

static void
rw_models_view_init (RwModelsView *self)
{
  self->context = RW_DEFAULT_CONTEXT;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->context_dropdown, 1);

  self->items = g_list_store_new (RW_TYPE_FIT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, NULL, NULL);
  update_state (self);
}

GtkWidget *
rw_models_view_new (void)
{
  return g_object_new (RW_TYPE_MODELS_VIEW, NULL);
}

void
rw_models_view_set_gpu (RwModelsView *self,
                        RwCatalog    *catalog,
                        RwGpu        *gpu)
{
  g_return_if_fail (RW_IS_MODELS_VIEW (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->gpu, gpu);
  recompute (self);
}

guint
rw_models_view_get_context (RwModelsView *self)
{
  g_return_val_if_fail (RW_IS_MODELS_VIEW (self), RW_DEFAULT_CONTEXT);
  return self->context;
}

void
rw_models_view_set_context (RwModelsView *self,
                            guint         context)
{
  guint choice = CUSTOM_CHOICE;

  g_return_if_fail (RW_IS_MODELS_VIEW (self));

  context = CLAMP (context, 1, 1u << 30);
  if (self->context == context)
    return;
  self->context = context;

  /* keep the controls in step when the context comes from settings */
  for (guint i = 0; i < G_N_ELEMENTS (context_choices); i++)
    if (context_choices[i] == context)
      choice = i;
  if (gtk_drop_down_get_selected (self->context_dropdown) != choice &&
      !(choice == CUSTOM_CHOICE && gtk_drop_down_get_selected (self->context_dropdown) == CUSTOM_CHOICE))
    gtk_drop_down_set_selected (self->context_dropdown, choice);
  if (choice == CUSTOM_CHOICE && (guint) gtk_spin_button_get_value (self->context_spin) != context)
    gtk_spin_button_set_value (self->context_spin, context);

  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
rw_models_view_get_n_shown (RwModelsView *self)
{
  g_return_val_if_fail (RW_IS_MODELS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}
