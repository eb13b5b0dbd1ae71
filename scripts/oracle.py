#!/usr/bin/python3
"""pandas oracle: writes expected.json for a fixture page, the way the corpus was made.

Usage: /usr/bin/python3 scripts/oracle.py PAGE [PAGE...]

Each df-table block is exec'd with pandas in the page's folder (as the original Sphinx
extension does) and `df.to_csv(index=False)` is recorded under the 1-based line of its
directive: {"<line>": {"ok": true, "csv": ...} | {"ok": false, "error": "<ExcType>: msg"}}.
Only for writing goldens of our own fixtures: tests never run Python.
"""
import json, os, re, sys

import numpy as np
import pandas as pd

RST = re.compile(r'^(\s*)\.\.\s+df-table::(.*)$')
MD = re.compile(r'^(\s*)(`{3,}|:{3,})\{df-table\}(.*)$')


def rst_blocks(lines):
    for i, line in enumerate(lines):
        m = RST.match(line)
        if not m:
            continue
        base = len(m.group(1))
        body = []
        j = i + 1
        while j < len(lines) and (lines[j].strip() == '' or len(lines[j]) - len(lines[j].lstrip()) > base):
            body.append(lines[j])
            j += 1
        opts, code, in_opts = {}, [], True
        for b in body:
            s = b.strip()
            if in_opts and s.startswith(':') and ':' in s[1:]:
                k, v = s[1:].split(':', 1)
                opts[k] = v.strip()
                continue
            if in_opts and s == '':
                in_opts = False
                continue
            in_opts = False
            code.append(b)
        ind = min((len(c) - len(c.lstrip()) for c in code if c.strip()), default=0)
        yield i + 1, opts, '\n'.join(c[ind:] for c in code).strip('\n')


def md_blocks(lines):
    i = 0
    while i < len(lines):
        m = MD.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group(2)
        start = i + 1
        j = i + 1
        opts, code = {}, []
        while j < len(lines) and not lines[j].strip().startswith(fence):
            s = lines[j].strip()
            if not code and s.startswith(':') and ':' in s[1:]:
                k, v = s[1:].split(':', 1)
                opts[k] = v.strip()
            elif not code and s == '---':
                pass
            else:
                code.append(lines[j])
            j += 1
        yield start, opts, '\n'.join(code).strip('\n')
        i = j + 1


def run(page):
    folder = os.path.dirname(os.path.abspath(page))
    with open(page) as f:
        lines = f.read().split('\n')
    finder = md_blocks if page.endswith('.md') else rst_blocks
    out = {}
    here = os.getcwd()
    for line, opts, code in finder(lines):
        os.chdir(folder)
        try:
            env = {'pd': pd, 'np': np}
            exec(code, env)
            var = opts.get('df-var') or opts.get('df-arg') or 'df'
            out[str(line)] = {'ok': True, 'csv': env[var].to_csv(index=False)}
        except Exception as e:  # the golden records that pandas refused it
            out[str(line)] = {'ok': False, 'error': f'{type(e).__name__}: {e}'}
        finally:
            os.chdir(here)
    with open(os.path.join(folder, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print(f'{page}: {len(out)} blocks')


if __name__ == '__main__':
    for p in sys.argv[1:]:
        run(p)
