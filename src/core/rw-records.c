/* rw-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain read-only records. The catalog parser fills the fields (rw-records-private.h);
 * everything else reads them through getters or, from .ui expressions, properties.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rw-records-private.h"

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static const char * const pricing_names[] = { "on-demand", "spot", "reserved" };

const char *
rw_pricing_to_string (RwPricing pricing)
{
  g_return_val_if_fail (pricing <= RW_PRICING_RESERVED, NULL);
  return pricing_names[pricing];
}

/**
 * rw_pricing_to_label:
 * @pricing: a pricing kind
 *
 * The pricing kind as a person reads it, translated, lower case as in running text: "on-demand",
 * "spot", "reserved" ("On-Demand", "Spot", "reserviert" in German). rw_pricing_to_string ()
 * gives the catalog's and the JSON's untranslated names.
 *
 * Returns: a static string
 */
const char *
rw_pricing_to_label (RwPricing pricing)
{
  switch (pricing)
    {
    /* TRANSLATORS: a pricing kind in the offers table and the comparison, lower case */
    case RW_PRICING_ON_DEMAND: return C_("pricing", "on-demand");
    case RW_PRICING_SPOT: return C_("pricing", "spot");
    case RW_PRICING_RESERVED: return C_("pricing", "reserved");
    default: g_return_val_if_reached ("");
    }
}

gboolean
rw_pricing_from_string (const char *str,
                        RwPricing  *pricing)
{
  for (guint i = 0; i < G_N_ELEMENTS (pricing_names); i++)
    {
      if (g_strcmp0 (str, pricing_names[i]) == 0)
        {
          *pricing = (RwPricing) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---------------------------------------------------------------- RwGpu */

G_DEFINE_FINAL_TYPE (RwGpu, rw_gpu, G_TYPE_OBJECT)

enum {
  GPU_PROP_0,
  GPU_PROP_ID,
  GPU_PROP_NAME,
  GPU_PROP_VENDOR,
  GPU_PROP_ARCHITECTURE,
  GPU_PROP_VRAM_GB,
  GPU_PROP_TDP_W,
  GPU_PROP_MSRP_USD,
  GPU_PROP_CHEAPEST_HR,
  GPU_PROP_N_PROVIDERS,
  GPU_N_PROPS
};

static GParamSpec *gpu_properties[GPU_N_PROPS];

static void
rw_gpu_finalize (GObject *object)
{
  RwGpu *self = (RwGpu *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->vendor);
  g_free (self->architecture);
  g_free (self->interconnect);
  g_strfreev (self->aliases);
  g_free (self->purchase_source);
  g_free (self->purchase_date);
  g_free (self->usable_vram_source);

  G_OBJECT_CLASS (rw_gpu_parent_class)->finalize (object);
}

static void
rw_gpu_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  RwGpu *self = RW_GPU (object);

  switch (prop_id)
    {
    case GPU_PROP_ID: g_value_set_string (value, self->id); break;
    case GPU_PROP_NAME: g_value_set_string (value, self->name); break;
    case GPU_PROP_VENDOR: g_value_set_string (value, self->vendor); break;
    case GPU_PROP_ARCHITECTURE: g_value_set_string (value, self->architecture); break;
    case GPU_PROP_VRAM_GB: g_value_set_double (value, self->vram_gb); break;
    case GPU_PROP_TDP_W: g_value_set_double (value, self->tdp_w); break;
    case GPU_PROP_MSRP_USD: g_value_set_double (value, self->msrp_usd); break;
    case GPU_PROP_CHEAPEST_HR: g_value_set_double (value, self->cheapest_hr[0]); break;
    case GPU_PROP_N_PROVIDERS: g_value_set_uint (value, self->n_providers[0]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_gpu_class_init (RwGpuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rw_gpu_finalize;
  object_class->get_property = rw_gpu_get_property;

  gpu_properties[GPU_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  gpu_properties[GPU_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  gpu_properties[GPU_PROP_VENDOR] = g_param_spec_string ("vendor", NULL, NULL, NULL, RO);
  gpu_properties[GPU_PROP_ARCHITECTURE] =
    g_param_spec_string ("architecture", NULL, NULL, NULL, RO);
  gpu_properties[GPU_PROP_VRAM_GB] =
    g_param_spec_double ("vram-gb", NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
  gpu_properties[GPU_PROP_TDP_W] =
    g_param_spec_double ("tdp-w", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  gpu_properties[GPU_PROP_MSRP_USD] =
    g_param_spec_double ("msrp-usd", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  gpu_properties[GPU_PROP_CHEAPEST_HR] =
    g_param_spec_double ("cheapest-hr", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  gpu_properties[GPU_PROP_N_PROVIDERS] =
    g_param_spec_uint ("n-providers", NULL, NULL, 0, G_MAXUINT, 0, RO);
  g_object_class_install_properties (object_class, GPU_N_PROPS, gpu_properties);
}

static void
rw_gpu_init (RwGpu *self)
{
  self->tdp_w = RW_UNKNOWN;
  self->msrp_usd = RW_UNKNOWN;
  self->memory_bandwidth_gbps = RW_UNKNOWN;
  self->usable_vram_mib = RW_UNKNOWN;
  self->purchase_usd = RW_UNKNOWN;
  for (guint m = 0; m < G_N_ELEMENTS (self->cheapest_hr); m++)
    self->cheapest_hr[m] = self->median_hr[m] = self->dearest_hr[m] = RW_UNKNOWN;
}

const char *
rw_gpu_get_id (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->id;
}

const char *
rw_gpu_get_name (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->name;
}

const char *
rw_gpu_get_vendor (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->vendor;
}

const char *
rw_gpu_get_architecture (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->architecture;
}

double
rw_gpu_get_vram_gb (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), 0);
  return self->vram_gb;
}

double
rw_gpu_get_tdp_w (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->tdp_w;
}

double
rw_gpu_get_msrp_usd (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->msrp_usd;
}

double
rw_gpu_get_memory_bandwidth_gbps (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->memory_bandwidth_gbps;
}
/* The catalog's `interconnect` ("SXM", "PCIe", "NVL", "OAM", "NVLink-C2C"), NULL when unstated */
const char *
rw_gpu_get_interconnect (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->interconnect;
}
/* The total memory the driver reports (nvidia-smi / rocm-smi), in MiB; RW_UNKNOWN */
double
rw_gpu_get_usable_vram_mib (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->usable_vram_mib;
}

/**
 * rw_gpu_get_usable_vram_source:
 *
 * Where rw_gpu_get_usable_vram_mib () comes from: the catalog's
 * `spec_sources.usable_vram_mib`, the public page that quotes the driver's reading (a URL), or
 * `derived: …`, the rule data/sources/README.md gives when no reading was found. Untrusted
 * catalog text: sanitize it before showing it.
 *
 * Returns: (nullable) (transfer none): the source, or NULL when the catalog names none
 */
const char *
rw_gpu_get_usable_vram_source (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return self->usable_vram_source;
}

/**
 * rw_gpu_get_purchase_price:
 * @estimate: (out) (optional): %TRUE for a dated public street-price estimate, %FALSE for a
 *   vendor list price (MSRP)
 * @source: (out) (optional) (transfer none): the https URL the price comes from, or NULL
 * @date: (out) (optional) (transfer none): the date of the price (YYYY-MM-DD), or NULL
 *
 * The price to buy one card, in US dollars: the catalog's `purchase_price`, else its
 * `msrp_usd` (a list price, no source or date), else RW_UNKNOWN.
 */
double
rw_gpu_get_purchase_price (RwGpu       *self,
                           gboolean    *estimate,
                           const char **source,
                           const char **date)
{
  gboolean has = FALSE;

  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  has = self->purchase_usd >= 0;
  if (estimate != NULL)
    *estimate = has && self->purchase_estimate;
  if (source != NULL)
    *source = has ? self->purchase_source : NULL;
  if (date != NULL)
    *date = has ? self->purchase_date : NULL;
  return has ? self->purchase_usd : self->msrp_usd;
}

const char * const *
rw_gpu_get_aliases (RwGpu *self)
{
  g_return_val_if_fail (RW_IS_GPU (self), NULL);
  return (const char * const *)self->aliases;
}

/**
 * rw_gpu_stats_index:
 * @pricing_mask: RW_PRICING_MASK_ALL or RW_PRICING_MASK_NO_SPOT, with or without
 *   RW_INCLUDE_SUSPECT (what the GPU page's statistics use)
 *
 * Where the catalog keeps the statistics it derived for @pricing_mask: 0 all pricing kinds,
 * 1 without spot, 2 and 3 the same with suspect prices counted. Another mask (on-demand only)
 * counts as "without spot".
 */
guint
rw_gpu_stats_index (guint pricing_mask)
{
  return ((pricing_mask & RW_PRICING_MASK (RW_PRICING_SPOT)) ? 0 : 1) +
         ((pricing_mask & RW_INCLUDE_SUSPECT) ? 2 : 0);
}

/**
 * rw_gpu_get_cheapest_hr_for:
 * @pricing_mask: the offers in the statistics, as for rw_price_stats_compute ()
 *
 * The sidebar's "from $X/hr": the cheapest provider rate in $/hr per GPU
 * (rw_price_stats_compute ()'s cheapest_hr over this GPU's offers, derived once per catalog),
 * so that it is the GPU page's "Cheapest" for the same preferences. RW_UNKNOWN without
 * offers in the statistics.
 */
double
rw_gpu_get_cheapest_hr_for (RwGpu *self,
                            guint  pricing_mask)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->cheapest_hr[rw_gpu_stats_index (pricing_mask)];
}

/**
 * rw_gpu_get_n_providers_for:
 * @pricing_mask: the offers in the statistics, as for rw_price_stats_compute ()
 *
 * The number of providers in the statistics for @pricing_mask (the GPU page's provider count).
 */
guint
rw_gpu_get_n_providers_for (RwGpu *self,
                            guint  pricing_mask)
{
  g_return_val_if_fail (RW_IS_GPU (self), 0);
  return self->n_providers[rw_gpu_stats_index (pricing_mask)];
}

/* The sidebar's "from $X/hr": the lowest provider rate, with or without spot offers */
double
rw_gpu_get_cheapest_hr (RwGpu    *self,
                        gboolean  include_spot)
{
  g_return_val_if_fail (RW_IS_GPU (self), RW_UNKNOWN);
  return self->cheapest_hr[include_spot ? 0 : 1];
}

guint
rw_gpu_get_n_providers (RwGpu    *self,
                        gboolean  include_spot)
{
  g_return_val_if_fail (RW_IS_GPU (self), 0);
  return self->n_providers[include_spot ? 0 : 1];
}

static gboolean
contains_casefold (const char *haystack,
                   const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/**
 * rw_gpu_matches:
 * @needle: what the user typed
 *
 * Whether the GPU's name, vendor, id or one of its aliases contains @needle,
 * ignoring case. An empty needle matches every GPU.
 */
gboolean
rw_gpu_matches (RwGpu      *self,
                const char *needle)
{
  g_autofree char *folded_needle = NULL;

  g_return_val_if_fail (RW_IS_GPU (self), FALSE);

  if (needle == NULL || needle[0] == '\0')
    return TRUE;

  folded_needle = g_utf8_casefold (needle, -1);
  if (contains_casefold (self->name, folded_needle) ||
      contains_casefold (self->vendor, folded_needle) ||
      contains_casefold (self->id, folded_needle))
    return TRUE;
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    if (contains_casefold (self->aliases[i], folded_needle))
      return TRUE;
  return FALSE;
}

/* 0 equal, 1 starts with @folded_needle (or one of its words does), 2 contains it, -1 none */
static int
text_rank (const char *haystack,
           const char *folded_needle)
{
  g_autofree char *folded = NULL;
  const char *at;

  if (haystack == NULL)
    return -1;
  folded = g_utf8_casefold (haystack, -1);
  if (g_str_equal (folded, folded_needle))
    return 0;
  at = strstr (folded, folded_needle);
  if (at == NULL)
    return -1;
  for (; at != NULL; at = strstr (at + 1, folded_needle))
    if (at == folded || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at))))
      return 1;
  return 2;
}

/**
 * rw_gpu_match_rank:
 * @needle: what the user typed
 *
 * How well the GPU matches a search, for ordering the matches: 0 when its id, name or one
 * of its aliases equals @needle ignoring case ("h100" is an alias of the H100 SXM); 1 when
 * one of them, or one of their words, starts with it ("H100 PCIe" for "h100"); 2 when
 * one of them or the vendor contains it; -1 when rw_gpu_matches () is false. An empty
 * needle ranks every GPU 0.
 */
int
rw_gpu_match_rank (RwGpu      *self,
                   const char *needle)
{
  g_autofree char *folded_needle = NULL;
  int best = -1;

  g_return_val_if_fail (RW_IS_GPU (self), -1);

  if (needle == NULL || needle[0] == '\0')
    return 0;
  folded_needle = g_utf8_casefold (needle, -1);
#define CONSIDER(text) G_STMT_START { \
    int r = text_rank ((text), folded_needle); \
    if (r >= 0 && (best < 0 || r < best)) \
      best = r; \
  } G_STMT_END
  CONSIDER (self->id);
  CONSIDER (self->name);
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    CONSIDER (self->aliases[i]);
#undef CONSIDER
  if (best < 0 && contains_casefold (self->vendor, folded_needle))
    best = 2;
  return best;
}

/* ----------------------------------------------------------- RwProvider */

G_DEFINE_FINAL_TYPE (RwProvider, rw_provider, G_TYPE_OBJECT)

enum {
  PROVIDER_PROP_0,
  PROVIDER_PROP_ID,
  PROVIDER_PROP_NAME,
  PROVIDER_PROP_KIND,
  PROVIDER_PROP_URL,
  PROVIDER_N_PROPS
};

static GParamSpec *provider_properties[PROVIDER_N_PROPS];

static void
rw_provider_finalize (GObject *object)
{
  RwProvider *self = (RwProvider *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->url);

  G_OBJECT_CLASS (rw_provider_parent_class)->finalize (object);
}

static void
rw_provider_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RwProvider *self = RW_PROVIDER (object);

  switch (prop_id)
    {
    case PROVIDER_PROP_ID: g_value_set_string (value, self->id); break;
    case PROVIDER_PROP_NAME: g_value_set_string (value, self->name); break;
    case PROVIDER_PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROVIDER_PROP_URL: g_value_set_string (value, self->url); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_provider_class_init (RwProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rw_provider_finalize;
  object_class->get_property = rw_provider_get_property;

  provider_properties[PROVIDER_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  provider_properties[PROVIDER_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  provider_properties[PROVIDER_PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, RO);
  provider_properties[PROVIDER_PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, RO);
  g_object_class_install_properties (object_class, PROVIDER_N_PROPS, provider_properties);
}

static void rw_provider_init (RwProvider *self) { }

const char *
rw_provider_get_id (RwProvider *self)
{
  g_return_val_if_fail (RW_IS_PROVIDER (self), NULL);
  return self->id;
}

const char *
rw_provider_get_name (RwProvider *self)
{
  g_return_val_if_fail (RW_IS_PROVIDER (self), NULL);
  return self->name;
}

const char *
rw_provider_get_kind (RwProvider *self)
{
  g_return_val_if_fail (RW_IS_PROVIDER (self), NULL);
  return self->kind;
}

const char *
rw_provider_get_url (RwProvider *self)
{
  g_return_val_if_fail (RW_IS_PROVIDER (self), NULL);
  return self->url;
}

/* -------------------------------------------------------------- RwOffer */

G_DEFINE_FINAL_TYPE (RwOffer, rw_offer, G_TYPE_OBJECT)

enum {
  OFFER_PROP_0,
  OFFER_PROP_PROVIDER,
  OFFER_PROP_GPU,
  OFFER_PROP_GPU_COUNT,
  OFFER_PROP_PRICE_HR,
  OFFER_PROP_PER_GPU_HR,
  OFFER_PROP_PRICING,
  OFFER_PROP_INSTANCE,
  OFFER_PROP_VCPUS,
  OFFER_PROP_RAM_GB,
  OFFER_PROP_DISK_GB,
  OFFER_PROP_REGION,
  OFFER_N_PROPS
};

static GParamSpec *offer_properties[OFFER_N_PROPS];

static void
rw_offer_finalize (GObject *object)
{
  RwOffer *self = (RwOffer *) object;

  if (self->strings != NULL)
    g_bytes_unref (self->strings);
  else
    {
      g_free (self->provider);
      g_free (self->gpu);
      g_free (self->instance);
      g_free (self->region);
      g_free (self->observed_at);
    }

  G_OBJECT_CLASS (rw_offer_parent_class)->finalize (object);
}

static void
rw_offer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RwOffer *self = RW_OFFER (object);

  switch (prop_id)
    {
    case OFFER_PROP_PROVIDER: g_value_set_string (value, self->provider); break;
    case OFFER_PROP_GPU: g_value_set_string (value, self->gpu); break;
    case OFFER_PROP_GPU_COUNT: g_value_set_uint (value, self->gpu_count); break;
    case OFFER_PROP_PRICE_HR: g_value_set_double (value, self->price_hr); break;
    case OFFER_PROP_PER_GPU_HR: g_value_set_double (value, rw_offer_get_per_gpu_hr (self)); break;
    case OFFER_PROP_PRICING:
      g_value_set_string (value, rw_pricing_to_string (self->pricing));
      break;
    /* "" rather than NULL: string sorters and filters casefold what they get */
    case OFFER_PROP_INSTANCE:
      g_value_set_string (value, self->instance ? self->instance : "");
      break;
    case OFFER_PROP_VCPUS: g_value_set_double (value, self->vcpus); break;
    case OFFER_PROP_RAM_GB: g_value_set_double (value, self->ram_gb); break;
    case OFFER_PROP_DISK_GB: g_value_set_double (value, self->disk_gb); break;
    case OFFER_PROP_REGION: g_value_set_string (value, self->region ? self->region : ""); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_offer_class_init (RwOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rw_offer_finalize;
  object_class->get_property = rw_offer_get_property;

  offer_properties[OFFER_PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, RO);
  offer_properties[OFFER_PROP_GPU] = g_param_spec_string ("gpu", NULL, NULL, NULL, RO);
  offer_properties[OFFER_PROP_GPU_COUNT] =
    g_param_spec_uint ("gpu-count", NULL, NULL, 1, G_MAXUINT, 1, RO);
  offer_properties[OFFER_PROP_PRICE_HR] =
    g_param_spec_double ("price-hr", NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
  offer_properties[OFFER_PROP_PER_GPU_HR] =
    g_param_spec_double ("per-gpu-hr", NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
  offer_properties[OFFER_PROP_PRICING] = g_param_spec_string ("pricing", NULL, NULL, NULL, RO);
  offer_properties[OFFER_PROP_INSTANCE] = g_param_spec_string ("instance", NULL, NULL, NULL, RO);
  offer_properties[OFFER_PROP_VCPUS] =
    g_param_spec_double ("vcpus", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  offer_properties[OFFER_PROP_RAM_GB] =
    g_param_spec_double ("ram-gb", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  offer_properties[OFFER_PROP_DISK_GB] =
    g_param_spec_double ("disk-gb", NULL, NULL, RW_UNKNOWN, G_MAXDOUBLE, RW_UNKNOWN, RO);
  offer_properties[OFFER_PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, RO);
  g_object_class_install_properties (object_class, OFFER_N_PROPS, offer_properties);
}

static void
rw_offer_init (RwOffer *self)
{
  self->gpu_count = 1;
  self->vcpus = RW_UNKNOWN;
  self->ram_gb = RW_UNKNOWN;
  self->disk_gb = RW_UNKNOWN;
}

const char *
rw_offer_get_provider (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), NULL);
  return self->provider;
}

const char *
rw_offer_get_gpu (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), NULL);
  return self->gpu;
}

guint
rw_offer_get_gpu_count (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), 1);
  return self->gpu_count;
}

double
rw_offer_get_price_hr (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), 0);
  return self->price_hr;
}

RwPricing
rw_offer_get_pricing (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), 0);
  return self->pricing;
}

const char *
rw_offer_get_instance (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), NULL);
  return self->instance;
}

double
rw_offer_get_vcpus (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), RW_UNKNOWN);
  return self->vcpus;
}

double
rw_offer_get_ram_gb (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), RW_UNKNOWN);
  return self->ram_gb;
}

double
rw_offer_get_disk_gb (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), RW_UNKNOWN);
  return self->disk_gb;
}

const char *
rw_offer_get_region (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), NULL);
  return self->region;
}

const char *
rw_offer_get_observed_at (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), NULL);
  return self->observed_at;
}
/* RwOfferFlags: suspect (set by the catalog from its other offers) and GPU only (by the feed) */
guint
rw_offer_get_flags (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), 0);
  return self->flags;
}

gboolean
rw_offer_get_suspect (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), FALSE);
  return (self->flags & RW_OFFER_SUSPECT) != 0;
}

gboolean
rw_offer_get_gpu_only (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), FALSE);
  return (self->flags & RW_OFFER_GPU_ONLY) != 0;
}

/* The per-GPU rate of DESIGN.md: price_hr / gpu_count. */
double
rw_offer_get_per_gpu_hr (RwOffer *self)
{
  g_return_val_if_fail (RW_IS_OFFER (self), 0);
  return self->price_hr / (double) MAX (self->gpu_count, 1);
}

/* ------------------------------------------------------- RwHistoryPoint */

G_DEFINE_FINAL_TYPE (RwHistoryPoint, rw_history_point, G_TYPE_OBJECT)

static void
rw_history_point_finalize (GObject *object)
{
  RwHistoryPoint *self = (RwHistoryPoint *) object;

  g_free (self->gpu);
  g_free (self->date);

  G_OBJECT_CLASS (rw_history_point_parent_class)->finalize (object);
}

static void
rw_history_point_class_init (RwHistoryPointClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_history_point_finalize;
}

static void
rw_history_point_init (RwHistoryPoint *self)
{
  self->min_hr = RW_UNKNOWN;
  self->max_hr = RW_UNKNOWN;
  self->providers = -1;
}

const char *
rw_history_point_get_gpu (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), NULL);
  return self->gpu;
}

const char *
rw_history_point_get_date (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), NULL);
  return self->date;
}

double
rw_history_point_get_median_hr (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), 0);
  return self->median_hr;
}

double
rw_history_point_get_min_hr (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), RW_UNKNOWN);
  return self->min_hr;
}

double
rw_history_point_get_max_hr (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), RW_UNKNOWN);
  return self->max_hr;
}

int
rw_history_point_get_providers (RwHistoryPoint *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_POINT (self), -1);
  return self->providers;
}

/* -------------------------------------------------------------- RwModel */

G_DEFINE_FINAL_TYPE (RwModel, rw_model, G_TYPE_OBJECT)

enum {
  MODEL_PROP_0,
  MODEL_PROP_ID,
  MODEL_PROP_NAME,
  MODEL_PROP_MAKER,
  MODEL_PROP_PARAMS_B,
  MODEL_N_PROPS
};

static GParamSpec *model_properties[MODEL_N_PROPS];

static void
rw_model_finalize (GObject *object)
{
  RwModel *self = (RwModel *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->maker);
  g_free (self->source);
  g_free (self->groups);
  for (guint i = 0; i < self->n_components; i++)
    g_free (self->components[i].name);
  g_free (self->components);

  G_OBJECT_CLASS (rw_model_parent_class)->finalize (object);
}

static void
rw_model_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RwModel *self = RW_MODEL (object);

  switch (prop_id)
    {
    case MODEL_PROP_ID: g_value_set_string (value, self->id); break;
    case MODEL_PROP_NAME: g_value_set_string (value, self->name); break;
    case MODEL_PROP_MAKER: g_value_set_string (value, self->maker); break;
    case MODEL_PROP_PARAMS_B: g_value_set_double (value, self->params_b); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_model_class_init (RwModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rw_model_finalize;
  object_class->get_property = rw_model_get_property;

  model_properties[MODEL_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  model_properties[MODEL_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  model_properties[MODEL_PROP_MAKER] = g_param_spec_string ("maker", NULL, NULL, NULL, RO);
  model_properties[MODEL_PROP_PARAMS_B] =
    g_param_spec_double ("params-b", NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
  g_object_class_install_properties (object_class, MODEL_N_PROPS, model_properties);
}

static void
rw_model_init (RwModel *self)
{
  self->context = -1;
  self->active_params_b = RW_UNKNOWN;
  self->embedding_params_b = RW_UNKNOWN;
}

const char *
rw_model_get_id (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  return self->id;
}

const char *
rw_model_get_name (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  return self->name;
}

const char *
rw_model_get_maker (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  return self->maker;
}

double
rw_model_get_params_b (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->params_b;
}

gint64
rw_model_get_context (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), -1);
  return self->context;
}

guint
rw_model_get_layers (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->layers;
}

guint
rw_model_get_kv_heads (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->kv_heads;
}

guint
rw_model_get_head_dim (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->head_dim;
}

guint
rw_model_get_sliding_window (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->sliding_window;
}

guint
rw_model_get_sliding_layers (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->sliding_layers;
}

/* ------------------------------------------------------------ for feeds */

RwOffer *
_rw_offer_copy_with_gpu (RwOffer    *offer,
                         const char *gpu)
{
  RwOffer *copy = g_object_new (RW_TYPE_OFFER, NULL);

  copy->provider = g_strdup (offer->provider);
  copy->gpu = g_strdup (gpu);
  copy->instance = g_strdup (offer->instance);
  copy->region = g_strdup (offer->region);
  copy->observed_at = g_strdup (offer->observed_at);
  copy->gpu_count = offer->gpu_count;
  copy->pricing = offer->pricing;
  copy->price_hr = offer->price_hr;
  copy->vcpus = offer->vcpus;
  copy->ram_gb = offer->ram_gb;
  copy->disk_gb = offer->disk_gb;
  copy->flags = offer->flags;
  return copy;
}

RwProvider *
_rw_provider_new (const char *id,
                  const char *name,
                  const char *kind,
                  const char *url)
{
  RwProvider *provider = g_object_new (RW_TYPE_PROVIDER, NULL);

  provider->id = g_strdup (id);
  provider->name = g_strdup (name);
  provider->kind = g_strdup (kind);
  provider->url = g_strdup (url);
  return provider;
}
/* The fit engine's members (docs/FIT.md): kind (llm or image); active_params_b, the
 * parameters used per token, and embedding_params_b, vocab × hidden, both in billions and
 * RW_UNKNOWN when the catalog does not say; whether the output head shares the input
 * embedding; the https URL of the config the numbers come from (NULL when not given) */
RwModelKind
rw_model_get_kind (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), RW_MODEL_KIND_LLM);
  return self->kind;
}

double
rw_model_get_active_params_b (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), RW_UNKNOWN);
  return self->active_params_b;
}

double
rw_model_get_embedding_params_b (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), RW_UNKNOWN);
  return self->embedding_params_b;
}

gboolean
rw_model_get_tied_embeddings (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), FALSE);
  return self->tied_embeddings;
}
/* The fine-tuning fit's shapes (docs/FIT.md, "Fine-tuning"), from the model's config.json:
 * hidden_size, the query heads (num_attention_heads) and the MLP's intermediate_size of a
 * dense model; 0 when the catalog does not state them. */
guint
rw_model_get_hidden_size (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->hidden_size;
}

guint
rw_model_get_attention_heads (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->attention_heads;
}

guint
rw_model_get_intermediate_size (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), 0);
  return self->intermediate_size;
}

const char *
rw_model_get_source (RwModel *self)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  return self->source;
}

/**
 * rw_model_get_layer_groups:
 * @n_groups: (out): how many
 *
 * The model's layers as groups that cache alike: its `layer_groups`, or one full-attention
 * group (and one sliding-window group) made from the flat `layers`, `kv_heads`, `head_dim`,
 * `sliding_window`, `sliding_layers`. None when the catalog gives neither.
 *
 * Returns: (transfer none) (array length=n_groups): the groups
 */
const RwLayerGroup *
rw_model_get_layer_groups (RwModel *self,
                           guint   *n_groups)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  *n_groups = self->n_groups;
  return self->groups;
}

/**
 * rw_model_get_components:
 * @n_components: (out): how many
 *
 * Returns: (transfer none) (array length=n_components): an image model's parts
 */
const RwModelComponent *
rw_model_get_components (RwModel *self,
                         guint   *n_components)
{
  g_return_val_if_fail (RW_IS_MODEL (self), NULL);
  *n_components = self->n_components;
  return self->components;
}

static const char * const attention_names[] = { "full", "sliding", "mla", "linear" };

/* The layer_groups "attention" names: "full", "sliding", "mla", "linear" */
const char *
rw_attention_to_string (RwAttention attention)
{
  g_return_val_if_fail (attention <= RW_ATTENTION_LINEAR, NULL);
  return attention_names[attention];
}

gboolean
rw_attention_from_string (const char  *str,
                          RwAttention *attention)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (attention_names); i++)
    if (g_str_equal (str, attention_names[i]))
      {
        *attention = (RwAttention) i;
        return TRUE;
      }
  return FALSE;
}
