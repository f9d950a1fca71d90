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

static inline gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: widgets lay out, idles and timeouts run */
static inline void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
