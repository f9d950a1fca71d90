/* fuzz-catalog.c: bytes → catalog (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);
  GListModel *gpus;

  if (catalog == NULL)
    return 0;

  /* everything downstream of the parser must cope with what it accepted */
  gpus = rw_catalog_get_gpus (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (gpus) && i < 8; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      g_autofree char *json = NULL;
      g_autofree char *text = NULL;
      RwReportOptions options;

      rw_report_options_init (&options);
      json = rw_report_gpu_json (catalog, gpu, &options);
      text = rw_report_gpu_text (catalog, gpu, &options);
    }
  return 0;
}
