/* test-special-files.h: what a data file can be instead of a regular file (newcomer report 5,
 * defect 2): a FIFO, a link to /dev/zero, a folder; and a regular file over a cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

typedef enum {
  SPECIAL_FIFO,      /* open () for reading blocks until a writer comes */
  SPECIAL_DEV_ZERO,  /* stat () says 0 bytes, and reading never ends */
  SPECIAL_FOLDER,
  N_SPECIAL
} SpecialKind;

static const char * const special_names[N_SPECIAL] = { "a FIFO", "a link to /dev/zero",
                                                       "a folder" };

/* A reader that blocks or reads without end fails the test (SIGALRM) instead of hanging it.
 * Armed again for each file: each reader answers in milliseconds, but a load of the cache
 * takes seconds under valgrind (build-aux/test --valgrind); a hang still fails well before
 * meson's 120 s */
#define SPECIAL_TIMEOUT_S 60

static inline void
special_watchdog (gboolean on)
{
  alarm (on ? SPECIAL_TIMEOUT_S : 0);
}

/* Makes @path (which must not exist) @kind */
static inline void
make_special (const char  *path,
              SpecialKind  kind)
{
  switch (kind)
    {
    case SPECIAL_FIFO:
      g_assert_no_errno (mkfifo (path, 0600));
      break;
    case SPECIAL_DEV_ZERO:
      g_assert_no_errno (symlink ("/dev/zero", path));
      break;
    case SPECIAL_FOLDER:
      g_assert_no_errno (g_mkdir (path, 0700));
      break;
    case N_SPECIAL:
    default:
      g_assert_not_reached ();
    }
}

/* A regular file of @size bytes, sparse: no disk space, nothing to read before the cap */
static inline void
make_oversize (const char *path,
               goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, size));
  g_assert_no_errno (close (fd));
}

/* Removes @path whatever it is (a folder: empty) */
static inline void
remove_special (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    g_assert_no_errno (g_rmdir (path));
  else
    g_assert_no_errno (g_unlink (path));
}
