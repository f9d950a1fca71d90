#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 14: on Providers every price sits in one column, with or without a link
button after it, and activating a row (a click or Enter) opens the provider's pricing page."""
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


if __name__ == '__main__':
    rwui.main([test_prices_in_one_column, test_activating_a_row_opens_its_page])
