/* regress-main.c: runs a fuzz target's entry point over its seed corpus and every input that
 * once crashed it (tests/fuzz/regressions/TARGET/), without libFuzzer; part of the test suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

static void
run_dir (const char *dir,
         guint      *count)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      g_test_message ("%s", path);
      LLVMFuzzerTestOneInput ((const unsigned char *) data, len);
      (*count)++;
    }
}

static void
test_inputs (gconstpointer data)
{
  const char *target = data;
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", target, NULL);
  g_autofree char *regressions = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", target, NULL);
  guint count = 0;

  run_dir (corpus, &count);
  run_dir (regressions, &count);
  g_assert_cmpuint (count, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;

  g_test_init (&argc, &argv, NULL);
  path = g_strdup_printf ("/fuzz-regressions/%s", FUZZ_TARGET);
  g_test_add_data_func (path, FUZZ_TARGET, test_inputs);
  return g_test_run ();
}
