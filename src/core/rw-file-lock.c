/* rw-file-lock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * flock(2) on PATH.lock, a file of its own next to PATH: PATH itself is replaced by a rename
 * at every write, so a lock on it would be a lock on a file that is gone. flock locks belong
 * to an open file description, so two lockers in one process exclude each other too, and the
 * kernel lets go when a process dies.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rw-file-lock.h"

/**
 * rw_file_lock:
 * @path: the file to protect; the lock is PATH.lock (created, mode 0600, and left in place)
 * @timeout_ms: how long to wait for another holder, in milliseconds
 *
 * Takes an exclusive lock, waiting at most @timeout_ms (polling every 5 ms).
 *
 * Returns: a descriptor to give to rw_file_unlock (), or -1 with @error: the lock file
 *   cannot be opened (G_IO_ERROR from errno), or another holder kept it (G_IO_ERROR_BUSY)
 */
int
rw_file_lock (const char  *path,
              guint        timeout_ms,
              GError     **error)
{
  g_autofree char *lock_path = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  lock_path = g_strconcat (path, ".lock", NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot lock %s: %s",
                   lock_path, g_strerror (saved));
      return -1;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (saved != EWOULDBLOCK && saved != EINTR)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot lock %s: %s",
                       lock_path, g_strerror (saved));
          close (fd);
          return -1;
        }
      if (g_get_monotonic_time () > deadline)
        {
          /* TRANSLATORS: %s is a file name */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("Another program is changing this file and holds %s"), lock_path);
          close (fd);
          return -1;
        }
      g_usleep (5000);
    }
  return fd;
}

/* Lets go of a lock from rw_file_lock (); -1 is fine */
void
rw_file_unlock (int fd)
{
  if (fd >= 0)
    close (fd);
}
