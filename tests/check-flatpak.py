#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lints flatpak/io.github.rentwise.Rentwise.json: valid JSON, id, command, runtime, the exact
finish-args, the app module built from this repository with tests on, and nothing bundled
that the GNOME runtime already has. TAP output."""
import json
import os
import sys

top = sys.argv[1]
path = os.path.join(top, 'flatpak', 'io.github.rentwise.Rentwise.json')
checks = []

def check(name, ok, detail=''):
    checks.append((name, bool(ok), detail))

try:
    manifest = json.load(open(path, encoding='utf-8'))
    check('valid JSON', True)
except (OSError, ValueError) as e:
    print('1..1\nnot ok 1 valid JSON\n# %s' % e)
    sys.exit(1)

check('id', manifest.get('id') == 'io.github.rentwise.Rentwise', manifest.get('id'))
check('command', manifest.get('command') == 'rentwise', manifest.get('command'))
check('runtime', manifest.get('runtime') == 'org.gnome.Platform' and
      manifest.get('sdk') == 'org.gnome.Sdk' and str(manifest.get('runtime-version', '')).isdigit(),
      '%s %s %s' % (manifest.get('runtime'), manifest.get('sdk'), manifest.get('runtime-version')))
expected = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
check('finish-args exactly', sorted(manifest.get('finish-args', [])) == sorted(expected),
      manifest.get('finish-args'))
modules = manifest.get('modules', [])
app = modules[-1] if modules and isinstance(modules[-1], dict) else {}
check('app module', app.get('name') == 'rentwise' and app.get('buildsystem') == 'meson', app.get('name'))
check('run-tests', app.get('run-tests') is True)
sources = app.get('sources', [])
check('module sources', sources and all(s.get('type') in ('dir', 'git') for s in sources) and
      any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources), sources)
runtime_has = {'gtk', 'gtk4', 'libadwaita', 'glib', 'json-glib', 'libsoup', 'libsoup3', 'libsoup-3.0'}
bundled = [m.get('name') if isinstance(m, dict) else m for m in modules[:-1]]
check('nothing the runtime has', not any(str(b).lower() in runtime_has for b in bundled), bundled)

print('1..%d' % len(checks))
for i, (name, ok, detail) in enumerate(checks, 1):
    print('%s %d %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        print('# %s' % (detail,))
sys.exit(0 if all(ok for _, ok, _ in checks) else 1)
