/* test-server.h: what the core tests that talk HTTP share — a SoupServer on 127.0.0.1, a
 * fixture file as bytes, and a temporary directory removed afterwards (header only, like
 * test-common.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

/* rw_test_server_new:
 * Starts a SoupServer on a free IPv4 loopback port with @callback as its only handler (for
 * every path). Sets *@base_url to "http://127.0.0.1:PORT" (no trailing slash; g_free it).
 * Fails the test if the port cannot be bound. Stop it with rw_test_server_free (). */
static inline SoupServer *
rw_test_server_new (SoupServerCallback   callback,
                    gpointer             user_data,
                    char               **base_url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base_url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (*base_url, "/"))
    (*base_url)[strlen (*base_url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* rw_test_server_free: disconnects @server (no more requests are answered) and drops it;
 * NULL is allowed */
static inline void
rw_test_server_free (SoupServer *server)
{
  if (server == NULL)
    return;
  soup_server_disconnect (server);
  g_object_unref (server);
}

/* rw_test_fixture_bytes:
 * The contents of a file under tests/fixtures/ (path elements, NULL-terminated), as GBytes;
 * fails the test if it cannot be read. */
static inline GBytes *
rw_test_fixture_bytes (const char *first_element,
                       ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *element;
  gsize len;
  va_list ap;

  g_ptr_array_add (parts, dir);
  va_start (ap, first_element);
  for (element = first_element; element != NULL; element = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* rw_test_remove_tree: removes @path and everything below it (a temporary cache or data
 * directory); a missing @path is not an error */
static inline void
rw_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rw_test_remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}
