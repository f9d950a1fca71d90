# SPDX-License-Identifier: GPL-3.0-or-later
"""Start from a model (issue 17): Ctrl+M opens the planner; a person picks a model from the
drop-down by typing its name, types a context, and reads the ranked machines back through the
accessibility bus. The first machine must be the planner's own first option for the same model,
context and sessions (tests/plan-first.c, rw_plan_compute over the built-in catalog, until
`rentwise --plan --json` is on main); every figure that is an estimate says so; the row's
button opens that GPU's page in the main window."""
import os
import re
import subprocess

import rwui

MODEL_ID = 'llama-3-3-70b'
MODEL_NAME = 'Llama 3.3 70B'
CONTEXT = 32768


def planner_first(model_id, context, sessions=1):
    helper = os.environ.get('RENTWISE_PLAN_FIRST',
                            os.path.join(rwui.TOP, 'build', 'tests', 'plan-first'))
    out = subprocess.run([helper, model_id, str(context), str(sessions)], check=True,
                         capture_output=True, text=True).stdout.strip()
    gpu_id, gpu_name, gpus, precision, provider, price = out.split('\t')
    return dict(gpu_id=gpu_id, gpu_name=gpu_name, gpus=int(gpus), precision=precision,
                provider=provider, price_hr=float(price))


def plan_window(app):
    def find():
        for w in app.windows():
            if rwui.name(w) == 'Plan a model':
                return w
        return None
    return app.wait_for(find, what='the Plan a model window')


def options(app, window):
    lst = app.find(role='list', name='Machines that run the model, cheapest first', root=window)
    return [c for c in rwui.children(lst) if rwui.role(c) == 'list item']


def pick_model(app, window, name):
    combo = app.find(role='combo box', name='Model', root=window)
    button = app.find(role='push button', root=combo)
    app.click(button)
    app.idle()
    # the popover opens on the list; its search entry is one Shift+Tab back
    app.key('shift+Tab')
    app.type(name)
    app.idle()
    item = app.find(role='label', name=name, root=combo,
                    pred=lambda n: not any(p is not None and rwui.role(p) == 'push button'
                                           for p in [rwui.parent(rwui.parent(rwui.parent(n)))]))
    app.click(item)
    app.wait_for(lambda: any(rwui.name(n) == name for n in app.walk(button)
                             if rwui.role(n) == 'label'),
                 what='%s chosen' % name)


def set_spin(app, window, label, number):
    spin = app.find(role='spin button', name=label, root=window)
    # a click while the drop-down's popover is still closing can be swallowed: click again
    for attempt in range(3):
        app.idle()
        app.click(spin)
        try:
            app.wait_for(lambda: 'focused' in rwui.states(spin), timeout=2,
                         what='%s focused' % label)
            break
        except rwui.Failure:
            if attempt == 2:
                raise
    app.key('ctrl+a')
    app.type(str(number))
    app.key('Tab')
    app.wait_for(lambda: rwui.value(spin) == number, what='%s %d' % (label, number))


def set_context(app, window, tokens):
    set_spin(app, window, 'Context (tokens per session)', tokens)


def test_plan_ranked_options():
    with rwui.App(width=1280, height=800) as app:
        app.key('ctrl+m')
        window = plan_window(app)
        pick_model(app, window, MODEL_NAME)
        set_context(app, window, CONTEXT)
        want = planner_first(MODEL_ID, CONTEXT)
        title = '%d× %s · %s' % (want['gpus'], want['gpu_name'], want['precision'].upper())
        app.wait_for(lambda: options(app, window) and rwui.name(options(app, window)[0]) == title,
                     what='first option %r (got %r)' % (
                         title, [rwui.name(o) for o in options(app, window)[:3]]))
        rows = options(app, window)
        rwui.check(len(rows) > 3, 'several ranked options, got %d' % len(rows))
        first = rows[0].description
        price = '$%.2f/hr' % want['price_hr']
        rwui.check(price in first, 'first option costs %s: %r' % (price, first))
        rwui.check('tokens/s (estimate)' in first and 'M tokens (estimate)' in first,
                   'throughput and cost per token are labelled estimates: %r' % first)
        # ranked by $/hr
        prices = [float(re.search(r'\$([0-9,.]+)/hr', r.description).group(1).replace(',', ''))
                  for r in rows]
        rwui.check(prices == sorted(prices), 'cheapest first: %r' % prices[:10])
        summary = app.find(role='label', name=re.compile('^Cheapest on-demand: '), root=window)
        rwui.check('Cheapest spot: ' in rwui.name(summary), 'cheapest spot named')
        app.check_log()


def test_plan_opens_gpu_page():
    with rwui.App(width=1280, height=800) as app:
        app.key('ctrl+m')
        window = plan_window(app)
        pick_model(app, window, MODEL_NAME)
        first = options(app, window)[0]
        button = app.find(role='push button', name=re.compile('^Open the .* page'), root=first)
        gpu = re.match(r'Open the (.*) page', rwui.name(button)).group(1)
        app.click(button)
        app.wait_for(lambda: app.page_title() == gpu, what='the %s page in the main window' % gpu)
        app.check_log()


def test_plan_fits_nowhere():
    with rwui.App(width=1280, height=800) as app:
        app.key('ctrl+m')
        window = plan_window(app)
        pick_model(app, window, MODEL_NAME)
        set_spin(app, window, 'Concurrent sessions', 256)
        set_context(app, window, 1048576)
        why = app.find(role='label', name=re.compile('^No offered machine holds this model'),
                       root=window)
        rwui.check('tokens:' in rwui.name(why) or 'session' in rwui.name(why),
                   'says what would fit: %r' % rwui.name(why))
        app.check_log()


def test_shell_search_opens_plan():
    """GNOME Shell's overview: typing the model's name offers its plan; activating it opens
    the planner on that model."""
    from gi.repository import Gio, GLib
    with rwui.App(width=1280, height=800) as app:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

        def call(method, args, reply):
            return bus.call_sync(rwui.APP_ID, '/io/github/rentwise/Rentwise/SearchProvider',
                                 'org.gnome.Shell.SearchProvider2', method, args,
                                 GLib.VariantType(reply) if reply else None,
                                 Gio.DBusCallFlags.NONE, 10000, None)
        ids = call('GetInitialResultSet', GLib.Variant('(as)', (['Llama', '3.3', '70B'],)),
                   '(as)').unpack()[0]
        rwui.check('plan:' + MODEL_ID in ids, 'the model is a result: %r' % ids)
        metas = call('GetResultMetas', GLib.Variant('(as)', (['plan:' + MODEL_ID],)),
                     '(aa{sv})').unpack()[0]
        want = planner_first(MODEL_ID, 8192)
        name = '%s from $%.2f/hr on %d× %s' % (MODEL_NAME, want['price_hr'], want['gpus'],
                                              want['gpu_name'])
        rwui.check(metas[0]['name'] == 'Run ' + name, '%r is %r' % (metas[0]['name'], name))
        call('ActivateResult', GLib.Variant('(sasu)', ('plan:' + MODEL_ID, ['Llama'], 0)), None)
        window = plan_window(app)
        combo = app.find(role='combo box', name='Model', root=window)
        button = app.find(role='push button', root=combo)
        app.wait_for(lambda: any(rwui.name(n) == MODEL_NAME for n in app.walk(button)
                                 if rwui.role(n) == 'label'), what='the plan of ' + MODEL_NAME)
        app.check_log()


rwui.main([test_plan_ranked_options, test_plan_opens_gpu_page, test_plan_fits_nowhere,
           test_shell_search_opens_plan])
