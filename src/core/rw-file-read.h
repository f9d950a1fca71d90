/* rw-file-read.h: reading a small data file whole, never blocking and never without bound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean rw_file_read_capped (const char  *path,
                              gsize        max_bytes,
                              char       **contents,
                              gsize       *length,
                              GError     **error);
char    *rw_file_set_aside   (const char  *path);

G_END_DECLS
