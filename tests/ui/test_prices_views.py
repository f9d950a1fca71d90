#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defects 3, 4, 6, 10, 11, 12 and 13, as a person meets them: the Instances table
(numbers and prices in view, a list at 360 px, a new sort shows the top, Copy only with a
selection, the provider filter sorted and searchable, the selected row visible, regions
without a leading comma), rent vs own with a wrong or half-typed value, German numbers in
the fields and the results, spot prices that say so, and the price history chart (ranges,
years, legend, empty state). Input goes through the X server, state comes back over AT-SPI
(and, for what only the eye sees, from the screen's pixels)."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402  (first: it keeps G_DEBUG's fatal warnings away from libatspi)
from rwui import check  # noqa: E402
import pyatspi  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class started:
    """An App whose start, when it fails (a loaded machine can take more than its 20 s to
    bring the app onto the bus), still stops the app: a leftover instance would take every
    later start over through D-Bus activation."""

    def __init__(self, app):
        self.app = app

    def __enter__(self):
        try:
            return self.app.__enter__()
        except BaseException:
            self.app.stop()
            raise

    def __exit__(self, *exc):
        return self.app.__exit__(*exc)


def builtin_offers(gpu):
    """The built-in catalog's offers for @gpu: what the app shows with --offline and no cache."""
    with open(os.path.join(TOP, 'data', 'catalog.json'), encoding='utf-8') as f:
        return [o for o in json.load(f)['offers'] if o['gpu'] == gpu]


def rate(usd):
    return '$%.2f/hr' % usd


# the Instances table --------------------------------------------------------------------

def table(app):
    return app.find('tree table', showing=False)


def headers(app, tbl):
    """The column titles, left to right (the table's first row)."""
    first = [c for c in rwui.children(tbl) if rwui.role(c) == 'table row'][0]
    return [rwui.name(n) for n in app.walk(first) if rwui.role(n) == 'label']


def visible_rows(app, tbl):
    """The data rows on screen, top to bottom, each as its cells' texts."""
    lst = app.find('list', root=tbl, showing=False)
    lx, ly, lw, lh = app.rect(lst)
    rows = []
    for row in rwui.children(lst):
        if rwui.role(row) != 'table row':
            continue
        x, y, w, h = app.rect(row)
        if h > 0 and y >= ly - 1 and y + h <= ly + lh + 1:
            cells = [rwui.name(n) for n in app.walk(row) if rwui.role(n) == 'label']
            rows.append((y, cells, row))
    rows.sort(key=lambda r: r[0])
    return rows


def window_extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def column_texts(app, tbl, title, rows=8):
    """The texts shown in column @title of the first @rows rows on screen, top to bottom, by
    asking what lies at each point (GTK keeps stale extents for rows scrolled out of view)."""
    hx, hy, hw, hh = window_extents(app.find('label', title, root=tbl, showing=False))
    lx, ly, lw, lh = window_extents(app.find('list', root=tbl, showing=False))
    texts = []
    y = ly + 2
    for _ in range(rows):
        node = app.frame.queryComponent().getAccessibleAtPoint(hx + hw // 2, y + 6, pyatspi.WINDOW_COORDS)
        while node is not None and rwui.role(node) not in ('label', 'table row', 'list', 'tree table'):
            node = rwui.parent(node)
        if node is None or rwui.role(node) != 'label':
            break
        texts.append(rwui.name(node))
        row = node
        while row is not None and rwui.role(row) != 'table row':
            row = rwui.parent(row)
        y += max(window_extents(row)[3], 10) if row is not None else 20
    return texts


def instances(app_width, gpu, height=700):
    return started(rwui.App(width=app_width, height=height,
                            settings={'last-view': "'instances'", 'last-gpu': "'%s'" % gpu}))


def test_instances_prices_in_view_at_1100():
    """Defect 3: at 1100 px the column the table is sorted by ($/hr per GPU) is on screen."""
    with instances(1100, 'l40s') as app:
        tbl = table(app)
        tx, ty, tw, th = app.rect(tbl)
        wx, wy, ww, wh = app.rect(app.frame)
        right = min(tx + tw, wx + ww)
        for title in ('$/hr per GPU', '$/hr'):
            h = app.find('label', title, root=tbl)
            x, y, w, hh = app.rect(h)
            check(x >= tx and x + w <= right,
                  'the “%s” column is off screen (x %d–%d, table ends at %d)' % (title, x, x + w, right))
        # and each shown price is whole: "$0.26/hr", never "l1.60/hr"
        for y, cells, row in visible_rows(app, tbl)[:10]:
            prices = [c for c in cells if '/hr' in c]
            check(len(prices) == 2 and all(re.fullmatch(r'\$[\d,]+\.\d\d/hr', p) for p in prices),
                  'a row shows prices %r' % prices)


def test_instances_list_at_360():
    """Defect 3: at 360 px the offers are a readable list, not a cut table."""
    offers = builtin_offers('rtx-6000-ada')
    cheapest = rate(min(o['price_hr'] / o['gpu_count'] for o in offers))
    with instances(360, 'l40s') as app:
        # the folded window shows the GPU list first: open a GPU as a person does
        app.click(app.find('label', 'NVIDIA RTX 6000 Ada'))
        lst = app.find('list', 'Offers', timeout=8)
        wx, wy, ww, wh = app.rect(app.frame)
        app.wait_for(lambda: app.rect(lst)[0] >= wx and app.rect(lst)[0] + app.rect(lst)[2] <= wx + ww + 1,
                     what='the offers on screen')
        items = [i for i in rwui.children(lst) if app.rect(i)[3] > 0]
        check(len(items) >= 5, 'the list shows %d offers' % len(items))
        texts = [rwui.name(n) for n in app.walk(items[0]) if rwui.role(n) == 'label']
        check('%s per GPU' % cheapest in texts, 'the cheapest offer (%s per GPU) is not first: %r' % (cheapest, texts))
        check(any(re.match(r'\d+ GPUs? · (spot|on-demand|reserved)$', t) for t in texts),
              'no GPUs and pricing in %r' % texts)
        check(texts and texts[0], 'no provider in %r' % texts)
        for item in items[:5]:
            for n in app.walk(item):
                if rwui.role(n) == 'label' and rwui.name(n):
                    x, y, w, h = app.rect(n)
                    check(x >= wx and x + w <= wx + ww, '“%s” is cut at the window’s edge' % rwui.name(n))


def test_instances_sort_scrolls_to_top():
    """Defect 4: after a new sort the first rows are in view, not wherever the table was."""
    offers = builtin_offers('l40s')
    cheapest = rate(min(o['price_hr'] / o['gpu_count'] for o in offers))
    dearest = rate(max(o['price_hr'] / o['gpu_count'] for o in offers))
    with instances(1280, 'l40s', height=600) as app:
        tbl = table(app)
        title = '$/hr per GPU'
        app.wait_for(lambda: column_texts(app, tbl, title, 1) == [cheapest], what='the cheapest row first')
        app.scroll(tbl, 15)
        app.wait_for(lambda: column_texts(app, tbl, title, 1) != [cheapest], what='the table to scroll')
        # sorted cheapest first: one click on the title sorts dearest first
        app.click(app.find('label', title, root=tbl))
        app.wait_for(lambda: column_texts(app, tbl, title, 1) == [dearest],
                     what='the dearest offer (%s) at the top after sorting, not %r'
                     % (dearest, column_texts(app, tbl, title, 1)))


def test_instances_copy_needs_selection():
    """Defect 10: Copy is offered only when a row is selected."""
    with instances(1280, 'l40s') as app:
        # an insensitive button is not picked at its centre: find it without the on-screen test
        copy = app.find('push button', 'Copy row', showing=False)
        check('sensitive' not in rwui.states(copy), 'Copy is enabled with nothing selected')
        tbl = table(app)
        app.click(visible_rows(app, tbl)[2][2])
        app.wait_for(lambda: 'sensitive' in rwui.states(app.find('push button', 'Copy row', showing=False)),
                     what='Copy to be enabled once a row is selected')


def provider_names(gpu):
    with open(os.path.join(TOP, 'data', 'catalog.json'), encoding='utf-8') as f:
        names = {p['id']: p['name'] for p in json.load(f)['providers']}
    return names


def open_popover(app, button):
    """Clicks @button and gives its popover time to map: GTK 4.8 does not put a popover on
    the accessibility bus, so there is nothing to wait for but the clock."""
    app.click(button)
    app.idle()
    time.sleep(0.4)


def combo_shows(app, combo):
    return [rwui.name(n) for n in app.walk(combo) if rwui.role(n) == 'label' and app.rect(n)[2] > 0]


def test_instances_provider_filter_sorted_and_searchable():
    """Defect 10: the provider filter lists providers by name and finds one as you type
    (a popover is a surface of its own: driven with the keyboard, read back from the choice)."""
    offers = builtin_offers('l40s')
    names = provider_names('l40s')
    by_name = sorted({names[o['provider']] for o in offers}, key=str.casefold)
    vast = sum(1 for o in offers if o['provider'] == 'vast-ai')
    with instances(1280, 'l40s') as app:
        combo = app.find('combo box', 'Provider')
        count = lambda: rwui.name(app.find('label', re.compile(r'offers$')))  # noqa: E731
        # Down moves from the search field to the chosen item, then one item at a time
        # from "All providers" down past every provider: the last one by name
        open_popover(app, combo)
        app.key(*(['Down'] * (len(by_name) + 1) + ['Return']))
        app.wait_for(lambda: combo_shows(app, combo) == [by_name[-1]],
                     what='the last choice to be %s, not %r' % (by_name[-1], combo_shows(app, combo)))
    # type to find one
    with instances(1280, 'l40s') as app:
        combo = app.find('combo box', 'Provider')
        count = lambda: rwui.name(app.find('label', re.compile(r'offers$')))  # noqa: E731
        open_popover(app, combo)
        app.type('vast')
        time.sleep(0.4)   # a search field reports its text 150 ms after the last key
        app.key('Down', 'Return')
        app.wait_for(lambda: combo_shows(app, combo) == ['Vast.ai'],
                     what='Vast.ai chosen by typing “vast”, not %r' % combo_shows(app, combo))
        app.wait_for(lambda: count() == '%d of %d offers' % (vast, len(offers)),
                     what='the count to read %d of %d offers, not %r' % (vast, len(offers), count()))


def test_instances_regions_never_start_with_comma():
    """Defect 10: ", US, NA" (a Vast.ai region without a city) reads "US, NA"."""
    with instances(1280, 'rtx-4090', height=900) as app:
        tbl = table(app)
        # regions A→Z: the 15 offers without one, then a leading comma would come first
        app.click(app.find('label', 'Region', root=tbl))
        app.idle()
        regions = app.wait_for(lambda: column_texts(app, tbl, 'Region', 22), what='rows')
        bad = [r for r in regions if r.startswith(',') or r.startswith(' ')]
        check(not bad, 'regions start with a comma: %r' % bad)
        check(len([r for r in regions if r != '—']) >= 5, 'too few regions read: %r' % regions)


def mean_color(png, rect):
    x, y, w, h = rect
    out = subprocess.run(['convert', png, '-crop', '%dx%d+%d+%d' % (w, h, x, y), '+repage',
                          '-resize', '1x1!', '-format',
                          '%[fx:int(255*r)] %[fx:int(255*g)] %[fx:int(255*b)]', 'info:'],
                         capture_output=True, text=True, check=True).stdout.split()
    return [int(v) for v in out]


def test_instances_selected_row_visible():
    """Defect 10: the selected row stands out from its neighbours (light and dark)."""
    for dark in (False, True):
        env = {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'} if dark else {}
        with started(rwui.App(width=1280, height=700, env=env,
                      settings={'last-view': "'instances'", 'last-gpu': "'l40s'"})) as app:
            tbl = table(app)
            rows = visible_rows(app, tbl)
            app.click(rows[3][2])
            app.wait_for(lambda: 'selected' in rwui.states(visible_rows(app, tbl)[3][2]),
                         what='the row to be selected')
            app.move(5, 5)
            app.idle()
            with tempfile.TemporaryDirectory() as tmp:
                png = os.path.join(tmp, 'screen.png')
                subprocess.run(['import', '-window', 'root', png], check=True)
                rows = visible_rows(app, tbl)
                selected = mean_color(png, app.rect(rows[3][2]))
                other = mean_color(png, app.rect(rows[5][2]))
            distance = sum((a - b) ** 2 for a, b in zip(selected, other)) ** 0.5
            # the old grey selection measured 38 (light) and 42 (dark): "barely visible"
            check(distance >= 50, 'the selected row %r barely differs from another %r (%.0f, %s)'
                  % (selected, other, distance, 'dark' if dark else 'light'))


# rent vs own ----------------------------------------------------------------------------

def rent(gpu='rtx-4090', **kw):
    return started(rwui.App(width=1280, height=1000,
                            settings={'last-view': "'rent'", 'last-gpu': "'%s'" % gpu}, **kw))


def headline(app):
    """The sentence at the top of rent vs own (below the offline banner)."""
    def at_top(n):
        x, y, w, h = app.rect(n)
        return w > 0 and h > 0 and 100 < y < 250
    return app.find('label', pred=lambda n: len(rwui.name(n)) > 40 and at_top(n)
                    and not rwui.name(n).startswith('Offline'), showing=False)


def test_rent_invalid_input_blanks_results():
    """Defect 6: typing "30" hours never shows what "3" gives; the message sits by the field."""
    with rent() as app:
        app.wait_for(lambda: rwui.name(headline(app)).startswith('At 8 h a day'), what='the headline')
        field = app.find('text', 'Usage hours per day (0–24)')
        app.click(field)
        app.key('ctrl+a')
        app.type('3')
        app.wait_for(lambda: rwui.name(headline(app)).startswith('At 3 h a day'), what='3 hours used')
        app.type('0')
        app.wait_for(lambda: 'from 0 to 24' in rwui.name(headline(app)),
                     what='the headline to say the hours are wrong, not %r' % rwui.name(headline(app)))
        check('At 3 h' not in rwui.name(headline(app)), 'the headline still uses 3 hours')
        for title in ('Renting', 'Electricity to own', 'Breakeven'):
            row = app.find('list item', title)
            values = [rwui.name(n) for n in app.walk(row) if rwui.role(n) == 'label' and rwui.name(n) != title]
            check(values and all('$' not in v and 'days' not in v for v in values),
                  '%s still shows %r' % (title, values))
        # the message is beside the field, in its row
        fx, fy, fw, fh = app.rect(app.find('text', 'Usage hours per day (0–24)'))
        hint = app.find('label', pred=lambda n: 'must be a number from 0 to 24' in rwui.name(n)
                        and fy <= app.rect(n)[1] < fy + fh)
        check(hint is not None, 'no message beside the field')
        app.key('BackSpace')
        app.wait_for(lambda: rwui.name(headline(app)).startswith('At 3 h a day'), what='3 hours again')


# numbers in German ----------------------------------------------------------------------

def german_env():
    """LC_ALL=de_DE.UTF-8, compiled with localedef when the system has not generated it."""
    env = {'LC_ALL': 'de_DE.UTF-8'}
    probe = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout
    if 'de_DE.utf8' not in probe:
        d = tempfile.mkdtemp(prefix='rwui-locale-')
        subprocess.run(['localedef', '-i', 'de_DE', '-f', 'UTF-8', os.path.join(d, 'de_DE.UTF-8')],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env['LOCPATH'] = d
    return env


def field_text(app, node):
    """What a field holds, as a person gets it: select all, copy, read the clipboard."""
    app.click(node)
    app.key('ctrl+a', 'ctrl+c')
    app.idle()
    return subprocess.run(['xclip', '-o', '-selection', 'clipboard'], capture_output=True,
                          text=True, timeout=5).stdout


def test_german_numbers_in_fields_and_results():
    """Defect 11: in German the electricity field reads "0,15" like the prices, and long
    numbers are grouped ("1.950 Tage")."""
    with rent(lang='de', env=german_env()) as app:
        results = app.find('list', pred=lambda n: app.rect(n)[1] < 500 and len(rwui.children(n)) == 3)
        labels = [rwui.name(n) for n in app.walk(results) if rwui.role(n) == 'label']
        check(any(re.search(r'\$\d+,\d\d/', t) for t in labels), 'no German prices in %r' % labels)
        check(any(re.fullmatch(r'\d{1,3}(\.\d{3})+ \S+ · \d+,\d \S+', t) for t in labels),
              'the breakeven days are not grouped: %r' % labels)
        fields = [n for n in app.find_all('text') if rwui.name(n)]
        check(len(fields) >= 4, 'fields: %r' % [rwui.name(f) for f in fields])
        kwh = field_text(app, fields[1])
        check(kwh == '0,15', 'the electricity field shows %r, not “0,15”' % kwh)
        app.type('0,30')
        app.wait_for(lambda: any(re.search(r'\$\d+,\d\d/', rwui.name(n)) for n in app.walk(results)
                                 if rwui.role(n) == 'label'), what='results')
        check(not [n for n in app.find_all('label') if 'must be a number' in rwui.name(n)],
              '“0,30” was refused')


# spot prices ----------------------------------------------------------------------------

def test_spot_prices_say_so():
    """Defect 12: "From $0.26/hr" that is a spot price says so, and so does rent vs own."""
    offers = builtin_offers('l40s')
    cheapest = min(offers, key=lambda o: o['price_hr'] / o['gpu_count'])
    check(cheapest['pricing'] == 'spot', 'the data changed: the L40S’s cheapest is %s' % cheapest['pricing'])
    with started(rwui.App(width=1280, height=900,
                              settings={'last-view': "'overview'", 'last-gpu': "'l40s'"})) as app:
        label = app.find('label', re.compile(r'^From \$'))
        check(rwui.name(label) == 'From %s (spot)' % rate(cheapest['price_hr'] / cheapest['gpu_count']),
              'the overview says %r' % rwui.name(label))
    with rent() as app:
        text = app.wait_for(lambda: rwui.name(headline(app)) if 'pays for itself' in rwui.name(headline(app))
                            else None, what='the headline')
        check(re.search(r'renting at \$[\d.]+/\u2060?hr\u00a0spot on ', text), 'the headline hides the spot rate: %r' % text)


# price history --------------------------------------------------------------------------

def chart(app):
    return app.find('image', pred=lambda n: rwui.name(n) in ('RwChart', '') or 'history' in rwui.name(n),
                    showing=False)


def description(node):
    try:
        return node.description or ''
    except Exception:
        return ''


def test_history_ranges_years_and_empty():
    """Defect 13: 1M, 3M, 1Y and All show different spans ending at the newest point, with the
    year; a GPU without history gets a short line that says why, and no range buttons."""
    with started(rwui.App(width=1280, height=1000,
                              settings={'last-view': "'overview'", 'last-gpu': "'h100-sxm'"})) as app:
        seen = {}
        for button in ('1M', '3M', '1Y', 'All'):
            app.click(app.find('push button', button))
            app.wait_for(lambda: 'pressed' in rwui.states(app.find('push button', button)),
                         what='%s pressed' % button)
            app.idle()
            d = description(chart(app))
            m = re.search(r'\(shown: (.+) to (.+)\)', d)
            check(m, 'the chart does not say what it shows: %r' % d)
            seen[button] = m.groups()
            check(re.search(r'\d{4}( UTC)?$', m.group(2)), 'no year in %r' % d)
            check('shaded: ' in d, 'the band is not named: %r' % d)
        ends = {v[1] for v in seen.values()}
        starts = [v[0] for v in seen.values()]
        check(len(ends) == 1, 'the ranges end at different dates: %r' % seen)
        check(len(set(starts)) == 4, 'ranges show the same span: %r' % seen)
    with open(os.path.join(TOP, 'data', 'catalog.json'), encoding='utf-8') as f:
        catalog = json.load(f)
    with_history = {p['gpu'] for p in catalog['history']}
    with_offers = {o['gpu'] for o in catalog['offers']}
    bare = sorted(g['id'] for g in catalog['gpus'] if g['id'] in with_offers and g['id'] not in with_history)[0]
    bare_name = [g['name'] for g in catalog['gpus'] if g['id'] == bare][0]
    with started(rwui.App(width=1280, height=1000,
                          settings={'last-view': "'overview'", 'last-gpu': "'%s'" % bare})) as app:
        c = chart(app)
        d = description(c)
        check(d.startswith('No price history for the %s' % bare_name), 'the empty chart says %r' % d)
        check(app.rect(c)[3] < 80, 'the empty chart is %d px tall' % app.rect(c)[3])
        check(not app.find_all('push button', '1M'), 'range buttons without a history')


GROUPS = {
    'instances': [test_instances_prices_in_view_at_1100, test_instances_list_at_360,
                  test_instances_sort_scrolls_to_top, test_instances_copy_needs_selection,
                  test_instances_provider_filter_sorted_and_searchable,
                  test_instances_regions_never_start_with_comma, test_instances_selected_row_visible],
    'rent-spot-history': [test_rent_invalid_input_blanks_results, test_german_numbers_in_fields_and_results,
                          test_spot_prices_say_so, test_history_ranges_years_and_empty],
}


if __name__ == '__main__':
    # one group per meson test (each starts the app a handful of times); none: every case
    rwui.main(GROUPS[sys.argv[1]] if len(sys.argv) > 1 else GROUPS['instances'] + GROUPS['rent-spot-history'])
