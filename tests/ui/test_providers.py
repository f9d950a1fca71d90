#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 14: on Providers every price sits in one column, with or without a link
button after it, and activating a row (a click or Enter) opens the provider's pricing page;
a row without one (session 2) shows the provider's offers in Instances, filtered to it."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402

PRICE = re.compile(r'^\$[\d.,]+/hr$')
OFFERS = re.compile(r'\d offers?\b')


def provider_rows(app):
    """The rows of the provider list: list items right of the sidebar with a price."""
    rows = []
    for label in app.find_all('label', PRICE):
        row = label
        while row is not None and rwui.role(row) != 'list item':
            row = rwui.parent(row)
        # a provider's row says how many offers it has (the instance summary above does not)
        if row is not None and app.rect(row)[0] > 320 and row.path not in [r.path for r in rows] \
                and any(OFFERS.search(rwui.name(n)) for n in app.walk(row)):
            rows.append(row)
    return rows


def price_label(app, row):
    labels = [n for n in app.walk(row) if rwui.role(n) == 'label' and PRICE.match(rwui.name(n))]
    return labels[0] if labels else None


def has_link(app, row):
    return any(rwui.role(n) == 'push button' and rwui.name(n).lower().startswith('open pricing page')
               for n in app.walk(row))


def test_prices_in_one_column():
    # the L40S has providers with and without a pricing page
    with rwui.App(settings={'last-gpu': "'l40s'", 'last-view': "'providers'"}) as app:
        rows = app.wait_for(lambda: provider_rows(app), what='the provider rows')
        ends = {}
        for row in rows:
            label = price_label(app, row)
            if label is None:
                continue
            x, y, w, h = app.rect(label)
            ends.setdefault(has_link(app, row), set()).add(x + w)
        check(True in ends and False in ends,
              'the L40S should list rows with and without links: %r' % ends)
        every = ends[True] | ends[False]
        check(max(every) - min(every) <= 1, 'the prices end at x = %r' % sorted(every))


def test_activating_a_row_opens_its_page():
    with rwui.App(settings={'last-gpu': "'l40s'", 'last-view': "'providers'"}) as app:
        rows = app.wait_for(lambda: provider_rows(app), what='the provider rows')
        linked = [r for r in rows if has_link(app, r)]
        check(linked, 'no provider row with a link')
        label = price_label(app, linked[0])
        # a click on the row's price, not on the button
        app.click(label)
        app.wait_for(lambda: app.opened(), what='a page to be opened')
        check(app.opened()[0].startswith('https://'), 'opened %r' % app.opened())


def row_title(app, row):
    """The provider's name: the row's first label that is neither its price nor its details"""
    for n in app.walk(row):
        if rwui.role(n) == 'label' and rwui.name(n) and not PRICE.match(rwui.name(n)) \
                and not OFFERS.search(rwui.name(n)) and '·' not in rwui.name(n):
            return rwui.name(n)
    return None


def combo_shows(app, combo):
    return [rwui.name(n) for n in app.walk(combo) if rwui.role(n) == 'label' and app.rect(n)[2] > 0]


def check_shows_offers_of(app, name):
    app.wait_for(lambda: 'pressed' in rwui.states(app.find('page tab', 'Instances')) or
                 'selected' in rwui.states(app.find('page tab', 'Instances')),
                 timeout=20, what='the Instances view to be shown')
    combo = app.find('combo box', 'Provider')
    app.wait_for(lambda: combo_shows(app, combo) == [name],
                 timeout=20,
                 what='the provider filter to show %r, not %r' % (name, combo_shows(app, combo)))
    # the count under the table: "3 of 43 offers" once the filter is on
    app.wait_for(lambda: app.find_all('label', re.compile(r'^\d+ of \d+ offers?$')),
                 what='the offer count to say the filter is on')


def test_activating_a_row_without_link_shows_its_offers():
    """A click on a row without a pricing page: Instances, filtered to that provider. (Enter on
    the focused row activates it the same way, GtkListBox's row activation; driving the focus
    there with Tab through AT-SPI did not work out on this machine.)"""
    with rwui.App(settings={'last-gpu': "'l40s'", 'last-view': "'providers'"}) as app:
        rows = app.wait_for(lambda: provider_rows(app), what='the provider rows')
        unlinked = [r for r in rows if not has_link(app, r)]
        check(unlinked, 'no provider row without a link')
        name = row_title(app, unlinked[0])
        app.click(price_label(app, unlinked[0]))
        check_shows_offers_of(app, name)
        check(not app.opened(), 'a page opened: %r' % app.opened())
        app.check_log()

if __name__ == '__main__':
    rwui.main([test_prices_in_one_column, test_activating_a_row_opens_its_page,
               test_activating_a_row_without_link_shows_its_offers])
