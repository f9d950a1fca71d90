/* fuzz-watchlist.c: the watchlist file reader (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-watchlist.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(RwWatchlist) list = rw_watchlist_new ("/nonexistent/rentwise-fuzz/watchlist.ini");

  rw_watchlist_load_from_data (list, (const char *) data, size);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RwWatchItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert (rw_watchlist_lookup (list, rw_watch_item_get_key (item)) != NULL);
    }
  return 0;
}
