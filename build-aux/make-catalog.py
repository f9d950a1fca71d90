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

# Reference-page models first, then a spread of popular open-weights models.
MODELS = [
  ('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'DeepSeek R1 Distill Qwen 14B', 'DeepSeek'),
  ('google/gemma-3-27b-it', 'Gemma 3 27B', 'Google'),
  ('Qwen/Qwen2.5-Coder-32B-Instruct', 'Qwen 2.5 Coder 32B', 'Alibaba (Qwen)'),
  ('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'DeepSeek R1 Distill Qwen 32B', 'DeepSeek'),
  ('Qwen/Qwen2.5-32B-Instruct', 'Qwen 2.5 32B', 'Alibaba (Qwen)'),
  ('lmstudio-community/Qwen3-32B-MLX-4bit', 'Qwen 3 32B', 'Alibaba (Qwen)'),
  ('meta-llama/CodeLlama-34b-Instruct-hf', 'Code Llama 34B', 'Meta'),
  ('01-ai/Yi-34B-Chat', 'Yi-34B', '01.AI'),
  ('Qwen/Qwen3.6-35B-A3B', 'Qwen 3.6 35B A3B', 'Alibaba (Qwen)'),
  ('Qwen/Qwen3.5-35B-A3B', 'Qwen 3.5 35B A3B', 'Alibaba (Qwen)'),
  ('meta-llama/Llama-3.3-70B-Instruct', 'Llama 3.3 70B', 'Meta'),
  ('Qwen/Qwen2.5-72B-Instruct', 'Qwen 2.5 72B', 'Alibaba (Qwen)'),
  ('deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 'DeepSeek R1 Distill Llama 70B', 'DeepSeek'),
  ('meta-llama/Llama-3.1-70B-Instruct', 'Llama 3.1 70B', 'Meta'),
  ('NousResearch/Hermes-4-70B-FP8', 'Hermes 4 70B', 'Nous Research'),
  ('Qwen/Qwen2.5-VL-72B-Instruct', 'Qwen 2.5 VL 72B Instruct', 'Alibaba (Qwen)'),
  ('Sao10K/L3.3-70B-Euryale-v2.3', 'Llama 3.3 Euryale 70B', 'Sao10K'),
  ('anthracite-org/magnum-v4-72b', 'Magnum v4 72B', 'Anthracite'),
  ('meta-llama/Meta-Llama-3-70B-Instruct', 'Llama 3 70B Instruct', 'Meta'),
  ('Qwen/Qwen3-0.6B', 'Qwen 3 0.6B', 'Alibaba (Qwen)'),
  ('meta-llama/Llama-3.2-3B', 'Llama 3.2 3B', 'Meta'),
  ('microsoft/Phi-3.5-mini-instruct', 'Phi-3.5 mini', 'Microsoft'),
  ('mistralai/Mistral-7B-Instruct-v0.3', 'Mistral 7B Instruct v0.3', 'Mistral AI'),
  ('Qwen/Qwen2.5-7B-Instruct', 'Qwen 2.5 7B', 'Alibaba (Qwen)'),
  ('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'DeepSeek R1 Distill Qwen 7B', 'DeepSeek'),
  ('meta-llama/Llama-3.1-8B-Instruct', 'Llama 3.1 8B', 'Meta'),
  ('Qwen/Qwen3-8B', 'Qwen 3 8B', 'Alibaba (Qwen)'),
  ('google/gemma-2-9b-it', 'Gemma 2 9B', 'Google'),
  ('google/gemma-3-12b-it', 'Gemma 3 12B', 'Google'),
  ('mistralai/Mistral-Nemo-Instruct-2407', 'Mistral Nemo 12B', 'Mistral AI'),
  ('microsoft/phi-4', 'Phi-4', 'Microsoft'),
  ('Qwen/Qwen3-14B', 'Qwen 3 14B', 'Alibaba (Qwen)'),
  ('Qwen/Qwen2.5-Coder-14B-Instruct', 'Qwen 2.5 Coder 14B', 'Alibaba (Qwen)'),
  ('mistralai/Mistral-Small-24B-Instruct-2501', 'Mistral Small 24B', 'Mistral AI'),
  ('google/gemma-4-31B-it', 'Gemma 4 31B', 'Google'),
  ('Qwen/Qwen3.6-27B', 'Qwen 3.6 27B', 'Alibaba (Qwen)'),
  ('CohereForAI/c4ai-command-r-v01', 'Command R 35B', 'Cohere'),
  ('mistralai/Mixtral-8x7B-Instruct-v0.1', 'Mixtral 8x7B', 'Mistral AI'),
  ('Qwen/Qwen3-Coder-Next', 'Qwen 3 Coder Next', 'Alibaba (Qwen)'),
  ('Qwen/Qwen3.5-122B-A10B', 'Qwen 3.5 122B A10B', 'Alibaba (Qwen)'),
  ('mistralai/Mixtral-8x22B-Instruct-v0.1', 'Mixtral 8x22B', 'Mistral AI'),
  ('MiniMaxAI/MiniMax-M2.5', 'MiniMax M2.5', 'MiniMax'),
  ('Qwen/Qwen3-235B-A22B', 'Qwen 3 235B A22B', 'Alibaba (Qwen)'),
  ('meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'Llama 4 Maverick', 'Meta'),
  ('meta-llama/Llama-3.1-405B-Instruct', 'Llama 3.1 405B', 'Meta'),
  ('Qwen/Qwen3-Coder-480B-A35B-Instruct', 'Qwen 3 Coder 480B A35B', 'Alibaba (Qwen)'),
  ('deepseek-ai/DeepSeek-V3', 'DeepSeek V3', 'DeepSeek'),
  ('deepseek-ai/DeepSeek-R1', 'DeepSeek R1', 'DeepSeek'),
  ('moonshotai/Kimi-K2-Instruct', 'Kimi K2 Instruct', 'Moonshot AI'),
]
# Upstream flags these context lengths as inflated; above it we leave context out.
MAX_PLAUSIBLE_CONTEXT = 1048576


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
  history.sort(key=lambda h: (h['gpu'], h['date']))

  # 4. Models (llmfit): architecture fields from a mirror when the gated original lacks them
  rows = list(csv.DictReader(open(os.path.join(DATA, 'models/llmfit_hf_models.csv'), encoding='utf-8')))
  by_name = {r['name']: r for r in rows}
  models = []
  for hf, name, maker in MODELS:
    r = by_name.get(hf)
    if r is None:
      unmapped['models: ' + hf] += 1
      continue
    m = {'id': slug(name), 'name': name, 'maker': maker, 'hf_repo': hf,
         'params_b': round(int(r['parameters_raw']) / 1e9, 2)}
    ctx = num(r['context_length'])
    if ctx and ctx <= MAX_PLAUSIBLE_CONTEXT:
      m['context'] = int(ctx)
    arch = r
    if not (r['num_hidden_layers'] and r['num_key_value_heads'] and r['head_dim']):
      base = hf.split('/')[-1].lower()
      arch = next((x for x in rows if x['name'].split('/')[-1].lower() == base and
                   x['num_hidden_layers'] and x['num_key_value_heads'] and x['head_dim']), None)
      if arch is not None:
        m['arch_from'] = arch['name']
    if arch is not None:
      m['layers'] = int(arch['num_hidden_layers'])
      m['kv_heads'] = int(arch['num_key_value_heads'])
      m['head_dim'] = int(arch['head_dim'])
    if r['is_moe'] == 'True' and r['active_parameters']:
      m['active_params_b'] = round(int(float(r['active_parameters'])) / 1e9, 2)
    models.append(m)

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
