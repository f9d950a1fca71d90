/* test-file-read.c: rw_file_read_capped (): never blocks, never reads past its cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rw-catalog.h"
#include "rw-file-read.h"
#include "test-special-files.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rw-file-read-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_regular (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "data", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 99;

  /* missing */
  g_assert_false (rw_file_read_capped (path, 10, &contents, &len, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* empty, at the cap, over it by one byte */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_true (rw_file_read_capped (path, 10, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (contents, ==, "");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));
  g_assert_true (rw_file_read_capped (path, 10, &contents, &len, &error));
  g_assert_cmpuint (len, ==, 10);
  g_assert_cmpstr (contents, ==, "0123456789");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_set_contents (path, "0123456789A", 11, NULL));
  g_assert_false (rw_file_read_capped (path, 10, &contents, &len, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (contents);
  g_clear_error (&error);

  /* a link to a regular file is read */
  {
    g_autofree char *link = g_build_filename (dir, "link", NULL);

    g_assert_no_errno (symlink (path, link));
    g_assert_true (rw_file_read_capped (link, 100, &contents, &len, &error));
    g_assert_cmpuint (len, ==, 11);
    g_unlink (link);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* A FIFO, /dev/zero, a folder: refused at once with their own code; a 1 GiB file (sparse)
 * over a 1 MiB cap: refused before reading */
static void
test_not_regular (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "data", NULL);
  static const int codes[N_SPECIAL] = { G_IO_ERROR_NOT_REGULAR_FILE,
                                        G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_IS_DIRECTORY };

  special_watchdog (TRUE);
  for (guint kind = 0; kind < N_SPECIAL; kind++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      special_watchdog (TRUE);
      make_special (path, kind);
      g_assert_false (rw_file_read_capped (path, 1024 * 1024, &contents, &len, &error));
      g_test_message ("%s: %s", special_names[kind], error->message);
      g_assert_error (error, G_IO_ERROR, codes[kind]);
      g_assert_null (contents);
      remove_special (path);
    }
  {
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gsize len;

    make_oversize (path, G_GOFFSET_CONSTANT (1) << 30);
    g_assert_false (rw_file_read_capped (path, 1024 * 1024, &contents, &len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_unlink (path);
  }
  special_watchdog (FALSE);
  g_rmdir (dir);
}

/* A catalog named on the command line may be a pipe, so it is not refused for not being a
 * regular file; but /dev/zero stops at the 64 MiB cap instead of filling memory */
static void
test_catalog_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;

  special_watchdog (TRUE);
  catalog = rw_catalog_new_from_file ("/dev/zero", &error);
  g_assert_null (catalog);
  g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  special_watchdog (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-read/regular", test_regular);
  g_test_add_func ("/file-read/not-regular", test_not_regular);
  g_test_add_func ("/file-read/catalog-named", test_catalog_named);
  return g_test_run ();
}
