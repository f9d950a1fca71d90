#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-background: "Check prices in the background" against a mocked Background portal
(issue 19).

A python3-dbusmock object on a private session bus plays org.freedesktop.portal.Desktop with
org.freedesktop.portal.Background.RequestBackground; it answers on the request handle with
org.freedesktop.portal.Request::Response, granted or denied. The real `rentwise
--gapplication-service` (no window) runs with background-check on (a GSettings keyfile).
Granted: the request carries autostart and the command line, and the service keeps running
past the time an idle service quits; turning the setting off (the keyfile rewritten) makes it
quit. Denied: it says so on stderr and quits like any idle service.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import dbus
    import dbusmock
except ImportError:
    print('1..0 # SKIP python3-dbusmock is not installed')
    sys.exit(0)

SRCDIR = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
BUILDDIR = os.environ.get('G_TEST_BUILDDIR', os.path.join(SRCDIR, '..', 'build', 'tests'))
BIN = os.environ.get('RENTWISE_BIN', os.path.join(BUILDDIR, '..', 'src', 'rentwise'))
SCHEMA_PATH = '/io/github/rentwise/Rentwise/'

def wait_for(cond, what, timeout=30):
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
        self.tmp = tempfile.mkdtemp(prefix='rw-background-')
        self.portal_proc = self.spawn_server(
            'org.freedesktop.portal.Desktop', '/org/freedesktop/portal/desktop',
            'org.freedesktop.portal.Background', stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.bus.get_object('org.freedesktop.portal.Desktop',
                                                       '/org/freedesktop/portal/desktop'),
                                   dbusmock.MOCK_IFACE)
        self.app = None

    def tearDown(self):
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            self.app.wait(10)
        self.portal_proc.terminate()
        self.portal_proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def portal_answers(self, response, background):
        # the handle: /org/freedesktop/portal/desktop/request/SENDER/TOKEN
        self.mock.AddMethod(
            'org.freedesktop.portal.Background', 'RequestBackground', 'sa{sv}', 'o',
            "owner = dbus.SessionBus().get_name_owner('io.github.rentwise.Rentwise')\n"
            "path = '/org/freedesktop/portal/desktop/request/' + "
            "str(owner).lstrip(':').replace('.', '_') + '/' + "
            "str(args[1]['handle_token'])\n"
            "self.AddObject(path, 'org.freedesktop.portal.Request', {}, [])\n"
            "objects[path].EmitSignal('org.freedesktop.portal.Request', 'Response', 'ua{sv}', "
            "[dbus.UInt32(%d), {'background': dbus.Boolean(%s), "
            "'autostart': dbus.Boolean(%s)}])\n"
            "ret = dbus.ObjectPath(path)\n" % (response, background, background))

    def write_settings(self, on):
        kdir = os.path.join(self.tmp, 'config', 'glib-2.0', 'settings')
        os.makedirs(kdir, exist_ok=True)
        with open(os.path.join(kdir, 'keyfile.new'), 'w') as f:
            f.write('[%s]\nbackground-check=%s\n' % (SCHEMA_PATH.strip('/'),
                                                     'true' if on else 'false'))
        os.rename(os.path.join(kdir, 'keyfile.new'), os.path.join(kdir, 'keyfile'))

    def start_app(self):
        self.write_settings(True)
        env = dict(os.environ)
        env.update(XDG_DATA_HOME=os.path.join(self.tmp, 'data'),
                   XDG_CACHE_HOME=os.path.join(self.tmp, 'cache'),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, 'config'),
                   GSETTINGS_BACKEND='keyfile', GTK_A11Y='none',
                   GSETTINGS_SCHEMA_DIR=os.path.join(BUILDDIR, '..', 'data'))
        self.stderr = open(os.path.join(self.tmp, 'stderr'), 'w+')
        self.app = subprocess.Popen([BIN, '--gapplication-service', '--offline'], env=env,
                                    stderr=self.stderr)

    def requests(self):
        return [c for c in self.mock.GetCalls() if c[1] == 'RequestBackground']

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read()

    def test_granted(self):
        self.portal_answers(0, True)
        self.start_app()
        calls = wait_for(self.requests, 'the request')
        self.assertEqual(len(calls), 1)
        options = calls[0][2][1]
        self.assertTrue(bool(options['autostart']))
        self.assertEqual([str(a) for a in options['commandline']],
                         ['rentwise', '--gapplication-service'])
        self.assertTrue(str(options['reason']))
        # an idle D-Bus service quits after GApplication's inactivity timeout (10 s); held,
        # it keeps running
        time.sleep(15)
        self.assertIsNone(self.app.poll(), 'the held service quit: ' + self.log())
        self.write_settings(False)
        wait_for(lambda: self.app.poll() is not None, 'the service to quit when turned off')
        self.assertNotRegex(self.log(), 'CRITICAL|WARNING')

    def test_denied(self):
        self.portal_answers(2, False)
        self.start_app()
        wait_for(self.requests, 'the request')
        wait_for(lambda: 'cannot be checked in the background' in self.log(),
                 'the app to say it was denied')
        # the switch goes back off, so that Preferences shows what is true (newcomer report 5)
        keyfile = os.path.join(self.tmp, 'config', 'glib-2.0', 'settings', 'keyfile')
        wait_for(lambda: 'background-check=false' in open(keyfile).read(),
                 'background-check turned off in the keyfile')
        wait_for(lambda: self.app.poll() is not None, 'the idle service to quit')
        self.assertNotRegex(self.log(), 'CRITICAL|WARNING')


if __name__ == '__main__':
    names = ['test_granted', 'test_denied']
    result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(
        unittest.TestSuite([Test(name) for name in names]))
    failed = {t.id().split('.')[-1] for t, _ in result.failures + result.errors}
    print('1..%d' % len(names))
    for i, name in enumerate(names, 1):
        print('%s %d - %s' % ('not ok' if name in failed else 'ok', i, name))
    sys.exit(0 if result.wasSuccessful() else 1)
