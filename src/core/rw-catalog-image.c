/* rw-catalog-image.c: a validated catalog as a GVariant image that loads without parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON is for the network. What start-up reads — the built-in snapshot (compiled to an image
 * at build time) and the merged cache (written after every load that parsed JSON) — is this
 * image: one a{sv} whose members are flat columns (au, ad, ax), read in place with
 * g_variant_get_fixed_array (), and one table of NUL-terminated strings, copied once and
 * shared by the offers that point into it.
 *
 * An image is still untrusted input (a cache file anyone with the user's rights can edit):
 * GVariant itself never reads out of bounds, and every index, string and number is checked
 * here. Unlike a JSON document, a bad image is not half-used: it is refused as a whole
 * (RW_CATALOG_ERROR_BAD_IMAGE) and the caller goes back to the JSON it was made from.
 */
#include "config.h"

#include <string.h>

#include "rw-catalog-private.h"

#define BYTE_ORDER_MARK 0x01020304u
#define NO_STRING       G_MAXUINT32

/* ------------------------------------------------------------- writing */

typedef struct {
  GHashTable *index;    /* string (borrowed from the catalog) → index + 1 */
  GByteArray *blob;
  GArray     *offsets;  /* guint32 */
} StringTable;

static guint32
add_string (StringTable *table,
            const char  *str)
{
  gpointer found;
  guint32 index, offset;

  if (str == NULL)
    return NO_STRING;
  found = g_hash_table_lookup (table->index, str);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  index = table->offsets->len;
  offset = table->blob->len;
  g_array_append_val (table->offsets, offset);
  g_byte_array_append (table->blob, (const guint8 *) str, strlen (str) + 1);
  g_hash_table_insert (table->index, (gpointer) str, GUINT_TO_POINTER (index + 1));
  return index;
}

static void
add_u32 (GArray  *column,
         guint32  value)
{
  g_array_append_val (column, value);
}

static void
add_f64 (GArray *column,
         double  value)
{
  g_array_append_val (column, value);
}

static void
put_column (GVariantBuilder    *builder,
            const char         *key,
            const GVariantType *element,
            GArray             *column)
{
  g_variant_builder_add (builder, "{sv}", key,
                         g_variant_new_fixed_array (element, column->data, column->len,
                                                    g_array_get_element_size (column)));
  g_array_unref (column);
}

#define U32_COLUMN() g_array_new (FALSE, FALSE, sizeof (guint32))
#define F64_COLUMN() g_array_new (FALSE, FALSE, sizeof (double))

/**
 * rw_catalog_to_image:
 * @key: (nullable): what the image is made for; rw_catalog_new_from_image () refuses an
 *   image whose key is not the one it expects
 * @extra: (nullable): anything the caller wants back with the catalog (floating refs sunk)
 *
 * Returns: (transfer full): the image
 */
GBytes *
rw_catalog_to_image (RwCatalog  *self,
                     const char *key,
                     GVariant   *extra)
{
  StringTable strings;
  GVariantBuilder builder;
  GArray *meta = U32_COLUMN (), *sources = U32_COLUMN ();
  GArray *gpu_str = U32_COLUMN (), *gpu_num = F64_COLUMN ();
  GArray *alias_start = U32_COLUMN (), *aliases = U32_COLUMN ();
  GArray *provider_str = U32_COLUMN ();
  GArray *gpu_ext_str = U32_COLUMN (), *gpu_ext_num = F64_COLUMN (), *offer_flags = U32_COLUMN ();
  GArray *offer_str = U32_COLUMN (), *offer_int = U32_COLUMN (), *offer_num = F64_COLUMN ();
  GArray *history_str = U32_COLUMN (), *history_num = F64_COLUMN (), *history_int = U32_COLUMN ();
  GArray *model_str = U32_COLUMN (), *model_num = F64_COLUMN (), *model_int = U32_COLUMN ();
  GArray *gpu_fit_str = U32_COLUMN (), *gpu_fit_num = F64_COLUMN ();
  GArray *gpu_usable_src = U32_COLUMN ();
  GArray *model_fit_str = U32_COLUMN (), *model_fit_num = F64_COLUMN ();
  GArray *model_fit_int = U32_COLUMN ();
  GArray *model_train_int = U32_COLUMN ();
  GArray *group_start = U32_COLUMN (), *groups = U32_COLUMN (), *group_num = F64_COLUMN ();
  GArray *comp_start = U32_COLUMN (), *comp_str = U32_COLUMN (), *comp_num = F64_COLUMN ();
  GListModel *list;
  GVariant *image;
  GBytes *bytes;

  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);

  strings.index = g_hash_table_new (g_str_hash, g_str_equal);
  strings.blob = g_byte_array_new ();
  strings.offsets = U32_COLUMN ();

  add_u32 (meta, add_string (&strings, self->generated_at));
  add_u32 (meta, add_string (&strings, self->currency));
  add_u32 (meta, add_string (&strings, self->origin));
  add_u32 (meta, add_string (&strings, self->first_problem));
  for (guint i = 0; i < self->attributions->len; i++)
    {
      RwAttribution *a = g_ptr_array_index (self->attributions, i);

      add_u32 (sources, add_string (&strings, a->name));
      add_u32 (sources, add_string (&strings, a->url));
      add_u32 (sources, add_string (&strings, a->license));
      add_u32 (sources, add_string (&strings, a->retrieved));
    }

  list = G_LIST_MODEL (self->gpus);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (list, i);

      add_u32 (gpu_str, add_string (&strings, gpu->id));
      add_u32 (gpu_str, add_string (&strings, gpu->name));
      add_u32 (gpu_str, add_string (&strings, gpu->vendor));
      add_u32 (gpu_str, add_string (&strings, gpu->architecture));
      add_f64 (gpu_num, gpu->vram_gb);
      add_f64 (gpu_num, gpu->tdp_w);
      add_f64 (gpu_num, gpu->msrp_usd);
      add_f64 (gpu_num, gpu->memory_bandwidth_gbps);
      add_u32 (gpu_ext_str, add_string (&strings, gpu->purchase_source));
      add_u32 (gpu_ext_str, add_string (&strings, gpu->purchase_date));
      add_f64 (gpu_ext_num, gpu->purchase_usd);
      add_f64 (gpu_ext_num, gpu->purchase_estimate ? 1 : 0);
      add_u32 (gpu_fit_str, add_string (&strings, gpu->interconnect));
      add_f64 (gpu_fit_num, gpu->usable_vram_mib);
      add_u32 (gpu_usable_src, add_string (&strings, gpu->usable_vram_source));
      add_u32 (alias_start, aliases->len);
      for (guint a = 0; gpu->aliases != NULL && gpu->aliases[a] != NULL; a++)
        add_u32 (aliases, add_string (&strings, gpu->aliases[a]));
    }
  add_u32 (alias_start, aliases->len);

  list = G_LIST_MODEL (self->providers);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(RwProvider) provider = g_list_model_get_item (list, i);

      add_u32 (provider_str, add_string (&strings, provider->id));
      add_u32 (provider_str, add_string (&strings, provider->name));
      add_u32 (provider_str, add_string (&strings, provider->kind));
      add_u32 (provider_str, add_string (&strings, provider->url));
    }

  list = self->offers;
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (list, i);

      add_u32 (offer_str, add_string (&strings, offer->provider));
      add_u32 (offer_str, add_string (&strings, offer->gpu));
      add_u32 (offer_str, add_string (&strings, offer->instance));
      add_u32 (offer_str, add_string (&strings, offer->region));
      add_u32 (offer_str, add_string (&strings, offer->observed_at));
      add_u32 (offer_int, offer->gpu_count);
      add_u32 (offer_int, offer->pricing);
      add_f64 (offer_num, offer->price_hr);
      add_f64 (offer_num, offer->vcpus);
      add_f64 (offer_num, offer->ram_gb);
      add_f64 (offer_num, offer->disk_gb);
      add_u32 (offer_flags, offer->flags);
    }

  list = G_LIST_MODEL (self->history);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(RwHistoryPoint) point = g_list_model_get_item (list, i);

      add_u32 (history_str, add_string (&strings, point->gpu));
      add_u32 (history_str, add_string (&strings, point->date));
      add_f64 (history_num, point->median_hr);
      add_f64 (history_num, point->min_hr);
      add_f64 (history_num, point->max_hr);
      add_u32 (history_int, (guint32) point->providers);
    }

  list = G_LIST_MODEL (self->models);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (list, i);

      add_u32 (model_str, add_string (&strings, model->id));
      add_u32 (model_str, add_string (&strings, model->name));
      add_u32 (model_str, add_string (&strings, model->maker));
      add_f64 (model_num, model->params_b);
      add_f64 (model_num, (double) model->context);
      add_u32 (model_int, model->layers);
      add_u32 (model_int, model->kv_heads);
      add_u32 (model_int, model->head_dim);
      add_u32 (model_int, model->sliding_window);
      add_u32 (model_int, model->sliding_layers);
      add_u32 (model_fit_str, add_string (&strings, model->source));
      add_f64 (model_fit_num, model->active_params_b);
      add_f64 (model_fit_num, model->embedding_params_b);
      add_u32 (model_fit_int, model->kind);
      add_u32 (model_fit_int, model->tied_embeddings ? 1 : 0);
      add_u32 (model_train_int, model->hidden_size);
      add_u32 (model_train_int, model->attention_heads);
      add_u32 (model_train_int, model->intermediate_size);
      add_u32 (group_start, groups->len / 7);
      for (guint g = 0; g < model->n_groups; g++)
        {
          const RwLayerGroup *group = &model->groups[g];

          add_u32 (groups, group->count);
          add_u32 (groups, group->attention);
          add_u32 (groups, group->kv_heads);
          add_u32 (groups, group->head_dim);
          add_u32 (groups, group->window);
          add_u32 (groups, group->kv_lora_rank);
          add_u32 (groups, group->qk_rope_head_dim);
          add_f64 (group_num, group->state_bytes);
        }
      add_u32 (comp_start, comp_str->len);
      for (guint c = 0; c < model->n_components; c++)
        {
          add_u32 (comp_str, add_string (&strings, model->components[c].name));
          add_f64 (comp_num, model->components[c].params_b);
        }
    }
  add_u32 (group_start, groups->len / 7);
  add_u32 (comp_start, comp_str->len);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "format",
                         g_variant_new_string (RW_CATALOG_IMAGE_FORMAT));
  g_variant_builder_add (&builder, "{sv}", "byte-order", g_variant_new_uint32 (BYTE_ORDER_MARK));
  g_variant_builder_add (&builder, "{sv}", "key", g_variant_new_string (key ? key : ""));
  g_variant_builder_add (&builder, "{sv}", "skipped", g_variant_new_uint32 (self->skipped));
  g_variant_builder_add (&builder, "{sv}", "fetched-at", g_variant_new_int64 (self->fetched_at));
  g_variant_builder_add (&builder, "{sv}", "strings",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, strings.blob->data,
                                                    strings.blob->len, 1));
  put_column (&builder, "string-offsets", G_VARIANT_TYPE_UINT32, strings.offsets);
  put_column (&builder, "meta", G_VARIANT_TYPE_UINT32, meta);
  put_column (&builder, "sources", G_VARIANT_TYPE_UINT32, sources);
  put_column (&builder, "gpu-str", G_VARIANT_TYPE_UINT32, gpu_str);
  put_column (&builder, "gpu-num", G_VARIANT_TYPE_DOUBLE, gpu_num);
  put_column (&builder, "gpu-alias-start", G_VARIANT_TYPE_UINT32, alias_start);
  put_column (&builder, "gpu-aliases", G_VARIANT_TYPE_UINT32, aliases);
  put_column (&builder, "provider-str", G_VARIANT_TYPE_UINT32, provider_str);
  put_column (&builder, "gpu-ext-str", G_VARIANT_TYPE_UINT32, gpu_ext_str);
  put_column (&builder, "gpu-ext-num", G_VARIANT_TYPE_DOUBLE, gpu_ext_num);
  put_column (&builder, "offer-flags", G_VARIANT_TYPE_UINT32, offer_flags);
  put_column (&builder, "offer-str", G_VARIANT_TYPE_UINT32, offer_str);
  put_column (&builder, "offer-int", G_VARIANT_TYPE_UINT32, offer_int);
  put_column (&builder, "offer-num", G_VARIANT_TYPE_DOUBLE, offer_num);
  put_column (&builder, "history-str", G_VARIANT_TYPE_UINT32, history_str);
  put_column (&builder, "history-num", G_VARIANT_TYPE_DOUBLE, history_num);
  put_column (&builder, "history-int", G_VARIANT_TYPE_UINT32, history_int);
  put_column (&builder, "model-str", G_VARIANT_TYPE_UINT32, model_str);
  put_column (&builder, "model-num", G_VARIANT_TYPE_DOUBLE, model_num);
  put_column (&builder, "model-int", G_VARIANT_TYPE_UINT32, model_int);
  put_column (&builder, "gpu-fit-str", G_VARIANT_TYPE_UINT32, gpu_fit_str);
  put_column (&builder, "gpu-fit-num", G_VARIANT_TYPE_DOUBLE, gpu_fit_num);
  put_column (&builder, "gpu-usable-src", G_VARIANT_TYPE_UINT32, gpu_usable_src);
  put_column (&builder, "model-fit-str", G_VARIANT_TYPE_UINT32, model_fit_str);
  put_column (&builder, "model-fit-num", G_VARIANT_TYPE_DOUBLE, model_fit_num);
  put_column (&builder, "model-fit-int", G_VARIANT_TYPE_UINT32, model_fit_int);
  put_column (&builder, "model-train-int", G_VARIANT_TYPE_UINT32, model_train_int);
  put_column (&builder, "model-group-start", G_VARIANT_TYPE_UINT32, group_start);
  put_column (&builder, "model-groups", G_VARIANT_TYPE_UINT32, groups);
  put_column (&builder, "model-group-num", G_VARIANT_TYPE_DOUBLE, group_num);
  put_column (&builder, "model-comp-start", G_VARIANT_TYPE_UINT32, comp_start);
  put_column (&builder, "model-comp-str", G_VARIANT_TYPE_UINT32, comp_str);
  put_column (&builder, "model-comp-num", G_VARIANT_TYPE_DOUBLE, comp_num);
  if (extra != NULL)
    g_variant_builder_add (&builder, "{sv}", "extra", g_variant_new_variant (extra));

  image = g_variant_ref_sink (g_variant_builder_end (&builder));
  bytes = g_variant_get_data_as_bytes (image);
  g_variant_unref (image);
  g_hash_table_unref (strings.index);
  g_byte_array_unref (strings.blob);
  return bytes;
}

/* ------------------------------------------------------------- reading */

typedef struct {
  GVariant      *dict;
  GBytes        *strings;   /* the string table, copied out of the image */
  const char    *blob;
  const guint32 *offsets;
  guint32       *lengths;
  gsize          n_strings;
  char          *problem;   /* the first thing wrong */
} Reader;

G_GNUC_PRINTF (2, 3)
static gboolean
bad (Reader     *reader,
     const char *format,
     ...)
{
  va_list args;

  if (reader->problem == NULL)
    {
      va_start (args, format);
      reader->problem = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

/* A column of @stride values per record; *n_records is checked when not G_MAXSIZE */
static gconstpointer
column (Reader             *reader,
        const char         *key,
        const GVariantType *type,
        gsize               stride,
        gsize              *n_records)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (reader->dict, key, type);
  gconstpointer data;
  gsize n = 0;

  if (value == NULL)
    return (bad (reader, "no “%s” column", key), NULL);
  data = g_variant_get_fixed_array (value, &n,
                                    g_variant_type_equal (type, G_VARIANT_TYPE ("ad"))
                                      ? sizeof (double)
                                      : sizeof (guint32));
  if (n % stride != 0 || n / stride > RW_CATALOG_MAX_RECORDS)
    return (bad (reader, "column “%s” has a bad length", key), NULL);
  if (*n_records != G_MAXSIZE && n / stride != *n_records)
    return (bad (reader, "column “%s” does not match the others", key), NULL);
  *n_records = n / stride;
  /* the dictionary keeps the data alive; a non-normal column reads as empty */
  return n == 0 ? "" : data;
}

static gboolean
read_strings (Reader *reader)
{
  g_autoptr (GVariant) blob =
    g_variant_lookup_value (reader->dict, "strings", G_VARIANT_TYPE_BYTESTRING);
  gsize len = 0, n = G_MAXSIZE;
  const char *data;

  if (blob == NULL)
    return bad (reader, "no string table");
  data = g_variant_get_fixed_array (blob, &len, 1);
  if (len > 0 && data[len - 1] != '\0')
    return bad (reader, "the string table is not terminated");
  reader->strings = g_bytes_new (data, len);
  reader->blob = g_bytes_get_data (reader->strings, NULL);
  reader->offsets = column (reader, "string-offsets", G_VARIANT_TYPE ("au"), 1, &n);
  if (reader->offsets == NULL)
    return FALSE;
  reader->n_strings = n;
  reader->lengths = g_new (guint32, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      const char *str;
      gsize str_len;

      if (reader->offsets[i] >= len)
        return bad (reader, "string %" G_GSIZE_FORMAT " is outside the table", i);
      str = reader->blob + reader->offsets[i];
      str_len = strlen (str);
      if (str_len > RW_CATALOG_MAX_TEXT_LEN || !g_utf8_validate_len (str, str_len, NULL))
        return bad (reader, "string %" G_GSIZE_FORMAT " is not valid", i);
      reader->lengths[i] = (guint32) str_len;
    }
  return TRUE;
}

/* The string at @index: NULL for NO_STRING, which a required one cannot be */
static gboolean
string_at (Reader      *reader,
           guint32      index,
           gboolean     required,
           gsize        max_len,
           const char **out)
{
  *out = NULL;
  if (index == NO_STRING)
    return required ? bad (reader, "a required string is missing") : TRUE;
  if (index >= reader->n_strings)
    return bad (reader, "string index %u is out of range", index);
  if (reader->lengths[index] > max_len || (required && reader->lengths[index] == 0))
    return bad (reader, "string %u does not fit where it is used", index);
  *out = reader->blob + reader->offsets[index];
  return TRUE;
}

static gboolean
dup_string_at (Reader   *reader,
               guint32   index,
               gboolean  required,
               gsize     max_len,
               char    **out)
{
  const char *str;

  if (!string_at (reader, index, required, max_len, &str))
    return FALSE;
  *out = g_strdup (str);
  return TRUE;
}

/* A number the catalog may leave unknown (RW_UNKNOWN) or that lies in [0, max] */
static gboolean
optional_in_range (double value,
                   double max)
{
  return value == RW_UNKNOWN || (value >= 0 && value <= max);
}

static gboolean
read_gpus (Reader    *reader,
           RwCatalog *self,
           GPtrArray *gpus,
           guint32   *gpu_slot)
{
  gsize n = G_MAXSIZE, n_starts = G_MAXSIZE, n_aliases = G_MAXSIZE;
  const guint32 *str = column (reader, "gpu-str", G_VARIANT_TYPE ("au"), 4, &n);
  const double *num = str ? column (reader, "gpu-num", G_VARIANT_TYPE ("ad"), 4, &n) : NULL;
  const guint32 *start =
    num ? column (reader, "gpu-alias-start", G_VARIANT_TYPE ("au"), 1, &n_starts) : NULL;
  const guint32 *aliases =
    start ? column (reader, "gpu-aliases", G_VARIANT_TYPE ("au"), 1, &n_aliases) : NULL;
  const guint32 *ext_str =
    aliases ? column (reader, "gpu-ext-str", G_VARIANT_TYPE ("au"), 2, &n) : NULL;
  const double *ext_num =
    ext_str ? column (reader, "gpu-ext-num", G_VARIANT_TYPE ("ad"), 2, &n) : NULL;

  if (ext_num == NULL)
    return FALSE;
  if (n == 0)
    return bad (reader, "no GPUs");
  if (n_starts != n + 1 || start[0] != 0 || start[n] != n_aliases)
    return bad (reader, "the alias index does not match the GPUs");

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_object_new (RW_TYPE_GPU, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (!dup_string_at (reader, str[4 * i], TRUE, RW_CATALOG_MAX_ID_LEN, &gpu->id) ||
          !dup_string_at (reader, str[4 * i + 1], TRUE, RW_CATALOG_MAX_TEXT_LEN, &gpu->name) ||
          !dup_string_at (reader, str[4 * i + 2], FALSE, RW_CATALOG_MAX_TEXT_LEN, &gpu->vendor) ||
          !dup_string_at (reader, str[4 * i + 3], FALSE, RW_CATALOG_MAX_TEXT_LEN,
                          &gpu->architecture))
        return FALSE;
      if (!dup_string_at (reader, ext_str[2 * i], FALSE, RW_CATALOG_MAX_TEXT_LEN,
                          &gpu->purchase_source) ||
          !dup_string_at (reader, ext_str[2 * i + 1], FALSE, RW_CATALOG_MAX_ID_LEN,
                          &gpu->purchase_date))
        return FALSE;
      gpu->purchase_usd = ext_num[2 * i];
      gpu->purchase_estimate = ext_num[2 * i + 1] != 0;
      if (!optional_in_range (gpu->purchase_usd, RW_CATALOG_MAX_NUMBER))
        return bad (reader, "GPU %" G_GSIZE_FORMAT " has a number out of range", i);
      gpu->vram_gb = num[4 * i];
      gpu->tdp_w = num[4 * i + 1];
      gpu->msrp_usd = num[4 * i + 2];
      gpu->memory_bandwidth_gbps = num[4 * i + 3];
      if (!(gpu->vram_gb > 0 && gpu->vram_gb <= 1e6) || !optional_in_range (gpu->tdp_w, 1e6) ||
          !optional_in_range (gpu->msrp_usd, RW_CATALOG_MAX_NUMBER) ||
          !optional_in_range (gpu->memory_bandwidth_gbps, 1e9))
        return bad (reader, "GPU %" G_GSIZE_FORMAT " has a number out of range", i);
      if (start[i + 1] < start[i] || start[i + 1] > n_aliases)
        return bad (reader, "GPU %" G_GSIZE_FORMAT " has a bad alias range", i);
      if (start[i + 1] > start[i])
        {
          for (guint32 a = start[i]; a < start[i + 1]; a++)
            {
              const char *alias;

              if (!string_at (reader, aliases[a], TRUE, RW_CATALOG_MAX_TEXT_LEN, &alias))
                return FALSE;
              g_strv_builder_add (builder, alias);
            }
          gpu->aliases = g_strv_builder_end (builder);
        }
      if (g_hash_table_contains (self->gpu_by_id, gpu->id))
        return bad (reader, "duplicate GPU id");
      gpu_slot[str[4 * i]] = (guint32) i + 1;
      _rw_catalog_index_record (self, G_OBJECT (gpu));
      g_ptr_array_add (gpus, g_steal_pointer (&gpu));
    }
  return TRUE;
}

static gboolean
read_providers (Reader    *reader,
                RwCatalog *self,
                GPtrArray *providers,
                guint8    *is_provider)
{
  gsize n = G_MAXSIZE;
  const guint32 *str = column (reader, "provider-str", G_VARIANT_TYPE ("au"), 4, &n);

  if (str == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(RwProvider) provider = g_object_new (RW_TYPE_PROVIDER, NULL);

      if (!dup_string_at (reader, str[4 * i], TRUE, RW_CATALOG_MAX_ID_LEN, &provider->id) ||
          !dup_string_at (reader, str[4 * i + 1], TRUE, RW_CATALOG_MAX_TEXT_LEN, &provider->name) ||
          !dup_string_at (reader, str[4 * i + 2], FALSE, RW_CATALOG_MAX_TEXT_LEN,
                          &provider->kind) ||
          !dup_string_at (reader, str[4 * i + 3], FALSE, RW_CATALOG_MAX_TEXT_LEN, &provider->url))
        return FALSE;
      if (g_hash_table_contains (self->provider_by_id, provider->id))
        return bad (reader, "duplicate provider id");
      is_provider[str[4 * i]] = TRUE;
      _rw_catalog_index_record (self, G_OBJECT (provider));
      g_ptr_array_add (providers, g_steal_pointer (&provider));
    }
  return TRUE;
}

/* Offers are most of a catalog: their strings stay in the shared table, and they are grouped
 * by GPU through the string index instead of a hash lookup each. */
static gboolean
read_offers (Reader          *reader,
             GPtrArray       *offers,
             const guint32   *gpu_slot,
             const guint8    *is_provider,
             GPtrArray      **by_gpu)
{
  gsize n = G_MAXSIZE;
  const guint32 *str = column (reader, "offer-str", G_VARIANT_TYPE ("au"), 5, &n);
  const guint32 *ints = str ? column (reader, "offer-int", G_VARIANT_TYPE ("au"), 2, &n) : NULL;
  const double *num = ints ? column (reader, "offer-num", G_VARIANT_TYPE ("ad"), 4, &n) : NULL;
  const guint32 *flags = num ? column (reader, "offer-flags", G_VARIANT_TYPE ("au"), 1, &n) : NULL;

  if (flags == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      RwOffer *offer;
      const char *provider, *gpu, *instance, *region, *observed_at;
      guint32 slot;

      if (!string_at (reader, str[5 * i], TRUE, RW_CATALOG_MAX_ID_LEN, &provider) ||
          !string_at (reader, str[5 * i + 1], TRUE, RW_CATALOG_MAX_ID_LEN, &gpu) ||
          !string_at (reader, str[5 * i + 2], FALSE, RW_CATALOG_MAX_TEXT_LEN, &instance) ||
          !string_at (reader, str[5 * i + 3], FALSE, RW_CATALOG_MAX_TEXT_LEN, &region) ||
          !string_at (reader, str[5 * i + 4], FALSE, RW_CATALOG_MAX_ID_LEN, &observed_at))
        return FALSE;
      slot = gpu_slot[str[5 * i + 1]];
      if (slot == 0 || !is_provider[str[5 * i]])
        return bad (reader, "offer %" G_GSIZE_FORMAT " names an unknown GPU or provider", i);
      if (ints[2 * i] < 1 || ints[2 * i] > RW_CATALOG_MAX_GPU_COUNT ||
          ints[2 * i + 1] > RW_PRICING_RESERVED ||
          !(num[4 * i] > 0 && num[4 * i] <= 1e6) || !optional_in_range (num[4 * i + 1], 1e6) ||
          !optional_in_range (num[4 * i + 2], 1e9) || !optional_in_range (num[4 * i + 3], 1e9))
        return bad (reader, "offer %" G_GSIZE_FORMAT " has a number out of range", i);

      offer = g_object_new (RW_TYPE_OFFER, NULL);
      offer->strings = g_bytes_ref (reader->strings);
      offer->provider = (char *) provider;
      offer->gpu = (char *) gpu;
      offer->instance = (char *) instance;
      offer->region = (char *) region;
      offer->observed_at = (char *) observed_at;
      offer->gpu_count = ints[2 * i];
      offer->pricing = (RwPricing) ints[2 * i + 1];
      offer->price_hr = num[4 * i];
      offer->vcpus = num[4 * i + 1];
      offer->ram_gb = num[4 * i + 2];
      offer->disk_gb = num[4 * i + 3];
      offer->flags = flags[i] & (RW_OFFER_SUSPECT | RW_OFFER_GPU_ONLY);
      g_ptr_array_add (offers, offer);
      g_ptr_array_add (by_gpu[slot - 1], g_object_ref (offer));
    }
  return TRUE;
}

static gboolean
read_history (Reader    *reader,
              RwCatalog *self,
              GPtrArray *history,
              const guint32 *gpu_slot)
{
  gsize n = G_MAXSIZE;
  const guint32 *str = column (reader, "history-str", G_VARIANT_TYPE ("au"), 2, &n);
  const double *num = str ? column (reader, "history-num", G_VARIANT_TYPE ("ad"), 3, &n) : NULL;
  const guint32 *ints = num ? column (reader, "history-int", G_VARIANT_TYPE ("au"), 1, &n) : NULL;

  if (ints == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(RwHistoryPoint) point = g_object_new (RW_TYPE_HISTORY_POINT, NULL);

      if (!dup_string_at (reader, str[2 * i], TRUE, RW_CATALOG_MAX_ID_LEN, &point->gpu) ||
          !dup_string_at (reader, str[2 * i + 1], TRUE, RW_CATALOG_MAX_ID_LEN, &point->date))
        return FALSE;
      point->median_hr = num[3 * i];
      point->min_hr = num[3 * i + 1];
      point->max_hr = num[3 * i + 2];
      point->providers = (int) ints[i];
      if (gpu_slot[str[2 * i]] == 0 || !_rw_valid_date (point->date) ||
          !(point->median_hr >= 0 && point->median_hr <= 1e6) ||
          !optional_in_range (point->min_hr, 1e6) || !optional_in_range (point->max_hr, 1e6) ||
          (point->min_hr >= 0 && point->min_hr > point->median_hr) ||
          (point->max_hr >= 0 && point->max_hr < point->median_hr) ||
          point->providers < -1 || point->providers > 1000000)
        return bad (reader, "history point %" G_GSIZE_FORMAT " is not valid", i);
      _rw_catalog_index_record (self, G_OBJECT (point));
      g_ptr_array_add (history, g_steal_pointer (&point));
    }
  return TRUE;
}

static gboolean
read_models (Reader    *reader,
             RwCatalog *self,
             GPtrArray *models)
{
  gsize n = G_MAXSIZE;
  const guint32 *str = column (reader, "model-str", G_VARIANT_TYPE ("au"), 3, &n);
  const double *num = str ? column (reader, "model-num", G_VARIANT_TYPE ("ad"), 2, &n) : NULL;
  const guint32 *ints = num ? column (reader, "model-int", G_VARIANT_TYPE ("au"), 5, &n) : NULL;

  if (ints == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(RwModel) model = g_object_new (RW_TYPE_MODEL, NULL);
      double context = num[2 * i + 1];

      if (!dup_string_at (reader, str[3 * i], TRUE, RW_CATALOG_MAX_ID_LEN, &model->id) ||
          !dup_string_at (reader, str[3 * i + 1], TRUE, RW_CATALOG_MAX_TEXT_LEN, &model->name) ||
          !dup_string_at (reader, str[3 * i + 2], FALSE, RW_CATALOG_MAX_TEXT_LEN, &model->maker))
        return FALSE;
      model->params_b = num[2 * i];
      if (!(model->params_b > 0 && model->params_b <= 1e6) ||
          !optional_in_range (context, (double) (1u << 30)) || context != (gint64) context ||
          ints[5 * i] > 100000 || ints[5 * i + 1] > 100000 || ints[5 * i + 2] > 100000 ||
          ints[5 * i + 3] > (1u << 30) || ints[5 * i + 4] > ints[5 * i])
        return bad (reader, "model %" G_GSIZE_FORMAT " is not valid", i);
      model->context = (gint64) context;
      model->layers = ints[5 * i];
      model->kv_heads = ints[5 * i + 1];
      model->head_dim = ints[5 * i + 2];
      model->sliding_window = ints[5 * i + 3];
      model->sliding_layers = ints[5 * i + 4];
      if (g_hash_table_contains (self->model_by_id, model->id))
        return bad (reader, "duplicate model id");
      _rw_catalog_index_record (self, G_OBJECT (model));
      g_ptr_array_add (models, g_steal_pointer (&model));
    }
  return TRUE;
}

/* The fit engine's GPU members, in columns of their own beside the GPUs' */
static gboolean
read_gpu_fit_fields (Reader    *reader,
                     GPtrArray *gpus)
{
  gsize n = gpus->len;
  const guint32 *str = column (reader, "gpu-fit-str", G_VARIANT_TYPE ("au"), 1, &n);
  const double *num = str ? column (reader, "gpu-fit-num", G_VARIANT_TYPE ("ad"), 1, &n) : NULL;
  const guint32 *src = NULL;
  g_autoptr(GVariant) has_src = g_variant_lookup_value (reader->dict, "gpu-usable-src", NULL);

  if (num == NULL)
    return FALSE;
  /* the driver total's source: a column of its own, absent from older images */
  if (has_src != NULL &&
      (src = column (reader, "gpu-usable-src", G_VARIANT_TYPE ("au"), 1, &n)) == NULL)
    return FALSE;
  for (guint i = 0; i < gpus->len; i++)
    {
      RwGpu *gpu = g_ptr_array_index (gpus, i);
      const char *problem;

      if (!dup_string_at (reader, str[i], FALSE, RW_CATALOG_MAX_ID_LEN, &gpu->interconnect))
        return FALSE;
      gpu->usable_vram_mib = num[i];
      if (src != NULL &&
          !dup_string_at (reader, src[i], FALSE, RW_CATALOG_MAX_TEXT_LEN,
                          &gpu->usable_vram_source))
        return FALSE;
      problem = _rw_gpu_check_fit_fields (gpu);
      if (!(gpu->usable_vram_mib == RW_UNKNOWN || gpu->usable_vram_mib > 0))
        problem = "usable_vram_mib: not a size";
      if (problem != NULL)
        return bad (reader, "GPU %u: %s", i, problem);
    }
  return TRUE;
}

/* The fit engine's model members: kind, parameters, source, layer groups, components */
static gboolean
read_model_fit_fields (Reader    *reader,
                       GPtrArray *models)
{
  gsize n = models->len, n_starts = models->len + 1, n_comp_starts = models->len + 1;
  gsize n_groups = G_MAXSIZE, n_group_num = G_MAXSIZE, n_comps = G_MAXSIZE;
  gsize n_comp_num = G_MAXSIZE;
  const guint32 *str = column (reader, "model-fit-str", G_VARIANT_TYPE ("au"), 1, &n);
  const double *num = str ? column (reader, "model-fit-num", G_VARIANT_TYPE ("ad"), 2, &n) : NULL;
  const guint32 *ints = num ? column (reader, "model-fit-int", G_VARIANT_TYPE ("au"), 2, &n) : NULL;
  const guint32 *start =
    ints ? column (reader, "model-group-start", G_VARIANT_TYPE ("au"), 1, &n_starts) : NULL;
  const guint32 *groups =
    start ? column (reader, "model-groups", G_VARIANT_TYPE ("au"), 7, &n_groups) : NULL;
  const double *group_num =
    groups ? column (reader, "model-group-num", G_VARIANT_TYPE ("ad"), 1, &n_group_num) : NULL;
  const guint32 *comp_start =
    group_num ? column (reader, "model-comp-start", G_VARIANT_TYPE ("au"), 1, &n_comp_starts)
              : NULL;
  const guint32 *comp_str =
    comp_start ? column (reader, "model-comp-str", G_VARIANT_TYPE ("au"), 1, &n_comps) : NULL;
  const double *comp_num =
    comp_str ? column (reader, "model-comp-num", G_VARIANT_TYPE ("ad"), 1, &n_comp_num) : NULL;
  const guint32 *train =
    comp_num ? column (reader, "model-train-int", G_VARIANT_TYPE ("au"), 3, &n) : NULL;

  if (train == NULL)
    return FALSE;
  if (n_group_num != n_groups || n_comp_num != n_comps ||
      start[0] != 0 || start[models->len] != n_groups ||
      comp_start[0] != 0 || comp_start[models->len] != n_comps)
    return bad (reader, "the model group or component index does not match");

  for (guint i = 0; i < models->len; i++)
    {
      RwModel *model = g_ptr_array_index (models, i);
      const char *problem;

      if (!dup_string_at (reader, str[i], FALSE, RW_CATALOG_MAX_TEXT_LEN, &model->source))
        return FALSE;
      model->active_params_b = num[2 * i];
      model->embedding_params_b = num[2 * i + 1];
      if (ints[2 * i] > RW_MODEL_KIND_IMAGE || ints[2 * i + 1] > 1 ||
          !(model->active_params_b == RW_UNKNOWN || model->active_params_b >= 0) ||
          !(model->embedding_params_b == RW_UNKNOWN || model->embedding_params_b >= 0))
        return bad (reader, "model %u has a bad kind or parameter count", i);
      model->kind = (RwModelKind) ints[2 * i];
      model->tied_embeddings = ints[2 * i + 1] == 1;
      model->hidden_size = train[3 * i];
      model->attention_heads = train[3 * i + 1];
      model->intermediate_size = train[3 * i + 2];

      if (start[i + 1] < start[i] || start[i + 1] > n_groups || start[i + 1] - start[i] > 64 ||
          comp_start[i + 1] < comp_start[i] || comp_start[i + 1] > n_comps ||
          comp_start[i + 1] - comp_start[i] > 16)
        return bad (reader, "model %u has a bad group or component range", i);
      model->n_groups = start[i + 1] - start[i];
      model->groups = g_new0 (RwLayerGroup, model->n_groups);
      for (guint g = 0; g < model->n_groups; g++)
        {
          const guint32 *row = groups + 7 * (start[i] + g);

          if (row[1] > RW_ATTENTION_LINEAR)
            return bad (reader, "model %u has a bad attention kind", i);
          model->groups[g] = (RwLayerGroup) { row[0], (RwAttention) row[1], row[2], row[3],
                                              row[4], row[5], row[6],
                                              group_num[start[i] + g] };
        }
      model->n_components = comp_start[i + 1] - comp_start[i];
      model->components = g_new0 (RwModelComponent, model->n_components);
      for (guint c = 0; c < model->n_components; c++)
        {
          if (!dup_string_at (reader, comp_str[comp_start[i] + c], TRUE, RW_CATALOG_MAX_ID_LEN,
                              &model->components[c].name))
            return FALSE;
          model->components[c].params_b = comp_num[comp_start[i] + c];
        }
      problem = _rw_model_check_fit_fields (model);
      if (problem != NULL)
        return bad (reader, "model %u: %s", i, problem);
    }
  return TRUE;
}

static gboolean
read_meta (Reader    *reader,
           RwCatalog *self)
{
  gsize n_meta = 4, n_sources = G_MAXSIZE;
  const guint32 *meta = column (reader, "meta", G_VARIANT_TYPE ("au"), 1, &n_meta);
  const guint32 *sources =
    meta ? column (reader, "sources", G_VARIANT_TYPE ("au"), 4, &n_sources) : NULL;

  if (sources == NULL ||
      !dup_string_at (reader, meta[0], FALSE, RW_CATALOG_MAX_ID_LEN, &self->generated_at) ||
      !dup_string_at (reader, meta[1], TRUE, RW_CATALOG_MAX_ID_LEN, &self->currency) ||
      !dup_string_at (reader, meta[2], FALSE, RW_CATALOG_MAX_TEXT_LEN, &self->origin) ||
      !dup_string_at (reader, meta[3], FALSE, RW_CATALOG_MAX_TEXT_LEN, &self->first_problem))
    return FALSE;
  if (!g_variant_lookup (reader->dict, "skipped", "u", &self->skipped) ||
      !g_variant_lookup (reader->dict, "fetched-at", "x", &self->fetched_at))
    return bad (reader, "no record counts");

  for (gsize i = 0; i < n_sources; i++)
    {
      RwAttribution *a = g_new0 (RwAttribution, 1);

      g_ptr_array_add (self->attributions, a);
      if (!dup_string_at (reader, sources[4 * i], TRUE, RW_CATALOG_MAX_TEXT_LEN, &a->name) ||
          !dup_string_at (reader, sources[4 * i + 1], FALSE, RW_CATALOG_MAX_TEXT_LEN, &a->url) ||
          !dup_string_at (reader, sources[4 * i + 2], FALSE, RW_CATALOG_MAX_TEXT_LEN,
                          &a->license) ||
          !dup_string_at (reader, sources[4 * i + 3], FALSE, RW_CATALOG_MAX_ID_LEN, &a->retrieved))
        return FALSE;
    }
  return TRUE;
}

/* After finish () has sorted each GPU's history by date: one point per GPU per date */
static gboolean
history_dates_unique (Reader    *reader,
                      RwCatalog *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->history_by_gpu);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *points = value;

      for (guint i = 1; i < points->len; i++)
        if (g_str_equal (((RwHistoryPoint *) points->pdata[i - 1])->date,
                         ((RwHistoryPoint *) points->pdata[i])->date))
          return bad (reader, "duplicate history date");
    }
  return TRUE;
}

static gboolean
read_records (Reader    *reader,
              RwCatalog *self)
{
  g_autoptr(GPtrArray) gpus = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree guint32 *gpu_slot = g_new0 (guint32, reader->n_strings + 1);
  g_autofree guint8 *is_provider = g_new0 (guint8, reader->n_strings + 1);
  GPtrArray **by_gpu = NULL;
  gboolean ok = FALSE;

  if (!read_meta (reader, self) ||
      !read_gpus (reader, self, gpus, gpu_slot) ||
      !read_providers (reader, self, providers, is_provider))
    return FALSE;

  by_gpu = g_new0 (GPtrArray *, gpus->len);
  for (guint i = 0; i < gpus->len; i++)
    by_gpu[i] = g_ptr_array_new_with_free_func (g_object_unref);
  if (read_gpu_fit_fields (reader, gpus) &&
      read_offers (reader, offers, gpu_slot, is_provider, by_gpu) &&
      read_history (reader, self, history, gpu_slot) &&
      read_models (reader, self, models) &&
      read_model_fit_fields (reader, models))
    ok = TRUE;
  for (guint i = 0; i < gpus->len; i++)
    {
      if (ok && by_gpu[i]->len > 0)
        g_hash_table_insert (self->offers_by_gpu, g_strdup (RW_GPU (gpus->pdata[i])->id),
                             by_gpu[i]);
      else
        g_ptr_array_unref (by_gpu[i]);
    }
  g_free (by_gpu);
  if (!ok)
    return FALSE;

  g_list_store_splice (self->gpus, 0, 0, gpus->pdata, gpus->len);
  g_list_store_splice (self->providers, 0, 0, providers->pdata, providers->len);
  _rw_catalog_set_offers (self, g_steal_pointer (&offers));
  g_list_store_splice (self->history, 0, 0, history->pdata, history->len);
  g_list_store_splice (self->models, 0, 0, models->pdata, models->len);
  _rw_catalog_finish (self);
  return history_dates_unique (reader, self);
}

/* The image's dictionary when it is a catalog image of this machine's byte order made for
 * @key (any when NULL), else NULL with the error */
static GVariant *
open_image (GBytes      *image,
            const char  *key,
            GError     **error)
{
  g_autoptr(GVariant) dict = NULL;
  const char *format = NULL, *image_key = NULL;
  guint32 byte_order = 0;

  if (g_bytes_get_size (image) > RW_CATALOG_IMAGE_MAX_SIZE)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_BAD_IMAGE,
                   "The catalog image is larger than the %d MiB limit",
                   RW_CATALOG_IMAGE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  dict = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, image, FALSE));
  if (!g_variant_lookup (dict, "format", "&s", &format) ||
      !g_str_equal (format, RW_CATALOG_IMAGE_FORMAT))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_BAD_IMAGE,
                   "Not a %s catalog image", RW_CATALOG_IMAGE_FORMAT);
      return NULL;
    }
  if (!g_variant_lookup (dict, "byte-order", "u", &byte_order) || byte_order != BYTE_ORDER_MARK)
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_STALE_IMAGE,
                   "The catalog image was made on a machine of another byte order");
      return NULL;
    }
  if (!g_variant_lookup (dict, "key", "&s", &image_key) ||
      (key != NULL && !g_str_equal (key, image_key)))
    {
      g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_STALE_IMAGE,
                   "The catalog image was made from other data");
      return NULL;
    }
  return g_steal_pointer (&dict);
}

static GVariant *
lookup_extra (GVariant *dict)
{
  g_autoptr(GVariant) boxed = g_variant_lookup_value (dict, "extra", G_VARIANT_TYPE_VARIANT);

  return boxed ? g_variant_get_variant (boxed) : NULL;
}

/**
 * rw_catalog_new_from_image:
 * @image: what rw_catalog_to_image () made
 * @source: where the catalog the image holds came from, for the freshness line
 * @key: (nullable): the key the image must have been made for; NULL accepts any
 * @extra: (out) (optional) (nullable): what the writer stored with it
 *
 * Returns: (transfer full): the catalog, or %NULL with RW_CATALOG_ERROR_BAD_IMAGE (or
 *   RW_CATALOG_ERROR_STALE_IMAGE when made for another key)
 */
RwCatalog *
rw_catalog_new_from_image (GBytes           *image,
                           RwCatalogSource   source,
                           const char       *key,
                           GVariant        **extra,
                           GError          **error)
{
  g_autoptr(RwCatalog) self = NULL;
  Reader reader = { 0 };
  const char *image_key = NULL;
  gboolean ok;

  g_return_val_if_fail (image != NULL, NULL);

  if (extra != NULL)
    *extra = NULL;
  reader.dict = open_image (image, key, error);
  if (reader.dict == NULL)
    return NULL;

  g_variant_lookup (reader.dict, "key", "&s", &image_key);
  self = g_object_new (RW_TYPE_CATALOG, NULL);
  self->source = source;
  self->image_key = g_strdup (image_key);
  ok = read_strings (&reader) && read_records (&reader, self);
  if (ok && extra != NULL)
    *extra = lookup_extra (reader.dict);
  if (!ok)
    g_set_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_BAD_IMAGE,
                 "The catalog image is damaged: %s", reader.problem);

  g_free (reader.problem);
  g_free (reader.lengths);
  g_clear_pointer (&reader.strings, g_bytes_unref);
  g_variant_unref (reader.dict);
  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * rw_catalog_image_peek:
 * @key: (nullable): the key the image must have been made for; NULL accepts any
 * @extra: (out) (optional) (nullable): what the writer stored with it
 *
 * Whether @image is a catalog image made for @key, without reading (or checking) its
 * records: for a caller that may not need the catalog after all.
 */
gboolean
rw_catalog_image_peek (GBytes      *image,
                       const char  *key,
                       GVariant   **extra,
                       GError     **error)
{
  g_autoptr(GVariant) dict = NULL;

  g_return_val_if_fail (image != NULL, FALSE);

  if (extra != NULL)
    *extra = NULL;
  dict = open_image (image, key, error);
  if (dict == NULL)
    return FALSE;
  if (extra != NULL)
    *extra = lookup_extra (dict);
  return TRUE;
}

/**
 * rw_catalog_get_image_key:
 *
 * Returns: (nullable): the key of the image the catalog was loaded from, else NULL
 */
const char *
rw_catalog_get_image_key (RwCatalog *self)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), NULL);
  return self->image_key;
}

/**
 * rw_catalog_has_same_data:
 *
 * Whether @self and @other were loaded from images made for the same key (the same data: a
 * refresh whose feeds all answered 304 gives the catalog already on screen). Catalogs parsed
 * from JSON or merged are never known to be the same.
 */
gboolean
rw_catalog_has_same_data (RwCatalog *self,
                          RwCatalog *other)
{
  g_return_val_if_fail (RW_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RW_IS_CATALOG (other), FALSE);

  return self->image_key != NULL && other->image_key != NULL &&
         g_str_equal (self->image_key, other->image_key);
}
