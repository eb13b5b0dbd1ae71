/**
 * The reference pages say what the code does: every command and flag of the CLI is in
 * docs/reference/cli.rst, every directive option in directive.rst, and the index of supported names
 * in pandas-subset.rst is exactly what the engine accepts, object by object.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { OPTION_SPEC } from '../../src/directive/options.js';
import { createNumpyModule, createPandasModule } from '../../src/frame/modules.js';
import { BUILTINS } from '../../src/python/builtins.js';
import { DICT_METHODS, LIST_METHODS, TUPLE_METHODS } from '../../src/python/containerMethods.js';
import { Interpreter, parseBlock } from '../../src/python/interpreter.js';
import { STR_METHODS } from '../../src/python/strMethods.js';
import { FORBIDDEN_NAMES } from '../../src/python/forbidden.js';
import { isDftablesError } from '../../src/errors.js';
import { DEFAULT_LIMITS, PyObject, type PyValue } from '../../src/python/values.js';
import { REPO, readPage } from './pages.js';

/** Sections of a page, keyed by the label in front of them (`.. _cli-eval:` -> 'cli-eval'). */
function sectionsByLabel(text: string, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(new RegExp(`^\\.\\. _(${prefix}[\\w-]*):$`, 'm'));
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i], parts[i + 1]);
  return out;
}

async function cliProgram(): Promise<Command> {
  const program = new Command();
  const dir = join(REPO, 'src/commands');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (/^register[A-Z]/.test(name) && typeof fn === 'function') (fn as (p: Command) => void)(program);
    }
  }
  return program;
}

/**
 * Commands the issue promises and cli.rst documents, whose implementation has not landed in
 * src/commands yet. When one lands, the test below fails: take it out of this set, and its flags are
 * then checked like every other command's.
 */
const PROMISED = new Set<string>();

describe('docs/reference/cli.rst', async () => {
  const page = readPage('reference/cli.rst');
  const sections = sectionsByLabel(page, 'cli-');
  const program = await cliProgram();
  const registered = program.commands.map((c) => c.name());

  it('has a section for every command of the CLI, and for no other', () => {
    const documented = [...sections.keys()].filter((k) => !['cli-reference', 'cli-output'].includes(k)).map((k) => k.slice(4));
    expect(documented.sort()).toEqual([...registered, ...PROMISED].sort());
  });

  it.each([...PROMISED])('documents %s, which is not registered yet', (name) => {
    expect(registered, `${name} is registered now: remove it from PROMISED in ${import.meta.url}`).not.toContain(name);
  });

  it.each(program.commands.map((c) => [c.name(), c] as const))('documents every flag of %s', (name, cmd) => {
    const section = sections.get(`cli-${name}`) ?? '';
    for (const o of cmd.options) {
      if (o.long) expect(section, `${name} ${o.long}`).toContain(o.long);
      if (o.short) expect(section, `${name} ${o.short}`).toContain(o.short);
    }
    for (const a of cmd.registeredArguments) expect(section, `${name} <${a.name()}>`).toMatch(new RegExp(`dftables ${name} [A-Z]`));
  });
});

describe('docs/reference/directive.rst', () => {
  const page = readPage('reference/directive.rst');
  const rows = [...page.matchAll(/^ {3}``:([\w-]+):``,/gm)].map((m) => m[1]);

  it('has a row for every option df-table accepts, and refuses :file: and :url: in words', () => {
    const accepted = Object.keys(OPTION_SPEC).filter((o) => o !== 'file' && o !== 'url');
    expect(rows.sort()).toEqual(accepted.sort());
    expect(page).toMatch(/``:file:`` and ``:url:``[^.]*refused/);
  });
});

/** The names listed under each term of the definition list in the section labelled `label`. */
function definitionLists(page: string, label: string): Map<string, string[]> {
  const from = page.indexOf(`.. _${label}:`);
  const to = page.indexOf('\n.. _', from + 1);
  const lines = page.slice(from, to < 0 ? undefined : to).split('\n');
  const out = new Map<string, string[]>();
  for (let i = 0; i < lines.length; i++) {
    const term = /^(?:``([^`]+)``|([A-Z]\w+))$/.exec(lines[i]);
    if (!term) continue;
    const names: string[] = [];
    // The first paragraph of the definition lists the names; later paragraphs are remarks.
    for (let j = i + 1; j < lines.length && lines[j].startsWith('   '); j++) {
      for (const m of lines[j].matchAll(/``([^`]+)``/g)) names.push(m[1]);
    }
    out.set(term[1] ?? term[2], names);
  }
  return out;
}

/** Sorted as the lists are written: case-insensitively, then capitals first. */
const byName = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

function newInterpreter(): Interpreter {
  return new Interpreter(
    {
      limits: DEFAULT_LIMITS,
      deadline: Date.now() + 10_000,
      readDataFile: () => {
        throw new Error('no files in this test');
      },
      warn: () => {},
    },
    new Map<string, PyValue>([
      ['pd', createPandasModule()],
      ['np', createNumpyModule()],
    ]),
  );
}

/** Code that makes a DataFrame `df`, a Series `s` and the other objects the reference lists. */
const OBJECTS = "df = pd.DataFrame({'a b': [1], 'c d': ['x']})\ns = df['c d']\nst = s.str\ng = df.groupby('a b')\nix = df.columns";

function engineObjects(): Map<string, PyValue> {
  const interp = newInterpreter();
  // Column labels that are not identifiers, so they do not show up as attributes.
  interp.run(parseBlock(OBJECTS));
  return interp.namespace;
}

describe('docs/reference/pandas-subset.rst, index of supported names', () => {
  const listed = definitionLists(readPage('reference/pandas-subset.rst'), 'subset-index');
  const ns = engineObjects();
  const names = (v: PyValue | undefined) => (v instanceof PyObject ? v.attrNames() : []);
  const engine: Record<string, string[]> = {
    pd: names(ns.get('pd')).filter((n) => !n.startsWith('_')),
    np: names(ns.get('np')),
    DataFrame: names(ns.get('df')),
    Series: names(ns.get('s')),
    'Series.str': names(ns.get('st')),
    DataFrameGroupBy: names(ns.get('g')),
    Index: names(ns.get('ix')),
    Builtins: [...BUILTINS.keys()],
    str: [...STR_METHODS.keys()],
    list: [...LIST_METHODS.keys()],
    dict: [...DICT_METHODS.keys()],
    tuple: [...TUPLE_METHODS.keys()],
  };

  it('covers every object', () => {
    expect([...listed.keys()].sort()).toEqual(Object.keys(engine).sort());
  });

  it.each(Object.keys(engine))('lists exactly what %s accepts', (name) => {
    // On failure, the docs and the engine disagree: document a new name, or remove a dropped one.
    const unique = (xs: string[]) => [...new Set(xs)].sort();
    expect(unique(listed.get(name) ?? [])).toEqual(unique(engine[name]));
  });

  it('lists names alphabetically, so a missing one is easy to spot', () => {
    for (const [term, list] of listed) expect(list, term).toEqual([...list].sort(byName));
  });
});

/** The code of the DftablesError that running `code` (after OBJECTS) raises, or 'ok'. */
function outcome(code: string): string {
  try {
    const interp = newInterpreter();
    interp.run(parseBlock(`${OBJECTS}\n${code}`));
    return 'ok';
  } catch (e) {
    return isDftablesError(e) ? e.code : `not a DftablesError: ${String(e)}`;
  }
}

describe('docs/reference/pandas-subset.rst, refused features', () => {
  const page = readPage('reference/pandas-subset.rst');
  const refused = definitionLists(page, 'not-supported');
  const variable: Record<string, string> = { DataFrame: 'df', Series: 's', pd: 'pd', np: 'np' };

  it('lists features of DataFrame, Series, pd and np, alphabetically', () => {
    expect([...refused.keys()].sort()).toEqual(Object.keys(variable).sort());
    for (const [term, list] of refused) expect(list, term).toEqual([...list].sort(byName));
  });

  it.each([...refused.entries()])('refuses each listed feature of %s with DT212', (term, list) => {
    for (const name of list) expect(outcome(`x = ${variable[term]}.${name}`), `${term}.${name}`).toBe('DT212');
  });

  it('lists every forbidden builtin in the table of refused constructs, and each is refused with DT302', () => {
    const row = page.split('\n').find((l) => l.includes('``exec``') && l.includes('DT302')) ?? '';
    const listed = [...row.matchAll(/``(\w+)``/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...FORBIDDEN_NAMES].sort());
    for (const name of listed) expect(outcome(`x = ${name}`), name).toBe('DT302');
  });
});
