#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the built-in models and the measured memory ledger as data: every model carries its
architecture (layer groups, real context, source), the KV sizes the issue states come out of
those numbers, and every ledger row names a catalog model and GPU. TAP output."""
import csv
import json
import math
import os
import sys

top = sys.argv[1]
catalog = json.load(open(os.path.join(top, 'data', 'catalog.json'), encoding='utf-8'))
models = {m['id']: m for m in catalog['models']}
gpus = {g['id'] for g in catalog['gpus']}
results = []


def check(ok, what, problems=()):
  results.append((ok and not problems, what, list(problems)))


def kv_bytes(m, tokens, dtype_bytes=2):
  """KV cache of one session in bytes: full layers keep every token, sliding layers their window,
  MLA layers one latent (kv_lora_rank + qk_rope_head_dim) per token; linear layers hold a fixed
  state, left out here."""
  total = 0
  for g in m.get('layer_groups', []):
    if g['attention'] == 'full':
      total += g['count'] * 2 * g['kv_heads'] * g['head_dim'] * dtype_bytes * tokens
    elif g['attention'] == 'sliding':
      total += g['count'] * 2 * g['kv_heads'] * g['head_dim'] * dtype_bytes * min(tokens, g['window'])
    elif g['attention'] == 'mla':
      total += g['count'] * (g['kv_lora_rank'] + g['qk_rope_head_dim']) * dtype_bytes * tokens
  return total


problems = []
for m in models.values():
  where = m['id']
  if not str(m.get('source', '')).startswith('https://'):
    problems.append(where + ': no https source')
  if m.get('kind', 'llm') == 'image':
    parts = sum(c['params_b'] for c in m.get('components', []))
    if not m.get('components') or not math.isclose(parts, m['params_b'], rel_tol=1e-9):
      problems.append(where + ': components do not add up to params_b')
    continue
  for key in ('context', 'active_params_b', 'embedding_params_b', 'tied_embeddings', 'layer_groups'):
    if key not in m:
      problems.append('%s: no %s' % (where, key))
  if 'layer_groups' not in m:
    continue
  if sum(g['count'] for g in m['layer_groups']) != m.get('layers'):
    problems.append(where + ': layer groups do not add up to layers')
  if not 0 < m['active_params_b'] <= m['params_b'] or not 0 < m['embedding_params_b'] < m['params_b']:
    problems.append(where + ': active or embedding parameters out of range')
  for g in m['layer_groups']:
    need = {'full': ('kv_heads', 'head_dim'), 'sliding': ('kv_heads', 'head_dim', 'window'),
            'mla': ('kv_lora_rank', 'qk_rope_head_dim'), 'linear': ('state_bytes',)}[g['attention']]
    if any(not isinstance(g.get(k), int) or g[k] <= 0 for k in need):
      problems.append('%s: %s group lacks %s' % (where, g['attention'], ', '.join(need)))
check(True, 'every model has a source, its architecture as layer groups, context and parameters',
      problems)

# The numbers issue 14 states (GB = 1e9 bytes, FP16 KV)
expected = [('gemma-3-12b', 131072, 8.93), ('deepseek-v3', 8192, 0.58), ('qwen-3-coder-next', 8192, 0.20)]
problems = ['%s at %d tokens: %.4f GB, expected %.2f' % (i, t, kv_bytes(models.get(i, {}), t) / 1e9, gb)
            for i, t, gb in expected if round(kv_bytes(models.get(i, {}), t) / 1e9, 2) != gb]
check(True, 'KV of Gemma 3 12B, DeepSeek V3 and Qwen 3 Coder Next as issue 14 states', problems)

problems = ['%s: context %s' % (i, models[i].get('context'))
            for i in ('llama-3-1-8b', 'llama-3-1-70b', 'llama-3-3-70b', 'llama-3-1-405b')
            if models[i].get('context') != 131072]
check(True, 'Llama 3.1 and 3.3 have their 131072-token context', problems)

path = os.path.join(top, 'tests', 'fixtures', 'measured-memory.csv')
fields = ['model', 'precision', 'context', 'sessions', 'engine', 'gpu', 'gpus', 'quantity', 'value',
          'unit', 'fits', 'source', 'note']
header, rows = None, []
if os.path.exists(path):
  with open(path, encoding='utf-8', newline='') as f:
    reader = csv.DictReader(f)
    header = reader.fieldnames
    rows = list(reader)
problems = [] if header == fields else ['header is %s' % header]
for n, r in enumerate(rows, 2):
  bad = []
  if r['model'] not in models:
    bad.append('model ' + r['model'])
  if r['gpu'] and r['gpu'] not in gpus:
    bad.append('gpu ' + r['gpu'])
  if r['engine'] not in ('vllm', 'llamacpp', 'transformers', 'diffusers'):
    bad.append('engine ' + r['engine'])
  if r['unit'] not in ('GiB', 'GB', 'MiB', 'tokens') or r['fits'] not in ('yes', 'no', ''):
    bad.append('unit or fits')
  if not r['source'].startswith('https://') or not r['note']:
    bad.append('source or note')
  try:
    ok = float(r['value']) > 0 and all(not r[k] or int(r[k]) > 0 for k in ('context', 'sessions', 'gpus'))
  except ValueError:
    ok = False
  if not ok:
    bad.append('numbers')
  if bad:
    problems.append('line %d: %s' % (n, ', '.join(bad)))
check(True, 'every ledger row names a catalog model and GPU, an engine, a unit and a source',
      problems)


def family(m):
  groups = {g['attention'] for g in m.get('layer_groups', [])}
  if m.get('kind') == 'image':
    return 'image'
  for kind, name in (('mla', 'mla'), ('linear', 'hybrid linear'), ('sliding', 'sliding window')):
    if kind in groups:
      return name
  return 'moe' if m.get('active_params_b', m['params_b']) < m['params_b'] else 'dense'


engines = {r['engine'] for r in rows}
families = {family(models[r['model']]) for r in rows if r['model'] in models}
check(len(rows) >= 30 and len(engines & {'vllm', 'llamacpp', 'transformers'}) >= 3 and len(families) >= 6,
      'the ledger has at least 30 rows, 3 engines and 6 architecture families',
      [] if len(rows) >= 30 and len(families) >= 6 else
      ['%d rows, engines %s, families %s' % (len(rows), sorted(engines), sorted(families))])

# The fine-tuning fit's shapes (docs/FIT.md, "Fine-tuning"): every language model has its
# hidden size, consistent with its embedding; where a dense model with one full-attention group
# states its query heads and MLP width, the standard decoder layout (q, k, v, o; gate, up, down;
# embedding and, untied, the output head) gives back its parameter count within 0.5 %. Known
# exceptions: Qwen 2.5 VL counts its vision encoder; Qwen 3 0.6B's checkpoint stores the output
# head although the config ties it.
LAYOUT_EXCEPTIONS = {'qwen-2-5-vl-72b-instruct', 'qwen-3-0-6b'}
problems = []
n_layout = 0
for m in models.values():
  if m.get('kind') == 'image':
    continue
  h = m.get('hidden_size')
  if not h:
    problems.append('%s: no hidden_size' % m['id'])
    continue
  vocab = m['embedding_params_b'] * 1e9 / h
  if abs(vocab - round(vocab)) > 1e-3:
    problems.append('%s: embedding_params_b is not a whole vocabulary × hidden_size' % m['id'])
  groups = m.get('layer_groups', [])
  if ('intermediate_size' not in m or 'attention_heads' not in m or len(groups) != 1 or
      groups[0]['attention'] != 'full' or m['id'] in LAYOUT_EXCEPTIONS):
    continue
  g = groups[0]
  q, kv = m['attention_heads'] * g['head_dim'], g['kv_heads'] * g['head_dim']
  per_layer = h * (q + 2 * kv) + q * h + 3 * h * m['intermediate_size']
  params = g['count'] * per_layer + m['embedding_params_b'] * 1e9 * (1 if m['tied_embeddings'] else 2)
  n_layout += 1
  if abs(params / (m['params_b'] * 1e9) - 1) > 0.005:
    problems.append('%s: the layout gives %.0f parameters, params_b says %.0f' %
                    (m['id'], params, m['params_b'] * 1e9))
check(n_layout >= 15, 'every language model has hidden_size; attention_heads and '
      'intermediate_size reproduce the parameter count (%d models)' % n_layout, problems)

print('1..%d' % len(results))
for n, (ok, what, probs) in enumerate(results, 1):
  print('%s %d %s' % ('ok' if ok else 'not ok', n, what))
  for p in probs:
    print('# ' + p)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
