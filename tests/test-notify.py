#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-notify: a watched GPU reaching its target on a refresh gives exactly one desktop
notification, and the next unchanged refresh none (issue 19).

The real `rentwise --gapplication-service` (no window) runs on a private session bus beside
python3-dbusmock's org.freedesktop.Notifications (GNOTIFICATION_BACKEND=freedesktop). Its one
feed is a loopback HTTP server serving tests/fixtures/skypilot/v9_lambda_vms.csv; between two
refreshes Lambda's gpu_1x_h100_pcie drops from $3.29 (the fixture) to $0.50 (a test value),
under the watched H100 PCIe's target of $0.60/hr. Refreshes are started with app.refresh over
org.gtk.Actions and known to be over when the action is enabled again; notifications are
counted from the mock's call log, never waited for by sleeping.
"""
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

try:
    import dbus
    import dbusmock
except ImportError:
    print('1..0 # SKIP python3-dbusmock is not installed')
    sys.exit(0)

SRCDIR = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
BUILDDIR = os.environ.get('G_TEST_BUILDDIR', os.path.join(SRCDIR, '..', 'build', 'tests'))
BIN = os.environ.get('RENTWISE_BIN', os.path.join(BUILDDIR, '..', 'src', 'rentwise'))
FIXTURE = os.path.join(SRCDIR, 'fixtures', 'skypilot', 'v9_lambda_vms.csv')
APP_PATH = '/io/github/rentwise/Rentwise'


class Feed(http.server.BaseHTTPRequestHandler):
    body = b''
    requests = 0

    def do_GET(self):
        if self.path != '/lambda/vms.csv':
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header('Content-Type', 'text/csv')
        self.send_header('Content-Length', str(len(Feed.body)))
        self.end_headers()
        self.wfile.write(Feed.body)
        Feed.requests += 1

    def log_message(self, *args):
        pass


def wait_for(cond, what, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError('timed out waiting for ' + what)


class Test(dbusmock.DBusTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_session_bus()
        cls.bus = cls.get_dbus(system_bus=False)

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='rw-notify-')
        self.mock_proc, self.mock = self.spawn_server_template(
            'notification_daemon', {}, stdout=subprocess.DEVNULL)
        self.mock_ctl = dbus.Interface(self.mock, dbusmock.MOCK_IFACE)
        with open(FIXTURE, 'rb') as f:
            self.fixture = f.read()
        Feed.body = self.fixture
        Feed.requests = 0
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Feed)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.app = None

    def tearDown(self):
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            self.app.wait(10)
        self.server.shutdown()
        self.mock_proc.terminate()
        self.mock_proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start_app(self, watchlist):
        data = os.path.join(self.tmp, 'data', 'rentwise')
        os.makedirs(data)
        with open(os.path.join(data, 'watchlist.ini'), 'w') as f:
            f.write(watchlist)
        env = dict(os.environ)
        env.update(XDG_DATA_HOME=os.path.join(self.tmp, 'data'),
                   XDG_CACHE_HOME=os.path.join(self.tmp, 'cache'),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, 'config'),
                   GNOTIFICATION_BACKEND='freedesktop', GSETTINGS_BACKEND='memory',
                   GSETTINGS_SCHEMA_DIR=os.path.join(BUILDDIR, '..', 'data'),
                   GTK_A11Y='none', GDK_BACKEND=env.get('GDK_BACKEND', 'x11'))
        feed = 'http://127.0.0.1:%d/lambda/vms.csv' % self.server.server_address[1]
        self.stderr = open(os.path.join(self.tmp, 'stderr'), 'w+')
        self.app = subprocess.Popen([BIN, '--gapplication-service', '--feed=' + feed], env=env,
                                    stderr=self.stderr)
        name = wait_for(lambda: next((n for n in self.bus.list_names()
                                      if str(n).startswith('io.github.rentwise.Rentwise')),
                                     None), 'the app on the bus', timeout=30)
        self.actions = dbus.Interface(self.bus.get_object(name, APP_PATH), 'org.gtk.Actions')
        self.wait_idle()

    def refresh_enabled(self):
        return bool(self.actions.Describe('refresh')[0])

    def wait_idle(self):
        wait_for(self.refresh_enabled, 'app.refresh enabled (no refresh running)')

    def refresh(self):
        served = Feed.requests
        self.actions.Activate('refresh', [], {})
        wait_for(lambda: Feed.requests > served, 'the feed to be fetched')
        self.wait_idle()

    def notifications(self):
        return [call for call in self.mock_ctl.GetCalls() if call[1] == 'Notify']

    def test_target_reached_once(self):
        self.start_app('[rentwise-watchlist]\nversion=1\n\n'
                       '[watch 0]\nkind=gpu\ngpu=h100-pcie\ntarget_hr=0.6\n')
        self.refresh()                       # the fixture: Lambda at $3.29, over the target
        self.assertEqual(self.notifications(), [])

        Feed.body = re.sub(rb'^(gpu_1x_h100_pcie,(?:[^,]*,){4})3\.29,', rb'\g<1>0.50,',
                           self.fixture, flags=re.M)
        self.assertNotEqual(Feed.body, self.fixture)
        self.refresh()                       # $0.50: under the target
        calls = wait_for(self.notifications, 'a notification', timeout=10)
        self.assertEqual(len(calls), 1)
        args = calls[0][2]
        summary, body, actions = str(args[3]), str(args[4]), [str(a) for a in args[5]]
        print('# notification: %r / %r / %r' % (summary, body, actions))
        self.assertIn('NVIDIA H100 PCIe', summary)
        self.assertIn('$0.50', summary)
        self.assertIn('Lambda', body)
        self.assertIn('$1.14', body)          # the cheapest before: the built-in Dataoorts
        self.assertIn('Stop watching', actions)
        self.assertIn('default', actions)

        self.refresh()                       # the same prices again: nothing new
        self.refresh()
        self.assertEqual(len(self.notifications()), 1)

        with open(os.path.join(self.tmp, 'data', 'rentwise', 'watchlist.ini')) as f:
            self.assertIn('notified_hr=0.5', f.read())
        self.stderr.seek(0)
        log = self.stderr.read()
        self.assertNotRegex(log, r'CRITICAL|WARNING')


if __name__ == '__main__':
    import unittest
    result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Test))
    print('1..1')
    print('ok 1 - test_target_reached_once' if result.wasSuccessful()
          else 'not ok 1 - test_target_reached_once')
    sys.exit(0 if result.wasSuccessful() else 1)
