/* plan-bench.c: the time of one full plan (rw_plan_compute ()) over a catalog, for
 * BENCHMARKS.md; build-aux/bench runs it on the 100× synthetic catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   plan-bench CATALOG.json [MODEL_ID]
 *   plan-bench --text MODEL_ID [CONTEXT SESSIONS]   the plan over the built-in catalog, as
 *                                                   text (what --plan will print)
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "rw-plan.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CPU time of this thread, ms: on a shared machine the wall time includes waiting for a core */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
        return model;   /* the catalog keeps its reference */
    }
  return NULL;
}

/* The median of RUNS plans, in ms, and the plan's size: with @index, the plan alone; without,
 * the plan and the offers' index it makes first */
static double
time_plan (RwCatalog           *catalog,
           RwPlanIndex         *index,
           RwModel             *model,
           const RwPlanOptions *options,
           guint               *n_options,
           double              *cpu)
{
  double t[RUNS], c[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(RwPlan) plan = index != NULL ? rw_plan_compute_indexed (index, model, options)
                                             : rw_plan_compute (catalog, model, options);

      t[r] = (g_get_monotonic_time () - start) / 1000.0;
      c[r] = cpu_ms () - cpu_start;
      *n_options = plan->options_ranked->len;
    }
  qsort (t, RUNS, sizeof *t, compare_doubles);
  qsort (c, RUNS, sizeof *c, compare_doubles);
  *cpu = c[RUNS / 2];
  return t[RUNS / 2];
}

static double
time_index (RwCatalog *catalog,
            guint      mask,
            double    *cpu)
{
  double t[RUNS], c[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(RwPlanIndex) index = rw_plan_index_new (catalog, mask);

      t[r] = (g_get_monotonic_time () - start) / 1000.0;
      c[r] = cpu_ms () - cpu_start;
    }
  qsort (t, RUNS, sizeof *t, compare_doubles);
  qsort (c, RUNS, sizeof *c, compare_doubles);
  *cpu = c[RUNS / 2];
  return t[RUNS / 2];
}

static void
report (RwCatalog     *catalog,
        RwModel       *model,
        RwPlanOptions *options,
        const char    *label)
{
  g_autoptr(RwPlanIndex) index = rw_plan_index_new (catalog, options->pricing_mask);
  guint n;
  double plan_cpu, cold_cpu;
  double plan_ms = time_plan (catalog, index, model, options, &n, &plan_cpu);
  double cold_ms = time_plan (catalog, NULL, model, options, &n, &cold_cpu);

  printf ("%s, %s: plan %.3f ms (CPU %.3f); with the offers' index made first %.3f ms "
          "(CPU %.3f); %u options (medians of %u)\n", rw_model_get_id (model), label, plan_ms,
          plan_cpu, cold_ms, cold_cpu, n, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  const char *id = argc >= 3 ? argv[2] : "llama-3-3-70b";
  RwPlanOptions options;
  RwModel *model;

  if (argc >= 3 && g_str_equal (argv[1], "--text"))
    {
      g_autoptr(RwPlan) plan = NULL;
      g_autofree char *text = NULL;

      catalog = rw_catalog_new_builtin (&error);
      if (catalog == NULL)
        g_error ("%s", error->message);
      model = find_model (catalog, argv[2]);
      if (model == NULL)
        g_error ("no model %s", argv[2]);
      rw_plan_options_init (&options);
      if (argc >= 5)
        {
          options.context = g_ascii_strtoull (argv[3], NULL, 10);
          options.sessions = (guint) g_ascii_strtoull (argv[4], NULL, 10);
        }
      plan = rw_plan_compute (catalog, model, &options);
      text = rw_plan_text (catalog, plan, 10);
      fputs (text, stdout);
      return 0;
    }
  if (argc < 2)
    {
      fprintf (stderr, "usage: plan-bench CATALOG.json [MODEL_ID]\n");
      return 2;
    }
  catalog = rw_catalog_new_from_file (argv[1], &error);
  if (catalog == NULL)
    g_error ("%s", error->message);
  if (g_getenv ("PLAN_BENCH_IMAGE") != NULL)
    {
      /* as the app has it: the catalog read back from its image (README, start-up) */
      g_autoptr(GBytes) image = rw_catalog_to_image (catalog, "bench", NULL);

      g_clear_object (&catalog);
      catalog = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "bench", NULL, &error);
      if (catalog == NULL)
        g_error ("%s", error->message);
    }
  model = find_model (catalog, id);
  if (model == NULL)
    g_error ("no model %s", id);

  printf ("%s: %u GPUs, %u offers\n", argv[1],
          g_list_model_get_n_items (rw_catalog_get_gpus (catalog)),
          g_list_model_get_n_items (rw_catalog_get_offers (catalog)));
  {
    double cpu_all, cpu_od;
    double all = time_index (catalog, RW_PRICING_MASK_ALL, &cpu_all);
    double od = time_index (catalog, RW_PRICING_MASK_ON_DEMAND, &cpu_od);

    printf ("offers' index (every offer scanned once): %.3f ms (CPU %.3f) all pricing kinds, "
            "%.3f ms (CPU %.3f) on-demand only (medians of %u)\n", all, cpu_all, od, cpu_od,
            RUNS);
  }
  rw_plan_options_init (&options);
  report (catalog, model, &options, "8192 tokens × 1 session");
  options.context = 32768;
  options.sessions = 8;
  report (catalog, model, &options, "32768 tokens × 8 sessions");
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  report (catalog, model, &options, "32768 tokens × 8 sessions, on-demand only");
  return 0;
}
