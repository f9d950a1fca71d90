#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source file with translatable strings is missing from po/POTFILES.in, or
when POTFILES.in names a file that does not exist, when a language is incomplete, or when
xgettext cannot read a translatable C string whole (a G_GUINT64_FORMAT-style macro inside it:
xgettext knows only the <inttypes.h> PRI* macros, so the message is cut and never translated).
TAP output."""
import os
import re
import sys

top = sys.argv[1]
listed = set()
with open(os.path.join(top, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)

marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(|translatable="yes"|<summary>')
found = set()
for root in ('src', 'data'):
    for dirpath, _, names in os.walk(os.path.join(top, root)):
        for name in names:
            if not name.endswith(('.c', '.ui', '.gschema.xml', '.desktop.in', '.metainfo.xml.in')):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), top)
            with open(os.path.join(top, path), encoding='utf-8') as f:
                if marker.search(f.read()):
                    found.add(path)

missing = sorted(found - listed)

import subprocess
incomplete = []
linguas = [l.strip() for l in open(os.path.join(top, 'po', 'LINGUAS')) if l.strip() and not l.startswith('#')]
for lang in linguas:
    r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull,
                        os.path.join(top, 'po', lang + '.po')], capture_output=True, text=True)
    stats = r.stderr.strip()
    if r.returncode != 0 or 'untranslated' in stats or 'fuzzy' in stats:
        incomplete.append('%s: %s' % (lang, stats or r.returncode))
stale = sorted(p for p in listed if not os.path.exists(os.path.join(top, p)))

# The keywords of meson's i18n.gettext preset 'glib'.
c_files = sorted(p for p in listed if p.endswith('.c') and os.path.exists(os.path.join(top, p)))
r = subprocess.run(['xgettext', '--from-code=UTF-8', '--language=C', '-k_', '-kN_', '-kC_:1c,2',
                    '-kNC_:1c,2', '-kg_dcgettext:2', '-kg_dngettext:2,3', '-kg_dpgettext2:2c,3',
                    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
                    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
                    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
                    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
                    '--flag=g_set_error:4:c-format', '-o', os.devnull] + c_files,
                   cwd=top, capture_output=True, text=True)
cut = [l for l in r.stderr.splitlines() if 'format string' in l or 'error' in l.lower()]
if r.returncode != 0 and not cut:
    cut = [r.stderr.strip() or 'xgettext exited with %d' % r.returncode]

print('1..4')
print(('not ok' if missing else 'ok') + ' 1 every file with translatable strings is in POTFILES.in')
for p in missing:
    print('# missing: ' + p)
print(('not ok' if stale else 'ok') + ' 2 every file in POTFILES.in exists')
for p in stale:
    print('# stale: ' + p)
print(('not ok' if incomplete else 'ok') + ' 3 every language in LINGUAS is complete and checks')
for p in incomplete:
    print('# ' + p)
print(('not ok' if cut else 'ok') + ' 4 xgettext reads every translatable C string whole')
for p in cut:
    print('# ' + p)
sys.exit(1 if missing or stale or incomplete or cut else 0)
