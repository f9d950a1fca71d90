/* rw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"
#include "rw-gpu-page.h"
#include "rw-session.h"
#include "rw-watcher.h"

G_BEGIN_DECLS

#define RW_TYPE_WINDOW (rw_window_get_type ())
G_DECLARE_FINAL_TYPE (RwWindow, rw_window, RW, WINDOW, AdwApplicationWindow)

RwWindow  *rw_window_new         (GtkApplication *application,
                                  RwCatalog      *catalog);
RwSession *rw_window_get_session      (RwWindow      *self);
RwCatalog *rw_window_get_catalog      (RwWindow      *self);
void       rw_window_select_gpu       (RwWindow      *self,
                                       const char    *gpu_id);
void       rw_window_set_search_text  (RwWindow      *self,
                                       const char    *text);
guint      rw_window_get_n_gpus_shown (RwWindow      *self);
RwGpuPage *rw_window_get_gpu_page     (RwWindow      *self);
void       rw_window_update_banner    (RwWindow      *self);
void       rw_window_add_toast        (RwWindow      *self,
                                       const char    *message);
void       rw_window_set_watcher      (RwWindow      *self,
                                       RwSession     *session,
                                       RwWatcher     *watcher);

G_END_DECLS
