/* rw-session.c: the data the application shows, its start-up load and its refresh policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One RwSession per application (GNOME Text Editor's EditorSession is the model): it owns the
 * catalog on screen, the feed statuses of the last load or refresh, the local price history
 * and the refresh state; the application binds its settings (`feeds`, `refresh-interval`) to
 * it and widgets read from it. A published catalog is never replaced by the same data: a
 * refresh whose feeds all answered 304 changes `data-time`, `data-source` and `statuses`
 * only, so nothing rebinds for nothing.
 */
#include "config.h"

#include "rw-session-private.h"

struct _RwSession
{
  GObject parent_instance;

  /* Owned */
  RwSource        *source;
  RwCatalog       *catalog;
  GPtrArray       *statuses;       /* RwFeedStatus of the last load or refresh */
  RwHistoryStore  *history;
  char           **feeds;
  char            *catalog_path;   /* a --catalog file: shown as it is, never refreshed */
  struct _Load    *load;           /* the start-up load while it runs */
  gint64           data_time;
  RwCatalogSource  data_source;
  guint            refresh_interval;
  gboolean         offline;
  gboolean         refreshing;
  gboolean         loaded;         /* the cache has been read */
};

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_STATUSES,
  PROP_REFRESHING,
  PROP_DATA_TIME,
  PROP_DATA_SOURCE,
  PROP_HISTORY,
  PROP_FEEDS,
  PROP_OFFLINE,
  PROP_REFRESH_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RwSession, rw_session, G_TYPE_OBJECT)

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_object_unref (task_data);
}

/* Freeing a catalog of hundreds of thousands of offers took 50 ms of the main thread when a
 * refresh replaced it: the last reference goes in a worker (records are plain GObjects) */
static void
release_in_thread (RwCatalog *catalog)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, catalog, NULL);
  g_task_run_in_thread (task, release_thread);
}

static void
set_data_time (RwSession       *self,
               gint64           data_time,
               RwCatalogSource  data_source)
{
  if (self->data_time != data_time)
    {
      self->data_time = data_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TIME]);
    }
  if (self->data_source != data_source)
    {
      self->data_source = data_source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_SOURCE]);
    }
}

/* Publishes @catalog (when it is another one) and @statuses (when not NULL) */
static void
publish (RwSession *self,
         RwCatalog *catalog,
         GPtrArray *statuses)
{
  if (catalog != NULL && catalog != self->catalog)
    {
      RwCatalog *old = g_steal_pointer (&self->catalog);

      self->catalog = g_object_ref (catalog);
      set_data_time (self, rw_catalog_get_data_time (catalog), rw_catalog_get_source (catalog));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
      if (old != NULL)
        release_in_thread (old);
    }
  if (statuses != NULL && statuses != self->statuses)
    {
      g_clear_pointer (&self->statuses, g_ptr_array_unref);
      self->statuses = g_ptr_array_ref (statuses);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUSES]);
    }
}

static void
set_refreshing (RwSession *self,
                gboolean   refreshing)
{
  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* What a refresh brought: a failed one (NULL) never takes away what is shown; only a catalog
 * with prices replaces one, and the built-in snapshot does not replace itself. The same data
 * again (every feed answered 304) stays published as it is: only where and when its prices
 * come from change. */
static void
take_refresh (RwSession *self,
              RwCatalog *catalog,
              GPtrArray *statuses)
{
  gboolean network = rw_catalog_get_source (catalog) == RW_CATALOG_SOURCE_NETWORK;

  /* Fresh prices grow the local history: one point per GPU per day */
  if (network && self->history != NULL)
    {
      g_autoptr(GError) record_error = NULL;

      rw_history_store_record (self->history, catalog, g_get_real_time () / G_USEC_PER_SEC,
                               &record_error);
      if (record_error != NULL)
        g_printerr ("rentwise: could not record the price history: %s\n", record_error->message);
    }

  if (self->catalog != NULL && rw_catalog_has_same_data (catalog, self->catalog))
    {
      /* a published catalog is immutable: the window and the GPU page read where and when
       * the prices come from in the session */
      set_data_time (self, rw_catalog_get_data_time (catalog), rw_catalog_get_source (catalog));
      publish (self, NULL, statuses);
      /* the copy that came with the refresh goes in a worker, as a replaced one would */
      release_in_thread (g_object_ref (catalog));
    }
  else if (rw_catalog_get_source (catalog) != RW_CATALOG_SOURCE_BUILTIN || self->catalog == NULL)
    publish (self, catalog, statuses);
  else
    publish (self, NULL, statuses);
}

void
_rw_session_take_refresh (RwSession *self,
                          RwCatalog *catalog,
                          GPtrArray *statuses)
{
  g_return_if_fail (RW_IS_SESSION (self));
  g_return_if_fail (RW_IS_CATALOG (catalog));

  take_refresh (self, catalog, statuses);
}

static void
source_refreshed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RwSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_source_refresh_finish (RW_SOURCE (object), result,
                                                           &statuses, &error);

  set_refreshing (self, FALSE);
  if (catalog == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  take_refresh (self, catalog, statuses);
  self->loaded = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void
start_source_refresh (RwSession *self,
                      gboolean   offline,
                      GTask     *task)
{
  set_refreshing (self, TRUE);
  rw_source_refresh_async (self->source, (const char * const *) self->feeds,
                           offline || self->offline, g_task_get_cancellable (task),
                           source_refreshed, task);
}

/**
 * rw_session_can_refresh:
 *
 * Returns: whether a refresh may start now: none is running and the catalog is not a
 *   `--catalog` file (which is shown as it is)
 */
gboolean
rw_session_can_refresh (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);
  return !self->refreshing && self->catalog_path == NULL;
}

/**
 * rw_session_refresh_async:
 * @self: the session
 * @cancellable: (nullable): cancels the fetches
 *
 * Fetches the session's feeds (conditional requests; none when `offline`, then the cached
 * copies are read) off the main thread and publishes the result: a new catalog when the data
 * changed, else only `data-time`, `data-source` and `statuses`. Fresh prices are recorded in
 * the history. Fails with %G_IO_ERROR_PENDING while another refresh runs and with
 * %G_IO_ERROR_NOT_SUPPORTED for a `--catalog` file; a failed refresh keeps the catalog.
 */
void
rw_session_refresh_async (RwSession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RW_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rw_session_refresh_async);
  if (self->catalog_path != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             "a catalog file is never refreshed");
  else if (self->refreshing)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "already refreshing");
  else
    start_source_refresh (self, FALSE, g_steal_pointer (&task));
}

/**
 * rw_session_refresh_finish:
 *
 * Returns: %TRUE when the refresh brought a catalog (fresh, not modified or cached; some
 *   feeds may still have failed: see `statuses`), else %FALSE with @error set
 */
gboolean
rw_session_refresh_finish (RwSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rw_session_is_stale:
 * @now: unix time, seconds
 *
 * Returns: whether the data is older than `refresh-interval` (seconds) at @now; the built-in
 *   snapshot, or no catalog at all, is always stale for a machine that is online
 */
gboolean
rw_session_is_stale (RwSession *self,
                     gint64     now)
{
  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);

  if (self->catalog == NULL || self->data_source == RW_CATALOG_SOURCE_BUILTIN)
    return TRUE;
  return now - self->data_time > (gint64) self->refresh_interval;
}

/* What start-up reads from disk, read in a thread while GTK initialises on the other core:
 * first the built-in snapshot (or the --catalog file) and the local history, which the main
 * thread may wait for (rw_session_load_wait_first); then the cache's catalog image, which is
 * published when it is there in time for the first window and otherwise in an idle, so the
 * main thread never waits on the cache */
typedef struct _Load {
  GMutex          lock;
  GCond           cond;
  gint            refs;
  char           *catalog_path;  /* in: --catalog, or NULL for the built-in snapshot */
  RwSource       *source;        /* in: the session's; the thread only reads it */
  char          **feeds;         /* in */
  GTask          *task;          /* the load_async task, main thread only */
  gboolean        first_done;    /* catalog, error and history are in */
  gboolean        first_taken;   /* and published */
  gboolean        image_done;    /* cached and statuses are in */
  RwCatalog      *catalog;       /* the built-in snapshot or the --catalog file */
  GError         *error;
  RwHistoryStore *history;
  RwCatalog      *cached;        /* the cache's catalog image, when it matches the feeds' caches */
  GPtrArray      *statuses;      /* with it */
} Load;

static void
load_unref (Load *load)
{
  if (!g_atomic_int_dec_and_test (&load->refs))
    return;
  g_mutex_clear (&load->lock);
  g_cond_clear (&load->cond);
  g_free (load->catalog_path);
  g_strfreev (load->feeds);
  g_clear_object (&load->source);
  g_clear_object (&load->task);
  g_clear_object (&load->catalog);
  g_clear_error (&load->error);
  g_clear_object (&load->history);
  g_clear_object (&load->cached);
  g_clear_pointer (&load->statuses, g_ptr_array_unref);
  g_free (load);
}

/* Main thread, lock held: publishes the first part (the history and the catalog to show at
 * once), and the cached image with it when it is in */
static void
take_first (RwSession  *self,
            Load       *load,
            GError    **error)
{
  g_assert (load->first_done);

  if (load->first_taken)
    return;
  load->first_taken = TRUE;

  g_set_object (&self->history, load->history);
  /* the main thread never waits on the disk for the history */
  rw_history_store_set_background_writes (self->history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  if (rw_history_store_get_problem (self->history) != NULL)
    g_printerr ("rentwise: %s\n", rw_history_store_get_problem (self->history));

  if (load->catalog_path != NULL && load->catalog != NULL)
    rw_history_store_record (self->history, load->catalog, g_get_real_time () / G_USEC_PER_SEC,
                             NULL);
  if (load->catalog_path != NULL && load->catalog == NULL)
    {
      /* A broken --catalog file: say so, and show the built-in snapshot instead */
      g_printerr ("rentwise: %s\n", load->error->message);
      g_clear_error (&load->error);
    }
  if (load->catalog == NULL && load->error == NULL)
    load->catalog = rw_catalog_new_builtin (&load->error);
  if (load->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&load->error));
      return;
    }

  if (load->image_done && load->cached != NULL)
    {
      publish (self, load->cached, load->statuses);
      self->loaded = TRUE;
    }
  else
    publish (self, load->catalog, NULL);
  /* until the cache is read */
  if (load->catalog_path == NULL && !self->loaded)
    set_refreshing (self, TRUE);
}

static void
load_cache_refreshed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!rw_session_refresh_finish (RW_SESSION (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Main thread, once the thread is done: the cached image, or the cache the long way */
static gboolean
load_finish_idle (gpointer data)
{
  Load *load = data;
  RwSession *self = g_task_get_source_object (load->task);
  g_autoptr(GTask) task = g_steal_pointer (&load->task);
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&load->lock);
  take_first (self, load, &error);
  g_mutex_unlock (&load->lock);
  if (self->load == load)
    self->load = NULL;

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (load->catalog_path != NULL || self->loaded)
    g_task_return_boolean (task, TRUE);
  else if (load->cached != NULL)
    {
      set_refreshing (self, FALSE);
      publish (self, load->cached, load->statuses);
      self->loaded = TRUE;
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      /* no image, or an old one: the cached bodies, parsed in a worker, without network */
      set_refreshing (self, FALSE);
      start_source_refresh (self, TRUE, g_task_new (self, g_task_get_cancellable (task),
                                                    load_cache_refreshed,
                                                    g_object_ref (task)));
    }
  load_unref (load);
  return G_SOURCE_REMOVE;
}

static gpointer
load_thread (gpointer data)
{
  Load *load = data;

  if (load->catalog_path != NULL)
    load->catalog = rw_catalog_new_from_file (load->catalog_path, &load->error);
  else
    {
      load->catalog = rw_catalog_new_builtin (&load->error);
      if (load->catalog != NULL)
        {
          /* the refreshes' own built-in copy: they read it from workers */
          g_autoptr(RwCatalog) for_source = rw_catalog_new_builtin (NULL);

          rw_source_set_builtin (load->source, for_source);
        }
    }
  load->history = rw_history_store_new (NULL);
  rw_history_store_load (load->history, NULL);

  g_mutex_lock (&load->lock);
  load->first_done = TRUE;
  g_cond_signal (&load->cond);
  g_mutex_unlock (&load->lock);

  /* the cache as one image (no JSON), for the first frame when it is in time */
  if (load->catalog_path == NULL && load->catalog != NULL)
    {
      RwCatalog *cached = NULL;
      GPtrArray *statuses = NULL;

      cached = rw_source_load_image (load->source, (const char * const *) load->feeds, &statuses);
      g_mutex_lock (&load->lock);
      load->cached = cached;
      load->statuses = statuses;
      g_mutex_unlock (&load->lock);
    }

  g_mutex_lock (&load->lock);
  load->image_done = TRUE;
  g_mutex_unlock (&load->lock);
  g_idle_add_full (G_PRIORITY_DEFAULT, load_finish_idle, load, NULL);
  return NULL;
}

/**
 * rw_session_load_async:
 * @self: the session
 * @catalog_path: (nullable): a catalog document to show instead of the cache and the built-in
 *   snapshot (never refreshed; recorded in the history)
 * @cancellable: (nullable)
 *
 * Starts the start-up load in a thread: the built-in snapshot (or @catalog_path) and the local
 * history first, then the cache's catalog image; without a usable image the cached feed bodies
 * are read in a worker, without the network. Completes once the cache is published (or known
 * to be absent). Call once, from the thread whose main context the session is used in.
 */
void
rw_session_load_async (RwSession           *self,
                       const char          *catalog_path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Load *load;

  g_return_if_fail (RW_IS_SESSION (self));
  g_return_if_fail (self->load == NULL && self->catalog == NULL);

  g_free (self->catalog_path);
  self->catalog_path = g_strdup (catalog_path);

  load = g_new0 (Load, 1);
  g_mutex_init (&load->lock);
  g_cond_init (&load->cond);
  load->refs = 1;
  load->catalog_path = g_strdup (catalog_path);
  load->source = g_object_ref (self->source);
  load->feeds = g_strdupv (self->feeds);
  load->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (load->task, rw_session_load_async);
  self->load = load;
  g_thread_unref (g_thread_new ("rentwise-load", load_thread, load));
}

/**
 * rw_session_load_wait_first:
 *
 * Waits for the first part of a load started with rw_session_load_async(): the built-in
 * snapshot (or the catalog file) and the history, and publishes them, with the cache's image
 * when it is in already. Start-up calls it after initialising GTK, before the first window.
 *
 * Returns: %FALSE with @error set when not even the built-in snapshot loads
 */
gboolean
rw_session_load_wait_first (RwSession  *self,
                            GError    **error)
{
  Load *load;
  GError *local_error = NULL;

  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);

  load = self->load;
  if (load == NULL)
    return self->catalog != NULL;
  g_mutex_lock (&load->lock);
  while (!load->first_done)
    g_cond_wait (&load->cond, &load->lock);
  take_first (self, load, &local_error);
  g_mutex_unlock (&load->lock);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * rw_session_load_finish:
 *
 * Returns: %TRUE when the session has a catalog (the cache's, the built-in snapshot or the
 *   catalog file), else %FALSE with @error set
 */
gboolean
rw_session_load_finish (RwSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rw_session_get_loaded:
 *
 * Returns: whether the cache has been read (by the start-up load or a refresh)
 */
gboolean
rw_session_get_loaded (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);
  return self->loaded;
}

static void
rw_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RwSession *self = RW_SESSION (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_STATUSES:
      g_value_set_boxed (value, self->statuses);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_DATA_TIME:
      g_value_set_int64 (value, self->data_time);
      break;
    case PROP_DATA_SOURCE:
      g_value_set_int (value, self->data_source);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FEEDS:
      g_value_set_boxed (value, self->feeds);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RwSession *self = RW_SESSION (object);

  switch (prop_id)
    {
    case PROP_FEEDS:
      rw_session_set_feeds (self, g_value_get_boxed (value));
      break;
    case PROP_OFFLINE:
      rw_session_set_offline (self, g_value_get_boolean (value));
      break;
    case PROP_REFRESH_INTERVAL:
      rw_session_set_refresh_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_session_finalize (GObject *object)
{
  RwSession *self = (RwSession *) object;

  g_clear_object (&self->source);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_object (&self->history);
  g_strfreev (self->feeds);
  g_free (self->catalog_path);

  G_OBJECT_CLASS (rw_session_parent_class)->finalize (object);
}

static void
rw_session_class_init (RwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rw_session_finalize;
  object_class->get_property = rw_session_get_property;
  object_class->set_property = rw_session_set_property;

  /* the catalog on screen; never modified once published except, until part 2 of issue 16,
   * its data time and source */
  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, RW_TYPE_CATALOG, ro);
  properties[PROP_STATUSES] = g_param_spec_boxed ("statuses", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  properties[PROP_REFRESHING] = g_param_spec_boolean ("refreshing", NULL, NULL, FALSE, ro);
  /* unix time, seconds, of the prices in use */
  properties[PROP_DATA_TIME] = g_param_spec_int64 ("data-time", NULL, NULL,
                                                   G_MININT64, G_MAXINT64, 0, ro);
  /* an RwCatalogSource: where those prices came from */
  properties[PROP_DATA_SOURCE] = g_param_spec_int ("data-source", NULL, NULL,
                                                   RW_CATALOG_SOURCE_FILE,
                                                   RW_CATALOG_SOURCE_NETWORK,
                                                   RW_CATALOG_SOURCE_BUILTIN, ro);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL,
                                                  RW_TYPE_HISTORY_STORE, ro);
  properties[PROP_FEEDS] = g_param_spec_boxed ("feeds", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, rw);
  /* seconds */
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT,
                       RW_SESSION_DEFAULT_REFRESH_INTERVAL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rw_session_init (RwSession *self)
{
  self->feeds = g_new0 (char *, 1);
  self->data_source = RW_CATALOG_SOURCE_BUILTIN;
  self->refresh_interval = RW_SESSION_DEFAULT_REFRESH_INTERVAL;
}

/**
 * rw_session_new:
 * @cache_dir: (nullable): where the feeds are cached; NULL for `$XDG_CACHE_HOME/rentwise`
 *
 * Returns: (transfer full): a session with no catalog yet: call rw_session_load_async()
 */
RwSession *
rw_session_new (const char *cache_dir)
{
  RwSession *self = g_object_new (RW_TYPE_SESSION, NULL);

  self->source = rw_source_new (cache_dir);
  return self;
}

/**
 * rw_session_get_source:
 *
 * Returns: (transfer none): the feed source the session loads and refreshes through
 */
RwSource *
rw_session_get_source (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return self->source;
}

/**
 * rw_session_get_catalog:
 *
 * Returns: (transfer none) (nullable): the catalog published last
 */
RwCatalog *
rw_session_get_catalog (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return self->catalog;
}

/**
 * rw_session_get_statuses:
 *
 * Returns: (transfer none) (nullable) (element-type RwFeedStatus): each feed's state after
 *   the last load or refresh
 */
GPtrArray *
rw_session_get_statuses (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return self->statuses;
}

/**
 * rw_session_get_refreshing:
 *
 * Returns: whether a refresh (or the start-up read of the cache) is running
 */
gboolean
rw_session_get_refreshing (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);
  return self->refreshing;
}

/**
 * rw_session_get_data_time:
 *
 * Returns: the unix time, in seconds, of the prices in use (when they were fetched, or the
 *   catalog's `generated_at`); 0 when unknown
 */
gint64
rw_session_get_data_time (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), 0);
  return self->data_time;
}

/**
 * rw_session_get_data_source:
 *
 * Returns: where the prices in use came from
 */
RwCatalogSource
rw_session_get_data_source (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), RW_CATALOG_SOURCE_BUILTIN);
  return self->data_source;
}

/**
 * rw_session_get_history:
 *
 * Returns: (transfer none) (nullable): the local price history, once loaded
 */
RwHistoryStore *
rw_session_get_history (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return self->history;
}

/**
 * rw_session_get_feeds:
 *
 * Returns: (transfer none): the feed URLs a refresh fetches (never NULL)
 */
const char * const *
rw_session_get_feeds (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return (const char * const *) self->feeds;
}

/**
 * rw_session_set_feeds:
 * @feeds: (nullable): the feed URLs; NULL for none
 *
 * Sets the feeds the next refresh fetches (the settings' `feeds`, or `--feed`).
 */
void
rw_session_set_feeds (RwSession          *self,
                      const char * const *feeds)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (RW_IS_SESSION (self));

  if (feeds == NULL)
    feeds = none;
  if (g_strv_equal (feeds, (const char * const *) self->feeds))
    return;
  g_strfreev (self->feeds);
  self->feeds = g_strdupv ((char **) feeds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDS]);
}

/**
 * rw_session_get_offline:
 *
 * Returns: whether refreshes stay off the network (the cached copies are read instead)
 */
gboolean
rw_session_get_offline (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), FALSE);
  return self->offline;
}

void
rw_session_set_offline (RwSession *self,
                        gboolean   offline)
{
  g_return_if_fail (RW_IS_SESSION (self));

  offline = !!offline;
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/**
 * rw_session_get_refresh_interval:
 *
 * Returns: the age, in seconds, past which the data is stale (rw_session_is_stale())
 */
guint
rw_session_get_refresh_interval (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), RW_SESSION_DEFAULT_REFRESH_INTERVAL);
  return self->refresh_interval;
}

void
rw_session_set_refresh_interval (RwSession *self,
                                 guint      seconds)
{
  g_return_if_fail (RW_IS_SESSION (self));

  if (self->refresh_interval == seconds)
    return;
  self->refresh_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

/**
 * rw_session_get_catalog_path:
 *
 * Returns: (nullable): the catalog file the session shows instead of the cache, or NULL
 */
const char *
rw_session_get_catalog_path (RwSession *self)
{
  g_return_val_if_fail (RW_IS_SESSION (self), NULL);
  return self->catalog_path;
}
