/* rw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-catalog.h"
#include "rw-history.h"
#include "rw-session.h"

G_BEGIN_DECLS

#define RW_TYPE_APPLICATION (rw_application_get_type ())
G_DECLARE_FINAL_TYPE (RwApplication, rw_application, RW, APPLICATION, AdwApplication)

RwApplication *rw_application_new         (void);
RwSession     *rw_application_get_session (RwApplication *self);
RwCatalog     *rw_application_get_catalog (RwApplication *self);
void           rw_ensure_resources        (void);
char         **rw_application_dup_feeds   (RwApplication *self);
gboolean       rw_application_get_offline (RwApplication *self);
GPtrArray     *rw_application_get_statuses (RwApplication *self);
gboolean       rw_application_get_refreshing (RwApplication *self);
RwHistoryStore *rw_application_get_history (RwApplication *self);

G_END_DECLS
