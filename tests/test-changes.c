/* test-changes.c: the change set between two catalogs, its threshold, its JSON and its ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rw-changes.h"
#include "rw-file-lock.h"
#include "rw-stats.h"
#include "test-common.h"
#include "test-special-files.h"
#include "test-catalog-text.h"

#define BASE "g1:p1:1.00:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a"

typedef struct {
  const char *name;
  const char *gpus_before, *offers_before, *models_before;
  const char *gpus_after, *offers_after, *models_after;
  guint       mask;
  double      threshold;  /* 0: the default */
  /* expected, "KIND GPU PROVIDER BEFORE AFTER COUNT|…" with - for none/unknown */
  const char *expected;
} ChangeCase;

static const ChangeCase cases[] = {
  { "nothing", "g1", BASE, "m1", "g1", BASE, "m1", 0, 0, "" },
  { "new-provider", "g1", BASE, "", "g1", BASE ";g1:p4:1.15:od:a", "", 0, 0,
    "new-provider g1 p4 - 1.15 0" },
  { "gone-provider", "g1", BASE ";g1:p4:1.15:od:a", "", "g1", BASE, "", 0, 0,
    "gone-provider g1 p4 1.15 - 0" },
  { "cheaper", "g1", BASE, "", "g1", "g1:p1:0.90:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a", "", 0, 0,
    "cheaper g1 p1 1 0.9 0" },
  /* the new cheapest provider is named */
  { "cheaper-elsewhere", "g1", BASE, "", "g1", BASE ";g1:p4:0.50:od:a", "", 0, 0,
    "new-provider g1 p4 - 0.5 0|cheaper g1 p4 1 0.5 0" },
  { "dearer", "g1", BASE, "", "g1", "g1:p1:1.08:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a", "", 0, 0,
    "dearer g1 p1 1 1.08 0" },
  /* 4 % is under the default 5 %; exactly 5 % is listed */
  { "under-threshold", "g1", BASE, "", "g1", "g1:p1:0.96:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a", "",
    0, 0, "" },
  { "at-threshold", "g1", BASE, "", "g1", "g1:p1:0.95:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a", "",
    0, 0, "cheaper g1 p1 1 0.95 0" },
  /* a threshold of the caller's: 2 % lists the 4 % move */
  { "own-threshold", "g1", BASE, "", "g1", "g1:p1:0.96:od:a;g1:p2:1.10:od:a;g1:p3:1.20:od:a", "",
    0, 0.02, "cheaper g1 p1 1 0.96 0" },
  { "median-down", "g1", BASE, "", "g1", "g1:p1:1.00:od:a;g1:p2:1.02:od:a;g1:p3:1.20:od:a", "",
    0, 0, "median-down g1 - 1.1 1.02 0" },
  { "median-up", "g1", BASE, "", "g1", "g1:p1:1.00:od:a;g1:p2:1.19:od:a;g1:p3:1.20:od:a", "",
    0, 0, "median-up g1 - 1.1 1.19 0" },
  { "new-gpu", "g1", BASE, "", "g1,g2", BASE ";g2:p1:2.00:od:a", "", 0, 0,
    "new-gpu g2 - - 2 0" },
  { "gone-gpu", "g1,g2", BASE ";g2:p1:2.00:od:a", "", "g1", BASE, "", 0, 0,
    "gone-gpu g2 - 2 - 0" },
  { "models", "g1", BASE, "m1,m2", "g1", BASE, "m2,m3", 0, 0,
    "gone-model - - - - 0|new-model - - - - 0" },
  { "gone-offers", "g1", BASE ";g1:p1:1.30:od:b;g1:p1:1.40:od:c", "", "g1", BASE, "", 0, 0,
    "gone-offers g1 p1 1.3 - 2" },
  /* spot moves are not looked at with on-demand only */
  { "spot-all-kinds", "g1", BASE ";g1:p4:0.50:spot:s", "", "g1", BASE ";g1:p4:0.40:spot:s", "",
    RW_PRICING_MASK_ALL, 0, "cheaper g1 p4 0.5 0.4 0" },
  { "spot-on-demand-only", "g1", BASE ";g1:p4:0.50:spot:s", "", "g1",
    BASE ";g1:p4:0.40:spot:s", "", RW_PRICING_MASK_ON_DEMAND, 0, "" },
  /* a suspect price (under 10 % of the others' median) is a new provider, but it does not
   * make the GPU cheaper: it stays out of the statistics (docs/PRICES.md) */
  { "suspect", "g1", BASE, "", "g1", BASE ";g1:p4:0.01:od:a", "", 0, 0,
    "new-provider g1 p4 - 0.01 0" },
};

static char *
format_change (const RwChange *c)
{
  g_autofree char *before = c->before >= 0 ? g_strdup_printf ("%g", c->before) : g_strdup ("-");
  g_autofree char *after = c->after >= 0 ? g_strdup_printf ("%g", c->after) : g_strdup ("-");

  return g_strdup_printf ("%s %s %s %s %s %u", rw_change_kind_to_string (c->kind),
                          c->gpu ? c->gpu : "-", c->provider ? c->provider : "-", before, after,
                          c->count);
}

static char *
format_set (const RwChangeSet *set)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < set->changes->len; i++)
    {
      g_autofree char *line = format_change (g_ptr_array_index (set->changes, i));
      g_string_append_printf (text, "%s%s", i ? "|" : "", line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_compute (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ChangeCase *c = &cases[i];
      g_autoptr(RwCatalog) before = make_catalog (c->gpus_before, c->offers_before,
                                                  c->models_before);
      g_autoptr(RwCatalog) after = make_catalog (c->gpus_after, c->offers_after, c->models_after);
      g_autoptr(RwChangeSet) set = NULL;
      g_autofree char *got = NULL;
      RwChangeOptions options;

      rw_change_options_init (&options);
      if (c->mask != 0)
        options.pricing_mask = c->mask;
      if (c->threshold > 0)
        options.threshold = c->threshold;
      set = rw_changes_compute (before, after, &options, 1000);
      got = format_set (set);
      g_test_message ("%s: %s", c->name, got);
      g_assert_cmpstr (got, ==, c->expected);
      g_assert_cmpint (set->time, ==, 1000);
    }
}

static void
test_models_named (void)
{
  g_autoptr(RwCatalog) before = make_catalog ("g1", BASE, "m1,m2");
  g_autoptr(RwCatalog) after = make_catalog ("g1", BASE, "m2,m3");
  g_autoptr(RwChangeSet) set = rw_changes_compute (before, after, NULL, 0);
  RwChange *gone, *added;

  g_assert_cmpuint (set->changes->len, ==, 2);
  gone = g_ptr_array_index (set->changes, 0);
  added = g_ptr_array_index (set->changes, 1);
  g_assert_cmpstr (gone->model, ==, "m1");
  g_assert_cmpstr (added->model, ==, "m3");
  g_assert_null (added->gpu);
}

static void
test_describe (void)
{
  g_autoptr(RwCatalog) before = make_catalog ("g1", BASE, "m1");
  g_autoptr(RwCatalog) after = make_catalog ("g1", BASE ";g1:p4:0.50:od:a", "m1,m2");
  g_autoptr(RwChangeSet) set = rw_changes_compute (before, after, NULL, 0);
  g_autofree char *line = NULL;

  g_assert_cmpuint (set->changes->len, ==, 3);
  line = rw_change_describe (g_ptr_array_index (set->changes, 1), after);
  g_assert_cmpstr (line, ==, "GPU g1: cheapest down from $1.00/hr to $0.50/hr (Provider 4)");
  g_clear_pointer (&line, g_free);
  line = rw_change_describe (g_ptr_array_index (set->changes, 2), after);
  g_assert_cmpstr (line, ==, "New model: Model m2");
}

static void
test_json (void)
{
  g_autoptr(RwCatalog) before = make_catalog ("g1", BASE, "");
  g_autoptr(RwCatalog) after = make_catalog ("g1", BASE ";g1:p4:0.50:od:a", "");
  g_autoptr(RwChangeSet) set = rw_changes_compute (before, after, NULL, 1700000000);
  g_autofree char *json = rw_changes_to_json (set);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;
  JsonArray *changes;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "time"), ==, 1700000000);
  changes = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  first = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "gpu"), ==, "g1");
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "new-provider");
  g_assert_cmpstr (json_object_get_string_member (first, "provider"), ==, "p4");
  g_assert_true (json_object_get_null_member (first, "before"));
  g_assert_cmpfloat (json_object_get_double_member (first, "after"), ==, 0.5);
  g_assert_true (json_object_get_null_member (first, "model"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 1),
                                                  "kind"), ==, "cheaper");
}

static void
test_text (void)
{
  g_autoptr(RwCatalog) before = make_catalog ("g1,g2", BASE ";g1:p1:1.30:od:b;g2:p1:2:od:a", "");
  g_autoptr(RwCatalog) after = make_catalog ("g1", "g1:p1:1.08:od:a;g1:p2:1.10:od:a", "");
  g_autoptr(RwChangeSet) set = rw_changes_compute (before, after, NULL, 0);
  g_autoptr(RwChangeSet) empty = rw_changes_compute (after, after, NULL, 0);
  g_autofree char *text = rw_changes_to_text (set, after);
  g_autofree char *none = rw_changes_to_text (empty, after);

  g_assert_cmpstr (text, ==,
                   "GPU g1: Provider 3 no longer offers it (was $1.20/hr)\n"
                   "GPU g1: cheapest up from $1.00/hr to $1.08/hr (Provider 1)\n"
                   "GPU g1: 1 offer from Provider 1 is gone\n"
                   "GPU no longer listed: GPU g2\n");
  g_assert_cmpstr (none, ==, "No changes\n");
}

/* The built-in catalog against itself: nothing (and how long it takes) */
static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) builtin = rw_catalog_new_builtin (&error);
  g_autoptr(RwChangeSet) same = NULL;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  same = rw_changes_compute (builtin, builtin, NULL, 0);
  g_test_message ("built-in against itself: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (same->changes->len, ==, 0);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rw-changes-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_ring (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "changes.tsv", NULL);
  g_autoptr(RwCatalog) before = make_catalog ("g1", BASE, "m1");
  g_autoptr(RwCatalog) after = make_catalog ("g1,g2", BASE ";g1:p4:0.50:od:a;g2:p1:2:od:a", "m2");
  g_autoptr(RwChangeRing) ring = rw_change_ring_new (path);
  g_autoptr(RwChangeRing) again = rw_change_ring_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (rw_change_ring_load (ring, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 0);

  for (guint i = 0; i < RW_CHANGES_RING_SIZE + 2; i++)
    {
      g_assert_true (rw_change_ring_push (ring, rw_changes_compute (before, after, NULL, 100 + i),
                                          &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, RW_CHANGES_RING_SIZE);

  /* read back after a "restart": the newest first, every change as it was */
  g_assert_true (rw_change_ring_load (again, &error));
  g_assert_null (rw_change_ring_get_problem (again));
  g_assert_cmpuint (rw_change_ring_get_n_sets (again), ==, RW_CHANGES_RING_SIZE);
  for (guint i = 0; i < RW_CHANGES_RING_SIZE; i++)
    {
      const RwChangeSet *a = rw_change_ring_get_set (ring, i);
      const RwChangeSet *b = rw_change_ring_get_set (again, i);
      g_autofree char *ta = format_set (a);
      g_autofree char *tb = format_set (b);

      g_assert_cmpint (b->time, ==, 100 + RW_CHANGES_RING_SIZE + 1 - i);
      g_assert_cmpstr (ta, ==, tb);
      g_assert_cmpuint (b->changes->len, ==, 5);
      g_assert_cmpstr (b->after_generated_at, ==, "2026-05-24T00:00:00Z");
    }
  {
    const RwChangeSet *set = rw_change_ring_get_set (again, 0);
    RwChange *model = g_ptr_array_index (set->changes, set->changes->len - 1);
    g_autofree char *text = rw_changes_to_text (set, NULL);

    g_assert_cmpstr (model->model, ==, "m2");
    g_assert_cmpstr (model->model_name, ==, "Model m2");
    /* the names came back with the file: no catalog needed, the gone model named too */
    g_assert_cmpstr (text, ==,
                     "GPU g1: new provider Provider 4 at $0.50/hr\n"
                     "GPU g1: cheapest down from $1.00/hr to $0.50/hr (Provider 4)\n"
                     "New GPU: GPU g2, from $2.00/hr\n"
                     "Model no longer listed: Model m1\n"
                     "New model: Model m2\n");
  }
  g_assert_no_errno (g_remove (path));
}

static void
test_ring_corrupt (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "changes.tsv", NULL);
  g_autoptr(RwChangeRing) ring = rw_change_ring_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  static const char torn[] = RW_CHANGES_HEADER "\nset\t5\t\t\n"
    "cheaper\tg1\t\tp1\t1\t0.5\t0\tGPU One\t\tProvider 1\n"
    "bogus\tg1\t\tp1\t1\t0.5\t0\t\t\t\n"         /* unknown kind: skipped */
    "cheaper\tg1\t\tp1\tNaN\t0.5\t0\t\t\t\n"     /* bad number: skipped */
    "cheaper\tg1\t\tp1\t1\t0.5\t0\n"              /* too few fields: skipped */
    "dearer\tg1\t\tp1\t1\t2\t0\t\t";             /* torn: ignored */

  /* bad lines and a torn last line */
  g_assert_true (rw_change_ring_load_from_data (ring, torn, strlen (torn)));
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 1);
  g_assert_cmpuint (rw_change_ring_get_set (ring, 0)->changes->len, ==, 1);
  {
    const RwChangeSet *set = rw_change_ring_get_set (ring, 0);
    g_autofree char *line = rw_change_describe (g_ptr_array_index (set->changes, 0), NULL);

    g_assert_cmpstr (line, ==, "GPU One: cheapest down from $1.00/hr to $0.50/hr (Provider 1)");
  }

  /* not ours: set aside, never deleted, and said */
  g_assert_true (g_file_set_contents (path, "\x89PNG garbage", -1, NULL));
  g_assert_true (rw_change_ring_load (ring, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 0);
  g_assert_nonnull (rw_change_ring_get_problem (ring));
  g_assert_nonnull (strstr (rw_change_ring_get_problem (ring), "kept as"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "changes.tsv.unreadable-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "\x89PNG garbage");
        kept = TRUE;
      }
  g_assert_true (kept);
}

/* Not a regular file (newcomer report 5, defect 2: changes.tsv linked to /dev/zero took
 * 4 GB in 7 s), or over 8 MiB: never read, set aside, said; a push then writes a new file */
static void
test_ring_not_regular (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "changes.tsv", NULL);
  static const char * const whys[N_SPECIAL + 1] = { "(not a regular file)",
                                                    "(not a regular file)",
                                                    "(it is a folder)", "(larger than 8 MiB)" };

  special_watchdog (TRUE);
  for (guint kind = 0; kind <= N_SPECIAL; kind++)
    {
      g_autoptr(RwChangeRing) ring = rw_change_ring_new (path);
      g_autoptr(GError) error = NULL;
      const char *problem;

      special_watchdog (TRUE);
      if (kind < N_SPECIAL)
        make_special (path, kind);
      else
        make_oversize (path, 8 * 1024 * 1024 + 1);
      g_assert_true (rw_change_ring_load (ring, &error));
      g_assert_no_error (error);
      problem = rw_change_ring_get_problem (ring);
      g_assert_nonnull (problem);
      g_test_message ("%s: %s", kind < N_SPECIAL ? special_names[kind] : "over 8 MiB", problem);
      g_assert_nonnull (strstr (problem, whys[kind]));
      g_assert_nonnull (strstr (problem, "kept as"));
      g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      /* a FIFO put back before the push: not read, replaced */
      if (kind == SPECIAL_FIFO)
        make_special (path, kind);
      g_assert_true (rw_change_ring_push (ring, rw_change_set_new (1), &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_no_errno (g_unlink (path));
    }
  /* each kept, none over another set aside in the same second */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (listing)) != NULL)
      n += g_str_has_prefix (name, "changes.tsv.unreadable-");
    g_assert_cmpuint (n, ==, N_SPECIAL + 1);
  }
  special_watchdog (FALSE);
}

static void
test_ring_unwritable (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "rentwise", NULL);
  g_autofree char *path = g_build_filename (blocker, "changes.tsv", NULL);
  g_autoptr(RwChangeRing) ring = rw_change_ring_new (path);
  g_autoptr(GError) error = NULL;

  /* the folder it should be in is a file: the error is reported (as root too) */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (rw_change_ring_push (ring, rw_change_set_new (1), &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 1);
}

/* Another process is in the middle of its own push (it holds the lock, then writes a set)
 * while this one pushes: the push waits for it and keeps its set. Without the lock the push
 * would write at once and the other's write would then replace it. */
static void
test_ring_two_writers (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "changes.tsv", NULL);
  g_autoptr(RwChangeRing) ring = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_strdup_printf ("%s\nset\t1\t\t\n"
                                            "new-gpu\tg9\t\t\t-\t1\t0\tGPU g9\t\t\n",
                                            RW_CHANGES_HEADER);
  int status;
  int fd = rw_file_lock (path, 1000, &error);
  pid_t pid;

  g_assert_no_error (error);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      RwChangeRing *mine = NULL;
      gboolean ok;

      close (fd);  /* the parent's lock, inherited: only the parent holds it */
      mine = rw_change_ring_new (path);
      ok = rw_change_ring_push (mine, rw_change_set_new (2), NULL);

      rw_change_ring_free (mine);
      /* what this process copied from the parent, so that valgrind finds no leak */
      g_clear_pointer (&other, g_free);
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&dir, g_free);
      _exit (ok ? 0 : 1);
    }
  /* the other process's push: it read the file, now it writes, then lets go */
  g_usleep (300 * 1000);
  g_assert_true (g_file_set_contents (path, other, -1, NULL));
  rw_file_unlock (fd);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  ring = rw_change_ring_new (path);
  g_assert_true (rw_change_ring_load (ring, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rw_change_ring_get_n_sets (ring), ==, 2);
  g_assert_cmpint (rw_change_ring_get_set (ring, 0)->time, ==, 2);
  g_assert_cmpint (rw_change_ring_get_set (ring, 1)->time, ==, 1);
  g_assert_cmpuint (rw_change_ring_get_set (ring, 1)->changes->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/changes/compute", test_compute);
  g_test_add_func ("/changes/models", test_models_named);
  g_test_add_func ("/changes/describe", test_describe);
  g_test_add_func ("/changes/json", test_json);
  g_test_add_func ("/changes/text", test_text);
  g_test_add_func ("/changes/builtin", test_builtin);
  g_test_add_func ("/changes/ring", test_ring);
  g_test_add_func ("/changes/ring-corrupt", test_ring_corrupt);
  g_test_add_func ("/changes/ring-not-regular", test_ring_not_regular);
  g_test_add_func ("/changes/ring-unwritable", test_ring_unwritable);
  g_test_add_func ("/changes/ring-two-writers", test_ring_two_writers);
  return g_test_run ();
}
