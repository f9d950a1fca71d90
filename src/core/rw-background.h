/* rw-background.h: asking the desktop to let Rentwise run in the background (the
 * org.freedesktop.portal.Background portal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The command line the desktop starts at login when autostart is granted: the application as
 * a D-Bus service, without a window (GApplication's own option) */
#define RW_BACKGROUND_COMMANDLINE { "rentwise", "--gapplication-service", NULL }

void     rw_background_request_async  (GDBusConnection     *connection,
                                        const char          *reason,
                                        gboolean             autostart,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean rw_background_request_finish (GAsyncResult        *result,
                                       gboolean            *autostart_out,
                                       GError             **error);

G_END_DECLS
