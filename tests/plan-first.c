/* plan-first.c: the planner's first option for a model over the built-in catalog, for
 * tests/ui/test_plan.py to check the window against (until `rentwise --plan --json` is merged)
 *
 *   plan-first MODEL_ID CONTEXT SESSIONS
 *   → "GPU_ID<TAB>GPU_NAME<TAB>GPUS<TAB>PRECISION<TAB>PROVIDER_ID<TAB>PRICE_HR" (unrounded)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "rw-plan.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(RwPlan) plan = NULL;
  GListModel *models;
  RwPlanOptions options;
  RwModel *model = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: plan-first MODEL_ID CONTEXT SESSIONS\n");
      return 2;
    }
  catalog = rw_catalog_new_builtin (&error);
  if (catalog == NULL)
    {
      g_printerr ("plan-first: %s\n", error->message);
      return 2;
    }
  models = rw_catalog_get_models (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (models) && model == NULL; i++)
    {
      g_autoptr(RwModel) m = g_list_model_get_item (models, i);

      if (g_strcmp0 (rw_model_get_id (m), argv[1]) == 0)
        model = m;
    }
  if (model == NULL)
    {
      g_printerr ("plan-first: unknown model %s\n", argv[1]);
      return 2;
    }
  rw_plan_options_init (&options);
  options.context = g_ascii_strtoull (argv[2], NULL, 10);
  options.sessions = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  plan = rw_plan_compute (catalog, model, &options);
  if (plan->status != RW_PLAN_OK || plan->options_ranked->len == 0)
    {
      g_print ("%s\n", rw_plan_status_to_string (plan->status));
      return 1;
    }
  {
    const RwPlanOption *o = &g_array_index (plan->options_ranked, RwPlanOption, 0);

    g_print ("%s\t%s\t%u\t%s\t%s\t%.17g\n", rw_gpu_get_id (o->gpu), rw_gpu_get_name (o->gpu),
             o->gpus,
             rw_precision_to_string (o->precision), rw_offer_get_provider (o->offer),
             o->price_hr);
  }
  return 0;
}
