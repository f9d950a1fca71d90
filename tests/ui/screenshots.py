#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Screenshots of the real app, every view, as a person would see it: 1280 px, 360 px, 150 %
text, dark, high contrast and German, into build/screenshots/ui-VARIANT-VIEW.png.
Run by `build-aux/screenshot --all` (its own X display and session bus); not a test."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402

VARIANTS = {
    '1280': dict(width=1280, height=800),
    '360': dict(width=360, height=720),
    'text150': dict(width=1280, height=800, text_scale=1.5),
    'dark': dict(width=1280, height=800, env={'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'}),
    'contrast': dict(width=1280, height=800, env={'ADW_DEBUG_HIGH_CONTRAST': '1'}),
    'de': dict(width=1280, height=800, lang='de'),
}
VIEWS = [('overview', 'alt+1'), ('providers', 'alt+2'), ('instances', 'alt+3'),
         ('models', 'alt+4'), ('rent', 'alt+5')]


def shoot(app, path):
    app.idle()
    app.wait_for(lambda: app.ping() < 0.5, what='a settled app')
    rwui.subprocess.run(['import', '-window', 'root', '-crop',
                         '%dx%d+0+0' % tuple(app.window_size()), '+repage', path], check=True)
    print(path)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(rwui.TOP, 'build', 'screenshots')
    os.makedirs(out, exist_ok=True)
    only = sys.argv[2:] or list(VARIANTS)
    for variant in only:
        with rwui.App(settings={'last-gpu': "'l40s'"}, **VARIANTS[variant]) as app:
            app.allowed_log.append('.')  # screenshots, not a test
            for view, key in VIEWS:
                app.key(key)
                shoot(app, os.path.join(out, 'ui-%s-%s.png' % (variant, view)))
            if variant == '360':
                app.key('alt+Left')
                shoot(app, os.path.join(out, 'ui-%s-sidebar.png' % variant))
            app.key('ctrl+f')
            app.type('h100')
            shoot(app, os.path.join(out, 'ui-%s-search.png' % variant))
            app.key('Escape')
            app.key('F10')  # the primary menu, in any language
            app.wait_for(app.menu_items, what='the main menu')
            shoot(app, os.path.join(out, 'ui-%s-menu.png' % variant))
            app.key('Escape')
            app.key('ctrl+comma')
            app.wait_for(lambda: len(app.windows()) > 1, what='Preferences')
            shoot(app, os.path.join(out, 'ui-%s-preferences.png' % variant))
            app.key('Escape')
            app.wait_for(lambda: len(app.windows()) == 1, what='Preferences to close')
            app.key('ctrl+question')
            app.wait_for(lambda: len(app.windows()) > 1, what='the shortcuts')
            shoot(app, os.path.join(out, 'ui-%s-shortcuts.png' % variant))


if __name__ == '__main__':
    main()
