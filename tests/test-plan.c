/* test-plan.c: the planner (docs/FIT.md, "The planner") over a small catalog with a known
 * cheapest plan: the count rule, spot on and off, suspect prices, nowhere-fits reasons and
 * the reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "rw-plan.h"
#include "rw-stats.h"
#include "rw-train-plan.h"
#include "test-common.h"

static RwModel *
model (RwCatalog  *catalog,
       const char *id)
{
  GListModel *models = rw_catalog_get_models (catalog);

  for (guint i = 0, n = g_list_model_get_n_items (models); i < n; i++)
    {
      g_autoptr(RwModel) m = g_list_model_get_item (models, i);

      if (g_str_equal (rw_model_get_id (m), id))
        return m;   /* the catalog keeps its reference */
    }
  g_assert_not_reached ();
}

static const RwPlanOption *
find_option (const RwPlan *plan,
             const char   *gpu,
             guint         gpus,
             RwPrecision   precision)
{
  for (guint i = 0; i < plan->options_ranked->len; i++)
    {
      const RwPlanOption *o = &g_array_index (plan->options_ranked, RwPlanOption, i);

      if (g_str_equal (rw_gpu_get_id (o->gpu), gpu) && o->gpus == gpus && o->precision == precision)
        return o;
    }
  return NULL;
}

/* The rules, checked against a brute force over the catalog: every GPU × count × precision
 * that fits and has an included instance with at least that many GPUs is there once, on the
 * cheapest such instance; the ranking is by price */
static void
check_against_brute_force (RwCatalog   *catalog,
                           RwModel     *m,
                           const RwPlan *plan)
{
  GListModel *gpus = rw_catalog_get_gpus (catalog);
  guint expected = 0;

  for (guint i = 1; i < plan->options_ranked->len; i++)
    {
      const RwPlanOption *a = &g_array_index (plan->options_ranked, RwPlanOption, i - 1);
      const RwPlanOption *b = &g_array_index (plan->options_ranked, RwPlanOption, i);

      g_assert_cmpfloat (a->price_hr, <=, b->price_hr);
      /* newcomer report 16: at equal $/hr the lower $/M tokens first (an unknown one last),
       * then fewer GPUs */
      if (a->price_hr != b->price_hr)
        continue;
      if (a->usd_per_m_tokens >= 0 && b->usd_per_m_tokens >= 0)
        g_assert_cmpfloat (a->usd_per_m_tokens, <=, b->usd_per_m_tokens);
      else
        g_assert_cmpfloat (b->usd_per_m_tokens, <, 0);
      if (a->usd_per_m_tokens == b->usd_per_m_tokens)
        g_assert_cmpuint (a->gpus, <=, b->gpus);
    }

  for (guint g = 0; g < g_list_model_get_n_items (gpus); g++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, g);
      GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));

      for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
        for (int p = 0; p < RW_N_PRECISIONS; p++)
          {
            RwOffer *cheapest = NULL;
            const RwPlanOption *o;
            RwFitOptions fo;
            RwFit fit;

            gboolean fp8 = rw_architecture_has_fp8 (rw_gpu_get_architecture (gpu));

            /* the GPU's 8-bit format: FP8 where the architecture has it, else INT8 */
            if ((p == RW_PRECISION_FP8 && !fp8) || (p == RW_PRECISION_INT8 && fp8))
              continue;
            for (guint k = 0; k < offers->len; k++)
              {
                RwOffer *offer = g_ptr_array_index (offers, k);
                guint mask = plan->options.pricing_mask;
                double price = rw_offer_get_price_hr (offer);

                if (!(mask & RW_PRICING_MASK (rw_offer_get_pricing (offer))))
                  continue;
                if (rw_offer_get_suspect (offer) && !(mask & RW_INCLUDE_SUSPECT))
                  continue;
                if (rw_offer_get_gpu_count (offer) < rw_fit_gpu_counts[c])
                  continue;
                if (cheapest == NULL || price < rw_offer_get_price_hr (cheapest))
                  cheapest = offer;
              }
            rw_fit_options_init (&fo);
            fo.context = plan->options.context;
            fo.sessions = plan->options.sessions;
            fo.gpus = rw_fit_gpu_counts[c];
            fo.precision = p;
            rw_fit_compute (m, gpu, &fo, &fit);
            o = find_option (plan, rw_gpu_get_id (gpu), rw_fit_gpu_counts[c], p);
            if (cheapest == NULL || !fit.fits ||
                (plan->options.precision >= 0 && plan->options.precision != p))
              {
                g_assert_null (o);
                continue;
              }
            expected++;
            g_assert_nonnull (o);
            g_assert_true (o->offer == cheapest);
            g_assert_cmpuint (o->instance_gpus, >=, o->gpus);
            g_assert_cmpfloat (o->need_bytes, <=, o->usable_bytes);
            g_assert_cmpfloat (o->need_bytes, ==, fit.need_bytes);
          }
    }
  g_assert_cmpuint (plan->options_ranked->len, ==, expected);
}

static void
test_cheapest (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *m = model (catalog, "llama-3-1-8b");
  g_autoptr(RwPlan) plan = NULL;
  const RwPlanOption *first, *o;
  RwPlanOptions options;

  rw_plan_options_init (&options);
  plan = rw_plan_compute (catalog, m, &options);
  g_assert_cmpint (plan->status, ==, RW_PLAN_OK);
  check_against_brute_force (catalog, m, plan);

  /* the $0.01 auction floor is suspect: left out, so the cheapest is p1's 1× at $0.50 */
  first = &g_array_index (plan->options_ranked, RwPlanOption, 0);
  g_assert_cmpstr (rw_offer_get_provider (first->offer), ==, "p1");
  g_assert_cmpstr (rw_gpu_get_id (first->gpu), ==, "small");
  g_assert_cmpfloat (first->price_hr, ==, 0.50);
  g_assert_cmpuint (first->gpus, ==, 1);
  /* FP16 fits on one too, but at the same price the lowest $/M tokens first: INT4 decodes
   * the fastest (newcomer report 16) */
  g_assert_cmpint (first->precision, ==, RW_PRECISION_INT4);
  o = find_option (plan, "small", 1, RW_PRECISION_FP16);
  g_assert_cmpfloat (o->price_hr, ==, first->price_hr);
  g_assert_cmpfloat (o->usd_per_m_tokens, >, first->usd_per_m_tokens);
  g_assert_cmpfloat_with_epsilon (first->per_month, 0.50 * 8 * 30, 1e-9);
  g_assert_cmpfloat (first->rate_per_gpu_hr, ==, 0.50);
  g_assert_cmpfloat (first->tokens_per_s, >, 0);
  g_assert_cmpfloat_with_epsilon (first->usd_per_m_tokens,
                                  0.50 / (first->tokens_per_s * 3600) * 1e6, 1e-9);
  g_assert_true (first->estimated & RW_THROUGHPUT_ESTIMATED_FACTOR);
  g_assert_cmpuint (first->max_sessions, >=, 1);
  g_assert_cmpuint (first->max_context, >=, 8192);

  /* the count rule: at least that many GPUs. Two GPUs: p2's 2× at $0.90 (not p1's 1×); four:
   * p3's 4× spot at $1.50; eight: p4's 8× at $4.00 */
  o = find_option (plan, "small", 2, RW_PRECISION_FP16);
  g_assert_nonnull (o);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "s2");
  o = find_option (plan, "small", 4, RW_PRECISION_FP16);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "s4-spot");
  g_assert_cmpuint (o->instance_gpus, ==, 4);
  o = find_option (plan, "small", 8, RW_PRECISION_FP16);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "s8");
  /* big: 4 GPUs are only in the 8× machine, paid whole */
  o = find_option (plan, "big", 4, RW_PRECISION_FP8);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "b8");
  g_assert_cmpfloat (o->price_hr, ==, 20.0);
  g_assert_cmpfloat (o->rate_per_gpu_hr, ==, 2.5);

  /* named: the cheapest on-demand and the cheapest spot */
  g_assert_true (plan->has_cheapest_on_demand);
  g_assert_cmpstr (rw_offer_get_instance (plan->cheapest_on_demand.offer), ==, "s1");
  g_assert_true (plan->has_cheapest_spot);
  g_assert_cmpstr (rw_offer_get_instance (plan->cheapest_spot.offer), ==, "s4-spot");
  /* at the same price, more GPUs of the instance decode faster */
  g_assert_cmpuint (plan->cheapest_spot.gpus, ==, 4);
  g_assert_false (plan->shorter_context.found);
}

/* A plan made with a kept index is the plan made from the catalog; the index's pricing mask
 * wins over the options' */
static void
test_index (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  g_autoptr(RwPlanIndex) index = rw_plan_index_new (catalog, RW_PRICING_MASK_ON_DEMAND);
  RwModel *m = model (catalog, "llama-3-3-70b");
  RwPlanOptions options;

  g_assert_cmpuint (rw_plan_index_get_pricing_mask (index), ==, RW_PRICING_MASK_ON_DEMAND);
  rw_plan_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  for (guint64 context = 1024; context <= 131072; context *= 4)
    {
      g_autoptr(RwPlan) a = NULL;
      g_autoptr(RwPlan) b = NULL;
      RwPlanOptions all = options;

      options.context = context;
      all.context = context;
      all.pricing_mask = RW_PRICING_MASK_ALL;
      a = rw_plan_compute (catalog, m, &options);
      b = rw_plan_compute_indexed (index, m, &all);
      g_assert_cmpuint (b->options.pricing_mask, ==, RW_PRICING_MASK_ON_DEMAND);
      g_assert_cmpuint (a->options_ranked->len, ==, b->options_ranked->len);
      for (guint i = 0; i < a->options_ranked->len; i++)
        {
          const RwPlanOption *x = &g_array_index (a->options_ranked, RwPlanOption, i);
          const RwPlanOption *y = &g_array_index (b->options_ranked, RwPlanOption, i);

          g_assert_true (x->offer == y->offer);
          g_assert_cmpuint (x->gpus, ==, y->gpus);
          g_assert_cmpint (x->precision, ==, y->precision);
          g_assert_cmpfloat (x->tokens_per_s, ==, y->tokens_per_s);
        }
    }
}

static void
test_on_demand_and_suspect (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *m = model (catalog, "llama-3-1-8b");
  g_autoptr(RwPlan) od = NULL;
  g_autoptr(RwPlan) suspect = NULL;
  const RwPlanOption *o;
  RwPlanOptions options;

  rw_plan_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK_ON_DEMAND;
  od = rw_plan_compute (catalog, m, &options);
  check_against_brute_force (catalog, m, od);
  g_assert_false (od->has_cheapest_spot);
  g_assert_true (od->has_cheapest_on_demand);
  /* without spot, four small GPUs come only in p4's 8× machine */
  o = find_option (od, "small", 4, RW_PRECISION_FP16);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "s8");
  for (guint i = 0; i < od->options_ranked->len; i++)
    {
      RwOffer *offer = g_array_index (od->options_ranked, RwPlanOption, i).offer;

      g_assert_cmpint (rw_offer_get_pricing (offer), ==, RW_PRICING_ON_DEMAND);
    }

  /* including suspect prices, as the statistics can: the auction floor wins */
  options.pricing_mask = RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT;
  suspect = rw_plan_compute (catalog, m, &options);
  check_against_brute_force (catalog, m, suspect);
  o = &g_array_index (suspect->options_ranked, RwPlanOption, 0);
  g_assert_cmpstr (rw_offer_get_provider (o->offer), ==, "auction");
  g_assert_true (rw_offer_get_suspect (o->offer));
}

/* More sessions at a long context: fewer options, more GPUs, slower sessions */
static void
test_sessions (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *m = model (catalog, "llama-3-3-70b");
  g_autoptr(RwPlan) one = NULL;
  g_autoptr(RwPlan) eight = NULL;
  RwPlanOptions options;
  const RwPlanOption *a, *b;

  rw_plan_options_init (&options);
  options.context = 32768;
  one = rw_plan_compute (catalog, m, &options);
  check_against_brute_force (catalog, m, one);
  options.sessions = 8;
  eight = rw_plan_compute (catalog, m, &options);
  check_against_brute_force (catalog, m, eight);
  g_assert_cmpint (eight->status, ==, RW_PLAN_OK);
  g_assert_cmpuint (eight->options_ranked->len, <, one->options_ranked->len);
  a = find_option (one, "big", 8, RW_PRECISION_FP16);
  b = find_option (eight, "big", 8, RW_PRECISION_FP16);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpfloat (b->tokens_per_s_per_session, <, a->tokens_per_s_per_session);
  g_assert_cmpfloat_with_epsilon (b->tokens_per_s, b->tokens_per_s_per_session * 8, 1e-6);
  g_assert_cmpuint (b->max_sessions, >=, 8);
}

static void
test_nowhere (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *m = model (catalog, "llama-3-1-405b");
  g_autoptr(RwPlan) huge = NULL;
  g_autoptr(RwPlan) fp16 = NULL;
  g_autoptr(RwPlan) reserved = NULL;
  RwPlanOptions options;
  RwFitOptions fo;
  RwFit fit;

  /* 64 sessions of 131 072 tokens: 2.8 TB of KV, on no machine */
  rw_plan_options_init (&options);
  options.context = 131072;
  options.sessions = 64;
  huge = rw_plan_compute (catalog, m, &options);
  g_assert_cmpint (huge->status, ==, RW_PLAN_TOO_LARGE);
  g_assert_cmpuint (huge->options_ranked->len, ==, 0);
  g_assert_false (huge->lower_precision.found);   /* every precision was tried */
  /* what would fit: a shorter context for the 64 sessions, or fewer sessions */
  g_assert_true (huge->shorter_context.found);
  g_assert_cmpuint (huge->shorter_context.value, <, 131072);
  g_assert_cmpuint (huge->shorter_context.value, >, 0);
  rw_fit_options_init (&fo);
  fo.context = huge->shorter_context.value;
  fo.sessions = 64;
  fo.gpus = huge->shorter_context.option.gpus;
  fo.precision = huge->shorter_context.option.precision;
  rw_fit_compute (m, huge->shorter_context.option.gpu, &fo, &fit);
  g_assert_true (fit.fits);
  fo.context = huge->shorter_context.value + 16;
  rw_fit_compute (m, huge->shorter_context.option.gpu, &fo, &fit);
  g_assert_false (fit.fits);
  g_assert_true (huge->fewer_sessions.found);
  g_assert_cmpuint (huge->fewer_sessions.value, <, 64);
  g_assert_cmpuint (huge->fewer_sessions.value, >=, 1);
  g_assert_cmpuint (huge->fewer_sessions.option.gpus, ==, 8);

  /* FP16 only: 811 GB of weights are on no 8 GPUs here; FP8 on the 8× big would */
  rw_plan_options_init (&options);
  options.precision = RW_PRECISION_FP16;
  fp16 = rw_plan_compute (catalog, m, &options);
  g_assert_cmpint (fp16->status, ==, RW_PLAN_TOO_LARGE);
  g_assert_true (fp16->lower_precision.found);
  g_assert_cmpuint (fp16->lower_precision.value, ==, RW_PRECISION_FP8);
  g_assert_cmpstr (rw_offer_get_instance (fp16->lower_precision.option.offer), ==, "b8");

  /* no reserved offers at all */
  rw_plan_options_init (&options);
  options.pricing_mask = RW_PRICING_MASK (RW_PRICING_RESERVED);
  reserved = rw_plan_compute (catalog, model (catalog, "llama-3-1-8b"), &options);
  g_assert_cmpint (reserved->status, ==, RW_PLAN_NO_OFFERS);
  g_assert_false (reserved->has_cheapest_on_demand);
}

/* Asking for INT8 asks for the GPU's 8-bit format: FP8 on both of these (Ada, Hopper) */
static void
test_precision_slot (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  g_autoptr(RwPlan) plan = NULL;
  RwPlanOptions options;

  rw_plan_options_init (&options);
  options.precision = RW_PRECISION_INT8;
  plan = rw_plan_compute (catalog, model (catalog, "llama-3-3-70b"), &options);
  g_assert_cmpint (plan->status, ==, RW_PLAN_OK);
  for (guint i = 0; i < plan->options_ranked->len; i++)
    g_assert_cmpint (g_array_index (plan->options_ranked, RwPlanOption, i).precision, ==,
                     RW_PRECISION_FP8);
  g_assert_nonnull (find_option (plan, "big", 2, RW_PRECISION_FP8));
  g_assert_nonnull (find_option (plan, "small", 4, RW_PRECISION_FP8));
}

static JsonObject *parse (const char *json,
                          JsonParser *parser);

/* What the catalog does not say stays unknown: a GPU without a memory bandwidth has no
 * tokens/s (null in JSON, flagged), and an image model has no decode step */
static void
test_unknowns (void)
{
  static const char doc[] =
    "{ \"schema\": \"rentwise-catalog/1\", \"gpus\": ["
    "  { \"id\": \"nobw\", \"name\": \"No bandwidth\", \"vram_gb\": 80 } ],"
    "  \"providers\": [ { \"id\": \"p\", \"name\": \"P\" } ],"
    "  \"offers\": [ { \"provider\": \"p\", \"gpu\": \"nobw\", \"gpu_count\": 1,"
    "                 \"price_hr\": 1.0, \"pricing\": \"on-demand\" } ],"
    "  \"models\": [ { \"id\": \"m\", \"name\": \"M\", \"params_b\": 7 } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);
  g_autoptr(RwCatalog) builtin = NULL;
  g_autoptr(RwPlan) plan = NULL;
  g_autoptr(RwPlan) image = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  const RwPlanOption *o;
  JsonObject *first;

  g_assert_no_error (error);
  plan = rw_plan_compute (catalog, model (catalog, "m"), NULL);
  g_assert_cmpint (plan->status, ==, RW_PLAN_OK);
  o = &g_array_index (plan->options_ranked, RwPlanOption, 0);
  g_assert_cmpfloat (o->tokens_per_s, ==, RW_UNKNOWN);
  g_assert_cmpfloat (o->usd_per_m_tokens, ==, RW_UNKNOWN);
  g_assert_true (o->estimated & RW_THROUGHPUT_NO_BANDWIDTH);
  g_assert_true (o->estimated & RW_FIT_ESTIMATED_LAYERS);
  json = rw_plan_json (catalog, plan, 1);
  first = json_array_get_object_element (
            json_object_get_array_member (parse (json, parser), "options"), 0);
  g_assert_true (json_object_get_null_member (first, "tokens_per_s"));
  g_assert_true (json_object_get_null_member (first, "usd_per_m_tokens"));
  g_assert_true (json_object_get_boolean_member (first, "estimated"));

  builtin = rw_catalog_new_builtin (&error);
  g_assert_no_error (error);
  image = rw_plan_compute (builtin, model (builtin, "flux-1-schnell"), NULL);
  g_assert_cmpint (image->status, ==, RW_PLAN_OK);
  o = &g_array_index (image->options_ranked, RwPlanOption, 0);
  g_assert_cmpfloat (o->tokens_per_s, ==, RW_UNKNOWN);
}

static JsonObject *
parse (const char *json,
       JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  g_autoptr(RwPlan) plan = rw_plan_compute (catalog, model (catalog, "llama-3-1-8b"), NULL);
  g_autoptr(RwPlan) none = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autofree char *json = rw_plan_json (catalog, plan, 3);
  g_autofree char *json2 = NULL;
  static const char * const members[] = { "gpu", "gpus", "precision", "provider", "instance",
                                          "price_hr", "rate_per_gpu_hr", "per_month",
                                          "tokens_per_s", "usd_per_m_tokens", "need_bytes",
                                          "usable_bytes", "max_context", "max_sessions",
                                          "estimated" };
  JsonObject *root, *first, *od, *would;
  JsonArray *options;
  RwPlanOptions po;

  root = parse (json, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "llama-3-1-8b");
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (root, "options_total"), ==,
                   plan->options_ranked->len);
  options = json_object_get_array_member (root, "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 3);
  first = json_array_get_object_element (options, 0);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (first, members[i]));
  g_assert_cmpstr (json_object_get_string_member (first, "provider"), ==, "p1");
  g_assert_cmpstr (json_object_get_string_member (first, "precision"), ==, "int4");
  g_assert_cmpfloat (json_object_get_double_member (first, "price_hr"), ==, 0.5);
  g_assert_true (json_object_get_boolean_member (first, "estimated"));
  g_assert_cmpfloat (json_object_get_double_member (first, "tokens_per_s"), ==,
                     g_array_index (plan->options_ranked, RwPlanOption, 0).tokens_per_s);
  od = json_object_get_object_member (root, "cheapest_on_demand");
  g_assert_cmpstr (json_object_get_string_member (od, "instance"), ==, "s1");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "cheapest_spot"), "instance"), ==,
                   "s4-spot");
  would = json_object_get_object_member (root, "would_fit");
  g_assert_true (json_object_get_null_member (would, "shorter_context"));

  rw_plan_options_init (&po);
  po.context = 131072;
  po.sessions = 64;
  none = rw_plan_compute (catalog, model (catalog, "llama-3-1-405b"), &po);
  json2 = rw_plan_json (catalog, none, 0);
  root = parse (json2, parser2);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "too-large");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "options")), ==, 0);
  g_assert_true (json_object_get_null_member (root, "cheapest_on_demand"));
  would = json_object_get_object_member (root, "would_fit");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (would,
                                                                              "fewer_sessions"),
                                               "sessions"), ==, none->fewer_sessions.value);
}

static void
test_text (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  g_autoptr(RwPlan) plan = rw_plan_compute (catalog, model (catalog, "llama-3-1-8b"), NULL);
  g_autoptr(RwPlan) none = NULL;
  g_autofree char *text = rw_plan_text (catalog, plan, 2);
  g_autofree char *text2 = NULL;
  RwPlanOptions po;

  g_assert_true (g_str_has_prefix (text, "Llama 3.1 8B: 8,192 tokens × 1 session, engine vllm"));
  g_assert_nonnull (strstr (text, "Cheapest on-demand: 1× Small GPU (L40S specs) at INT4 on "
                                  "Provider P1 s1 (1 GPU): $0.50/hr, $120.00/month, ~"));
  g_assert_nonnull (strstr (text, "Cheapest spot: 4× Small GPU (L40S specs) at INT4 on "
                                  "Provider P3 s4-spot (4 GPUs): $1.50/hr"));
  g_assert_nonnull (strstr (text, "  2. "));
  g_assert_null (strstr (text, "  3. "));
  g_assert_nonnull (strstr (text, "estimates"));

  rw_plan_options_init (&po);
  po.context = 131072;
  po.sessions = 64;
  none = rw_plan_compute (catalog, model (catalog, "llama-3-1-405b"), &po);
  text2 = rw_plan_text (catalog, none, 0);
  g_assert_nonnull (strstr (text2, "Does not fit on any instance offered"));
  g_assert_nonnull (strstr (text2, "Would fit with a context of "));
  g_assert_nonnull (strstr (text2, " sessions: 8× Big GPU"));
}

/* A fine-tuning workload: per GPU, the GPUs the training fit needs (full fine-tuning of the
 * 8B: 4 small or 2 big) on the cheapest included instance with at least that many, cheapest
 * first; on-demand only leaves the spot machines out (the fixture's offers: small 1× $0.50,
 * 2× $0.90, 4× $1.50 spot, 8× $4.00; big 1× $2.00, 2× $3.00 spot, 8× $20.00) */
static void
test_train (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("plan-catalog.json");
  RwModel *llama = model (catalog, "llama-3-1-8b");
  RwTrainOptions train;
  RwPlanStatus status;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) on_demand = NULL;
  const RwTrainPlanOption *o;

  rw_train_options_init (&train, RW_WORKLOAD_FULL);
  all = rw_train_plan_compute (catalog, llama, &train, RW_PRICING_MASK_ALL, 8, &status);
  g_assert_cmpint (status, ==, RW_PLAN_OK);
  g_assert_cmpuint (all->len, ==, 2);
  o = &g_array_index (all, RwTrainPlanOption, 0);
  g_assert_cmpstr (rw_gpu_get_id (o->gpu), ==, "small");
  g_assert_cmpuint (o->fit.gpus, ==, 4);
  g_assert_cmpstr (rw_offer_get_instance (o->offer), ==, "s4-spot");
  g_assert_cmpfloat (o->per_month, ==, 1.5 * 8 * 30);
  o = &g_array_index (all, RwTrainPlanOption, 1);
  g_assert_cmpstr (rw_gpu_get_id (o->gpu), ==, "big");
  g_assert_cmpuint (o->fit.gpus, ==, 2);

  on_demand = rw_train_plan_compute (catalog, llama, &train, RW_PRICING_MASK_ON_DEMAND, 8,
                                     &status);
  g_assert_cmpint (status, ==, RW_PLAN_OK);
  g_assert_cmpuint (on_demand->len, ==, 2);
  o = &g_array_index (on_demand, RwTrainPlanOption, 0);
  g_assert_cmpstr (rw_gpu_get_id (o->gpu), ==, "small");
  g_assert_cmpuint (o->fit.gpus, ==, 4);
  g_assert_cmpuint (rw_offer_get_gpu_count (o->offer), ==, 8);
  g_assert_cmpfloat (rw_offer_get_price_hr (o->offer), ==, 4.0);
  o = &g_array_index (on_demand, RwTrainPlanOption, 1);
  g_assert_cmpstr (rw_gpu_get_id (o->gpu), ==, "big");
  g_assert_cmpfloat (rw_offer_get_price_hr (o->offer), ==, 20.0);
}

/* Newcomer report 2, items 2 and 4: a watched plan keeps the context the plan uses (capped at
 * the model's maximum, as the plan says), and only language models are planned */
static void
test_effective_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) builtin = rw_catalog_new_builtin (&error);
  RwModel *deepseek, *flux;
  RwPlan *plan;

  g_assert_no_error (error);
  deepseek = model (builtin, "deepseek-r1-distill-qwen-14b");
  flux = model (builtin, "flux-1-dev");
  g_assert_cmpint (rw_model_get_context (deepseek), ==, 131072);
  g_assert_cmpuint (rw_plan_effective_context (deepseek, 1048576), ==, 131072);
  g_assert_cmpuint (rw_plan_effective_context (deepseek, 131072), ==, 131072);
  g_assert_cmpuint (rw_plan_effective_context (deepseek, 8192), ==, 8192);
  g_assert_cmpuint (rw_plan_effective_context (deepseek, 0), ==, 1);
  /* the plan caps the same way */
  {
    RwPlanOptions options;

    rw_plan_options_init (&options);
    options.context = 1048576;
    plan = rw_plan_compute (builtin, deepseek, &options);
    g_assert_cmpuint (plan->context, ==, 131072);
    g_assert_true (plan->context_capped);
    rw_plan_free (plan);
  }
  g_assert_true (rw_plan_supports_model (deepseek));
  g_assert_false (rw_plan_supports_model (flux));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/cheapest", test_cheapest);
  g_test_add_func ("/plan/on-demand-and-suspect", test_on_demand_and_suspect);
  g_test_add_func ("/plan/index", test_index);
  g_test_add_func ("/plan/sessions", test_sessions);
  g_test_add_func ("/plan/nowhere", test_nowhere);
  g_test_add_func ("/plan/precision-slot", test_precision_slot);
  g_test_add_func ("/plan/unknowns", test_unknowns);
  g_test_add_func ("/plan/json", test_json);
  g_test_add_func ("/plan/text", test_text);
  g_test_add_func ("/plan/train", test_train);
  g_test_add_func ("/plan/effective-context", test_effective_context);
  return g_test_run ();
}
