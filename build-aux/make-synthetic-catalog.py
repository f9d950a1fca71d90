#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic rentwise-catalog/1 document N times the built-in catalog's offer count,
for benchmarks only: the same GPUs, models and history; each provider copied N times, and
each copied offer priced by a draw from the real per-GPU-hour prices of its GPU (so the spread
of counts and prices is the built-in catalog's). Deterministic (seeded).

  build-aux/make-synthetic-catalog.py N OUTPUT.json"""
import json
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
times = int(sys.argv[1])
out = sys.argv[2]
base = json.load(open(os.path.join(here, '..', 'data', 'catalog.json'), encoding='utf-8'))
rng = random.Random(20261128)

per_gpu = {}
for o in base['offers']:
    per_gpu.setdefault(o['gpu'], []).append(o['price_hr'] / o['gpu_count'])

providers, offers = [], []
for k in range(times):
    suffix = '' if k == 0 else '-%d' % k
    for p in base['providers']:
        q = dict(p, id=p['id'] + suffix, name=p['name'] + ('' if k == 0 else ' %d' % k))
        providers.append(q)
    for o in base['offers']:
        q = dict(o, provider=o['provider'] + suffix)
        if k > 0:
            q['price_hr'] = round(rng.choice(per_gpu[o['gpu']]) * o['gpu_count'], 4)
        offers.append(q)

doc = dict(base, providers=providers, offers=offers, generated_at=base['generated_at'])
with open(out, 'w', encoding='utf-8') as f:
    json.dump(doc, f, separators=(',', ':'))
print('%s: %d providers, %d offers, %.1f MB' % (out, len(providers), len(offers),
                                               os.path.getsize(out) / 1e6))
