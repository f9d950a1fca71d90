#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Screenshots of the planner (issues 17, 19, 20) for a person to look at, driven like
test_plan.py: the plan window at 1280 px and 360 px, dark, with a fine-tuning workload and with
a watched plan, and the main window's Watched section with a plan and a GPU in it.

    build-aux/screenshot-plan [OUT_DIR]     (default build/screenshots)
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from test_plan import choose_workload, pick_model, plan_window, set_context, set_spin  # noqa

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(rwui.TOP, 'build', 'screenshots')
WATCHLIST = '''[rentwise-watchlist]
version=1

[watch 0]
kind=plan
model=llama-3-3-70b
context=32768
sessions=4
target_hr=9.5

[watch 1]
kind=gpu
gpu=h100-pcie
target_hr=1.8
'''


def shoot_window(name, path):
    xid = subprocess.run(['xdotool', 'search', '--name', '^%s$' % name], check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    subprocess.run(['import', '-window', xid, path], check=True, timeout=30)
    print('saved %s' % path)


def resize_window(name, width, height):
    xid = subprocess.run(['xdotool', 'search', '--name', '^%s$' % name], check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    subprocess.run(['xdotool', 'windowsize', xid, str(width), str(height)], check=True)


def plan(variant, width, height, env=None, workload=None, watched=False):
    data = tempfile.mkdtemp(prefix='rw-shot-')
    if watched:
        os.makedirs(os.path.join(data, 'rentwise'))
        with open(os.path.join(data, 'rentwise', 'watchlist.ini'), 'w') as f:
            f.write(WATCHLIST)
    with rwui.App(width=1280, height=800, env=dict(env or {}, XDG_DATA_HOME=data)) as app:
        if watched:
            app.screenshot(os.path.join(OUT, 'plan-watched-sidebar.png'))
            print('saved %s' % os.path.join(OUT, 'plan-watched-sidebar.png'))
        app.key('ctrl+m')
        window = plan_window(app)
        resize_window('Plan a model', width, height)
        app.idle()
        pick_model(app, window, 'Llama 3.3 70B' if not workload else 'Llama 3.1 8B')
        set_context(app, window, 32768)
        if not workload:
            set_spin(app, window, 'Concurrent sessions', 4)
        else:
            choose_workload(app, window, workload)
        app.idle()
        app.key('ctrl+Home')
        app.idle()
        shoot_window('Plan a model', os.path.join(OUT, 'plan-%s.png' % variant))


os.makedirs(OUT, exist_ok=True)
plan('1280', 1280, 900)
plan('360', 360, 720)
plan('dark', 1000, 800, env={'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'})
plan('lora', 1000, 800, workload='LoRA')
plan('watched', 1000, 800, watched=True)
