/* rw-catalog.h: a parsed and validated rentwise-catalog/1 document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-records.h"
#include "rw-stats.h"

G_BEGIN_DECLS

#define RW_CATALOG_SCHEMA    "rentwise-catalog/1"
#define RW_CATALOG_MAX_SIZE  (64 * 1024 * 1024)
#define RW_CATALOG_MAX_DEPTH 64
#define RW_CATALOG_MAX_RECORDS 2000000
#define RW_CATALOG_MAX_MEMORY  (512 * 1024 * 1024)
#define RW_CATALOG_IMAGE_FORMAT   "rentwise-image/1"
#define RW_CATALOG_IMAGE_MAX_SIZE (256 * 1024 * 1024)

/* What a hostile document cannot exceed; each has a clear error */
typedef struct {
  gsize max_size;      /* bytes of the document */
  guint max_depth;     /* nesting of arrays and objects */
  guint max_records;   /* records in one array */
  gsize max_memory;    /* estimated bytes of the loaded records */
} RwCatalogLimits;

#define RW_CATALOG_ERROR (rw_catalog_error_quark ())

typedef enum {
  RW_CATALOG_ERROR_TOO_LARGE,
  RW_CATALOG_ERROR_TOO_DEEP,
  RW_CATALOG_ERROR_EMPTY,
  RW_CATALOG_ERROR_NOT_UTF8,
  RW_CATALOG_ERROR_INVALID_JSON,
  RW_CATALOG_ERROR_NOT_OBJECT,
  RW_CATALOG_ERROR_WRONG_SCHEMA,
  RW_CATALOG_ERROR_NO_GPUS,
  RW_CATALOG_ERROR_TOO_MANY,
  RW_CATALOG_ERROR_TOO_MUCH_MEMORY,
  RW_CATALOG_ERROR_BAD_IMAGE,      /* a damaged catalog image */
  RW_CATALOG_ERROR_STALE_IMAGE,    /* an image made from other data, or for another machine */
} RwCatalogError;

typedef enum {
  RW_CATALOG_SOURCE_FILE,
  RW_CATALOG_SOURCE_CACHE,
  RW_CATALOG_SOURCE_BUILTIN,
  RW_CATALOG_SOURCE_NETWORK,
} RwCatalogSource;

/* One entry of the document's `sources`: where the data came from, under which licence. */
typedef struct {
  char *name;
  char *url;
  char *license;
  char *retrieved;
} RwAttribution;

/* What one feed brings: providers and offers that already name the base catalog's GPUs */
typedef struct {
  GPtrArray *providers;      /* RwProvider */
  GPtrArray *offers;         /* RwOffer */
  char      *url;            /* where it came from, for superseded_by; may be NULL */
  gint64     time;           /* unix time of its prices: generated, Last-Modified or fetched;
                              * 0 when unknown (then it counts as newer than the base) */
  char      *superseded_by;  /* set by rw_catalog_merge (): the source a provider of this
                              * feed was taken from instead ("builtin" or a feed URL) */
} RwFeedData;

RwFeedData *rw_feed_data_new  (void);
void        rw_feed_data_free (RwFeedData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwFeedData, rw_feed_data_free)

#define RW_TYPE_CATALOG (rw_catalog_get_type ())
G_DECLARE_FINAL_TYPE (RwCatalog, rw_catalog, RW, CATALOG, GObject)

GQuark           rw_catalog_error_quark            (void);
const char      *rw_catalog_source_to_string       (RwCatalogSource  source);

RwCatalog       *rw_catalog_new_from_bytes         (GBytes          *bytes,
                                                    RwCatalogSource  source,
                                                    GError         **error);
RwCatalog       *rw_catalog_new_with_limits        (GBytes                *bytes,
                                                    RwCatalogSource        source,
                                                    const RwCatalogLimits *limits,
                                                    GError               **error);
void             rw_catalog_limits_init            (RwCatalogLimits       *limits);
RwCatalog       *rw_catalog_new_from_file          (const char      *path,
                                                    GError         **error);
RwCatalog       *rw_catalog_new_builtin            (GError         **error);
RwCatalog       *rw_catalog_new_from_image         (GBytes          *image,
                                                    RwCatalogSource  source,
                                                    const char      *key,
                                                    GVariant       **extra,
                                                    GError         **error);
gboolean         rw_catalog_image_peek             (GBytes          *image,
                                                    const char      *key,
                                                    GVariant       **extra,
                                                    GError         **error);
GBytes          *rw_catalog_to_image               (RwCatalog       *self,
                                                    const char      *key,
                                                    GVariant        *extra);
const char      *rw_catalog_get_image_key          (RwCatalog       *self);
gboolean         rw_catalog_has_same_data          (RwCatalog       *self,
                                                    RwCatalog       *other);

RwCatalogSource  rw_catalog_get_source             (RwCatalog       *self);
const char      *rw_catalog_get_origin             (RwCatalog       *self);
const char      *rw_catalog_get_generated_at       (RwCatalog       *self);
const char      *rw_catalog_get_currency           (RwCatalog       *self);
guint            rw_catalog_get_skipped_records    (RwCatalog       *self);
const char      *rw_catalog_get_first_problem      (RwCatalog       *self);
guint            rw_catalog_get_bad_numbers        (RwCatalog       *self);
GPtrArray       *rw_catalog_get_attributions       (RwCatalog       *self);

GListModel      *rw_catalog_get_gpus               (RwCatalog       *self);
GListModel      *rw_catalog_get_providers          (RwCatalog       *self);
GListModel      *rw_catalog_get_offers             (RwCatalog       *self);
GListModel      *rw_catalog_get_history            (RwCatalog       *self);
GListModel      *rw_catalog_get_models             (RwCatalog       *self);
GPtrArray       *rw_catalog_dup_models_by_name     (RwCatalog       *self);

RwGpu           *rw_catalog_lookup_gpu             (RwCatalog       *self,
                                                    const char      *id);
const char      *rw_catalog_get_provider_name      (RwCatalog       *self,
                                                    const char      *id);
RwProvider      *rw_catalog_lookup_provider        (RwCatalog       *self,
                                                    const char      *id);
RwModel         *rw_catalog_lookup_model           (RwCatalog       *self,
                                                    const char      *id);
RwPriceStats    *rw_catalog_compute_price_stats    (RwCatalog       *self,
                                                    const char      *gpu_id,
                                                    guint            pricing_mask);
GPtrArray       *rw_catalog_get_offers_for_gpu     (RwCatalog       *self,
                                                    const char      *gpu_id);
GPtrArray       *rw_catalog_get_history_for_gpu    (RwCatalog       *self,
                                                    const char      *gpu_id);
RwGpu           *rw_catalog_lookup_gpu_by_alias    (RwCatalog       *self,
                                                    const char      *name);
gint64           rw_catalog_get_data_time          (RwCatalog       *self);
void             rw_catalog_set_fetched_at         (RwCatalog       *self,
                                                    gint64           fetched_at);
void             rw_catalog_set_source             (RwCatalog       *self,
                                                    RwCatalogSource  source);
RwCatalog       *rw_catalog_merge                  (RwCatalog       *base,
                                                    GPtrArray       *feeds,
                                                    RwCatalogSource  source);

G_END_DECLS
