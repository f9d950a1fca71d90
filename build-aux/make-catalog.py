#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build Rentwise's built-in catalog (rentwise-catalog/1) from the real, public
data in ../shared/data (see its README for sources and licences).

Re-runnable:  build-aux/make-catalog.py [DATA_DIR] [OUTPUT]
Defaults:     ../shared/data  ->  data/catalog.json

Nothing here invents a price: every offer is a row of the input files. GPU
specs come from gpuhunt (memory, compute capability -> architecture) and
llmfit (memory bandwidth); TDP and MSRP only where a vendor page states them.
Rows whose GPU name cannot be mapped to a GPU id are counted and reported."""

import collections
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'shared', 'data')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', 'data', 'catalog.json')

NV_DC = 'NVIDIA data-center product pages and data sheets'
NV_GF = 'NVIDIA GeForce launch announcements'
NV_WS = 'NVIDIA RTX professional data sheets'
AMD_DC = 'AMD Instinct product pages'

# id, name, vendor, gpuhunt name (memory / architecture), vram override, bandwidth key
# (llmfit rules, first substring match), tdp_w, msrp_usd, spec source, aliases
GPUS = [
  ('b300', 'NVIDIA B300', 'NVIDIA', 'B300', None, None, None, None, None,
   ['B300', 'B300 SXM6', 'NVIDIA B300', 'NVIDIA B300 SXM6', 'NVIDIA HGX B300']),
  ('gb300', 'NVIDIA GB300', 'NVIDIA', None, 288, None, None, None, None,
   ['GB300', 'GB300 SXM6', 'NVIDIA GB300 SXM6']),
  ('b200', 'NVIDIA B200', 'NVIDIA', 'B200', None, None, 1000, None, NV_DC,
   ['B200', 'B200 SXM6', 'NVIDIA B200', 'NVIDIA B200 SXM', 'NVIDIA B200 SXM6', 'NVIDIA B200 NVL']),
  ('h200', 'NVIDIA H200', 'NVIDIA', 'H200', None, 'h200', 700, None, NV_DC,
   ['H200', 'H200 SXM', 'NVIDIA H200', 'NVIDIA H200 SXM', 'NVIDIA H200 SXM5', 'NVIDIA HGX H200']),
  ('gh200', 'NVIDIA GH200', 'NVIDIA', 'GH200', None, None, None, None, None,
   ['GH200', 'NVIDIA GH200', 'GH200 96GB']),
  ('h100-sxm', 'NVIDIA H100 SXM', 'NVIDIA', 'H100', None, 'h100 sxm', 700, None, NV_DC,
   ['H100', 'H100-80GB', 'H100 SXM', 'H100-SXM', 'H100 SXM5', 'H100-80G-SXM5', 'H100-NVLINK', 'NVIDIA H100 SXM',
    'NVIDIA H100 SXM5', 'NVIDIA HGX H100', 'NVIDIA HGX H100 SXM', 'NVIDIA H100 NVLink']),
  ('h100-pcie', 'NVIDIA H100 PCIe', 'NVIDIA', 'H100', None, 'h100', 350, None, NV_DC,
   ['H100 PCIe', 'H100-80G-PCIe', 'H100-80G-PCIe-NVLink', 'NVIDIA H100 PCIe',
    'NVIDIA H100 PCIe NVLink']),
  ('h100-nvl', 'NVIDIA H100 NVL', 'NVIDIA', 'H100NVL', None, None, None, None, None,
   ['H100 NVL', 'H100NVL', 'NVIDIA H100 NVL']),
  ('a100-80gb', 'NVIDIA A100 80GB SXM', 'NVIDIA', ('A100', 80), None, 'a100 sxm', 400, None, NV_DC,
   ['A100-80GB', 'A100 80GB', 'A100 SXM', 'NVIDIA A100 80GB', 'NVIDIA A100 80GB SXM',
    'NVIDIA A100 SXM4 80GB', 'NVIDIA A100 80GB NVLink']),
  ('a100-80gb-pcie', 'NVIDIA A100 80GB PCIe', 'NVIDIA', ('A100', 80), None, None, 300, None, NV_DC,
   ['A100-80G-PCIe', 'A100-80G-PCIe-NVLink', 'NVIDIA A100 80GB PCIe']),
  ('a100-40gb', 'NVIDIA A100 40GB', 'NVIDIA', ('A100', 40), None, 'a100', None, None, None,
   ['A100-40GB', 'A100 40GB', 'NVIDIA A100 40GB']),
  ('a800', 'NVIDIA A800 80GB', 'NVIDIA', None, 80, None, None, None, None, ['A800', 'A800 80G']),
  ('a40', 'NVIDIA A40', 'NVIDIA', 'A40', None, None, 300, None, NV_DC, ['A40', 'NVIDIA A40']),
  ('a30', 'NVIDIA A30', 'NVIDIA', None, 24, None, 165, None, NV_DC, ['A30', 'NVIDIA A30']),
  ('a10', 'NVIDIA A10', 'NVIDIA', 'A10', None, 'a10', 150, None, NV_DC, ['A10', 'NVIDIA A10']),
  ('a16', 'NVIDIA A16', 'NVIDIA', 'A16', None, None, 250, None, NV_DC, ['A16', 'NVIDIA A16']),
  ('l40s', 'NVIDIA L40S', 'NVIDIA', 'L40S', None, 'l40s', 350, None, NV_DC,
   ['L40S', 'NVIDIA L40S']),
  ('l40', 'NVIDIA L40', 'NVIDIA', 'L40', None, 'l40', 300, None, NV_DC, ['L40', 'NVIDIA L40']),
  ('l4', 'NVIDIA L4', 'NVIDIA', 'L4', None, 'l4', 72, None, NV_DC, ['L4', 'NVIDIA L4']),
  ('t4', 'NVIDIA T4', 'NVIDIA', 'T4', None, 't4', 70, None, NV_DC,
   ['T4', 'NVIDIA T4', 'Tesla T4']),
  ('v100-16gb', 'NVIDIA V100 16GB', 'NVIDIA', ('V100', 16), None, 'v100', None, None, None,
   ['V100', 'V100-16GB', 'Tesla-V100', 'Tesla V100', 'Tesla V100 NVLink', 'Tesla V100 SXM2']),
  ('v100-32gb', 'NVIDIA V100 32GB', 'NVIDIA', ('V100', 32), None, 'v100', None, None, None,
   ['V100-32GB', 'V100 32GB']),
  ('p40', 'NVIDIA Tesla P40', 'NVIDIA', None, 24, None, 250, None, NV_DC, ['Tesla P40', 'P40']),
  ('rtx-pro-6000', 'NVIDIA RTX PRO 6000 Blackwell', 'NVIDIA', 'RTXPRO6000', None, None, None, None,
   None, ['RTX PRO 6000', 'RTX Pro 6000', 'RTXPro6000', 'RTXPRO6000', 'RTX-PRO-6000',
          'RTXPRO6000WS', 'RTXPRO6000-WK', 'RTX PRO 6000 SE', 'RTX PRO 6000 WE',
          'RTX Pro 6000 Blackwell', 'NVIDIA RTX PRO 6000', 'NVIDIA RTX Pro 6000',
          'NVIDIA RTX 6000 Pro', 'NVIDIA RTX Pro 6000 SE', 'NVIDIA RTX PRO 6000 CC',
          'NVIDIA RTX PRO-A6000 SE']),
  ('rtx-6000-ada', 'NVIDIA RTX 6000 Ada', 'NVIDIA', 'RTX6000Ada', None, None, 300, 6800, NV_WS,
   ['RTX 6000 Ada', 'RTX6000Ada', 'RTX-6000-Ada', 'RTX6000-Ada', 'NVIDIA RTX 6000 Ada']),
  ('rtx-a6000', 'NVIDIA RTX A6000', 'NVIDIA', 'A6000', None, 'a6000', 300, 4650, NV_WS,
   ['RTX A6000', 'A6000', 'RTXA6000', 'RTX-A6000', 'NVIDIA RTX A6000', 'NVIDIA A6000']),
  ('rtx-a5000', 'NVIDIA RTX A5000', 'NVIDIA', 'A5000', None, 'a5000', 230, None, NV_WS,
   ['RTX A5000', 'A5000', 'RTXA5000', 'NVIDIA RTX A5000']),
  ('rtx-a4000', 'NVIDIA RTX A4000', 'NVIDIA', 'A4000', None, 'a4000', 140, None, NV_WS,
   ['RTX A4000', 'A4000', 'RTX-A4000', 'NVIDIA RTX A4000']),
  ('rtx-4000-ada', 'NVIDIA RTX 4000 Ada', 'NVIDIA', 'RTX4000Ada', None, None, 130, None, NV_WS,
   ['RTX 4000 Ada', 'RTX4000Ada', 'NVIDIA RTX 4000 Ada']),
  ('quadro-rtx-6000', 'NVIDIA Quadro RTX 6000', 'NVIDIA', 'RTX6000', None, None, None, None, None,
   ['RTX6000', 'Quadro RTX 6000', 'NVIDIA Quadro RTX 6000']),
  ('rtx-5090', 'NVIDIA GeForce RTX 5090', 'NVIDIA', 'RTX5090', None, '5090', 575, 1999, NV_GF,
   ['RTX 5090', 'RTX5090', 'RTX 5090 (High freq.)', 'NVIDIA RTX 5090', 'NVIDIA GeForce RTX 5090']),
  ('rtx-5080', 'NVIDIA GeForce RTX 5080', 'NVIDIA', 'RTX5080', None, '5080', 360, 999, NV_GF,
   ['RTX 5080', 'RTX5080']),
  ('rtx-5070-ti', 'NVIDIA GeForce RTX 5070 Ti', 'NVIDIA', 'RTX5070Ti', None, '5070 ti', 300, 749,
   NV_GF, ['RTX 5070 Ti', 'RTX5070Ti']),
  ('rtx-5070', 'NVIDIA GeForce RTX 5070', 'NVIDIA', 'RTX5070', None, '5070', 250, 549, NV_GF,
   ['RTX 5070', 'RTX5070']),
  ('rtx-5060-ti', 'NVIDIA GeForce RTX 5060 Ti 16GB', 'NVIDIA', ('RTX5060Ti', 16), None, '5060 ti',
   None, None, None, ['RTX 5060 Ti', 'RTX5060Ti']),
  ('rtx-4090', 'NVIDIA GeForce RTX 4090', 'NVIDIA', 'RTX4090', None, '4090', 450, 1599, NV_GF,
   ['RTX 4090', 'RTX4090', 'RTX 4090 24GB', 'RTX 4090 (High freq.)', 'NVIDIA RTX 4090', 'NVIDIA GeForce RTX 4090']),
  ('rtx-4080', 'NVIDIA GeForce RTX 4080', 'NVIDIA', 'RTX4080', None, '4080', 320, 1199, NV_GF,
   ['RTX 4080', 'RTX4080']),
  ('rtx-4070-ti', 'NVIDIA GeForce RTX 4070 Ti', 'NVIDIA', 'RTX4070Ti', None, '4070 ti', 285, 799,
   NV_GF, ['RTX 4070 Ti', 'RTX4070Ti']),
  ('rtx-4070', 'NVIDIA GeForce RTX 4070', 'NVIDIA', 'RTX4070', None, '4070', 200, 599, NV_GF,
   ['RTX 4070', 'RTX4070']),
  ('rtx-4060-ti', 'NVIDIA GeForce RTX 4060 Ti 16GB', 'NVIDIA', ('RTX4060Ti', 16), None, '4060 ti',
   165, 499, NV_GF, ['RTX 4060 Ti', 'RTX4060Ti']),
  ('rtx-3090', 'NVIDIA GeForce RTX 3090', 'NVIDIA', 'RTX3090', None, '3090', 350, 1499, NV_GF,
   ['RTX 3090', 'RTX3090', 'NVIDIA RTX 3090']),
  ('rtx-3090-ti', 'NVIDIA GeForce RTX 3090 Ti', 'NVIDIA', 'RTX3090Ti', None, '3090 ti', 450, 1999,
   NV_GF, ['RTX 3090 Ti', 'RTX3090Ti']),
  ('rtx-3080', 'NVIDIA GeForce RTX 3080', 'NVIDIA', 'RTX3080', None, '3080', 320, 699, NV_GF,
   ['RTX 3080', 'RTX3080']),
  ('rtx-3060', 'NVIDIA GeForce RTX 3060 12GB', 'NVIDIA', ('RTX3060', 12), None, '3060', 170, 329,
   NV_GF, ['RTX 3060', 'RTX3060']),
  ('mi300x', 'AMD Instinct MI300X', 'AMD', 'MI300X', None, 'mi300x', 750, None, AMD_DC,
   ['MI300X', 'AMD MI300X']),
  ('mi350x', 'AMD Instinct MI350X', 'AMD', 'MI350X', None, None, 1000, None, AMD_DC,
   ['MI350X', 'AMD MI350X']),
]

CC_ARCH = {'6.0': 'Pascal', '6.1': 'Pascal', '7.0': 'Volta', '7.5': 'Turing', '8.0': 'Ampere',
           '8.6': 'Ampere', '8.9': 'Ada Lovelace', '9.0': 'Hopper', '10.0': 'Blackwell',
           '12.0': 'Blackwell'}
EXTRA_ARCH = {'gb300': 'Blackwell', 'a30': 'Ampere', 'a800': 'Ampere', 'p40': 'Pascal'}

SPEC_URLS = {
  NV_DC: 'https://www.nvidia.com/en-us/data-center/',
  NV_GF: 'https://www.nvidia.com/en-us/geforce/graphics-cards/',
  NV_WS: 'https://www.nvidia.com/en-us/design-visualization/',
  AMD_DC: 'https://www.amd.com/en/products/accelerators/instinct.html',
}

SKY_PROVIDERS = {
  'aws': ('aws', 'AWS', 'hyperscaler', 'https://aws.amazon.com/ec2/pricing/on-demand/'),
  'cudo': ('cudo', 'Cudo Compute', 'cloud', 'https://www.cudocompute.com/pricing'),
  'fluidstack': ('fluidstack', 'Fluidstack', 'cloud', None),
  'hyperbolic': ('hyperbolic', 'Hyperbolic', 'cloud', None),
  'hyperstack': ('hyperstack', None, None, None),
  'jarvislabs': ('jarvis-labs', None, None, None),
  'lambda': ('lambda', None, None, None),
  'lium': ('lium', 'Lium', 'marketplace', None),
  'mithril': ('mithril', 'Mithril', 'marketplace', None),
  'nebius': ('nebius', 'Nebius', 'cloud', 'https://nebius.com/prices'),
  'primeintellect': ('prime-intellect', 'Prime Intellect', 'aggregator', None),
  'seeweb': ('seeweb', 'Seeweb', 'cloud', None),
  'shadeform': ('shadeform', 'Shadeform', 'aggregator', None),
  'vast': ('vast-ai', None, None, None),
  'verda': ('verda', None, None, None),
  'yotta': ('yotta', 'Yotta', 'cloud', None),
}
TARDELLI_KIND = {'vast-ai': 'marketplace', 'akash': 'marketplace', 'salad': 'marketplace',
                 'spheron': 'marketplace', 'tensordock': 'marketplace', 'dataoorts': 'cloud'}

# Models: data/sources/models.json, one record per model, every architecture number copied from
# the model's public config.json / model card (its "source"); see docs/FIT.md, "Model data".
MODELS_JSON = os.path.join(HERE, '..', 'data', 'sources', 'models.json')


def slug(s):
  out = ''.join(c.lower() if c.isalnum() else '-' for c in s)
  while '--' in out:
    out = out.replace('--', '-')
  return out.strip('-')


def num(s):
  try:
    v = float(s)
  except (TypeError, ValueError):
    return None
  return v if math.isfinite(v) else None


def clean(v):
  """Drop float artefacts such as 0.36979999999 without rounding real prices."""
  return float('%.10g' % v)


def billions(n):
  """A count of parameters in billions, without float artefacts (exact to the unit)."""
  return float('%.12g' % (n / 1e9))


def linear_state_bytes(lin):
  """Per-session, per-layer state of a Gated DeltaNet layer, in bytes: the recurrent state
  (value_heads x key_head_dim x value_head_dim at the state dtype) plus the causal-conv state
  ((conv_kernel - 1) x conv_dim at the model dtype, conv_dim = 2 x key_heads x key_head_dim +
  value_heads x value_head_dim), as vLLM and transformers allocate them for qwen3_next /
  qwen3_5 layers."""
  recurrent = lin['value_heads'] * lin['key_head_dim'] * lin['value_head_dim']
  conv_dim = 2 * lin['key_heads'] * lin['key_head_dim'] + lin['value_heads'] * lin['value_head_dim']
  return (recurrent * lin['state_dtype_bytes'] +
          conv_dim * (lin['conv_kernel'] - 1) * lin['conv_dtype_bytes'])


def model_record(r):
  """One catalog model record from one data/sources/models.json record."""
  m = {'id': r['id'], 'name': r['name'], 'maker': r['maker'], 'hf_repo': r['hf_repo'],
       'kind': r.get('kind', 'llm'), 'params_b': billions(r['params'])}
  if r.get('kind', 'llm') == 'llm':
    m['active_params_b'] = billions(r.get('active_params', r['params']))
  if 'vocab_size' in r:
    m['embedding_params_b'] = billions(r['vocab_size'] * r['hidden_size'])
    m['tied_embeddings'] = r['tied_embeddings']
  if 'context' in r:
    m['context'] = r['context']
  groups = []
  for g in r.get('layer_groups', []):
    g = dict(g)
    lin = g.pop('linear', None)
    if lin is not None:
      g['state_bytes'] = linear_state_bytes(lin)
    groups.append(g)
  if groups:
    # the flat shorthand, only where it describes the model exactly: one full-attention group,
    # or full + sliding groups of the same geometry
    m['layers'] = sum(g['count'] for g in groups)
    kinds = {g['attention'] for g in groups}
    shapes = {(g['kv_heads'], g['head_dim']) for g in groups if 'kv_heads' in g}
    if kinds <= {'full', 'sliding'} and len(shapes) == 1:
      m['kv_heads'], m['head_dim'] = shapes.pop()
      for g in groups:
        if g['attention'] == 'sliding':
          m['sliding_window'] = g['window']
          m['sliding_layers'] = g['count']
    m['layer_groups'] = groups
  if 'components' in r:
    m['components'] = [{'name': c['name'], 'params_b': billions(c['params'])} for c in r['components']]
  m['source'] = r['source']
  return m


def main():
  read_csv = lambda p: list(csv.DictReader(open(os.path.join(DATA, p), encoding='utf-8')))
  hunt = read_csv('gpu_specs/gpuhunt_known_accelerators.csv')
  bw_rules = [(r['name_substring_match_in_order'], float(r['memory_bandwidth_gb_s']))
              for r in read_csv('gpu_specs/llmfit_gpu_memory_bandwidth.csv')]

  alias_to_id = {}
  gpus = []
  for gid, name, vendor, hunt_key, vram, bw_key, tdp, msrp, src, aliases in GPUS:
    arch = EXTRA_ARCH.get(gid)
    if hunt_key is not None:
      hname, hmem = (hunt_key if isinstance(hunt_key, tuple) else (hunt_key, None))
      rows = [r for r in hunt if r['name'] == hname and (hmem is None or int(r['memory_gib']) == hmem)]
      assert rows, (gid, hunt_key)
      row = rows[-1]
      if vram is None:
        vram = int(row['memory_gib'])
      cc = row['cuda_compute_capability']
      arch = CC_ARCH.get(cc) if cc else row['amd_architecture']
    g = {'id': gid, 'name': name, 'vendor': vendor}
    if arch:
      g['architecture'] = arch
    g['vram_gb'] = vram
    if tdp:
      g['tdp_w'] = tdp
    if msrp:
      g['msrp_usd'] = msrp
    if bw_key:
      bw = next((v for pat, v in bw_rules if any(p in bw_key for p in pat.split('|'))), None)
      if bw:
        g['memory_bandwidth_gbps'] = bw
    g['aliases'] = aliases
    if src:
      g['spec_source'] = src
    gpus.append(g)
    for a in aliases + [name, gid]:
      alias_to_id.setdefault(a.lower(), gid)

  unmapped = collections.Counter()
  providers = {}
  offers = []

  # 1. tardellirs offerings (one hand-collected snapshot, 2026-05-24)
  for p in json.load(open(os.path.join(DATA, 'offerings/tardellirs_providers.json'))):
    providers[p['id']] = {'id': p['id'], 'name': p['name'],
                          'kind': TARDELLI_KIND.get(p['id'], 'cloud'), 'url': p['url']}
  for o in json.load(open(os.path.join(DATA, 'offerings/tardellirs_offerings_2026-05-24.json'))):
    gid = alias_to_id.get(o['gpu_model'].lower())
    if gid == 'a100-80gb' and o.get('interconnect') == 'PCIe':
      gid = 'a100-80gb-pcie'
    if o['gpu_model'].lower() in ('nvidia a100', 'nvidia a100 pcie', 'nvidia a100 sxm',
                                  'nvidia a100 sxm4', 'nvidia a100 nvlink'):
      pcie = o.get('interconnect') == 'PCIe'
      gid = 'a100-40gb' if o['vram_gb'] == 40 else ('a100-80gb-pcie' if pcie else 'a100-80gb')
    if o['gpu_model'] == 'NVIDIA H100':
      gid = 'h100-sxm'
    if gid == 'l40' and o['vram_gb'] != 48:
      gid = None
    if gid is None or o['price_usd_hour'] is None or o['price_usd_hour'] <= 0:
      unmapped['offerings: ' + o['gpu_model']] += 1
      continue
    off = {'provider': o['provider_id'], 'gpu': gid, 'gpu_count': 1,
           'price_hr': clean(o['price_usd_hour']),
           'pricing': 'spot' if o['is_spot'] else 'on-demand',
           'instance': o['id']}
    if o.get('vcpu'):
      off['vcpus'] = o['vcpu']
    if o.get('ram_gb'):
      off['ram_gb'] = o['ram_gb']
    off['tier'] = o['tier']
    off['observed_at'] = o['collected_at']
    offers.append(off)

  # 2. SkyPilot catalog GPU rows (per instance, on-demand and spot as separate offers)
  a100_80_clouds = {'cudo', 'mithril', 'seeweb'}
  for r in read_csv('skypilot_catalog/ALL_gpu_rows_normalized.csv'):
    cloud, acc, itype = r['cloud'], r['AcceleratorName'], r['InstanceType']
    low = itype.lower()
    gid = alias_to_id.get(acc.lower())
    if acc == 'H100':
      gid = 'h100-pcie' if 'pcie' in low else 'h100-sxm'
    elif acc == 'A100':
      gid = 'a100-80gb' if cloud in a100_80_clouds else 'a100-40gb'
      if gid == 'a100-80gb' and 'pcie' in low:
        gid = 'a100-80gb-pcie'
    elif acc.startswith('A100-80GB'):
      gid = 'a100-80gb-pcie' if 'pcie' in low else 'a100-80gb'
    elif acc.startswith('A100-40GB'):
      gid = 'a100-40gb'
    if gid is None:
      unmapped['skypilot %s: %s' % (cloud, acc)] += 1
      continue
    count = num(r['AcceleratorCount'])
    if not count or count < 1 or count != int(count):
      unmapped['skypilot %s: %s (fractional GPU count %s)' % (cloud, acc, r['AcceleratorCount'])] += 1
      continue
    pid, pname, pkind, purl = SKY_PROVIDERS[cloud]
    if pid not in providers:
      providers[pid] = {'id': pid, 'name': pname, 'kind': pkind}
      if purl:
        providers[pid]['url'] = purl
    region = r['Region'] or None
    if r['AvailabilityZone']:
      region = r['AvailabilityZone']
    for col, pricing in (('Price', 'on-demand'), ('SpotPrice', 'spot')):
      price = num(r[col])
      if price is None or price <= 0:
        continue
      off = {'provider': pid, 'gpu': gid, 'gpu_count': int(count), 'price_hr': clean(price),
             'pricing': pricing, 'instance': itype}
      vc, mem = num(r['vCPUs']), num(r['MemoryGiB'])
      if vc:
        off['vcpus'] = int(vc) if vc == int(vc) else vc
      if mem:
        off['ram_gb'] = int(mem) if mem == int(mem) else mem
      if region and region != 'default':
        off['region'] = region
      off['source'] = 'skypilot-catalog ' + r['catalog_version'] + '/' + cloud
      offers.append(off)

  # Mithril's auction feed carries placeholder bids ($0.01/hr for an A100; the data README
  # calls them nonsensical). Its offers under a tenth of that GPU's median are left out.
  rates = collections.defaultdict(list)
  for o in offers:
    rates[o['gpu']].append(o['price_hr'] / o['gpu_count'])
  medians = {g: sorted(v)[len(v) // 2] for g, v in rates.items()}
  kept = []
  for o in offers:
    if o['provider'] == 'mithril' and o['price_hr'] / o['gpu_count'] < medians[o['gpu']] / 10:
      unmapped['outlier left out: %s %s $%s/hr' % (o['provider'], o['gpu'], o['price_hr'])] += 1
    else:
      kept.append(o)
  offers = kept

  # 3. Price history: per-GPU-hour daily statistics (tugot17, Prime Intellect marketplace)
  hist_map = {('A100_80GB', 'PCIe'): 'a100-80gb-pcie', ('A100_80GB', 'SXM4'): 'a100-80gb',
              ('H100_80GB', 'PCIe'): 'h100-pcie', ('H100_80GB', 'SXM5'): 'h100-sxm',
              ('H200_141GB', ''): 'h200', ('B200_180GB', ''): 'b200', ('GH200_96GB', ''): 'gh200'}
  history = []
  for r in read_csv('price_history/tugot17_daily_per_gpu.csv'):
    gid = hist_map.get((r['gpu_type'], r['socket_type']))
    if gid is None:
      unmapped['history: %s %s' % (r['gpu_type'], r['socket_type'])] += 1
      continue
    history.append({'gpu': gid, 'date': r['date'],
                    'median_hr': float(r['median_of_snapshot_medians']),
                    'min_hr': float(r['min_price_per_gpu_hr']),
                    'max_hr': float(r['max_price_per_gpu_hr'])})
  history.sort(key=lambda h: (h['gpu'], h['date']))

  # 4. Models (data/sources/models.json)
  models = [model_record(r) for r in json.load(open(MODELS_JSON, encoding='utf-8'))]

  used_providers = sorted({o['provider'] for o in offers})
  sources = [
    {'name': 'gpu-pricing offerings and providers (tardellirs)',
     'url': 'https://github.com/tardellirs/gpu-pricing', 'license': 'MIT',
     'retrieved': '2026-05-25', 'covers': 'offers observed 2026-05-24, provider names and URLs'},
    {'name': 'SkyPilot catalog (skypilot-org/skypilot-catalog)',
     'url': 'https://github.com/skypilot-org/skypilot-catalog', 'license': 'no licence file; '
     'prices pulled from provider APIs (SkyPilot itself is Apache-2.0)',
     'retrieved': '2026-05', 'covers': 'per-instance on-demand and spot offers'},
    {'name': 'GPU price tracker (tugot17/gpu-price-tracker)',
     'url': 'https://github.com/tugot17/gpu-price-tracker', 'license': 'MIT',
     'retrieved': '2025-11-16', 'covers': 'daily per-GPU-hour price history'},
    {'name': 'gpuhunt known accelerators (dstackai/gpuhunt)',
     'url': 'https://github.com/dstackai/gpuhunt', 'license': 'MPL-2.0',
     'retrieved': '2026-08-19', 'covers': 'GPU memory and compute capability'},
    {'name': 'llmfit (AlexsJones/llmfit)', 'url': 'https://github.com/AlexsJones/llmfit',
     'license': 'MIT', 'retrieved': '2026-05-17',
     'covers': 'memory bandwidth rules and model sizes and architectures'},
  ]
  for label, url in SPEC_URLS.items():
    sources.append({'name': label, 'url': url, 'license': 'public specifications',
                    'covers': 'TDP and launch MSRP of: ' +
                    ', '.join(g['id'] for g in gpus if g.get('spec_source') == label)})

  doc = {'schema': 'rentwise-catalog/1', 'generated_at': '2026-05-25T00:00:00Z',
         'currency': 'USD', 'sources': sources, 'gpus': gpus,
         'providers': [providers[p] for p in sorted(providers) if p in used_providers],
         'offers': offers, 'history': history, 'models': models}
  with open(OUT, 'w', encoding='utf-8') as f:
    f.write('{\n')
    keys = list(doc)
    for i, k in enumerate(keys):
      v = doc[k]
      f.write(' %s: ' % json.dumps(k))
      if isinstance(v, list):
        f.write('[\n' + ',\n'.join('  ' + json.dumps(x, ensure_ascii=False) for x in v) + '\n ]')
      else:
        f.write(json.dumps(v, ensure_ascii=False))
      f.write(',\n' if i < len(keys) - 1 else '\n')
    f.write('}\n')

  per_gpu = collections.Counter(o['gpu'] for o in offers)
  print('wrote %s: %d GPUs, %d providers, %d offers, %d history points, %d models'
        % (OUT, len(gpus), len(doc['providers']), len(offers), len(history), len(models)))
  print('GPUs without offers:', ', '.join(g['id'] for g in gpus if not per_gpu[g['id']]) or 'none')
  print('unmapped rows: %d' % sum(unmapped.values()))
  for k, v in sorted(unmapped.items()):
    print('  %4d  %s' % (v, k))


if __name__ == '__main__':
  main()
