/* rw-fit-item.h: a model with its recommendation on one GPU, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rw-fit.h"

G_BEGIN_DECLS

#define RW_TYPE_FIT_ITEM (rw_fit_item_get_type ())
G_DECLARE_FINAL_TYPE (RwFitItem, rw_fit_item, RW, FIT_ITEM, GObject)

RwFitItem   *rw_fit_item_new       (RwModel     *model,
                                    const RwFit *fit);
RwModel     *rw_fit_item_get_model (RwFitItem   *self);
const RwFit *rw_fit_item_get_fit   (RwFitItem   *self);
void         rw_fit_item_set_fit   (RwFitItem   *self,
                                    const RwFit *fit);

G_END_DECLS
