/* rw-startup-probe.h: RENTWISE_BENCH_STARTUP, the start-up measurement of build-aux/bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, so that the empty-window floor program (tests/bench/rw-floor.c) measures
 * itself with the very same code. With RENTWISE_BENCH_STARTUP=1 the first painted frame of
 * the window prints one line to stderr and quits:
 *
 *   startup first-frame-ms=123.4 cpu-ms=98.7 rss-mb=56.7
 *
 * (cpu-ms: the main thread's CPU time until then, which a busy machine disturbs less.)
 *
 * With RENTWISE_BENCH_STARTUP=wait the probe waits for rw_startup_probe_ready() (Rentwise
 * calls it when the cached catalog is on screen; with =refresh, when the catalog of the
 * network refresh that start-up makes, stale or not, is) and adds ready-ms= and stall-ms=, the
 * longest gap between two frames while the window was busy (the frame clock is kept
 * running, so a gap is the main thread blocked). The times count from RENTWISE_BENCH_T0,
 * the harness's CLOCK_MONOTONIC in µs just before it started the process, else from the
 * probe's installation. Include it in one file per program: its state is static.
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gtk/gtk.h>

typedef struct {
  gint64        t0;
  gint64        first_frame;
  double        first_frame_cpu;  /* main-thread CPU time by then, ms: steadier than the clock */
  gint64        last_tick;
  gint64        longest_gap;
  gboolean      wait;
  gboolean      refresh;      /* "refresh": ready only once a network refresh is on screen */
  gboolean      ready;
  gboolean      ready_seen;   /* a frame started with the content in place */
  GApplication *app;
} RwStartupProbe;

static RwStartupProbe *rw_startup_probe;

static inline double
rw_startup_probe_rss_mb (void)
{
  char *status = NULL;
  const char *line;
  double mb = -1;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmRSS:")) != NULL)
    mb = g_ascii_strtod (line + 6, NULL) / 1024.0;
  g_free (status);
  return mb;
}

static inline void
rw_startup_probe_finish (void)
{
  RwStartupProbe *probe = rw_startup_probe;
  gint64 now = g_get_monotonic_time ();

  fprintf (stderr, "startup first-frame-ms=%.1f cpu-ms=%.1f",
           (probe->first_frame - probe->t0) / 1000.0, probe->first_frame_cpu);
  if (probe->wait)
    fprintf (stderr, " ready-ms=%.1f stall-ms=%.1f", (now - probe->t0) / 1000.0,
             probe->longest_gap / 1000.0);
  fprintf (stderr, " rss-mb=%.1f\n", rw_startup_probe_rss_mb ());
  fflush (stderr);
  g_application_quit (probe->app);
}

static inline gboolean
rw_startup_probe_tick (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  RwStartupProbe *probe = rw_startup_probe;
  gint64 now = g_get_monotonic_time ();

  (void) widget; (void) clock; (void) user_data;
  if (probe->last_tick != 0)
    probe->longest_gap = MAX (probe->longest_gap, now - probe->last_tick);
  /* with the marks: every gap longer than a 60 Hz frame, and when it ended */
  if (probe->last_tick != 0 && now - probe->last_tick > 17000 && g_getenv ("RENTWISE_BENCH_MARKS"))
    fprintf (stderr, "mark gap %.1f ms, ended at %.1f\n", (now - probe->last_tick) / 1000.0,
             (now - probe->t0) / 1000.0);
  probe->last_tick = now;
  /* finish at the tick after the one that found the content ready: that frame was painted */
  if (probe->ready_seen)
    {
      rw_startup_probe_finish ();
      return G_SOURCE_REMOVE;
    }
  probe->ready_seen = probe->ready;
  return G_SOURCE_CONTINUE;
}

static inline void rw_startup_probe_mark (const char *what);

static inline void
rw_startup_probe_after_paint (GdkFrameClock *clock,
                              gpointer       user_data)
{
  RwStartupProbe *probe = rw_startup_probe;

  if (probe->first_frame != 0)
    return;
  probe->first_frame = g_get_monotonic_time ();
  {
    struct timespec cpu;

    if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu) == 0)
      probe->first_frame_cpu = cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6;
  }
  rw_startup_probe_mark ("first-frame");
  g_signal_handlers_disconnect_by_func (clock, rw_startup_probe_after_paint, user_data);
  if (!probe->wait)
    rw_startup_probe_finish ();
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (user_data), rw_startup_probe_tick, NULL, NULL);
}

static inline void
rw_startup_probe_realized (GtkWidget *window)
{
  rw_startup_probe_mark ("realized");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (rw_startup_probe_after_paint), window);
}

/* Call before the first window exists (first thing in main(), or at start-up) */
static inline void
rw_startup_probe_init (void)
{
  const char *mode = g_getenv ("RENTWISE_BENCH_STARTUP");
  const char *t0 = g_getenv ("RENTWISE_BENCH_T0");

  if (mode == NULL || *mode == '\0')
    return;
  rw_startup_probe = g_new0 (RwStartupProbe, 1);
  rw_startup_probe->t0 = t0 ? g_ascii_strtoll (t0, NULL, 10) : g_get_monotonic_time ();
  rw_startup_probe->refresh = g_str_equal (mode, "refresh");
  rw_startup_probe->wait = g_str_equal (mode, "wait") || rw_startup_probe->refresh;
}

/* RENTWISE_BENCH_STARTUP=refresh: the cache counts as old, so that start-up refreshes */
static inline gboolean
rw_startup_probe_wants_refresh (void)
{
  return rw_startup_probe != NULL && rw_startup_probe->refresh;
}

/* Call with the first window, before it is presented */
static inline void
rw_startup_probe_watch (GApplication *app,
                        GtkWindow    *window)
{
  if (rw_startup_probe == NULL || rw_startup_probe->app != NULL)
    return;
  rw_startup_probe->app = app;
  g_signal_connect (window, "realize", G_CALLBACK (rw_startup_probe_realized), NULL);
}

/* With RENTWISE_BENCH_MARKS=1 as well: where the time goes, one line per step
 * ("mark window-built 312.4") and, while waiting, per long gap between frames, for the
 * breakdown in BENCHMARKS.md */
static inline void
rw_startup_probe_mark (const char *what)
{
  if (rw_startup_probe == NULL || g_getenv ("RENTWISE_BENCH_MARKS") == NULL)
    return;
  fprintf (stderr, "mark %-20s %7.1f\n", what,
           (g_get_monotonic_time () - rw_startup_probe->t0) / 1000.0);
}

/* The content the user waits for is on screen (@refreshed: fetched from the network) */
static inline void
rw_startup_probe_ready_full (gboolean refreshed)
{
  if (rw_startup_probe != NULL && (refreshed || !rw_startup_probe->refresh))
    rw_startup_probe->ready = TRUE;
}

static inline void
rw_startup_probe_ready (void)
{
  rw_startup_probe_ready_full (FALSE);
}
