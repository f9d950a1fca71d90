/* rw-about.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-session.h"

G_BEGIN_DECLS

void rw_about_present (GtkWindow *parent,
                       RwSession *session);

G_END_DECLS
