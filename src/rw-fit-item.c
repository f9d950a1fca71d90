/* rw-fit-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-fit-item.h"

struct _RwFitItem
{
  GObject  parent_instance;

  RwModel *model;
  RwFit    fit;
};

G_DEFINE_FINAL_TYPE (RwFitItem, rw_fit_item, G_TYPE_OBJECT)

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
