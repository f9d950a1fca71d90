/* rw-changes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The change set between the catalog a refresh replaces and the new one (docs/CHANGES.md),
 * and a ring of the last few sets in $XDG_DATA_HOME/rentwise/changes.tsv:
 *
 *   # rentwise-changes/1
 *   set \t TIME \t BEFORE_GENERATED_AT \t AFTER_GENERATED_AT
 *   KIND \t GPU \t MODEL \t PROVIDER \t BEFORE \t AFTER \t COUNT
 *        \t GPU_NAME \t MODEL_NAME \t PROVIDER_NAME   (on the same line)
 *
 * newest set first; an empty field is "none", a price "-" is unknown. The file is rewritten
 * whole and atomically; a file that is not ours is kept aside, never deleted.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-changes.h"
#include "rw-file-lock.h"
#include "rw-file-read.h"
#include "rw-format.h"
#include "rw-stats.h"

#define MAX_FILE_SIZE (8 * 1024 * 1024)

static const char * const kind_names[RW_N_CHANGE_KINDS] = {
  "new-provider", "gone-provider", "cheaper", "dearer", "median-down", "median-up",
  "new-gpu", "gone-gpu", "new-model", "gone-model", "gone-offers",
};

/**
 * rw_change_kind_to_string:
 *
 * Returns: the kind's name in JSON and in the ring file ("new-provider", "cheaper", …)
 */
const char *
rw_change_kind_to_string (RwChangeKind kind)
{
  g_return_val_if_fail (kind < RW_N_CHANGE_KINDS, NULL);
  return kind_names[kind];
}

/**
 * rw_change_kind_from_string:
 *
 * Returns: whether @str names a kind (then stored in @kind)
 */
gboolean
rw_change_kind_from_string (const char   *str,
                            RwChangeKind *kind)
{
  for (guint i = 0; str != NULL && i < RW_N_CHANGE_KINDS; i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = (RwChangeKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rw_change_new:
 * @before: $/hr per GPU, or RW_UNKNOWN
 * @after: $/hr per GPU, or RW_UNKNOWN
 *
 * Returns: (transfer full): a change; the strings are copied
 */
RwChange *
rw_change_new (RwChangeKind  kind,
               const char   *gpu,
               const char   *model,
               const char   *provider,
               double        before,
               double        after,
               guint         count)
{
  RwChange *change = g_new0 (RwChange, 1);

  change->kind = kind;
  change->gpu = g_strdup (gpu);
  change->model = g_strdup (model);
  change->provider = g_strdup (provider);
  change->before = before;
  change->after = after;
  change->count = count;
  return change;
}

/* Frees @change (NULL is fine) */
void
rw_change_free (RwChange *change)
{
  if (change == NULL)
    return;
  g_free (change->gpu);
  g_free (change->model);
  g_free (change->provider);
  g_free (change->gpu_name);
  g_free (change->model_name);
  g_free (change->provider_name);
  g_free (change);
}

/* Threshold RW_CHANGES_DEFAULT_THRESHOLD, every pricing kind, suspect and GPU-only prices
 * left out (as in the overview's statistics, docs/PRICES.md) */
void
rw_change_options_init (RwChangeOptions *options)
{
  g_return_if_fail (options != NULL);
  options->threshold = RW_CHANGES_DEFAULT_THRESHOLD;
  options->pricing_mask = RW_PRICING_MASK_ALL;
}

/* Returns: (transfer full): an empty change set made at @time (unix time) */
RwChangeSet *
rw_change_set_new (gint64 time)
{
  RwChangeSet *set = g_new0 (RwChangeSet, 1);

  set->time = time;
  set->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_change_free);
  return set;
}

/* Frees @set (NULL is fine) */
void
rw_change_set_free (RwChangeSet *set)
{
  if (set == NULL)
    return;
  g_free (set->before_generated_at);
  g_free (set->after_generated_at);
  g_ptr_array_unref (set->changes);
  g_free (set);
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The sorted union of the ids of @a's and @b's items, with whether each is in a and in b */
static GPtrArray *
union_ids (GListModel  *a,
           GListModel  *b,
           const char *(*get_id) (gpointer),
           GHashTable **in_a,
           GHashTable **in_b)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GListModel *models[2] = { a, b };

  *in_a = g_hash_table_new (g_str_hash, g_str_equal);
  *in_b = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint m = 0; m < 2; m++)
    for (guint i = 0, n = g_list_model_get_n_items (models[m]); i < n; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (models[m], i);
        const char *id = get_id (item);
        GHashTable *set = m == 0 ? *in_a : *in_b;

        if (!g_hash_table_contains (*in_a, id) && !g_hash_table_contains (*in_b, id))
          g_ptr_array_add (ids, g_strdup (id));
        /* the ids are the catalogs' own, which outlive this call */
        g_hash_table_add (set, (gpointer) id);
      }
  g_ptr_array_sort (ids, compare_str);
  return ids;
}

/* The provider's rate in @stats, counting those left out as suspect or GPU only */
static double
provider_rate (const RwPriceStats *stats,
               const char         *provider)
{
  GArray *arrays[2] = { stats->rates, stats->left_out };

  for (guint a = 0; a < 2; a++)
    for (guint i = 0; arrays[a] != NULL && i < arrays[a]->len; i++)
      {
        const RwProviderRate *rate = &g_array_index (arrays[a], RwProviderRate, i);
        if (g_str_equal (rate->provider, provider))
          return rate->rate_hr;
      }
  return RW_UNKNOWN;
}

static char *
offer_key (RwOffer *offer)
{
  const char *instance = rw_offer_get_instance (offer);
  const char *region = rw_offer_get_region (offer);

  return g_strdup_printf ("%s\x1f%u\x1f%s\x1f%s", instance ? instance : "",
                          rw_offer_get_gpu_count (offer),
                          rw_pricing_to_string (rw_offer_get_pricing (offer)),
                          region ? region : "");
}

/* provider id → GHashTable of offer key → lowest per-GPU rate (a double in a pointer) */
static GHashTable *
offers_by_provider (RwCatalog  *catalog,
                    const char *gpu,
                    guint       mask)
{
  GHashTable *by_provider = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_hash_table_unref);
  GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, gpu);

  for (guint i = 0; i < offers->len; i++)
    {
      RwOffer *offer = g_ptr_array_index (offers, i);
      const char *provider = rw_offer_get_provider (offer);
      GHashTable *keys;
      double *rate;
      char *key;

      if ((mask & RW_PRICING_MASK (rw_offer_get_pricing (offer))) == 0)
        continue;
      keys = g_hash_table_lookup (by_provider, provider);
      if (keys == NULL)
        {
          keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (by_provider, (gpointer) provider, keys);
        }
      key = offer_key (offer);
      rate = g_hash_table_lookup (keys, key);
      if (rate == NULL)
        {
          rate = g_new (double, 1);
          *rate = rw_offer_get_per_gpu_hr (offer);
          g_hash_table_insert (keys, key, rate);
        }
      else
        {
          *rate = MIN (*rate, rw_offer_get_per_gpu_hr (offer));
          g_free (key);
        }
    }
  return by_provider;
}

static gboolean
moved (double  before,
       double  after,
       double  threshold)
{
  if (before < 0 || after < 0 || before == after)
    return FALSE;
  if (before == 0)
    return TRUE;
  return fabs (after - before) >= threshold * before * (1 - 1e-12);
}

static int
compare_change (gconstpointer a,
                gconstpointer b)
{
  const RwChange *ca = *(const RwChange **) a;
  const RwChange *cb = *(const RwChange **) b;

  if (ca->kind != cb->kind)
    return ca->kind < cb->kind ? -1 : 1;
  return g_strcmp0 (ca->provider, cb->provider);
}

static void
gpu_changes (RwCatalog             *before,
             RwCatalog             *after,
             const char            *gpu,
             const RwChangeOptions *options,
             GPtrArray             *out)
{
  g_autoptr(RwPriceStats) sb = rw_catalog_compute_price_stats (before, gpu, options->pricing_mask);
  g_autoptr(RwPriceStats) sa = rw_catalog_compute_price_stats (after, gpu, options->pricing_mask);
  g_autoptr(GHashTable) ob = offers_by_provider (before, gpu, options->pricing_mask);
  g_autoptr(GHashTable) oa = offers_by_provider (after, gpu, options->pricing_mask);
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, oa);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ob, key))
      g_ptr_array_add (changes, rw_change_new (RW_CHANGE_NEW_PROVIDER, gpu, NULL, key,
                                               RW_UNKNOWN, provider_rate (sa, key), 0));

  g_hash_table_iter_init (&iter, ob);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *after_keys = g_hash_table_lookup (oa, key);
      GHashTableIter offers;
      gpointer offer_key_p, rate_p;
      double lowest = RW_UNKNOWN;
      guint gone = 0;

      if (after_keys == NULL)
        {
          g_ptr_array_add (changes, rw_change_new (RW_CHANGE_GONE_PROVIDER, gpu, NULL, key,
                                                   provider_rate (sb, key), RW_UNKNOWN, 0));
          continue;
        }
      g_hash_table_iter_init (&offers, value);
      while (g_hash_table_iter_next (&offers, &offer_key_p, &rate_p))
        if (!g_hash_table_contains (after_keys, offer_key_p))
          {
            double rate = *(double *) rate_p;
            gone++;
            lowest = lowest < 0 ? rate : MIN (lowest, rate);
          }
      if (gone > 0)
        g_ptr_array_add (changes, rw_change_new (RW_CHANGE_GONE_OFFERS, gpu, NULL, key,
                                                 lowest, RW_UNKNOWN, gone));
    }

  if (moved (sb->cheapest_hr, sa->cheapest_hr, options->threshold))
    g_ptr_array_add (changes, rw_change_new (sa->cheapest_hr < sb->cheapest_hr ? RW_CHANGE_CHEAPER
                                                                              : RW_CHANGE_DEARER,
                                             gpu, NULL, sa->cheapest_provider,
                                             sb->cheapest_hr, sa->cheapest_hr, 0));
  if (moved (sb->median_hr, sa->median_hr, options->threshold))
    g_ptr_array_add (changes, rw_change_new (sa->median_hr < sb->median_hr ? RW_CHANGE_MEDIAN_DOWN
                                                                          : RW_CHANGE_MEDIAN_UP,
                                             gpu, NULL, NULL, sb->median_hr, sa->median_hr, 0));

  g_ptr_array_sort (changes, compare_change);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (changes, i));
}

static const char *
gpu_id (gpointer item)
{
  return rw_gpu_get_id (item);
}

static const char *
model_id (gpointer item)
{
  return rw_model_get_id (item);
}

static double
cheapest (RwCatalog  *catalog,
          const char *gpu,
          guint       mask)
{
  g_autoptr(RwPriceStats) stats = rw_catalog_compute_price_stats (catalog, gpu, mask);

  return stats->cheapest_hr;
}

/* @name (valid UTF-8, from a catalog) cut to RW_CHANGES_MAX_NAME bytes on a character */
static char *
clip_name (const char *name)
{
  char *copy = g_strdup (name);

  if (strlen (copy) > RW_CHANGES_MAX_NAME)
    {
      char *end = copy + RW_CHANGES_MAX_NAME;

      while (end > copy && ((guchar) *end & 0xC0) == 0x80)
        end--;
      *end = '\0';
    }
  return copy;
}

/* A name for people, from @after, else @before; NULL when neither has it */
static void
name_change (RwChange  *change,
             RwCatalog *before,
             RwCatalog *after)
{
  RwCatalog *catalogs[2] = { after, before };

  for (guint c = 0; c < 2; c++)
    {
      RwGpu *gpu = change->gpu ? rw_catalog_lookup_gpu (catalogs[c], change->gpu) : NULL;
      RwProvider *provider = change->provider ? rw_catalog_lookup_provider (catalogs[c],
                                                                            change->provider)
                                              : NULL;
      RwModel *model = change->model ? rw_catalog_lookup_model (catalogs[c], change->model) : NULL;

      if (change->gpu_name == NULL && gpu != NULL)
        change->gpu_name = clip_name (rw_gpu_get_name (gpu));
      if (change->provider_name == NULL && provider != NULL)
        change->provider_name = clip_name (rw_provider_get_name (provider));
      if (change->model_name == NULL && model != NULL)
        change->model_name = clip_name (rw_model_get_name (model));
    }
}

/**
 * rw_changes_compute:
 * @before: the catalog the refresh replaces
 * @after: the catalog it brings
 * @options: (nullable): threshold and pricing kinds; NULL for rw_change_options_init ()'s
 * @time: unix time of the refresh, kept in the set
 *
 * What changed from @before to @after (docs/CHANGES.md). Per GPU in both: providers with
 * offers (of the pricing kinds in the mask, suspect and GPU-only ones included: they are
 * listed) that appeared or disappeared; offers of a provider that stays which are gone (an
 * offer is its instance, GPU count, pricing and region); the cheapest and median provider
 * rate (rw_price_stats_compute () with the mask: suspect and GPU-only prices left out
 * unless the mask includes them) when it moved by at least `threshold` × the old value.
 * GPUs and models in one catalog only are new or gone. Prices are $/hr per GPU. Each
 * change also gets the names of its GPU, model and provider, from @after or else @before.
 *
 * Returns: (transfer full): the change set, empty when nothing changed
 */
RwChangeSet *
rw_changes_compute (RwCatalog             *before,
                    RwCatalog             *after,
                    const RwChangeOptions *options,
                    gint64                 time)
{
  RwChangeOptions defaults;
  g_autoptr(GPtrArray) gpus = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GHashTable) gpus_before = NULL;
  g_autoptr(GHashTable) gpus_after = NULL;
  g_autoptr(GHashTable) models_before = NULL;
  g_autoptr(GHashTable) models_after = NULL;
  RwChangeSet *set;

  g_return_val_if_fail (RW_IS_CATALOG (before), NULL);
  g_return_val_if_fail (RW_IS_CATALOG (after), NULL);

  if (options == NULL)
    {
      rw_change_options_init (&defaults);
      options = &defaults;
    }
  set = rw_change_set_new (time);
  set->before_generated_at = g_strdup (rw_catalog_get_generated_at (before));
  set->after_generated_at = g_strdup (rw_catalog_get_generated_at (after));

  gpus = union_ids (rw_catalog_get_gpus (before), rw_catalog_get_gpus (after), gpu_id,
                    &gpus_before, &gpus_after);
  for (guint i = 0; i < gpus->len; i++)
    {
      const char *id = g_ptr_array_index (gpus, i);
      gboolean was = g_hash_table_contains (gpus_before, id);
      gboolean is = g_hash_table_contains (gpus_after, id);

      if (was && is)
        gpu_changes (before, after, id, options, set->changes);
      else if (is)
        g_ptr_array_add (set->changes,
                         rw_change_new (RW_CHANGE_NEW_GPU, id, NULL, NULL, RW_UNKNOWN,
                                        cheapest (after, id, options->pricing_mask), 0));
      else
        g_ptr_array_add (set->changes,
                         rw_change_new (RW_CHANGE_GONE_GPU, id, NULL, NULL,
                                        cheapest (before, id, options->pricing_mask),
                                        RW_UNKNOWN, 0));
    }

  models = union_ids (rw_catalog_get_models (before), rw_catalog_get_models (after), model_id,
                      &models_before, &models_after);
  for (guint i = 0; i < models->len; i++)
    {
      const char *id = g_ptr_array_index (models, i);
      gboolean was = g_hash_table_contains (models_before, id);
      gboolean is = g_hash_table_contains (models_after, id);

      if (was != is)
        g_ptr_array_add (set->changes,
                         rw_change_new (is ? RW_CHANGE_NEW_MODEL : RW_CHANGE_GONE_MODEL, NULL,
                                        id, NULL, RW_UNKNOWN, RW_UNKNOWN, 0));
    }
  for (guint i = 0; i < set->changes->len; i++)
    name_change (g_ptr_array_index (set->changes, i), before, after);
  return set;
}

/**
 * rw_changes_write_json:
 *
 * Writes @set's changes as a JSON array (the `changes` member of `rentwise --refresh
 * --json`): objects with `gpu`, `kind`, `provider`, `before`, `after` ($/hr per GPU,
 * unrounded; null when unknown), `model` and `count`.
 */
void
rw_changes_write_json (const RwChangeSet *set,
                       RwJsonWriter      *w)
{
  g_return_if_fail (set != NULL && w != NULL);

  rw_json_writer_begin_array (w);
  for (guint i = 0; i < set->changes->len; i++)
    {
      const RwChange *change = g_ptr_array_index (set->changes, i);

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "gpu", change->gpu);
      rw_json_writer_member_string (w, "kind", rw_change_kind_to_string (change->kind));
      rw_json_writer_member_string (w, "provider", change->provider);
      rw_json_writer_member_known (w, "before", change->before);
      rw_json_writer_member_known (w, "after", change->after);
      rw_json_writer_member_string (w, "model", change->model);
      rw_json_writer_member_int (w, "count", change->count);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
}

/**
 * rw_changes_to_json:
 *
 * Returns: (transfer full): @set as one JSON object: `time` (unix seconds),
 *   `before_generated_at`, `after_generated_at` and `changes` (rw_changes_write_json ())
 */
char *
rw_changes_to_json (const RwChangeSet *set)
{
  g_autoptr(RwJsonWriter) w = rw_json_writer_new (TRUE);

  g_return_val_if_fail (set != NULL, NULL);

  rw_json_writer_begin_object (w);
  rw_json_writer_member_int (w, "time", set->time);
  rw_json_writer_member_string (w, "before_generated_at", set->before_generated_at);
  rw_json_writer_member_string (w, "after_generated_at", set->after_generated_at);
  rw_json_writer_key (w, "changes");
  rw_changes_write_json (set, w);
  rw_json_writer_end_object (w);
  return rw_json_writer_finish (g_steal_pointer (&w));
}

static char *
gpu_name (RwCatalog      *catalog,
          const RwChange *change)
{
  RwGpu *gpu = catalog && change->gpu ? rw_catalog_lookup_gpu (catalog, change->gpu) : NULL;

  if (change->gpu_name != NULL)
    return rw_text_sanitize (change->gpu_name);
  return rw_text_sanitize (gpu ? rw_gpu_get_name (gpu) : change->gpu);
}

static char *
provider_name (RwCatalog      *catalog,
               const RwChange *change)
{
  RwProvider *provider = catalog && change->provider
                           ? rw_catalog_lookup_provider (catalog, change->provider) : NULL;

  if (change->provider_name != NULL)
    return rw_text_sanitize (change->provider_name);
  return rw_text_sanitize (provider ? rw_provider_get_name (provider) : change->provider);
}

static char *
price (double value)
{
  g_autofree char *usd = NULL;

  if (value < 0)
    return g_strdup (_("no price"));
  usd = rw_format_usd (value, 2);
  /* TRANSLATORS: a price per GPU per hour; %s is an amount in dollars */
  return g_strdup_printf (_("%s/hr"), usd);
}

/**
 * rw_change_describe:
 * @catalog: (nullable): where to find GPU, provider and model names the change does not
 *   carry (a change read from an older file); else the ids are used
 *
 * Returns: (transfer full): one line for a person ("GPU NAME: cheapest $1.00/hr to
 *   $0.70/hr (PROVIDER)"), plain text (never markup), translated
 */
char *
rw_change_describe (const RwChange *change,
                    RwCatalog      *catalog)
{
  g_autofree char *gpu = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *model = NULL;

  g_return_val_if_fail (change != NULL, NULL);

  gpu = gpu_name (catalog, change);
  provider = provider_name (catalog, change);
  before = price (change->before);
  after = price (change->after);

  switch (change->kind)
    {
    case RW_CHANGE_NEW_PROVIDER:
      /* TRANSLATORS: GPU name, provider name, price */
      return g_strdup_printf (_("%s: new provider %s at %s"), gpu, provider, after);
    case RW_CHANGE_GONE_PROVIDER:
      return g_strdup_printf (_("%s: %s no longer offers it (was %s)"), gpu, provider, before);
    case RW_CHANGE_CHEAPER:
      /* TRANSLATORS: GPU name, old price, new price, provider name */
      return g_strdup_printf (_("%s: cheapest down from %s to %s (%s)"), gpu, before, after,
                              provider);
    case RW_CHANGE_DEARER:
      return g_strdup_printf (_("%s: cheapest up from %s to %s (%s)"), gpu, before, after,
                              provider);
    case RW_CHANGE_MEDIAN_DOWN:
      return g_strdup_printf (_("%s: median down from %s to %s"), gpu, before, after);
    case RW_CHANGE_MEDIAN_UP:
      return g_strdup_printf (_("%s: median up from %s to %s"), gpu, before, after);
    case RW_CHANGE_NEW_GPU:
      return g_strdup_printf (_("New GPU: %s, from %s"), gpu, after);
    case RW_CHANGE_GONE_GPU:
      return g_strdup_printf (_("GPU no longer listed: %s"), gpu);
    case RW_CHANGE_NEW_MODEL:
    case RW_CHANGE_GONE_MODEL:
      {
        RwModel *m = catalog && change->model_name == NULL
                     ? rw_catalog_lookup_model (catalog, change->model)
                     : NULL;

        if (change->model_name != NULL)
          model = rw_text_sanitize (change->model_name);
        else
          model = rw_text_sanitize (m ? rw_model_get_name (m) : change->model);
        if (change->kind == RW_CHANGE_NEW_MODEL)
          return g_strdup_printf (_("New model: %s"), model);
        return g_strdup_printf (_("Model no longer listed: %s"), model);
      }
    case RW_CHANGE_GONE_OFFERS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u offer from %s is gone",
                                           "%s: %u offers from %s are gone", change->count),
                              gpu, change->count, provider);
    case RW_N_CHANGE_KINDS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/**
 * rw_changes_to_text:
 * @catalog: (nullable): as rw_change_describe ()
 *
 * Returns: (transfer full): one line per change (rw_change_describe ()), each ending in a
 *   newline; "No changes" on a line of its own when there are none. Plain text.
 */
char *
rw_changes_to_text (const RwChangeSet *set,
                    RwCatalog         *catalog)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (set != NULL, NULL);

  for (guint i = 0; i < set->changes->len; i++)
    {
      g_autofree char *line = rw_change_describe (g_ptr_array_index (set->changes, i), catalog);
      g_string_append_printf (text, "%s\n", line);
    }
  if (set->changes->len == 0)
    g_string_append_printf (text, "%s\n", _("No changes"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The ring */

struct _RwChangeRing
{
  char      *path;
  char      *problem;
  GPtrArray *sets;  /* RwChangeSet, newest first */
};

/* $XDG_DATA_HOME/rentwise/changes.tsv */
char *
rw_change_ring_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rentwise", "changes.tsv", NULL);
}

/**
 * rw_change_ring_new:
 * @path: (nullable): the ring's file; NULL for rw_change_ring_default_path ()
 *
 * Returns: (transfer full): an empty ring (rw_change_ring_load () reads the file)
 */
RwChangeRing *
rw_change_ring_new (const char *path)
{
  RwChangeRing *ring = g_new0 (RwChangeRing, 1);

  ring->path = path ? g_strdup (path) : rw_change_ring_default_path ();
  ring->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) rw_change_set_free);
  return ring;
}

/* Frees @ring (NULL is fine) */
void
rw_change_ring_free (RwChangeRing *ring)
{
  if (ring == NULL)
    return;
  g_free (ring->path);
  g_free (ring->problem);
  g_ptr_array_unref (ring->sets);
  g_free (ring);
}

/* What went wrong with the file at the last load, for a person; NULL when nothing did */
const char *
rw_change_ring_get_problem (RwChangeRing *ring)
{
  g_return_val_if_fail (ring != NULL, NULL);
  return ring->problem;
}

/* The number of change sets held, at most RW_CHANGES_RING_SIZE */
guint
rw_change_ring_get_n_sets (RwChangeRing *ring)
{
  g_return_val_if_fail (ring != NULL, 0);
  return ring->sets->len;
}

/* Returns: (transfer none): the @index-th newest change set (0: the last refresh) */
const RwChangeSet *
rw_change_ring_get_set (RwChangeRing *ring,
                        guint         index)
{
  g_return_val_if_fail (ring != NULL, NULL);
  g_return_val_if_fail (index < ring->sets->len, NULL);
  return g_ptr_array_index (ring->sets, index);
}

static gboolean
parse_price (const char *text,
             double     *out)
{
  char *end = NULL;
  double value;

  if (g_str_equal (text, "-"))
    {
      *out = RW_UNKNOWN;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0 || value > 1e6)
    return FALSE;
  *out = value;
  return TRUE;
}

static char *
field (const char *text)
{
  if (text[0] == '\0')
    return NULL;
  if (strlen (text) > RW_CHANGES_MAX_NAME || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return g_strdup (text);
}

static gboolean
parse_change (const char *line,
              RwChange  **out)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 11);
  RwChangeKind kind;
  double before, after;
  guint64 count;
  RwChange *change;

  if (g_strv_length (fields) != 10 || !rw_change_kind_from_string (fields[0], &kind))
    return FALSE;
  if (!parse_price (fields[4], &before) || !parse_price (fields[5], &after))
    return FALSE;
  if (!g_ascii_string_to_unsigned (fields[6], 10, 0, G_MAXUINT, &count, NULL))
    return FALSE;
  change = g_new0 (RwChange, 1);
  change->kind = kind;
  change->gpu = field (fields[1]);
  change->model = field (fields[2]);
  change->provider = field (fields[3]);
  change->before = before;
  change->after = after;
  change->count = (guint) count;
  change->gpu_name = field (fields[7]);
  change->model_name = field (fields[8]);
  change->provider_name = field (fields[9]);
  *out = change;
  return TRUE;
}

/**
 * rw_change_ring_load_from_data:
 * @data: (array length=len): the ring's file, untrusted
 *
 * Replaces what the ring holds with @data's sets (at most RW_CHANGES_RING_SIZE, at most
 * RW_CHANGES_MAX_PER_SET changes each). Bad lines are skipped, a torn last line is ignored.
 *
 * Returns: FALSE when @data is not a Rentwise change ring (the ring is then empty)
 */
gboolean
rw_change_ring_load_from_data (RwChangeRing *ring,
                               const char   *data,
                               gsize         len)
{
  g_autofree char *contents = g_strndup (data, len);
  RwChangeSet *current = NULL;
  char *line, *next;

  g_return_val_if_fail (ring != NULL, FALSE);

  g_ptr_array_set_size (ring->sets, 0);
  if (!g_str_has_prefix (contents, RW_CHANGES_HEADER "\n"))
    return len == 0;

  for (line = contents + strlen (RW_CHANGES_HEADER "\n"); *line != '\0'; line = next)
    {
      char *newline = strchr (line, '\n');
      RwChange *change = NULL;

      if (newline == NULL)
        break;  /* torn */
      *newline = '\0';
      next = newline + 1;
      if (g_str_has_prefix (line, "set\t"))
        {
          g_auto(GStrv) fields = g_strsplit (line, "\t", 5);
          gint64 time;

          current = NULL;
          if (ring->sets->len >= RW_CHANGES_RING_SIZE || g_strv_length (fields) != 4 ||
              !g_ascii_string_to_signed (fields[1], 10, 0, G_MAXINT64, &time, NULL))
            continue;
          current = rw_change_set_new (time);
          current->before_generated_at = field (fields[2]);
          current->after_generated_at = field (fields[3]);
          g_ptr_array_add (ring->sets, current);
        }
      else if (current != NULL && current->changes->len < RW_CHANGES_MAX_PER_SET &&
               parse_change (line, &change))
        g_ptr_array_add (current->changes, change);
    }
  return TRUE;
}

static void
keep_aside (RwChangeRing *ring,
            const char   *why)
{
  /* never over an earlier one set aside in the same second */
  g_autofree char *aside = rw_file_set_aside (ring->path);

  g_free (ring->problem);
  if (aside != NULL)
    /* TRANSLATORS: the reason, then the file's new name */
    ring->problem = g_strdup_printf (_("The list of changes could not be read (%s); "
                                       "it was kept as %s"), why, aside);
  else
    ring->problem = g_strdup_printf (_("The list of changes could not be read (%s)"), why);
}

/**
 * rw_change_ring_load:
 *
 * Reads the ring's file. A missing file is an empty ring. A file that is not a Rentwise
 * change ring (or larger than 8 MiB, a folder, a FIFO or a device, none of which is read:
 * rw_file_read_capped ()) is renamed to PATH.unreadable-TIME, never deleted, and
 * the ring starts empty; rw_change_ring_get_problem () says so. Bad lines are skipped.
 *
 * Returns: FALSE (with @error) only when the file exists and cannot be read
 */
gboolean
rw_change_ring_load (RwChangeRing  *ring,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_return_val_if_fail (ring != NULL, FALSE);

  g_ptr_array_set_size (ring->sets, 0);
  g_clear_pointer (&ring->problem, g_free);
  /* a folder, a FIFO or a device (a link to /dev/zero) is never opened or read without
   * bound (newcomer report 5, defect 2) */
  if (!rw_file_read_capped (ring->path, MAX_FILE_SIZE, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        keep_aside (ring, _("it is a folder"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        keep_aside (ring, _("not a regular file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        keep_aside (ring, _("larger than 8 MiB"));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }
  if (!rw_change_ring_load_from_data (ring, contents, len))
    keep_aside (ring, _("not a Rentwise list of changes"));
  return TRUE;
}

static gboolean
plain (const char *text)
{
  return text == NULL || strpbrk (text, "\t\n\r") == NULL;
}

/* A name on one field: tabs and line breaks become spaces */
static char *
one_field (const char *name)
{
  char *copy = g_strdup (name ? name : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

static void
append_set (GString           *text,
            const RwChangeSet *set)
{
  g_string_append_printf (text, "set\t%" G_GINT64_FORMAT "\t%s\t%s\n", set->time,
                          plain (set->before_generated_at) && set->before_generated_at ?
                            set->before_generated_at : "",
                          plain (set->after_generated_at) && set->after_generated_at ?
                            set->after_generated_at : "");
  for (guint i = 0; i < set->changes->len && i < RW_CHANGES_MAX_PER_SET; i++)
    {
      const RwChange *change = g_ptr_array_index (set->changes, i);
      g_autofree char *before = change->before >= 0 ? rw_format_shortest_double (change->before)
                                                    : g_strdup ("-");
      g_autofree char *after = change->after >= 0 ? rw_format_shortest_double (change->after)
                                                  : g_strdup ("-");

      g_autofree char *gpu_name_field = one_field (change->gpu_name);
      g_autofree char *model_name_field = one_field (change->model_name);
      g_autofree char *provider_name_field = one_field (change->provider_name);

      /* ids with a tab or a line break cannot be written back: left out */
      if (!plain (change->gpu) || !plain (change->model) || !plain (change->provider))
        continue;

      g_string_append_printf (text, "%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t%s\t%s\n",
                              rw_change_kind_to_string (change->kind),
                              change->gpu ? change->gpu : "", change->model ? change->model : "",
                              change->provider ? change->provider : "",
                              before, after, change->count, gpu_name_field, model_name_field,
                              provider_name_field);
    }
}

/**
 * rw_change_ring_push:
 * @set: (transfer full): the newest change set
 *
 * Adds @set as the newest, drops the oldest beyond RW_CHANGES_RING_SIZE, and rewrites the
 * file atomically (a temporary file renamed over it), under the same kind of lock as the
 * watchlist (rw_file_lock () on changes.tsv.lock, at most RW_CHANGES_LOCK_TIMEOUT_MS): the
 * sets another process wrote since the last load are read back first under the lock, so two
 * refreshes at once both stay in the ring. A file that cannot be read back is replaced by
 * what the ring holds. An empty set is kept too: "nothing changed" is news.
 *
 * Returns: FALSE (with @error) when the folder, the lock or the file could not be made or
 *   written; the ring holds @set anyway
 */
gboolean
rw_change_ring_push (RwChangeRing  *ring,
                     RwChangeSet   *set,
                     GError       **error)
{
  g_autoptr(GString) text = g_string_new (RW_CHANGES_HEADER "\n");
  g_autofree char *dir = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (ring != NULL, FALSE);
  g_return_val_if_fail (set != NULL, FALSE);

  dir = g_path_get_dirname (ring->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_ptr_array_insert (ring->sets, 0, set);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  fd = rw_file_lock (ring->path, RW_CHANGES_LOCK_TIMEOUT_MS, error);

  /* what is on disk now, unless it cannot be read (then ours stands) */
  if (fd >= 0)
    {
      g_autofree char *contents = NULL;
      gsize len;
      g_autoptr(RwChangeRing) disk = rw_change_ring_new (ring->path);

      if (rw_file_read_capped (ring->path, MAX_FILE_SIZE, &contents, &len, NULL) &&
          rw_change_ring_load_from_data (disk, contents, len) && disk->sets->len > 0)
        {
          GPtrArray *swap = ring->sets;
          ring->sets = disk->sets;
          disk->sets = swap;
        }
    }

  g_ptr_array_insert (ring->sets, 0, set);
  if (ring->sets->len > RW_CHANGES_RING_SIZE)
    g_ptr_array_set_size (ring->sets, RW_CHANGES_RING_SIZE);
  if (fd < 0)
    return FALSE;

  for (guint i = 0; i < ring->sets->len; i++)
    append_set (text, g_ptr_array_index (ring->sets, i));
  ok = g_file_set_contents_full (ring->path, text->str, text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  rw_file_unlock (fd);
  return ok;
}
