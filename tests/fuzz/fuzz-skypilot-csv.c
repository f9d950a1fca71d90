/* fuzz-skypilot-csv.c: a SkyPilot vms.csv feed → offers (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-feed.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

static RwCatalog *base;

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwFeedData) feed = NULL;
  g_auto(RwFeedStats) stats;

  if (base == NULL)
    base = rw_catalog_new_builtin (NULL);
  rw_feed_stats_init (&stats);
  feed = rw_skypilot_csv_parse ((const char *) data, size, "lambda", base, &stats, &error);
  if (feed != NULL)
    {
      g_autoptr(GPtrArray) feeds = g_ptr_array_new ();
      g_autoptr(RwCatalog) merged = NULL;

      g_ptr_array_add (feeds, feed);
      merged = rw_catalog_merge (base, feeds, RW_CATALOG_SOURCE_NETWORK);
    }
  return 0;
}
