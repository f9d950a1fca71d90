/* rw-source.h: where the catalog comes from — cache, built-in snapshot, network — and refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"
#include "rw-fetch.h"

G_BEGIN_DECLS

#define RW_FEED_DEADLINE_SECONDS 30
#define RW_MAX_PARALLEL_FEEDS    4

typedef enum {
  RW_FEED_STATE_FRESH,         /* fetched now, validated, cached */
  RW_FEED_STATE_NOT_MODIFIED,  /* 304: the cached copy is current */
  RW_FEED_STATE_CACHED,        /* not fetched (offline): the cached copy */
  RW_FEED_STATE_FAILED,        /* the fetch failed; a cached copy may still be in use */
} RwFeedState;

typedef struct {
  char        *url;
  RwFeedState  state;
  guint        http_status;    /* 0 when no response */
  char        *error;          /* why it failed, or why the cache was ignored: in English, for
                                * logs and the command line (the message of gerror) */
  GError      *gerror;         /* the same with its code (RW_FETCH_ERROR), by which the UI
                                * chooses its translated message; NULL when error is */
  guint        offers;         /* offers in use from this feed (fresh or cached) */
  guint        unmapped;
  char       **unmapped_names;
  gint64       fetched_at;     /* unix time of the data in use, 0 when none */
  guint        bad_numbers;    /* rows skipped for a number that is not a plain decimal */
  guint        duplicates;     /* rows identical to an earlier one, taken once */
  guint        gpu_only;       /* GPU-only prices kept out of the statistics */
  char        *superseded_by;  /* a provider of this feed came from a newer source (its URL,
                                * or "builtin") instead; NULL when none */
} RwFeedStatus;

const char *rw_feed_state_to_string (RwFeedState   state);
void        rw_feed_status_free     (RwFeedStatus *status);
void        rw_feed_status_set_error (RwFeedStatus *status,
                                      const GError *error);

#define RW_TYPE_SOURCE (rw_source_get_type ())
G_DECLARE_FINAL_TYPE (RwSource, rw_source, RW, SOURCE, GObject)

RwSource   *rw_source_new              (const char           *cache_dir);
const char *rw_source_get_cache_dir    (RwSource             *self);
void        rw_source_set_builtin      (RwSource             *self,
                                        RwCatalog            *builtin);
void        rw_source_set_deadline     (RwSource             *self,
                                        guint                 seconds);
void        rw_source_set_write_failure (RwSource            *self,
                                         int                  code);
char       *rw_source_default_cache_dir (void);

RwCatalog  *rw_source_load             (RwSource             *self,
                                        const char * const   *feeds,
                                        GPtrArray           **statuses,
                                        GError              **error);
RwCatalog  *rw_source_load_image       (RwSource             *self,
                                        const char * const   *feeds,
                                        GPtrArray           **statuses);
void        rw_source_refresh_async    (RwSource             *self,
                                        const char * const   *feeds,
                                        gboolean              offline,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
RwCatalog  *rw_source_refresh_finish   (RwSource             *self,
                                        GAsyncResult         *result,
                                        GPtrArray           **statuses,
                                        GError              **error);

G_END_DECLS
