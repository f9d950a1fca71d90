/* rw-fit-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rw-fit-item.h"

struct _RwFitItem
{
  GObject  parent_instance;

  RwModel *model;
  RwFit    fit;
};

G_DEFINE_FINAL_TYPE (RwFitItem, rw_fit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rw_fit_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RwFitItem *self = RW_FIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_FIT:
      g_value_set_pointer (value, &self->fit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_fit_item_finalize (GObject *object)
{
  RwFitItem *self = (RwFitItem *) object;

  g_clear_object (&self->model);

  G_OBJECT_CLASS (rw_fit_item_parent_class)->finalize (object);
}

static void
rw_fit_item_class_init (RwFitItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_fit_item_finalize;
  G_OBJECT_CLASS (klass)->get_property = rw_fit_item_get_property;

  /* notified when the fit is recomputed in place (the rows update, none is made again) */
  properties[PROP_FIT] =
    g_param_spec_pointer ("fit", NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
}

static void
rw_fit_item_init (RwFitItem *self)
{
}

RwFitItem *
rw_fit_item_new (RwModel     *model,
                 const RwFit *fit)
{
  RwFitItem *self;

  g_return_val_if_fail (RW_IS_MODEL (model), NULL);
  g_return_val_if_fail (fit != NULL, NULL);

  self = g_object_new (RW_TYPE_FIT_ITEM, NULL);
  self->model = g_object_ref (model);
  self->fit = *fit;
  return self;
}

RwModel *
rw_fit_item_get_model (RwFitItem *self)
{
  g_return_val_if_fail (RW_IS_FIT_ITEM (self), NULL);
  return self->model;
}

const RwFit *
rw_fit_item_get_fit (RwFitItem *self)
{
  g_return_val_if_fail (RW_IS_FIT_ITEM (self), NULL);
  return &self->fit;
}

/* A new fit for the same model: the rows showing the item update in place */
void
rw_fit_item_set_fit (RwFitItem   *self,
                     const RwFit *fit)
{
  g_return_if_fail (RW_IS_FIT_ITEM (self));
  g_return_if_fail (fit != NULL);

  if (memcmp (&self->fit, fit, sizeof *fit) == 0)
    return;
  self->fit = *fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}
