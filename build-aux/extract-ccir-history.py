#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turn the daily Vast.ai snapshots archived by CCIR (github.com/ccir-index/cri-h100, data
under CC BY 4.0, (c) 2026 CCIR - Compute Credit Index Research) into one small CSV of daily
per-GPU statistics: data/sources/history-ccir-vast.csv, which build-aux/make-catalog.py reads.

Usage:  build-aux/extract-ccir-history.py CHECKOUT_OF_CRI_H100 [COMMIT]

Each snapshot (data/<model>-us/YYYY-MM-DD.csv) is CCIR's filtered list of US Vast.ai listings
(reliability >= 0.90, listing changed within 7 days), one row per listing with its price per
GPU-hour (dph_per_gpu, USD) and the memory the host reports (gpu_ram_gb, which holds MiB).
A listing counts for a catalog GPU only when that memory is the GPU's own driver total, so
48 GB modded RTX 4090s and 40 GB A100s do not pollute the 24 GB / 80 GB series.
Per day: median (mean of the two middle values for an even count), min, max, listings."""

import csv
import io
import os
import statistics
import subprocess
import sys

# CCIR model folder -> [(memory MiB as reported, catalog GPU id)]
MAP = {
  'a100-pcie-us': [('81920', 'a100-80gb-pcie')],
  'h100-sxm-us': [('81559', 'h100-sxm')],
  'h100-pcie-us': [('81559', 'h100-pcie')],
  'h200-us': [('143771', 'h200')],
  'l40s-us': [('46068', 'l40s')],
  'rtx4090-us': [('24564', 'rtx-4090'), ('23028', 'rtx-4090')],
  'v100-us': [('16384', 'v100-16gb'), ('32768', 'v100-32gb')],
}
REPO = 'https://github.com/ccir-index/cri-h100/blob/%s/%s'


def git(repo, *args):
  return subprocess.run(['git', '-C', repo] + list(args), check=True, capture_output=True,
                        text=True).stdout


def main():
  repo = sys.argv[1]
  commit = sys.argv[2] if len(sys.argv) > 2 else git(repo, 'rev-parse', 'HEAD').strip()
  out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'sources',
                     'history-ccir-vast.csv')
  final = []
  for path in git(repo, 'ls-tree', '-r', '--name-only', commit, 'data').split():
    parts = path.split('/')
    if len(parts) != 3 or parts[1] not in MAP or not parts[2].endswith('.csv'):
      continue
    listings = list(csv.DictReader(io.StringIO(git(repo, 'show', '%s:%s' % (commit, path)))))
    gids = sorted({g for _, g in MAP[parts[1]]})
    for gid in gids:
      mems = {m for m, g in MAP[parts[1]] if g == gid}
      prices = [float(r['dph_per_gpu']) for r in listings if r['gpu_ram_gb'] in mems]
      if prices:
        final.append({'gpu': gid, 'date': parts[2][:-4],
                      'median_hr': round(statistics.median(prices), 6),
                      'min_hr': round(min(prices), 6), 'max_hr': round(max(prices), 6),
                      'listings': len(prices), 'source': REPO % (commit, path)})
  final.sort(key=lambda r: (r['gpu'], r['date']))
  with open(out, 'w', encoding='utf-8', newline='') as f:
    w = csv.DictWriter(f, fieldnames=['gpu', 'date', 'median_hr', 'min_hr', 'max_hr', 'listings',
                                      'source'], lineterminator='\n')
    w.writeheader()
    w.writerows(final)
  print('wrote %s: %d daily points' % (out, len(final)))


if __name__ == '__main__':
  main()
