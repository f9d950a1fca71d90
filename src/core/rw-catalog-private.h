/* rw-catalog-private.h: the catalog's fields, for its parser and its image loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-catalog.h"
#include "rw-records-private.h"

G_BEGIN_DECLS

#define RW_CATALOG_MAX_ID_LEN    128
#define RW_CATALOG_MAX_TEXT_LEN  1024
#define RW_CATALOG_MAX_NUMBER    1e9
#define RW_CATALOG_MAX_GPU_COUNT 4096

struct _RwCatalog
{
  GObject parent_instance;

  RwCatalogSource  source;
  gint64           fetched_at;
  char            *origin;
  char            *generated_at;
  char            *currency;
  guint            skipped;
  guint            bad_numbers;        /* number tokens outside the JSON grammar */
  char            *first_problem;
  char            *image_key;          /* what the image it was loaded from was made for */
  GPtrArray       *attributions;

  GListStore      *gpus;
  GListStore      *providers;
  GListModel      *offers;             /* RwArrayModel: read-only once loaded */
  GListStore      *history;
  GListStore      *models;

  GHashTable      *gpu_by_id;          /* id → RwGpu (borrowed from the store) */
  GHashTable      *provider_by_id;     /* id → RwProvider (borrowed) */
  GHashTable      *model_by_id;        /* id → RwModel (borrowed) */
  GHashTable      *gpu_by_alias;       /* casefolded id, name or alias → RwGpu (borrowed) */
  GHashTable      *offers_by_gpu;      /* id → GPtrArray of RwOffer (owned refs) */
  GHashTable      *history_by_gpu;     /* id → GPtrArray of RwHistoryPoint (owned refs) */
  GPtrArray       *empty;

  /* While parsing */
  const RwCatalogLimits *limits;
  gsize            memory;             /* estimated bytes of the records so far */
};

void     _rw_attribution_free     (RwAttribution *attribution);
gboolean _rw_valid_date           (const char    *str);
void     _rw_catalog_index_record (RwCatalog     *self,
                                   GObject       *record);
void     _rw_catalog_finish       (RwCatalog     *self);
void     _rw_catalog_set_offers   (RwCatalog     *self,
                                   GPtrArray     *offers);
const char *_rw_model_check_fit_fields (RwModel *model);
void        _rw_model_groups_from_flat (RwModel *model);
const char *_rw_gpu_check_fit_fields   (RwGpu   *gpu);

G_END_DECLS
