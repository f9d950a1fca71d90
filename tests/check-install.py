#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""meson install --destdir into a temporary folder, then checks that everything a desktop
expects is where it expects it, and that the installed desktop file validates. TAP output."""
import os
import shutil
import subprocess
import sys
import tempfile

build, prefix = sys.argv[1], sys.argv[2]
dest = tempfile.mkdtemp(prefix='rentwise-install-')
try:
    result = subprocess.run(['meson', 'install', '-C', build, '--destdir', dest, '--no-rebuild', '--quiet'],
                            capture_output=True, text=True)
    root = dest + prefix
    app = 'io.github.rentwise.Rentwise'
    expected = [
        'bin/rentwise',
        'share/applications/%s.desktop' % app,
        'share/dbus-1/services/%s.service' % app,
        'share/metainfo/%s.metainfo.xml' % app,
        'share/icons/hicolor/scalable/apps/%s.svg' % app,
        'share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % app,
        'share/glib-2.0/schemas/%s.gschema.xml' % app,
        'share/gnome-shell/search-providers/%s.search-provider.ini' % app,
    ]
    linguas = [l.strip() for l in open(os.path.join(os.path.dirname(__file__), '..', 'po', 'LINGUAS'))
               if l.strip() and not l.startswith('#')]
    expected += ['share/locale/%s/LC_MESSAGES/rentwise.mo' % l for l in linguas]

    tests = [('meson install', result.returncode == 0, result.stderr[-400:])]
    for path in expected:
        tests.append(('installed ' + path, os.path.exists(os.path.join(root, path)), ''))
    service = os.path.join(root, 'share/dbus-1/services/%s.service' % app)
    if os.path.exists(service):
        text = open(service).read()
        tests.append(('D-Bus service runs the installed binary',
                      'Exec=%s/bin/rentwise --gapplication-service' % prefix in text, text))
    desktop = os.path.join(root, 'share/applications/%s.desktop' % app)
    if shutil.which('desktop-file-validate') and os.path.exists(desktop):
        v = subprocess.run(['desktop-file-validate', desktop], capture_output=True, text=True)
        tests.append(('desktop-file-validate on the installed file', v.returncode == 0, v.stdout + v.stderr))
finally:
    shutil.rmtree(dest, ignore_errors=True)

print('1..%d' % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print('%s %d %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        for line in str(detail).splitlines():
            print('# ' + line)
sys.exit(0 if all(ok for _, ok, _ in tests) else 1)
