/* rw-rent-view.h: rent vs own, with the user's own numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"

G_BEGIN_DECLS

typedef enum {
  RW_RENT_INPUT_HOURS,
  RW_RENT_INPUT_KWH,
  RW_RENT_INPUT_PUE,
  RW_RENT_INPUT_PURCHASE,
  RW_RENT_INPUT_OTHER,
  RW_RENT_INPUT_RESALE,
  RW_RENT_INPUT_HORIZON,
  RW_RENT_INPUT_CUSTOM_RATE,
  RW_RENT_N_INPUTS
} RwRentInput;

#define RW_TYPE_RENT_VIEW (rw_rent_view_get_type ())
G_DECLARE_FINAL_TYPE (RwRentView, rw_rent_view, RW, RENT_VIEW, AdwBin)

GtkWidget  *rw_rent_view_new              (void);
void        rw_rent_view_set_gpu          (RwRentView  *self,
                                           RwCatalog   *catalog,
                                           RwGpu       *gpu);
void        rw_rent_view_set_include_spot (RwRentView  *self,
                                           gboolean     include_spot);
void        rw_rent_view_set_text         (RwRentView  *self,
                                           RwRentInput  input,
                                           const char  *text);
void        rw_rent_view_select_rate      (RwRentView  *self,
                                           guint        position);
void        rw_rent_view_reset            (RwRentView  *self);
const char *rw_rent_view_get_output       (RwRentView  *self,
                                           const char  *name);

G_END_DECLS
