#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 15: the shortcuts window lists Ctrl+R and a shortcut for Rent vs own (and
Alt+5 works); offline, Ctrl+R and Retry say why nothing was fetched; Preferences → Feeds does
not call offline-by-choice a failure; labels are in sentence case."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402


def labels_in(app, root):
    return [rwui.name(n) for n in app.walk(root) if rwui.role(n) == 'label']


def test_shortcuts_window():
    with rwui.App() as app:
        app.key('ctrl+question')
        win = app.wait_for(lambda: [w for w in app.windows() if 'Shortcuts' in rwui.name(w)],
                           what='the shortcuts window')[0]
        texts = labels_in(app, win)
        check('Refresh prices' in texts, 'no Ctrl+R in %r' % texts)
        check('Rent vs own' in texts, 'no Rent vs own shortcut in %r' % texts)
        # session 3: the row menu's keys (Menu, Shift+F10) were missing
        check(any(t.startswith('Open the selected GPU’s menu') for t in texts),
              'no row-menu shortcut in %r' % texts)
        app.key('Escape')
        app.wait_for(lambda: len(app.windows()) == 1, what='the shortcuts window to close')
        app.key('alt+5')
        app.wait_for(lambda: 'pressed' in rwui.states(app.find('page tab', 'Rent vs own')),
                     what='Alt+5 to show Rent vs own')


def toast(app):
    return app.find_all('label', re.compile(r'^Offline mode'))


def test_offline_refresh_says_why():
    with rwui.App() as app:
        check(not toast(app), 'a toast before anything was asked')
        app.key('ctrl+r')
        app.wait_for(lambda: toast(app), what='a toast saying offline mode')
        app.wait_for(lambda: not toast(app), timeout=15, what='the toast to go')
        app.click(app.find('push button', re.compile(r'Retry')))
        app.wait_for(lambda: toast(app), what='Retry to say offline mode')


def test_preferences_offline_is_no_failure():
    with rwui.App() as app:
        app.key('ctrl+comma')
        win = app.wait_for(lambda: [w for w in app.windows() if rwui.name(w) == 'Preferences'],
                           what='the preferences window')[0]
        texts = labels_in(app, win)
        check('Include spot offers' in texts, 'no sentence-case switch in %r' % texts)
        app.click(app.find('page tab', 'Feeds', root=win))
        app.wait_for(lambda: any('--offline' in t for t in labels_in(app, win)),
                     what='the feeds to say offline was chosen')
        bad = [t for t in labels_in(app, win) if t.startswith('Failed')]
        check(not bad, 'offline by choice reads as a failure: %r' % bad[:3])


if __name__ == '__main__':
    rwui.main([test_shortcuts_window, test_offline_refresh_says_why,
               test_preferences_offline_is_no_failure])
