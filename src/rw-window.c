/* rw-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now a plain list of the catalog's GPUs; the browsing UI comes on top of it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-format.h"
#include "rw-window.h"

struct _RwWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *gpu_list;

  /* Owned */
  RwCatalog  *catalog;
};

G_DEFINE_FINAL_TYPE (RwWindow, rw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_gpu_row (gpointer item,
                gpointer user_data)
{
  RwGpu *gpu = item;
  g_autofree char *title = rw_text_sanitize (rw_gpu_get_name (gpu));
  g_autofree char *subtitle = g_strdup_printf (_("%g GB VRAM"), rw_gpu_get_vram_gb (gpu));
  GtkWidget *row = adw_action_row_new ();

  /* Catalog text is untrusted: never parse it as markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
rw_window_set_catalog (RwWindow  *self,
                       RwCatalog *catalog)
{
  if (!g_set_object (&self->catalog, catalog))
    return;

  gtk_list_box_bind_model (self->gpu_list,
                           catalog ? rw_catalog_get_gpus (catalog) : NULL,
                           create_gpu_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, catalog ? "gpus" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void
rw_window_dispose (GObject *object)
{
  RwWindow *self = (RwWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_WINDOW);
  g_clear_object (&self->catalog);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_window_class_init (RwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_window_dispose;
  object_class->get_property = rw_window_get_property;
  object_class->set_property = rw_window_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RW_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  rw_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RwWindow, gpu_list);
}

static void
rw_window_init (RwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

RwWindow *
rw_window_new (RwApplication *application,
               RwCatalog     *catalog)
{
  return g_object_new (RW_TYPE_WINDOW,
                       "application", application,
                       "catalog", catalog,
                       NULL);
}

RwCatalog *
rw_window_get_catalog (RwWindow *self)
{
  g_return_val_if_fail (RW_IS_WINDOW (self), NULL);
  return self->catalog;
}
