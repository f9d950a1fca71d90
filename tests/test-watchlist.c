/* test-watchlist.c: the watchlist file: round trip, corrupt, unwritable, two writers at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rw-records.h"
#include "rw-watchlist.h"
#include "test-special-files.h"

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rw-watchlist-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
add_gpu (RwWatchlist *list,
         const char  *gpu,
         double       target,
         double       drop)
{
  g_autoptr(RwWatchItem) item = rw_watch_item_new_gpu (gpu, target, drop);
  g_autoptr(GError) error = NULL;

  g_assert_true (rw_watchlist_add (list, item, &error));
  g_assert_no_error (error);
}

/* The files in @dir whose names start with @prefix */
static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "rentwise", "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwWatchlist) again = rw_watchlist_new (path);
  g_autoptr(RwWatchItem) plan = rw_watch_item_new_plan ("llama-3.3-70b", 32768, 4, 3.5, 0);
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "gpu:l40s", "gpu:gone" };
  const double prices[] = { 0.79, 1.0 };
  RwWatchItem *item;
  guint changes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RW_TYPE_WATCH_ITEM);

  add_gpu (list, "l40s", 0.8, 0);
  add_gpu (list, "h100", RW_UNKNOWN, 10);
  g_assert_true (rw_watchlist_add (list, plan, &error));
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (rw_watchlist_set_notified (list, keys, prices, 2, &error));
  g_assert_no_error (error);

  g_assert_true (rw_watchlist_load (again, &error));
  g_assert_null (rw_watchlist_get_problem (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  item = rw_watchlist_lookup (again, "gpu:l40s");
  g_assert_nonnull (item);
  g_assert_cmpint (rw_watch_item_get_kind (item), ==, RW_WATCH_GPU);
  g_assert_cmpfloat (rw_watch_item_get_target_hr (item), ==, 0.8);
  g_assert_cmpfloat (rw_watch_item_get_drop_percent (item), ==, 0);
  g_assert_cmpfloat (rw_watch_item_get_notified_hr (item), ==, 0.79);
  item = rw_watchlist_lookup (again, "gpu:h100");
  g_assert_cmpfloat (rw_watch_item_get_target_hr (item), <, 0);
  g_assert_cmpfloat (rw_watch_item_get_drop_percent (item), ==, 10);
  g_assert_cmpfloat (rw_watch_item_get_notified_hr (item), <, 0);
  item = rw_watchlist_lookup (again, "plan:llama-3.3-70b:32768:4");
  g_assert_nonnull (item);
  g_assert_cmpstr (rw_watch_item_get_model (item), ==, "llama-3.3-70b");
  g_assert_cmpuint (rw_watch_item_get_context (item), ==, 32768);
  g_assert_cmpuint (rw_watch_item_get_sessions (item), ==, 4);
  g_assert_cmpfloat (rw_watch_item_get_target_hr (item), ==, 3.5);

  /* a new target replaces the entry and forgets what was notified */
  add_gpu (list, "l40s", 0.7, 5);
  item = rw_watchlist_lookup (list, "gpu:l40s");
  g_assert_cmpfloat (rw_watch_item_get_target_hr (item), ==, 0.7);
  g_assert_cmpfloat (rw_watch_item_get_notified_hr (item), <, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  {
    g_autoptr(RwJsonWriter) w = rw_json_writer_new (FALSE);
    g_autofree char *json = NULL;

    rw_watchlist_write_json (again, w);
    json = rw_json_writer_finish (g_steal_pointer (&w));
    g_assert_cmpstr (json, ==,
                     "[{\"key\":\"gpu:l40s\",\"kind\":\"gpu\",\"gpu\":\"l40s\",\"model\":null,"
                     "\"context\":null,\"sessions\":null,\"target_hr\":0.8,\"drop_percent\":null,"
                     "\"notified_hr\":0.79},"
                     "{\"key\":\"gpu:h100\",\"kind\":\"gpu\",\"gpu\":\"h100\",\"model\":null,"
                     "\"context\":null,\"sessions\":null,\"target_hr\":null,\"drop_percent\":10,"
                     "\"notified_hr\":null},"
                     "{\"key\":\"plan:llama-3.3-70b:32768:4\",\"kind\":\"plan\",\"gpu\":null,"
                     "\"model\":\"llama-3.3-70b\",\"context\":32768,\"sessions\":4,"
                     "\"target_hr\":3.5,\"drop_percent\":null,\"notified_hr\":null}]");
  }

  g_assert_true (rw_watchlist_remove (list, "gpu:h100", &error));
  g_assert_true (rw_watchlist_remove (list, "gpu:never-watched", &error));
  g_assert_no_error (error);
  g_assert_true (rw_watchlist_load (again, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_null (rw_watchlist_lookup (again, "gpu:h100"));
}

static void
test_corrupt (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  static const char garbage[] = "\x89PNG\r\n\x1a\n not a key file [[[";

  /* not a watchlist: reported, set aside, never deleted; the list is empty */
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage - 1, NULL));
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rw_watchlist_get_problem (list));
  g_test_message ("%s", rw_watchlist_get_problem (list));
  g_assert_nonnull (strstr (rw_watchlist_get_problem (list), "kept as"));
  g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* another program damages it while the list holds entries: a change keeps them all */
  add_gpu (list, "l40s", 0.8, 0);
  add_gpu (list, "a100", 1.0, 0);
  g_assert_true (g_file_set_contents (path, "[rentwise-watchlist]\nversion=7\n", -1, NULL));
  add_gpu (list, "h100", 2.0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_nonnull (rw_watchlist_lookup (list, "gpu:a100"));
  g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, 2);
  {
    g_autoptr(RwWatchlist) again = rw_watchlist_new (path);
    g_assert_true (rw_watchlist_load (again, &error));
    g_assert_null (rw_watchlist_get_problem (again));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  }

  /* bad entries: the others load and are written back, the file is kept aside with the bad
   * ones in it */
  g_assert_true (g_file_set_contents (path,
                                      "[rentwise-watchlist]\nversion=1\n"
                                      "[watch 0]\nkind=gpu\ngpu=l40s\ntarget_hr=0.8\n"
                                      "[watch 1]\nkind=gpu\ngpu=h100\ntarget_hr=cheap\n"
                                      "[watch 2]\nkind=plan\nmodel=m\ncontext=0\nsessions=1\n"
                                      "[watch 3]\nkind=gpu\ngpu=a100\ndrop_percent=10\n"
                                      "[watch 4]\nkind=gpu\ngpu=t4\ntarget_hr=-3\n"
                                      "[some later group]\nx=1\n", -1, NULL));
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rw_watchlist_get_problem (list));
  g_test_message ("%s", rw_watchlist_get_problem (list));
  g_assert_nonnull (strstr (rw_watchlist_get_problem (list),
                            "3 of 5 watchlist entries could not be read. The other 2 are kept. "
                            "The file was kept as "));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_nonnull (rw_watchlist_lookup (list, "gpu:l40s"));
  g_assert_nonnull (rw_watchlist_lookup (list, "gpu:a100"));
  g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, 3);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* a folder where the file should be */
  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_mkdir (path, 0700));
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_nonnull (rw_watchlist_get_problem (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, 4);
}

/* The newcomer's file (newcomer report 5, defect 1): 7 entries, 3 good (a GPU, a GPU the
 * catalog may not have, a plan), 4 bad. The good ones are written back at once: a second
 * start, with no change in between, still has them and no problem; the file set aside has
 * all 7, as they were. */
static const char partly_readable[] =
  "[rentwise-watchlist]\nversion=1\n"
  "[watch 0]\nkind=gpu\ngpu=l40s\ntarget_hr=0.8\n"
  "[watch 1]\nkind=gpu\ngpu=h100-sxm\ntarget_hr=abc\n"
  "[watch 2]\nkind=gpu\ngpu=no-such-gpu\ndrop_percent=10\n"
  "[watch 3]\nkind=gpu\ngpu=rtx-4090\ntarget_hr=-3\n"
  "[watch 4]\nkind=banana\ngpu=a100\n"
  "[watch 5]\nkind=plan\nmodel=llama-3-3-70b\ncontext=8192\nsessions=1\n"
  "[watch 6]\nkind=plan\nmodel=flux-1-dev\ncontext=-4\nsessions=1\n";

static char *
only_aside (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "watchlist.ini.unreadable-"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  g_assert_nonnull (found);
  return found;
}

static void
test_partly_readable (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwWatchlist) again = rw_watchlist_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  const char *problem;
  static const char * const good[] = { "gpu:l40s", "gpu:no-such-gpu",
                                       "plan:llama-3-3-70b:8192:1" };

  g_assert_true (g_file_set_contents (path, partly_readable, -1, NULL));
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  problem = rw_watchlist_get_problem (list);
  g_assert_nonnull (problem);
  g_test_message ("%s", problem);
  aside = only_aside (dir);
  kept = g_strconcat ("4 of 7 watchlist entries could not be read. The other 3 are kept. "
                      "The file was kept as ", aside, NULL);
  g_assert_cmpstr (problem, ==, kept);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* on disk, now: the good ones */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (rw_watchlist_load (again, &error));
  g_assert_no_error (error);
  g_assert_null (rw_watchlist_get_problem (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(RwWatchItem) item = g_list_model_get_item (G_LIST_MODEL (again), i);
      g_assert_cmpstr (rw_watch_item_get_key (item), ==, good[i]);
    }
  g_assert_cmpfloat (rw_watch_item_get_target_hr (rw_watchlist_lookup (again, "gpu:l40s")), ==,
                     0.8);
  g_assert_cmpfloat (rw_watch_item_get_drop_percent (rw_watchlist_lookup (again,
                                                                          "gpu:no-such-gpu")),
                     ==, 10);

  /* the file set aside is the file as it was, bad entries and all */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, partly_readable);
  }
  g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, 1);
}

/* The good entries cannot be written back (the lock cannot be made: a folder in its place):
 * the problem says so, the list shows them, and the file set aside has every entry */
static void
test_partly_readable_unwritable (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "watchlist.ini", NULL);
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  const char *problem;

  g_assert_no_errno (g_mkdir (lock_path, 0700));
  g_assert_true (g_file_set_contents (path, partly_readable, -1, NULL));
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  problem = rw_watchlist_get_problem (list);
  g_test_message ("%s", problem);
  g_assert_true (g_str_has_prefix (problem, "4 of 7 watchlist entries could not be read. "
                                            "The other 3 are shown but could not be saved ("));
  aside = only_aside (dir);
  g_assert_true (g_str_has_suffix (problem, aside));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, partly_readable);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Not a regular file (newcomer report 5, defect 2: a link to /dev/zero ate gigabytes, a FIFO
 * blocked start-up for ever), or over 1 MiB: never read, set aside, said; a change then
 * writes a new file */
static void
test_not_regular (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "watchlist.ini", NULL);
  static const char * const whys[N_SPECIAL + 1] = { "(not a regular file)",
                                                    "(not a regular file)",
                                                    "(it is a folder)", "(larger than 1 MiB)" };

  special_watchdog (TRUE);
  for (guint kind = 0; kind <= N_SPECIAL; kind++)
    {
      g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
      g_autoptr(GError) error = NULL;

      special_watchdog (TRUE);
      if (kind < N_SPECIAL)
        make_special (path, kind);
      else
        make_oversize (path, RW_WATCHLIST_MAX_SIZE + 1);
      g_assert_true (rw_watchlist_load (list, &error));
      g_assert_no_error (error);
      g_assert_nonnull (rw_watchlist_get_problem (list));
      g_test_message ("%s: %s", kind < N_SPECIAL ? special_names[kind] : "over 1 MiB",
                      rw_watchlist_get_problem (list));
      g_assert_nonnull (strstr (rw_watchlist_get_problem (list), whys[kind]));
      g_assert_nonnull (strstr (rw_watchlist_get_problem (list), "it was kept as"));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (dir, "watchlist.ini.unreadable-"), ==, kind + 1);

      add_gpu (list, "l40s", 0.8, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_no_errno (g_unlink (path));
    }
  special_watchdog (FALSE);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "rentwise", NULL);
  g_autofree char *path = g_build_filename (blocker, "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwWatchlist) good = rw_watchlist_new ("/proc/self/watchlist.ini");
  g_autoptr(RwWatchItem) item = rw_watch_item_new_gpu ("l40s", 0.8, 0);
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  /* its folder cannot be made (a file is in the way; this holds as root too): reported,
   * and the list is unchanged */
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (rw_watchlist_add (list, item, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes, ==, 0);
  g_clear_error (&error);

  /* a folder where nothing can be created, even by root (procfs) */
  g_assert_true (rw_watchlist_load (good, &error));
  g_assert_no_error (error);
  g_assert_false (rw_watchlist_add (good, item, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (good)), ==, 0);
}

#define N_PER_WRITER 25

/* Two processes each add their own GPUs, one change at a time, at the same moment */
static void
test_two_writers (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "rentwise", "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = NULL;
  g_autoptr(GError) error = NULL;
  int go[2];
  pid_t pids[2];

  g_assert_no_errno (pipe (go));
  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        {
          RwWatchlist *mine = rw_watchlist_new (path);
          char c;
          int failed = 0;

          close (go[1]);
          if (read (go[0], &c, 1) < 0)
            _exit (3);  /* start together */
          for (guint i = 0; i < N_PER_WRITER; i++)
            {
              g_autofree char *gpu = g_strdup_printf ("writer%u-gpu%u", w, i);
              RwWatchItem *item = rw_watch_item_new_gpu (gpu, 0.5 + i, 0);
              GError *child_error = NULL;

              if (!rw_watchlist_add (mine, item, &child_error))
                {
                  g_printerr ("writer %u: %s\n", w, child_error->message);
                  g_error_free (child_error);
                  failed = 1;
                }
              g_object_unref (item);
            }
          g_object_unref (mine);
          _exit (failed);
        }
    }
  close (go[0]);
  close (go[1]);  /* both start */
  for (guint w = 0; w < 2; w++)
    {
      int status;

      g_assert_cmpint (waitpid (pids[w], &status, 0), ==, pids[w]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  /* nothing lost */
  list = rw_watchlist_new (path);
  g_assert_true (rw_watchlist_load (list, &error));
  g_assert_no_error (error);
  g_assert_null (rw_watchlist_get_problem (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * N_PER_WRITER);
  for (guint w = 0; w < 2; w++)
    for (guint i = 0; i < N_PER_WRITER; i++)
      {
        g_autofree char *key = g_strdup_printf ("gpu:writer%u-gpu%u", w, i);
        RwWatchItem *item = rw_watchlist_lookup (list, key);

        g_assert_nonnull (item);
        g_assert_cmpfloat (rw_watch_item_get_target_hr (item), ==, 0.5 + i);
      }
}

/* Another process holds the lock and never lets go: the change fails, and says why */
static void
test_lock_busy (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "watchlist.ini", NULL);
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwWatchItem) item = rw_watch_item_new_gpu ("l40s", 0.8, 0);
  g_autoptr(GError) error = NULL;
  int fd = g_open (lock_path, O_RDWR | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX));
  g_assert_false (rw_watchlist_add (list, item, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  close (fd);
}

static void
test_bad_arguments (void)
{
  if (g_test_subprocess ())
    {
      RwWatchItem *item = rw_watch_item_new_gpu ("bad\nid", RW_UNKNOWN, 0);
      g_assert_null (item);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*valid_id*");
}

/* Undo after "Stop watching": the entry comes back where it was, with its target,
 * threshold and last notified price, in the file too (newcomer report 3, defect 11) */
static void
test_restore (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "rentwise", "watchlist.ini", NULL);
  g_autoptr(RwWatchlist) list = rw_watchlist_new (path);
  g_autoptr(RwWatchlist) again = rw_watchlist_new (path);
  g_autoptr(RwWatchItem) kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "gpu:l4" };
  const double prices[] = { 0.5 };
  RwWatchItem *item;

  add_gpu (list, "a100-80gb", 1.2, 0);
  add_gpu (list, "l4", 0.6, 15);
  add_gpu (list, "h100-sxm", RW_UNKNOWN, 10);
  g_assert_true (rw_watchlist_set_notified (list, keys, prices, 1, &error));
  g_assert_no_error (error);
  kept = g_object_ref (rw_watchlist_lookup (list, "gpu:l4"));
  g_assert_true (rw_watchlist_remove (list, "gpu:l4", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_assert_true (rw_watchlist_restore (list, kept, 1, &error));
  g_assert_no_error (error);
  g_assert_true (rw_watchlist_load (again, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      RwWatchlist *each = i == 0 ? list : again;

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (each)), ==, 3);
      item = g_list_model_get_item (G_LIST_MODEL (each), 1);
      g_assert_cmpstr (rw_watch_item_get_key (item), ==, "gpu:l4");
      g_assert_cmpfloat (rw_watch_item_get_target_hr (item), ==, 0.6);
      g_assert_cmpfloat (rw_watch_item_get_drop_percent (item), ==, 15);
      g_assert_cmpfloat (rw_watch_item_get_notified_hr (item), ==, 0.5);
      g_object_unref (item);
      item = g_list_model_get_item (G_LIST_MODEL (each), 2);
      g_assert_cmpstr (rw_watch_item_get_key (item), ==, "gpu:h100-sxm");
      g_object_unref (item);
    }
  /* past the end: last */
  g_assert_true (rw_watchlist_remove (list, "gpu:a100-80gb", &error));
  item = rw_watch_item_new_gpu ("a100-80gb", 1.2, 0);
  g_assert_true (rw_watchlist_restore (list, item, 99, &error));
  g_object_unref (item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (rw_watch_item_get_key (item), ==, "gpu:a100-80gb");
  g_object_unref (item);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/watchlist/round-trip", test_round_trip);
  g_test_add_func ("/watchlist/corrupt", test_corrupt);
  g_test_add_func ("/watchlist/partly-readable", test_partly_readable);
  g_test_add_func ("/watchlist/partly-readable-unwritable", test_partly_readable_unwritable);
  g_test_add_func ("/watchlist/not-regular", test_not_regular);
  g_test_add_func ("/watchlist/unwritable", test_unwritable);
  g_test_add_func ("/watchlist/two-writers", test_two_writers);
  g_test_add_func ("/watchlist/lock-busy", test_lock_busy);
  g_test_add_func ("/watchlist/bad-arguments", test_bad_arguments);
  g_test_add_func ("/watchlist/restore", test_restore);
  return g_test_run ();
}
