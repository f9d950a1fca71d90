#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility audit: visits each view (Overview, Providers, Instances, Models, Rent vs
own, Preferences, the main menu, search) and walks its tree as a screen reader does. Every
interactive node (buttons, toggles, rows, entries, spin buttons, combo boxes, menu items,
check boxes, links, tabs) has a role and a human name: not empty, not a widget class
("AdwGizmo", "GtkBox", "GtkImage"), not a mnemonic ("_Retry")."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402

INTERACTIVE = {'push button', 'toggle button', 'check box', 'radio button', 'entry',
               'password text', 'spin button', 'combo box', 'menu item', 'check menu item',
               'radio menu item', 'link', 'page tab', 'switch', 'slider', 'list item',
               'table cell', 'menu button', 'toggle', 'table column header'}
WIDGET_CLASS = re.compile(r'^(Gtk|Adw|Rw)[A-Z]\w*$')


def problem(node):
    """What is wrong with @node's name, or None."""
    name = rwui.name(node).strip()
    if not name:
        return 'no name'
    if WIDGET_CLASS.match(name):
        return 'a widget class for a name'
    if re.search(r'(^|\s)_\w', name):
        return 'a mnemonic in the name'
    return None


def audit(app, root, where, seen, problems):
    for n in app.walk(root):
        r = rwui.role(n)
        if r not in INTERACTIVE:
            continue
        st = rwui.states(n)
        # what a screen reader reaches: on screen, or focusable
        if 'focusable' not in st and r not in ('page tab', 'menu item', 'check menu item',
                                                'radio menu item'):
            continue
        if not app.is_showing(n):
            continue
        key = n.path
        if key in seen:
            continue
        seen.add(key)
        p = problem(n)
        if p:
            x, y, w, h = app.rect(n)
            inside = ' '.join(rwui.name(c) for c in app.walk(n) if rwui.role(c) == 'label')[:60]
            problems.append('%s: %s %r (%s) at %d,%d, text inside: %r'
                            % (where, r, rwui.name(n), p, x, y, inside))


def test_audit():
    seen, problems = set(), []
    with rwui.App(width=1280, height=800) as app:
        for key, where in (('alt+1', 'Overview'), ('alt+2', 'Providers'),
                           ('alt+3', 'Instances'), ('alt+4', 'Models'),
                           ('alt+5', 'Rent vs own')):
            app.key(key)
            app.idle()
            audit(app, app.frame, where, seen, problems)
        # search
        app.key('ctrl+f')
        app.type('a100')
        app.idle()
        audit(app, app.frame, 'Search', seen, problems)
        app.key('Escape')
        # the main menu
        menu = app.find('push button', 'Main menu')
        app.click(menu)
        app.wait_for(app.menu_items, what='the main menu')
        audit(app, menu, 'Main menu', seen, problems)
        app.key('Escape')
        app.wait_for(lambda: not app.menu_items(), what='the menu to close')
        # preferences, each page
        app.key('ctrl+comma')
        prefs = app.wait_for(lambda: [w for w in app.windows() if rwui.name(w) == 'Preferences'],
                             what='the preferences window')[0]
        audit(app, prefs, 'Preferences', seen, problems)
        app.click(app.find('page tab', 'Feeds', root=prefs))
        app.idle()
        audit(app, prefs, 'Preferences → Feeds', seen, problems)
        app.key('Escape')
        # the narrow window: the sidebar is a page of its own, the switcher at the bottom
        app.resize(360, 700)
        app.wait_for(lambda: app.rect(app.frame)[2] <= 360, what='a 360 px window')
        app.idle()
        audit(app, app.frame, '360 px', seen, problems)
    check(not problems, '%d nodes without a human name:\n' % len(problems) +
          '\n'.join(problems))


if __name__ == '__main__':
    test_audit.__name__ = 'a11y_audit'
    rwui.main([test_audit])
