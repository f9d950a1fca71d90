#!/usr/bin/env python3
# Start-up of Rentwise against the empty-window floor, in one run, under the display the
# caller gives (build-aux/bench runs it under xvfb-run): time from process start to the first
# painted frame (and the main thread's CPU time until then, which a busy machine disturbs
# less), to the cached catalog on screen (last case: to the catalog of a network refresh on
# screen), the longest main-loop stall meanwhile, and resident memory. Runs alternate between
# the programs; the medians are printed.
#
# usage: startup.py BUILD_DIR CATALOG_100X.json [RUNS [BASELINE_RENTWISE]]
# With BASELINE_RENTWISE (an older build's binary), its three cases run too, alternating with
# the others over the same cache, for a before/after from one run.
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

build, big = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rentwise = os.path.join(build, "src", "rentwise")
floor = os.path.join(build, "tests", "bench", "rw-floor")
work = tempfile.mkdtemp(prefix="rentwise-startup-")


def env_for(home):
    env = dict(os.environ)
    for var, sub in (("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        env[var] = os.path.join(work, home, sub)
        os.makedirs(env[var], exist_ok=True)
    return env


def measure(argv, env, mode):
    env = dict(env, RENTWISE_BENCH_STARTUP=mode,
               RENTWISE_BENCH_T0=str(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000))
    out = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, timeout=120).stderr
    m = re.search(r"^startup (.*)$", out, re.M)
    if not m:
        sys.exit(f"{argv[0]} printed no start-up line:\n{out}")
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


# A loopback server hands the 100x catalog to `rentwise --refresh`, which caches it, and
# answers the refreshes of the last case (304: the cached copy is current)
directory, name = os.path.split(os.path.abspath(big))
handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=directory)
http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}/{name}"
cached_env = env_for("cached")
r = subprocess.run([rentwise, "--refresh", f"--feed={url}"], env=cached_env,
                   capture_output=True, text=True, timeout=300)
if r.returncode != 0:
    sys.exit(f"could not cache the 100x catalog: {r.stdout}{r.stderr}")

cases = [
    ("floor: empty AdwApplicationWindow", [floor], env_for("floor")),
    ("rentwise, built-in catalog", [rentwise, "--offline"], env_for("builtin")),
    ("rentwise, cached 100x catalog", [rentwise, "--offline", f"--feed={url}"], cached_env),
    ("  ... and a refresh (304) on screen", [rentwise, f"--feed={url}"], cached_env),
]
modes = {cases[3][0]: "refresh"}
if len(sys.argv) > 4:
    baseline = sys.argv[4]
    cases += [("before: built-in catalog", [baseline, "--offline"], env_for("builtin")),
              ("before: cached 100x catalog", [baseline, "--offline", f"--feed={url}"],
               cached_env),
              ("before:  ... and a refresh (304)", [baseline, f"--feed={url}"], cached_env)]
    modes[cases[6][0]] = "refresh"
results = {label: [] for label, _, _ in cases}
for i in range(runs):
    for label, argv, env in cases:
        results[label].append(measure(argv, env, modes.get(label, "wait")))
server.shutdown()

med = lambda label, key: statistics.median(r[key] for r in results[label])
floor_label = cases[0][0]
print(f"start-up, median of {runs} alternating runs (times from process start)")
print(f"{'':36} {'first frame':>12} {'ratio':>6} {'main CPU':>9} {'ratio':>6} {'content':>9} {'stall':>7} {'RSS':>8} {'ratio':>6}")
for label, _, _ in cases:
    print(f"{label:36} {med(label, 'first-frame-ms'):9.0f} ms "
          f"{med(label, 'first-frame-ms') / med(floor_label, 'first-frame-ms'):5.2f}x "
          f"{med(label, 'cpu-ms'):6.0f} ms "
          f"{med(label, 'cpu-ms') / med(floor_label, 'cpu-ms'):5.2f}x "
          f"{med(label, 'ready-ms'):6.0f} ms {med(label, 'stall-ms'):4.0f} ms "
          f"{med(label, 'rss-mb'):5.0f} MB {med(label, 'rss-mb') / med(floor_label, 'rss-mb'):5.2f}x")

import shutil
shutil.rmtree(work, ignore_errors=True)
