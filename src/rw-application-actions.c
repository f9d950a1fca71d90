/* rw-application-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's actions other than app.refresh (rw-application.c): the windows it
 * presents (the main window through _rw_application_present_window (), the planner,
 * Preferences, About), the help, and app.unwatch for a notification's button. Each window is
 * given the application's session.
 */
#include "config.h"

#include "rw-about.h"
#include "rw-application-private.h"
#include "rw-help.h"
#include "rw-plan-window.h"
#include "rw-preferences-window.h"
#include "rw-window.h"

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rw_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)), NULL);
}

/* app.help-page('models'): a page id of help/C/ */
static void
help_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  rw_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)),
                g_variant_get_string (parameter, NULL));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RwApplication *self = user_data;

  rw_about_present (gtk_application_get_active_window (GTK_APPLICATION (self)), self->session);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window = GTK_WINDOW (rw_preferences_window_new (self->session));

  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_present (window);
}

/* app.unwatch("gpu:l40s"): stop watching that entry (a notification's button) */
static void
unwatch_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RwApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->watcher == NULL)
    return;
  if (!rw_watchlist_remove (rw_watcher_get_watchlist (self->watcher),
                            g_variant_get_string (parameter, NULL), &error))
    g_printerr ("rentwise: %s\n", error->message);
}

/* app.show-gpu("l40s"): the window, with that GPU selected */
static void
show_gpu_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = _rw_application_present_window (RW_APPLICATION (user_data));

  if (RW_IS_WINDOW (window))
    rw_window_select_gpu (RW_WINDOW (window), g_variant_get_string (parameter, NULL));
}

/* app.search("4090"): the window, its GPU list filtered by that text */
static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = _rw_application_present_window (RW_APPLICATION (user_data));

  if (RW_IS_WINDOW (window))
    rw_window_set_search_text (RW_WINDOW (window), g_variant_get_string (parameter, NULL));
}

/* app.show-plan("llama-3.3-70b"): the planner, on that model ("": the one it shows) */
static void
show_plan_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RwApplication *self = RW_APPLICATION (user_data);
  GtkWindow *window = _rw_application_find_window (self, RW_TYPE_PLAN_WINDOW);
  const char *model_id = g_variant_get_string (parameter, NULL);

  if (window == NULL)
    {
      window = GTK_WINDOW (rw_plan_window_new (self->session));
      gtk_window_set_application (window, GTK_APPLICATION (self));
      gtk_window_set_transient_for (window, _rw_application_find_window (self, RW_TYPE_WINDOW));
      if (self->watcher != NULL)
        rw_plan_window_set_watchlist (RW_PLAN_WINDOW (window),
                                      rw_watcher_get_watchlist (self->watcher));
    }
  if (*model_id != '\0')
    rw_plan_window_set_model (RW_PLAN_WINDOW (window), model_id);
  gtk_window_present (window);
}

/* app.show-watched-plan(("llama-3-3-70b", 32768, 8)): the planner on a watched plan — model,
 * context and sessions (the Watched section, a plan's notification) */
static void
show_watched_plan_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  RwApplication *self = RW_APPLICATION (user_data);
  const char *model_id = NULL;
  guint64 context = 0;
  guint sessions = 1;
  RwPlanWindow *window;

  g_variant_get (parameter, "(&stu)", &model_id, &context, &sessions);
  g_action_group_activate_action (G_ACTION_GROUP (self), "show-plan",
                                  g_variant_new_string (model_id));
  window = RW_PLAN_WINDOW (_rw_application_find_window (self, RW_TYPE_PLAN_WINDOW));
  rw_plan_window_set_workload (window, RW_WORKLOAD_INFERENCE);
  rw_plan_window_set_context (window, context);
  rw_plan_window_set_sessions (window, sessions);
}

void
_rw_application_actions_init (RwApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "about", about_activated },
    { "help", help_activated },
    { "help-page", help_page_activated, "s" },
    { "preferences", preferences_activated },
    { "show-gpu", show_gpu_activated, "s" },
    { "show-watched-plan", show_watched_plan_activated, "(stu)" },
    { "search", search_activated, "s" },
    { "unwatch", unwatch_activated, "s" },
    { "show-plan", show_plan_activated, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}
