#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build Rentwise's built-in catalog (rentwise-catalog/1) from the real, public
data in ../shared/data (see its README for sources and licences).

Re-runnable:  build-aux/make-catalog.py [DATA_DIR] [OUTPUT]
Defaults:     ../shared/data  ->  data/catalog.json

Nothing here invents a price: every offer is a row of the input files. GPU
memory and architecture come from gpuhunt (memory, compute capability); every
other GPU value (TDP, bandwidth, interconnect, driver-reported memory, purchase
price) comes from data/sources/gpus.json with its public source, provider kinds
from data/sources/providers.json, and the newer price history from
data/sources/history-ccir-vast.csv (see data/sources/README.md).
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

# id, name, vendor, gpuhunt name (memory / architecture), vram override, aliases.
# Every other spec (TDP, bandwidth, interconnect, driver-reported memory, purchase price) and
# the source of each value come from data/sources/gpus.json.
GPUS = [
  ('b300', 'NVIDIA B300', 'NVIDIA', 'B300', None,
   ['B300', 'B300 SXM6', 'NVIDIA B300', 'NVIDIA B300 SXM6', 'NVIDIA HGX B300']),
  ('gb300', 'NVIDIA GB300', 'NVIDIA', None, 288,
   ['GB300', 'GB300 SXM6', 'NVIDIA GB300 SXM6']),
  ('b200', 'NVIDIA B200', 'NVIDIA', 'B200', None,
   ['B200', 'B200 SXM6', 'NVIDIA B200', 'NVIDIA B200 SXM', 'NVIDIA B200 SXM6', 'NVIDIA B200 NVL']),
  ('h200', 'NVIDIA H200', 'NVIDIA', 'H200', None,
   ['H200', 'H200 SXM', 'NVIDIA H200', 'NVIDIA H200 SXM', 'NVIDIA H200 SXM5', 'NVIDIA HGX H200']),
  ('gh200', 'NVIDIA GH200', 'NVIDIA', 'GH200', None,
   ['GH200', 'NVIDIA GH200', 'GH200 96GB']),
  ('h100-sxm', 'NVIDIA H100 SXM', 'NVIDIA', 'H100', None,
   ['H100', 'H100-80GB', 'H100 SXM', 'H100-SXM', 'H100 SXM5', 'H100-80G-SXM5', 'H100-NVLINK',
    'NVIDIA H100 SXM', 'NVIDIA H100 SXM5', 'NVIDIA HGX H100', 'NVIDIA HGX H100 SXM',
    'NVIDIA H100 NVLink']),
  ('h100-pcie', 'NVIDIA H100 PCIe', 'NVIDIA', 'H100', None,
   ['H100 PCIe', 'H100-80G-PCIe', 'H100-80G-PCIe-NVLink', 'NVIDIA H100 PCIe',
    'NVIDIA H100 PCIe NVLink']),
  ('h100-nvl', 'NVIDIA H100 NVL', 'NVIDIA', 'H100NVL', None,
   ['H100 NVL', 'H100NVL', 'NVIDIA H100 NVL']),
  ('a100-80gb', 'NVIDIA A100 80GB SXM', 'NVIDIA', ('A100', 80), None,
   ['A100-80GB', 'A100 80GB', 'A100 SXM', 'NVIDIA A100 80GB', 'NVIDIA A100 80GB SXM',
    'NVIDIA A100 SXM4 80GB', 'NVIDIA A100 80GB NVLink']),
  ('a100-80gb-pcie', 'NVIDIA A100 80GB PCIe', 'NVIDIA', ('A100', 80), None,
   ['A100-80G-PCIe', 'A100-80G-PCIe-NVLink', 'NVIDIA A100 80GB PCIe']),
  ('a100-40gb', 'NVIDIA A100 40GB', 'NVIDIA', ('A100', 40), None,
   ['A100-40GB', 'A100 40GB', 'NVIDIA A100 40GB']),
  ('a800', 'NVIDIA A800 80GB', 'NVIDIA', None, 80,
   ['A800', 'A800 80G']),
  ('a40', 'NVIDIA A40', 'NVIDIA', 'A40', None,
   ['A40', 'NVIDIA A40']),
  ('a30', 'NVIDIA A30', 'NVIDIA', None, 24,
   ['A30', 'NVIDIA A30']),
  ('a10', 'NVIDIA A10', 'NVIDIA', 'A10', None,
   ['A10', 'NVIDIA A10']),
  ('a16', 'NVIDIA A16', 'NVIDIA', 'A16', None,
   ['A16', 'NVIDIA A16']),
  ('l40s', 'NVIDIA L40S', 'NVIDIA', 'L40S', None,
   ['L40S', 'NVIDIA L40S']),
  ('l40', 'NVIDIA L40', 'NVIDIA', 'L40', None,
   ['L40', 'NVIDIA L40']),
  ('l4', 'NVIDIA L4', 'NVIDIA', 'L4', None,
   ['L4', 'NVIDIA L4']),
  ('t4', 'NVIDIA T4', 'NVIDIA', 'T4', None,
   ['T4', 'NVIDIA T4', 'Tesla T4']),
  ('v100-16gb', 'NVIDIA V100 16GB', 'NVIDIA', ('V100', 16), None,
   ['V100', 'V100-16GB', 'Tesla-V100', 'Tesla V100', 'Tesla V100 NVLink', 'Tesla V100 SXM2']),
  ('v100-32gb', 'NVIDIA V100 32GB', 'NVIDIA', ('V100', 32), None,
   ['V100-32GB', 'V100 32GB']),
  ('p40', 'NVIDIA Tesla P40', 'NVIDIA', None, 24,
   ['Tesla P40', 'P40']),
  ('rtx-pro-6000', 'NVIDIA RTX PRO 6000 Blackwell', 'NVIDIA', 'RTXPRO6000', None,
   ['RTX PRO 6000', 'RTX Pro 6000', 'RTXPro6000', 'RTXPRO6000', 'RTX-PRO-6000', 'RTXPRO6000WS',
    'RTXPRO6000-WK', 'RTX PRO 6000 SE', 'RTX PRO 6000 WE', 'RTX Pro 6000 Blackwell',
    'NVIDIA RTX PRO 6000', 'NVIDIA RTX Pro 6000', 'NVIDIA RTX 6000 Pro', 'NVIDIA RTX Pro 6000 SE',
    'NVIDIA RTX PRO 6000 CC', 'NVIDIA RTX PRO-A6000 SE']),
  ('rtx-6000-ada', 'NVIDIA RTX 6000 Ada', 'NVIDIA', 'RTX6000Ada', None,
   ['RTX 6000 Ada', 'RTX6000Ada', 'RTX-6000-Ada', 'RTX6000-Ada', 'NVIDIA RTX 6000 Ada']),
  ('rtx-a6000', 'NVIDIA RTX A6000', 'NVIDIA', 'A6000', None,
   ['RTX A6000', 'A6000', 'RTXA6000', 'RTX-A6000', 'NVIDIA RTX A6000', 'NVIDIA A6000']),
  ('rtx-a5000', 'NVIDIA RTX A5000', 'NVIDIA', 'A5000', None,
   ['RTX A5000', 'A5000', 'RTXA5000', 'NVIDIA RTX A5000']),
  ('rtx-a4000', 'NVIDIA RTX A4000', 'NVIDIA', 'A4000', None,
   ['RTX A4000', 'A4000', 'RTX-A4000', 'NVIDIA RTX A4000']),
  ('rtx-4000-ada', 'NVIDIA RTX 4000 Ada', 'NVIDIA', 'RTX4000Ada', None,
   ['RTX 4000 Ada', 'RTX4000Ada', 'NVIDIA RTX 4000 Ada']),
  ('quadro-rtx-6000', 'NVIDIA Quadro RTX 6000', 'NVIDIA', 'RTX6000', None,
   ['RTX6000', 'Quadro RTX 6000', 'NVIDIA Quadro RTX 6000']),
  ('rtx-5090', 'NVIDIA GeForce RTX 5090', 'NVIDIA', 'RTX5090', None,
   ['RTX 5090', 'RTX5090', 'RTX 5090 (High freq.)', 'NVIDIA RTX 5090', 'NVIDIA GeForce RTX 5090']),
  ('rtx-5080', 'NVIDIA GeForce RTX 5080', 'NVIDIA', 'RTX5080', None,
   ['RTX 5080', 'RTX5080']),
  ('rtx-5070-ti', 'NVIDIA GeForce RTX 5070 Ti', 'NVIDIA', 'RTX5070Ti', None,
   ['RTX 5070 Ti', 'RTX5070Ti']),
  ('rtx-5070', 'NVIDIA GeForce RTX 5070', 'NVIDIA', 'RTX5070', None,
   ['RTX 5070', 'RTX5070']),
  ('rtx-5060-ti', 'NVIDIA GeForce RTX 5060 Ti 16GB', 'NVIDIA', ('RTX5060Ti', 16), None,
   ['RTX 5060 Ti', 'RTX5060Ti']),
  ('rtx-4090', 'NVIDIA GeForce RTX 4090', 'NVIDIA', 'RTX4090', None,
   ['RTX 4090', 'RTX4090', 'RTX 4090 24GB', 'RTX 4090 (High freq.)', 'NVIDIA RTX 4090',
    'NVIDIA GeForce RTX 4090']),
  ('rtx-4080', 'NVIDIA GeForce RTX 4080', 'NVIDIA', 'RTX4080', None,
   ['RTX 4080', 'RTX4080']),
  ('rtx-4070-ti', 'NVIDIA GeForce RTX 4070 Ti', 'NVIDIA', 'RTX4070Ti', None,
   ['RTX 4070 Ti', 'RTX4070Ti']),
  ('rtx-4070', 'NVIDIA GeForce RTX 4070', 'NVIDIA', 'RTX4070', None,
   ['RTX 4070', 'RTX4070']),
  ('rtx-4060-ti', 'NVIDIA GeForce RTX 4060 Ti 16GB', 'NVIDIA', ('RTX4060Ti', 16), None,
   ['RTX 4060 Ti', 'RTX4060Ti']),
  ('rtx-3090', 'NVIDIA GeForce RTX 3090', 'NVIDIA', 'RTX3090', None,
   ['RTX 3090', 'RTX3090', 'NVIDIA RTX 3090']),
  ('rtx-3090-ti', 'NVIDIA GeForce RTX 3090 Ti', 'NVIDIA', 'RTX3090Ti', None,
   ['RTX 3090 Ti', 'RTX3090Ti']),
  ('rtx-3080', 'NVIDIA GeForce RTX 3080', 'NVIDIA', 'RTX3080', None,
   ['RTX 3080', 'RTX3080']),
  ('rtx-3060', 'NVIDIA GeForce RTX 3060 12GB', 'NVIDIA', ('RTX3060', 12), None,
   ['RTX 3060', 'RTX3060']),
  ('mi300x', 'AMD Instinct MI300X', 'AMD', 'MI300X', None,
   ['MI300X', 'AMD MI300X']),
  ('mi350x', 'AMD Instinct MI350X', 'AMD', 'MI350X', None,
   ['MI350X', 'AMD MI350X']),
]

CC_ARCH = {'6.0': 'Pascal', '6.1': 'Pascal', '7.0': 'Volta', '7.5': 'Turing', '8.0': 'Ampere',
           '8.6': 'Ampere', '8.9': 'Ada Lovelace', '9.0': 'Hopper', '10.0': 'Blackwell',
           '12.0': 'Blackwell'}
EXTRA_ARCH = {'gb300': 'Blackwell', 'a30': 'Ampere', 'a800': 'Ampere', 'p40': 'Pascal'}

# SkyPilot cloud -> provider id; every provider's name, url and kind (with the fact the kind
# rests on) are in data/sources/providers.json.
SKY_PROVIDERS = {
  'aws': 'aws', 'cudo': 'cudo', 'fluidstack': 'fluidstack', 'hyperbolic': 'hyperbolic',
  'hyperstack': 'hyperstack', 'jarvislabs': 'jarvis-labs', 'lambda': 'lambda', 'lium': 'lium',
  'mithril': 'mithril', 'nebius': 'nebius', 'primeintellect': 'prime-intellect',
  'seeweb': 'seeweb', 'shadeform': 'shadeform', 'vast': 'vast-ai', 'verda': 'verda',
  'yotta': 'yotta',
}
PROVIDER_KINDS = ('hyperscaler', 'cloud', 'marketplace', 'aggregator')
INTERCONNECTS = ('SXM', 'PCIe', 'NVL', 'OAM', 'NVLink-C2C')
GPUHUNT_URL = ('https://github.com/dstackai/gpuhunt/blob/35841515de3792fe6be73b0422ac8901b6b929c8/'
               'src/gpuhunt/_internal/constraints.py')
LLMFIT_URL = ('https://github.com/AlexsJones/llmfit/blob/3f44fd30a43d2619146f7bc0aa66c90aa54d78e6/'
              'llmfit-core/src/hardware.rs')

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
  # the shapes the fine-tuning fit needs (docs/FIT.md, "Fine-tuning"): hidden_size always,
  # attention_heads and the MLP's intermediate_size where the source states them (dense models)
  for key in ('hidden_size', 'attention_heads', 'intermediate_size'):
    if key in r:
      m[key] = r[key]
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

  sources_dir = os.path.join(HERE, '..', 'data', 'sources')
  specs = json.load(open(os.path.join(sources_dir, 'gpus.json'), encoding='utf-8'))['gpus']
  assert set(specs) == {t[0] for t in GPUS}, set(specs) ^ {t[0] for t in GPUS}
  alias_to_id = {}
  gpus = []
  for gid, name, vendor, hunt_key, vram, aliases in GPUS:
    spec = specs[gid]
    spec_sources = dict(spec['spec_sources'])
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
    spec_sources.setdefault('vram_gb', GPUHUNT_URL)
    for member in ('tdp_w', 'memory_bandwidth_gbps', 'interconnect', 'usable_vram_mib'):
      if member in spec:
        assert spec_sources.get(member), (gid, member, 'value without a source')
        g[member] = spec[member]
    if 'llmfit_key' in spec:
      # the bandwidth claimed from llmfit must be what its rules give (first substring match)
      bw = next((v for pat, v in bw_rules if any(p in spec['llmfit_key'] for p in pat.split('|'))),
                None)
      assert bw == spec['memory_bandwidth_gbps'], (gid, bw, spec['memory_bandwidth_gbps'])
      assert spec_sources['memory_bandwidth_gbps'] == LLMFIT_URL, gid
    if spec_sources.get('usable_vram_mib', '').startswith('derived:'):
      # the rule named in data/sources/README.md: decimal GB read as MiB, rounded down
      assert spec['usable_vram_mib'] == vram * 10**9 // 2**20, (gid, spec['usable_vram_mib'])
    assert g.get('interconnect') in INTERCONNECTS + (None,), (gid, g.get('interconnect'))
    price = spec.get('purchase_price')
    if price:
      assert price['usd'] > 0 and price['source'].startswith('https://'), gid
      if not price['estimate']:
        g['msrp_usd'] = price['usd']
      g['purchase_price'] = {k: price[k] for k in ('usd', 'estimate', 'source', 'date')}
    g['aliases'] = aliases
    g['spec_sources'] = spec_sources
    gpus.append(g)
    for a in aliases + [name, gid]:
      alias_to_id.setdefault(a.lower(), gid)

  unmapped = collections.Counter()
  providers = {}
  offers = []

  kinds = json.load(open(os.path.join(sources_dir, 'providers.json'), encoding='utf-8'))
  kinds = kinds['providers']

  def provider(pid, name=None, url=None):
    info = kinds[pid]
    assert info['kind'] in PROVIDER_KINDS, (pid, info['kind'])
    rec = {'id': pid, 'name': name or info['name'], 'kind': info['kind']}
    if url or info.get('url'):
      rec['url'] = url or info['url']
    return rec

  # 1. tardellirs offerings (one hand-collected snapshot, 2026-05-24)
  for p in json.load(open(os.path.join(DATA, 'offerings/tardellirs_providers.json'))):
    providers[p['id']] = provider(p['id'], p['name'], p['url'])
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
    pid = SKY_PROVIDERS[cloud]
    if pid not in providers:
      providers[pid] = provider(pid)
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
      # Vast.ai rows without a city read ", US, NA": drop the empty items
      region = ', '.join(p.strip() for p in (region or '').split(',') if p.strip())
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
  # newer daily series: CCIR's archive of US Vast.ai listings (2026-02-26 .. 2026-03-06, one
  # marketplace), made into daily statistics by build-aux/extract-ccir-history.py
  seen = {(h['gpu'], h['date']) for h in history}
  with open(os.path.join(sources_dir, 'history-ccir-vast.csv'), encoding='utf-8') as f:
    for r in csv.DictReader(f):
      assert r['gpu'] in specs and (r['gpu'], r['date']) not in seen, (r['gpu'], r['date'])
      history.append({'gpu': r['gpu'], 'date': r['date'], 'median_hr': float(r['median_hr']),
                      'min_hr': float(r['min_hr']), 'max_hr': float(r['max_hr']),
                      'providers': 1, 'source': 'ccir-vast'})
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
     'covers': 'memory bandwidth rules; model parameter counts (architectures: data/sources/models.json)'},
  ]
  sources += [
    {'name': 'CCIR daily Vast.ai snapshots (ccir-index/cri-h100), (c) 2026 CCIR - Compute Credit '
             'Index Research', 'url': 'https://github.com/ccir-index/cri-h100',
     'license': 'CC BY 4.0 (data)', 'retrieved': '2026-03-06',
     'covers': 'daily price history 2026-02-26 to 2026-03-06 (history source "ccir-vast")'},
    {'name': 'GPU specifications and purchase prices, one public source per value',
     'url': 'https://github.com/modal-labs/modal-client/pull/2797',
     'license': 'facts, cited per value in each GPU\'s spec_sources and purchase_price.source',
     'covers': 'TDP, memory bandwidth, interconnect, driver-reported memory and purchase price '
               '(data/sources/gpus.json)'},
  ]

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
