/* fuzz-catalog-image.c: bytes → catalog image → catalog (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache image is read at every start: whatever is in the file, it loads as a consistent
 * catalog or is refused with RW_CATALOG_ERROR.
 */
#include "config.h"

#include "rw-catalog.h"
#include "rw-report.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) extra = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_image (bytes, RW_CATALOG_SOURCE_CACHE, NULL,
                                                            &extra, &error);
  GListModel *gpus;

  if (catalog == NULL)
    {
      g_assert (error != NULL && error->domain == RW_CATALOG_ERROR);
      return 0;
    }

  /* what loaded goes through everything downstream, and makes the same image again */
  gpus = rw_catalog_get_gpus (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (gpus) && i < 8; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      g_autofree char *json = NULL;
      RwReportOptions options;

      rw_report_options_init (&options);
      json = rw_report_gpu_json (catalog, gpu, &options);
    }
  {
    g_autoptr(GBytes) again = rw_catalog_to_image (catalog, rw_catalog_get_image_key (catalog), extra);
    g_autoptr(RwCatalog) reloaded = rw_catalog_new_from_image (again, RW_CATALOG_SOURCE_CACHE, NULL,
                                                               NULL, NULL);
    g_assert (reloaded != NULL);
  }
  return 0;
}
