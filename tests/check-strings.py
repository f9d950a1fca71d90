#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks every translatable string of src/ and data/ (issue 13). TAP output.

1. Sentence case, as the app's labels, rows, group titles, buttons and menu items are
   written (GNOME HIG, "Writing style": sentence capitalization): after the first word, a
   capitalized word is a proper noun or an acronym from PROPER, or starts a new sentence or
   clause (after ". ", ": ", "? ", "! ", "— ", "(").
2. No "%" followed by a space and a letter ("10 % or …"): xgettext takes "% o" for a C format
   directive and flags the message c-format, so msgfmt --check then refuses a translation
   that writes it otherwise.
3. No path of the source tree ("docs/FIT.md"): users have the app and its help, not the repo.
"""
import os
import re
import sys

top = sys.argv[1]

# proper nouns, product words and the names of the views that keep their capital in a sentence
PROPER = set('''
AMD Apple Blackwell Background Celsius Compare CUDA Debian Flatpak GeForce GNOME Google Hopper
Intel Lambda Linux Llama Lovelace Meta Mistral NVIDIA Preferences Quadro Radeon Rentwise RunPod
SkyPilot Tesla Vast.ai Ada Ampere Turing Volta Gemma Qwen DeepSeek Phi Whisper Stable Diffusion
Shell Enter Escape Tab Ctrl Shift Alt Space Return LoRA QLoRA ZeRO-3 Tokens Vendor Architecture
Vultr Hyperstack Verda Prime Intellect Paperspace Azure Cloud Oracle Fluidstack TensorDock
Instances Overview Models Providers
'''.split())

strings = []
c_string = re.compile(r'(?:\b_|\bN_|\bC_\s*\(\s*"[^"]*"\s*,|\bg_dngettext\s*\(\s*GETTEXT_PACKAGE\s*,)'
                      r'\s*\(?\s*((?:"(?:[^"\\]|\\.)*"\s*(?:G_G?U?INT64_FORMAT\s*)?)+)')
ui_string = re.compile(r'translatable="yes"[^>]*>([^<]*)<')
xml_string = re.compile(r'<(summary|description)>([^<]*)<')

for root in ('src', 'data'):
    for dirpath, _, names in os.walk(os.path.join(top, root)):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, top)
            if name.endswith('.c'):
                text = open(path, encoding='utf-8').read()
                for m in c_string.finditer(text):
                    joined = re.sub(r'"\s*G_G?U?INT64_FORMAT\s*"', '" "lu" "', m.group(1))
                    lit = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', joined))
                    strings.append((rel, text.count('\n', 0, m.start()) + 1, lit))
            elif name.endswith('.ui'):
                text = open(path, encoding='utf-8').read()
                for m in ui_string.finditer(text):
                    strings.append((rel, text.count('\n', 0, m.start()) + 1, m.group(1)))
            elif name.endswith('.gschema.xml'):
                text = open(path, encoding='utf-8').read()
                for m in xml_string.finditer(text):
                    strings.append((rel, text.count('\n', 0, m.start()) + 1, m.group(2)))

word = re.compile(r"[A-Za-z][A-Za-z0-9.’'\-]*")
title_case = []
percent = []
repo_paths = []
for rel, line, s in strings:
    if re.search(r'\b(docs|src|data|tests|build-aux)/', s):
        repo_paths.append('%s:%d: %s' % (rel, line, s))
    plain = s.replace('_', '').replace('\\n', '\n')
    if re.search(r'%(?!%) [A-Za-z]', plain.replace('%%', '')):
        percent.append('%s:%d: %s' % (rel, line, s))
    for m in word.finditer(plain):
        w = m.group(0)
        before = plain[:m.start()].rstrip(' ')
        if m.start() == 0 or not before or before[-1] in '.:?!—(\n"“' or before.endswith('%s'):
            continue
        if not w[0].isupper() or w.upper() == w or any(c.isdigit() for c in w):
            continue
        if w.rstrip('.’\'s') in PROPER or w in PROPER or w.split('’')[0] in PROPER:
            continue
        if plain[:m.start()].strip() and w[1:].lower() != w[1:]:
            continue          # mixed case such as "RunPod", "vLLM": a name
        title_case.append('%s:%d: %s  [%s]' % (rel, line, s, w))
        break

print('1..3')
print('%s 1 - every translatable string is in sentence case (%d strings)' %
      ('not ok' if title_case else 'ok', len(strings)))
for t in title_case:
    print('#   ' + t)
print('%s 2 - no "%%" followed by a space and a letter' % ('not ok' if percent else 'ok'))
for p in percent:
    print('#   ' + p)
print('%s 3 - no path of the source tree' % ('not ok' if repo_paths else 'ok'))
for p in repo_paths:
    print('#   ' + p)
sys.exit(1 if title_case or percent or repo_paths else 0)
