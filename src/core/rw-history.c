/* rw-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per GPU per day, appended:  DATE \t GPU \t MEDIAN \t MIN \t MAX \t PROVIDERS
 * The latest line for a (GPU, day) wins. A torn last line (a crash mid-append) is ignored;
 * a file that is not ours is kept aside, never deleted. Compaction rewrites one line per
 * point, atomically, and drops points older than the retention.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rw-file-read.h"
#include "rw-history.h"
#include "rw-records-private.h"
#include "rw-json-writer.h"
#include "rw-stats.h"

#define MAX_FILE_SIZE (64 * 1024 * 1024)

struct _RwHistoryStore
{
  GObject     parent_instance;

  char       *path;
  char       *problem;
  GHashTable *by_gpu;    /* gpu id → GArray of RwHistoryPointData sorted by date */
  guint       n_points;
  guint       n_lines;
  GThreadPool *writer;   /* one thread, in order: the file writes, when in the background */
};

G_DEFINE_FINAL_TYPE (RwHistoryStore, rw_history_store, G_TYPE_OBJECT)

static void
rw_history_store_finalize (GObject *object)
{
  RwHistoryStore *self = (RwHistoryStore *) object;

  /* what is queued still reaches the file */
  if (self->writer != NULL)
    g_thread_pool_free (self->writer, FALSE, TRUE);
  g_free (self->path);
  g_free (self->problem);
  g_hash_table_unref (self->by_gpu);

  G_OBJECT_CLASS (rw_history_store_parent_class)->finalize (object);
}

static void
rw_history_store_class_init (RwHistoryStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_history_store_finalize;
}

static void
rw_history_store_init (RwHistoryStore *self)
{
  self->by_gpu =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
}

char *
rw_history_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rentwise", "history.tsv", NULL);
}

/**
 * rw_history_store_new:
 * @path: (nullable): the store's file; NULL for $XDG_DATA_HOME/rentwise/history.tsv
 */
RwHistoryStore *
rw_history_store_new (const char *path)
{
  RwHistoryStore *self = g_object_new (RW_TYPE_HISTORY_STORE, NULL);

  self->path = path ? g_strdup (path) : rw_history_store_default_path ();
  return self;
}

const char *
rw_history_store_get_path (RwHistoryStore *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), NULL);
  return self->path;
}

const char *
rw_history_store_get_problem (RwHistoryStore *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), NULL);
  return self->problem;
}

guint
rw_history_store_get_n_points (RwHistoryStore *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), 0);
  return self->n_points;
}

guint
rw_history_store_get_n_lines (RwHistoryStore *self)
{
  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), 0);
  return self->n_lines;
}

/* Dates (docs/PRICES.md, "Dates"): every day in Rentwise — a history point's day, the day
 * an offer was observed — is a UTC calendar day. Machine formats write it as YYYY-MM-DD
 * (the CSV column says so: date_utc); wherever a person reads one, it says "UTC". */

/* @date (unix time of a UTC midnight) as YYYY-MM-DD, for CSV and JSON */
char *
rw_history_format_date (gint64 date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (date);
  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

/**
 * rw_history_format_day:
 * @date: unix time of a UTC midnight
 *
 * Returns: (transfer full): the day for a person to read, labelled UTC ("24 May 2026 UTC")
 */
char *
rw_history_format_day (gint64 date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (date);
  g_autofree char *day = dt ? g_date_time_format (dt, "%-d %b %Y") : NULL;

  if (day == NULL)
    return g_strdup ("");
  g_strstrip (day);
  /* TRANSLATORS: a calendar day in UTC, e.g. "24 May 2026 UTC" */
  return g_strdup_printf (_("%s UTC"), day);
}

/**
 * rw_history_format_iso_day:
 * @iso_date: (nullable): a YYYY-MM-DD day (an offer's observed_at)
 *
 * Returns: (transfer full) (nullable): as rw_history_format_day (), NULL when @iso_date is
 *   not a day
 */
char *
rw_history_format_iso_day (const char *iso_date)
{
  gint64 date;

  if (iso_date == NULL || !rw_history_parse_date (iso_date, &date))
    return NULL;
  return rw_history_format_day (date);
}

gboolean
rw_history_parse_date (const char *text,
                       gint64     *date)
{
  g_autoptr(GDateTime) dt = NULL;
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  dt = g_date_time_new_utc ((int) y, (int) m, (int) d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *date = g_date_time_to_unix (dt);
  return TRUE;
}

static int
compare_date (gconstpointer a,
              gconstpointer b)
{
  const RwHistoryPointData *pa = a;
  const RwHistoryPointData *pb = b;

  return (pa->date > pb->date) - (pa->date < pb->date);
}

/* In memory: the latest point for a (GPU, day) replaces an earlier one */
static void
put (RwHistoryStore           *self,
     const char               *gpu,
     const RwHistoryPointData *point)
{
  GArray *points = g_hash_table_lookup (self->by_gpu, gpu);
  guint lo = 0, hi;

  if (points == NULL)
    {
      points = g_array_new (FALSE, FALSE, sizeof (RwHistoryPointData));
      g_hash_table_insert (self->by_gpu, g_strdup (gpu), points);
    }
  hi = points->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (points, RwHistoryPointData, mid).date < point->date)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < points->len && g_array_index (points, RwHistoryPointData, lo).date == point->date)
    g_array_index (points, RwHistoryPointData, lo) = *point;
  else
    {
      g_array_insert_val (points, lo, *point);
      self->n_points++;
    }
}

static gboolean
parse_number (const char *text,
              gboolean    optional,
              double     *out)
{
  char *end = NULL;
  double value;

  if (optional && (text[0] == '\0' || g_str_equal (text, "-")))
    {
      *out = -1;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0 || value > 1e6)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_line (const char         *line,
            char              **gpu,
            RwHistoryPointData *point)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 7);
  double providers;

  if (g_strv_length (fields) != 6)
    return FALSE;
  if (!rw_history_parse_date (fields[0], &point->date))
    return FALSE;
  if (fields[1][0] == '\0' || strlen (fields[1]) > 128 || !g_utf8_validate (fields[1], -1, NULL))
    return FALSE;
  if (!parse_number (fields[2], FALSE, &point->median_hr) ||
      !parse_number (fields[3], TRUE, &point->min_hr) ||
      !parse_number (fields[4], TRUE, &point->max_hr) ||
      !parse_number (fields[5], TRUE, &providers))
    return FALSE;
  point->providers = providers < 0 ? -1 : (int) providers;
  point->local = TRUE;
  *gpu = g_strdup (fields[1]);
  return TRUE;
}

/* Sets the file aside (history.tsv.unreadable-TIME) so the user keeps it */
static void
keep_aside (RwHistoryStore *self,
            const char     *why)
{
  /* never over an earlier one set aside in the same second */
  g_autofree char *aside = rw_file_set_aside (self->path);

  g_free (self->problem);
  if (aside != NULL)
    self->problem = g_strdup_printf ("The price history could not be read (%s); it was kept as %s",
                                     why, aside);
  else
    self->problem = g_strdup_printf ("The price history could not be read (%s)", why);
}

/**
 * rw_history_store_load:
 *
 * Reads the store. A missing file is an empty history. Bad lines are skipped; a torn last
 * line is ignored; a file that is not a Rentwise history (or a folder, a FIFO, a device, or
 * a file over 64 MiB, none of which is read: rw_file_read_capped ()) is kept aside and the
 * store starts empty (rw_history_store_get_problem () says so). Fails only on errors worth
 * telling.
 */
gboolean
rw_history_store_load (RwHistoryStore  *self,
                       GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), FALSE);

  g_hash_table_remove_all (self->by_gpu);
  self->n_points = self->n_lines = 0;
  g_clear_pointer (&self->problem, g_free);

  /* a folder, a FIFO or a device (a link to /dev/zero) is never opened or read without
   * bound (newcomer report 5, defect 2) */
  if (!rw_file_read_capped (self->path, MAX_FILE_SIZE, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        keep_aside (self, "it is a folder");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        keep_aside (self, "not a regular file");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        keep_aside (self, "larger than 64 MiB");
      else
        {
          g_free (self->problem);
          self->problem = g_strdup_printf ("The price history could not be read: %s",
                                           local_error->message);
        }
      return TRUE;
    }
  if (!rw_history_store_load_from_data (self, contents, len))
    keep_aside (self, "not a Rentwise history file");
  return TRUE;
}

/**
 * rw_history_store_load_from_data:
 * @data: (array length=len): the store's file, untrusted
 *
 * Replaces what the store holds with @data's points. Bad lines are skipped, a torn last
 * line is ignored, NUL bytes end the text.
 *
 * Returns: FALSE when @data is not a Rentwise history (the store is then empty)
 */
gboolean
rw_history_store_load_from_data (RwHistoryStore *self,
                                 const char     *data,
                                 gsize           len)
{
  g_autofree char *contents = g_strndup (data, len);
  char *line, *next;

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), FALSE);

  g_hash_table_remove_all (self->by_gpu);
  self->n_points = self->n_lines = 0;
  if (!g_str_has_prefix (contents, RW_HISTORY_HEADER "\n"))
    return len == 0;

  line = contents + strlen (RW_HISTORY_HEADER "\n");
  for (; *line != '\0'; line = next)
    {
      char *newline = strchr (line, '\n');
      g_autofree char *gpu = NULL;
      RwHistoryPointData point = { 0 };

      if (newline == NULL)
        break;  /* a torn last line: never written completely */
      *newline = '\0';
      next = newline + 1;
      self->n_lines++;
      if (line[0] == '#' || line[0] == '\0')
        continue;
      if (parse_line (line, &gpu, &point))
        put (self, gpu, &point);
    }
  return TRUE;
}

static char *
format_line (const char               *gpu,
             const RwHistoryPointData *point)
{
  g_autofree char *date = rw_history_format_date (point->date);
  g_autofree char *median = rw_format_shortest_double (point->median_hr);
  g_autofree char *min =
    point->min_hr >= 0 ? rw_format_shortest_double (point->min_hr) : g_strdup ("-");
  g_autofree char *max =
    point->max_hr >= 0 ? rw_format_shortest_double (point->max_hr) : g_strdup ("-");
  g_autofree char *providers = point->providers >= 0 ? g_strdup_printf ("%d", point->providers)
                                                     : g_strdup ("-");

  return g_strdup_printf ("%s\t%s\t%s\t%s\t%s\t%s\n", date, gpu, median, min, max, providers);
}

static gboolean
ensure_parent (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Whether the file ends in the middle of a line (a torn append) */
static gboolean
ends_torn (const char *path)
{
  FILE *f = g_fopen (path, "rb");
  gboolean torn = FALSE;

  if (f == NULL)
    return FALSE;
  if (fseek (f, -1, SEEK_END) == 0)
    torn = fgetc (f) != '\n';
  fclose (f);
  return torn;
}

/* Appends @text (whole lines), or with @replace writes the file anew, atomically */
static gboolean
write_file (const char  *path,
            const char  *text,
            gboolean     replace,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *data = NULL;
  gboolean fresh;

  if (!ensure_parent (path, error))
    return FALSE;
  if (replace)
    return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);

  fresh = !g_file_test (path, G_FILE_TEST_EXISTS);
  /* never appended to a FIFO (its open () blocks) or a device: only what a load would read */
  if (!fresh && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "Cannot write %s: not a regular file", path);
      return FALSE;
    }
  /* after a torn line, start on a line of our own: the torn one stays ignored */
  data = fresh ? g_strconcat (RW_HISTORY_HEADER "\n", text, NULL)
               : g_strconcat (ends_torn (path) ? "\n" : "", text, NULL);
  file = g_file_new_for_path (path);
  out = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, strlen (data), NULL, NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

typedef struct {
  char     *path;
  char     *text;
  gboolean  replace;
} QueuedWrite;

static void
write_queued (gpointer data,
              gpointer user_data)
{
  QueuedWrite *write = data;
  g_autoptr(GError) error = NULL;

  if (!write_file (write->path, write->text, write->replace, &error))
    g_printerr ("rentwise: could not record the price history: %s\n", error->message);
  g_free (write->path);
  g_free (write->text);
  g_free (write);
}

/* Writes now, or queues the write for the store's writer thread */
static gboolean
write_text (RwHistoryStore  *self,
            const char      *text,
            gboolean         replace,
            GError         **error)
{
  QueuedWrite *write;

  if (self->writer == NULL)
    return write_file (self->path, text, replace, error);
  write = g_new0 (QueuedWrite, 1);
  write->path = g_strdup (self->path);
  write->text = g_strdup (text);
  write->replace = replace;
  return g_thread_pool_push (self->writer, write, error);
}

static gboolean
append_lines (RwHistoryStore  *self,
              const char      *text,
              GError         **error)
{
  return write_text (self, text, FALSE, error);
}

/**
 * rw_history_store_set_background_writes:
 *
 * From now on the store updates itself at once and writes its file in a thread of its own,
 * in order (the app's main thread never waits on the disk); a write that fails is reported
 * on stderr instead of through the caller's GError. Finalizing the store waits for the
 * queued writes.
 */
void
rw_history_store_set_background_writes (RwHistoryStore *self)
{
  g_return_if_fail (RW_IS_HISTORY_STORE (self));

  if (self->writer == NULL)
    self->writer = g_thread_pool_new (write_queued, NULL, 1, FALSE, NULL);
}

/**
 * rw_history_store_add:
 *
 * Appends one point (the latest for its GPU and day wins).
 */
gboolean
rw_history_store_add (RwHistoryStore            *self,
                      const char                *gpu,
                      const RwHistoryPointData  *point,
                      GError                   **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (gpu != NULL && point != NULL, FALSE);

  line = format_line (gpu, point);
  if (!append_lines (self, line, error))
    return FALSE;
  put (self, gpu, point);
  self->n_lines++;
  return TRUE;
}

/**
 * rw_history_store_record:
 * @now: unix time; the point is for its UTC day
 *
 * Records today's median, min, max and provider count (the overview's statistics, all
 * pricing kinds) for every GPU of @catalog that has offers, in one append, then compacts
 * when the file has grown to twice its points.
 *
 * Returns: the number of points recorded
 */
guint
rw_history_store_record (RwHistoryStore  *self,
                         RwCatalog       *catalog,
                         gint64           now,
                         GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (RwHistoryPointData));
  GListModel *gpus;
  gint64 today = now - ((now % 86400) + 86400) % 86400;

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), 0);
  g_return_val_if_fail (RW_IS_CATALOG (catalog), 0);

  gpus = rw_catalog_get_gpus (catalog);
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      /* the figures rw_price_stats_compute () gives with every pricing kind, derived once
       * when the catalog was loaded (a refresh's catalog, in a worker) */
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      RwHistoryPointData point = { today, gpu->median_hr[0], gpu->cheapest_hr[0],
                                   gpu->dearest_hr[0], (int) gpu->n_providers[0], TRUE };
      g_autofree char *line = NULL;

      if (gpu->n_providers[0] == 0)
        continue;
      line = format_line (rw_gpu_get_id (gpu), &point);
      g_string_append (text, line);
      g_ptr_array_add (ids, (gpointer) rw_gpu_get_id (gpu));
      g_array_append_val (points, point);
    }

  if (ids->len == 0)
    return 0;
  if (!append_lines (self, text->str, error))
    return 0;
  for (guint i = 0; i < ids->len; i++)
    put (self, g_ptr_array_index (ids, i), &g_array_index (points, RwHistoryPointData, i));
  self->n_lines += ids->len;

  if (self->n_lines > 2 * self->n_points + 64)
    rw_history_store_compact (self, now, NULL);
  return ids->len;
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * rw_history_store_compact:
 *
 * Rewrites the file with one line per point, sorted, without points older than the
 * retention; written to a temporary file and renamed over the old one.
 */
gboolean
rw_history_store_compact (RwHistoryStore  *self,
                          gint64           now,
                          GError         **error)
{
  g_autoptr(GString) text = g_string_new (RW_HISTORY_HEADER "\n");
  g_autofree gpointer *keys = NULL;
  gint64 oldest = now - (gint64) RW_HISTORY_RETENTION_DAYS * 86400;
  guint n_keys, kept = 0;

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), FALSE);

  keys = g_hash_table_get_keys_as_array (self->by_gpu, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_str);
  for (guint k = 0; k < n_keys; k++)
    {
      GArray *points = g_hash_table_lookup (self->by_gpu, keys[k]);
      guint first_kept = 0;

      while (first_kept < points->len &&
             g_array_index (points, RwHistoryPointData, first_kept).date < oldest)
        first_kept++;
      g_array_remove_range (points, 0, first_kept);
      for (guint i = 0; i < points->len; i++)
        {
          g_autofree char *line =
            format_line (keys[k], &g_array_index (points, RwHistoryPointData, i));
          g_string_append (text, line);
          kept++;
        }
    }

  if (!write_text (self, text->str, TRUE, error))
    return FALSE;
  self->n_points = self->n_lines = kept;
  return TRUE;
}

/**
 * rw_history_store_get_points:
 *
 * Returns: (transfer full) (element-type RwHistoryPointData): the GPU's local points by date
 */
GArray *
rw_history_store_get_points (RwHistoryStore *self,
                             const char     *gpu)
{
  GArray *points;
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (RwHistoryPointData));

  g_return_val_if_fail (RW_IS_HISTORY_STORE (self), copy);

  points = gpu ? g_hash_table_lookup (self->by_gpu, gpu) : NULL;
  if (points != NULL)
    g_array_append_vals (copy, points->data, points->len);
  return copy;
}

/**
 * rw_history_merge:
 * @store: (nullable): the local store
 *
 * The GPU's history for display: the local store's points, and the catalog's points on the
 * days the local store has none. Sorted by date.
 *
 * Returns: (transfer full) (element-type RwHistoryPointData)
 */
GArray *
rw_history_merge (RwCatalog      *catalog,
                  RwHistoryStore *store,
                  const char     *gpu)
{
  GArray *merged = store ? rw_history_store_get_points (store, gpu)
                         : g_array_new (FALSE, FALSE, sizeof (RwHistoryPointData));
  g_autoptr(GHashTable) local_days = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *catalog_points;

  g_return_val_if_fail (RW_IS_CATALOG (catalog), merged);

  for (guint i = 0; i < merged->len; i++)
    g_hash_table_add (local_days, &g_array_index (merged, RwHistoryPointData, i).date);

  catalog_points = rw_catalog_get_history_for_gpu (catalog, gpu);
  {
    guint n_local = merged->len;
    g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (RwHistoryPointData));

    for (guint i = 0; i < catalog_points->len; i++)
      {
        RwHistoryPoint *p = g_ptr_array_index (catalog_points, i);
        RwHistoryPointData point = { 0 };

        if (!rw_history_parse_date (rw_history_point_get_date (p), &point.date))
          continue;
        if (n_local > 0 && g_hash_table_contains (local_days, &point.date))
          continue;
        point.median_hr = rw_history_point_get_median_hr (p);
        point.min_hr = rw_history_point_get_min_hr (p);
        point.max_hr = rw_history_point_get_max_hr (p);
        point.providers = rw_history_point_get_providers (p);
        point.local = FALSE;
        g_array_append_val (extra, point);
      }
    g_hash_table_remove_all (local_days);  /* it points into merged, which grows */
    g_array_append_vals (merged, extra->data, extra->len);
  }
  g_array_sort (merged, compare_date);
  return merged;
}
