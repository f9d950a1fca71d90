# SPDX-License-Identifier: GPL-3.0-or-later
"""rwui: drive the real rentwise binary like a person, read it back like a screen reader.

The tests in tests/ui/ start the built `rentwise` under the X server and the private session
bus that build-aux/test provides (xvfb-run + dbus-run-session), send input through the X
server with xdotool and read the state back through the accessibility bus (AT-SPI, with
python3-pyatspi), never by calling into the widgets.

    import rwui

    def test_search():
        with rwui.App(width=1280, height=800, settings={'last-view': "'models'"}) as app:
            app.key('ctrl+f')
            app.type('h100')
            app.wait_for(lambda: app.page_title() == 'NVIDIA H100 SXM', what='H100 shown')

    rwui.main([test_search])          # one TAP case per function, "ok N - test_search"

App(width=1280, height=800, settings=None, args=(), env=None, lang=None, text_scale=1.0)
    Starts RENTWISE_BIN (or build/src/rentwise) with `--offline` and its own temporary
    XDG_CONFIG/CACHE/DATA/RUNTIME dirs, so it reads the built-in catalog and never touches the
    network or the user's files. Settings go in a GSettings keyfile first: `settings` maps
    key → GVariant text ("'models'", '1.5', '@as []'); window-width/-height come from width
    and height. `lang` sets LANGUAGE (and a UTF-8 locale); `env` adds variables;
    `text_scale` 1.5 is 150 % text (an xsettingsd gives GTK Xft/DPI 144 while the app runs). Accessibility
    is on (NO_AT_BRIDGE and GTK_A11Y are removed). Used as a context manager the app is always
    killed (by its pid) and its stderr checked: any CRITICAL or WARNING fails the test.

Finding nodes (each node is a pyatspi Accessible; nothing is cached between calls):
    app.root                          the application node; app.frame: its main window
    app.find(role=None, name=None, root=None, pred=None, showing=True, timeout=5)
        the first node, depth first, whose role name (e.g. 'push button', 'label', 'spin
        button', 'list item', 'page tab', 'check box', 'entry', 'combo box', 'menu item')
        and name match; name may be a str (exact) or a compiled regex (search); pred(node)
        adds a condition; showing=True keeps only nodes on screen (app.is_showing). Polls
        until found or raises rwui.Failure after timeout seconds.
    app.find_all(role=None, name=None, root=None, pred=None, showing=True)   a list, no wait
    app.walk(root=None)               every node under root (generator, depth first)
    app.windows()                     the app's top-level windows (frame, dialogs)
    app.menu_items()                  the items of the open menus (popovers), on screen

Reading:
    rwui.role(n), rwui.name(n), rwui.states(n) -> set of state names ('focused', 'checked',
    'selected', 'sensitive', 'showing', ...), rwui.text(n) (text of entries/spin buttons,
    else the name), rwui.value(n) (a spin button's number), rwui.children(n), rwui.parent(n)
    app.rect(n) -> (x, y, w, h) on the screen: GTK 4.8 reports WINDOW_COORDS only, so the X
        window's origin (xdotool getwindowgeometry) is added. Rows a list view keeps out of
        sight get made-up rectangles: app.is_showing(n) checks by picking the node's centre
        (app.hit(n, x, y): the node GTK picks at a window point).
    app.page_title()                  the GPU name shown in the header (the page's title)
    app.focused()                     the node with the 'focused' state, or None
    app.rss()                         the app's resident memory in bytes (/proc)
    app.ping(limit=2.0)               seconds the main thread took to answer the
                                      accessibility bus; raises Failure beyond limit
    app.opened()                      the URIs the app opened (its https and help: handler is a
                                      script)
    app.log()                         the app's stderr so far; app.check_log() raises on any
                                      CRITICAL or WARNING line (app.allowed_log: regexes)

Input (all through the X server, xdotool):
    app.move(x, y), app.move_to(node), app.click(node_or_xy, button=1), app.click_at(x, y)
    app.key('ctrl+f', 'Tab', ...), app.type('text'), app.resize(w, h), app.window_size()
    app.scroll(node, clicks) (positive: down), app.screenshot(path) (the main window, PNG)

Waiting: app.wait_for(cond, timeout=5, what='...') polls cond() every 50 ms until it is true
(returns its value) or raises Failure naming `what` once a poll begun after the timeout was
false too (a poll that walks the tree can take seconds on a loaded machine). Never sleep for correctness;
app.idle() lets the app settle (waits until it answers the bus twice).

Exit status and output follow TAP so build-aux/count-tests.py counts every case; with no
X display or no pyatspi the file prints "1..0 # SKIP".
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

# the test's own libatspi prints warnings (a GTK 4.8 app has no AT-SPI cache object) that the
# suite's G_DEBUG=fatal-warnings would turn into a crash of the test: GLib reads it on loading
os.environ.pop('G_DEBUG', None)



def _private_a11y_bus():
    """at-spi-bus-launcher puts its socket in $XDG_RUNTIME_DIR/at-spi, or ~/.cache/at-spi
    without one: shared by every session of the user, so a launcher of another test run
    replaces it under ours. Before it is first started on this session bus, its activation
    environment gets a runtime directory of this run's own."""
    from gi.repository import Gio, GLib
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        owned = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'NameHasOwner',
                              GLib.Variant('(s)', ('org.a11y.Bus',)), GLib.VariantType('(b)'),
                              Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
        if owned:
            return
        runtime = tempfile.mkdtemp(prefix='rwui-runtime-')
        bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                      'UpdateActivationEnvironment',
                      GLib.Variant('(a{ss})', ({'XDG_RUNTIME_DIR': runtime},)), None,
                      Gio.DBusCallFlags.NONE, 5000, None)
        os.environ['XDG_RUNTIME_DIR'] = runtime
    except GLib.Error:
        pass


try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib
    if os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        _private_a11y_bus()
    import pyatspi
except (ImportError, ValueError) as e:  # pragma: no cover - reported as a skip
    pyatspi = None
    _IMPORT_ERROR = str(e)

# see App.wait_for
TIMEOUT_SCALE = max(1.0, float(os.environ.get('RWUI_TIMEOUT_SCALE', '3')))

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
APP_ID = 'io.github.rentwise.Rentwise'
SCHEMA_PATH = 'io/github/rentwise/Rentwise'

# lines on stderr that fail a test
BAD_LOG = re.compile(r'(CRITICAL|WARNING) \*\*|-CRITICAL|-WARNING')


class Failure(AssertionError):
    pass


class NotShowing(Failure):
    """app.click () on a node that is not on screen."""


def check(cond, message):
    """Raises Failure(message) unless cond."""
    if not cond:
        raise Failure(message)


def _build_dir():
    return os.environ.get('G_TEST_BUILDDIR') and os.path.dirname(os.environ['G_TEST_BUILDDIR']) \
        or os.path.join(TOP, 'build')


def binary():
    return os.environ.get('RENTWISE_BIN') or os.path.join(_build_dir(), 'src', 'rentwise')


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ''


def name(node):
    try:
        return node.name or ''
    except Exception:
        return ''


def states(node):
    try:
        return {pyatspi.stateToString(s) for s in node.getState().getStates()}
    except Exception:
        return set()


def children(node):
    """@node's children; one that cannot be read (an application that just exited) is left
    out instead of hiding the others."""
    try:
        count = node.childCount
    except Exception:
        return []
    found = []
    for i in range(count):
        try:
            c = node.getChildAtIndex(i)
        except Exception:
            continue
        if c is not None:
            found.append(c)
    return found


def parent(node):
    try:
        return node.parent
    except Exception:
        return None


def text(node):
    """The text of an entry or spin button, else the node's name."""
    try:
        t = node.queryText()
        return t.getText(0, -1)
    except Exception:
        return name(node)


def value(node):
    try:
        return node.queryValue().currentValue
    except Exception:
        return None


def _match(s, pattern):
    if pattern is None:
        return True
    if isinstance(pattern, str):
        return s == pattern
    return pattern.search(s) is not None


def describe(node):
    return '%s %r' % (role(node), name(node))


class App:
    def __init__(self, width=1280, height=800, settings=None, args=(), env=None, lang=None,
                 text_scale=1.0):
        self.width = width
        self.height = height
        self.settings = dict(settings or {})
        self.args = list(args)
        self.extra_env = dict(env or {})
        self.lang = lang
        self.text_scale = text_scale
        self.proc = None
        self.tmp = None
        # GTK's own bookkeeping when a pressed widget's popover or window goes away before the
        # release (GtkPopoverMenu after Menu → Return, a window closed mid-click); GTK prints it
        # for many apps (transmission#7314, litebrowser-linux#26,
        # https://discourse.gnome.org/t/what-does-broken-accounting-of-active-state/24474) and
        # nothing changes on screen. Every other WARNING or CRITICAL still fails a test.
        # And GtkText's own repair of its cursor blink: GTK 4.6–4.8 arm the blink when a text
        # field takes the focus empty-handed and gtk_text_set_selection_bounds () never disarms
        # it, so a selection made after the focus arrives is caught by GTK's blink callback,
        # which prints this and removes the selection's blink (monkey seed 101 after 466 s; the
        # same message in other GTK 4 apps: gtk4-tutorial's list editor, atomtools' yaabe).
        self.allowed_log = [r'Gtk-WARNING \*\*: [0-9:.]+: Broken accounting of active state '
                            r'for widget',
                            r'Gtk-WARNING \*\*: [0-9:.]+: GtkText - unexpected blinking '
                            r'selection\. Removing']
        self._root = None
        self._xid = None

    # life cycle ---------------------------------------------------------------------------
    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.check_log()
                check(self.proc.poll() is None,
                      'rentwise exited (status %s) during the test' % self.proc.returncode)
        finally:
            self.stop()
        return False

    @staticmethod
    def _name_owned():
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'NameHasOwner',
                              GLib.Variant('(s)', (APP_ID,)), GLib.VariantType('(b)'),
                              Gio.DBusCallFlags.NONE, 5000, None)
        return reply.unpack()[0]

    def _wait_name_free(self):
        # GApplication is unique on the session bus: a new instance started while the last
        # one's name is still owned would only activate it and exit
        deadline = time.monotonic() + 10
        while self._name_owned():
            if time.monotonic() > deadline:
                raise Failure('%s is still owned on the session bus by another instance' % APP_ID)
            time.sleep(0.05)

    def start(self):
        self._wait_name_free()
        self.tmp = tempfile.mkdtemp(prefix='rwui-')
        env = dict(os.environ)
        for var in ('NO_AT_BRIDGE', 'GTK_A11Y', 'G_DEBUG'):
            env.pop(var, None)
        for d in ('config', 'cache', 'data', 'runtime'):
            os.makedirs(os.path.join(self.tmp, d), mode=0o700)
        env.update(XDG_CONFIG_HOME=os.path.join(self.tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(self.tmp, 'cache'),
                   XDG_DATA_HOME=os.path.join(self.tmp, 'data'),
                   XDG_RUNTIME_DIR=os.path.join(self.tmp, 'runtime'),
                   GSETTINGS_BACKEND='keyfile',
                   GDK_BACKEND='x11',
                   GSK_RENDERER=env.get('GSK_RENDERER', 'cairo'),
                   GTK_USE_PORTAL='0',
                   GIO_USE_PROXY_RESOLVER='dummy',
                   LC_ALL='C.UTF-8',
                   LANGUAGE=self.lang or '')
        env.setdefault('GSETTINGS_SCHEMA_DIR', os.path.join(_build_dir(), 'data'))
        if self.lang:
            env['RENTWISE_LOCALEDIR'] = env.get('RENTWISE_LOCALEDIR',
                                                os.path.join(_build_dir(), 'po'))
        env.update(self.extra_env)
        self._fake_browser()
        settings = {'window-width': str(self.width), 'window-height': str(self.height)}
        settings.update(self.settings)
        kdir = os.path.join(self.tmp, 'config', 'glib-2.0', 'settings')
        os.makedirs(kdir)
        with open(os.path.join(kdir, 'keyfile'), 'w', encoding='utf-8') as f:
            f.write('[%s]\n' % SCHEMA_PATH)
            for k, v in settings.items():
                f.write('%s=%s\n' % (k, v))
        # large text: GTK 4 on X11 takes the font resolution from an XSETTINGS manager only,
        # as a desktop's text-scaling-factor gives it; Xvfb has none, xsettingsd is one
        self.xsettings = None
        if self.text_scale != 1.0:
            conf = os.path.join(self.tmp, 'xsettingsd.conf')
            with open(conf, 'w') as f:
                f.write('Xft/DPI %d\n' % round(96 * 1024 * self.text_scale))
            self.xsettings = subprocess.Popen(['xsettingsd', '-c', conf],
                                              stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL)
            time.sleep(0.3)  # it owns the XSETTINGS selection before GTK starts looking
        self.stderr_path = os.path.join(self.tmp, 'stderr')
        self._stderr = open(self.stderr_path, 'w')
        self.proc = subprocess.Popen([binary(), '--offline'] + self.args, env=env,
                                     stdout=subprocess.DEVNULL, stderr=self._stderr,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        self.env = env
        try:
            self._root = self.wait_for(self._find_root, timeout=20,
                                       what='rentwise on the a11y bus')
        except Failure as e:
            desktop = pyatspi.Registry.getDesktop(0)
            apps = []
            for a in children(desktop):
                try:
                    apps.append('%s (pid %d, %d children)' % (name(a), a.get_process_id(),
                                                              a.childCount))
                except Exception as err:
                    apps.append(str(err))
            raise Failure('%s; pid %d; the bus lists: %s; stderr: %s'
                          % (e, self.proc.pid, ', '.join(apps), self.log()[-2000:]))
        self.wait_for(lambda: self._window_xid(), timeout=10, what='a mapped X window')
        subprocess.run(['xdotool', 'windowfocus', '--sync', str(self._xid)],
                       stderr=subprocess.DEVNULL, timeout=10)
        self.idle()

    def _fake_browser(self):
        """The app's default https (and help:) handler is a script that writes the URI down: a test can
        check what the app opened (app.opened ()), and no real browser is ever started."""
        self.opened_path = os.path.join(self.tmp, 'opened')
        script = os.path.join(self.tmp, 'browser.sh')
        with open(script, 'w') as f:
            f.write('#!/bin/sh\nprintf "%%s\\n" "$1" >> "%s"\n' % self.opened_path)
        os.chmod(script, 0o755)
        apps = os.path.join(self.tmp, 'data', 'applications')
        os.makedirs(apps)
        with open(os.path.join(apps, 'rwui-browser.desktop'), 'w') as f:
            f.write('[Desktop Entry]\nType=Application\nName=rwui browser\nExec=%s %%u\n'
                    'MimeType=x-scheme-handler/https;x-scheme-handler/http;x-scheme-handler/help;\n'
                    'NoDisplay=true\n'
                    % script)
        with open(os.path.join(self.tmp, 'config', 'mimeapps.list'), 'w') as f:
            f.write('[Default Applications]\nx-scheme-handler/https=rwui-browser.desktop\n'
                    'x-scheme-handler/http=rwui-browser.desktop\n'
                    'x-scheme-handler/help=rwui-browser.desktop\n')

    def opened(self):
        """The URIs the app asked the desktop to open, in order."""
        try:
            with open(self.opened_path, encoding='utf-8') as f:
                return f.read().split()
        except OSError:
            return []

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if getattr(self, 'xsettings', None) is not None:
            self.xsettings.kill()
            self.xsettings.wait()
            self.xsettings = None
        if self.proc is not None:
            try:
                self._wait_name_free()
            except Failure:
                pass
        if self.tmp:
            self._stderr.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def _find_root(self):
        if self.proc.poll() is not None:
            raise Failure('rentwise exited with status %d:\n%s' % (self.proc.returncode, self.log()))
        desktop = pyatspi.Registry.getDesktop(0)
        for a in children(desktop):
            try:
                if a.get_process_id() == self.proc.pid and children(a):
                    # GTK 4.8 does not signal every change (a recycled list row's new text):
                    # nothing read from the app may come from libatspi's cache
                    a.set_cache_mask(Atspi.Cache.NONE)
                    return a
            except Exception:
                continue
        return None

    def _window_xid(self):
        # the main window: the largest at start (a dialog shown at start, such as the
        # unreadable watchlist's, may be mapped after it)
        wins = self._x_windows()
        self._xid = max(wins, key=lambda wn: wn[3] * wn[4])[0] if wins else None
        return self._xid

    @property
    def root(self):
        return self._root

    @property
    def frame(self):
        # the count read on its own: children () leaves out what cannot be read, and a read
        # that timed out (a busy main thread) then looked like "no main window" (the monkey,
        # sessions 4 and 5)
        try:
            self._root.childCount
        except Exception as e:
            raise Failure('the application did not say its windows: %s' % e)
        for w in children(self._root):
            if role(w) == 'frame':
                return w
        raise Failure('no main window (the windows: %r)'
                      % [(role(w), name(w)) for w in children(self._root)])

    def windows(self):
        return children(self._root)

    # log, memory, liveness ----------------------------------------------------------------
    def log(self):
        self._stderr.flush()
        with open(self.stderr_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def bad_log_lines(self):
        bad = []
        for line in self.log().splitlines():
            if BAD_LOG.search(line) and not any(re.search(a, line) for a in self.allowed_log):
                bad.append(line)
        return bad

    def check_log(self):
        bad = self.bad_log_lines()
        check(not bad, 'rentwise printed:\n' + '\n'.join(bad[:20]))

    def alive(self):
        return self.proc.poll() is None

    def rss(self):
        with open('/proc/%d/status' % self.proc.pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) * 1024
        return 0

    def ping(self, limit=2.0):
        """Asks the main thread something over the accessibility bus (never cached)."""
        check(self.alive(), 'rentwise exited with status %s' % self.proc.returncode)
        Atspi.set_timeout(int(limit * 1000) + 100, 20000)
        t0 = time.monotonic()
        try:
            self.frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except Exception as e:
            raise Failure('the app did not answer the accessibility bus in %.1f s: %s'
                          % (limit, e))
        finally:
            Atspi.set_timeout(-1, -1)
        dt = time.monotonic() - t0
        check(dt <= limit, 'the app took %.2f s to answer the accessibility bus' % dt)
        return dt

    def idle(self):
        self.ping(limit=10)
        self.ping(limit=10)

    # finding ------------------------------------------------------------------------------
    def walk(self, root=None):
        stack = [root or self._root]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(children(n)))

    def hit(self, node, x, y):
        """The deepest node at window point (x, y) of @node's window (GTK picks it)."""
        if self.surface(node).path != self.toplevel(node).path:
            return None  # in a popover: its made-up coordinates pick nothing sensible
        try:
            return self.toplevel(node).queryComponent().getAccessibleAtPoint(
                int(x), int(y), pyatspi.WINDOW_COORDS)
        except Exception:
            return None

    def is_showing(self, node):
        """Whether @node is on screen: a non-empty rectangle whose centre picks @node or one
        of its descendants (or none at all). GTK 4.8 reports made-up rectangles for the rows a list view keeps
        scrolled out of sight, so the rectangle alone says nothing."""
        try:
            x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except Exception:
            return False
        if w <= 0 or h <= 0:
            return False
        top = self.surface(node)
        if top.path != self.toplevel(node).path:
            return 'visible' in states(top)  # in a popover: shown while the popover is
        n = self.hit(node, x + w // 2, y + h // 2)
        if n is None:
            return True  # GTK 4.8 picks no node over some widgets (a button's image)
        want = node.path
        while n is not None and role(n) != 'application':
            if n.path == want:
                return True
            n = parent(n)
        return False

    _is_showing = is_showing

    def find_all(self, role=None, name=None, root=None, pred=None, showing=True):
        found = []
        for n in self.walk(root):
            if role is not None and globals()['role'](n) != role:
                continue
            if not _match(globals()['name'](n), name):
                continue
            if pred is not None and not pred(n):
                continue
            if showing and not self._is_showing(n):
                continue
            found.append(n)
        return found

    def find(self, role=None, name=None, root=None, pred=None, showing=True, timeout=5):
        def first():
            r = self.find_all(role, name, root, pred, showing)
            return r[0] if r else None
        return self.wait_for(first, timeout=timeout,
                             what='a %s named %r' % (role or 'node', name))

    def menu_items(self, button=None):
        """The menu items (plain, check, radio) on screen: those of the open menus; with
        @button, those of its menu only (GTK 4.8 puts a menu button's popover under it), a walk
        of some 30 nodes instead of the whole window's ~900, which took seconds each on a
        loaded machine."""
        return self.find_all(root=button, pred=lambda n: role(n).endswith('menu item'))

    def choose_menu_item(self, item_name):
        """In the open menu, moves to @item_name with Down, as a keyboard user does, and
        presses Return."""
        self.wait_for(lambda: [m for m in self.menu_items() if name(m) == item_name],
                      what='"%s" in the menu (%r)' % (item_name,
                                                      [name(m) for m in self.menu_items()]))
        for _ in range(4):
            item = [m for m in self.menu_items() if name(m) == item_name][0]
            if states(item) & {'focused', 'selected', 'armed'}:
                break
            self.key('Down')
        self.key('Return')

    def focused(self):
        for n in self.walk():
            if 'focused' in states(n):
                return n
        return None

    def page_title(self):
        """The GPU name in the content header (AdwViewSwitcherTitle's window title)."""
        for n in self.walk(self.frame):
            if globals()['name'](n) == 'AdwWindowTitle' or role(n) == 'heading':
                labels = [c for c in self.walk(n) if role(c) == 'label']
                if labels and labels[0] is not n:
                    return globals()['name'](labels[0])
        return None

    # geometry and input -------------------------------------------------------------------
    def window_origin(self):
        out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', str(self._xid)],
                             capture_output=True, text=True).stdout
        geo = dict(l.split('=', 1) for l in out.split() if '=' in l)
        return int(geo.get('X', 0)), int(geo.get('Y', 0)), int(geo.get('WIDTH', 0)), \
            int(geo.get('HEIGHT', 0))

    def window_size(self):
        return self.window_origin()[2:]

    def toplevel(self, node):
        """The window (frame, dialog) that holds @node."""
        n = node
        while n is not None:
            p = parent(n)
            if p is None or role(p) == 'application':
                return n
            n = p
        return node

    @staticmethod
    def _is_popover(n):
        p = parent(n)
        return p is not None and role(p) != 'application' and \
            (name(n).startswith('GtkPopover') or role(n) in ('menu', 'dialog', 'window',
                                                            'popup menu', 'tool tip'))

    def surface(self, node):
        """The node of @node's own X window: its popover, else its top-level window."""
        n = node
        while n is not None:
            p = parent(n)
            if p is None or role(p) == 'application' or self._is_popover(n):
                return n
            n = p
        return node

    def _x_windows(self):
        out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.proc.pid)],
                             capture_output=True, text=True).stdout.split()
        wins = []
        for xid in out:
            geo = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', xid],
                                 capture_output=True, text=True).stdout
            g = dict(l.split('=', 1) for l in geo.split() if '=' in l)
            wins.append((int(xid), int(g.get('X', 0)), int(g.get('Y', 0)),
                         int(g.get('WIDTH', 0)), int(g.get('HEIGHT', 0))))
        return wins

    def rect(self, node):
        """@node's rectangle on the screen. GTK 4.8 gives WINDOW_COORDS only, and for a node
        in a popover it gives them relative to a made-up popover position: the rectangle is
        @node's offset in its surface (popover or window) plus that surface's X window origin
        and the invisible border GTK's client-side decorations leave around a window."""
        x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        top = self.surface(node)
        sx, sy, sw, sh = top.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if top.path == self.frame.path:
            ox, oy, ow, oh = self.window_origin()
        else:
            cands = [wn for wn in self._x_windows() if wn[0] != self._xid] or self._x_windows()
            best = min(cands, key=lambda wn: abs(wn[3] - sw) + abs(wn[4] - sh))
            ox, oy, ow, oh = best[1:]
        return (x - sx + ox + max(0, ow - sw) // 2, y - sy + oy + max(0, oh - sh) // 2, w, h)

    def center(self, node):
        x, y, w, h = self.rect(node)
        return x + w // 2, y + h // 2

    def xdotool(self, *args):
        subprocess.run(['xdotool'] + [str(a) for a in args], check=True, timeout=30,
                       stderr=subprocess.DEVNULL)

    def move(self, x, y):
        x, y = int(x), int(y)
        if getattr(self, '_pointer', None) == (x, y):
            # already there: move off and back, as a hand does. GTK 4.8 hides the pointer
            # while one types in a text field, and a click at the very spot where it was
            # hidden, with no motion between, did not focus the field (test_spin, one run
            # in two on a quiet machine)
            self.xdotool('mousemove', '--sync', x + 4, y + 4)
        self.xdotool('mousemove', '--sync', x, y)
        self._pointer = (x, y)

    def move_to(self, node):
        self.move(*self.center(node))

    def click_at(self, x, y, button=1):
        self.move(x, y)
        self.xdotool('click', button)

    def click(self, target, button=1):
        if isinstance(target, tuple):
            self.click_at(target[0], target[1], button)
        else:
            if not self.is_showing(target):
                # a layout still settling, or the twin of a node (AdwViewSwitcherTitle keeps a
                # wide and a narrow switcher): wait a little, then take the twin on screen
                deadline = time.monotonic() + 3
                while time.monotonic() < deadline and not self.is_showing(target):
                    time.sleep(0.1)
                if not self.is_showing(target):
                    twins = self.find_all(role=role(target), name=name(target))
                    if not twins:
                        raise NotShowing('%s is not on screen' % describe(target))
                    target = twins[0]
            self.click_at(*self.center(target), button=button)

    def scroll(self, node, clicks):
        self.move_to(node)
        self.xdotool('click', '--repeat', abs(clicks), 5 if clicks > 0 else 4)

    def key(self, *keys):
        self.xdotool('key', '--delay', 30, *keys)

    def type(self, s):
        self.xdotool('type', '--delay', 40, '--', s)

    def resize(self, width, height):
        self.xdotool('windowsize', '--sync', self._xid, width, height)

    def screenshot(self, path):
        """Saves the app's main window as a PNG (ImageMagick's import)."""
        subprocess.run(['import', '-window', str(self._xid), path], check=True, timeout=30)

    # waiting ------------------------------------------------------------------------------
    def wait_for(self, cond, timeout=5, what='a condition', interval=0.05):
        # Every wait is a bound on how long a correct app may take, never a speed target
        # (speed lives in build-aux/bench): on a loaded CI machine a click's focus change took
        # over 2 s, so each timeout is multiplied by RWUI_TIMEOUT_SCALE (default 3). A test
        # that waits for something NOT to happen uses app.idle () and a plain check instead.
        timeout *= TIMEOUT_SCALE
        # One poll that walks the accessibility tree (find, menu_items) took 2 to 8 s on a
        # loaded machine while the app answered a ping in under 10 ms: the timeout then gave
        # one poll, begun before the awaited change. Give up only after a poll that began
        # after the deadline also found nothing.
        deadline = time.monotonic() + timeout
        while True:
            if self.proc is not None and self.proc.poll() is not None:
                raise Failure('rentwise exited (status %s) while waiting for %s:\n%s'
                              % (self.proc.returncode, what, self.log()[-3000:]))
            began = time.monotonic()
            result = cond()
            if result:
                return result
            if began > deadline:
                raise Failure('timed out after %g s waiting for %s' % (timeout, what))
            time.sleep(interval)


def _die_with_parent():
    """In the app's child process: it is killed when the test dies (a timeout's SIGKILL),
    so no instance is left owning the app's name on the bus for the next test."""
    try:
        import ctypes
        ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def available():
    if pyatspi is None:
        return 'python3-pyatspi is missing (%s)' % _IMPORT_ERROR
    if not os.environ.get('DISPLAY'):
        return 'no X display'
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        return 'no session bus'
    if shutil.which('xdotool') is None:
        return 'xdotool is missing'
    if not os.path.exists(binary()):
        return 'rentwise is not built'
    return None


def main(cases, retries=1):
    """Runs each function as one TAP case; exits 1 when any failed.

    A case that fails is run once more, in a fresh app (@retries times; 0 for the monkey,
    whose run fills its meson timeout). Under the load of CI's two cores a click or a key was
    now and then lost on its way through the X server, the bus and GTK 4.8 (closing note of
    session 4): a case that fails twice is a failure; one that fails once is reported as "ok"
    with its first failure in "# RETRIED ..." lines, which build-aux/count-tests.py lists
    before its summary, so every lost click stays in the log."""
    why = available()
    if why:
        print('1..0 # SKIP %s' % why)
        return
    # meson's timeout sends SIGTERM: leave through the context managers, killing the app
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    print('1..%d' % len(cases))
    failed = 0
    for i, case in enumerate(cases, 1):
        for attempt in range(retries + 1):
            try:
                case()
                print('ok %d - %s' % (i, case.__name__))
                break
            except Exception:
                trace = traceback.format_exc().splitlines()
                if attempt < retries:
                    # the test's own lines and the reason, kept short
                    where = [l.strip() for l in trace if 'tests/ui/' in l and 'rwui.py' not in l]
                    print('# RETRIED %s: %s (at %s)'
                          % (case.__name__, trace[-1][:240], '; '.join(where[-2:])[:240]))
                    sys.stdout.flush()
                    continue
                failed += 1
                for line in trace:
                    print('# ' + line)
                print('not ok %d - %s' % (i, case.__name__))
        sys.stdout.flush()
    sys.exit(1 if failed else 0)
