/* rw-array-model.h: a read-only GListModel over an array
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RW_TYPE_ARRAY_MODEL (rw_array_model_get_type ())
G_DECLARE_FINAL_TYPE (RwArrayModel, rw_array_model, RW, ARRAY_MODEL, GObject)

RwArrayModel *rw_array_model_new (GType      item_type,
                                  GPtrArray *items);

G_END_DECLS
