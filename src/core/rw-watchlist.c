/* rw-watchlist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The watchlist lives in $XDG_DATA_HOME/rentwise/watchlist.ini, a GKeyFile:
 *
 *   [rentwise-watchlist]
 *   version=1
 *
 *   [watch 0]
 *   kind=gpu            (or plan, with model=, context=, sessions=)
 *   gpu=l40s
 *   target_hr=0.8       $/hr per GPU (a plan: for its whole instance); absent: none
 *   drop_percent=10     tell about drops of at least this much; absent: none
 *   notified_hr=0.79    the price last notified (rw-alerts.h); absent: none
 *
 * Every change is made under an exclusive lock (rw_file_lock (): flock on
 * watchlist.ini.lock, next to the file), on the file as it is on disk at that moment
 * (re-read under the lock), and written to a temporary file renamed over the old one: two
 * processes that change the list at the same time both keep their change. Readers need no
 * lock (the rename is atomic).
 *
 * A file that is not a watchlist, or has an entry that cannot be read, is renamed to
 * watchlist.ini.unreadable-TIME (never deleted) and rw_watchlist_get_problem () says so;
 * the entries that could be read are kept and written back to watchlist.ini at once, under
 * the lock. An entry with one bad value (target_hr=abc) is left out whole, not watched
 * without it: the file set aside keeps it as it was.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-file-lock.h"
#include "rw-file-read.h"
#include "rw-records.h"
#include "rw-watchlist.h"

#define MAX_ID_LENGTH 128
#define MAX_CONTEXT   (G_GUINT64_CONSTANT (1) << 40)
#define MAX_SESSIONS  1000000
#define MAX_PRICE_HR  1e6

/* The item */

struct _RwWatchItem
{
  GObject      parent_instance;

  char        *key;
  RwWatchKind  kind;
  char        *gpu;        /* RW_WATCH_GPU */
  char        *model;      /* RW_WATCH_PLAN */
  guint64      context;
  guint        sessions;
  double       target_hr;     /* RW_UNKNOWN: none */
  double       drop_percent;  /* 0: none */
  double       notified_hr;   /* RW_UNKNOWN: none */
};

G_DEFINE_FINAL_TYPE (RwWatchItem, rw_watch_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_KEY,
  ITEM_PROP_KIND,
  ITEM_PROP_GPU,
  ITEM_PROP_MODEL,
  ITEM_PROP_CONTEXT,
  ITEM_PROP_SESSIONS,
  ITEM_PROP_TARGET_HR,
  ITEM_PROP_DROP_PERCENT,
  ITEM_PROP_NOTIFIED_HR,
  N_ITEM_PROPS
};

static GParamSpec *item_properties [N_ITEM_PROPS];

static void
rw_watch_item_finalize (GObject *object)
{
  RwWatchItem *self = (RwWatchItem *) object;

  g_free (self->key);
  g_free (self->gpu);
  g_free (self->model);

  G_OBJECT_CLASS (rw_watch_item_parent_class)->finalize (object);
}

static void
rw_watch_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RwWatchItem *self = RW_WATCH_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_KEY: g_value_set_string (value, self->key); break;
    case ITEM_PROP_KIND: g_value_set_uint (value, self->kind); break;
    case ITEM_PROP_GPU: g_value_set_string (value, self->gpu); break;
    case ITEM_PROP_MODEL: g_value_set_string (value, self->model); break;
    case ITEM_PROP_CONTEXT: g_value_set_uint64 (value, self->context); break;
    case ITEM_PROP_SESSIONS: g_value_set_uint (value, self->sessions); break;
    case ITEM_PROP_TARGET_HR: g_value_set_double (value, self->target_hr); break;
    case ITEM_PROP_DROP_PERCENT: g_value_set_double (value, self->drop_percent); break;
    case ITEM_PROP_NOTIFIED_HR: g_value_set_double (value, self->notified_hr); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_watch_item_class_init (RwWatchItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rw_watch_item_finalize;
  object_class->get_property = rw_watch_item_get_property;

  item_properties[ITEM_PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, RW_WATCH_PLAN, 0,
                                                       flags);
  item_properties[ITEM_PROP_GPU] = g_param_spec_string ("gpu", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CONTEXT] = g_param_spec_uint64 ("context", NULL, NULL, 0, G_MAXUINT64,
                                                            0, flags);
  item_properties[ITEM_PROP_SESSIONS] = g_param_spec_uint ("sessions", NULL, NULL, 0, G_MAXUINT,
                                                           0, flags);
  item_properties[ITEM_PROP_TARGET_HR] = g_param_spec_double ("target-hr", NULL, NULL, -1,
                                                              G_MAXDOUBLE, -1, flags);
  item_properties[ITEM_PROP_DROP_PERCENT] = g_param_spec_double ("drop-percent", NULL, NULL, 0,
                                                                 100, 0, flags);
  item_properties[ITEM_PROP_NOTIFIED_HR] = g_param_spec_double ("notified-hr", NULL, NULL, -1,
                                                                G_MAXDOUBLE, -1, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
rw_watch_item_init (RwWatchItem *self)
{
  self->target_hr = RW_UNKNOWN;
  self->notified_hr = RW_UNKNOWN;
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > MAX_ID_LENGTH || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
valid_price (double value)
{
  return value < 0 ? value == RW_UNKNOWN : isfinite (value) && value <= MAX_PRICE_HR;
}

static gboolean
valid_drop (double value)
{
  return isfinite (value) && value >= 0 && value <= 100;
}

/**
 * rw_watch_item_make_key:
 * @id: the GPU id (RW_WATCH_GPU) or the model id (RW_WATCH_PLAN)
 *
 * Returns: (transfer full): the entry's identity in the list, also the id of its desktop
 *   notification: "gpu:ID", or "plan:MODEL:CONTEXT:SESSIONS"
 */
char *
rw_watch_item_make_key (RwWatchKind  kind,
                        const char  *id,
                        guint64      context,
                        guint        sessions)
{
  if (kind == RW_WATCH_GPU)
    return g_strconcat ("gpu:", id, NULL);
  return g_strdup_printf ("plan:%s:%" G_GUINT64_FORMAT ":%u", id, context, sessions);
}

static RwWatchItem *
item_copy (RwWatchItem *item,
           double       notified_hr)
{
  RwWatchItem *copy = g_object_new (RW_TYPE_WATCH_ITEM, NULL);

  copy->key = g_strdup (item->key);
  copy->kind = item->kind;
  copy->gpu = g_strdup (item->gpu);
  copy->model = g_strdup (item->model);
  copy->context = item->context;
  copy->sessions = item->sessions;
  copy->target_hr = item->target_hr;
  copy->drop_percent = item->drop_percent;
  copy->notified_hr = notified_hr;
  return copy;
}

/**
 * rw_watch_item_new_gpu:
 * @gpu: a GPU id (1 to 128 bytes of UTF-8 without control characters)
 * @target_hr: tell when its cheapest rate ($/hr per GPU) is at or under this; RW_UNKNOWN
 *   for none
 * @drop_percent: tell when its cheapest rate falls by at least this many percent in one
 *   refresh (0 < p ≤ 100); 0 for none
 *
 * Returns: (transfer full) (nullable): the entry, NULL when an argument is out of range
 */
RwWatchItem *
rw_watch_item_new_gpu (const char *gpu,
                       double      target_hr,
                       double      drop_percent)
{
  RwWatchItem *self;

  g_return_val_if_fail (valid_id (gpu), NULL);
  g_return_val_if_fail (valid_price (target_hr), NULL);
  g_return_val_if_fail (valid_drop (drop_percent), NULL);

  self = g_object_new (RW_TYPE_WATCH_ITEM, NULL);
  self->kind = RW_WATCH_GPU;
  self->gpu = g_strdup (gpu);
  self->key = rw_watch_item_make_key (RW_WATCH_GPU, gpu, 0, 0);
  self->target_hr = target_hr;
  self->drop_percent = drop_percent;
  return self;
}

/**
 * rw_watch_item_new_plan:
 * @model: a model id
 * @context: tokens per session (1 to 2⁴⁰)
 * @sessions: concurrent sessions (1 to 10⁶)
 * @target_hr: tell when the plan's cost ($/hr, the whole instance) is at or under this;
 *   RW_UNKNOWN for none
 * @drop_percent: as rw_watch_item_new_gpu ()
 *
 * Returns: (transfer full) (nullable): the entry, NULL when an argument is out of range
 */
RwWatchItem *
rw_watch_item_new_plan (const char *model,
                        guint64     context,
                        guint       sessions,
                        double      target_hr,
                        double      drop_percent)
{
  RwWatchItem *self;

  g_return_val_if_fail (valid_id (model), NULL);
  g_return_val_if_fail (context >= 1 && context <= MAX_CONTEXT, NULL);
  g_return_val_if_fail (sessions >= 1 && sessions <= MAX_SESSIONS, NULL);
  g_return_val_if_fail (valid_price (target_hr), NULL);
  g_return_val_if_fail (valid_drop (drop_percent), NULL);

  self = g_object_new (RW_TYPE_WATCH_ITEM, NULL);
  self->kind = RW_WATCH_PLAN;
  self->model = g_strdup (model);
  self->context = context;
  self->sessions = sessions;
  self->key = rw_watch_item_make_key (RW_WATCH_PLAN, model, context, sessions);
  self->target_hr = target_hr;
  self->drop_percent = drop_percent;
  return self;
}

/* "gpu:ID" or "plan:MODEL:CONTEXT:SESSIONS" (rw_watch_item_make_key ()) */
const char *
rw_watch_item_get_key (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), NULL);
  return self->key;
}

/* A GPU or a plan */
RwWatchKind
rw_watch_item_get_kind (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), RW_WATCH_GPU);
  return self->kind;
}

/* The GPU id of a GPU entry; NULL for a plan */
const char *
rw_watch_item_get_gpu (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), NULL);
  return self->gpu;
}

/* The model id of a plan; NULL for a GPU */
const char *
rw_watch_item_get_model (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), NULL);
  return self->model;
}

/* A plan's tokens per session; 0 for a GPU */
guint64
rw_watch_item_get_context (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), 0);
  return self->context;
}

/* A plan's concurrent sessions; 0 for a GPU */
guint
rw_watch_item_get_sessions (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), 0);
  return self->sessions;
}

/* The target, $/hr per GPU (a plan: $/hr for its whole instance); RW_UNKNOWN for none */
double
rw_watch_item_get_target_hr (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), RW_UNKNOWN);
  return self->target_hr;
}

/* The drop worth telling, percent of the price before a refresh; 0 for none */
double
rw_watch_item_get_drop_percent (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), 0);
  return self->drop_percent;
}

/* The price ($/hr) of the last notification about this entry; RW_UNKNOWN for none */
double
rw_watch_item_get_notified_hr (RwWatchItem *self)
{
  g_return_val_if_fail (RW_IS_WATCH_ITEM (self), RW_UNKNOWN);
  return self->notified_hr;
}


/* The list */

struct _RwWatchlist
{
  GObject    parent_instance;

  char      *path;
  char      *problem;
  GPtrArray *items;  /* RwWatchItem, in the file's order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RwWatchlist, rw_watchlist, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return RW_TYPE_WATCH_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return RW_WATCHLIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RwWatchlist *self = RW_WATCHLIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
rw_watchlist_finalize (GObject *object)
{
  RwWatchlist *self = (RwWatchlist *) object;

  g_free (self->path);
  g_free (self->problem);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (rw_watchlist_parent_class)->finalize (object);
}

static void
rw_watchlist_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RwWatchlist *self = RW_WATCHLIST (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_watchlist_class_init (RwWatchlistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rw_watchlist_finalize;
  object_class->get_property = rw_watchlist_get_property;

  /* What went wrong with the file, for a person; NULL when nothing did */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rw_watchlist_init (RwWatchlist *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* $XDG_DATA_HOME/rentwise/watchlist.ini */
char *
rw_watchlist_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rentwise", "watchlist.ini", NULL);
}

/**
 * rw_watchlist_new:
 * @path: (nullable): the list's file; NULL for rw_watchlist_default_path ()
 *
 * Returns: (transfer full): an empty list; rw_watchlist_load () reads the file
 */
RwWatchlist *
rw_watchlist_new (const char *path)
{
  RwWatchlist *self = g_object_new (RW_TYPE_WATCHLIST, NULL);

  self->path = path ? g_strdup (path) : rw_watchlist_default_path ();
  return self;
}

/* The list's file */
const char *
rw_watchlist_get_path (RwWatchlist *self)
{
  g_return_val_if_fail (RW_IS_WATCHLIST (self), NULL);
  return self->path;
}

/* What went wrong with the file at the last load or change (set aside, unreadable, and for
 * a load that found unreadable entries whether the others could be written back); NULL when
 * nothing did. A change that fails to write reports it through its GError. */
const char *
rw_watchlist_get_problem (RwWatchlist *self)
{
  g_return_val_if_fail (RW_IS_WATCHLIST (self), NULL);
  return self->problem;
}

static void
set_problem (RwWatchlist *self,
             char        *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    {
      g_free (problem);
      return;
    }
  g_free (self->problem);
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/**
 * rw_watchlist_lookup:
 *
 * Returns: (transfer none) (nullable): the entry with @key (rw_watch_item_make_key ())
 */
RwWatchItem *
rw_watchlist_lookup (RwWatchlist *self,
                     const char  *key)
{
  g_return_val_if_fail (RW_IS_WATCHLIST (self), NULL);

  for (guint i = 0; key != NULL && i < self->items->len; i++)
    {
      RwWatchItem *item = g_ptr_array_index (self->items, i);
      if (g_str_equal (item->key, key))
        return item;
    }
  return NULL;
}

static int
find (GPtrArray  *items,
      const char *key)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((RwWatchItem *) g_ptr_array_index (items, i))->key, key))
      return (int) i;
  return -1;
}

/* g_key_file_get_string () of GLib 2.74 sets an inner GError twice (a warning, fatal under
 * G_DEBUG) for a value with a bad escape followed by one at the end of the line, such as
 * "\\q\\" (found by fuzz-cache-meta for the cache's metadata, and again here by
 * tests/fuzz/regressions/watchlist/): only values whose escapes are all valid reach it. */
static char *
get_string (GKeyFile   *file,
            const char *group,
            const char *key)
{
  g_autofree char *raw = g_key_file_get_value (file, group, key, NULL);

  if (raw == NULL)
    return NULL;
  for (const char *p = strchr (raw, '\\'); p != NULL; p = strchr (p + 2, '\\'))
    if (p[1] == '\0' || strchr ("sntr\\", p[1]) == NULL)
      return NULL;
  return g_key_file_get_string (file, group, key, NULL);
}

/* A plain decimal number (what g_ascii_dtostr () writes): no hex, inf, nan or spaces */
static gboolean
parse_decimal (const char *text,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || text[0] == '\0' || strspn (text, "0123456789.eE+-") != strlen (text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
read_price (GKeyFile   *file,
            const char *group,
            const char *key,
            double      none,
            gboolean  (*valid) (double),
            double     *out)
{
  g_autofree char *raw = g_key_file_get_value (file, group, key, NULL);
  double value;

  if (raw == NULL)
    {
      *out = none;
      return TRUE;
    }
  if (!parse_decimal (raw, &value) || value < 0 || !valid (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static RwWatchItem *
read_item (GKeyFile   *file,
           const char *group)
{
  g_autofree char *kind = get_string (file, group, "kind");
  g_autoptr(RwWatchItem) item = NULL;
  double target, drop, notified;

  if (!read_price (file, group, "target_hr", RW_UNKNOWN, valid_price, &target) ||
      !read_price (file, group, "drop_percent", 0, valid_drop, &drop) ||
      !read_price (file, group, "notified_hr", RW_UNKNOWN, valid_price, &notified))
    return NULL;

  if (g_strcmp0 (kind, "gpu") == 0)
    {
      g_autofree char *gpu = get_string (file, group, "gpu");

      if (!valid_id (gpu))
        return NULL;
      item = rw_watch_item_new_gpu (gpu, target, drop);
    }
  else if (g_strcmp0 (kind, "plan") == 0)
    {
      g_autofree char *model = get_string (file, group, "model");
      g_autofree char *context_text = g_key_file_get_value (file, group, "context", NULL);
      g_autofree char *sessions_text = g_key_file_get_value (file, group, "sessions", NULL);
      guint64 context, sessions;

      if (!valid_id (model) || context_text == NULL || sessions_text == NULL ||
          !g_ascii_string_to_unsigned (context_text, 10, 1, MAX_CONTEXT, &context, NULL) ||
          !g_ascii_string_to_unsigned (sessions_text, 10, 1, MAX_SESSIONS, &sessions, NULL))
        return NULL;
      item = rw_watch_item_new_plan (model, context, (guint) sessions, target, drop);
    }
  if (item == NULL)
    return NULL;
  item->notified_hr = notified;
  return g_steal_pointer (&item);
}

typedef enum {
  READ_OK,       /* read whole (or missing) */
  READ_DAMAGED,  /* ours, but some entries could not be read: the others are in @items */
  READ_FOREIGN,  /* not a watchlist at all */
  READ_FAILED,   /* could not be read (error set) */
} ReadResult;

/* Reads @data (untrusted) into @items: @why says why it is not a watchlist (READ_FOREIGN);
 * @n_bad of its @n_entries entries could not be read (READ_DAMAGED) */
static ReadResult
parse_data (const char  *contents,
            gsize        len,
            GPtrArray   *items,
            char       **why,
            guint       *n_bad,
            guint       *n_entries)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  guint bad = 0, entries = 0;

  *n_bad = *n_entries = 0;

  if (len == 0)
    return READ_OK;
  if (len > RW_WATCHLIST_MAX_SIZE)
    {
      *why = g_strdup (_("larger than 1 MiB"));
      return READ_FOREIGN;
    }
  if (!g_utf8_validate (contents, len, NULL) ||
      !g_key_file_load_from_data (file, contents, len, G_KEY_FILE_NONE, &local_error))
    {
      *why = g_strdup_printf (_("not a watchlist: %s"),
                              local_error ? local_error->message : _("not UTF-8"));
      return READ_FOREIGN;
    }
  {
    g_autofree char *version = g_key_file_get_value (file, RW_WATCHLIST_GROUP, "version", NULL);

    if (version == NULL || !g_str_equal (version, G_STRINGIFY (RW_WATCHLIST_VERSION)))
      {
        *why = g_strdup (_("not a Rentwise watchlist, or one of another version"));
        return READ_FOREIGN;
      }
  }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      RwWatchItem *item;

      if (!g_str_has_prefix (groups[i], "watch "))
        continue;  /* a group of a later version: ignored */
      entries++;
      if (items->len >= RW_WATCHLIST_MAX_ITEMS)
        {
          bad++;
          continue;
        }
      item = read_item (file, groups[i]);
      if (item == NULL)
        bad++;
      else if (find (items, item->key) >= 0)
        g_object_unref (item);  /* the same entry twice: once */
      else
        g_ptr_array_add (items, item);
    }
  *n_bad = bad;
  *n_entries = entries;
  return bad > 0 ? READ_DAMAGED : READ_OK;
}

/* Reads the file at @path, as parse_data (). A folder, a FIFO, a device (a link to
 * /dev/zero) or a file over 1 MiB is not a watchlist, and is never opened or read past its
 * limit (rw_file_read_capped (); newcomer report 5, defect 2: start-up blocked or ate
 * gigabytes). */
static ReadResult
read_file (const char  *path,
           GPtrArray   *items,
           char       **why,
           guint       *n_bad,
           guint       *n_entries,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  *n_bad = *n_entries = 0;
  if (!rw_file_read_capped (path, RW_WATCHLIST_MAX_SIZE, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return READ_OK;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        *why = g_strdup (_("it is a folder"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        *why = g_strdup (_("not a regular file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        *why = g_strdup (_("larger than 1 MiB"));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return READ_FAILED;
        }
      return READ_FOREIGN;
    }
  return parse_data (contents, len, items, why, n_bad, n_entries);
}

/* Renames the file to PATH.unreadable-TIME (another name when that one is taken) */
static char *
keep_aside (const char *path)
{
  return rw_file_set_aside (path);
}

/* A file that is not a watchlist at all, for @why, set aside as @aside (NULL: it could not
 * be renamed) */
static char *
foreign_problem (const char *why,
                 const char *aside)
{
  if (aside != NULL)
    /* TRANSLATORS: the reason, then the file's new name */
    return g_strdup_printf (_("The watchlist could not be read (%s); it was kept as %s"), why,
                            aside);
  return g_strdup_printf (_("The watchlist could not be read (%s)"), why);
}

/* A watchlist with @n_bad of its @n_entries entries unreadable, set aside as @aside (NULL: it
 * could not be renamed, and is left as it is), the others written back to the list's file
 * unless @write_error says why not (newcomer report 5, defect 1) */
static char *
damaged_problem (guint         n_bad,
                 guint         n_entries,
                 const char   *aside,
                 const GError *write_error)
{
  GString *text = g_string_new (NULL);
  guint n_kept = n_entries - MIN (n_bad, n_entries);

  /* TRANSLATORS: how many entries could not be read, of how many; plural by the second */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u watchlist entry could not be read.",
                                             "%u of %u watchlist entries could not be read.",
                                             n_entries), n_bad, n_entries);
  g_string_append_c (text, ' ');
  if (aside == NULL)
    {
      g_string_append (text, _("The file could not be set aside, so it was left as it is."));
      return g_string_free (text, FALSE);
    }
  if (n_kept > 0 && write_error == NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "The other %u is kept.",
                                               "The other %u are kept.", n_kept), n_kept);
  else if (n_kept > 0)
    /* TRANSLATORS: how many entries, then why they could not be written to the file */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "The other %u is shown but could not be saved "
                                               "(%s).",
                                               "The other %u are shown but could not be saved "
                                               "(%s).", n_kept), n_kept, write_error->message);
  if (n_kept > 0)
    g_string_append_c (text, ' ');
  /* TRANSLATORS: the file's new name; it holds every entry, the unreadable ones too */
  g_string_append_printf (text, _("The file was kept as %s"), aside);
  return g_string_free (text, FALSE);
}

static void
replace_items (RwWatchlist *self,
               GPtrArray   *items)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);
  if (removed > 0 || items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);
}

/**
 * rw_watchlist_load_from_data:
 * @data: (array length=len): a watchlist file, untrusted
 *
 * Replaces the list with @data's entries (one items-changed), without touching any file:
 * for tests and fuzzing. Entries that cannot be read are skipped.
 *
 * Returns: FALSE when @data is not a watchlist (the list is then empty)
 */
gboolean
rw_watchlist_load_from_data (RwWatchlist *self,
                             const char  *data,
                             gsize        len)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *why = NULL;
  guint n_bad, n_entries;
  ReadResult result;

  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);

  result = parse_data (data, len, items, &why, &n_bad, &n_entries);
  replace_items (self, items);
  return result != READ_FOREIGN;
}

static gboolean write_file (const char  *path,
                            GPtrArray   *items,
                            GError     **error);

/* A file some of whose entries could not be read, at load: under the lock, as a change, the
 * file as it is now is read again (another process may have mended it), set aside with every
 * entry in it, and the entries that could be read are written back at once, so that they
 * are still watched at the next start (newcomer report 5, defect 1: they were kept in memory
 * only, and a restart without a change found the list empty). A lock or write that fails is
 * said in the problem; the file set aside has every entry, so nothing is lost. */
static gboolean
load_damaged (RwWatchlist  *self,
              GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) write_error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *aside = NULL;
  guint n_bad, n_entries;
  gboolean replace = TRUE;
  int fd = rw_file_lock (self->path, RW_WATCHLIST_LOCK_TIMEOUT_MS, &write_error);

  switch (read_file (self->path, items, &why, &n_bad, &n_entries, error))
    {
    case READ_OK:
      set_problem (self, NULL);
      break;
    case READ_DAMAGED:
      aside = keep_aside (self->path);
      if (aside != NULL && write_error == NULL)
        write_file (self->path, items, &write_error);
      set_problem (self, damaged_problem (n_bad, n_entries, aside, write_error));
      break;
    case READ_FOREIGN:
      aside = keep_aside (self->path);
      set_problem (self, foreign_problem (why, aside));
      replace = FALSE;
      break;
    case READ_FAILED:
    default:
      if (fd >= 0)
        rw_file_unlock (fd);
      return FALSE;
    }
  if (fd >= 0)
    rw_file_unlock (fd);
  if (replace)
    replace_items (self, items);
  return TRUE;
}

/**
 * rw_watchlist_load:
 *
 * Reads the file into the list (one items-changed). A missing file is an empty list. A
 * file that is not a watchlist (not a key file, another version; a folder, a FIFO, a device
 * or a file over 1 MiB, which are never read) is renamed aside (see the top of
 * rw-watchlist.c) and the list keeps what it held. A file with entries that cannot be read
 * is renamed aside, under the lock, and the entries that could be read are written back to
 * the file at once and are the list. Either way rw_watchlist_get_problem () says so (for
 * damaged entries, how many of how many, and whether the others could be written back) and
 * nothing is deleted.
 *
 * Returns: FALSE (with @error) when the file exists but cannot be read
 */
gboolean
rw_watchlist_load (RwWatchlist  *self,
                   GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *why = NULL;
  guint n_bad, n_entries;

  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);

  switch (read_file (self->path, items, &why, &n_bad, &n_entries, error))
    {
    case READ_OK:
      set_problem (self, NULL);
      replace_items (self, items);
      return TRUE;
    case READ_DAMAGED:
      return load_damaged (self, error);
    case READ_FOREIGN:
      {
        g_autofree char *aside = keep_aside (self->path);

        set_problem (self, foreign_problem (why, aside));
        return TRUE;
      }
    case READ_FAILED:
    default:
      return FALSE;
    }
}

static void
set_price (GKeyFile   *file,
           const char *group,
           const char *key,
           double      value,
           gboolean    known)
{
  if (known)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_key_file_set_value (file, group, key, g_ascii_dtostr (buf, sizeof buf, value));
    }
}

static gboolean
write_file (const char  *path,
            GPtrArray   *items,
            GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize len;

  g_key_file_set_integer (file, RW_WATCHLIST_GROUP, "version", RW_WATCHLIST_VERSION);
  for (guint i = 0; i < items->len; i++)
    {
      RwWatchItem *item = g_ptr_array_index (items, i);
      g_autofree char *group = g_strdup_printf ("watch %u", i);

      if (item->kind == RW_WATCH_GPU)
        {
          g_key_file_set_string (file, group, "kind", "gpu");
          g_key_file_set_string (file, group, "gpu", item->gpu);
        }
      else
        {
          g_autofree char *context = g_strdup_printf ("%" G_GUINT64_FORMAT, item->context);

          g_key_file_set_string (file, group, "kind", "plan");
          g_key_file_set_string (file, group, "model", item->model);
          g_key_file_set_value (file, group, "context", context);
          g_key_file_set_integer (file, group, "sessions", (int) item->sessions);
        }
      set_price (file, group, "target_hr", item->target_hr, item->target_hr >= 0);
      set_price (file, group, "drop_percent", item->drop_percent, item->drop_percent > 0);
      set_price (file, group, "notified_hr", item->notified_hr, item->notified_hr >= 0);
    }
  data = g_key_file_to_data (file, &len, NULL);
  return g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

typedef void (*UpdateFunc) (GPtrArray *items,
                            gpointer   data);

/* Under the lock: the file as it is now, @update applied, written back atomically; then
 * the list shows the result */
static gboolean
update (RwWatchlist  *self,
        UpdateFunc    func,
        gpointer      data,
        GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *why = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) write_error = NULL;
  guint n_bad, n_entries;
  ReadResult result;
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot create %s: %s",
                   dir, g_strerror (saved));
      return FALSE;
    }
  fd = rw_file_lock (self->path, RW_WATCHLIST_LOCK_TIMEOUT_MS, error);
  if (fd < 0)
    return FALSE;

  result = read_file (self->path, items, &why, &n_bad, &n_entries, error);
  if (result == READ_DAMAGED || result == READ_FOREIGN)
    {
      /* written over only once it is safe aside: else nothing is changed */
      aside = keep_aside (self->path);
      if (aside == NULL)
        {
          set_problem (self, result == READ_FOREIGN ? foreign_problem (why, NULL)
                                                    : damaged_problem (n_bad, n_entries, NULL,
                                                                       NULL));
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Cannot set the unreadable %s aside", self->path);
          rw_file_unlock (fd);
          return FALSE;
        }
    }
  switch (result)
    {
    case READ_OK:
      break;
    case READ_DAMAGED:
      /* what could be read, and what this list held that the damage took */
      for (guint i = 0; i < self->items->len; i++)
        {
          RwWatchItem *item = g_ptr_array_index (self->items, i);
          if (find (items, item->key) < 0)
            g_ptr_array_add (items, g_object_ref (item));
        }
      break;
    case READ_FOREIGN:
      set_problem (self, foreign_problem (why, aside));
      for (guint i = 0; i < self->items->len; i++)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));
      break;
    case READ_FAILED:
    default:
      rw_file_unlock (fd);
      return FALSE;
    }

  func (items, data);
  ok = write_file (self->path, items, &write_error);
  if (result == READ_DAMAGED)
    set_problem (self, damaged_problem (n_bad, n_entries, aside, write_error));
  rw_file_unlock (fd);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&write_error));
  if (ok)
    replace_items (self, items);
  return ok;
}

static void
do_add (GPtrArray *items,
        gpointer   data)
{
  RwWatchItem *item = data;
  int at = find (items, item->key);

  if (at >= 0)
    {
      RwWatchItem *old = g_ptr_array_index (items, at);

      /* a new target or threshold: what was notified no longer stands */
      g_ptr_array_index (items, at) = item_copy (item, RW_UNKNOWN);
      g_object_unref (old);
    }
  else
    g_ptr_array_add (items, item_copy (item, RW_UNKNOWN));
}

/**
 * rw_watchlist_add:
 * @item: an entry from rw_watch_item_new_gpu () or rw_watch_item_new_plan ()
 *
 * Watches @item, or replaces the entry with the same key (a new target or threshold; what
 * was notified about it is forgotten). Made on the file under its lock (see the top of
 * rw-watchlist.c), then the list shows the file.
 *
 * Returns: FALSE (with @error) when the file could not be locked, read or written; the
 *   list is then unchanged
 */
gboolean
rw_watchlist_add (RwWatchlist  *self,
                  RwWatchItem  *item,
                  GError      **error)
{
  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (RW_IS_WATCH_ITEM (item), FALSE);

  return update (self, do_add, item, error);
}

static void
do_remove (GPtrArray *items,
           gpointer   data)
{
  int at = find (items, data);

  if (at >= 0)
    g_ptr_array_remove_index (items, (guint) at);
}

/**
 * rw_watchlist_remove:
 * @key: the entry's key; a key not in the list is no error
 *
 * Stops watching the entry, as rw_watchlist_add () changes the file.
 *
 * Returns: FALSE (with @error) when the file could not be locked, read or written
 */
gboolean
rw_watchlist_remove (RwWatchlist  *self,
                     const char   *key,
                     GError      **error)
{
  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return update (self, do_remove, (gpointer) key, error);
}

typedef struct {
  RwWatchItem *item;
  guint        position;
} RestoreData;

static void
do_restore (GPtrArray *items,
            gpointer   data)
{
  RestoreData *restore = data;
  int at = find (items, restore->item->key);

  if (at >= 0)
    g_ptr_array_remove_index (items, (guint) at);
  g_ptr_array_insert (items, (int) MIN (restore->position, items->len),
                      item_copy (restore->item, restore->item->notified_hr));
}

/**
 * rw_watchlist_restore:
 * @item: an entry the list had, e.g. kept before rw_watchlist_remove ()
 * @position: where it was (0 first); past the end puts it last
 *
 * Puts @item back exactly as it was, at @position: the same target, threshold, plan fields
 * and the price last notified about (unlike rw_watchlist_add (), which forgets that and
 * appends). An entry with the same key is replaced. This is "Undo" after "Stop watching"
 * (newcomer report 3, defect 11). The file is changed as rw_watchlist_add () changes it.
 *
 * Returns: FALSE (with @error) when the file could not be locked, read or written; the
 *   list is then unchanged
 */
gboolean
rw_watchlist_restore (RwWatchlist  *self,
                      RwWatchItem  *item,
                      guint         position,
                      GError      **error)
{
  RestoreData restore = { item, position };

  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (RW_IS_WATCH_ITEM (item), FALSE);

  return update (self, do_restore, &restore, error);
}

typedef struct {
  const char * const *keys;
  const double       *notified_hr;
  guint               n_keys;
} NotifiedData;

static void
do_set_notified (GPtrArray *items,
                 gpointer   data)
{
  NotifiedData *notified = data;

  for (guint k = 0; k < notified->n_keys; k++)
    {
      int at = find (items, notified->keys[k]);
      RwWatchItem *old;

      if (at < 0)
        continue;  /* no longer watched */
      old = g_ptr_array_index (items, at);
      g_ptr_array_index (items, at) = item_copy (old, notified->notified_hr[k]);
      g_object_unref (old);
    }
}

/**
 * rw_watchlist_set_notified:
 * @keys: (array length=n_keys): entries' keys
 * @notified_hr: (array length=n_keys): for each, the price just notified ($/hr), or
 *   RW_UNKNOWN when its notification was withdrawn (RwAlert's notified_hr)
 *
 * Records what was notified, so the same price is not notified again (rw-alerts.h), in
 * one change of the file. Keys no longer in the list are skipped.
 *
 * Returns: FALSE (with @error) when the file could not be locked, read or written
 */
gboolean
rw_watchlist_set_notified (RwWatchlist         *self,
                           const char * const  *keys,
                           const double        *notified_hr,
                           guint                n_keys,
                           GError             **error)
{
  NotifiedData data = { keys, notified_hr, n_keys };

  g_return_val_if_fail (RW_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (n_keys == 0 || (keys != NULL && notified_hr != NULL), FALSE);

  for (guint k = 0; k < n_keys; k++)
    g_return_val_if_fail (keys[k] != NULL && valid_price (notified_hr[k]), FALSE);
  return update (self, do_set_notified, &data, error);
}

/**
 * rw_watchlist_write_json:
 *
 * Writes the list as a JSON array, in its order: objects with `key`, `kind` (gpu|plan),
 * `gpu`, `model`, `context` and `sessions` (null where they do not apply), `target_hr`
 * ($/hr: per GPU for a GPU, the whole instance for a plan), `drop_percent` and
 * `notified_hr` (null for none); numbers unrounded.
 */
void
rw_watchlist_write_json (RwWatchlist  *self,
                         RwJsonWriter *w)
{
  g_return_if_fail (RW_IS_WATCHLIST (self));
  g_return_if_fail (w != NULL);

  rw_json_writer_begin_array (w);
  for (guint i = 0; i < self->items->len; i++)
    {
      RwWatchItem *item = g_ptr_array_index (self->items, i);
      gboolean plan = item->kind == RW_WATCH_PLAN;

      rw_json_writer_begin_object (w);
      rw_json_writer_member_string (w, "key", item->key);
      rw_json_writer_member_string (w, "kind", plan ? "plan" : "gpu");
      rw_json_writer_member_string (w, "gpu", item->gpu);
      rw_json_writer_member_string (w, "model", item->model);
      rw_json_writer_key (w, "context");
      if (plan)
        rw_json_writer_int (w, (gint64) item->context);
      else
        rw_json_writer_null (w);
      rw_json_writer_key (w, "sessions");
      if (plan)
        rw_json_writer_int (w, item->sessions);
      else
        rw_json_writer_null (w);
      rw_json_writer_member_known (w, "target_hr", item->target_hr);
      rw_json_writer_member_known (w, "drop_percent",
                                   item->drop_percent > 0 ? item->drop_percent : RW_UNKNOWN);
      rw_json_writer_member_known (w, "notified_hr", item->notified_hr);
      rw_json_writer_end_object (w);
    }
  rw_json_writer_end_array (w);
}
