#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Completeness of the built-in catalog (data/catalog.json). TAP output.

Fails when a GPU lacks a purchase price, TDP, memory bandwidth or driver-reported memory,
when any of those values (or vram_gb, interconnect) has no source, when a purchase price is
not {usd > 0, estimate true|false, https source, YYYY-MM-DD date}, when a list price
(estimate false) differs from msrp_usd, when a provider has no kind, or when a history point
or source lacks its attribution.

KNOWN_GAPS lists the values no public source was found for (see data/sources/README.md). It
is checked both ways: a gap not listed fails, and a listed gap that has since been filled fails
too, so the list can only shrink. The list is pending the lead's agreement."""
import json
import os
import re
import sys

REQUIRED = ('purchase_price', 'tdp_w', 'memory_bandwidth_gbps', 'usable_vram_mib')
SOURCED = ('vram_gb', 'tdp_w', 'memory_bandwidth_gbps', 'usable_vram_mib', 'interconnect')
KINDS = ('hyperscaler', 'cloud', 'marketplace', 'aggregator')
INTERCONNECTS = ('SXM', 'PCIe', 'NVL', 'OAM', 'NVLink-C2C')

KNOWN_GAPS = {
  'gb300': ('purchase_price',),
  'gh200': ('purchase_price',),
  'h100-nvl': ('purchase_price',),
  'a16': ('purchase_price',),
}


def is_source(v):
  """A source is an https URL, or a "derived: <rule>" note for a value computed by a rule."""
  return isinstance(v, str) and (v.startswith('https://') or v.startswith('derived: '))


def number(v):
  return isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0


def main():
  top = sys.argv[1]
  with open(os.path.join(top, 'data', 'catalog.json'), encoding='utf-8') as f:
    doc = json.load(f)

  checks = []

  def check(name, problems):
    checks.append((name, problems))

  gaps, problems = {}, []
  for g in doc['gpus']:
    gid = g['id']
    src = g.get('spec_sources') if isinstance(g.get('spec_sources'), dict) else {}
    for member in REQUIRED + ('interconnect',):
      if member not in g:
        gaps.setdefault(gid, set()).add(member)
    for member in ('tdp_w', 'memory_bandwidth_gbps', 'usable_vram_mib', 'vram_gb'):
      if member in g and not number(g[member]):
        problems.append('%s: %s is not a positive number' % (gid, member))
    if 'interconnect' in g and g['interconnect'] not in INTERCONNECTS:
      problems.append('%s: interconnect %r' % (gid, g['interconnect']))
  missing = []
  for gid in sorted(set(gaps) | set(KNOWN_GAPS)):
    have, allowed = gaps.get(gid, set()), set(KNOWN_GAPS.get(gid, ()))
    for m in sorted(have - allowed):
      missing.append('%s lacks %s' % (gid, m))
    for m in sorted(allowed - have):
      missing.append('%s now has %s: drop it from KNOWN_GAPS' % (gid, m))
  check('every GPU has a purchase price, TDP, bandwidth, usable memory and interconnect '
        '(apart from the listed known gaps)', missing)
  check('every GPU spec value is a positive number or a known interconnect', problems)

  unsourced = []
  for g in doc['gpus']:
    src = g.get('spec_sources') if isinstance(g.get('spec_sources'), dict) else {}
    for member in SOURCED:
      if member in g and not is_source(src.get(member)):
        unsourced.append('%s.%s has no source' % (g['id'], member))
    for member, v in src.items():
      if not is_source(v):
        unsourced.append('%s.spec_sources.%s is neither https nor derived' % (g['id'], member))
  check('every GPU spec value has a source (https URL or a "derived:" rule)', unsourced)

  bad_prices = []
  for g in doc['gpus']:
    p = g.get('purchase_price')
    if p is None:
      continue
    if not isinstance(p, dict) or not number(p.get('usd')):
      bad_prices.append('%s: purchase_price.usd' % g['id'])
      continue
    if not isinstance(p.get('estimate'), bool):
      bad_prices.append('%s: purchase_price.estimate is not true/false' % g['id'])
    if not str(p.get('source', '')).startswith('https://'):
      bad_prices.append('%s: purchase_price.source is not https' % g['id'])
    if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', str(p.get('date', ''))):
      bad_prices.append('%s: purchase_price.date is not YYYY-MM-DD' % g['id'])
    if p.get('estimate') is False and g.get('msrp_usd') != p['usd']:
      bad_prices.append('%s: list price %s but msrp_usd %s' % (g['id'], p['usd'],
                                                               g.get('msrp_usd')))
    if p.get('estimate') is True and 'msrp_usd' in g:
      bad_prices.append('%s: an estimate is not an msrp_usd' % g['id'])
  check('every purchase price has usd, estimate, an https source and a date; '
        'list prices equal msrp_usd', bad_prices)

  l40s = next((g for g in doc['gpus'] if g['id'] == 'l40s'), {})
  p = l40s.get('purchase_price') or {}
  check('the L40S is priced at the reference page\'s $9,000',
        [] if p.get('usd') == 9000 and l40s.get('tdp_w') == 350 else
        ['l40s: %r, tdp %r' % (p, l40s.get('tdp_w'))])

  kinds = ['%s: kind %r' % (pr['id'], pr.get('kind')) for pr in doc['providers']
           if pr.get('kind') not in KINDS]
  check('every provider has a kind (hyperscaler, cloud, marketplace, aggregator)', kinds)

  history = ['%s %s: %s' % (h.get('gpu'), h.get('date'), m) for h in doc['history']
             for m in ('median_hr',) if not number(h.get(m))]
  names = ' '.join(s.get('name', '') + ' ' + s.get('url', '') for s in doc['sources'])
  if any(h.get('source') == 'ccir-vast' for h in doc['history']) and 'ccir-index/cri-h100' not in names:
    history.append('history from ccir-vast without its attribution in sources')
  newest = max((h['date'] for h in doc['history']), default='')
  if newest < '2026-01-01':
    history.append('newest history point is %s' % newest)
  if not any(h['gpu'] == 'l40s' for h in doc['history']):
    history.append('no history for the L40S')
  check('price history is attributed, reaches 2026 and covers the L40S', history)

  licensed = ['%s: %s' % (s.get('name'), m) for s in doc['sources']
              for m in ('url', 'license') if not s.get(m)]
  check('every source has a url and a licence', licensed)

  print('1..%d' % len(checks))
  failed = False
  for i, (name, found) in enumerate(checks, 1):
    print('%s %d %s' % ('not ok' if found else 'ok', i, name))
    for line in found:
      print('# ' + line)
    failed = failed or bool(found)
  return 1 if failed else 0


if __name__ == '__main__':
  sys.exit(main())
