/* rw-compile-catalog.c: validate a rentwise-catalog/1 document and compile it to an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build-time tool: rentwise-compile-catalog IN.json OUT.image
 * The image's key is "builtin:" and the document's SHA-256, so that cache images made over
 * one built-in snapshot are not used over another.
 */
#include "config.h"

#include <stdlib.h>

#include "rw-catalog.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *key = NULL;
  gsize len;

  if (argc != 3)
    {
      g_printerr ("usage: %s CATALOG.json OUT.image\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return EXIT_FAILURE;
    }
  json = g_bytes_new_take (g_steal_pointer (&contents), len);
  catalog = rw_catalog_new_from_bytes (json, RW_CATALOG_SOURCE_BUILTIN, &error);
  if (catalog == NULL)
    {
      g_printerr ("%s: %s: %s\n", argv[0], argv[1], error->message);
      return EXIT_FAILURE;
    }
  if (rw_catalog_get_skipped_records (catalog) > 0)
    {
      g_printerr ("%s: %s: %u bad records (first: %s)\n", argv[0], argv[1],
                  rw_catalog_get_skipped_records (catalog), rw_catalog_get_first_problem (catalog));
      return EXIT_FAILURE;
    }

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, json);
  key = g_strconcat ("builtin:", checksum, NULL);
  image = rw_catalog_to_image (catalog, key, NULL);
  if (!g_file_set_contents (argv[2], g_bytes_get_data (image, NULL),
                            (gssize) g_bytes_get_size (image), &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
