/* test-search-provider.c: org.gnome.Shell.SearchProvider2 against a running instance on the
 * private session bus of build-aux/test (dbus-run-session) and its X display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#define BUS_NAME "io.github.rentwise.Rentwise"
#define PATH     "/io/github/rentwise/Rentwise/SearchProvider"
#define IFACE    "org.gnome.Shell.SearchProvider2"

static GDBusConnection *bus;

static GVariant *
call (const char *method,
      GVariant   *args,
      const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (bus, BUS_NAME, PATH, IFACE, method, args,
                                                 reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

static gboolean
strv_contains (GVariant   *reply,
               const char *id)
{
  g_autofree const char **ids = NULL;

  g_variant_get (reply, "(^a&s)", &ids);
  return g_strv_contains (ids, id);
}

static void
test_search (void)
{
  g_autoptr(GVariant) hits = call ("GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "4090", NULL }), "(as)");
  g_autoptr(GVariant) none = call ("GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "tpu", "v5", NULL }), "(as)");
  g_autoptr(GVariant) two = call ("GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "nvidia", "l40", NULL }), "(as)");
  g_autoptr(GVariant) sub = call ("GetSubsearchResultSet",
                                  g_variant_new ("(^as^as)", (const char *[]) { "l40s", "l40", NULL },
                                                 (const char *[]) { "l40s", NULL }), "(as)");
  g_autofree const char **ids = NULL;

  /* an alias finds it */
  g_assert_true (strv_contains (hits, "rtx-4090"));
  g_variant_get (none, "(^a&s)", &ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 0);
  g_assert_true (strv_contains (two, "l40s"));
  g_assert_true (strv_contains (two, "l40"));
  g_assert_true (strv_contains (sub, "l40s"));
  g_assert_false (strv_contains (sub, "l40"));
}

static void
test_metas (void)
{
  g_autoptr(GVariant) reply = call ("GetResultMetas", g_variant_new ("(^as)", (const char *[]) { "l40s", "nonexistent", NULL }),
                                    "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) meta = NULL;
  const char *name = NULL, *description = NULL, *id = NULL;

  g_assert_cmpuint (g_variant_n_children (metas), ==, 1);
  meta = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
  g_assert_cmpstr (id, ==, "l40s");
  g_assert_cmpstr (name, ==, "NVIDIA L40S");
  /* the built-in snapshot: "from $0.26/hr · 16 providers" */
  g_assert_true (g_str_has_prefix (description, "from $"));
  g_assert_nonnull (strstr (description, "/hr · "));
  g_assert_nonnull (strstr (description, " providers"));
  g_assert_true (g_variant_lookup_value (meta, "icon", NULL) != NULL);
}

/* a model's name offers its plan: "Run Llama 3.3 70B from $X/hr on N× <GPU>" */
static void
test_model_result (void)
{
  g_autoptr(GVariant) hits = call ("GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "llama", "3.3", "70b", NULL }), "(as)");
  g_autoptr(GVariant) reply = call ("GetResultMetas", g_variant_new ("(^as)", (const char *[]) { "plan:llama-3-3-70b", "plan:nonexistent", NULL }),
                                    "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) meta = NULL;
  const char *name = NULL, *id = NULL;

  g_assert_true (strv_contains (hits, "plan:llama-3-3-70b"));
  g_assert_false (strv_contains (hits, "plan:llama-3-1-70b"));
  g_assert_cmpuint (g_variant_n_children (metas), ==, 1);
  meta = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_cmpstr (id, ==, "plan:llama-3-3-70b");
  g_assert_true (g_str_has_prefix (name, "Run Llama 3.3 70B from $"));
  g_assert_nonnull (strstr (name, "/hr on "));
  g_assert_nonnull (strstr (name, "× "));
}

static void
test_activate (gconstpointer data)
{
  const char *config = data;
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GVariant) reply = call ("ActivateResult",
                                    g_variant_new ("(s^asu)", "h100-sxm", (const char *[]) { "h100", NULL }, 0),
                                    NULL);
  gboolean selected = FALSE;

  /* the window opens on that GPU, which the app remembers as the last one */
  for (guint i = 0; i < 100 && !selected; i++)
    {
      g_autofree char *contents = NULL;

      g_usleep (50000);
      while (g_main_context_iteration (NULL, FALSE));
      if (g_file_get_contents (keyfile, &contents, NULL, NULL))
        selected = strstr (contents, "last-gpu='h100-sxm'") != NULL;
    }
  g_assert_true (selected);
}

/* app.show-gpu("l40s"), as the search provider and notifications will use it: the window
 * shows that GPU, which the app remembers as the last one */
static void
test_show_gpu_action (gconstpointer data)
{
  const char *config = data;
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean selected = FALSE;

  reply = g_dbus_connection_call_sync (bus, BUS_NAME, "/io/github/rentwise/Rentwise",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('show-gpu', [<'l40s'>], "
                                                             "@a{sv} {})"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && !selected; i++)
    {
      g_autofree char *contents = NULL;

      g_usleep (50000);
      while (g_main_context_iteration (NULL, FALSE));
      if (g_file_get_contents (keyfile, &contents, NULL, NULL))
        selected = strstr (contents, "last-gpu='l40s'") != NULL;
    }
  g_assert_true (selected);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *owner = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_print ("1..0 # SKIP needs a display and a session bus\n");
      return 0;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  /* a private instance: its own settings, cache and history, no network */
  config = g_dir_make_tmp ("rentwise-search-XXXXXX", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", config, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RENTWISE_BIN"), "--gapplication-service",
                                     "--offline", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 200 && owner == NULL; i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "GetNameOwner",
                                                               g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(s)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply)
        g_variant_get (reply, "(s)", &owner);
      else
        g_usleep (50000);
    }
  g_assert_nonnull (owner);

  g_test_add_func ("/search-provider/search", test_search);
  g_test_add_func ("/search-provider/metas", test_metas);
  g_test_add_func ("/search-provider/model-result", test_model_result);
  g_test_add_data_func ("/search-provider/activate", config, test_activate);
  g_test_add_data_func ("/search-provider/show-gpu-action", config, test_show_gpu_action);
  ret = g_test_run ();

  /* quit the instance through its own action */
  g_dbus_connection_call_sync (bus, BUS_NAME, "/io/github/rentwise/Rentwise", "org.gtk.Actions", "Activate",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  g_subprocess_wait (app, NULL, NULL);
  return ret;
}
