/* rw-gpu-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-format.h"
#include "rw-gpu-row.h"
#include "rw-stats.h"
#include "rw-ui-format.h"

struct _RwGpuRow
{
  AdwBin    parent_instance;

  /* Template widgets */
  GtkLabel *name_label;
  GtkLabel *detail_label;
  GtkLabel *price_label;
  GtkImage *watched_image;

  /* Owned */
  RwGpu    *gpu;
  gboolean  include_spot;
  gboolean  include_suspect;
  gboolean  watched;
};

G_DEFINE_FINAL_TYPE (RwGpuRow, rw_gpu_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_GPU,
  PROP_INCLUDE_SPOT,
  PROP_INCLUDE_SUSPECT,
  PROP_WATCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rw_gpu_row_update (RwGpuRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *price = NULL;
  g_autofree char *vram = NULL;
  guint providers;
  double cheapest;
  guint mask;

  if (self->gpu == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->price_label, "");
      return;
    }

  name = rw_text_sanitize (rw_gpu_get_name (self->gpu));
  vram = rw_ui_format_gb (rw_gpu_get_vram_gb (self->gpu));
  /* the GPU page's statistics for the same preferences (rw_gpu_page's pricing_mask ()) */
  mask = (self->include_spot ? RW_PRICING_MASK_ALL : RW_PRICING_MASK_NO_SPOT) |
         (self->include_suspect ? RW_INCLUDE_SUSPECT : 0);
  providers = rw_gpu_get_n_providers_for (self->gpu, mask);
  cheapest = rw_gpu_get_cheapest_hr_for (self->gpu, mask);

  if (providers == 0)
    detail = g_strdup_printf (_("%s · no offers"), vram);
  else
    /* TRANSLATORS: "48 GB · 10 providers" */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u provider", "%s · %u providers",
                                           providers), vram, providers);
  if (cheapest >= 0)
    {
      g_autofree char *usd = rw_format_usd (cheapest, 2);
      /* TRANSLATORS: the lowest rate, e.g. "from $0.28/hr" */
      price = g_strdup_printf (_("from %s/hr"), usd);
    }
  else
    price = g_strdup ("—");

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->price_label, price);

  /* the list view's row is what a screen reader reaches, and GTK 4.8 names it after nothing */
  if (GTK_IS_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))))
    {
      /* TRANSLATORS: a GPU list row for screen readers: name, details, price; a watched one
       * ends in ", watched" */
      g_autofree char *spoken = self->watched
                                ? g_strdup_printf (_("%s, %s, %s, watched"), name, detail, price)
                                : g_strdup_printf (_("%s, %s, %s"), name, detail, price);

      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    }
}

static void
rw_gpu_row_dispose (GObject *object)
{
  RwGpuRow *self = (RwGpuRow *) object;

  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_GPU_ROW);
  g_clear_object (&self->gpu);

  G_OBJECT_CLASS (rw_gpu_row_parent_class)->dispose (object);
}

static void
rw_gpu_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RwGpuRow *self = RW_GPU_ROW (object);

  switch (prop_id)
    {
    case PROP_GPU:
      g_value_set_object (value, self->gpu);
      break;
    case PROP_INCLUDE_SPOT:
      g_value_set_boolean (value, self->include_spot);
      break;
    case PROP_INCLUDE_SUSPECT:
      g_value_set_boolean (value, self->include_suspect);
      break;
    case PROP_WATCHED:
      g_value_set_boolean (value, self->watched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_gpu_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RwGpuRow *self = RW_GPU_ROW (object);

  switch (prop_id)
    {
    case PROP_GPU:
      rw_gpu_row_set_gpu (self, g_value_get_object (value));
      break;
    case PROP_INCLUDE_SPOT:
      rw_gpu_row_set_include_spot (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDE_SUSPECT:
      rw_gpu_row_set_include_suspect (self, g_value_get_boolean (value));
      break;
    case PROP_WATCHED:
      rw_gpu_row_set_watched (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_gpu_row_class_init (RwGpuRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_gpu_row_dispose;
  object_class->get_property = rw_gpu_row_get_property;
  object_class->set_property = rw_gpu_row_set_property;

  properties[PROP_GPU] =
    g_param_spec_object ("gpu", NULL, NULL, RW_TYPE_GPU,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_SPOT] =
    g_param_spec_boolean ("include-spot", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* suspect prices count in "from $X/hr", as on the GPU page */
  properties[PROP_INCLUDE_SUSPECT] =
    g_param_spec_boolean ("include-suspect", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the GPU is in the watchlist: a star after its name (issue 19) */
  properties[PROP_WATCHED] =
    g_param_spec_boolean ("watched", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-gpu-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RwGpuRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RwGpuRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RwGpuRow, price_label);
  gtk_widget_class_bind_template_child (widget_class, RwGpuRow, watched_image);
}

static void
rw_gpu_row_init (RwGpuRow *self)
{
  self->include_spot = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rw_gpu_row_new (void)
{
  return g_object_new (RW_TYPE_GPU_ROW, NULL);
}

RwGpu *
rw_gpu_row_get_gpu (RwGpuRow *self)
{
  g_return_val_if_fail (RW_IS_GPU_ROW (self), NULL);
  return self->gpu;
}

void
rw_gpu_row_set_gpu (RwGpuRow *self,
                    RwGpu    *gpu)
{
  g_return_if_fail (RW_IS_GPU_ROW (self));
  g_return_if_fail (!gpu || RW_IS_GPU (gpu));

  if (g_set_object (&self->gpu, gpu))
    {
      rw_gpu_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GPU]);
    }
}

gboolean
rw_gpu_row_get_include_spot (RwGpuRow *self)
{
  g_return_val_if_fail (RW_IS_GPU_ROW (self), TRUE);
  return self->include_spot;
}

void
rw_gpu_row_set_include_spot (RwGpuRow *self,
                             gboolean  include_spot)
{
  g_return_if_fail (RW_IS_GPU_ROW (self));

  include_spot = !!include_spot;
  if (self->include_spot == include_spot)
    return;
  self->include_spot = include_spot;
  rw_gpu_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SPOT]);
}

gboolean
rw_gpu_row_get_include_suspect (RwGpuRow *self)
{
  g_return_val_if_fail (RW_IS_GPU_ROW (self), FALSE);
  return self->include_suspect;
}

void
rw_gpu_row_set_include_suspect (RwGpuRow *self,
                                gboolean  include_suspect)
{
  g_return_if_fail (RW_IS_GPU_ROW (self));

  include_suspect = !!include_suspect;
  if (self->include_suspect == include_suspect)
    return;
  self->include_suspect = include_suspect;
  rw_gpu_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SUSPECT]);
}

gboolean
rw_gpu_row_get_watched (RwGpuRow *self)
{
  g_return_val_if_fail (RW_IS_GPU_ROW (self), FALSE);
  return self->watched;
}

void
rw_gpu_row_set_watched (RwGpuRow *self,
                        gboolean  watched)
{
  g_return_if_fail (RW_IS_GPU_ROW (self));

  watched = !!watched;
  if (self->watched == watched)
    return;
  self->watched = watched;
  gtk_widget_set_visible (GTK_WIDGET (self->watched_image), watched);
  rw_gpu_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED]);
}
