/* rw-session-private.h: for the session's own tests and the widget tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-session.h"

G_BEGIN_DECLS

/* Publishes @catalog and @statuses (nullable) as a finished refresh would: the same rules (the
 * same data changes only `data-time`, `data-source` and `statuses`; the built-in snapshot never
 * replaces a catalog); for tests that drive a widget bound to a session without a network. */
void _rw_session_take_refresh (RwSession *self,
                               RwCatalog *catalog,
                               GPtrArray *statuses);

G_END_DECLS
