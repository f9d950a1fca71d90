/* rw-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rw-records-private.h"
#include "rw-stats.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

/**
 * rw_median:
 * @values: (array length=n_values): sorted in place
 *
 * Returns: the median; with an even count the mean of the two middle values;
 *   RW_UNKNOWN for no values.
 */
double
rw_median (double *values,
           guint   n_values)
{
  if (n_values == 0)
    return RW_UNKNOWN;
  qsort (values, n_values, sizeof (double), compare_double);
  if (n_values % 2 == 1)
    return values[n_values / 2];
  return (values[n_values / 2 - 1] + values[n_values / 2]) / 2.0;
}

static int
compare_rate (gconstpointer a,
              gconstpointer b)
{
  const RwProviderRate *ra = a;
  const RwProviderRate *rb = b;

  if (ra->rate_hr != rb->rate_hr)
    return ra->rate_hr < rb->rate_hr ? -1 : 1;
  return strcmp (ra->provider, rb->provider);
}

/**
 * rw_price_stats_compute:
 * @offers: (array length=n_offers): the offers of one GPU
 * @pricing_mask: which pricing kinds to include (RW_PRICING_MASK_*), and whether suspect
 *   (RW_INCLUDE_SUSPECT) and GPU-only (RW_INCLUDE_GPU_ONLY) offers count; by default they
 *   do not
 *
 * Provider rates, cheapest, median and most expensive provider rate, spread, and the
 * cheapest rate per day, week and month, exactly as DESIGN.md defines them.
 * Provider ids in the result are borrowed from @offers.
 */
RwPriceStats *
rw_price_stats_compute (RwOffer * const *offers,
                        guint            n_offers,
                        guint            pricing_mask)
{
  RwPriceStats *stats = g_new0 (RwPriceStats, 1);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) left_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *values = NULL;

  stats->rates = g_array_new (FALSE, FALSE, sizeof (RwProviderRate));
  stats->left_out = g_array_new (FALSE, FALSE, sizeof (RwProviderRate));
  stats->cheapest_hr = stats->median_hr = stats->most_expensive_hr = RW_UNKNOWN;
  stats->spread = stats->per_day = stats->per_week = stats->per_month = RW_UNKNOWN;

  for (guint i = 0; i < n_offers; i++)
    {
      /* the fields, not the getters: this runs for every offer of every GPU at each load */
      RwOffer *offer = offers[i];
      const char *provider = offer->provider;
      double rate;
      gpointer slot;

      if ((pricing_mask & RW_PRICING_MASK (offer->pricing)) == 0)
        continue;
      rate = offer->price_hr / (double) MAX (offer->gpu_count, 1);
      if (((offer->flags & RW_OFFER_SUSPECT) && !(pricing_mask & RW_INCLUDE_SUSPECT)) ||
          ((offer->flags & RW_OFFER_GPU_ONLY) && !(pricing_mask & RW_INCLUDE_GPU_ONLY)))
        {
          if (offer->flags & RW_OFFER_SUSPECT)
            stats->suspect++;
          else
            stats->gpu_only++;
          if (g_hash_table_lookup_extended (left_index, provider, NULL, &slot))
            {
              RwProviderRate *r =
                &g_array_index (stats->left_out, RwProviderRate, GPOINTER_TO_UINT (slot));

              r->offers++;
              if (rate < r->rate_hr)
                {
                  r->rate_hr = rate;
                  r->pricing = offer->pricing;
                  r->flags = offer->flags;
                }
            }
          else
            {
              RwProviderRate r = { provider, rate, 1, offer->pricing, offer->flags };

              g_hash_table_insert (left_index, (gpointer)provider,
                                   GUINT_TO_POINTER (stats->left_out->len));
              g_array_append_val (stats->left_out, r);
            }
          continue;
        }

      stats->offers++;
      if (g_hash_table_lookup_extended (index, provider, NULL, &slot))
        {
          RwProviderRate *r =
            &g_array_index (stats->rates, RwProviderRate, GPOINTER_TO_UINT (slot));

          r->offers++;
          if (rate < r->rate_hr)
            {
              r->rate_hr = rate;
              r->pricing = offer->pricing;
              r->flags = offer->flags;
            }
        }
      else
        {
          RwProviderRate r = { provider, rate, 1, offer->pricing, offer->flags };

          g_hash_table_insert (index, (gpointer) provider, GUINT_TO_POINTER (stats->rates->len));
          g_array_append_val (stats->rates, r);
        }
    }

  /* a provider left out only where it has no included offer */
  for (guint i = stats->left_out->len; i > 0; i--)
    if (g_hash_table_contains (index,
                               g_array_index (stats->left_out, RwProviderRate, i - 1).provider))
      g_array_remove_index (stats->left_out, i - 1);
  g_array_sort (stats->left_out, compare_rate);

  stats->providers = stats->rates->len;
  if (stats->providers == 0)
    return stats;

  g_array_sort (stats->rates, compare_rate);

  values = g_new (double, stats->providers);
  for (guint i = 0; i < stats->providers; i++)
    values[i] = g_array_index (stats->rates, RwProviderRate, i).rate_hr;

  stats->cheapest_hr = values[0];
  stats->cheapest_provider = g_array_index (stats->rates, RwProviderRate, 0).provider;
  stats->most_expensive_hr = values[stats->providers - 1];
  stats->most_expensive_provider =
    g_array_index (stats->rates, RwProviderRate, stats->providers - 1).provider;
  stats->median_hr = rw_median (values, stats->providers);
  stats->spread = 1.0 - stats->cheapest_hr / stats->most_expensive_hr;
  stats->per_day = stats->cheapest_hr * RW_HOURS_PER_DAY;
  stats->per_week = stats->cheapest_hr * RW_HOURS_PER_WEEK;
  stats->per_month = stats->cheapest_hr * RW_HOURS_PER_MONTH;

  return stats;
}

void
rw_price_stats_free (RwPriceStats *stats)
{
  if (stats == NULL)
    return;
  g_array_unref (stats->rates);
  g_array_unref (stats->left_out);
  g_free (stats);
}

/**
 * rw_mark_suspect:
 * @offers: (array length=n_offers): every offer of one GPU
 *
 * Sets or clears RW_OFFER_SUSPECT on each offer by the rule of docs/PRICES.md: an offer is
 * suspect when its per-GPU rate (price_hr / gpu_count, $/hr) is below
 * RW_SUSPECT_LOW_FRACTION (10 %) or above RW_SUSPECT_HIGH_FACTOR (50×) the median of the
 * other providers' rates for that GPU (each provider's lowest per-GPU rate, GPU-only offers
 * left out), when at least one other provider has a rate. In the built-in data no provider
 * is below 18 % of the others' median (the lowest real gap: Akash's T4 at $0.12/hr against
 * $0.66), while the auction bid floors
 * of SkyPilot's Mithril feed are $0.01/hr per A100 or B200 against $1–6 elsewhere. The
 * highest real price in the built-in data is 22× the others' median (AWS's V100 at
 * $4.23/hr against $0.19 at marketplaces), so only 50× and more is absurd.
 *
 * Returns: how many offers are suspect
 */
guint
rw_mark_suspect (RwOffer * const *offers,
                 guint            n_offers)
{
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n_suspect = 0;

  for (guint i = 0; i < n_offers; i++)
    {
      RwOffer *offer = offers[i];
      double rate = offer->price_hr / (double) MAX (offer->gpu_count, 1);
      double *slot;

      if (offer->flags & RW_OFFER_GPU_ONLY)
        continue;
      slot = g_hash_table_lookup (best, offer->provider);
      if (slot == NULL)
        {
          slot = g_new (double, 1);
          *slot = rate;
          g_hash_table_insert (best, offer->provider, slot);
        }
      else if (rate < *slot)
        *slot = rate;
    }

  {
    guint n = g_hash_table_size (best);
    g_autofree double *all = g_new (double, n + 1);
    g_autofree double *others = g_new (double, n + 1);
    g_autoptr (GHashTable) median_without =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
    GHashTableIter iter;
    gpointer key, value;
    guint k = 0;

    g_hash_table_iter_init (&iter, best);
    while (g_hash_table_iter_next (&iter, &key, &value))
      all[k++] = *(double *) value;
    /* the median of the other providers' rates, once per provider */
    g_hash_table_iter_init (&iter, best);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        double *median = g_new (double, 1);
        guint n_others = 0;
        gboolean skipped = FALSE;

        for (guint j = 0; j < n; j++)
          {
            if (!skipped && all[j] == *(double *) value)
              {
                skipped = TRUE;  /* this provider's own rate, once */
                continue;
              }
            others[n_others++] = all[j];
          }
        *median = rw_median (others, n_others);
        g_hash_table_insert (median_without, key, median);
      }

    for (guint i = 0; i < n_offers; i++)
      {
        RwOffer *offer = offers[i];
        double rate = offer->price_hr / (double) MAX (offer->gpu_count, 1);
        double *median = g_hash_table_lookup (median_without, offer->provider);

        offer->flags &= ~RW_OFFER_SUSPECT;
        if (median == NULL)
          {
            /* a provider with only GPU-only offers: against every provider's rate */
            memcpy (others, all, n * sizeof (double));
            median = g_new (double, 1);
            *median = rw_median (others, n);
            g_hash_table_insert (median_without, offer->provider, median);
          }
        if (*median < 0)
          continue;   /* no other provider to compare with */
        if (rate < RW_SUSPECT_LOW_FRACTION * *median || rate > RW_SUSPECT_HIGH_FACTOR * *median)
          {
            offer->flags |= RW_OFFER_SUSPECT;
            n_suspect++;
          }
      }
  }
  return n_suspect;
}

/**
 * rw_instance_summary:
 * @offers: (array length=n_offers): the offers of one GPU
 * @pricing_mask: as for rw_price_stats_compute () (suspect and GPU-only offers are left out
 *   unless the mask includes them)
 *
 * The reference page's instance summary: the cheapest bundle (the lowest price of a whole
 * offer, whatever its GPU count, $/hr), the lowest per-GPU rate ($/hr), the number of
 * providers, and the number of instance shapes (distinct instance name and GPU count).
 */
void
rw_instance_summary (RwOffer * const   *offers,
                     guint              n_offers,
                     guint              pricing_mask,
                     RwInstanceSummary *summary)
{
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  memset (summary, 0, sizeof *summary);
  summary->cheapest_bundle_hr = summary->lowest_per_gpu_hr = RW_UNKNOWN;
  for (guint i = 0; i < n_offers; i++)
    {
      RwOffer *offer = offers[i];
      double rate = offer->price_hr / (double) MAX (offer->gpu_count, 1);

      if ((pricing_mask & RW_PRICING_MASK (offer->pricing)) == 0 ||
          ((offer->flags & RW_OFFER_SUSPECT) && !(pricing_mask & RW_INCLUDE_SUSPECT)) ||
          ((offer->flags & RW_OFFER_GPU_ONLY) && !(pricing_mask & RW_INCLUDE_GPU_ONLY)))
        continue;
      if (summary->cheapest_bundle_hr < 0 || offer->price_hr < summary->cheapest_bundle_hr)
        {
          summary->cheapest_bundle_hr = offer->price_hr;
          summary->cheapest_bundle_provider = offer->provider;
          summary->cheapest_bundle_gpus = offer->gpu_count;
        }
      if (summary->lowest_per_gpu_hr < 0 || rate < summary->lowest_per_gpu_hr)
        summary->lowest_per_gpu_hr = rate;
      g_hash_table_add (providers, offer->provider);
      g_hash_table_add (shapes, g_strdup_printf ("%s\x1f%u", offer->instance ? offer->instance : "",
                                                 offer->gpu_count));
    }
  summary->providers = g_hash_table_size (providers);
  summary->shapes = g_hash_table_size (shapes);
}
