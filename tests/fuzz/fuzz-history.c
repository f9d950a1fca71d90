/* fuzz-history.c: the local history store reader (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-history.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(RwHistoryStore) store = rw_history_store_new ("/nonexistent/rentwise-fuzz/history.tsv");
  g_autoptr(GArray) points = NULL;

  rw_history_store_load_from_data (store, (const char *) data, size);
  points = rw_history_store_get_points (store, "l40s");
  return 0;
}
