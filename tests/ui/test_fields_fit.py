#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13 (session 2), item 2: no field cuts its value. The Models context field showed
"10485760" as "1048576…" (7 characters wide), and the Models search entry collapsed at 360 px
beside the context controls. A field is wide enough when the room left for its text (its
width less its − and + buttons and icons) is at least the width Pango lays the text out in
(the way tests/ui/test_large_text.py measures labels)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402
from test_freeze import choose_custom, type_into_spin  # noqa: E402
from test_large_text import text_size  # noqa: E402


def text_room(app, field, buttons=0):
    """The field's width less its @buttons square buttons (a spin button's − and +, which
    GTK 4.8 does not expose as nodes of their own) and its padding (6 px a side)"""
    x, y, w, h = app.rect(field)
    return w - buttons * h - 12


def check_models_fields(app, dpi, what):
    choose_custom(app)
    spin = app.find('spin button', 'Context length in tokens')
    type_into_spin(app, spin, '1048576')     # RW_MAX_CONTEXT, the command line's too
    app.key('Tab')
    app.wait_for(lambda: rwui.value(app.find('spin button', 'Context length in tokens'))
                 == 1048576, what='the context at its largest value')
    spin = app.find('spin button', 'Context length in tokens')
    shown = '{:,}'.format(int(rwui.value(spin)))     # the field groups its digits
    room, need = text_room(app, spin, 2), text_size(shown, False, dpi)[0]
    print('# %s: context field %d px for its text, “%s” needs %d' % (what, room, shown, need))
    check(room >= need, '%s: the context field cuts “%s” (%d px for %d)' %
          (what, shown, room, need))
    search = app.find(name='Search models',
                      pred=lambda n: rwui.role(n) in ('entry', 'text', 'search bar', 'panel'))
    room, need = text_room(app, search, 2), text_size('Search models', False, dpi)[0]
    # (its search and clear icons: as wide as two square buttons)
    print('# %s: search field %d px, its placeholder needs %d' % (what, room, need))
    check(room >= need, '%s: the search field is %d px, less than its placeholder (%d)' %
          (what, room, need))
    app.check_log()


def test_models_fields_at_1280():
    with rwui.App(width=1280, settings={'last-view': "'models'", 'last-gpu': "'l40s'"}) as app:
        check_models_fields(app, 96, '1280 px')


def test_models_fields_at_150_percent():
    with rwui.App(width=1280, text_scale=1.5,
                  settings={'last-view': "'models'", 'last-gpu': "'l40s'"}) as app:
        check_models_fields(app, 144, '150 % text')


if __name__ == '__main__':
    rwui.main([test_models_fields_at_1280, test_models_fields_at_150_percent])
