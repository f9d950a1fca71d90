/* test-cli.c: the headless command line, run as a user would run it (no display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_rentwise (Run *run,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("RENTWISE_BIN"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* headless means headless: no display at all */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  return g_strdup_printf ("--catalog=%s", path);
}

static void
assert_error (Run        *run,
              const char *part)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "rentwise: "));
  /* one line */
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  if (strstr (run->err, part) == NULL)
    g_error ("stderr “%s” lacks “%s”", run->err, part);
}

static void
test_list_builtin (void)
{
  g_auto(Run) run = { 0 };

  run_rentwise (&run, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "l40s "));
  g_assert_nonnull (strstr (run.out, "NVIDIA H100 SXM"));
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), >=, 31);
  }
}

static void
test_report_json (void)
{
  g_autofree char *catalog = fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root, *rvo;

  run_rentwise (&run, "--report=l40s", "--json", catalog, "--offline", "--hours=24",
                "--kwh-price=0.2", "--pue=1.2", "--purchase-price=8000", "--context=2048", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "catalog"),
                                                  "source"), ==, "file");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (root, "prices"),
                                                                 "median_hr"), 0.92, 1e-9);
  rvo = json_object_get_object_member (root, "rent_vs_own");
  g_assert_cmpfloat (json_object_get_double_member (rvo, "hours_per_day"), ==, 24);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "kwh_price"), ==, 0.2);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "pue"), ==, 1.2);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "purchase_price"), ==, 8000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "options"),
                                               "context"), ==, 2048);
}

static void
test_on_demand_only (void)
{
  g_autofree char *catalog = fixture ("l40s-reference.json");
  g_auto(Run) run = { 0 };

  run_rentwise (&run, "--report=l40s", catalog, "--on-demand-only", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "on-demand only"));
  g_assert_nonnull (strstr (run.out, "From $0.38/hr"));
}

static void
test_errors (void)
{
  g_autofree char *catalog = fixture ("l40s-reference.json");
  g_autofree char *broken = NULL;
  g_autofree char *broken_arg = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=h100", catalog, NULL);
    assert_error (&run, "Unknown GPU id “h100”");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--list", "--catalog=/nonexistent.json", NULL);
    assert_error (&run, "/nonexistent.json");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--hours=lots", NULL);
    assert_error (&run, "--hours: “lots” is not a number");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--hours=25", NULL);
    assert_error (&run, "--hours: 25 is out of range");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--context=1.5", NULL);
    assert_error (&run, "not a whole number");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--kwh-price=-1", NULL);
    assert_error (&run, "--kwh-price");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--pue=nan", NULL);
    assert_error (&run, "--pue");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=l40s", catalog, "--purchase-price=", NULL);
    assert_error (&run, "--purchase-price");
  }
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--json", NULL);
    assert_error (&run, "--json goes with --list or --report");
  }

  /* an invalid catalog */
  g_file_open_tmp ("rentwise-broken-XXXXXX.json", &broken, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken, "{\"schema\": \"something-else/3\", \"gpus\": []}", -1, &error);
  g_assert_no_error (error);
  broken_arg = g_strdup_printf ("--catalog=%s", broken);
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--list", broken_arg, NULL);
    assert_error (&run, "Unsupported catalog schema “something-else/3”");
  }
  g_file_set_contents (broken, "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [1, 2", -1, &error);
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--report=x", broken_arg, NULL);
    assert_error (&run, "not valid JSON");
  }
  g_unlink (broken);
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_rentwise (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char * const *opt = (const char * const[]) { "--list", "--report=GPU_ID", "--json",
                                                          "--catalog=FILE", "--offline",
                                                          "--on-demand-only", "--context=N",
                                                          "--hours=H", "--kwh-price=P", "--pue=U",
                                                          "--purchase-price=USD", NULL };
       *opt; opt++)
    if (strstr (run.out, *opt) == NULL)
      g_error ("--help lacks %s", *opt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("RENTWISE_BIN"));
  g_test_add_func ("/cli/list-builtin", test_list_builtin);
  g_test_add_func ("/cli/report-json", test_report_json);
  g_test_add_func ("/cli/on-demand-only", test_on_demand_only);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/help", test_help);

  return g_test_run ();
}
