/* test-faults.c: a misbehaving server, a broken cache folder and a refresh killed mid-write;
 * in every case the last good data stays and the error says what went wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rw-source.h"
#include "test-common.h"

typedef enum {
  MODE_GOOD,
  MODE_CLOSE_MID_BODY,
  MODE_SHORT_LENGTH,
  MODE_LONG_LENGTH,
  MODE_GZIP_GARBAGE,
  MODE_DRIP,
  MODE_MANY_HEADERS,
  MODE_ALTERNATE,     /* good bodies, a different one each time */
} Mode;

static volatile Mode mode;
static GBytes *csv;
static volatile guint served;


static void
write_str (GOutputStream *out,
           const char    *text)
{
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

/* A hand-written HTTP/1.1 server, each connection in a thread of its own: it can say what
 * a correct one never would */
static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  gsize len;
  const char *body = g_bytes_get_data (csv, &len);
  char c;

  /* the request head, byte by byte (small, and this is a test) */
  while (!g_str_has_suffix (request->str, "\r\n\r\n") &&
         g_input_stream_read (in, &c, 1, NULL, NULL) == 1 && request->len < 65536)
    g_string_append_c (request, c);
  served++;

  switch (mode)
    {
    case MODE_GOOD:
    case MODE_ALTERNATE:
      {
        g_autofree char *head = NULL;
        g_autofree char *changed = g_strndup (body, len);
        /* an alternate body: the first price of the file changes every other time */
        if (mode == MODE_ALTERNATE && served % 2 == 0)
          {
            char *price = strstr (changed, ",6.32,");
            if (price)
              memcpy (price, ",7.32,", 6);
          }
        head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nETag: \"e%u\"\r\n"
                                "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                                served, len);
        write_str (out, head);
        g_output_stream_write_all (out, changed, len, NULL, NULL, NULL);
        break;
      }
    case MODE_CLOSE_MID_BODY:
      write_str (out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
      g_output_stream_write_all (out, body, MIN (len, 1000), NULL, NULL, NULL);
      break;
    case MODE_SHORT_LENGTH:
      /* says 50 bytes: the CSV is cut inside its header */
      write_str (out, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\nConnection: close\r\n\r\n");
      g_output_stream_write_all (out, body, len, NULL, NULL, NULL);
      break;
    case MODE_LONG_LENGTH:
      {
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %" G_GSIZE_FORMAT
                                                 "\r\nConnection: close\r\n\r\n", len + 5000);
        write_str (out, head);
        g_output_stream_write_all (out, body, len, NULL, NULL, NULL);
        break;
      }
    case MODE_GZIP_GARBAGE:
      write_str (out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 64\r\nConnection: close\r\n\r\n"
                      "\x1f\x8b\x08\x00garbage garbage garbage garbage garbage garbage garbage garba");
      break;
    case MODE_DRIP:
      {
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %" G_GSIZE_FORMAT
                                                 "\r\n\r\n", len);
        write_str (out, head);
        /* one byte a second, until the client gives up */
        for (guint i = 0; i < 30; i++)
          {
            if (!g_output_stream_write_all (out, body + i, 1, NULL, NULL, NULL) ||
                !g_output_stream_flush (out, NULL, NULL))
              break;
            g_usleep (G_USEC_PER_SEC);
          }
        break;
      }
    case MODE_MANY_HEADERS:
      write_str (out, "HTTP/1.1 200 OK\r\n");
      for (guint i = 0; i < 10000; i++)
        {
          g_autofree char *header = g_strdup_printf ("X-Noise-%u: %u\r\n", i, i);
          write_str (out, header);
        }
      write_str (out, "Content-Length: 10\r\nConnection: close\r\n\r\n0123456789");
      break;
    default:
      break;
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static char *url;
static char *cache_dir;
static GSocketService *service;

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_run), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u/lambda/vms.csv",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static RwFeedStatus *
refresh (RwSource   *source,
         RwCatalog **catalog)
{
  g_test_message ("mode %d", mode);
  return refresh_one (source, url, FALSE, catalog);
}

static guint
lambda_offers (RwCatalog *catalog)
{
  GListModel *offers = rw_catalog_get_offers (catalog);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (offers, i);
      n += g_str_equal (rw_offer_get_provider (offer), "lambda") &&
           g_str_equal (rw_offer_get_gpu (offer), "v100-16gb");
    }
  return n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
read_cache (void)
{
  g_autofree char *dir = g_build_filename (cache_dir, "feeds", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  const char *name;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  while (listing && (name = g_dir_read_name (listing)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      gsize len = 0;

      g_file_get_contents (path, &contents, &len, NULL);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      /* name, size and checksum: enough to tell any change, short enough to print */
      g_string_append_printf (all, "%s:%" G_GSIZE_FORMAT ":%.12s\n",
                              (char *) g_ptr_array_index (names, i), len, sum);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_bad_server (void)
{
  const Mode bad[] = { MODE_CLOSE_MID_BODY, MODE_SHORT_LENGTH, MODE_LONG_LENGTH, MODE_GZIP_GARBAGE,
                       MODE_DRIP, MODE_MANY_HEADERS };
  g_autoptr(RwSource) source = rw_source_new (cache_dir);
  g_autoptr(RwCatalog) good = NULL;
  RwFeedStatus *status;
  guint good_offers;

  rw_source_set_deadline (source, 3);
  mode = MODE_GOOD;
  status = refresh (source, &good);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
  good_offers = lambda_offers (good);
  g_assert_cmpuint (good_offers, >, 0);
  rw_feed_status_free (status);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RwCatalog) after = NULL;
      g_autofree char *before = read_cache ();
      g_autofree char *cache_after = NULL;

      mode = bad[i];
      status = refresh (source, &after);
      cache_after = read_cache ();
      if (mode == MODE_MANY_HEADERS && status->state == RW_FEED_STATE_FAILED)
        g_assert_nonnull (status->error);
      else if (mode != MODE_MANY_HEADERS)
        {
          g_assert_cmpint (status->state, ==, RW_FEED_STATE_FAILED);
          g_assert_nonnull (status->error);
          g_assert_cmpstr (cache_after, ==, before);     /* the cache is untouched */
        }
      /* the last good data stays on show */
      g_assert_cmpuint (lambda_offers (after), ==, good_offers);
      rw_feed_status_free (status);
    }
}

static void
test_cache_folder_faults (void)
{
  g_autoptr(RwSource) source = rw_source_new (cache_dir);
  g_autoptr(RwCatalog) catalog = NULL;
  g_autoptr(RwCatalog) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *file_dir = g_build_filename (cache_dir, "not-a-folder", NULL);
  RwFeedStatus *status;
  const int codes[] = { G_IO_ERROR_NO_SPACE, G_IO_ERROR_READ_ONLY };

  mode = MODE_ALTERNATE;
  status = refresh (source, &catalog);
  g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
  rw_feed_status_free (status);
  g_clear_object (&catalog);

  /* a full or read-only disk: the fresh prices are used, the cache stays as it was */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      before = read_cache ();
      rw_source_set_write_failure (source, codes[i]);
      status = refresh (source, &catalog);
      g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
      g_assert_nonnull (strstr (status->error, "could not write the cache"));
      after = read_cache ();
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (lambda_offers (catalog), >, 0);
      rw_feed_status_free (status);
      g_clear_object (&catalog);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);
    }

  /* the cache folder replaced by a file */
  {
    g_autoptr(RwSource) blocked = NULL;
    const char *feeds[] = { url, NULL };
    g_autoptr(GPtrArray) statuses = NULL;

    g_assert_true (g_file_set_contents (file_dir, "I am a file", -1, NULL));
    blocked = rw_source_new (file_dir);
    status = refresh (blocked, &again);
    g_assert_cmpint (status->state, ==, RW_FEED_STATE_FRESH);
    g_assert_nonnull (strstr (status->error, "could not write the cache"));
    g_assert_cmpuint (lambda_offers (again), >, 0);
    rw_feed_status_free (status);
    g_clear_object (&again);
    /* and loading from it finds nothing, not a crash */
    again = rw_source_load (blocked, feeds, &statuses, NULL);
    g_assert_cmpint (rw_catalog_get_source (again), ==, RW_CATALOG_SOURCE_BUILTIN);
  }
}

/* ------------------------------------------------------ killed mid-refresh */

typedef struct {
  gboolean exited;
} Child;

static void
child_exited (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ((Child *) user_data)->exited = TRUE;
}

typedef struct {
  GSubprocess *child;
  guint        id;
} Kill;

static gboolean
kill_child (gpointer data)
{
  Kill *kill = data;

  kill->id = 0;
  g_subprocess_force_exit (kill->child);
  return G_SOURCE_REMOVE;
}

static GSubprocessLauncher *
launcher_for (const char *home)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  return launcher;
}

static void
test_killed_refresh (void)
{
  g_autofree char *home = g_dir_make_tmp ("rentwise-kill-XXXXXX", NULL);
  g_autofree char *feed_arg = g_strdup_printf ("--feed=%s", url);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint cached = 0;

  mode = MODE_ALTERNATE;
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GSubprocessLauncher) launcher = launcher_for (home);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GSubprocess) check = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      Child state = { FALSE };
      guint delay = g_rand_int_range (rand, 0, 400);
      JsonObject *root, *feed;

      /* refresh, killed at a random point */
      child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RENTWISE_BIN"), "--refresh",
                                           feed_arg, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_async (child, NULL, child_exited, &state);
      {
        Kill kill = { child, 0 };

        kill.id = g_timeout_add (delay, kill_child, &kill);
        while (!state.exited)
          g_main_context_iteration (NULL, TRUE);
        g_clear_handle_id (&kill.id, g_source_remove);
      }

      /* the next start loads a complete catalog */
      check = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RENTWISE_BIN"), "--offline",
                                           feed_arg, "--report=v100-16gb", "--json", NULL);
      g_assert_no_error (error);
      {
        g_autoptr(GBytes) stdout_bytes = NULL;

        g_subprocess_communicate (check, NULL, NULL, &stdout_bytes, NULL, &error);
        g_assert_no_error (error);
        out = g_strndup (g_bytes_get_data (stdout_bytes, NULL), g_bytes_get_size (stdout_bytes));
      }
      g_assert_cmpint (g_subprocess_get_exit_status (check), ==, 0);
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      feed = json_array_get_object_element (json_object_get_array_member (root, "feeds"), 0);
      if (g_str_equal (json_object_get_string_member (feed, "status"), "cached"))
        {
          /* a cached copy is the whole feed, never a torn one */
          g_assert_cmpint (json_object_get_int_member (feed, "offers"), ==, 374);
          cached++;
        }
      else
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "catalog"),
                                                        "source"), ==, "builtin");
    }
  g_test_message ("%u of 50 starts found the cache", cached);
  g_assert_cmpuint (cached, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_test_init (&argc, &argv, NULL);
  path = g_test_build_filename (G_TEST_DIST, "fixtures", "skypilot", "v9_lambda_vms.csv", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  csv = g_bytes_new_take (g_steal_pointer (&contents), len);
  cache_dir = g_dir_make_tmp ("rentwise-faults-XXXXXX", NULL);
  start_server ();

  g_test_add_func ("/faults/bad-server", test_bad_server);
  g_test_add_func ("/faults/cache-folder", test_cache_folder_faults);
  g_test_add_func ("/faults/killed-refresh", test_killed_refresh);
  return g_test_run ();
}
