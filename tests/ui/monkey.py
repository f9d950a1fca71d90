#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The monkey: seeded random input into the real app — clicks anywhere in the window, keys,
typing into whatever has the focus, Tab, Escape, resizing to 360 px and back, opening and
closing popovers — that fails on any CRITICAL or WARNING on stderr, a crash, a main thread
that does not answer the accessibility bus within 2 s, or resident memory growing by more
than 50 % over what it was once every view had been shown.

    RWUI_MONKEY_SECONDS=120 (default)   how long
    RWUI_MONKEY_SEED=N                  the seed (default: from the clock, printed first)
    build-aux/test --monkey MINUTES [SEED]

A failure prints the seed and the last actions: the same seed replays the same input (the
app's timing may still differ)."""
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402

KEYS = ['Tab', 'shift+Tab', 'Escape', 'Return', 'space', 'Up', 'Down', 'Left', 'Right', 'Home',
        'End', 'Page_Down', 'Page_Up', 'BackSpace', 'Delete', 'ctrl+a', 'ctrl+c', 'ctrl+f',
        'ctrl+r', 'alt+1', 'alt+2', 'alt+3', 'alt+4', 'alt+5', 'F10', 'ctrl+question',
        'ctrl+comma', 'alt+Left', 'shift+F10', 'Menu', 'plus', 'minus']
# never: ctrl+w, ctrl+q, alt+F4 — they close the window, which is no fault
TEXT = '0123456789012345678965536.,-h100a4090 Ll'


def main():
    seconds = float(os.environ.get('RWUI_MONKEY_SECONDS', '120'))
    seed = int(os.environ.get('RWUI_MONKEY_SEED', '0')) or int(time.time()) % 100000
    rnd = random.Random(seed)
    print('# seed %d, %g s (replay: RWUI_MONKEY_SEED=%d)' % (seed, seconds, seed))
    sys.stdout.flush()
    history = []

    def act(what, fn, *args):
        history.append('%7.1f s %s' % (time.monotonic() - t0, what))
        del history[:-40]
        fn(*args)

    with rwui.App(width=1280, height=800) as app:
        # GTK's 'Broken accounting of active state' and 'GtkText - unexpected blinking selection'
        # warnings are let through by rwui.App (seed
        # 303 after 215 s, clicks while the comparison window closed); nothing else is let through.
        t0 = time.monotonic()
        # the baseline: once every view has been shown (each is made the first time)
        for key in ('alt+2', 'alt+3', 'alt+4', 'alt+5', 'alt+1'):
            app.key(key)
            app.idle()
        baseline = app.rss()
        peak = baseline
        width, height = 1280, 800
        n = 0
        closes = {}
        expandables, expandables_at = [], 0
        try:
            while time.monotonic() - t0 < seconds:
                n += 1
                ww, wh = app.window_size()
                if (ww, wh) not in closes:
                    closes[(ww, wh)] = ([app.rect(c) for c in
                                         app.find_all('push button', 'Close', root=app.frame)],
                                        app.rect(app.frame))
                close, (fx, fy, fw, fh) = closes[(ww, wh)]
                r = rnd.random()
                if r < 0.40:
                    # inside the window's frame: around it, GTK's client-side decorations have
                    # an invisible resize border, and a press there starts a resize drag that
                    # only a window manager ends (Xvfb has none)
                    x = rnd.randrange(fx + 1, max(fx + 2, fx + fw - 1))
                    y = rnd.randrange(fy + 1, max(fy + 2, fy + fh - 1))
                    # the window's own close button is not a fault to find
                    if any(abs(x - cx - cw // 2) < cw and abs(y - cy - ch // 2) < ch
                           for cx, cy, cw, ch in close):
                        continue
                    act('click %d,%d' % (x, y), app.click_at, x, y)
                elif r < 0.65:
                    k = rnd.choice(KEYS)
                    act('key %s' % k, app.key, k)
                elif r < 0.80:
                    s = ''.join(rnd.choice(TEXT) for _ in range(rnd.randrange(1, 7)))
                    act('type %r' % s, app.type, s)
                elif r < 0.85:
                    width = 360 if width != 360 else 1280
                    height = rnd.choice((640, 800))
                    act('resize %dx%d' % (width, height), app.resize, width, height)
                elif r < 0.95:
                    if not expandables or n - expandables_at > 60:
                        # drop-downs, and menu buttons (a button in a button in GTK 4.8)
                        expandables = app.find_all(
                            pred=lambda n: rwui.role(n) == 'combo box' or
                            (rwui.role(n) == 'push button' and
                             rwui.role(rwui.parent(n)) == 'push button'), showing=False)
                        expandables_at = n
                    b = rnd.choice(expandables) if expandables else None
                    if b is not None and app.is_showing(b):
                        try:
                            act('open %s' % rwui.describe(b), app.click, b)
                        except rwui.NotShowing:
                            continue  # gone since: the last action moved it
                        items = app.find_all(pred=lambda n: rwui.role(n).endswith('menu item'),
                                             root=b)
                        if items and rnd.random() < 0.5:
                            it = rnd.choice(items)
                            try:
                                act('choose %s' % rwui.describe(it), app.click, it)
                            except rwui.NotShowing:
                                act('key Escape', app.key, 'Escape')
                        else:
                            act('key Escape', app.key, 'Escape')
                else:
                    # close whatever dialogs opened (About, Preferences, Shortcuts)
                    for w in app.windows()[1:]:
                        act('close %s' % rwui.describe(w), app.key, 'Escape')
                if n % 5 == 0:
                    app.ping(limit=2.0)
                    app.check_log()
                    rss = app.rss()
                    peak = max(peak, rss)
                    check(rss <= baseline * 1.5,
                          'resident memory grew from %d to %d bytes' % (baseline, rss))
        except Exception:
            print('# seed %d; the last actions:' % seed)
            for line in history:
                print('#   ' + line)
            raise
        app.ping(limit=2.0)
        print('# %d actions in %.0f s; memory %d → peak %d bytes'
              % (n, time.monotonic() - t0, baseline, peak))


if __name__ == '__main__':
    main.__name__ = 'monkey'
    rwui.main([main], retries=0)
