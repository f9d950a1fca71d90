/* rw-file-lock.h: an exclusive lock between processes that change the same small file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int  rw_file_lock   (const char  *path,
                     guint        timeout_ms,
                     GError     **error);
void rw_file_unlock (int          fd);

G_END_DECLS
