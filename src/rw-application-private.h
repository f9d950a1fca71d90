/* rw-application-private.h: what the application's own files share
 * (rw-application.c, rw-application-actions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-application.h"
#include "rw-background-check.h"
#include "rw-search-provider.h"
#include "rw-session.h"
#include "rw-watcher.h"

G_BEGIN_DECLS

struct _RwApplication
{
  AdwApplication parent_instance;

  /* Owned */
  RwSession         *session;
  RwWatcher         *watcher;       /* issue 19: changes and notifications */
  RwBackgroundCheck *background;    /* issue 19: checks without a window */
  GSettings         *settings;
  char              *catalog_path;  /* --catalog */
  char             **feeds;         /* --feed, else NULL for the configured ones */
  gboolean           offline;
  GCancellable      *cancellable;
  RwSearchProvider  *search_provider;
};

void       _rw_application_actions_init   (RwApplication *self);
GtkWindow *_rw_application_present_window (RwApplication *self);
GtkWindow *_rw_application_find_window    (RwApplication *self,
                                           GType          type);

G_END_DECLS
