/* rw-file-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Rentwise reads from $XDG_DATA_HOME/rentwise and $XDG_CACHE_HOME/rentwise (the
 * watchlist, the price history, the change ring, the feed cache and the catalog image) is
 * read with rw_file_read_capped (). g_file_get_contents () trusts the size stat () reports,
 * which is 0 for /dev/zero, a FIFO or a pipe: it then reads until the end of the data, which
 * never comes (newcomer report 5, defect 2: a watchlist.ini linked to /dev/zero grew to 4 GB
 * in 7 s; one that was a FIFO blocked start-up for ever in open ()).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rw-file-read.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot read %s: %s", path,
               g_strerror (saved));
  return FALSE;
}

/* Whether @st is a file this reader takes; else @error says why */
static gboolean
check_kind (const struct stat  *st,
            const char         *path,
            gsize               max_bytes,
            GError            **error)
{
  if (S_ISDIR (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "Cannot read %s: it is a folder",
                   path);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "Cannot read %s: not a regular file", path);
      return FALSE;
    }
  if (st->st_size < 0 || (guint64) st->st_size > max_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "Cannot read %s: larger than %" G_GSIZE_FORMAT " bytes", path, max_bytes);
      return FALSE;
    }
  return TRUE;
}

/**
 * rw_file_read_capped:
 * @path: a file name (a symbolic link is followed)
 * @max_bytes: the largest size accepted, in bytes (MiB = 1024 × 1024 bytes), below G_MAXSIZE
 * @contents: (out): the whole file, with a NUL byte after its @length bytes (free with
 *   g_free ())
 * @length: (out): its size in bytes
 *
 * Reads a whole file that is known to be small, as g_file_get_contents () does, but never
 * blocks and never reads more than @max_bytes + 1 bytes: a directory, a FIFO, a socket or a
 * device (a symbolic link to /dev/zero, say) is refused after stat () and before open (),
 * and again after open () (O_NONBLOCK, so that a FIFO put in its place in between does not
 * block) by fstat (); a file over @max_bytes is refused before reading, and one that grows
 * past it while being read is refused too.
 *
 * Returns: TRUE with @contents and @length set; FALSE with @error in G_IO_ERROR:
 *   %G_IO_ERROR_NOT_FOUND (no such file), %G_IO_ERROR_IS_DIRECTORY (a folder),
 *   %G_IO_ERROR_NOT_REGULAR_FILE (anything else that is not a regular file),
 *   %G_IO_ERROR_MESSAGE_TOO_LARGE (over @max_bytes), or the code of another errno
 *   (g_io_error_from_errno ())
 */
gboolean
rw_file_read_capped (const char  *path,
                     gsize        max_bytes,
                     char       **contents,
                     gsize       *length,
                     GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize size, len = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (max_bytes < G_MAXSIZE, FALSE);
  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stat (path, &st) != 0)
    return set_errno_error (error, errno, path);
  if (!check_kind (&st, path, max_bytes, error))
    return FALSE;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return set_errno_error (error, saved, path);
    }
  if (!check_kind (&st, path, max_bytes, error))
    {
      close (fd);
      return FALSE;
    }

  /* the size stat () gave, and more only as the file grows, up to @max_bytes + 1 */
  size = (gsize) st.st_size + 1;
  data = g_malloc (size + 1);
  for (;;)
    {
      gssize n;

      if (len == size)
        {
          if (size > max_bytes)
            break;
          size = MIN (MAX (size * 2, 4096), max_bytes + 1);
          data = g_realloc (data, size + 1);
        }
      n = read (fd, data + len, size - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return set_errno_error (error, saved, path);
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  if (len > max_bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "Cannot read %s: larger than %" G_GSIZE_FORMAT " bytes", path, max_bytes);
      return FALSE;
    }
  data[len] = '\0';
  *contents = g_steal_pointer (&data);
  *length = len;
  return TRUE;
}

/**
 * rw_file_set_aside:
 * @path: a file that cannot be read (whatever it is: a folder, a FIFO, a link)
 *
 * Renames @path to PATH.unreadable-TIME (TIME in Unix seconds), or PATH.unreadable-TIME-N
 * when that name is taken, so that the user keeps it: never over another file, so two
 * files set aside in the same second are both kept.
 *
 * Returns: (transfer full) (nullable): the new name, or NULL when @path could not be renamed
 *   (it is then as it was)
 */
char *
rw_file_set_aside (const char *path)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *aside = NULL;
      GStatBuf st;

      if (i == 0)
        aside = g_strdup_printf ("%s.unreadable-%" G_GINT64_FORMAT, path, now);
      else
        aside = g_strdup_printf ("%s.unreadable-%" G_GINT64_FORMAT "-%u", path, now, i);
      if (g_lstat (aside, &st) == 0 || errno != ENOENT)
        continue;
      if (g_rename (path, aside) == 0)
        return g_steal_pointer (&aside);
      return NULL;
    }
  return NULL;
}
