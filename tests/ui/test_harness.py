#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The harness itself: the real app starts offline on the built-in catalog, is found on the
accessibility bus, takes keys and clicks through the X server, and reports what it shows."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402


def test_starts_and_shows_last_gpu():
    with rwui.App(settings={'last-gpu': "'h100-sxm'"}) as app:
        app.wait_for(lambda: app.page_title() == 'NVIDIA H100 SXM', what='the H100 page')
        check(app.rss() > 0, 'no resident memory read')
        check(app.ping() < 2, 'slow answer')
        x, y, w, h = app.rect(app.frame)
        ww, wh = app.window_size()
        check(0 < w <= ww and 0 < h <= wh, 'frame %dx%d, X window %dx%d' % (w, h, ww, wh))


def test_keys_reach_the_app():
    with rwui.App() as app:
        lst = app.find('list', 'GPUs')
        n = len(rwui.children(lst))
        app.key('ctrl+f')
        app.wait_for(lambda: 'focused' in rwui.states(app.find('entry', 'Search GPUs',
                                                                showing=False)),
                     what='the search entry to take the focus')
        app.type('a100')
        app.wait_for(lambda: 0 < len(rwui.children(app.find('list', 'GPUs'))) < n,
                     what='the sidebar to filter')


def test_click_switches_view():
    with rwui.App() as app:
        tab = app.find('page tab', 'Models')
        app.click(tab)
        app.wait_for(lambda: 'pressed' in rwui.states(app.find('page tab', 'Models')),
                     what='the Models tab to be on')


def test_resize():
    with rwui.App() as app:
        app.resize(360, 700)
        app.wait_for(lambda: 340 <= app.rect(app.frame)[2] <= 360, what='a 360 px window')
        app.resize(1280, 800)
        app.wait_for(lambda: app.rect(app.frame)[2] > 1200, what='a 1280 px window')


if __name__ == '__main__':
    rwui.main([test_starts_and_shows_last_gpu, test_keys_reach_the_app, test_click_switches_view,
               test_resize])
