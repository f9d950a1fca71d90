/* rw-array-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A catalog's offers never change once it is loaded, and there can be hundreds of thousands:
 * GListStore keeps them in a GSequence (an allocation and a tree insertion each, O(log n)
 * per get_item); this keeps the array it is given (O(1), nothing more to build).
 */
#include "config.h"

#include "rw-array-model.h"

struct _RwArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static GType
rw_array_model_get_item_type (GListModel *model)
{
  return RW_ARRAY_MODEL (model)->item_type;
}

static guint
rw_array_model_get_n_items (GListModel *model)
{
  return RW_ARRAY_MODEL (model)->items->len;
}

static gpointer
rw_array_model_get_item (GListModel *model,
                         guint       position)
{
  RwArrayModel *self = RW_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
rw_array_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rw_array_model_get_item_type;
  iface->get_n_items = rw_array_model_get_n_items;
  iface->get_item = rw_array_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RwArrayModel, rw_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rw_array_model_list_model_init))

static void
rw_array_model_finalize (GObject *object)
{
  RwArrayModel *self = (RwArrayModel *) object;

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (rw_array_model_parent_class)->finalize (object);
}

static void
rw_array_model_class_init (RwArrayModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_array_model_finalize;
}

static void
rw_array_model_init (RwArrayModel *self)
{
}

/**
 * rw_array_model_new:
 * @items: (transfer full): the items, each of @item_type; they hold one reference each,
 *   released with the model
 */
RwArrayModel *
rw_array_model_new (GType      item_type,
                    GPtrArray *items)
{
  RwArrayModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (RW_TYPE_ARRAY_MODEL, NULL);
  self->item_type = item_type;
  self->items = items;
  return self;
}
