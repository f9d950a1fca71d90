/* test-common.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-catalog.h"

static inline RwCatalog *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  RwCatalog *catalog = rw_catalog_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}
