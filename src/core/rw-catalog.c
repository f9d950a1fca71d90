/* rw-catalog.c: parse and validate rentwise-catalog/1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every byte here is untrusted. The document is size-capped and its nesting depth is
 * checked before json-glib sees it (json-glib 1.6 recurses and overflows the stack on deep
 * input); every member is type- and range-checked by hand (json-glib silently turns
 * 18446744073709551615 into -1 and 1e999 into inf). A bad record is skipped and counted,
 * and the JSON path of the first problem is kept for the message.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rw-array-model.h"
#include "rw-catalog-private.h"
#include "rw-format.h"
#include "rw-stats.h"

#define MAX_ID_LEN     RW_CATALOG_MAX_ID_LEN
#define MAX_TEXT_LEN   RW_CATALOG_MAX_TEXT_LEN
#define MAX_NUMBER     RW_CATALOG_MAX_NUMBER
#define MAX_GPU_COUNT  RW_CATALOG_MAX_GPU_COUNT


G_DEFINE_FINAL_TYPE (RwCatalog, rw_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (rw-catalog-error-quark, rw_catalog_error)

void
_rw_attribution_free (RwAttribution *attribution)
{
  g_free (attribution->name);
  g_free (attribution->url);
  g_free (attribution->license);
  g_free (attribution->retrieved);
  g_free (attribution);
}

const char *
rw_catalog_source_to_string (RwCatalogSource source)
{
  switch (source)
    {
    case RW_CATALOG_SOURCE_FILE: return "file";
    case RW_CATALOG_SOURCE_CACHE: return "cache";
    case RW_CATALOG_SOURCE_BUILTIN: return "builtin";
    case RW_CATALOG_SOURCE_NETWORK: return "network";
    default: g_return_val_if_reached (NULL);
    }
}

static void
rw_catalog_finalize (GObject *object)
{
  RwCatalog *self = (RwCatalog *) object;

  g_clear_pointer (&self->gpu_by_id, g_hash_table_unref);
  g_clear_pointer (&self->provider_by_id, g_hash_table_unref);
  g_clear_pointer (&self->model_by_id, g_hash_table_unref);
  g_clear_pointer (&self->gpu_by_alias, g_hash_table_unref);
  g_clear_pointer (&self->offers_by_gpu, g_hash_table_unref);
  g_clear_pointer (&self->history_by_gpu, g_hash_table_unref);
  g_clear_pointer (&self->empty, g_ptr_array_unref);
  g_clear_pointer (&self->attributions, g_ptr_array_unref);
  g_clear_object (&self->gpus);
  g_clear_object (&self->providers);
  g_clear_object (&self->offers);
  g_clear_object (&self->history);
  g_clear_object (&self->models);
  g_free (self->origin);
  g_free (self->generated_at);
  g_free (self->currency);
  g_free (self->first_problem);
  g_free (self->image_key);

  G_OBJECT_CLASS (rw_catalog_parent_class)->finalize (object);
}

static void
rw_catalog_class_init (RwCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_catalog_finalize;
}

static void
rw_catalog_init (RwCatalog *self)
{
  self->gpus = g_list_store_new (RW_TYPE_GPU);
  self->providers = g_list_store_new (RW_TYPE_PROVIDER);
  self->offers = G_LIST_MODEL (rw_array_model_new (RW_TYPE_OFFER, g_ptr_array_new ()));
  self->history = g_list_store_new (RW_TYPE_HISTORY_POINT);
  self->models = g_list_store_new (RW_TYPE_MODEL);
  self->gpu_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->provider_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->model_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->gpu_by_alias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->offers_by_gpu = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->history_by_gpu = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->empty = g_ptr_array_new ();
  self->attributions = g_ptr_array_new_with_free_func ((GDestroyNotify) _rw_attribution_free);
}

/* ------------------------------------------------------------ pre-checks */

/* Nesting depth of @data, counting only brackets outside strings. Stops early past @max. */
static gboolean
depth_within (const char *data,
              gsize       len,
              guint       max)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* A JSON number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
plain_json_number (const char *p,
                   gsize       len)
{
  gsize i = 0;

  if (i < len && p[i] == '-')
    i++;
  if (i < len && p[i] == '0')
    i++;
  else if (i < len && p[i] >= '1' && p[i] <= '9')
    while (i < len && g_ascii_isdigit (p[i]))
      i++;
  else
    return FALSE;
  if (i < len && p[i] == '.')
    {
      gsize start = ++i;
      while (i < len && g_ascii_isdigit (p[i]))
        i++;
      if (i == start)
        return FALSE;
    }
  if (i < len && (p[i] == 'e' || p[i] == 'E'))
    {
      gsize start;

      i++;
      if (i < len && (p[i] == '+' || p[i] == '-'))
        i++;
      start = i;
      while (i < len && g_ascii_isdigit (p[i]))
        i++;
      if (i == start)
        return FALSE;
    }
  return i == len;
}

/* Numbers the JSON grammar does not allow but json-glib 1.6 reads anyway (octal "010",
 * hex "0x10", "+1", "Infinity", "NaN"): each becomes an empty string padded with spaces, so
 * the record it is in fails its type check and is skipped and counted, like any bad record,
 * instead of being read as some other number. Returns a copy when there was any, else NULL. */
static char *
blank_bad_numbers (const char *data,
                   gsize       len,
                   guint      *n_bad)
{
  char *copy = NULL;
  gboolean in_string = FALSE;

  *n_bad = 0;
  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      gsize start, n;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          continue;
        }
      if (!(g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.' || c == '_'))
        continue;
      start = i;
      while (i < len && (g_ascii_isalnum (data[i]) || data[i] == '-' || data[i] == '+' ||
                         data[i] == '.' || data[i] == '_'))
        i++;
      n = i - start;
      i--;
      if ((n == 4 && memcmp (data + start, "true", 4) == 0) ||
          (n == 5 && memcmp (data + start, "false", 5) == 0) ||
          (n == 4 && memcmp (data + start, "null", 4) == 0) ||
          plain_json_number (data + start, n) || n < 2)
        continue;
      if (copy == NULL)
        copy = g_memdup2 (data, len);
      copy[start] = copy[start + 1] = '"';
      memset (copy + start + 2, ' ', n - 2);
      (*n_bad)++;
    }
  return copy;
}

/* ---------------------------------------------------- member validation */

typedef struct {
  RwCatalog  *catalog;
  const char *array;
  guint       index;
  char       *problem;
} Record;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Record     *rec,
      const char *member,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (rec->problem == NULL)
    {
      va_start (args, format);
      what = g_strdup_vprintf (format, args);
      va_end (args);
      if (member != NULL)
        rec->problem = g_strdup_printf ("%s[%u].%s: %s", rec->array, rec->index, member, what);
      else
        rec->problem = g_strdup_printf ("%s[%u]: %s", rec->array, rec->index, what);
    }
  return FALSE;
}

/* A member that is absent or JSON null counts as missing. */
static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
get_string (Record      *rec,
            JsonObject  *obj,
            const char  *name,
            gboolean     required,
            gsize        max_len,
            char       **out)
{
  JsonNode *node = member (obj, name);
  const char *str;

  *out = NULL;
  if (node == NULL)
    return required ? fail (rec, name, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (rec, name, "not a string");
  str = json_node_get_string (node);
  if (required && str[0] == '\0')
    return fail (rec, name, "empty");
  if (strlen (str) > max_len)
    return fail (rec, name, "longer than %" G_GSIZE_FORMAT " bytes", max_len);
  *out = g_strdup (str);
  return TRUE;
}

typedef enum {
  NUM_NON_NEGATIVE,
  NUM_POSITIVE,
} NumRule;

/* Reads a finite number. A missing optional member leaves *out untouched. */
static gboolean
get_number (Record     *rec,
            JsonObject *obj,
            const char *name,
            gboolean    required,
            NumRule     rule,
            double      max,
            double     *out)
{
  JsonNode *node = member (obj, name);
  GType type;
  double value;

  if (node == NULL)
    return required ? fail (rec, name, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fail (rec, name, "not a number");
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return fail (rec, name, "not a number");

  if (!isfinite (value))
    return fail (rec, name, "not a finite number");
  if (value < 0)
    return fail (rec, name, "negative");
  if (rule == NUM_POSITIVE && value == 0)
    return fail (rec, name, "must be greater than 0");
  if (value > max)
    return fail (rec, name, "out of range (above %g)", max);
  *out = value;
  return TRUE;
}

static gboolean
get_uint (Record     *rec,
          JsonObject *obj,
          const char *name,
          gboolean    required,
          guint       min,
          guint       max,
          guint      *out)
{
  double value = -1;

  if (!get_number (rec, obj, name, required, NUM_NON_NEGATIVE, (double) max, &value))
    return FALSE;
  if (value < 0)
    return TRUE;  /* optional and missing */
  if (value != floor (value))
    return fail (rec, name, "not a whole number");
  if (value < min)
    return fail (rec, name, "must be at least %u", min);
  *out = (guint) value;
  return TRUE;
}

gboolean
_rw_valid_date (const char *str)
{
  guint y, m, d;
  char tail;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  if (sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ------------------------------------------------------------ records */

static GObject *
parse_gpu (Record     *rec,
           JsonObject *obj)
{
  g_autoptr(RwGpu) gpu = g_object_new (RW_TYPE_GPU, NULL);
  JsonNode *aliases, *purchase;

  if (!get_string (rec, obj, "id", TRUE, MAX_ID_LEN, &gpu->id) ||
      !get_string (rec, obj, "name", TRUE, MAX_TEXT_LEN, &gpu->name) ||
      !get_number (rec, obj, "vram_gb", TRUE, NUM_POSITIVE, 1e6, &gpu->vram_gb) ||
      !get_string (rec, obj, "vendor", FALSE, MAX_TEXT_LEN, &gpu->vendor) ||
      !get_string (rec, obj, "architecture", FALSE, MAX_TEXT_LEN, &gpu->architecture) ||
      !get_number (rec, obj, "tdp_w", FALSE, NUM_NON_NEGATIVE, 1e6, &gpu->tdp_w) ||
      !get_number (rec, obj, "msrp_usd", FALSE, NUM_NON_NEGATIVE, MAX_NUMBER, &gpu->msrp_usd) ||
      !get_number (rec, obj, "memory_bandwidth_gbps", FALSE, NUM_NON_NEGATIVE, 1e9,
                   &gpu->memory_bandwidth_gbps))
    return NULL;

  purchase = member (obj, "purchase_price");
  if (purchase != NULL)
    {
      JsonObject *p;
      JsonNode *estimate;

      if (!JSON_NODE_HOLDS_OBJECT (purchase))
        return (fail (rec, "purchase_price", "not an object"), NULL);
      p = json_node_get_object (purchase);
      if (!get_number (rec, p, "usd", TRUE, NUM_POSITIVE, MAX_NUMBER, &gpu->purchase_usd) ||
          !get_string (rec, p, "source", FALSE, MAX_TEXT_LEN, &gpu->purchase_source) ||
          !get_string (rec, p, "date", FALSE, MAX_ID_LEN, &gpu->purchase_date))
        return NULL;
      estimate = member (p, "estimate");
      if (estimate != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (estimate) ||
              json_node_get_value_type (estimate) != G_TYPE_BOOLEAN)
            return (fail (rec, "purchase_price", "estimate is not true or false"), NULL);
          gpu->purchase_estimate = json_node_get_boolean (estimate);
        }
      if (gpu->purchase_date != NULL && !_rw_valid_date (gpu->purchase_date))
        return (fail (rec, "purchase_price", "“%s” is not a date (YYYY-MM-DD)",
                      gpu->purchase_date), NULL);
    }

  aliases = member (obj, "aliases");
  if (aliases != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (aliases))
        return (fail (rec, "aliases", "not an array"), NULL);
      array = json_node_get_array (aliases);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *alias = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (alias) || json_node_get_value_type (alias) != G_TYPE_STRING)
            return (fail (rec, "aliases", "element %u is not a string", i), NULL);
          if (strlen (json_node_get_string (alias)) > MAX_TEXT_LEN)
            return (fail (rec, "aliases", "element %u is too long", i), NULL);
          g_strv_builder_add (builder, json_node_get_string (alias));
        }
      gpu->aliases = g_strv_builder_end (builder);
    }

  if (!get_number (rec, obj, "usable_vram_mib", FALSE, NUM_POSITIVE, 1e9, &gpu->usable_vram_mib) ||
      !get_string (rec, obj, "interconnect", FALSE, RW_CATALOG_MAX_ID_LEN, &gpu->interconnect))
    return NULL;
  {
    /* where the driver total comes from (data/sources/README.md); the other spec sources are
     * for the catalog's own checks and are not kept */
    JsonNode *sources = member (obj, "spec_sources");

    if (sources != NULL && JSON_NODE_HOLDS_OBJECT (sources) &&
        !get_string (rec, json_node_get_object (sources), "usable_vram_mib", FALSE, MAX_TEXT_LEN,
                     &gpu->usable_vram_source))
      return NULL;
  }
  {
    const char *problem = _rw_gpu_check_fit_fields (gpu);

    if (problem != NULL)
      {
        g_autofree char *name = g_strndup (problem, strcspn (problem, ":"));
        return (fail (rec, name, "%s", problem + strlen (name) + 2), NULL);
      }
  }

  if (g_hash_table_contains (rec->catalog->gpu_by_id, gpu->id))
    return (fail (rec, "id", "duplicate id “%s”", gpu->id), NULL);

  return G_OBJECT (g_steal_pointer (&gpu));
}

static GObject *
parse_provider (Record     *rec,
                JsonObject *obj)
{
  g_autoptr(RwProvider) provider = g_object_new (RW_TYPE_PROVIDER, NULL);

  if (!get_string (rec, obj, "id", TRUE, MAX_ID_LEN, &provider->id) ||
      !get_string (rec, obj, "name", TRUE, MAX_TEXT_LEN, &provider->name) ||
      !get_string (rec, obj, "kind", FALSE, MAX_TEXT_LEN, &provider->kind) ||
      !get_string (rec, obj, "url", FALSE, MAX_TEXT_LEN, &provider->url))
    return NULL;

  if (g_hash_table_contains (rec->catalog->provider_by_id, provider->id))
    return (fail (rec, "id", "duplicate id “%s”", provider->id), NULL);

  return G_OBJECT (g_steal_pointer (&provider));
}

static GObject *
parse_offer (Record     *rec,
             JsonObject *obj)
{
  g_autoptr(RwOffer) offer = g_object_new (RW_TYPE_OFFER, NULL);
  g_autofree char *pricing = NULL;

  if (!get_string (rec, obj, "provider", TRUE, MAX_ID_LEN, &offer->provider) ||
      !get_string (rec, obj, "gpu", TRUE, MAX_ID_LEN, &offer->gpu) ||
      !get_uint (rec, obj, "gpu_count", TRUE, 1, MAX_GPU_COUNT, &offer->gpu_count) ||
      !get_number (rec, obj, "price_hr", TRUE, NUM_POSITIVE, 1e6, &offer->price_hr) ||
      !get_string (rec, obj, "pricing", TRUE, MAX_ID_LEN, &pricing) ||
      !get_string (rec, obj, "instance", FALSE, MAX_TEXT_LEN, &offer->instance) ||
      !get_number (rec, obj, "vcpus", FALSE, NUM_NON_NEGATIVE, 1e6, &offer->vcpus) ||
      !get_number (rec, obj, "ram_gb", FALSE, NUM_NON_NEGATIVE, 1e9, &offer->ram_gb) ||
      !get_number (rec, obj, "disk_gb", FALSE, NUM_NON_NEGATIVE, 1e9, &offer->disk_gb) ||
      !get_string (rec, obj, "region", FALSE, MAX_TEXT_LEN, &offer->region) ||
      !get_string (rec, obj, "observed_at", FALSE, MAX_ID_LEN, &offer->observed_at))
    return NULL;

  if (offer->region != NULL)
    {
      /* ", US, NA": a list with an empty first item (an unknown city) */
      char *tidy = rw_text_tidy_list (offer->region);

      g_free (offer->region);
      offer->region = tidy;
    }
  if (!rw_pricing_from_string (pricing, &offer->pricing))
    return (fail (rec, "pricing", "“%s” is not on-demand, spot or reserved", pricing), NULL);
  if (!g_hash_table_contains (rec->catalog->provider_by_id, offer->provider))
    return (fail (rec, "provider", "unknown provider “%s”", offer->provider), NULL);
  if (!g_hash_table_contains (rec->catalog->gpu_by_id, offer->gpu))
    return (fail (rec, "gpu", "unknown GPU “%s”", offer->gpu), NULL);

  return G_OBJECT (g_steal_pointer (&offer));
}

static GObject *
parse_history_point (Record     *rec,
                     JsonObject *obj)
{
  g_autoptr(RwHistoryPoint) point = g_object_new (RW_TYPE_HISTORY_POINT, NULL);
  guint providers = G_MAXUINT;
  GPtrArray *existing;

  if (!get_string (rec, obj, "gpu", TRUE, MAX_ID_LEN, &point->gpu) ||
      !get_string (rec, obj, "date", TRUE, MAX_ID_LEN, &point->date) ||
      !get_number (rec, obj, "median_hr", TRUE, NUM_NON_NEGATIVE, 1e6, &point->median_hr) ||
      !get_number (rec, obj, "min_hr", FALSE, NUM_NON_NEGATIVE, 1e6, &point->min_hr) ||
      !get_number (rec, obj, "max_hr", FALSE, NUM_NON_NEGATIVE, 1e6, &point->max_hr) ||
      !get_uint (rec, obj, "providers", FALSE, 0, 1000000, &providers))
    return NULL;

  if (providers != G_MAXUINT)
    point->providers = (int) providers;
  if (!_rw_valid_date (point->date))
    return (fail (rec, "date", "“%s” is not a date (YYYY-MM-DD)", point->date), NULL);
  if (point->min_hr >= 0 && point->min_hr > point->median_hr)
    return (fail (rec, "min_hr", "above median_hr"), NULL);
  if (point->max_hr >= 0 && point->max_hr < point->median_hr)
    return (fail (rec, "max_hr", "below median_hr"), NULL);
  if (!g_hash_table_contains (rec->catalog->gpu_by_id, point->gpu))
    return (fail (rec, "gpu", "unknown GPU “%s”", point->gpu), NULL);

  existing = g_hash_table_lookup (rec->catalog->history_by_gpu, point->gpu);
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      RwHistoryPoint *other = g_ptr_array_index (existing, i);
      if (g_str_equal (other->date, point->date))
        return (fail (rec, "date", "duplicate date %s for GPU “%s”", point->date, point->gpu),
                NULL);
    }

  return G_OBJECT (g_steal_pointer (&point));
}

/* ------------------------------------------ the fit engine's members */

#define MAX_LAYERS 100000
/* the widest hidden or MLP size a record may state (Llama 3.1 405B: 16 384 and 53 248) */
#define MAX_WIDTH  500000

static gboolean
get_bool (Record     *rec,
          JsonObject *obj,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (rec, name, "not true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A record for the members of element @i of the record's array @name, so that fail ()
 * names "models[3].layer_groups[1].kv_heads"; its problem goes back with element_done () */
static Record
element_record (Record     *rec,
                const char *name,
                guint       i,
                char      **path)
{
  *path = g_strdup_printf ("%s[%u].%s", rec->array, rec->index, name);
  return (Record) { rec->catalog, *path, i, NULL };
}

static gboolean
element_done (Record *rec,
              Record *sub)
{
  if (sub->problem == NULL)
    return TRUE;
  if (rec->problem == NULL)
    rec->problem = g_steal_pointer (&sub->problem);
  g_clear_pointer (&sub->problem, g_free);
  return FALSE;
}

static gboolean
parse_layer_groups (Record     *rec,
                    JsonNode   *node,
                    RwModel    *model)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (rec, "layer_groups", "not an array");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > 64)
    return fail (rec, "layer_groups", "must have 1 to 64 groups");
  model->groups = g_new0 (RwLayerGroup, n);
  model->n_groups = n;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      RwLayerGroup *g = &model->groups[i];
      g_autofree char *attention = NULL;
      g_autofree char *path = NULL;
      Record sub = element_record (rec, "layer_groups", i, &path);
      JsonObject *obj;

      g->state_bytes = RW_UNKNOWN;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          fail (&sub, NULL, "not an object");
          return element_done (rec, &sub);
        }
      obj = json_node_get_object (element);
      if (get_uint (&sub, obj, "count", TRUE, 1, MAX_LAYERS, &g->count) &&
          get_string (&sub, obj, "attention", TRUE, RW_CATALOG_MAX_ID_LEN, &attention) &&
          get_uint (&sub, obj, "kv_heads", FALSE, 0, MAX_LAYERS, &g->kv_heads) &&
          get_uint (&sub, obj, "head_dim", FALSE, 0, MAX_LAYERS, &g->head_dim) &&
          get_uint (&sub, obj, "window", FALSE, 0, 1u << 30, &g->window) &&
          get_uint (&sub, obj, "kv_lora_rank", FALSE, 0, MAX_LAYERS, &g->kv_lora_rank) &&
          get_uint (&sub, obj, "qk_rope_head_dim", FALSE, 0, MAX_LAYERS, &g->qk_rope_head_dim) &&
          get_number (&sub, obj, "state_bytes", FALSE, NUM_NON_NEGATIVE, 1e12, &g->state_bytes) &&
          !rw_attention_from_string (attention, &g->attention))
        fail (&sub, "attention", "not full, sliding, mla or linear");
      if (!element_done (rec, &sub))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_components (Record   *rec,
                  JsonNode *node,
                  RwModel  *model)
{
  static const char * const names[] = { "transformer", "text_encoder", "text_encoder_2", "vae" };
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (rec, "components", "not an array");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 || n > 16)
    return fail (rec, "components", "must have 1 to 16 components");
  model->components = g_new0 (RwModelComponent, n);
  model->n_components = n;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = NULL;
      Record sub = element_record (rec, "components", i, &path);
      RwModelComponent *c = &model->components[i];
      gboolean known = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        fail (&sub, NULL, "not an object");
      else if (get_string (&sub, json_node_get_object (element), "name", TRUE,
                           RW_CATALOG_MAX_ID_LEN, &c->name) &&
               get_number (&sub, json_node_get_object (element), "params_b", TRUE,
                           NUM_POSITIVE, 1e6, &c->params_b))
        {
          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            known |= g_str_equal (c->name, names[k]);
          if (!known)
            fail (&sub, "name", "not transformer, text_encoder, text_encoder_2 or vae");
        }
      if (!element_done (rec, &sub))
        return FALSE;
    }
  return TRUE;
}

/**
 * _rw_model_groups_from_flat:
 *
 * The flat `layers`, `kv_heads`, `head_dim`, `sliding_window`, `sliding_layers` as one full
 * group and, when some layers slide, one sliding group (DESIGN.md's shorthand). Nothing when
 * layers, kv_heads or head_dim is unknown, or when the model already has groups.
 */
void
_rw_model_groups_from_flat (RwModel *model)
{
  guint sliding;

  if (model->n_groups > 0 || model->layers == 0 || model->kv_heads == 0 || model->head_dim == 0)
    return;
  /* a sliding layer without a window is charged as a full one */
  sliding = model->sliding_window > 0 ? MIN (model->sliding_layers, model->layers) : 0;
  model->groups = g_new0 (RwLayerGroup, 2);
  if (model->layers > sliding)
    model->groups[model->n_groups++] = (RwLayerGroup) {
      model->layers - sliding, RW_ATTENTION_FULL, model->kv_heads, model->head_dim,
      0, 0, 0, RW_UNKNOWN };
  if (sliding > 0)
    model->groups[model->n_groups++] = (RwLayerGroup) {
      sliding, RW_ATTENTION_SLIDING, model->kv_heads, model->head_dim,
      model->sliding_window, 0, 0, RW_UNKNOWN };
}

/**
 * _rw_model_check_fit_fields:
 *
 * The checks the JSON parser and the image reader share on the fit engine's members: a model
 * whose numbers contradict each other (more active than total parameters, 1e9 layers, a
 * sliding group without a window…) is an absurd record.
 *
 * Returns: (nullable): NULL when valid, else "member: what is wrong" (static)
 */
const char *
_rw_model_check_fit_fields (RwModel *model)
{
  guint64 layers = 0;

  if (model->kind > RW_MODEL_KIND_IMAGE)
    return "kind: not llm or image";
  if (model->active_params_b != RW_UNKNOWN &&
      !(model->active_params_b > 0 && model->active_params_b <= model->params_b * (1 + 1e-9)))
    return "active_params_b: not in (0, params_b]";
  if (model->embedding_params_b != RW_UNKNOWN &&
      !(model->embedding_params_b >= 0 &&
        model->embedding_params_b * (model->tied_embeddings ? 1 : 2) <=
        model->params_b * (1 + 1e-9)))
    return "embedding_params_b: more than params_b holds";
  for (guint i = 0; i < model->n_groups; i++)
    {
      const RwLayerGroup *g = &model->groups[i];

      if (g->count < 1 || g->count > MAX_LAYERS || g->attention > RW_ATTENTION_LINEAR ||
          g->kv_heads > MAX_LAYERS || g->head_dim > MAX_LAYERS || g->window > (1u << 30) ||
          g->kv_lora_rank > MAX_LAYERS || g->qk_rope_head_dim > MAX_LAYERS ||
          !(g->state_bytes == RW_UNKNOWN || (g->state_bytes >= 0 && g->state_bytes <= 1e12)))
        return "layer_groups: a number out of range";
      layers += g->count;
      if ((g->attention == RW_ATTENTION_FULL || g->attention == RW_ATTENTION_SLIDING) &&
          (g->kv_heads == 0 || g->head_dim == 0))
        return "layer_groups: full and sliding groups need kv_heads and head_dim";
      if (g->attention == RW_ATTENTION_SLIDING && g->window == 0)
        return "layer_groups: a sliding group needs its window";
      if (g->attention == RW_ATTENTION_MLA && g->kv_lora_rank == 0)
        return "layer_groups: an mla group needs kv_lora_rank";
    }
  if (layers > MAX_LAYERS)
    return "layer_groups: more than 100000 layers";
  if (model->hidden_size > MAX_WIDTH || model->intermediate_size > MAX_WIDTH ||
      model->attention_heads > MAX_LAYERS)
    return "hidden_size, attention_heads or intermediate_size: out of range";
  if (model->hidden_size > 0 && model->embedding_params_b != RW_UNKNOWN &&
      model->embedding_params_b * 1e9 < model->hidden_size)
    return "hidden_size: wider than the embedding holds";
  for (guint i = 0; i < model->n_components; i++)
    if (model->components[i].name == NULL ||
        !(model->components[i].params_b > 0 && model->components[i].params_b <= 1e6))
      return "components: a component without a name or parameters";
  if (model->source != NULL && !g_str_has_prefix (model->source, "https://"))
    return "source: not an https URL";
  return NULL;
}

static gboolean
parse_model_fit_fields (Record     *rec,
                        JsonObject *obj,
                        RwModel    *model)
{
  g_autofree char *kind = NULL;
  const char *problem;
  JsonNode *node;

  if (!get_string (rec, obj, "kind", FALSE, RW_CATALOG_MAX_ID_LEN, &kind) ||
      !get_number (rec, obj, "active_params_b", FALSE, NUM_POSITIVE, 1e6,
                   &model->active_params_b) ||
      !get_number (rec, obj, "embedding_params_b", FALSE, NUM_NON_NEGATIVE, 1e6,
                   &model->embedding_params_b) ||
      !get_bool (rec, obj, "tied_embeddings", &model->tied_embeddings) ||
      !get_uint (rec, obj, "hidden_size", FALSE, 1, MAX_WIDTH, &model->hidden_size) ||
      !get_uint (rec, obj, "attention_heads", FALSE, 1, MAX_LAYERS, &model->attention_heads) ||
      !get_uint (rec, obj, "intermediate_size", FALSE, 1, MAX_WIDTH, &model->intermediate_size) ||
      !get_string (rec, obj, "source", FALSE, RW_CATALOG_MAX_TEXT_LEN, &model->source))
    return FALSE;
  if (kind != NULL && g_str_equal (kind, "image"))
    model->kind = RW_MODEL_KIND_IMAGE;
  else if (kind != NULL && !g_str_equal (kind, "llm"))
    return fail (rec, "kind", "“%s” is not llm or image", kind);

  node = member (obj, "layer_groups");
  if (node != NULL && !parse_layer_groups (rec, node, model))
    return FALSE;
  node = member (obj, "components");
  if (node != NULL && !parse_components (rec, node, model))
    return FALSE;
  _rw_model_groups_from_flat (model);

  problem = _rw_model_check_fit_fields (model);
  if (problem != NULL)
    {
      g_autofree char *name = g_strndup (problem, strcspn (problem, ":"));
      return fail (rec, name, "%s", problem + strlen (name) + 2);
    }
  return TRUE;
}

/**
 * _rw_gpu_check_fit_fields:
 *
 * An absurd GPU (1e-300 GB of memory, a driver total above the card's memory) is a bad
 * record. vram_gb is the vendor's figure, in GiB of DRAM for every card in the catalog, so the
 * driver total never exceeds vram_gb × 1024 MiB; it is never below half of it either.
 *
 * Returns: (nullable): NULL when valid, else "member: what is wrong" (static)
 */
const char *
_rw_gpu_check_fit_fields (RwGpu *gpu)
{
  static const char * const links[] = { "SXM", "PCIe", "NVL", "OAM", "NVLink-C2C" };
  gboolean known = gpu->interconnect == NULL;

  if (!(gpu->vram_gb >= 0.25))
    return "vram_gb: below 0.25 GB";
  if (gpu->usable_vram_mib != RW_UNKNOWN &&
      !(gpu->usable_vram_mib >= gpu->vram_gb * 512 && gpu->usable_vram_mib <= gpu->vram_gb * 1024))
    return "usable_vram_mib: not between half and all of vram_gb";
  for (guint i = 0; !known && i < G_N_ELEMENTS (links); i++)
    known = g_str_equal (gpu->interconnect, links[i]);
  if (!known)
    return "interconnect: not SXM, PCIe, NVL, OAM or NVLink-C2C";
  return NULL;
}

static GObject *
parse_model (Record     *rec,
             JsonObject *obj)
{
  g_autoptr(RwModel) model = g_object_new (RW_TYPE_MODEL, NULL);
  guint context = G_MAXUINT;

  if (!get_string (rec, obj, "id", TRUE, MAX_ID_LEN, &model->id) ||
      !get_string (rec, obj, "name", TRUE, MAX_TEXT_LEN, &model->name) ||
      !get_number (rec, obj, "params_b", TRUE, NUM_POSITIVE, 1e6, &model->params_b) ||
      !get_string (rec, obj, "maker", FALSE, MAX_TEXT_LEN, &model->maker) ||
      !get_uint (rec, obj, "context", FALSE, 0, 1u << 30, &context) ||
      !get_uint (rec, obj, "layers", FALSE, 0, 100000, &model->layers) ||
      !get_uint (rec, obj, "kv_heads", FALSE, 0, 100000, &model->kv_heads) ||
      !get_uint (rec, obj, "head_dim", FALSE, 0, 100000, &model->head_dim) ||
      !get_uint (rec, obj, "sliding_window", FALSE, 0, 1u << 30, &model->sliding_window) ||
      !get_uint (rec, obj, "sliding_layers", FALSE, 0, 100000, &model->sliding_layers))
    return NULL;

  if (context != G_MAXUINT)
    model->context = context;
  if (model->sliding_layers > model->layers)
    return (fail (rec, "sliding_layers", "more than layers"), NULL);
  if (!parse_model_fit_fields (rec, obj, model))
    return NULL;

  if (g_hash_table_contains (rec->catalog->model_by_id, model->id))
    return (fail (rec, "id", "duplicate id “%s”", model->id), NULL);

  return G_OBJECT (g_steal_pointer (&model));
}

static gsize
len0 (const char *s)
{
  return s ? strlen (s) + 1 : 0;
}

/* What a record costs in memory, roughly: the object, its strings, the indexes' share */
static gsize
record_memory (GObject *record)
{
  gsize bytes = 96;   /* GObject header, list store and hash table slots */

  if (RW_IS_GPU (record))
    {
      RwGpu *gpu = RW_GPU (record);
      bytes += sizeof (RwGpu) + len0 (gpu->id) + len0 (gpu->name) + len0 (gpu->vendor) +
               len0 (gpu->architecture);
      for (guint i = 0; gpu->aliases && gpu->aliases[i]; i++)
        bytes += len0 (gpu->aliases[i]) * 2 + 48;   /* the string and its alias-index entry */
    }
  else if (RW_IS_PROVIDER (record))
    {
      RwProvider *p = RW_PROVIDER (record);
      bytes += sizeof (RwProvider) + len0 (p->id) + len0 (p->name) + len0 (p->kind) + len0 (p->url);
    }
  else if (RW_IS_OFFER (record))
    {
      RwOffer *o = RW_OFFER (record);
      bytes += sizeof (RwOffer) + len0 (o->provider) + len0 (o->gpu) + len0 (o->instance) +
               len0 (o->region) + len0 (o->observed_at);
    }
  else if (RW_IS_HISTORY_POINT (record))
    {
      RwHistoryPoint *h = RW_HISTORY_POINT (record);
      bytes += sizeof (RwHistoryPoint) + len0 (h->gpu) + len0 (h->date);
    }
  else if (RW_IS_MODEL (record))
    {
      RwModel *m = RW_MODEL (record);
      bytes += sizeof (RwModel) + len0 (m->id) + len0 (m->name) + len0 (m->maker) +
               len0 (m->source) + m->n_groups * sizeof (RwLayerGroup) +
               m->n_components * (sizeof (RwModelComponent) + 32);
    }
  return bytes;
}

void
_rw_catalog_index_record (RwCatalog  *self,
              GObject    *record)
{
  GHashTable *by_gpu = NULL;
  const char *gpu_id = NULL;
  GPtrArray *list;

  if (RW_IS_GPU (record))
    g_hash_table_insert (self->gpu_by_id, RW_GPU (record)->id, record);
  else if (RW_IS_PROVIDER (record))
    g_hash_table_insert (self->provider_by_id, RW_PROVIDER (record)->id, record);
  else if (RW_IS_MODEL (record))
    g_hash_table_insert (self->model_by_id, RW_MODEL (record)->id, record);
  else if (RW_IS_OFFER (record))
    by_gpu = self->offers_by_gpu, gpu_id = RW_OFFER (record)->gpu;
  else if (RW_IS_HISTORY_POINT (record))
    by_gpu = self->history_by_gpu, gpu_id = RW_HISTORY_POINT (record)->gpu;

  if (by_gpu == NULL)
    return;
  list = g_hash_table_lookup (by_gpu, gpu_id);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (by_gpu, g_strdup (gpu_id), list);
    }
  g_ptr_array_add (list, g_object_ref (record));
}

typedef GObject *(*ParseFunc) (Record *rec, JsonObject *obj);

static void
count_problem (RwCatalog *self,
               char      *problem)
{
  self->skipped++;
  if (self->first_problem == NULL)
    self->first_problem = problem;
  else
    g_free (problem);
}

static gboolean
parse_array (RwCatalog   *self,
             JsonObject  *root,
             const char  *name,
             GListStore  *store,
             ParseFunc    parse,
             GError     **error)
{
  JsonNode *node = member (root, name);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      count_problem (self, g_strdup_printf ("%s: not an array", name));
      return TRUE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > self->limits->max_records)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_MANY,
                   "The catalog has %u %s, more than the limit of %u", n, name,
                   self->limits->max_records);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Record rec = { self, name, i, NULL };
      GObject *record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        fail (&rec, NULL, "not an object");
      else
        record = parse (&rec, json_node_get_object (element));

      if (record == NULL)
        {
          count_problem (self, g_steal_pointer (&rec.problem));
          continue;
        }
      self->memory += record_memory (record);
      if (self->memory > self->limits->max_memory)
        {
          g_object_unref (record);
          g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_MUCH_MEMORY,
                       "The catalog would take more than %" G_GSIZE_FORMAT " MiB of memory "
                       "(at %s[%u])", self->limits->max_memory / (1024 * 1024), name, i);
          return FALSE;
        }
      _rw_catalog_index_record (self, record);
      g_ptr_array_add (parsed, record);
    }

  /* One items-changed for the whole array */
  if (store != NULL)
    g_list_store_splice (store, 0, 0, parsed->pdata, parsed->len);
  else
    _rw_catalog_set_offers (self, g_steal_pointer (&parsed));
  return TRUE;
}

static int
compare_history_date (gconstpointer a,
                      gconstpointer b)
{
  RwHistoryPoint *pa = *(RwHistoryPoint **) a;
  RwHistoryPoint *pb = *(RwHistoryPoint **) b;

  return strcmp (pa->date, pb->date);
}

static void
parse_sources (RwCatalog  *self,
               JsonObject *root)
{
  JsonNode *node = member (root, "sources");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Record rec = { self, "sources", i, NULL };
      RwAttribution *a;
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      obj = json_node_get_object (element);
      a = g_new0 (RwAttribution, 1);
      if (get_string (&rec, obj, "name", TRUE, MAX_TEXT_LEN, &a->name) &&
          get_string (&rec, obj, "url", FALSE, MAX_TEXT_LEN, &a->url) &&
          get_string (&rec, obj, "license", FALSE, MAX_TEXT_LEN, &a->license) &&
          get_string (&rec, obj, "retrieved", FALSE, MAX_ID_LEN, &a->retrieved))
        g_ptr_array_add (self->attributions, a);
      else
        {
          _rw_attribution_free (a);
          count_problem (self, g_steal_pointer (&rec.problem));
        }
    }
}


static gboolean
parse_root (RwCatalog  *self,
            JsonObject *root,
            GError    **error)
{
  JsonNode *schema = member (root, "schema");
  JsonNode *gpus = member (root, "gpus");
  Record rec = { self, "catalog", 0, NULL };

  if (schema == NULL)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_WRONG_SCHEMA,
                   "Not a Rentwise catalog: it has no “schema” member (expected “%s”)",
                   RW_CATALOG_SCHEMA);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (schema) || json_node_get_value_type (schema) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (schema), RW_CATALOG_SCHEMA) != 0)
    {
      g_autofree char *shown = NULL;

      if (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_STRING)
        shown = g_strescape (json_node_get_string (schema), NULL);
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_WRONG_SCHEMA,
                   "Unsupported catalog schema “%.64s” (expected “%s”)",
                   shown ? shown : "(not a string)", RW_CATALOG_SCHEMA);
      return FALSE;
    }
  if (gpus == NULL || !JSON_NODE_HOLDS_ARRAY (gpus))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_NO_GPUS,
                   "The catalog has no “gpus” array");
      return FALSE;
    }

  get_string (&rec, root, "generated_at", FALSE, MAX_ID_LEN, &self->generated_at);
  get_string (&rec, root, "currency", FALSE, MAX_ID_LEN, &self->currency);
  g_clear_pointer (&rec.problem, g_free);
  if (self->currency == NULL)
    self->currency = g_strdup ("USD");

  parse_sources (self, root);
  if (!parse_array (self, root, "gpus", self->gpus, parse_gpu, error) ||
      !parse_array (self, root, "providers", self->providers, parse_provider, error) ||
      !parse_array (self, root, "offers", NULL, parse_offer, error) ||
      !parse_array (self, root, "history", self->history, parse_history_point, error) ||
      !parse_array (self, root, "models", self->models, parse_model, error))
    return FALSE;

  _rw_catalog_finish (self);
  return TRUE;
}

static void
add_alias (RwCatalog  *self,
           const char *alias,
           RwGpu      *gpu)
{
  char *key = g_utf8_casefold (alias, -1);

  if (g_hash_table_contains (self->gpu_by_alias, key))
    g_free (key);  /* the first GPU to claim an alias keeps it */
  else
    g_hash_table_insert (self->gpu_by_alias, key, gpu);
}

/* Indexes and derived values, once every record is in */
void
_rw_catalog_finish (RwCatalog *self)
{
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->history_by_gpu);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_ptr_array_sort (value, compare_history_date);
  }

  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->gpus)); i < n; i++)
    {
      RwGpu *gpu = g_list_model_get_item (G_LIST_MODEL (self->gpus), i);

      add_alias (self, gpu->id, gpu);
      add_alias (self, gpu->name, gpu);
      for (guint a = 0; gpu->aliases != NULL && gpu->aliases[a] != NULL; a++)
        add_alias (self, gpu->aliases[a], gpu);
      g_object_unref (gpu);
    }

  /* What the sidebar shows (cheapest per-GPU rate and provider count) and the day's history
   * point records (median, range), with and without spot: once per catalog, in the thread
   * that loads it, not on the main thread when a refresh arrives */
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->gpus)); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (G_LIST_MODEL (self->gpus), i);
      GPtrArray *offers = rw_catalog_get_offers_for_gpu (self, gpu->id);
      const guint masks[4] = { RW_PRICING_MASK_ALL, RW_PRICING_MASK_NO_SPOT,
                               RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT,
                               RW_PRICING_MASK_NO_SPOT | RW_INCLUDE_SUSPECT };

      /* suspect prices, against this catalog's other offers (the offers are this catalog's
       * own: rw_catalog_merge () copies them) */
      rw_mark_suspect ((RwOffer **) offers->pdata, offers->len);
      for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
        {
          g_autoptr(RwPriceStats) stats =
            rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, masks[m]);

          gpu->cheapest_hr[m] = stats->cheapest_hr;
          gpu->median_hr[m] = stats->median_hr;
          gpu->dearest_hr[m] = stats->most_expensive_hr;
          gpu->n_providers[m] = stats->providers;
        }
    }
}

/**
 * rw_catalog_new_from_bytes:
 * @bytes: a rentwise-catalog/1 document
 * @source: where @bytes came from, for the freshness line
 *
 * Returns: (transfer full): the catalog, or %NULL with @error set when the document as a
 *   whole is unusable. Bad records are skipped and counted instead.
 */
void
rw_catalog_limits_init (RwCatalogLimits *limits)
{
  limits->max_size = RW_CATALOG_MAX_SIZE;
  limits->max_depth = RW_CATALOG_MAX_DEPTH;
  limits->max_records = RW_CATALOG_MAX_RECORDS;
  limits->max_memory = RW_CATALOG_MAX_MEMORY;
}

RwCatalog *
rw_catalog_new_from_bytes (GBytes          *bytes,
                           RwCatalogSource  source,
                           GError         **error)
{
  RwCatalogLimits limits;

  rw_catalog_limits_init (&limits);
  return rw_catalog_new_with_limits (bytes, source, &limits, error);
}

/**
 * rw_catalog_new_with_limits:
 * @limits: what the document may not exceed (rw_catalog_limits_init () gives the defaults)
 */
RwCatalog *
rw_catalog_new_with_limits (GBytes                *bytes,
                            RwCatalogSource        source,
                            const RwCatalogLimits *limits,
                            GError               **error)
{
  g_autoptr(RwCatalog) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *blanked = NULL;
  const char *data;
  const char *bad_utf8 = NULL;
  guint bad_numbers = 0;
  JsonNode *root;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > limits->max_size)
    {
      if (limits->max_size >= 1024 * 1024)
        g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE,
                     "The catalog is %" G_GSIZE_FORMAT " MiB, larger than the %" G_GSIZE_FORMAT
                     " MiB limit",
                     len / (1024 * 1024), limits->max_size / (1024 * 1024));
      else
        g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE,
                     "The catalog is %" G_GSIZE_FORMAT " bytes, larger than the %" G_GSIZE_FORMAT
                     " byte limit",
                     len, limits->max_size);
      return NULL;
    }
  if (len == 0 || data == NULL)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_EMPTY, "The catalog is empty");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, &bad_utf8))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_NOT_UTF8,
                   "The catalog is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
                   (gsize) (bad_utf8 - data));
      return NULL;
    }
  if (!depth_within (data, len, limits->max_depth))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_DEEP,
                   "The catalog nests deeper than %u levels", limits->max_depth);
      return NULL;
    }

  blanked = blank_bad_numbers (data, len, &bad_numbers);
  if (blanked != NULL)
    data = blanked;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_INVALID_JSON,
                   "The catalog is not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_EMPTY,
                   "The catalog is empty");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_NOT_OBJECT,
                   "The catalog is not a JSON object");
      return NULL;
    }

  self = g_object_new (RW_TYPE_CATALOG, NULL);
  self->source = source;
  self->limits = limits;
  self->bad_numbers = bad_numbers;
  if (!parse_root (self, json_node_get_object (root), error))
    return NULL;
  self->limits = NULL;

  return g_steal_pointer (&self);
}

/* Reads @file whole, failing with RW_CATALOG_ERROR_TOO_LARGE past @max bytes whatever its
 * reported size: a catalog named on the command line may be a pipe (its size is 0), or
 * /dev/zero (newcomer report 5, defect 2: g_file_load_contents () read it without end) */
static gboolean
load_capped (GFile       *file,
             const char  *path,
             gsize        max,
             char       **contents,
             gsize       *length,
             GError     **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];

  if (in == NULL)
    return FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, sizeof chunk, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if ((gsize) n > max - data->len)
        {
          g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE,
                       "Catalog “%s” is larger than the %d MiB limit",
                       path, RW_CATALOG_MAX_SIZE / (1024 * 1024));
          return FALSE;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}

/**
 * rw_catalog_new_from_file:
 *
 * Loads a catalog document from @path (source "file"), refusing files over the size cap
 * (RW_CATALOG_MAX_SIZE, 64 MiB) before reading them, and any file, pipe or device once
 * more than that has been read.
 */
RwCatalog *
rw_catalog_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  RwCatalog *catalog;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code, "Cannot read catalog “%s”: %s", path,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? "no such file" : local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "Cannot read catalog “%s”: it is a folder", path);
      return NULL;
    }
  if (g_file_info_get_size (info) > RW_CATALOG_MAX_SIZE)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE,
                   "Catalog “%s” is larger than the %d MiB limit",
                   path, RW_CATALOG_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!load_capped (file, path, RW_CATALOG_MAX_SIZE, &contents, &len, &local_error))
    {
      if (local_error->domain == RW_CATALOG_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_IO_ERROR, local_error->code, "Cannot read catalog “%s”: %s",
                     path, local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, error);
  if (catalog != NULL)
    catalog->origin = g_file_get_parse_name (file);
  return catalog;
}

/* Where a "file" catalog was read from (its path), else NULL */
const char *
rw_catalog_get_origin (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->origin;
}

RwCatalogSource
rw_catalog_get_source (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), 0);
  return self->source;
}

const char *
rw_catalog_get_generated_at (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->generated_at;
}

const char *
rw_catalog_get_currency (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->currency;
}

guint
rw_catalog_get_skipped_records (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), 0);
  return self->skipped;
}

const char *
rw_catalog_get_first_problem (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->first_problem;
}
/* Number tokens outside the JSON grammar (hex, octal, Infinity…) in the document: their
 * records were skipped (and are counted in the skipped records) */
guint
rw_catalog_get_bad_numbers (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), 0);
  return self->bad_numbers;
}

/**
 * rw_catalog_get_attributions:
 *
 * Returns: (transfer none) (element-type RwAttribution): the document's `sources`.
 */
GPtrArray *
rw_catalog_get_attributions (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->attributions;
}

GListModel *
rw_catalog_get_gpus (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->gpus);
}

GListModel *
rw_catalog_get_providers (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->providers);
}

GListModel *
rw_catalog_get_offers (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->offers;
}

GListModel *
rw_catalog_get_history (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->history);
}

GListModel *
rw_catalog_get_models (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->models);
}

/* strcmp () on case-folded names, except that runs of ASCII digits compare by value:
 * "qwen 3 8b" < "qwen 3 14b" < "qwen 3.5 35b" */
static int
natural_compare (const char *a,
                 const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea = a, *eb = b;
          gsize la, lb;
          int c;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          la = ea - a;
          lb = eb - b;
          if (la != lb)
            return la < lb ? -1 : 1;
          c = strncmp (a, b, la);
          if (c != 0)
            return c;
          a = ea;
          b = eb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return *a == *b ? 0 : *a == '\0' ? -1 : 1;
}

typedef struct {
  RwModel *model;
  char    *key;
} ModelKey;

static int
compare_model_keys (gconstpointer a,
                    gconstpointer b)
{
  const ModelKey *ka = a, *kb = b;
  int c = natural_compare (ka->key, kb->key);

  return c != 0 ? c : strcmp (rw_model_get_id (ka->model), rw_model_get_id (kb->model));
}

/**
 * rw_catalog_dup_models_by_name:
 *
 * The catalog's models in the order people look for them (newcomer report 8): by name,
 * case-folded, with numbers within a name compared by value ("Qwen 3 8B" before "Qwen 3 14B",
 * "Qwen 3 235B" before "Qwen 3.5 35B"), then by id. What --list-models and the plan window's
 * and the comparison's model choices list.
 *
 * Returns: (transfer container) (element-type RwModel): the models (the catalog holds them)
 */
GPtrArray *
rw_catalog_dup_models_by_name (RwCatalog *self)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (ModelKey));
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);
      g_autofree char *folded = g_utf8_casefold (rw_model_get_name (model), -1);
      ModelKey key = { model, g_steal_pointer (&folded) };

      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_model_keys);
  out = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      ModelKey *key = &g_array_index (keys, ModelKey, i);

      g_ptr_array_add (out, key->model);   /* the catalog's list holds a reference */
      g_free (key->key);
    }
  return out;
}

RwGpu *
rw_catalog_lookup_gpu (RwCatalog  *self,
                       const char *id)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->gpu_by_id, id) : NULL;
}

RwProvider *
rw_catalog_lookup_provider (RwCatalog  *self,
                            const char *id)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->provider_by_id, id) : NULL;
}

/**
 * rw_catalog_get_provider_name:
 * @self: a catalog
 * @id: (nullable): a provider id, as an offer names it
 *
 * The name people know the provider @id by ("RunPod"), or @id itself when the catalog has no
 * such provider (an offer from a feed may name one the catalog lacks). The text is the
 * catalog's or the offer's own, not sanitized.
 *
 * Returns: (transfer none) (nullable): the name, or @id
 */
const char *
rw_catalog_get_provider_name (RwCatalog  *self,
                              const char *id)
{
  RwProvider *provider = rw_catalog_lookup_provider (self, id);

  return provider != NULL ? rw_provider_get_name (provider) : id;
}

/**
 * rw_catalog_lookup_model:
 * @id: a model id of the catalog's `models` ("llama-3.1-8b"), or NULL
 *
 * Returns: (transfer none) (nullable): the model with that id, NULL when there is none; the
 *   catalog holds it (a linear search: catalogs carry tens of models)
 */
RwModel *
rw_catalog_lookup_model (RwCatalog  *self,
                         const char *id)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->models)); i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (g_strcmp0 (rw_model_get_id (model), id) == 0)
        return model;   /* the catalog's store holds it */
    }
  return NULL;
}

/**
 * rw_catalog_compute_price_stats:
 * @gpu_id: a GPU id of the catalog
 * @pricing_mask: which offers count, as for rw_price_stats_compute () (#RwPricingKind bits;
 *   suspect and GPU-only prices are left out as there)
 *
 * The price statistics (cheapest, median, … in $/hr per GPU) over the GPU's offers: the figures
 * every view, the report, the alerts and the change set show for it.
 *
 * Returns: (transfer full): the statistics (counts 0 when the GPU has no offer or is unknown)
 */
RwPriceStats *
rw_catalog_compute_price_stats (RwCatalog  *self,
                                const char *gpu_id,
                                guint       pricing_mask)
{
  GPtrArray *offers;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  offers = rw_catalog_get_offers_for_gpu (self, gpu_id);
  return rw_price_stats_compute ((RwOffer **) offers->pdata, offers->len, pricing_mask);
}

/**
 * rw_catalog_get_offers_for_gpu:
 *
 * Returns: (transfer none) (element-type RwOffer): the GPU's offers in catalog order,
 *   an empty array when it has none.
 */
GPtrArray *
rw_catalog_get_offers_for_gpu (RwCatalog  *self,
                               const char *gpu_id)
{
  GPtrArray *offers;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  offers = gpu_id ? g_hash_table_lookup (self->offers_by_gpu, gpu_id) : NULL;
  return offers ? offers : self->empty;
}

/**
 * rw_catalog_get_history_for_gpu:
 *
 * Returns: (transfer none) (element-type RwHistoryPoint): the GPU's history sorted by date.
 */
GPtrArray *
rw_catalog_get_history_for_gpu (RwCatalog  *self,
                                const char *gpu_id)
{
  GPtrArray *history;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  history = gpu_id ? g_hash_table_lookup (self->history_by_gpu, gpu_id) : NULL;
  return history ? history : self->empty;
}

/**
 * rw_catalog_lookup_gpu_by_alias:
 * @name: a GPU id, name or alias, in any case ("H100-SXM", "nvidia l40s")
 *
 * Returns: (transfer none) (nullable): the GPU that name stands for
 */
RwGpu *
rw_catalog_lookup_gpu_by_alias (RwCatalog  *self,
                                const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  key = g_utf8_casefold (name, -1);
  return g_hash_table_lookup (self->gpu_by_alias, key);
}

/**
 * rw_catalog_merge:
 * @base: the built-in (or cached) catalog: GPUs, aliases, models and history
 * @feeds: (element-type RwFeedData): what each feed brought
 * @source: where the merged prices come from
 *
 * Feed offers over @base: a provider that a feed brings offers for loses its offers in
 * @base; everything else stays from @base. Feed offers must already name @base's GPU ids.
 * A provider is taken from one source only, never added up: when two feeds (or a feed and
 * @base) bring the same provider, the newest wins (RwFeedData.time against @base's data
 * time; a feed of unknown time counts as newer than @base, and between feeds of the same
 * time the first listed wins). Each feed that lost a provider gets `superseded_by` (the
 * winner's URL, or "builtin" for @base's own offers).
 *
 * Returns: (transfer full): a new catalog; @base is not changed
 */
RwCatalog *
rw_catalog_merge (RwCatalog       *base,
                  GPtrArray       *feeds,
                  RwCatalogSource  source)
{
  RwCatalog *self;
  g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) winner = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  g_return_val_if_fail (RW_IS_CATALOG (base), NULL);

  self = g_object_new (RW_TYPE_CATALOG, NULL);
  self->source = source;
  self->generated_at = g_strdup (base->generated_at);
  self->currency = g_strdup (base->currency);
  self->origin = g_strdup (base->origin);
  self->skipped = base->skipped;
  self->first_problem = g_strdup (base->first_problem);
  for (guint i = 0; i < base->attributions->len; i++)
    {
      RwAttribution *a = g_ptr_array_index (base->attributions, i);
      RwAttribution *copy = g_new0 (RwAttribution, 1);

      copy->name = g_strdup (a->name);
      copy->url = g_strdup (a->url);
      copy->license = g_strdup (a->license);
      copy->retrieved = g_strdup (a->retrieved);
      g_ptr_array_add (self->attributions, copy);
    }

  /* each provider from one source: the newest feed that brings it, or the base */
  for (guint f = 0; feeds != NULL && f < feeds->len; f++)
    {
      RwFeedData *feed = g_ptr_array_index (feeds, f);

      g_clear_pointer (&feed->superseded_by, g_free);
    }
  for (guint f = 0; feeds != NULL && f < feeds->len; f++)
    {
      RwFeedData *feed = g_ptr_array_index (feeds, f);

      for (guint i = 0; i < feed->offers->len; i++)
        {
          const char *provider = rw_offer_get_provider (g_ptr_array_index (feed->offers, i));
          gpointer slot;

          if (g_hash_table_lookup_extended (winner, provider, NULL, &slot))
            {
              RwFeedData *other = g_ptr_array_index (feeds, GPOINTER_TO_UINT (slot) - 1);

              if (other == feed)
                continue;
              if (feed->time > other->time && other->time != 0)
                {
                  g_hash_table_insert (winner, (gpointer) provider, GUINT_TO_POINTER (f + 1));
                  if (other->superseded_by == NULL)
                    other->superseded_by = g_strdup (feed->url ? feed->url : "");
                }
              else if (feed->superseded_by == NULL)
                feed->superseded_by = g_strdup (other->url ? other->url : "");
            }
          else
            g_hash_table_insert (winner, (gpointer) provider, GUINT_TO_POINTER (f + 1));
        }
    }
  {
    gint64 base_time = rw_catalog_get_data_time (base);
    g_autoptr(GHashTable) in_base = g_hash_table_new (g_str_hash, g_str_equal);
    GHashTableIter iter;
    gpointer key, value;

    for (guint i = 0, n = g_list_model_get_n_items (base->offers); i < n; i++)
      {
        g_autoptr(RwOffer) offer = g_list_model_get_item (base->offers, i);
        g_hash_table_add (in_base, offer->provider);  /* the base outlives this call */
      }
    g_hash_table_iter_init (&iter, winner);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        RwFeedData *feed = g_ptr_array_index (feeds, GPOINTER_TO_UINT (value) - 1);

        if (g_hash_table_contains (in_base, key) && feed->time != 0 && feed->time < base_time)
          {
            /* the base's prices for this provider are newer than the feed's */
            if (feed->superseded_by == NULL)
              feed->superseded_by = g_strdup ("builtin");
            g_hash_table_iter_remove (&iter);
            continue;
          }
        g_hash_table_add (replaced, key);
      }
  }

  /* GPUs, models and history: the same (immutable) records */
  model = G_LIST_MODEL (base->gpus);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(RwGpu) old = g_list_model_get_item (model, i);
      RwGpu *gpu = g_object_new (RW_TYPE_GPU, NULL);

      /* a copy: the sidebar figures are derived per catalog */
      gpu->id = g_strdup (old->id);
      gpu->name = g_strdup (old->name);
      gpu->vendor = g_strdup (old->vendor);
      gpu->architecture = g_strdup (old->architecture);
      gpu->aliases = g_strdupv (old->aliases);
      gpu->vram_gb = old->vram_gb;
      gpu->tdp_w = old->tdp_w;
      gpu->msrp_usd = old->msrp_usd;
      gpu->memory_bandwidth_gbps = old->memory_bandwidth_gbps;
      gpu->interconnect = g_strdup (old->interconnect);
      gpu->usable_vram_mib = old->usable_vram_mib;
      gpu->usable_vram_source = g_strdup (old->usable_vram_source);
      gpu->purchase_usd = old->purchase_usd;
      gpu->purchase_estimate = old->purchase_estimate;
      gpu->purchase_source = g_strdup (old->purchase_source);
      gpu->purchase_date = g_strdup (old->purchase_date);
      _rw_catalog_index_record (self, G_OBJECT (gpu));
      g_list_store_append (self->gpus, gpu);
      g_object_unref (gpu);
    }
  model = G_LIST_MODEL (base->models);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);
      _rw_catalog_index_record (self, record);
      g_list_store_append (self->models, record);
    }
  model = G_LIST_MODEL (base->history);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);
      _rw_catalog_index_record (self, record);
      g_list_store_append (self->history, record);
    }

  /* providers: the base's, then new ones from the feeds */
  model = G_LIST_MODEL (base->providers);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      RwProvider *provider = g_list_model_get_item (model, i);
      _rw_catalog_index_record (self, G_OBJECT (provider));
      g_ptr_array_add (providers, provider);
    }
  for (guint f = 0; feeds != NULL && f < feeds->len; f++)
    {
      RwFeedData *feed = g_ptr_array_index (feeds, f);

      for (guint i = 0; i < feed->providers->len; i++)
        {
          RwProvider *provider = g_ptr_array_index (feed->providers, i);

          if (g_hash_table_contains (self->provider_by_id, provider->id))
            continue;
          _rw_catalog_index_record (self, G_OBJECT (provider));
          g_ptr_array_add (providers, g_object_ref (provider));
        }
    }

  /* offers: the base's unless their provider came from a feed, then the feeds' */
  model = base->offers;
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      RwOffer *offer = g_list_model_get_item (model, i);

      if (g_hash_table_contains (replaced, offer->provider))
        {
          g_object_unref (offer);
          continue;
        }
      /* a copy: whether it is suspect depends on the catalog it is in */
      g_ptr_array_add (offers, _rw_offer_copy_with_gpu (offer, offer->gpu));
      g_object_unref (offer);
    }
  for (guint f = 0; feeds != NULL && f < feeds->len; f++)
    {
      RwFeedData *feed = g_ptr_array_index (feeds, f);

      for (guint i = 0; i < feed->offers->len; i++)
        {
          RwOffer *offer = g_ptr_array_index (feed->offers, i);

          if (!g_hash_table_contains (self->gpu_by_id, offer->gpu) ||
              !g_hash_table_contains (self->provider_by_id, offer->provider) ||
              GPOINTER_TO_UINT (g_hash_table_lookup (winner, offer->provider)) != f + 1)
            continue;
          g_ptr_array_add (offers, _rw_offer_copy_with_gpu (offer, offer->gpu));
        }
    }
  for (guint i = 0; i < offers->len; i++)
    _rw_catalog_index_record (self, g_ptr_array_index (offers, i));

  g_list_store_splice (self->providers, 0, 0, providers->pdata, providers->len);
  _rw_catalog_set_offers (self, g_steal_pointer (&offers));
  _rw_catalog_finish (self);

  return self;
}

void
rw_feed_data_free (RwFeedData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->providers);
  g_ptr_array_unref (data->offers);
  g_free (data->url);
  g_free (data->superseded_by);
  g_free (data);
}

RwFeedData *
rw_feed_data_new (void)
{
  RwFeedData *data = g_new0 (RwFeedData, 1);

  data->providers = g_ptr_array_new_with_free_func (g_object_unref);
  data->offers = g_ptr_array_new_with_free_func (g_object_unref);
  return data;
}

/**
 * rw_catalog_get_data_time:
 *
 * Returns: when the prices were fetched (unix time), else when the document was generated,
 *   0 when neither is known
 */
gint64
rw_catalog_get_data_time (RwCatalog *self)
{
  g_autoptr(GDateTime) generated = NULL;

  g_return_val_if_fail (RW_IS_CATALOG (self), 0);

  if (self->fetched_at > 0)
    return self->fetched_at;
  if (self->generated_at != NULL)
    generated = g_date_time_new_from_iso8601 (self->generated_at, NULL);
  return generated ? g_date_time_to_unix (generated) : 0;
}

/* For the source: the time the feeds' data in this catalog was fetched */
void
rw_catalog_set_fetched_at (RwCatalog *self,
                           gint64     fetched_at)
{
  g_return_if_fail (RW_IS_CATALOG (self));
  self->fetched_at = fetched_at;
}

/* The catalog's offers, all at once (@offers: transfer full, one reference per offer) */
void
_rw_catalog_set_offers (RwCatalog *self,
                        GPtrArray *offers)
{
  g_clear_object (&self->offers);
  g_ptr_array_set_free_func (offers, g_object_unref);
  self->offers = G_LIST_MODEL (rw_array_model_new (RW_TYPE_OFFER, offers));
}

/* For the source: a catalog it made from the cache that a refresh's 304s made current */
void
rw_catalog_set_source (RwCatalog       *self,
                       RwCatalogSource  source)
{
  g_return_if_fail (RW_IS_CATALOG (self));
  self->source = source;
}
