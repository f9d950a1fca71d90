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
    # the help (help:rentwise): every page of help/C, in C and in every language of help/LINGUAS
    help_src = os.path.join(os.path.dirname(__file__), '..', 'help')
    help_pages = sorted(p for p in os.listdir(os.path.join(help_src, 'C')) if p.endswith('.page'))
    help_linguas = [l.strip() for l in open(os.path.join(help_src, 'LINGUAS'))
                    if l.strip() and not l.startswith('#')]
    for lang in ['C'] + help_linguas:
        expected += ['share/help/%s/rentwise/%s' % (lang, page) for page in help_pages]

    tests = [('meson install', result.returncode == 0, result.stderr[-400:])]
    for path in expected:
        tests.append(('installed ' + path, os.path.exists(os.path.join(root, path)), ''))
    service = os.path.join(root, 'share/dbus-1/services/%s.service' % app)
    if os.path.exists(service):
        text = open(service).read()
        tests.append(('D-Bus service runs the installed binary',
                      'Exec=%s/bin/rentwise --gapplication-service' % prefix in text, text))
    tests.append(('help has an index page and at least 10 topics',
                  'index.page' in help_pages and len(help_pages) >= 11, ' '.join(help_pages)))
    if shutil.which('yelp-check'):
        for lang in ['C'] + help_linguas:
            pages = [os.path.join(root, 'share/help', lang, 'rentwise', page) for page in help_pages]
            pages = [page for page in pages if os.path.exists(page)]
            if not pages:
                continue
            v = subprocess.run(['yelp-check', 'validate'] + pages, capture_output=True, text=True)
            tests.append(('yelp-check validate on the installed %s pages' % lang, v.returncode == 0,
                          v.stdout + v.stderr))
            v = subprocess.run(['yelp-check', 'links'] + pages, capture_output=True, text=True)
            tests.append(('no broken links between the installed %s pages' % lang,
                          v.returncode == 0 and not v.stdout.strip(), v.stdout + v.stderr))
    for lang in help_linguas:
        c_index = os.path.join(root, 'share/help/C/rentwise/index.page')
        l_index = os.path.join(root, 'share/help', lang, 'rentwise/index.page')
        if os.path.exists(c_index) and os.path.exists(l_index):
            tests.append(('the %s help is translated (its index differs from C)' % lang,
                          open(c_index, encoding='utf-8').read() != open(l_index, encoding='utf-8').read(),
                          ''))
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
