/* test-cli-run.c: the headless command line in-process (rw_cli_run), no display, no child
 * process: the options as GApplication parses them, the output and the status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "rw-catalog.h"
#include "rw-cli.h"
#include "rw-compare.h"
#include "rw-plan.h"
#include "rw-train-fit.h"

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
                   "rentwise: --json goes with --list, --list-models, --report, --fit, "
                   "--plan, --compare or --refresh\n");
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

/* --list-models: every model's id, name, parameters and context, as text and JSON; a model id
 * with dots (or another case) for dashes is the same model for --plan, --fit and --model */
static void
test_list_models (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) dotted = { 0 };
  g_auto(Run) dashed = { 0 };
  g_auto(Run) fit = { 0 };
  g_auto(Run) compare = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;

  run_cli (&text, "--list-models", catalog, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpuint (text.err->len, ==, 0);
  g_assert_true (g_str_has_prefix (text.out->str, "llama-3-1-8b "));
  g_assert_nonnull (strstr (text.out->str, "\nllama-3-3-70b "));
  g_assert_nonnull (strstr (text.out->str, "B params"));
  g_assert_nonnull (strstr (text.out->str, " tokens\n"));

  /* newcomer report 7 and 8 on the built-in catalog: the id column is as wide as the longest
   * id and two spaces, the list is by name (numbers by value), the size is the Models view's */
  {
    g_auto(Run) builtin = { 0 };
    g_auto(GStrv) lines = NULL;
    const char *order[] = { "\nqwen-3-0-6b ", "\nqwen-3-8b ", "\nqwen-3-14b ",
                            "\nqwen-3-235b-a22b ", "\nqwen-3-5-35b-a3b ", "\nyi-34b " };

    run_cli (&builtin, "--list-models", "--offline", NULL);
    g_assert_cmpint (builtin.status, ==, 0);
    g_assert_true (g_str_has_prefix (builtin.out->str, "code-llama-34b "));
    lines = g_strsplit (builtin.out->str, "\n", -1);
    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        const char *gap = strchr (lines[i], ' ');

        g_assert_nonnull (gap);
        g_assert_cmpint (gap[1], ==, ' ');
      }
    g_assert_nonnull (strstr (builtin.out->str,
                              "\ndeepseek-r1-distill-llama-70b  DeepSeek R1 Distill Llama 70B  "));
    g_assert_nonnull (strstr (builtin.out->str, "Qwen 3 0.6B"));
    g_assert_nonnull (strstr (strstr (builtin.out->str, "Qwen 3 0.6B"), "0.75B params"));
    for (guint i = 1; i < G_N_ELEMENTS (order); i++)
      g_assert_true (strstr (builtin.out->str, order[i - 1]) <
                     strstr (builtin.out->str, order[i]));
  }

  run_cli (&json, "--list-models", catalog, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out->str, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "catalog"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "models")), ==, 3);
  first = json_array_get_object_element (json_object_get_array_member (root, "models"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "llama-3-1-8b");
  g_assert_true (json_object_has_member (first, "name"));
  g_assert_true (json_object_has_member (first, "params_b"));
  g_assert_true (json_object_has_member (first, "context"));

  /* "llama-3.3-70b" is llama-3-3-70b: the same plan, byte for byte */
  run_cli (&dotted, "--plan=Llama-3.3-70B", catalog, "--json", NULL);
  run_cli (&dashed, "--plan=llama-3-3-70b", catalog, "--json", NULL);
  g_assert_cmpint (dotted.status, ==, 0);
  g_assert_cmpuint (dotted.err->len, ==, 0);
  g_assert_cmpstr (dotted.out->str, ==, dashed.out->str);
  run_cli (&fit, "--fit=llama-3.1-8b", catalog, "--gpu=small", NULL);
  g_assert_cmpint (fit.status, ==, 0);
  run_cli (&compare, "--compare=small,big", catalog, "--model=llama-3.1-8b", "--json", NULL);
  g_assert_cmpint (compare.status, ==, 0);
  g_assert_nonnull (strstr (compare.out->str, "\"llama-3-1-8b\""));
}

/* Text reports give monthly dollars with cents, as the app does ("$9.60", never "$10") */
static void
test_month_cents (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  const char *workloads[] = { "--workload=inference", "--workload=lora" };

  for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GRegex) cents = g_regex_new ("\\$[0-9,]+\\.[0-9][0-9]/month", 0, 0, NULL);
      g_autoptr(GRegex) whole = g_regex_new ("\\$[0-9,]+/month", 0, 0, NULL);

      run_cli (&run, "--plan=llama-3-1-8b", catalog, workloads[i], NULL);
      g_test_message ("%s", run.out->str);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_regex_match (cents, run.out->str, 0, NULL));
      g_assert_false (g_regex_match (whole, run.out->str, 0, NULL));
    }
}

/* Owning never pays off: the report says why, and only what is true */
static void
test_report_never_pays_off (void)
{
  g_autofree char *catalog = catalog_arg ("l40s-reference.json");
  g_auto(Run) idle = { 0 };
  g_auto(Run) dearer = { 0 };

  run_cli (&idle, "--report=l40s", catalog, "--hours=0", NULL);
  g_assert_cmpint (idle.status, ==, 0);
  g_assert_nonnull (strstr (idle.out->str,
                            "Owning never pays off: at 0 hours a day nothing is rented\n"));
  g_assert_null (strstr (idle.out->str, "as much as"));

  /* 0.35 kW × 8 h × $100/kWh = $280/day, far more than renting */
  run_cli (&dearer, "--report=l40s", catalog, "--kwh-price=100", NULL);
  g_assert_cmpint (dearer.status, ==, 0);
  g_assert_nonnull (strstr (dearer.out->str,
                            "Owning never pays off: its electricity costs more than renting at $"));
  g_assert_null (strstr (dearer.out->str, "as much as"));
  /* per month as well, as the window shows it: 30 days (newcomer report 3, defect 12) */
  g_assert_nonnull (strstr (dearer.out->str, "  Electricity $280.00/day, $8,400.00/month\n"));
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
  /* counts grouped as the window writes them (closing note of session 4: "131072 tokens") */
  g_assert_nonnull (strstr (text.out->str, "1 GPU: up to 131,072 tokens"));
  g_assert_nonnull (strstr (text.out->str, " sessions of 8,192 tokens\n"));
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
    { { "--list", "CATALOG", "--hours=25" }, "rentwise: --hours: “25” is too large: at most 24\n" },
    { { "--fit=llama-3-3-70b", "CATALOG" }, "rentwise: --fit needs --gpu=GPU_ID\n" },
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--gpus=3" },
      "rentwise: --gpus must be 1, 2, 4 or 8\n" },
    /* one message for every count that is not one machine's, in range or not */
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--gpus=16" },
      "rentwise: --gpus must be 1, 2, 4 or 8\n" },
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--gpus=0" },
      "rentwise: --gpus must be 1, 2, 4 or 8\n" },
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--gpus=-2" },
      "rentwise: --gpus must be 1, 2, 4 or 8\n" },
    /* range bounds as plain numbers, never "1.07374e+09" */
    { { "--list", "CATALOG", "--context=2000000000" },
      "rentwise: --context: “2000000000” is too large: at most 1048576\n" },
    { { "--list", "CATALOG", "--purchase-price=2000000000" },
      "rentwise: --purchase-price: “2000000000” is too large: at most 1000000000\n" },
    { { "--list", "CATALOG", "--pue=0.5" }, "rentwise: --pue: “0.5” is too small: at least 1\n" },
    /* the message names the options given */
    { { "--list", "CATALOG", "--csv" }, "rentwise: --csv goes with --compare\n" },
    { { "--list", "CATALOG", "--model=x" }, "rentwise: --model goes with --compare\n" },
    { { "--list", "CATALOG", "--model=x", "--csv" },
      "rentwise: --model and --csv go with --compare\n" },
    { { "--list", "CATALOG", "--kv-dtype=int3" }, "rentwise: --kv-dtype: give fp16 or fp8\n" },
    { { "--list", "CATALOG", "--refresh" },
      "rentwise: --catalog does not go with --refresh or --feed\n" },
    { { "--list", "--feed=http://example.com/vms.csv" },
      "rentwise: --feed: “http://example.com/vms.csv” is not an HTTPS address\n" },
    /* a negative number is a number below the minimum, not "not a number" (newcomer report 3,
     * defect 12) */
    { { "--list", "CATALOG", "--context=-5" },
      "rentwise: --context: “-5” is too small: at least 1\n" },
    { { "--list", "CATALOG", "--kwh-price=-1" },
      "rentwise: --kwh-price: “-1” is too small: at least 0\n" },
    { { "--list", "CATALOG", "--purchase-price=-0" },
      "rentwise: --purchase-price: “-0” is too small: at least 0\n" },
    { { "--list", "CATALOG", "--hours=-0.5" },
      "rentwise: --hours: “-0.5” is too small: at least 0\n" },
    /* the window's maximum context (RW_MAX_CONTEXT) */
    { { "--list", "CATALOG", "--context=1048577" },
      "rentwise: --context: “1048577” is too large: at most 1048576\n" },
    /* the window's bounds, the same constants (newcomer report 5, defect 4: --sessions had no
     * upper bound, --lora-rank took 65,536, --seq-len 16,777,216, --micro-batch 4,096) */
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=l40s", "--sessions=257" },
      "rentwise: --sessions: “257” is too large: at most 256\n" },
    { { "--plan=llama-3-3-70b", "CATALOG", "--workload=lora", "--lora-rank=1025" },
      "rentwise: --lora-rank: “1025” is too large: at most 1024\n" },
    { { "--plan=llama-3-3-70b", "CATALOG", "--workload=lora", "--seq-len=1048577" },
      "rentwise: --seq-len: “1048577” is too large: at most 1048576\n" },
    { { "--plan=llama-3-3-70b", "CATALOG", "--workload=full", "--micro-batch=1025" },
      "rentwise: --micro-batch: “1025” is too large: at most 1024\n" },
    /* the Rent vs own view's horizon is whole months */
    { { "--list", "CATALOG", "--horizon-months=12.5" },
      "rentwise: --horizon-months: “12.5” is not a whole number\n" },
    { { "--list", "CATALOG", "--horizon-months=601" },
      "rentwise: --horizon-months: “601” is too large: at most 600\n" },
    /* --refresh alone prints the feeds' state: report options are errors, not ignored */
    { { "--refresh", "--offline", "--kwh-price=1" },
      "rentwise: --kwh-price does not go with --refresh alone\n" },
    { { "--refresh", "--offline", "--context=4096" },
      "rentwise: --context does not go with --refresh alone\n" },
    { { "--refresh", "--offline", "--hours=4" },
      "rentwise: --hours does not go with --refresh alone\n" },
    { { "--refresh", "--offline", "--on-demand-only" },
      "rentwise: --on-demand-only does not go with --refresh alone\n" },
    /* without a report the window opens: an option it would ignore is an error (newcomer
     * report 4, defect 2: "--context=-5" opened the window with exit status 0) */
    { { "--context=32768" },
      "rentwise: --context goes with --list, --report, --fit, --plan, --compare or "
      "--history-csv; the window takes its numbers from Preferences and its own fields\n" },
    { { "--offline", "--gpu=h100" },
      "rentwise: --gpu goes with --list, --report, --fit, --plan, --compare or "
      "--history-csv; the window takes its numbers from Preferences and its own fields\n" },
    { { "CATALOG", "--kwh-price=abc" },
      "rentwise: --kwh-price goes with --list, --report, --fit, --plan, --compare or "
      "--history-csv; the window takes its numbers from Preferences and its own fields\n" },
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

/* ------------------------------------------------ --plan, --compare, --workload (17, 18, 20) */

static RwCatalog *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  RwCatalog *catalog = rw_catalog_new_from_file (path, &error);

  g_assert_no_error (error);
  return catalog;
}

static RwModel *
find_model (RwCatalog  *catalog,
            const char *id)
{
  GListModel *models = rw_catalog_get_models (catalog);

  for (guint i = 0, n = g_list_model_get_n_items (models); i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);

      if (g_str_equal (rw_model_get_id (model), id))
        return model;
    }
  g_assert_not_reached ();
}

/* --plan prints what the planner computes with the same options: JSON, --limit, text */
static void
test_plan (void)
{
  g_autofree char *catalog_opt = catalog_arg ("plan-catalog.json");
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *model = find_model (catalog, "llama-3-3-70b");
  RwPlanOptions options;
  g_autoptr(RwPlan) plan = NULL;
  g_autoptr(RwPlan) on_demand_plan = NULL;
  g_autofree char *expected_json = NULL, *expected_limited = NULL, *expected_text = NULL;
  g_autofree char *expected_on_demand = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) json = { 0 };
  g_auto(Run) limited = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) on_demand = { 0 };
  JsonObject *option;

  rw_plan_options_init (&options);
  options.context = 32768;
  options.sessions = 2;
  options.engine = RW_ENGINE_LLAMACPP;
  options.kv_dtype = RW_KV_DTYPE_FP8;
  options.hours_per_day = 12;
  plan = rw_plan_compute (catalog, model, &options);
  g_assert_cmpint (plan->status, ==, RW_PLAN_OK);
  g_assert_cmpuint (plan->options_ranked->len, >, 1);
  expected_json = rw_plan_json (catalog, plan, 0);
  expected_limited = rw_plan_json (catalog, plan, 1);
  expected_text = rw_plan_text (catalog, plan, 0);

  run_cli (&json, "--plan=llama-3-3-70b", catalog_opt, "--context=32768", "--sessions=2",
           "--engine=llamacpp", "--kv-dtype=fp8", "--hours=12", "--json", NULL);
  g_assert_cmpuint (json.err->len, ==, 0);
  g_assert_cmpstr (json.out->str, ==, expected_json);
  /* the members the issue names, in the first option */
  option = json_array_get_object_element (json_object_get_array_member (parse_json (&json, parser),
                                                                        "options"), 0);
  {
    static const char * const members[] = { "gpu", "gpus", "precision", "provider", "instance",
                                            "price_hr", "rate_per_gpu_hr", "per_month",
                                            "tokens_per_s", "usd_per_m_tokens", "need_bytes",
                                            "usable_bytes", "max_context", "max_sessions",
                                            "estimated" };

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      g_assert_true (json_object_has_member (option, members[i]));
  }

  run_cli (&limited, "--plan=llama-3-3-70b", catalog_opt, "--context=32768", "--sessions=2",
           "--engine=llamacpp", "--kv-dtype=fp8", "--hours=12", "--json", "--limit=1", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  g_assert_cmpstr (limited.out->str, ==, expected_limited);

  run_cli (&text, "--plan=llama-3-3-70b", catalog_opt, "--context=32768", "--sessions=2",
           "--engine=llamacpp", "--kv-dtype=fp8", "--hours=12", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.out->str, ==, expected_text);

  rw_plan_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  on_demand_plan = rw_plan_compute (catalog, model, &options);
  expected_on_demand = rw_plan_json (catalog, on_demand_plan, 0);
  run_cli (&on_demand, "--plan=llama-3-3-70b", catalog_opt, "--on-demand-only", "--json", NULL);
  g_assert_cmpint (on_demand.status, ==, 0);
  g_assert_cmpstr (on_demand.out->str, ==, expected_on_demand);
  g_assert_cmpstr (on_demand.out->str, !=, expected_json);

  /* --include-suspect brings the fixture's $0.01 auction floor into the plan */
  {
    g_autoptr(RwPlan) suspect_plan = NULL;
    g_autofree char *expected_suspect = NULL;
    g_auto(Run) suspect = { 0 };

    rw_plan_options_init (&options);
    options.pricing_mask = RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT;
    suspect_plan = rw_plan_compute (catalog, find_model (catalog, "llama-3-1-8b"), &options);
    expected_suspect = rw_plan_json (catalog, suspect_plan, 0);
    g_assert_nonnull (strstr (expected_suspect, "\"instance\": \"floor\""));
    run_cli (&suspect, "--plan=llama-3-1-8b", catalog_opt, "--include-suspect", "--json", NULL);
    g_assert_cmpint (suspect.status, ==, 0);
    g_assert_cmpstr (suspect.out->str, ==, expected_suspect);
  }
}

static JsonNode *
parse_node (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* --compare prints the comparison, and each GPU's prices and rent vs own are exactly those of
 * its own --report with the same options */
static void
test_compare (void)
{
  g_autofree char *catalog_opt = catalog_arg ("plan-catalog.json");
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  static const char * const ids[] = { "small", "big", NULL };
  g_autoptr(RwComparison) comparison = NULL;
  g_autofree char *expected_json = NULL, *expected_csv = NULL, *expected_text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  RwReportOptions options;
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) text = { 0 };
  JsonArray *gpus;

  rw_report_options_init (&options);
  options.rent.hours_per_day = 10;
  options.rent.kwh_price = 0.3;
  comparison = rw_comparison_new (catalog, ids, "llama-3-1-8b", &options, &error);
  g_assert_no_error (error);
  expected_json = rw_comparison_json (comparison, catalog);
  expected_csv = rw_comparison_csv (comparison);
  expected_text = rw_comparison_text (comparison, catalog);

  run_cli (&json, "--compare=small,big", "--model=llama-3-1-8b", catalog_opt, "--hours=10",
           "--kwh-price=0.3", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpuint (json.err->len, ==, 0);
  /* the same document but for the catalog's age, which counts from each one's own clock */
  {
    g_autoptr(JsonNode) printed = parse_node (json.out->str);
    g_autoptr(JsonNode) expected = parse_node (expected_json);

    for (guint i = 0; i < 2; i++)
      json_object_remove_member (json_object_get_object_member (
                                   json_node_get_object (i == 0 ? printed : expected), "catalog"),
                                 "age_seconds");
    g_assert_true (json_node_equal (printed, expected));
  }

  run_cli (&csv, "--compare=small,big", "--model=llama-3-1-8b", catalog_opt, "--hours=10",
           "--kwh-price=0.3", "--csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out->str, ==, expected_csv);

  run_cli (&text, "--compare=small,big", "--model=llama-3-1-8b", catalog_opt, "--hours=10",
           "--kwh-price=0.3", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.out->str, ==, expected_text);

  /* the same numbers as --report for each GPU */
  root = parse_node (json.out->str);
  gpus = json_object_get_array_member (json_node_get_object (root), "gpus");
  g_assert_cmpuint (json_array_get_length (gpus), ==, 2);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *report_arg = g_strdup_printf ("--report=%s", ids[i]);
      g_auto(Run) report = { 0 };
      g_autoptr(JsonNode) report_root = NULL;
      JsonObject *column = json_array_get_object_element (gpus, i);
      JsonObject *report_object;

      run_cli (&report, report_arg, catalog_opt, "--hours=10", "--kwh-price=0.3", "--json", NULL);
      g_assert_cmpint (report.status, ==, 0);
      report_root = parse_node (report.out->str);
      report_object = json_node_get_object (report_root);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (column,
                                                                                      "gpu"),
                                                      "id"), ==, ids[i]);
      g_assert_true (json_node_equal (json_object_get_member (column, "prices"),
                                      json_object_get_member (report_object, "prices")));
      g_assert_true (json_node_equal (json_object_get_member (column, "rent_vs_own"),
                                      json_object_get_member (report_object, "rent_vs_own")));
    }
}

/* --workload on --fit, --report and --plan: the training fit's own JSON, the report with the
 * training fits, and a plan on the GPUs the training fit needs */
static void
test_workload (void)
{
  g_autofree char *catalog_opt = catalog_arg ("plan-catalog.json");
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *model = find_model (catalog, "llama-3-1-8b");
  RwGpu *small = rw_catalog_lookup_gpu (catalog, "small");
  RwGpu *big = rw_catalog_lookup_gpu (catalog, "big");
  RwTrainOptions train;
  RwTrainFit small_fit, big_fit;
  g_autofree char *expected_fit = NULL, *expected_fits = NULL;
  g_autoptr(JsonNode) report_root = NULL;
  g_autoptr(JsonNode) fits_root = NULL;
  g_autoptr(JsonNode) plan_root = NULL;
  g_auto(Run) fit = { 0 };
  g_auto(Run) report = { 0 };
  g_auto(Run) plan = { 0 };
  g_auto(Run) inference = { 0 };
  JsonObject *report_object, *option;
  JsonArray *options;

  rw_train_options_init (&train, RW_WORKLOAD_LORA);
  train.lora_rank = 64;
  train.seq_len = 4096;
  train.micro_batch = 2;
  expected_fit = rw_train_report_fit_json (model, small, &train);
  run_cli (&fit, "--fit=llama-3-1-8b", "--gpu=small", catalog_opt, "--workload=lora",
           "--lora-rank=64", "--seq-len=4096", "--micro-batch=2", "--json", NULL);
  g_assert_cmpint (fit.status, ==, 0);
  g_assert_cmpstr (fit.out->str, ==, expected_fit);

  /* --report: the report's members, then workload and training */
  rw_train_options_init (&train, RW_WORKLOAD_QLORA);
  expected_fits = rw_train_report_fits_json (catalog, small, &train);
  fits_root = parse_node (expected_fits);
  run_cli (&report, "--report=small", catalog_opt, "--workload=qlora", "--json", NULL);
  g_assert_cmpint (report.status, ==, 0);
  report_root = parse_node (report.out->str);
  report_object = json_node_get_object (report_root);
  g_assert_true (json_object_has_member (report_object, "prices"));
  g_assert_true (json_object_has_member (report_object, "fits"));
  g_assert_cmpstr (json_object_get_string_member (report_object, "workload"), ==, "qlora");
  g_assert_true (json_node_equal (json_object_get_member (report_object, "training"),
                                  fits_root));

  /* --plan: per GPU the GPUs the full fine-tuning fit needs, on the cheapest included
   * instance with at least that many (the fixture's offers: small 1× $0.50, 2× $0.90,
   * 4× $1.50 spot, 8× $4.00; big 1× $2.00, 2× $3.00 spot, 8× $20.00) */
  rw_train_options_init (&train, RW_WORKLOAD_FULL);
  g_assert_true (rw_train_fit_compute (model, small, &train, &small_fit));
  g_assert_true (rw_train_fit_compute (model, big, &train, &big_fit));
  g_assert_true (small_fit.fits && big_fit.fits);
  g_assert_cmpuint (small_fit.gpus, ==, 4);
  g_assert_cmpuint (big_fit.gpus, ==, 2);
  run_cli (&plan, "--plan=llama-3-1-8b", catalog_opt, "--workload=full", "--json", NULL);
  g_assert_cmpint (plan.status, ==, 0);
  plan_root = parse_node (plan.out->str);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (plan_root), "workload"),
                   ==, "full");
  options = json_object_get_array_member (json_node_get_object (plan_root), "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 2);
  option = json_array_get_object_element (options, 0);
  g_assert_cmpstr (json_object_get_string_member (option, "gpu"), ==, "small");
  g_assert_cmpint (json_object_get_int_member (option, "gpus"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (option, "instance"), ==, "s4-spot");
  g_assert_cmpfloat (json_object_get_double_member (option, "price_hr"), ==, 1.5);
  g_assert_cmpfloat (json_object_get_double_member (option, "need_bytes"), ==,
                     small_fit.need_bytes);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (option,
                                                                                    "breakdown"),
                                                    "optimizer_bytes"), ==,
                     small_fit.optimizer_bytes);
  option = json_array_get_object_element (options, 1);
  g_assert_cmpstr (json_object_get_string_member (option, "gpu"), ==, "big");
  g_assert_cmpint (json_object_get_int_member (option, "gpus"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (option, "instance"), ==, "b2-spot");

  /* newcomer report 15: the text as the inference plan's: the workload's name, provider names,
   * the cheapest on-demand and spot machines (spot even where on-demand is cheaper on the GPU,
   * and none with --on-demand-only) */
  {
    g_auto(Run) lora = { 0 };
    g_auto(Run) lora_od = { 0 };

    run_cli (&lora, "--plan=llama-3-1-8b", catalog_opt, "--workload=lora", NULL);
    g_assert_cmpint (lora.status, ==, 0);
    g_assert_true (g_str_has_prefix (lora.out->str, "Llama 3.1 8B: LoRA, cheapest first\n"
                                                    "  Cheapest on-demand: $0.50/hr  1× Small GPU "
                                                    "(L40S specs)  Provider P1 s1  need "));
    g_assert_nonnull (strstr (lora.out->str, "\n  Cheapest spot: $1.50/hr  1× Small GPU (L40S "
                                             "specs)  Provider P3 s4-spot  need "));
    g_assert_nonnull (strstr (lora.out->str, "\n  $2.00/hr  1× Big GPU (H100 SXM specs)  "
                                             "Provider P1 b1  need "));
    g_assert_null (strstr (lora.out->str, " p1 "));
    run_cli (&lora_od, "--plan=llama-3-1-8b", catalog_opt, "--workload=lora",
             "--on-demand-only", NULL);
    g_assert_cmpint (lora_od.status, ==, 0);
    g_assert_nonnull (strstr (lora_od.out->str, "Cheapest on-demand: "));
    g_assert_null (strstr (lora_od.out->str, "Cheapest spot"));
  }
  {
    g_auto(Run) full = { 0 };

    run_cli (&full, "--plan=llama-3-1-8b", catalog_opt, "--workload=full", NULL);
    /* the on-demand machine is P4's 8× at $4.00, dearer than every row of the ranking */
    g_assert_true (g_str_has_prefix (full.out->str, "Llama 3.1 8B: Full fine-tune, cheapest "
                                                    "first\n  Cheapest on-demand: $4.00/hr  4× "
                                                    "Small GPU (L40S specs)  Provider P4 s8  "));
    g_assert_nonnull (strstr (full.out->str, "\n  Cheapest spot: $1.50/hr  4× "));
  }

  /* --workload=inference is the plain plan */
  run_cli (&inference, "--plan=llama-3-1-8b", catalog_opt, "--workload=inference", "--json",
           NULL);
  g_assert_cmpint (inference.status, ==, 0);
  {
    g_autoptr(JsonNode) inference_root = parse_node (inference.out->str);

    g_assert_false (json_object_has_member (json_node_get_object (inference_root), "workload"));
  }
}

/* Newcomer report 14 on the built-in catalog: the ids people type for GPUs and models */
static void
test_id_suggestions (void)
{
  static const struct {
    const char *args[3];
    const char *message;
  } cases[] = {
    { { "--fit=llama-3-1-8b", "--gpu=L4" }, NULL },
    { { "--fit=llama-3-1-8b", "--gpu=rtx4090" },
      "rentwise: Unknown GPU id “rtx4090”: did you mean rtx-4090? (rentwise --list shows the "
      "ids)\n" },
    { { "--plan=llama3-70b" },
      "rentwise: Unknown model id “llama3-70b”: did you mean llama-3-3-70b? (rentwise "
      "--list-models lists the ids)\n" },
    { { "--plan=mistral7b" },
      "rentwise: Unknown model id “mistral7b”: did you mean mistral-7b-instruct-v0-3? (rentwise "
      "--list-models lists the ids)\n" },
    { { "--plan=qwen3-8b" },
      "rentwise: Unknown model id “qwen3-8b”: did you mean qwen-3-8b? (rentwise --list-models "
      "lists the ids)\n" },
    /* ids that hold what was typed as tokens come before the nearest by edit distance
     * (newcomer report 3, defect 5: "h100" suggested h200, "a100" a800, "4090" nothing) */
    { { "--fit=llama-3-1-8b", "--gpu=h100" },
      "rentwise: Unknown GPU id “h100”: did you mean one of h100-sxm, h100-pcie, h100-nvl? "
      "(rentwise --list shows the ids)\n" },
    { { "--fit=llama-3-1-8b", "--gpu=A100" },
      "rentwise: Unknown GPU id “A100”: did you mean one of a100-80gb, a100-80gb-pcie, "
      "a100-40gb? (rentwise --list shows the ids)\n" },
    { { "--fit=llama-3-1-8b", "--gpu=4090" },
      "rentwise: Unknown GPU id “4090”: did you mean rtx-4090? (rentwise --list shows the "
      "ids)\n" },
    { { "--fit=llama-3-1-8b", "--gpu=h100sxm" },
      "rentwise: Unknown GPU id “h100sxm”: did you mean h100-sxm? (rentwise --list shows the "
      "ids)\n" },
    { { "--fit=llama-3-8b", "--gpu=l4" },
      "rentwise: Unknown model id “llama-3-8b”: did you mean llama-3-1-8b? (rentwise "
      "--list-models lists the ids)\n" },
    { { "--plan=qwen-3-coder" },
      "rentwise: Unknown model id “qwen-3-coder”: did you mean one of qwen-3-coder-next, "
      "qwen-3-coder-480b-a35b? (rentwise --list-models lists the ids)\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--offline", cases[i].args[0], cases[i].args[1], NULL);
      g_test_message ("case %u: %s", i, run.err->str);
      if (cases[i].message == NULL)
        {
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpuint (run.err->len, ==, 0);
        }
      else
        {
          g_assert_cmpint (run.status, ==, RW_CLI_EXIT_USAGE);
          g_assert_cmpstr (run.err->str, ==, cases[i].message);
          g_assert_cmpuint (run.out->len, ==, 0);
        }
    }
}

/* The new options' errors: one line, status 2, nothing on the output */
static void
test_plan_compare_errors (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  static const struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--plan=nope", "CATALOG" },
      "rentwise: Unknown model id “nope” (rentwise --list-models lists the ids)\n" },
    /* the nearest id, when one is near */
    { { "--plan=llama-3-3-7b", "CATALOG" },
      "rentwise: Unknown model id “llama-3-3-7b”: did you mean llama-3-3-70b? (rentwise "
      "--list-models lists the ids)\n" },
    { { "--fit=lama-3-1-8b", "CATALOG", "--gpu=small" },
      "rentwise: Unknown model id “lama-3-1-8b”: did you mean llama-3-1-8b? (rentwise "
      "--list-models lists the ids)\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--limit=0" },
      "rentwise: --limit: “0” is too small: at least 1\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--limit=3x" },
      "rentwise: --limit: “3x” is not a number\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=foo" },
      "rentwise: --workload: give inference, lora, qlora or full\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=lora", "--lora-rank=-1" },
      "rentwise: --lora-rank: “-1” is too small: at least 1\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=lora", "--seq-len=2k" },
      "rentwise: --seq-len: “2k” is not a number\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=qlora", "--micro-batch=1.5" },
      "rentwise: --micro-batch: “1.5” is not a whole number\n" },
    { { "--report=small", "CATALOG", "--lora-rank=8" },
      "rentwise: --lora-rank, --seq-len and --micro-batch go with --workload=lora, qlora or "
      "full\n" },
    { { "--fit=llama-3-1-8b", "CATALOG", "--gpu=small", "--workload=full" }, NULL },
    { { "--list", "CATALOG", "--workload=lora" },
      "rentwise: --workload goes with --report, --fit or --plan\n" },
    { { "--list", "CATALOG", "--limit=2" }, "rentwise: --limit goes with --plan\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--precision=int4" },
      "rentwise: --gpu, --precision and --gpus go with --fit\n" },
    { { "--compare=small,big", "CATALOG", "--gpus=2" },
      "rentwise: --gpu, --precision and --gpus go with --fit\n" },
    { { "--compare=small", "CATALOG" },
      "rentwise: Compare needs at least 2 GPU ids, separated by commas\n" },
    { { "--compare=small,big,small,big,small", "CATALOG" },
      "rentwise: Compare takes at most 4 GPU ids, not 5\n" },
    { { "--compare=small,nope", "CATALOG" },
      "rentwise: Unknown GPU id “nope” (rentwise --list shows the ids)\n" },
    { { "--compare=small,big", "CATALOG", "--model=nope" },
      "rentwise: Unknown model id “nope” (rentwise --list-models lists the ids)\n" },
    { { "--compare=small,big", "CATALOG", "--json", "--csv" },
      "rentwise: --json and --csv: give one of them\n" },
    /* newcomer report 14: GPU ids as model ids (any case, the nearest suggested) */
    { { "--fit=llama-3-1-8b", "CATALOG", "--gpu=SMALL" }, NULL },
    { { "--fit=llama-3-1-8b", "CATALOG", "--gpu=smal" },
      "rentwise: Unknown GPU id “smal”: did you mean small? (rentwise --list shows the ids)\n" },
    { { "--report=Big", "CATALOG" }, NULL },
    { { "--compare=Small,BIG", "CATALOG" }, NULL },
    { { "--compare=small,bgi", "CATALOG" },
      "rentwise: Unknown GPU id “bgi” (rentwise --list shows the ids)\n" },
    /* options the report would ignore are errors, one line each */
    { { "--plan=llama-3-1-8b", "CATALOG", "--rate=median" },
      "rentwise: --rate goes with --report or --compare (rent vs own), not --plan\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--pue=1.2" },
      "rentwise: --pue goes with --report or --compare (rent vs own), not --plan\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--hours=4" }, NULL },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=lora", "--kv-dtype=fp8" },
      "rentwise: --kv-dtype goes with inference, not --workload=lora (it takes --seq-len and "
      "--micro-batch)\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=qlora", "--engine=vllm" },
      "rentwise: --engine goes with inference, not --workload=qlora (it takes --seq-len and "
      "--micro-batch)\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=full", "--sessions=2" },
      "rentwise: --sessions goes with inference, not --workload=full (it takes --seq-len and "
      "--micro-batch)\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=lora", "--context=4096" },
      "rentwise: --context goes with inference, not --workload=lora (it takes --seq-len and "
      "--micro-batch)\n" },
    { { "--plan=llama-3-1-8b", "CATALOG", "--workload=inference", "--kv-dtype=fp8" }, NULL },
    { { "--fit=llama-3-1-8b", "CATALOG", "--gpu=small", "--hours=4" },
      "rentwise: --hours does not go with --fit (it uses no prices)\n" },
    { { "--fit=llama-3-1-8b", "CATALOG", "--gpu=small", "--rate=median" },
      "rentwise: --rate does not go with --fit (it uses no prices)\n" },
    { { "--report=small", "CATALOG", "--workload=lora", "--context=4096" }, NULL },
    { { "--list", "CATALOG", "--hours=4" }, "rentwise: --hours does not go with --list\n" },
    { { "--list", "CATALOG", "--on-demand-only" }, NULL },
    { { "--list-models", "CATALOG", "--on-demand-only" },
      "rentwise: --on-demand-only does not go with --list-models\n" },
    { { "--history-csv=small", "CATALOG", "--context=4096" },
      "rentwise: --context does not go with --history-csv\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[5] = { NULL };

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j] != NULL; j++)
        args[j] = g_str_equal (cases[i].args[j], "CATALOG") ? catalog : cases[i].args[j];
      run_cli (&run, args[0], args[1], args[2], args[3], NULL);
      g_test_message ("case %u: %s", i, run.err->str);
      if (cases[i].message == NULL)
        {
          /* the control: the same shape of command line, well formed */
          g_assert_cmpint (run.status, ==, 0);
          continue;
        }
      g_assert_cmpint (run.status, ==, RW_CLI_EXIT_USAGE);
      g_assert_cmpstr (run.err->str, ==, cases[i].message);
      g_assert_cmpuint (run.out->len, ==, 0);
    }
}

/* Issue 13: every numeric option reads the entries' number grammar (rw_parse_number, "." as
 * the decimal point): hexadecimal, exponents, signs, spaces at either end, trailing letters,
 * "inf" and "nan" are one error line and status 2, never a value strtod would have read
 * ("--hours=0x10" was 16 hours) */
static void
test_number_grammar (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  static const struct {
    const char *option;
    const char *before[3];
  } options[] = {
    { "context", { "--list" } }, { "sessions", { "--list" } }, { "hours", { "--list" } },
    { "kwh-price", { "--list" } }, { "pue", { "--list" } }, { "purchase-price", { "--list" } },
    { "other-costs", { "--list" } }, { "resale-percent", { "--list" } },
    { "horizon-months", { "--list" } },
    { "gpus", { "--fit=llama-3-1-8b", "--gpu=small" } },
    { "limit", { "--plan=llama-3-1-8b" } },
    { "lora-rank", { "--plan=llama-3-1-8b", "--workload=lora" } },
    { "seq-len", { "--plan=llama-3-1-8b", "--workload=lora" } },
    { "micro-batch", { "--plan=llama-3-1-8b", "--workload=lora" } },
  };
  static const char *bad[] = { "0x10", "0X1", "1e3", "1E0", " 5", "5 ", "5abc", "+1",
                               "inf", "nan", "", "2.", "0x1p3", "1_000", "\t1" };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          g_auto(Run) run = { 0 };
          g_autofree char *arg = g_strdup_printf ("--%s=%s", options[i].option, bad[b]);
          g_autofree char *expected = g_strdup_printf ("rentwise: --%s: “%s” is not a number\n",
                                                       options[i].option, bad[b]);

          const char *args[5] = { options[i].before[0], catalog, NULL };
          guint n = 2;

          for (guint k = 1; k < G_N_ELEMENTS (options[i].before) && options[i].before[k]; k++)
            args[n++] = options[i].before[k];
          args[n] = arg;
          run_cli (&run, args[0], args[1], args[2], args[3], args[4], NULL);
          g_test_message ("%s: %s", arg, run.err->str);
          g_assert_cmpint (run.status, ==, RW_CLI_EXIT_USAGE);
          g_assert_cmpstr (run.err->str, ==, expected);
          g_assert_cmpuint (run.out->len, ==, 0);
        }
    }

  /* what the grammar reads: a decimal point, thousands separators, a "$" */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *rvo;

    run_cli (&run, "--report=small", catalog, "--json", "--hours=1.5",
             "--purchase-price=$9,000", "--kwh-price=0,25", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out->str, -1, &error);
    g_assert_no_error (error);
    rvo = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "rent_vs_own");
    g_assert_cmpfloat (json_object_get_double_member (rvo, "hours_per_day"), ==, 1.5);
    g_assert_cmpfloat (json_object_get_double_member (rvo, "purchase_price"), ==, 9000);
    g_assert_cmpfloat (json_object_get_double_member (rvo, "kwh_price"), ==, 0.25);
  }
  /* --rate: a number in the same grammar, else a provider id (unknown here: status 2) */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--report=small", catalog, "--rate=0x10", NULL);
    g_assert_cmpint (run.status, ==, RW_CLI_EXIT_USAGE);
    g_assert_null (strstr (run.out->str, "16"));
  }
}

/* Newcomer report 5, defect 6: a cell as wide as its column or wider ("33.7 Mrd. Parameter",
 * 19 columns in a column of 17, ran into "16,384 Token") keeps a space before the next
 * column: plan-catalog.json with a model of 10^6 B parameters ("1,000,000B params", 17
 * columns) and a GPU name of 40 characters */
static void
test_wide_cells (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "plan-catalog.json",
                                                    NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *catalog = NULL;
  g_auto(Run) models = { 0 };
  g_auto(Run) list = { 0 };
  JsonObject *root, *model, *gpu;
  int fd;

  json_parser_load_from_file (parser, fixture, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  model = json_array_get_object_element (json_object_get_array_member (root, "models"), 0);
  g_assert_cmpstr (json_object_get_string_member (model, "id"), ==, "llama-3-1-8b");
  json_object_set_double_member (model, "params_b", 1e6);
  gpu = json_array_get_object_element (json_object_get_array_member (root, "gpus"), 0);
  json_object_set_string_member (gpu, "name", "A GPU whose name is forty characters long");
  fd = g_file_open_tmp ("rentwise-wide-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  {
    g_autoptr(JsonGenerator) gen = json_generator_new ();

    json_generator_set_root (gen, json_parser_get_root (parser));
    json_generator_to_file (gen, path, &error);
    g_assert_no_error (error);
  }
  catalog = g_strdup_printf ("--catalog=%s", path);

  run_cli (&models, "--list-models", catalog, NULL);
  g_assert_cmpint (models.status, ==, 0);
  g_test_message ("%s", models.out->str);
  /* the column as wide as its widest cell and two spaces */
  g_assert_nonnull (strstr (models.out->str, " 1,000,000B params  131,072 tokens\n"));
  g_assert_nonnull (strstr (models.out->str, " 70.6B params       131,072 tokens\n"));
  run_cli (&list, "--list", catalog, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_test_message ("%s", list.out->str);
  g_assert_nonnull (strstr (list.out->str, " A GPU whose name is forty characters long  48 GB"));
  g_unlink (path);
}

/* Newcomer report 5, defect 12: a cheap option's $ per M tokens keeps two significant digits
 * ("~$0.0007", not "~$0.00"): the fixture's $0.01/hr auction floor at 4,000 tok/s */
static void
test_cheap_per_m_tokens (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  g_autoptr(GRegex) cheap = g_regex_new ("\\$0\\.000[1-9] per M tokens\n", 0, 0, NULL);
  g_auto(Run) plan = { 0 };

  run_cli (&plan, "--plan=llama-3-1-8b", catalog, "--include-suspect", "--context=512",
           "--sessions=256", NULL);
  g_assert_cmpint (plan.status, ==, 0);
  g_test_message ("%s", plan.out->str);
  g_assert_true (g_regex_match (cheap, plan.out->str, 0, NULL));
  g_assert_null (strstr (plan.out->str, "$0.00 per M tokens"));
}

/* Newcomer report 5, defect 5: every count of the text output is grouped as the window groups
 * it ("LoRA rank 1,024", "× 1,024 per GPU", "tokens × 1,024:"; they read "4096"), the JSON
 * keeps plain numbers */
static void
test_grouped_counts (void)
{
  g_autofree char *catalog = catalog_arg ("plan-catalog.json");
  g_auto(Run) fit = { 0 };
  g_auto(Run) report = { 0 };
  g_auto(Run) json = { 0 };

  run_cli (&fit, "--fit=llama-3-1-8b", "--gpu=small", catalog, "--workload=lora",
           "--lora-rank=1024", "--micro-batch=1024", NULL);
  g_assert_cmpint (fit.status, ==, 0);
  g_assert_nonnull (strstr (fit.out->str, "  LoRA rank 1,024 on "));
  g_assert_nonnull (strstr (fit.out->str, " tokens × 1,024 per GPU, "));
  run_cli (&report, "--report=small", catalog, "--workload=full", "--micro-batch=1024", NULL);
  g_assert_cmpint (report.status, ==, 0);
  g_assert_nonnull (strstr (report.out->str, " tokens × 1,024:\n"));
  run_cli (&json, "--fit=llama-3-1-8b", "--gpu=small", catalog, "--workload=lora",
           "--lora-rank=1024", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out->str, "1024"));
  g_assert_null (strstr (json.out->str, "1,024"));
}

/* Issue 13: a count of one reads in the singular in every text report ("1 GPUs", "1 sessions"
 * and "1 providers" were printed); a catalog of one provider with one offer, context 1 */
static void
test_plurals (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "plan-catalog.json",
                                                    NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *catalog = NULL;
  g_autoptr(GRegex) slip = NULL;
  JsonObject *root;
  JsonArray *offers;
  int fd;

  /* plan-catalog.json with only its first offer: one provider, one instance shape */
  json_parser_load_from_file (parser, fixture, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  offers = json_object_get_array_member (root, "offers");
  while (json_array_get_length (offers) > 1)
    json_array_remove_element (offers, json_array_get_length (offers) - 1);
  fd = g_file_open_tmp ("rentwise-plurals-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  {
    g_autoptr(JsonGenerator) gen = json_generator_new ();

    json_generator_set_root (gen, json_parser_get_root (parser));
    json_generator_to_file (gen, path, &error);
    g_assert_no_error (error);
  }
  catalog = g_strdup_printf ("--catalog=%s", path);
  slip = g_regex_new ("\\b1 (GPUs|sessions|providers|offers|instance shapes|tokens|images|days|"
                      "months|years)\\b", 0, 0, NULL);

  {
    g_auto(Run) report = { 0 };
    g_auto(Run) fit = { 0 };
    g_auto(Run) plan = { 0 };

    run_cli (&report, "--report=small", catalog, "--context=1", NULL);
    run_cli (&fit, "--fit=llama-3-1-8b", catalog, "--gpu=small", NULL);
    run_cli (&plan, "--plan=llama-3-1-8b", catalog, NULL);
    g_assert_cmpint (report.status, ==, 0);
    g_assert_cmpint (fit.status, ==, 0);
    g_assert_cmpint (plan.status, ==, 0);
    g_assert_nonnull (strstr (report.out->str, "1 provider · 1 instance shape\n"));
    g_assert_nonnull (strstr (report.out->str, "(context 1 token)"));
    g_assert_nonnull (strstr (fit.out->str, "  1 GPU: "));
    for (const Run *r = (const Run[]) { report, fit, plan }, *end = r + 3; r < end; r++)
      if (g_regex_match (slip, r->out->str, 0, NULL))
        g_error ("a plural slip in:\n%s", r->out->str);
  }
  g_unlink (path);
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
  g_test_add_func ("/cli-run/report-never-pays-off", test_report_never_pays_off);
  g_test_add_func ("/cli-run/month-cents", test_month_cents);
  g_test_add_func ("/cli-run/list-models", test_list_models);
  g_test_add_func ("/cli-run/include-suspect", test_include_suspect);
  g_test_add_func ("/cli-run/fit", test_fit);
  g_test_add_func ("/cli-run/errors", test_errors);
  g_test_add_func ("/cli-run/plan", test_plan);
  g_test_add_func ("/cli-run/compare", test_compare);
  g_test_add_func ("/cli-run/workload", test_workload);
  g_test_add_func ("/cli-run/plan-compare-errors", test_plan_compare_errors);
  g_test_add_func ("/cli-run/id-suggestions", test_id_suggestions);
  g_test_add_func ("/cli-run/number-grammar", test_number_grammar);
  g_test_add_func ("/cli-run/plurals", test_plurals);
  g_test_add_func ("/cli-run/grouped-counts", test_grouped_counts);
  g_test_add_func ("/cli-run/wide-cells", test_wide_cells);
  g_test_add_func ("/cli-run/cheap-per-m-tokens", test_cheap_per_m_tokens);
  return g_test_run ();
}
