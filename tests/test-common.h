/* test-common.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>

#include "rw-catalog.h"
#include "rw-source.h"

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

typedef struct {
  RwCatalog *catalog;
  GPtrArray *statuses;
  GError    *error;
  gboolean   done;
} RefreshWait;

static inline void
refresh_waited (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RefreshWait *wait = user_data;

  wait->catalog = rw_source_refresh_finish (RW_SOURCE (object), result, &wait->statuses, &wait->error);
  wait->done = TRUE;
}

/* Refreshes one feed and waits: the refresh itself must succeed (a feed may still fail).
 * Returns: (transfer full): the feed's status; @catalog_out gets the merged catalog */
static inline RwFeedStatus *
refresh_one (RwSource    *source,
             const char  *url,
             gboolean     offline,
             RwCatalog  **catalog_out)
{
  const char *feeds[] = { url, NULL };
  RefreshWait wait = { 0 };
  RwFeedStatus *status;

  rw_source_refresh_async (source, feeds, offline, NULL, refresh_waited, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.catalog);
  g_assert_cmpuint (wait.statuses->len, ==, 1);
  status = g_ptr_array_steal_index (wait.statuses, 0);
  g_ptr_array_unref (wait.statuses);
  g_test_message ("%s: %s %u %s", url, rw_feed_state_to_string (status->state), status->http_status,
                  status->error ? status->error : "");
  *catalog_out = wait.catalog;
  return status;
}

/* Sets LC_NUMERIC (and LC_MESSAGES) to German. A machine without a generated de_DE locale
 * (Debian's `locales` lists it but builds only what /etc/locale.gen names) gets one compiled
 * with localedef into a temporary LOCPATH. FALSE, with a skip, when neither works. */
static inline gboolean
test_use_german_numbers (void)
{
  static char *dir = NULL;
  const char *name = "de_DE.UTF-8";

  if (setlocale (LC_NUMERIC, name) != NULL)
    return TRUE;
  if (dir == NULL)
    {
      g_autofree char *target = NULL;
      g_autofree char *std_err = NULL;
      int status = -1;

      dir = g_dir_make_tmp ("rentwise-locale-XXXXXX", NULL);
      target = g_build_filename (dir, name, NULL);
      if (dir != NULL)
        g_spawn_sync (NULL, (char *[]) { (char *) "localedef", (char *) "-i", (char *) "de_DE",
                                         (char *) "-f", (char *) "UTF-8", target, NULL },
                      NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                      &std_err, &status, NULL);
      if (dir != NULL)
        g_setenv ("LOCPATH", dir, TRUE);
    }
  if (setlocale (LC_NUMERIC, name) != NULL)
    return TRUE;
  g_test_skip ("no German locale, and localedef could not make one");
  return FALSE;
}
