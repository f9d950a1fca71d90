#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two habits of the source tree (issue 16, deliver 3 and 7), as a TAP test:

1. no include cycle among the sources: a module is rw-thing.{c,h} (or -private.h) under src/
   or src/core/; it depends on another when one of its files includes that one's header
   (`#include "rw-other.h"`); the graph of modules must have no cycle (a window that
   includes the application's header, which includes the window's, is one);
2. no line over 100 columns (.editorconfig, max_line_length) in src/**/*.c and *.h.

usage: check-source-graph.py TOP_SOURCE_DIR"""
import os
import re
import sys

top = sys.argv[1]
MAX_COLUMNS = 100
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module_of(name):
    """rw-thing.c, rw-thing.h and rw-thing-private.h are one module: rw-thing"""
    stem = os.path.splitext(os.path.basename(name))[0]
    return stem[:-len('-private')] if stem.endswith('-private') else stem


files = []
for dirpath, _, names in os.walk(os.path.join(top, 'src')):
    for name in sorted(names):
        if name.endswith(('.c', '.h')):
            files.append(os.path.join(dirpath, name))

modules = {module_of(f) for f in files}
graph = {m: set() for m in modules}
long_lines = []
for path in files:
    with open(path, encoding='utf-8') as f:
        text = f.read()
    rel = os.path.relpath(path, top)
    for number, line in enumerate(text.split('\n'), 1):
        if len(line) > MAX_COLUMNS:
            long_lines.append(f'{rel}:{number}: {len(line)} columns')
    here = module_of(path)
    for header in include.findall(text):
        there = module_of(header)
        if there in modules and there != here:
            graph[here].add(there)

# Depth-first search; a back edge closes a cycle, reported as the path around it
cycles = []
state = {}
stack = []


def visit(m):
    state[m] = 'open'
    stack.append(m)
    for n in sorted(graph[m]):
        if state.get(n) == 'open':
            cycles.append(stack[stack.index(n):] + [n])
        elif n not in state:
            visit(n)
    stack.pop()
    state[m] = 'done'


sys.setrecursionlimit(10000)
for m in sorted(graph):
    if m not in state:
        visit(m)

print('1..2')
if cycles:
    print('not ok 1 - no include cycle among src/ modules')
    for c in cycles:
        print('# cycle: ' + ' -> '.join(c))
else:
    print(f'ok 1 - no include cycle among the {len(modules)} src/ modules')
if long_lines:
    print(f'not ok 2 - no line over {MAX_COLUMNS} columns in src/')
    for line in long_lines:
        print('# ' + line)
else:
    print(f'ok 2 - no line over {MAX_COLUMNS} columns in src/')
sys.exit(1 if cycles or long_lines else 0)
