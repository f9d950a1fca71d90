#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 13, defect 8: every view of the GPU page says which GPU it shows — at 1280 px the
header shows the view switcher, not the GPU's name — and a search that hides the GPU on show
moves the page to the best match instead of leaving another GPU's data on it."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rwui  # noqa: E402
from rwui import check  # noqa: E402

VIEWS = ['Providers', 'Instances', 'Models', 'Rent vs own']


def content_labels(app, text):
    """Labels reading @text in the content pane, below its header bar."""
    sidebar = app.rect(app.find('list', 'GPUs', showing=False))
    fx, fy = app.rect(app.frame)[:2]
    return [n for n in app.find_all('label', text)
            if app.rect(n)[0] > sidebar[0] + sidebar[2] and app.rect(n)[1] > fy + 50]


def test_each_view_names_its_gpu():
    with rwui.App(settings={'last-gpu': "'h100-sxm'"}) as app:
        app.wait_for(lambda: app.page_title() == 'NVIDIA H100 SXM', what='the H100 page')
        for view in VIEWS:
            app.click(app.find('page tab', view))
            app.wait_for(lambda: content_labels(app, 'NVIDIA H100 SXM'),
                         what='the GPU named on the %s view' % view)


def test_search_hiding_the_gpu_moves_the_page():
    with rwui.App(settings={'last-gpu': "'l40s'", 'last-view': "'providers'"}) as app:
        app.wait_for(lambda: content_labels(app, 'NVIDIA L40S'), what='the L40S named')
        app.key('ctrl+f')
        app.type('a100 40')
        app.wait_for(lambda: content_labels(app, 'NVIDIA A100 40GB'),
                     what='the page to follow the search to the A100 40GB')
        check(not content_labels(app, 'NVIDIA L40S'), 'the L40S is still named')


if __name__ == '__main__':
    rwui.main([test_each_view_names_its_gpu, test_search_hiding_the_gpu_moves_the_page])
