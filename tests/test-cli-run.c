/* test-cli-run.c: the headless command line in-process (rw_cli_run), no display, no child
 * process: the options as GApplication parses them, the output and the status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rw-cli.h"

typedef struct {
  int      status;
  GString *out;
  GString *err;
} Run;

static void
run_clear (Run *run)
{
  if (run->out != NULL)
    g_string_free (run->out, TRUE);
  if (run->err != NULL)
    g_string_free (run->err, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const GOptionEntry *
find_entry (const char *name)
{
  for (const GOptionEntry *e = rw_cli_get_option_entries (); e->long_name != NULL; e++)
    if (g_str_equal (e->long_name, name))
      return e;
  return NULL;
}

/* "--name[=value]" arguments into the dictionary GApplication hands to handle-local-options,
 * with each option's declared type (so an option missing from the table fails the test) */
static GVariantDict *
parse_args (const char * const *args)
{
  GVariantDict *dict = g_variant_dict_new (NULL);
  g_autoptr(GHashTable) arrays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; args[i] != NULL; i++)
    {
      const char *eq = strchr (args[i], '=');
      g_autofree char *name = NULL;
      const GOptionEntry *entry;

      g_assert_true (g_str_has_prefix (args[i], "--"));
      name = eq ? g_strndup (args[i] + 2, eq - args[i] - 2) : g_strdup (args[i] + 2);
      entry = find_entry (name);
      g_assert_nonnull (entry);
      switch (entry->arg)
        {
        case G_OPTION_ARG_NONE:
          g_assert_null (eq);
          g_variant_dict_insert (dict, name, "b", TRUE);
          break;
        case G_OPTION_ARG_STRING:
          g_assert_nonnull (eq);
          g_variant_dict_insert (dict, name, "s", eq + 1);
          break;
        case G_OPTION_ARG_FILENAME:
          g_assert_nonnull (eq);
          g_variant_dict_insert_value (dict, name, g_variant_new_bytestring (eq + 1));
          break;
        case G_OPTION_ARG_STRING_ARRAY:
          {
            GPtrArray *array = g_hash_table_lookup (arrays, name);

            g_assert_nonnull (eq);
            if (array == NULL)
              {
                array = g_ptr_array_new_with_free_func (g_free);
                g_hash_table_insert (arrays, g_strdup (name), array);
              }
            g_ptr_array_add (array, g_strdup (eq + 1));
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_hash_table_iter_init (&iter, arrays);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *array = value;

      g_variant_dict_insert_value (dict, key,
                                   g_variant_new_strv ((const char * const *) array->pdata,
                                                       array->len));
    }
  return dict;
}

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GVariantDict) options = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  options = parse_args ((const char * const *) args->pdata);
  run->out = g_string_new (NULL);
  run->err = g_string_new (NULL);
  run->status = rw_cli_run (options, run->out, run->err);
}

static char *
catalog_arg (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return g_strdup_printf ("--catalog=%s", path);
}

static JsonObject *
parse_json (Run        *run,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out->str, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Options that open the window are not the command line's: -1, and nothing printed */
static void
test_window_options (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };

  run_cli (&run, "--offline", NULL);
  g_assert_cmpint (run.status, ==, -1);
  g_assert_cmpuint (run.out->len, ==, 0);
  g_assert_cmpuint (run.err->len, ==, 0);

  run_cli (&json, "--json", NULL);
  g_assert_cmpint (json.status, ==, RW_CLI_EXIT_USAGE);
  g_assert_cmpstr (json.err->str, ==,
                   "rentwise: --json goes with --list, --report or --fit\n");
}

static void
test_list (void)
{
  g_autofree char *catalog = catalog_arg ("l40s-reference.json");
  g_auto(Run) run = { 0 };

  run_cli (&run, "--list", catalog, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (run.err->len, ==, 0);
  g_assert_nonnull (strstr (run.out->str, "l40s"));
  g_assert_nonnull (strstr (run.out->str, "NVIDIA L40S"));
}

/* --report --json: the reference page's figures, and --on-demand-only changes them */
static void
test_report_json (void)
{
  g_autofree char *catalog = catalog_arg ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) on_demand_parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) on_demand = { 0 };
  JsonObject *report, *prices;

  run_cli (&run, "--report=l40s", "--json", catalog, NULL);
  report = parse_json (&run, parser);
  prices = json_object_get_object_member (report, "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (prices, "cheapest"),
                                    "price_hr"), 0.28, 1e-9);

  run_cli (&on_demand, "--report=l40s", "--json", catalog, "--on-demand-only", NULL);
  report = parse_json (&on_demand, on_demand_parser);
  prices = json_object_get_object_member (report, "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 9);
}

/* --include-suspect brings a bid floor into the statistics */
static void
test_include_suspect (void)
{
  g_autofree char *catalog = catalog_arg ("suspect-catalog.json");
  g_autoptr(JsonParser) without_parser = json_parser_new ();
  g_autoptr(JsonParser) with_parser = json_parser_new ();
  g_auto(Run) without = { 0 };
  g_auto(Run) with = { 0 };
  JsonObject *prices;

  run_cli (&without, "--report=b200", "--json", catalog, "--offline", NULL);
  prices = json_object_get_object_member (parse_json (&without, without_parser), "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "suspect"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prices,
                                                                                  "cheapest"),
                                                  "provider"), ==, "a");

  run_cli (&with, "--report=b200", "--json", catalog, "--offline", "--include-suspect", NULL);
  prices = json_object_get_object_member (parse_json (&with, with_parser), "prices");
  g_assert_cmpint (json_object_get_int_member (prices, "suspect"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prices,
                                                                                  "cheapest"),
                                                  "provider"), ==, "auction");
}

/* --fit with its own options */
static void
test_fit (void)
{
  g_autofree char *catalog = catalog_arg ("fit-models.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  JsonObject *fit;

  run_cli (&run, "--fit=gemma-3-12b", "--gpu=l40s", catalog, "--context=131072", "--json",
           NULL);
  fit = parse_json (&run, parser);
  g_assert_true (json_object_get_boolean_member (fit, "fits"));
  g_assert_cmpint (json_object_get_int_member (fit, "gpus"), ==, 1);

  run_cli (&text, "--fit=gemma-3-12b", "--gpu=l40s", catalog, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpuint (text.out->len, >, 0);
  g_assert_cmpuint (text.err->len, ==, 0);
}

/* Every error: one line on the error string, status 2, nothing on the output */
static void
test_errors (void)
{
  g_autofree char *catalog = catalog_arg ("fit-models.json");
  static const struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--report=nope", "CATALOG" }, "rentwise: Unknown GPU id “nope” (rentwise --list shows "
                                      "the ids)\n" },
    { { "--list", "CATALOG", "--context=abc" }, "rentwise: --context: “abc” is not a number\n" },
    { { "--list", "CATALOG", "--hours=25" }, "rentwise: --hours: 25 is out of range (0 to 24)\n" },
    { { "--fit=llama-3-3-70b", "CATALOG" }, "rentwise: --fit needs --gpu=GPU_ID\n" },
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--gpus=3" },
      "rentwise: --gpus: give 1, 2, 4 or 8 (the GPUs of one machine)\n" },
    { { "--list", "CATALOG", "--kv-dtype=int3" }, "rentwise: --kv-dtype: give fp16 or fp8\n" },
    { { "--list", "CATALOG", "--refresh" },
      "rentwise: --catalog does not go with --refresh or --feed\n" },
    { { "--list", "--feed=http://example.com/vms.csv" },
      "rentwise: --feed: “http://example.com/vms.csv” is not an HTTPS address\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[5] = { NULL };

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j] != NULL; j++)
        args[j] = g_str_equal (cases[i].args[j], "CATALOG") ? catalog : cases[i].args[j];
      run_cli (&run, args[0], args[1], args[2], args[3], NULL);
      g_test_message ("case %u: %s", i, run.err->str);
      g_assert_cmpint (run.status, ==, RW_CLI_EXIT_USAGE);
      g_assert_cmpstr (run.err->str, ==, cases[i].message);
      g_assert_cmpuint (run.out->len, ==, 0);
    }
}

int
main (int argc, char *argv[])
{
  /* the messages are compared in English */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-run/window-options", test_window_options);
  g_test_add_func ("/cli-run/list", test_list);
  g_test_add_func ("/cli-run/report-json", test_report_json);
  g_test_add_func ("/cli-run/include-suspect", test_include_suspect);
  g_test_add_func ("/cli-run/fit", test_fit);
  g_test_add_func ("/cli-run/errors", test_errors);
  return g_test_run ();
}
