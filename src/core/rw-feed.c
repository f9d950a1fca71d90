/* rw-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two adapters: the native rentwise-catalog/1 document, and SkyPilot's per-cloud vms.csv
 * (columns found by header name; Price is the whole instance on-demand, SpotPrice a separate
 * spot offer; GCP's accelerator-only rows, with no InstanceType, are GPU-only offers).
 * GPU names are mapped to ids through the base catalog's aliases; what cannot be mapped is
 * counted and listed. Like the catalog parser, everything here reads untrusted bytes.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rw-feed.h"
#include "rw-format.h"
#include "rw-records-private.h"

#define MAX_FIELDS    64
#define MAX_FIELD_LEN 65536

G_DEFINE_QUARK (rw-feed-error-quark, rw_feed_error)

void
rw_feed_stats_init (RwFeedStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->unmapped_names = g_ptr_array_new_with_free_func (g_free);
}

void
rw_feed_stats_clear (RwFeedStats *stats)
{
  g_clear_pointer (&stats->unmapped_names, g_ptr_array_unref);
}

static void
note_unmapped (RwFeedStats *stats,
               const char  *name)
{
  stats->unmapped++;
  for (guint i = 0; i < stats->unmapped_names->len; i++)
    if (g_str_equal (g_ptr_array_index (stats->unmapped_names, i), name))
      return;
  if (stats->unmapped_names->len < 256)
    g_ptr_array_add (stats->unmapped_names, g_strdup (name));
}

/* SkyPilot cloud directory → provider id, name, kind */
static const struct {
  const char *cloud;
  const char *id;
  const char *name;
  const char *kind;
} clouds[] = {
  { "aws", "aws", "AWS", "hyperscaler" },
  { "gcp", "gcp", "Google Cloud", "hyperscaler" },
  { "azure", "azure", "Microsoft Azure", "hyperscaler" },
  { "oci", "oci", "Oracle Cloud", "hyperscaler" },
  { "lambda", "lambda", "Lambda", "cloud" },
  { "runpod", "runpod", "RunPod", "cloud" },
  { "vast", "vast-ai", "Vast.ai", "marketplace" },
  { "cudo", "cudo", "Cudo Compute", "cloud" },
  { "fluidstack", "fluidstack", "Fluidstack", "cloud" },
  { "hyperstack", "hyperstack", "Hyperstack", "cloud" },
  { "hyperbolic", "hyperbolic", "Hyperbolic", "cloud" },
  { "jarvislabs", "jarvis-labs", "Jarvis Labs", "cloud" },
  { "lium", "lium", "Lium", "marketplace" },
  { "mithril", "mithril", "Mithril", "marketplace" },
  { "nebius", "nebius", "Nebius", "cloud" },
  { "primeintellect", "prime-intellect", "Prime Intellect", "aggregator" },
  { "seeweb", "seeweb", "Seeweb", "cloud" },
  { "shadeform", "shadeform", "Shadeform", "aggregator" },
  { "verda", "verda", "Verda", "cloud" },
  { "yotta", "yotta", "Yotta", "cloud" },
  { "paperspace", "paperspace", "Paperspace", "cloud" },
  { "do", "digitalocean", "DigitalOcean", "cloud" },
};

/**
 * rw_feed_provider_for_url:
 *
 * The provider a SkyPilot feed speaks for: the directory that holds `vms.csv`
 * (…/catalogs/v8/lambda/vms.csv → "lambda", …/vast/vms.csv → "vast-ai").
 *
 * Returns: (transfer full) (nullable): a provider id, NULL when the URL names none
 */
char *
rw_feed_provider_for_url (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_auto(GStrv) parts = NULL;
  guint n;
  const char *dir;

  if (uri == NULL)
    return NULL;
  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  n = g_strv_length (parts);
  if (n < 2)
    return NULL;
  dir = parts[n - 2];
  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    if (g_ascii_strcasecmp (dir, clouds[i].cloud) == 0)
      return g_strdup (clouds[i].id);
  if (dir[0] == '\0')
    return NULL;
  for (const char *p = dir; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;
  return g_ascii_strdown (dir, -1);
}

static RwProvider *
provider_for (RwCatalog  *base,
              const char *id)
{
  RwProvider *known = base ? rw_catalog_lookup_provider (base, id) : NULL;

  if (known != NULL)
    return g_object_ref (known);
  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    if (g_str_equal (clouds[i].id, id))
      return _rw_provider_new (id, clouds[i].name, clouds[i].kind, NULL);
  return _rw_provider_new (id, id, "cloud", NULL);
}

/* ------------------------------------------------------------------ CSV */

typedef struct {
  const char *p;
  const char *end;
  gboolean    bad_quote;
} CsvReader;

/* Reads one record into @fields (RFC 4180: quotes, doubled quotes, newlines in quotes).
 * Returns FALSE at the end of the data. */
static gboolean
csv_next_record (CsvReader *reader,
                 GPtrArray *fields)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  if (reader->p >= reader->end)
    return FALSE;

  for (;;)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);
      if (reader->p < reader->end && *reader->p == '"')
        {
          quoted = TRUE;
          reader->p++;
          for (;;)
            {
              if (reader->p >= reader->end)
                {
                  reader->bad_quote = TRUE;
                  break;
                }
              if (*reader->p == '"')
                {
                  if (reader->p + 1 < reader->end && reader->p[1] == '"')
                    {
                      if (field->len < MAX_FIELD_LEN)
                        g_string_append_c (field, '"');
                      reader->p += 2;
                      continue;
                    }
                  reader->p++;
                  break;
                }
              if (field->len < MAX_FIELD_LEN)
                g_string_append_c (field, *reader->p);
              reader->p++;
            }
        }
      while (reader->p < reader->end && *reader->p != ',' && *reader->p != '\n' && *reader->p != '\r')
        {
          if (!quoted && field->len < MAX_FIELD_LEN)
            g_string_append_c (field, *reader->p);
          reader->p++;
        }
      if (fields->len < MAX_FIELDS)
        g_ptr_array_add (fields, g_strdup (field->str));

      if (reader->p >= reader->end)
        return TRUE;
      if (*reader->p == ',')
        {
          reader->p++;
          continue;
        }
      /* end of record: \n, \r\n or \r */
      if (*reader->p == '\r')
        reader->p++;
      if (reader->p < reader->end && *reader->p == '\n')
        reader->p++;
      return TRUE;
    }
}

static int
column (GPtrArray  *header,
        const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_ascii_strcasecmp (g_strstrip ((char *) g_ptr_array_index (header, i)), name) == 0)
      return (int) i;
  return -1;
}

static const char *
field_at (GPtrArray *fields,
          int        index)
{
  return index >= 0 && (guint) index < fields->len ? g_ptr_array_index (fields, index) : "";
}

/* A finite number ≥ 0, or -1 for an empty or unreadable field */
static double
number (const char *str)
{
  char *end = NULL;
  double value;

  while (g_ascii_isspace (*str))
    str++;
  if (*str == '\0')
    return -1;
  value = g_ascii_strtod (str, &end);
  while (end && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || !isfinite (value) || value < 0 || value > 1e9)
    return -1;
  return value;
}

/* GpuInfo's memory in GB, from "SizeInMiB": N (0 when absent). Shadeform writes GB there;
 * Prime Intellect, Verda and some Vast rows the memory of all the instance's GPUs, which
 * map_gpu () tries divided by the count. */
static guint
gpuinfo_gb (const char *gpuinfo)
{
  const char *p = strstr (gpuinfo, "SizeInMiB");
  double mib, gb;

  if (p == NULL)
    return 0;
  p += strlen ("SizeInMiB");
  while (*p && !g_ascii_isdigit (*p))
    {
      if (*p != '"' && *p != '\'' && *p != ':' && !g_ascii_isspace (*p))
        return 0;
      p++;
    }
  mib = g_ascii_strtod (p, NULL);
  /* no GPU has a petabyte: anything near that is noise, and would overflow the cast */
  if (!isfinite (mib) || mib <= 0 || mib > 1e9)
    return 0;
  gb = mib < 1024 ? mib : mib / 1024.0;
  return (guint) round (gb);
}

static RwGpu *
map_gpu (RwCatalog  *base,
         const char *name,
         const char *instance,
         guint       memory_gb,
         guint       count)
{
  g_autofree char *lower = instance ? g_ascii_strdown (instance, -1) : NULL;
  RwGpu *gpu = NULL;

  /* "H100" at a cloud that also sells PCIe cards: the instance name says which */
  if (lower != NULL && strstr (lower, "pcie") != NULL)
    {
      g_autofree char *pcie = g_strdup_printf ("%s PCIe", name);
      g_autofree char *sized = g_strdup_printf ("%s-%uG-PCIe", name, memory_gb);

      gpu = rw_catalog_lookup_gpu_by_alias (base, pcie);
      if (gpu == NULL && memory_gb > 0)
        gpu = rw_catalog_lookup_gpu_by_alias (base, sized);
    }
  if (gpu == NULL && memory_gb > 0)
    {
      g_autofree char *sized = g_strdup_printf ("%s-%uGB", name, memory_gb);
      gpu = rw_catalog_lookup_gpu_by_alias (base, sized);
    }
  if (gpu == NULL && memory_gb > 0 && count > 1 && memory_gb % count == 0)
    {
      g_autofree char *sized = g_strdup_printf ("%s-%uGB", name, memory_gb / count);
      gpu = rw_catalog_lookup_gpu_by_alias (base, sized);
    }
  if (gpu == NULL)
    gpu = rw_catalog_lookup_gpu_by_alias (base, name);

  /* Prime Intellect's "A100-80GB-640GB": the GPU, then the whole instance's memory */
  if (gpu == NULL && g_str_has_suffix (name, "GB"))
    {
      const char *dash = strrchr (name, '-');
      const char *p = dash ? dash + 1 : NULL;

      while (p && g_ascii_isdigit (*p))
        p++;
      if (dash && p > dash + 1 && g_str_equal (p, "GB"))
        {
          g_autofree char *prefix = g_strndup (name, dash - name);
          gpu = rw_catalog_lookup_gpu_by_alias (base, prefix);
        }
    }
  return gpu;
}

static RwOffer *
csv_offer (const char *provider,
           RwGpu      *gpu,
           guint       count,
           double      price,
           RwPricing   pricing,
           const char *instance,
           double      vcpus,
           double      ram_gb,
           const char *region)
{
  RwOffer *offer = g_object_new (RW_TYPE_OFFER, NULL);

  offer->provider = g_strdup (provider);
  offer->gpu = g_strdup (rw_gpu_get_id (gpu));
  offer->gpu_count = count;
  offer->price_hr = price;
  offer->pricing = pricing;
  offer->instance = g_utf8_make_valid (instance[0] ? instance : "GPU only (attach to a VM)", -1);
  offer->vcpus = vcpus > 0 ? vcpus : RW_UNKNOWN;
  offer->ram_gb = ram_gb > 0 ? ram_gb : RW_UNKNOWN;
  if (region[0] != '\0')
    {
      g_autofree char *valid = g_utf8_make_valid (region, -1);
      offer->region = rw_text_tidy_list (valid);   /* ", US, NA" when the city is unknown */
    }
  return offer;
}

/**
 * rw_skypilot_csv_parse:
 * @provider: the provider id all rows belong to
 * @base: the catalog whose aliases map accelerator names to GPU ids
 *
 * Returns: (transfer full): the feed's offers, or NULL with @error when the document is not
 *   a SkyPilot vms.csv at all
 */
RwFeedData *
rw_skypilot_csv_parse (const char   *data,
                       gsize         len,
                       const char   *provider,
                       RwCatalog    *base,
                       RwFeedStats  *stats,
                       GError      **error)
{
  g_autoptr(RwFeedData) feed = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CsvReader reader = { data, data + len, FALSE };
  int c_instance, c_acc, c_count, c_vcpus, c_mem, c_price, c_spot, c_region, c_zone, c_info;

  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (RW_IS_CATALOG (base), NULL);

  if (len == 0)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_EMPTY, "The feed is empty");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID, "The feed is not valid UTF-8");
      return NULL;
    }
  /* a UTF-8 byte order mark */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    reader.p += 3;

  if (!csv_next_record (&reader, header) || reader.bad_quote)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID, "The feed has no CSV header");
      return NULL;
    }
  c_instance = column (header, "InstanceType");
  c_acc = column (header, "AcceleratorName");
  c_count = column (header, "AcceleratorCount");
  c_vcpus = column (header, "vCPUs");
  c_mem = column (header, "MemoryGiB");
  c_price = column (header, "Price");
  c_spot = column (header, "SpotPrice");
  c_region = column (header, "Region");
  c_zone = column (header, "AvailabilityZone");
  c_info = column (header, "GpuInfo");
  if (c_acc < 0 || c_count < 0 || c_price < 0 || c_instance < 0)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Not a SkyPilot vms.csv: it lacks the %s column",
                   c_instance < 0 ? "InstanceType" : c_acc < 0 ? "AcceleratorName"
                   : c_count < 0 ? "AcceleratorCount" : "Price");
      return NULL;
    }

  feed = rw_feed_data_new ();
  g_ptr_array_add (feed->providers, provider_for (base, provider));

  while (csv_next_record (&reader, fields))
    {
      const char *acc, *instance, *region;
      double count, price, spot, vcpus, mem;
      RwGpu *gpu;
      guint made = 0;

      if (fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0')
        continue;  /* blank line */
      stats->rows++;
      if (reader.bad_quote || fields->len != header->len)
        {
          stats->skipped++;
          continue;
        }

      acc = g_strstrip ((char *) field_at (fields, c_acc));
      instance = field_at (fields, c_instance);
      count = number (field_at (fields, c_count));
      if (acc[0] == '\0' || count < 1)
        {
          stats->skipped++;  /* a CPU row, or a fractional GPU */
          continue;
        }
      if (count != floor (count) || count > 4096)
        {
          stats->skipped++;
          continue;
        }

      gpu = map_gpu (base, acc, instance, gpuinfo_gb (field_at (fields, c_info)),
                     (guint) count);
      if (gpu == NULL)
        {
          note_unmapped (stats, acc);
          continue;
        }

      region = field_at (fields, c_zone)[0] ? field_at (fields, c_zone) : field_at (fields, c_region);
      if (g_str_equal (region, "default"))
        region = "";
      price = number (field_at (fields, c_price));
      spot = c_spot >= 0 ? number (field_at (fields, c_spot)) : -1;
      vcpus = c_vcpus >= 0 ? number (field_at (fields, c_vcpus)) : -1;
      mem = c_mem >= 0 ? number (field_at (fields, c_mem)) : -1;

      if (price > 0)
        {
          g_ptr_array_add (feed->offers, csv_offer (provider, gpu, (guint) count, price,
                                                    RW_PRICING_ON_DEMAND, instance, vcpus, mem, region));
          made++;
        }
      if (spot > 0)
        {
          g_ptr_array_add (feed->offers, csv_offer (provider, gpu, (guint) count, spot,
                                                    RW_PRICING_SPOT, instance, vcpus, mem, region));
          made++;
        }
      if (made == 0)
        stats->skipped++;
      stats->offers += made;
    }

  if (reader.bad_quote)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Malformed CSV: a quoted field is never closed");
      return NULL;
    }
  if (stats->rows > 0 && stats->offers == 0 && stats->unmapped == 0 && stats->skipped == stats->rows &&
      stats->rows > 10)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Malformed CSV: none of its %u rows could be read", stats->rows);
      return NULL;
    }

  return g_steal_pointer (&feed);
}

/* --------------------------------------------------------------- native */

static RwFeedData *
native_parse (GBytes       *body,
              RwCatalog    *base,
              RwFeedStats  *stats,
              GError      **error)
{
  g_autoptr(RwCatalog) doc = rw_catalog_new_from_bytes (body, RW_CATALOG_SOURCE_NETWORK, error);
  g_autoptr(RwFeedData) feed = NULL;
  g_autoptr(GHashTable) used = NULL;
  GListModel *offers;

  if (doc == NULL)
    return NULL;

  feed = rw_feed_data_new ();
  used = g_hash_table_new (g_str_hash, g_str_equal);
  offers = rw_catalog_get_offers (doc);
  stats->skipped = rw_catalog_get_skipped_records (doc);

  for (guint i = 0, n = g_list_model_get_n_items (offers); i < n; i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (offers, i);
      RwGpu *feed_gpu = rw_catalog_lookup_gpu (doc, rw_offer_get_gpu (offer));
      RwGpu *gpu = rw_catalog_lookup_gpu (base, rw_offer_get_gpu (offer));
      const char * const *aliases = rw_gpu_get_aliases (feed_gpu);

      stats->rows++;
      /* the feed's GPU id, else its name or one of its aliases */
      if (gpu == NULL)
        gpu = rw_catalog_lookup_gpu_by_alias (base, rw_gpu_get_name (feed_gpu));
      for (guint a = 0; gpu == NULL && aliases != NULL && aliases[a] != NULL; a++)
        gpu = rw_catalog_lookup_gpu_by_alias (base, aliases[a]);
      if (gpu == NULL)
        {
          note_unmapped (stats, rw_gpu_get_name (feed_gpu));
          continue;
        }

      g_ptr_array_add (feed->offers, _rw_offer_copy_with_gpu (offer, rw_gpu_get_id (gpu)));
      stats->offers++;
      if (g_hash_table_add (used, (gpointer) rw_offer_get_provider (offer)))
        g_ptr_array_add (feed->providers,
                         g_object_ref (rw_catalog_lookup_provider (doc, rw_offer_get_provider (offer))));
    }

  return g_steal_pointer (&feed);
}

/**
 * rw_feed_parse:
 * @url: where @body came from (names the provider of a SkyPilot feed)
 *
 * A native catalog document when the body is a JSON object, else a SkyPilot vms.csv.
 * The whole body is validated before anything is returned.
 */
RwFeedData *
rw_feed_parse (GBytes       *body,
               const char   *url,
               RwCatalog    *base,
               RwFeedStats  *stats,
               GError      **error)
{
  const char *data;
  gsize len, i = 0;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (RW_IS_CATALOG (base), NULL);
  g_return_val_if_fail (stats != NULL && stats->unmapped_names != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (len > RW_FEED_MAX_SIZE)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_TOO_LARGE,
                   "The feed is larger than the %d MiB limit", RW_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i == len)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_EMPTY, "The feed is empty");
      return NULL;
    }

  if (data[i] == '{')
    return native_parse (body, base, stats, error);

  {
    g_autofree char *provider = rw_feed_provider_for_url (url);

    if (provider == NULL)
      {
        g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                     "A CSV feed’s URL must end in /<cloud>/vms.csv");
        return NULL;
      }
    return rw_skypilot_csv_parse (data, len, provider, base, stats, error);
  }
}
