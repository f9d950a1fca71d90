/* rw-search-provider.h: GPUs in the GNOME Shell overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"
#include "rw-session.h"

G_BEGIN_DECLS

#define RW_SEARCH_PROVIDER_PATH "/io/github/rentwise/Rentwise/SearchProvider"

#define RW_TYPE_SEARCH_PROVIDER (rw_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (RwSearchProvider, rw_search_provider, RW, SEARCH_PROVIDER, GObject)

RwSearchProvider *rw_search_provider_new        (GApplication     *application,
                                                 RwSession        *session);
gboolean          rw_search_provider_register   (RwSearchProvider *self,
                                                 GDBusConnection  *connection,
                                                 const char       *object_path,
                                                 GError          **error);
void              rw_search_provider_unregister (RwSearchProvider *self);
char            **rw_search_provider_search     (RwCatalog        *catalog,
                                                 const char * const *terms);

G_END_DECLS
