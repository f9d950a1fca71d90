/* rw-catalog-builtin.c: the built-in snapshot, compiled into the program as a catalog image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/catalog.json is validated and compiled to an image at build time
 * (rentwise-compile-catalog), so no run of the program parses it.
 */
#include "config.h"

#include "rw-catalog.h"

extern GResource *rw_core_get_resource (void);

RwCatalog *
rw_catalog_new_builtin (GError **error)
{
  g_autoptr(GBytes) image = g_resource_lookup_data (rw_core_get_resource (),
                                                    "/io/github/rentwise/Rentwise/catalog.image",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_return_val_if_fail (image != NULL, NULL);
  return rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_BUILTIN, NULL, NULL, error);
}
