/* fuzz-cache-meta.c: the cache metadata reader (libFuzzer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rw-feed-cache.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autofree char *problem = NULL;
  RwCacheMeta meta;

  if (rw_cache_meta_parse ((const char *) data, size, "https://example.com/catalogs/v8/lambda/vms.csv",
                           &meta, &problem))
    rw_cache_meta_clear (&meta);
  return 0;
}
