#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 9: a search shows its best match (exact, then prefix, then contains), and
after Escape the GPU on show stays selected and scrolled into view. A search without results
and then cleared keeps the GPU that was on show (issue 13, defect 2: only a click, the keyboard,
a search's result or an explicit action changes it)."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402


def rows_shown(app):
    lst = app.find('list', 'GPUs')
    out = []
    for r in rwui.children(lst):
        if app.is_showing(r):
            labels = [n for n in app.walk(r) if rwui.role(n) == 'label']
            out.append(rwui.name(labels[0]) if labels else '')
    return out


def test_best_match_first():
    with rwui.App() as app:
        app.key('ctrl+f')
        app.type('h100')
        app.wait_for(lambda: app.page_title() == 'NVIDIA H100 SXM',
                     what='the H100 SXM on show (shows %r)' % app.page_title())
        shown = rows_shown(app)
        check(shown and shown[0] == 'NVIDIA H100 SXM', 'the matches read %r' % shown)
        check(set(shown) >= {'NVIDIA H100 PCIe', 'NVIDIA H100 NVL'}, 'the matches read %r' % shown)


def test_escape_keeps_selection_in_view():
    # sorted by price, the H100 SXM is far down the list
    with rwui.App() as app:
        app.key('ctrl+f')
        app.type('h100')
        app.wait_for(lambda: app.page_title() == 'NVIDIA H100 SXM', what='the H100 SXM on show')
        app.key('Escape')
        app.wait_for(lambda: len(rows_shown(app)) > 5, what='the whole list back')
        check(app.page_title() == 'NVIDIA H100 SXM', 'the page shows %r' % app.page_title())
        app.wait_for(lambda: 'NVIDIA H100 SXM' in rows_shown(app),
                     what='the H100 SXM row in view (rows shown: %r)' % rows_shown(app))


def test_clearing_a_search_keeps_the_gpu():
    with rwui.App(settings={'last-gpu': 'rtx-3090-ti'}) as app:
        shown = 'NVIDIA GeForce RTX 3090 Ti'
        app.wait_for(lambda: app.page_title() == shown, what='the RTX 3090 Ti on show')
        app.key('ctrl+f')
        app.type('xyz')
        app.wait_for(lambda: not rows_shown(app), what='no match for "xyz"')
        check(app.page_title() == shown, 'with no match the page shows %r' % app.page_title())
        app.key('ctrl+a')
        app.key('BackSpace')
        app.wait_for(lambda: len(rows_shown(app)) > 5, what='the whole list back')
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            app.ping()
            check(app.page_title() == shown, 'cleared, the page shows %r' % app.page_title())
            time.sleep(0.05)
        app.wait_for(lambda: shown in rows_shown(app),
                     what='the RTX 3090 Ti row in view (rows shown: %r)' % rows_shown(app))


if __name__ == '__main__':
    rwui.main([test_best_match_first, test_escape_keeps_selection_in_view,
               test_clearing_a_search_keeps_the_gpu])
