/* test-cli.c: the headless command line, run as a user would run it (no display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

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

/* Runs rentwise with @args (NULL-terminated), no display, and keeps what it printed */
static void
run_rentwisev (Run                *run,
               const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("RENTWISE_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  /* headless means headless: no display at all */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
run_rentwise (Run *run,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_rentwisev (run, (const char * const *) args->pdata);
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

static JsonObject *
parse_report (Run        *run,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* A bid floor: listed as suspect, out of the statistics, in with --include-suspect; the
 * purchase price estimate with its source and date */
static void
test_include_suspect (void)
{
  g_autofree char *catalog = fixture ("suspect-catalog.json");
  g_autoptr(JsonParser) without_parser = json_parser_new ();
  g_autoptr(JsonParser) with_parser = json_parser_new ();
  g_auto(Run) without_run = { 0 };
  g_auto(Run) with_run = { 0 };
  g_auto(Run) text_run = { 0 };
  JsonObject *without, *with, *prices, *estimate, *last;
  JsonArray *providers;

  run_rentwise (&without_run, "--report=b200", "--json", catalog, "--offline", NULL);
  without = parse_report (&without_run, without_parser);
  prices = json_object_get_object_member (without, "prices");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prices, "cheapest"),
                                                  "provider"), ==, "a");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (prices, "suspect"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (prices, "spread"), 0.5, 1e-9);
  providers = json_object_get_array_member (without, "providers");
  g_assert_cmpuint (json_array_get_length (providers), ==, 4);
  last = json_array_get_object_element (providers, 3);
  g_assert_cmpstr (json_object_get_string_member (last, "provider"), ==, "auction");
  g_assert_cmpstr (json_object_get_string_member (last, "kind"), ==, "marketplace");
  g_assert_true (json_object_get_boolean_member (last, "suspect"));
  g_assert_false (json_object_get_boolean_member (last, "in_statistics"));
  g_assert_cmpstr (json_object_get_string_member (last, "last_seen"), ==, "2026-05-20");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (without, "options"),
                                                  "include_suspect"));
  estimate = json_object_get_object_member (json_object_get_object_member (without, "gpu"),
                                            "price_estimate");
  g_assert_cmpfloat (json_object_get_double_member (estimate, "usd"), ==, 40000);
  g_assert_true (json_object_get_boolean_member (estimate, "estimate"));
  g_assert_cmpstr (json_object_get_string_member (estimate, "source"), ==,
                   "https://example.com/b200-street-price");
  g_assert_cmpstr (json_object_get_string_member (estimate, "date"), ==, "2026-05-01");
  /* rent vs own starts from it */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (without, "rent_vs_own"),
                                                    "purchase_price"), ==, 40000);

  run_rentwise (&with_run, "--report=b200", "--json", catalog, "--offline", "--include-suspect", NULL);
  with = parse_report (&with_run, with_parser);
  prices = json_object_get_object_member (with, "prices");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prices, "cheapest"),
                                                  "provider"), ==, "auction");
  g_assert_cmpint (json_object_get_int_member (prices, "providers"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (prices, "suspect"), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (with, "options"),
                                                 "include_suspect"));

  run_rentwise (&text_run, "--report=b200", catalog, "--offline", NULL);
  g_assert_cmpint (text_run.status, ==, 0);
  g_assert_nonnull (strstr (text_run.out, "suspect price, not in the statistics"));
  g_assert_nonnull (strstr (text_run.out, "Purchase price about $40,000, estimate, https://example.com/b200-street-price, 2026-05-01"));
}

/* The built-in L40S: the reference page's $9,000 purchase price, so a breakeven at once */
static void
test_builtin_breakeven (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root, *rvo;

  run_rentwise (&run, "--report=l40s", "--json", "--offline", NULL);
  root = parse_report (&run, parser);
  rvo = json_object_get_object_member (root, "rent_vs_own");
  g_assert_cmpfloat (json_object_get_double_member (rvo, "purchase_price"), ==, 9000);
  g_assert_false (json_object_get_null_member (rvo, "breakeven_days"));
  g_assert_cmpfloat (json_object_get_double_member (rvo, "breakeven_days"), >, 0);
  g_assert_false (json_object_get_null_member (json_object_get_object_member (root, "gpu"),
                                               "price_estimate"));
}

static void
test_rent_vs_own_options (void)
{
  g_autofree char *catalog = fixture ("l40s-reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *rvo;

  run_rentwise (&run, "--report=l40s", "--json", catalog, "--other-costs=1000", "--resale-percent=25",
                "--horizon-months=24", "--rate=vultr", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  rvo = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "rent_vs_own");
  g_assert_cmpstr (json_object_get_string_member (rvo, "rate"), ==, "provider");
  g_assert_cmpstr (json_object_get_string_member (rvo, "rate_provider"), ==, "vultr");
  g_assert_cmpfloat (json_object_get_double_member (rvo, "rate_hr"), ==, 1.70);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "other_costs"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "resale_percent"), ==, 25);
  g_assert_cmpfloat (json_object_get_double_member (rvo, "horizon_months"), ==, 24);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rvo, "net_purchase"), 7750, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rvo, "breakeven_days"),
                                  7750 / (1.70 * 8 - 0.42), 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rvo, "rent_over_horizon"),
                                  1.70 * 8 * 30 * 24, 1e-9);

  {
    g_auto(Run) median = { 0 };
    run_rentwise (&median, "--report=l40s", "--json", catalog, "--rate=median", NULL);
    g_assert_cmpint (median.status, ==, 0);
    g_assert_nonnull (strstr (median.out, "\"rate_hr\": 0.92"));
  }
  {
    g_auto(Run) custom = { 0 };
    run_rentwise (&custom, "--report=l40s", "--json", catalog, "--rate=0.5", NULL);
    g_assert_cmpint (custom.status, ==, 0);
    g_assert_nonnull (strstr (custom.out, "\"rate\": \"custom\""));
    g_assert_nonnull (strstr (custom.out, "\"rate_hr\": 0.5,"));
  }
  {
    g_auto(Run) bad = { 0 };
    run_rentwise (&bad, "--report=l40s", catalog, "--rate=nobody", NULL);
    assert_error (&bad, "--rate: “nobody” has no offers for l40s");
  }
  {
    g_auto(Run) bad = { 0 };
    run_rentwise (&bad, "--report=l40s", catalog, "--rate=-2", NULL);
    assert_error (&bad, "--rate");
  }
  {
    g_auto(Run) bad = { 0 };
    run_rentwise (&bad, "--report=l40s", catalog, "--resale-percent=abc", NULL);
    assert_error (&bad, "--resale-percent");
  }
  {
    g_auto(Run) bad = { 0 };
    run_rentwise (&bad, "--report=l40s", catalog, "--horizon-months=0", NULL);
    assert_error (&bad, "--horizon-months");
  }
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

/* --fit: the breakdown in bytes per GPU, unrounded; "does not fit" said, never a sentinel */
static void
test_fit (void)
{
  g_autofree char *catalog = fixture ("fit-models.json");
  g_autoptr(GError) error = NULL;

  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *fit;
    JsonArray *by_gpus;

    run_rentwise (&run, "--fit=gemma-3-12b", "--gpu=l40s", catalog, "--context=131072",
                  "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    fit = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_boolean_member (fit, "fits"));
    g_assert_cmpint (json_object_get_int_member (fit, "gpus"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (fit, "engine"), ==, "vllm");
    g_assert_cmpfloat (json_object_get_double_member (fit, "kv_bytes"), ==,
                       2.0 * 8 * 256 * 2 * (8.0 * 131072 + 40.0 * 1024));
    g_assert_cmpfloat (json_object_get_double_member (fit, "usable_bytes"), ==, 46068.0 * 1048576);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (fit, "need_bytes"),
                                    json_object_get_double_member (fit, "weights_bytes") +
                                    json_object_get_double_member (fit, "kv_bytes") +
                                    json_object_get_double_member (fit, "state_bytes") +
                                    json_object_get_double_member (fit, "runtime_bytes"), 1);
    g_assert_cmpint (json_object_get_int_member (fit, "max_context"), ==, 131072);
    g_assert_cmpint (json_object_get_int_member (fit, "max_sessions"), >=, 1);
    by_gpus = json_object_get_array_member (fit, "by_gpus");
    g_assert_cmpuint (json_array_get_length (by_gpus), ==, 4);
  }

  /* DeepSeek V3 on L40S: no count of 8 or fewer; null, not 4294967295 */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *fit;

    run_rentwise (&run, "--fit=deepseek-v3", "--gpu=l40s", catalog, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "4294967295"));
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    fit = json_node_get_object (json_parser_get_root (parser));
    g_assert_false (json_object_get_boolean_member (fit, "fits"));
    g_assert_true (json_object_get_null_member (fit, "gpus"));
    g_assert_true (json_object_get_null_member (fit, "max_context"));
    g_assert_true (json_object_get_null_member (fit, "max_sessions"));
  }
  {
    g_auto(Run) run = { 0 };

    run_rentwise (&run, "--fit=deepseek-v3", "--gpu=l40s", catalog, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Does not fit on 8 GPUs"));
  }

  /* the options: engine, precision, GPUs, sessions, FP8 KV */
  {
    g_auto(Run) run = { 0 };

    run_rentwise (&run, "--fit=llama-3-3-70b", "--gpu=h100-sxm", catalog, "--engine=llamacpp",
                  "--precision=int4", "--gpus=2", "--sessions=4", "--kv-dtype=fp8", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"format\": \"GGUF Q4_K_M\""));
    g_assert_nonnull (strstr (run.out, "\"gpus\": 2,"));
    g_assert_nonnull (strstr (run.out, "\"sessions\": 4,"));
    g_assert_nonnull (strstr (run.out, "\"kv_dtype\": \"fp8\""));
  }
  {
    g_auto(Run) run = { 0 };

    run_rentwise (&run, "--fit=llama-3-3-70b", "--gpu=h100-sxm", catalog, "--gpus=3", NULL);
    assert_error (&run, "--gpus must be 1, 2, 4 or 8");
  }

  /* --sessions, --kv-dtype and --engine apply to --report's fits too */
  {
    g_auto(Run) run = { 0 };

    run_rentwise (&run, "--report=l40s", catalog, "--engine=transformers", "--sessions=3",
                  "--kv-dtype=fp8", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"engine\": \"transformers\""));
    g_assert_nonnull (strstr (run.out, "\"kv_dtype\": \"fp8\""));
    g_assert_nonnull (strstr (run.out, "\"sessions\": 3,"));
    g_assert_nonnull (strstr (run.out, "\"weights_bytes\": "));
    g_assert_nonnull (strstr (run.out, "\"max_sessions\": "));
  }
}

static void
test_errors (void)
{
  g_autofree char *catalog = fixture ("l40s-reference.json");
  g_autofree char *broken = NULL;
  g_autofree char *broken_arg = NULL;
  g_autoptr(GError) error = NULL;

  /* each a bad option or argument: one line on stderr, exit 2 (CATALOG: the fixture) */
  static const struct {
    const char *args[5];
    const char *message;
  } cases[] = {
    { { "--report=h100", "CATALOG" }, "Unknown GPU id “h100”" },
    { { "--list", "--catalog=/nonexistent.json" }, "/nonexistent.json" },
    { { "--report=l40s", "CATALOG", "--hours=lots" }, "--hours: “lots” is not a number" },
    { { "--report=l40s", "CATALOG", "--hours=25" }, "--hours: “25” is too large: at most 24" },
    { { "--report=l40s", "CATALOG", "--context=1.5" }, "not a whole number" },
    { { "--report=l40s", "CATALOG", "--kwh-price=-1" }, "--kwh-price" },
    { { "--report=l40s", "CATALOG", "--pue=nan" }, "--pue" },
    { { "--report=l40s", "CATALOG", "--purchase-price=" }, "--purchase-price" },
    { { "--json" }, "--json goes with --list, --list-models, --report, --fit, --plan, --compare or "
      "--refresh" },
    { { "--fit=nope", "CATALOG" }, "Unknown model id “nope”" },
    { { "--fit=llama-3-3-70b", "CATALOG" }, "--fit needs --gpu=GPU_ID" },
    { { "--fit=llama-3-3-70b", "CATALOG", "--gpu=h100" }, "Unknown GPU id “h100”" },
    { { "--report=l40s", "CATALOG", "--engine=tgi" }, "--engine: give vllm, llamacpp or transformers" },
    { { "--report=l40s", "CATALOG", "--kv-dtype=int2" }, "--kv-dtype: give fp16 or fp8" },
    { { "--report=l40s", "CATALOG", "--sessions=0" }, "--sessions" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto(Run) run = { 0 };
      const char *args[G_N_ELEMENTS (cases[c].args)] = { NULL };

      for (guint i = 0; i + 1 < G_N_ELEMENTS (args) && cases[c].args[i] != NULL; i++)
        args[i] = g_str_equal (cases[c].args[i], "CATALOG") ? catalog : cases[c].args[i];
      run_rentwisev (&run, args);
      assert_error (&run, cases[c].message);
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

/* Issue 13: an option GApplication cannot parse exits 2 like a bad value (GApplication's own
 * status is 1), with one line on stderr; --help says so */
static void
test_unknown_option (void)
{
  const char *cases[][2] = { { "--bogus", NULL }, { "--list", "--hours" }, { "-Z", NULL } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto(Run) run = { 0 };

      run_rentwise (&run, cases[c][0], cases[c][1], NULL);
      g_test_message ("%s: %d %s", cases[c][0], run.status, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      /* newcomer report 14: with the prefix every other error line has */
      g_assert_true (g_str_has_prefix (run.err, "rentwise: "));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
    }
  {
    g_auto(Run) help = { 0 };

    run_rentwise (&help, "--help", NULL);
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "unknown options and bad values"));
    g_assert_nonnull (strstr (help.out, "status 2"));
    g_assert_nonnull (strstr (help.out, "An option the report would ignore is such an error"));
  }
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
                                                          "--purchase-price=USD", "--other-costs=USD",
                                                          "--resale-percent=PERCENT",
                                                          "--horizon-months=MONTHS", "--rate=RATE",
                                                          "--history-csv=GPU_ID", "--refresh",
                                                          "--feed=URL", "--fit=MODEL_ID",
                                                          "--gpu=GPU_ID", "--sessions=N",
                                                          "--kv-dtype=TYPE", "--engine=ENGINE",
                                                          "--precision=PRECISION", "--gpus=N",
                                                          NULL };
       *opt; opt++)
    if (strstr (run.out, *opt) == NULL)
      g_error ("--help lacks %s", *opt);
}

/* ------------------------------------------- --refresh against a local server */

typedef struct {
  GBytes *csv;
  guint   requests;
} Server;

static void
serve_lambda (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Server *srv = user_data;

  srv->requests++;
  if (!g_str_equal (path, "/lambda/vms.csv"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"e1\"");
  soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_COPY, g_bytes_get_data (srv->csv, NULL),
                                    g_bytes_get_size (srv->csv));
}

static void
communicate_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &out, &err, &error);
  g_assert_no_error (error);
  run->err = g_bytes_get_size (err) ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
                                     : g_strdup ("");
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->out = g_bytes_get_size (out) ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out))
                                     : g_strdup ("");
}

/* Like run_rentwise (), but the main loop keeps turning for the in-process server */
static void
run_async (Run         *run,
           const char  *cache_home,
           const char **args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("RENTWISE_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  run->status = -1;
  run->out = NULL;
  g_subprocess_communicate_async (process, NULL, NULL, communicate_done, run);
  while (run->out == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_refresh (void)
{
  Server srv = { 0 };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "fixtures", "skypilot", "v9_lambda_vms.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *cache_home = g_dir_make_tmp ("rentwise-cli-XXXXXX", NULL);
  g_autofree char *feed_arg = NULL;
  GSList *uris;
  gsize len;

  g_assert_true (g_file_get_contents (csv_path, &csv, &len, NULL));
  srv.csv = g_bytes_new_take (g_steal_pointer (&csv), len);
  soup_server_add_handler (server, NULL, serve_lambda, &srv, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  {
    g_autofree char *base = g_uri_to_string (uris->data);
    feed_arg = g_strdup_printf ("--feed=%slambda/vms.csv", base);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* fresh from the network */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root, *cat, *feed;
    const char *args[] = { "--refresh", feed_arg, "--report=h100-sxm", "--json", NULL };

    run_async (&run, cache_home, args);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    cat = json_object_get_object_member (root, "catalog");
    g_assert_cmpstr (json_object_get_string_member (cat, "source"), ==, "network");
    g_assert_cmpint (json_object_get_int_member (cat, "age_seconds"), <, 60);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "feeds")), ==, 1);
    feed = json_array_get_object_element (json_object_get_array_member (root, "feeds"), 0);
    g_assert_cmpstr (json_object_get_string_member (feed, "status"), ==, "fresh");
    g_assert_cmpint (json_object_get_int_member (feed, "http_status"), ==, 200);
    g_assert_cmpint (json_object_get_int_member (feed, "offers"), ==, 374);
    g_assert_true (json_object_get_null_member (feed, "error"));
    /* Lambda's prices now come from the feed */
    g_assert_nonnull (strstr (run.out, "\"provider\": \"lambda\""));
  }

  /* offline: the cache, no request */
  {
    g_auto(Run) run = { 0 };
    guint before = srv.requests;
    const char *args[] = { "--offline", feed_arg, "--report=h100-sxm", "--json", NULL };

    run_async (&run, cache_home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpuint (srv.requests, ==, before);
    g_assert_nonnull (strstr (run.out, "\"source\": \"cache\""));
    g_assert_nonnull (strstr (run.out, "\"status\": \"cached\""));
  }

  /* --refresh alone: one line per feed */
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "--refresh", feed_arg, NULL };

    run_async (&run, cache_home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "fresh"));
    g_assert_nonnull (strstr (run.out, "374 offers"));
  }

  /* a dead feed and no cache: one line on stderr, exit 3 */
  soup_server_disconnect (server);
  {
    g_auto(Run) run = { 0 };
    g_autofree char *empty_home = g_dir_make_tmp ("rentwise-cli-XXXXXX", NULL);
    const char *args[] = { "--refresh", "--feed=http://127.0.0.1:9/lambda/vms.csv", "--list", NULL };

    run_async (&run, empty_home, args);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_true (g_str_has_prefix (run.err, "rentwise: feed http://127.0.0.1:9/lambda/vms.csv: "));
    g_assert_cmpuint (strlen (run.err) - 1, ==, (gsize) (strchr (run.err, '\n') - run.err));
    g_rmdir (empty_home);
  }

  /* the cache still answers when the server is gone: exit 0, a line on stderr */
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "--refresh", feed_arg, "--list", NULL };

    run_async (&run, cache_home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.err, "rentwise: feed "));
    g_assert_nonnull (strstr (run.out, "h100-sxm"));
  }

  g_bytes_unref (srv.csv);
}

static void
test_feed_errors (void)
{
  {
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--list", "--feed=http://example.com/lambda/vms.csv", NULL);
    assert_error (&run, "is not an HTTPS address");
  }
  {
    g_autofree char *catalog = fixture ("l40s-reference.json");
    g_auto(Run) run = { 0 };
    run_rentwise (&run, "--list", "--refresh", catalog, NULL);
    assert_error (&run, "--catalog does not go with --refresh or --feed");
  }
}

/* Usable memory in the built-in catalog: the RTX 3090 Ti's is the driver total a public
 * nvidia-smi reading gives (24 564 MiB, like the RTX 4090's), not the derived lower bound
 * (22 888 MiB); --report names the source of every driver total, as text and JSON */
static void
test_usable_memory_source (void)
{
  static const struct {
    const char *gpu;
    const char *line;
  } cases[] = {
    { "rtx-3090-ti", "  Usable memory 24.0 GiB (24,564 MiB), source: "
                     "https://github.com/noonghunna/club-3090/issues/353\n" },
    { "rtx-4090", "  Usable memory 24.0 GiB (24,564 MiB), source: "
                  "https://github.com/vllm-project/vllm/issues/7553\n" },
    { "l4", "  Usable memory 22.5 GiB (23,034 MiB), source: "
            "https://github.com/modal-labs/modal-client/pull/2797\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *report = g_strdup_printf ("--report=%s", cases[i].gpu);
      g_auto(Run) text = { 0 };
      g_auto(Run) json = { 0 };

      run_rentwise (&text, "--offline", report, NULL);
      g_assert_cmpint (text.status, ==, 0);
      if (strstr (text.out, cases[i].line) == NULL)
        g_error ("--report=%s lacks “%s”:\n%s", cases[i].gpu, cases[i].line, text.out);

      run_rentwise (&json, "--offline", report, "--json", NULL);
      g_assert_cmpint (json.status, ==, 0);
      g_assert_nonnull (strstr (json.out, "\"usable_vram_source\": \"https://github.com/"));
    }
}

/* --help and README describe --plan, --compare and --workload; the binary exits 2 with one
 * line for an unknown model or a bad value */
static void
test_help_plan_compare_workload (void)
{
  static const char * const options[] = { "--plan=MODEL_ID", "--limit=N",
                                          "--compare=ID,ID[,ID,ID]", "--model=MODEL_ID",
                                          "--csv", "--workload=WORKLOAD", "--lora-rank=N",
                                          "--seq-len=N", "--micro-batch=N", "--list-models",
                                          NULL };
  static const char * const readme_options[] = { "--plan=MODEL_ID", "--limit=N",
                                                 "--compare=ID,ID[,ID,ID]", "--model=MODEL_ID",
                                                 "--csv", "--workload=inference|lora|qlora|full",
                                                 "--lora-rank=N", "--seq-len=N",
                                                 "--micro-batch=N", "--list-models", NULL };
  g_autofree char *readme_path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad = { 0 };

  run_rentwise (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
  for (guint i = 0; options[i] != NULL; i++)
    {
      if (strstr (help.out, options[i]) == NULL)
        g_error ("--help lacks %s", options[i]);
      if (strstr (readme, readme_options[i]) == NULL)
        g_error ("README lacks %s", readme_options[i]);
    }

  /* item 7: the month is DESIGN's 30 days, and --help and README say so */
  g_assert_nonnull (strstr (help.out, "every $/month is 30 days"));
  g_assert_nonnull (strstr (readme, "A month is 30 days everywhere in Rentwise"));

  /* newcomer report 3, defect 12: --json works with --plan (and --compare, --refresh) too */
  g_assert_nonnull (strstr (help.out, "With --list, --list-models, --report, --fit, --plan, "
                                      "--compare or --refresh alone: print JSON"));

  run_rentwise (&unknown, "--offline", "--plan=no-such-model", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_cmpstr (unknown.err, ==, "rentwise: Unknown model id “no-such-model” (rentwise "
                                    "--list-models lists the ids)\n");

  run_rentwise (&bad, "--offline", "--compare=l40s,h100-sxm", "--model=llama-3-1-8b",
                "--hours=1x", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.err, ==, "rentwise: --hours: “1x” is not a number\n");

  /* newcomer report 2, item 4: an image model is not planned as a language model (tokens,
   * sessions, vLLM, a KV cache): one line, exit 2, as for fine-tuning it */
  {
    g_auto(Run) image = { 0 };

    run_rentwise (&image, "--offline", "--plan=flux-1-dev", NULL);
    g_assert_cmpint (image.status, ==, 2);
    g_assert_cmpstr (image.out, ==, "");
    g_assert_cmpstr (image.err, ==, "rentwise: --plan: “flux-1-dev” is not a language model; "
                                    "only those can be planned here (--fit sizes its memory "
                                    "on one GPU)\n");
  }
}

/* --refresh --json: the feeds, and what each refresh changed from the catalog before it,
 * against a loopback server whose prices change between two refreshes */
static void
test_refresh_changes (void)
{
  Server srv = { 0 };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "fixtures", "skypilot",
                                                     "v9_lambda_vms.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *cache_home = g_dir_make_tmp ("rentwise-cli-XXXXXX", NULL);
  g_autofree char *feed_arg = NULL;
  g_autoptr(GString) without_a10 = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "--refresh", NULL, "--json", NULL };
  GSList *uris;
  gsize len;

  g_assert_true (g_file_get_contents (csv_path, &csv, &len, NULL));
  /* the second version: Lambda no longer offers the A10 */
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], ",A10,") == NULL && lines[i][0] != '\0')
      g_string_append_printf (without_a10, "%s\n", lines[i]);
  g_assert_cmpuint (without_a10->len, <, len);
  srv.csv = g_bytes_new_take (g_steal_pointer (&csv), len);
  soup_server_add_handler (server, NULL, serve_lambda, &srv, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  {
    g_autofree char *base = g_uri_to_string (uris->data);

    feed_arg = g_strdup_printf ("--feed=%slambda/vms.csv", base);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  args[1] = feed_arg;

  /* the first refresh: the feed, and its changes over the built-in snapshot */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root, *feed;

    run_async (&run, cache_home, args);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    feed = json_array_get_object_element (json_object_get_array_member (root, "feeds"), 0);
    g_assert_cmpstr (json_object_get_string_member (feed, "status"), ==, "fresh");
    g_assert_cmpint (json_object_get_int_member (feed, "offers"), ==, 374);
    g_assert_true (json_object_has_member (root, "changes"));
  }

  /* the same prices again: nothing changed */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    run_async (&run, cache_home, args);
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "changes")),
                      ==, 0);
  }

  /* the A10 rows gone: Lambda leaves the A10 at its $1.29/hr (the fixture's price) */
  g_bytes_unref (srv.csv);
  len = without_a10->len;
  srv.csv = g_bytes_new_take (g_string_free (g_steal_pointer (&without_a10), FALSE), len);
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *changes;
    gboolean found = FALSE;

    run_async (&run, cache_home, args);
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    changes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "changes");
    g_assert_cmpuint (json_array_get_length (changes), >, 0);
    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *change = json_array_get_object_element (changes, i);

        g_assert_cmpstr (json_object_get_string_member (change, "gpu"), ==, "a10");
        if (g_str_equal (json_object_get_string_member (change, "kind"), "gone-provider"))
          {
            g_assert_cmpstr (json_object_get_string_member (change, "provider"), ==, "lambda");
            g_assert_cmpfloat (json_object_get_double_member (change, "before"), ==, 1.29);
            g_assert_true (json_object_get_null_member (change, "after"));
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  soup_server_disconnect (server);
  g_bytes_unref (srv.csv);
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
  g_test_add_func ("/cli/include-suspect", test_include_suspect);
  g_test_add_func ("/cli/builtin-breakeven", test_builtin_breakeven);
  g_test_add_func ("/cli/rent-vs-own-options", test_rent_vs_own_options);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/fit", test_fit);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/refresh", test_refresh);
  g_test_add_func ("/cli/feed-errors", test_feed_errors);
  g_test_add_func ("/cli/help-plan-compare-workload", test_help_plan_compare_workload);
  g_test_add_func ("/cli/usable-memory-source", test_usable_memory_source);
  g_test_add_func ("/cli/refresh-changes", test_refresh_changes);

  return g_test_run ();
}
