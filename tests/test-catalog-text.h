/* test-catalog-text.h: small catalogs written in one line, for table-driven tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rw-catalog.h"

/* A catalog from compact text: offers "GPU:PROVIDER:PRICE:PRICING:INSTANCE[:GPU_COUNT];…"
 * (pricing od, spot; the price is the whole instance's; 1 GPU unless said), GPUs as
 * comma-separated ids (24 GB each, or ID=GB), models as comma-separated ids (7 billion
 * parameters each, or ID=BILLIONS); providers p1…p4. */
static inline RwCatalog *
make_catalog (const char *gpus,
              const char *offers,
              const char *models)
{
  g_autoptr(GString) doc = g_string_new ("{\"schema\":\"rentwise-catalog/1\","
                                         "\"generated_at\":\"2026-05-24T00:00:00Z\",\"gpus\":[");
  g_auto(GStrv) gpu_ids = g_strsplit (gpus, ",", -1);
  g_auto(GStrv) offer_specs = g_strsplit (offers, ";", -1);
  g_auto(GStrv) model_ids = g_strsplit (models, ",", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RwCatalog *catalog;
  gboolean first = TRUE;

  for (guint i = 0; gpu_ids[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (gpu_ids[i], "=", 2);

      g_string_append_printf (doc, "%s{\"id\":\"%s\",\"name\":\"GPU %s\",\"vram_gb\":%s}",
                              i ? "," : "", f[0], f[0], f[1] ? f[1] : "24");
    }
  g_string_append (doc, "],\"providers\":[");
  for (guint i = 1; i <= 4; i++)
    g_string_append_printf (doc, "%s{\"id\":\"p%u\",\"name\":\"Provider %u\"}", i > 1 ? "," : "",
                            i, i);
  g_string_append (doc, "],\"offers\":[");
  for (guint i = 0; offer_specs[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (offer_specs[i], ":", -1);

      if (offer_specs[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (f), >=, 5);
      g_assert_cmpuint (g_strv_length (f), <=, 6);
      g_string_append_printf (doc, "%s{\"gpu\":\"%s\",\"provider\":\"%s\",\"gpu_count\":%s,"
                              "\"price_hr\":%s,\"pricing\":\"%s\",\"instance\":\"%s\"}",
                              first ? "" : ",", f[0], f[1], f[5] ? f[5] : "1", f[2],
                              g_str_equal (f[3], "od") ? "on-demand" : f[3], f[4]);
      first = FALSE;
    }
  g_string_append (doc, "],\"models\":[");
  for (guint i = 0; model_ids[i] != NULL; i++)
    if (model_ids[i][0] != '\0')
      {
        g_auto(GStrv) f = g_strsplit (model_ids[i], "=", 2);

        g_string_append_printf (doc, "%s{\"id\":\"%s\",\"name\":\"Model %s\",\"params_b\":%s}",
                                i ? "," : "", f[0], f[0], f[1] ? f[1] : "7");
      }
  g_string_append (doc, "]}");

  bytes = g_bytes_new (doc->str, doc->len);
  catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 0);
  return catalog;
}

