/* rw-train-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The planner for a fine-tuning workload: per GPU of the catalog, the GPUs the training fit
 * needs (rw_train_fit_compute (): the fewest of 1, 2, 4, 8 in one machine, data or fully
 * sharded parallel, docs/FIT.md "Fine-tuning") joined with the cheapest included instance that
 * has at least that many GPUs, as the inference planner does (rw-plan.c, docs/FIT.md "The
 * planner": tensor or data parallelism stays inside one machine, you pay the whole instance).
 * Shared by `rentwise --plan --workload=…` and the "Plan a model" window, so both agree.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rw-format.h"
#include "rw-json-writer.h"
#include "rw-stats.h"
#include "rw-train-plan.h"

/* One machine that fine-tunes the model: the cheapest included instance with at least the
 * GPUs the training fit needs (rw_train_fit_compute (), fewest of 1, 2, 4, 8) */
/* The planner's rule for the offers a plan includes (rw-plan.c, offer_included) */
static gboolean
offer_included (RwOffer *offer,
                guint    mask)
{
  if (!(mask & RW_PRICING_MASK (rw_offer_get_pricing (offer))))
    return FALSE;
  if (rw_offer_get_suspect (offer) && !(mask & RW_INCLUDE_SUSPECT))
    return FALSE;
  if (rw_offer_get_gpu_only (offer) && !(mask & RW_INCLUDE_GPU_ONLY))
    return FALSE;
  return TRUE;
}

/* The planner's order of instances: price, then fewer GPUs, provider, instance */
static gboolean
offer_better (RwOffer *a,
              RwOffer *b)
{
  int c;

  if (b == NULL)
    return TRUE;
  if (rw_offer_get_price_hr (a) != rw_offer_get_price_hr (b))
    return rw_offer_get_price_hr (a) < rw_offer_get_price_hr (b);
  if (rw_offer_get_gpu_count (a) != rw_offer_get_gpu_count (b))
    return rw_offer_get_gpu_count (a) < rw_offer_get_gpu_count (b);
  c = g_strcmp0 (rw_offer_get_provider (a), rw_offer_get_provider (b));
  if (c != 0)
    return c < 0;
  return g_strcmp0 (rw_offer_get_instance (a), rw_offer_get_instance (b)) < 0;
}

static int
compare_train_plan_options (gconstpointer a,
                            gconstpointer b)
{
  const RwTrainPlanOption *oa = a, *ob = b;
  double pa = rw_offer_get_price_hr (oa->offer), pb = rw_offer_get_price_hr (ob->offer);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  if (oa->fit.gpus != ob->fit.gpus)
    return oa->fit.gpus < ob->fit.gpus ? -1 : 1;
  if (oa->gpu != ob->gpu)
    {
      g_autofree char *na = g_utf8_casefold (rw_gpu_get_name (oa->gpu), -1);
      g_autofree char *nb = g_utf8_casefold (rw_gpu_get_name (ob->gpu), -1);
      int c = strcmp (na, nb);

      if (c != 0)
        return c;
    }
  return g_strcmp0 (rw_gpu_get_id (oa->gpu), rw_gpu_get_id (ob->gpu));
}

/* The plan for a fine-tuning workload (@train->workload LORA, QLORA or FULL): per GPU of the
 * catalog, the GPUs the training fit needs and the cheapest included instance (@pricing_mask,
 * RW_PRICING_MASK_* | RW_INCLUDE_*, the inference planner's rule) with at least that many, as
 * an array of RwTrainPlanOption ranked by the instance's $/hr, then fewer GPUs, then GPU name
 * (case-folded; the inference plan's ties, which also weigh $/M tokens, the training plan has
 * no throughput for).
 * The planner's throughput is a decode (inference) estimate, so these options carry no
 * tokens/s. @hours_per_day: for per_month.
 * @status: RW_PLAN_NO_OFFERS when no GPU has an included offer, RW_PLAN_TOO_LARGE when none
 * that has one trains the model, else RW_PLAN_OK */
GArray *
rw_train_plan_compute (RwCatalog            *catalog,
                       RwModel              *model,
                       const RwTrainOptions *train,
                       guint                 pricing_mask,
                       double                hours_per_day,
                       RwPlanStatus         *status)
{
  GArray *options = g_array_new (FALSE, TRUE, sizeof (RwTrainPlanOption));
  GListModel *gpus = rw_catalog_get_gpus (catalog);
  gboolean any_offer = FALSE;

  for (guint g = 0, n = g_list_model_get_n_items (gpus); g < n; g++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, g);
      GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));
      RwTrainPlanOption option = { gpu, NULL };
      gboolean fits;

      for (guint i = 0; i < offers->len; i++)
        if (offer_included (g_ptr_array_index (offers, i), pricing_mask))
          any_offer = TRUE;
      fits = rw_train_fit_compute (model, gpu, train, &option.fit) && option.fit.fits;
      if (!fits)
        continue;
      for (guint i = 0; i < offers->len; i++)
        {
          RwOffer *offer = g_ptr_array_index (offers, i);

          if (offer_included (offer, pricing_mask) &&
              rw_offer_get_gpu_count (offer) >= option.fit.gpus &&
              offer_better (offer, option.offer))
            option.offer = offer;
        }
      if (option.offer == NULL)
        continue;
      option.per_month = rw_offer_get_price_hr (option.offer) * hours_per_day * 30;
      g_array_append_val (options, option);
    }
  g_array_sort (options, compare_train_plan_options);
  *status = options->len > 0 ? RW_PLAN_OK : any_offer ? RW_PLAN_TOO_LARGE : RW_PLAN_NO_OFFERS;
  return options;
}

/* The cheapest machine of one pricing kind (@pricing: on-demand or spot) that trains the model,
 * even where another kind is cheaper for the same GPU (the inference plan's cheapest_on_demand
 * and cheapest_spot rule): the first option of rw_train_plan_compute () over the offers of that
 * kind that @pricing_mask includes (its RW_INCLUDE_* flags kept). FALSE, @out untouched, when
 * @pricing_mask leaves that kind out or no such offer trains it. */
gboolean
rw_train_plan_cheapest (RwCatalog            *catalog,
                        RwModel              *model,
                        const RwTrainOptions *train,
                        guint                 pricing_mask,
                        RwPricing             pricing,
                        double                hours_per_day,
                        RwTrainPlanOption    *out)
{
  g_autoptr(GArray) options = NULL;
  RwPlanStatus status;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!(pricing_mask & RW_PRICING_MASK (pricing)))
    return FALSE;
  options = rw_train_plan_compute (catalog, model, train,
                                   (pricing_mask & ~RW_PRICING_MASK_ALL) |
                                   RW_PRICING_MASK (pricing),
                                   hours_per_day, &status);
  if (options->len == 0)
    return FALSE;
  *out = g_array_index (options, RwTrainPlanOption, 0);
  return TRUE;
}

/* The plan of rw_train_plan_compute () as `rentwise --plan --workload=… --json` prints it: the
 * members of the inference plan's options (rw_plan_json ()), with null for what a training
 * plan does not estimate (precision, tokens_per_s, usd_per_m_tokens, max_context,
 * max_sessions) and a `breakdown` in bytes per GPU. @limit: the most options printed, 0 all. */
char *
rw_train_plan_json (RwCatalog            *catalog,
                    RwModel              *model,
                    const RwTrainOptions *train,
                    guint                 pricing_mask,
                    double                hours_per_day,
                    guint                 limit)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);
  RwPlanStatus status;
  g_autoptr(GArray) options = rw_train_plan_compute (catalog, model, train, pricing_mask,
                                                     hours_per_day, &status);
  guint shown = limit > 0 ? MIN (limit, options->len) : options->len;

  rw_json_writer_begin_object (w);
  rw_json_writer_member_string (w, "model", rw_model_get_id (model));
  rw_json_writer_member_string (w, "name", rw_model_get_name (model));
  rw_json_writer_member_string (w, "workload", rw_workload_to_string (train->workload));
  rw_json_writer_key (w, "training");
  rw_train_write_options_json (w, train);
  rw_json_writer_key (w, "on_demand_only");
  rw_json_writer_boolean (w, (pricing_mask & RW_PRICING_MASK_ALL) == RW_PRICING_MASK_ON_DEMAND);
  rw_json_writer_key (w, "include_suspect");
  rw_json_writer_boolean (w, (pricing_mask & RW_INCLUDE_SUSPECT) != 0);
  rw_json_writer_member_number (w, "hours_per_day", hours_per_day);
  rw_json_writer_member_string (w, "status", rw_plan_status_to_string (status));
  rw_json_writer_member_int (w, "options_total", options->len);
  rw_json_writer_key (w, "options");
  rw_json_writer_begin_array (w);
  for (guint i = 0; i < shown; i++)
    {
      const RwTrainPlanOption *o = &g_array_index (options, RwTrainPlanOption, i);
      RwProvider *provider = rw_catalog_lookup_provider (catalog,
                                                         rw_offer_get_provider (o->offer));
      double price_hr = rw_offer_get_price_hr (o->offer);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "gpu", rw_gpu_get_id (o->gpu));
      rw_json_writer_member_string (w, "gpu_name", rw_gpu_get_name (o->gpu));
      rw_json_writer_member_int (w, "gpus", o->fit.gpus);
      rw_json_writer_member_int (w, "instance_gpus", rw_offer_get_gpu_count (o->offer));
      /* trained at the workload's own formats (16-bit, or an NF4 base for QLoRA) */
      rw_json_writer_key (w, "precision");
      rw_json_writer_null (w);
      rw_json_writer_member_string (w, "provider", rw_offer_get_provider (o->offer));
      rw_json_writer_member_string (w, "provider_name",
                                    provider ? rw_provider_get_name (provider) : NULL);
      rw_json_writer_member_string (w, "instance", rw_offer_get_instance (o->offer));
      rw_json_writer_member_string (w, "pricing",
                                    rw_pricing_to_string (rw_offer_get_pricing (o->offer)));
      rw_json_writer_member_number (w, "price_hr", price_hr);
      rw_json_writer_member_number (w, "rate_per_gpu_hr",
                                    price_hr / rw_offer_get_gpu_count (o->offer));
      rw_json_writer_member_number (w, "per_month", o->per_month);
      /* a decode estimate does not apply to training */
      rw_json_writer_key (w, "tokens_per_s");
      rw_json_writer_null (w);
      rw_json_writer_key (w, "usd_per_m_tokens");
      rw_json_writer_null (w);
      rw_json_writer_member_number (w, "need_bytes", o->fit.need_bytes);
      rw_json_writer_member_number (w, "usable_bytes", o->fit.usable_bytes);
      rw_json_writer_key (w, "max_context");
      rw_json_writer_null (w);
      rw_json_writer_key (w, "max_sessions");
      rw_json_writer_null (w);
      rw_json_writer_key (w, "estimated");
      rw_json_writer_boolean (w, TRUE);
      rw_json_writer_key (w, "breakdown");
      rw_json_writer_begin_object (w);
      rw_train_write_fit_json (w, &o->fit);
      rw_json_writer_end_object (w);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

/* An option as the text prints it: "$1.20/hr  2× NVIDIA L40S  RunPod 2x-l40s  need 38.1 GB of
 * 47.7 GB per GPU  $288.00/month" (the provider's name, as the inference plan and the app) */
static char *
option_text (RwCatalog               *catalog,
             const RwTrainPlanOption *o)
{
  g_autofree char *gpu_name = rw_text_sanitize (rw_gpu_get_name (o->gpu));
  g_autofree char *provider =
    rw_text_sanitize (rw_catalog_get_provider_name (catalog, rw_offer_get_provider (o->offer)));
  g_autofree char *instance = rw_text_sanitize (rw_offer_get_instance (o->offer));
  /* dollars and cents, as the planner window shows them */
  g_autofree char *price = rw_format_usd (rw_offer_get_price_hr (o->offer), 2);
  g_autofree char *month = rw_format_usd (o->per_month, 2);

  /* TRANSLATORS: "$1.20/hr  2× NVIDIA L40S  RunPod 2x-l40s  need 38.1 GB of 47.7 GB per GPU
   * $288.00/month" */
  return g_strdup_printf (_("%s/hr  %u× %s  %s %s  need %.1f GB of %.1f GB per GPU  %s/month"),
                          price, o->fit.gpus, gpu_name, provider, instance ? instance : "",
                          o->fit.need_bytes / 1e9, o->fit.usable_bytes / 1e9, month);
}

/* The same plan as text, as the inference plan's (rw_plan_text ()): a header with the
 * workload's name ("Llama 3.1 8B: LoRA, cheapest first"), the cheapest on-demand and spot
 * machines (rw_train_plan_cheapest ()), then one line per option; @limit as for
 * rw_train_plan_json () */
char *
rw_train_plan_text (RwCatalog            *catalog,
                    RwModel              *model,
                    const RwTrainOptions *train,
                    guint                 pricing_mask,
                    double                hours_per_day,
                    guint                 limit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = rw_text_sanitize (rw_model_get_name (model));
  RwPlanStatus status;
  g_autoptr(GArray) options = rw_train_plan_compute (catalog, model, train, pricing_mask,
                                                     hours_per_day, &status);
  guint shown = limit > 0 ? MIN (limit, options->len) : options->len;
  RwTrainPlanOption cheapest;

  /* TRANSLATORS: "Llama 3.1 8B: LoRA, cheapest first" (the model, the workload) */
  g_string_append_printf (out, _("%s: %s, cheapest first\n"), name,
                          rw_workload_get_label (train->workload));
  if (options->len == 0)
    g_string_append (out, status == RW_PLAN_NO_OFFERS
                          ? _("  No GPU has an offer these options include.\n")
                          : _("  No offered machine of up to 8 GPUs can train it.\n"));
  if (rw_train_plan_cheapest (catalog, model, train, pricing_mask, RW_PRICING_ON_DEMAND,
                              hours_per_day, &cheapest))
    {
      g_autofree char *s = option_text (catalog, &cheapest);

      g_string_append_printf (out, _("  Cheapest on-demand: %s\n"), s);
    }
  if (rw_train_plan_cheapest (catalog, model, train, pricing_mask, RW_PRICING_SPOT,
                              hours_per_day, &cheapest))
    {
      g_autofree char *s = option_text (catalog, &cheapest);

      g_string_append_printf (out, _("  Cheapest spot: %s\n"), s);
    }
  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *s = option_text (catalog, &g_array_index (options, RwTrainPlanOption, i));

      g_string_append_printf (out, "  %s\n", s);
    }
  if (shown < options->len)
    {
      g_autofree char *more = rw_format_number (options->len - shown, 0);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  … and %s more option\n",
                                                "  … and %s more options\n",
                                                options->len - shown),
                              more);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
