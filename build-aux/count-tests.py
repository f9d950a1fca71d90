#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count test cases in meson's testlog.json: every TAP "ok"/"not ok" line, and a test
program that failed without reporting a failed case (a crash, a timeout) as one failure.
Prints one "# failed: ..." block per failed test (its name, meson's verdict, the failed
cases, where in the test file each failed and the last lines it wrote to stderr), then one
"# retried: ..." line per tests/ui case that failed once and passed on its second run, then
"N passed, N failed", and exits 1 when anything failed."""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
retried = []
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        test = json.loads(line)
        out = test.get('stdout') or ''
        oks = [l for l in out.splitlines() if re.match(r'ok \d+', l)]
        bad = [l for l in out.splitlines() if re.match(r'not ok \d+', l)]
        skips = [l for l in oks if re.search(r'#\s*SKIP', l, re.I)]
        passed += len(oks) - len(skips)
        skipped += len(skips)
        failed += len(bad)
        # tests/ui cases that failed once and passed in a fresh app (rwui.main)
        retried += ['# retried: %s: %s' % (test['name'], l[len('# RETRIED '):][:400])
                    for l in out.splitlines() if l.startswith('# RETRIED ')]
        if test['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not bad:
            failed += 1
        elif test['result'] == 'OK' and not oks:
            passed += 1
        if test['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL') or bad:
            err = (test.get('stderr') or '').splitlines()
            # the lines that say why: assertion messages and GLib/GTK warnings, else the tail
            why = [l for l in err if re.search(r'Error|assert|WARNING|CRITICAL|Traceback|timed? ?out',
                                               l, re.I)]
            lines = ['# failed: %s (%s, %.0f s)' % (test['name'], test['result'],
                                                   test.get('duration') or 0)]
            lines += ['#   ' + l for l in bad[:5]]
            # each failed case's TAP diagnostics: the '#' lines just before and after it
            outl = out.splitlines()
            for i, l in enumerate(outl):
                if re.match(r'not ok \d+', l) and len(lines) < 16:
                    near = [x for x in outl[max(0, i - 4):i] + outl[i + 1:i + 5]
                            if x.startswith('#') and x.strip('# ') and
                            not re.match(r'# (Start|End) of', x)]
                    # the traceback's lines in the test file itself (not rwui.py)
                    j = i - 1
                    while j >= 0 and outl[j].startswith('#') and 'Traceback' not in outl[j]:
                        j -= 1
                    where = [x.strip('# ') for x in outl[j:i]
                             if '/tests/ui/' in x and 'rwui.py' not in x and 'File ' in x]
                    lines += ['#   at ' + '; '.join(w.split('/tests/ui/')[-1] for w in where)[:300]]
                    lines += ['#   ' + x[:300] for x in near[:6]]
            lines += ['#   ' + l[:300] for l in (why[-6:] or err[-6:])]
            failures.append('\n'.join(lines))
for line in retried:
    print(line)
for block in failures:
    print(block)
summary = '%d passed, %d failed' % (passed, failed)
if skipped:
    summary += ', %d skipped' % skipped
print(summary)
sys.exit(1 if failed else 0)
