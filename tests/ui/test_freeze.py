#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 1: Models → context "Custom" → type 65536 → Tab (or a click elsewhere)
froze the app at 100 % CPU with endless criticals: the committed value rebuilt the rows,
destroying the widget taking the focus. Every spin button commits on focus-out and the app
keeps answering."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402

NUMBER_65536 = re.compile(r'65[,.\u202f\u00a0 ]?536')


def choose_custom(app):
    combo = app.find(None, 'Context length',
                     pred=lambda n: rwui.role(n) in ('combo box', 'push button', 'menu button'))
    app.click(combo)
    custom = app.find(pred=lambda n: rwui.role(n) in ('label', 'list item') and
                      rwui.name(n) == 'Custom', timeout=5)
    app.click(custom)
    return app.find('spin button', 'Context length in tokens', timeout=5)


def type_into_spin(app, spin, text):
    app.click(spin)
    app.wait_for(lambda: 'focused' in rwui.states(spin) or
                 any('focused' in rwui.states(c) for c in app.walk(spin)),
                 what='the spin button to take the focus')
    app.key('ctrl+a')
    app.type(text)


def summary(app):
    labels = app.find_all('label', re.compile(r'tokens of context'))
    return rwui.name(labels[0]) if labels else ''


def commit_and_check(app, how):
    spin = choose_custom(app)
    type_into_spin(app, spin, '65536')
    if how == 'tab':
        app.key('Tab')
    else:
        # a model's row, right of the sidebar
        rows = app.find_all('list item', pred=lambda n: app.rect(n)[0] > 320)
        check(rows, 'no model rows on screen')
        app.click(rows[0])
    for _ in range(10):
        app.ping(limit=2.0)
    app.wait_for(lambda: NUMBER_65536.search(summary(app)),
                 what='the summary to use 65536 tokens (it says %r)' % summary(app))
    app.check_log()
    rss = app.rss()
    for _ in range(10):
        app.ping(limit=2.0)
    check(app.rss() < rss * 1.5, 'memory grows: %d → %d bytes' % (rss, app.rss()))


def test_custom_context_tab():
    with rwui.App(settings={'last-view': "'models'"}) as app:
        commit_and_check(app, 'tab')


def test_custom_context_click_elsewhere():
    with rwui.App(settings={'last-view': "'models'"}) as app:
        commit_and_check(app, 'click')


if __name__ == '__main__':
    rwui.main([test_custom_context_tab, test_custom_context_click_elsewhere])
