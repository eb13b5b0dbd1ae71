/** Test doubles for calling the pandas layer through the PyObject protocol without the interpreter. */
import type { TokenizeOptions } from '../../src/frame/csvTokenize.js';
import type { Pos } from '../../src/errors.js';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { DEFAULT_LIMITS, PyDict, PyList, PyObject, type CallSite, type Kwargs, type Limits, type PyValue, type Runtime } from '../../src/python/values.js';
import { createNumpyModule, createPandasModule } from '../../src/frame/modules.js';

export interface StubSite extends CallSite {
  /** Values handed to locate(), to check what an error points at. */
  located: { value: PyValue; arg?: number | string }[];
}

/** A call site whose argument i sits at line 1, column 10*(i+1), keywords at line 2. */
export function site(kwNames: string[] = [], nArgs = 3): StubSite {
  const located: { value: PyValue; arg?: number | string }[] = [];
  const argPos = Array.from({ length: nArgs }, (_, i) => ({ line: 1, col: 10 * (i + 1) }));
  const kwPos = new Map(kwNames.map((k, i) => [k, { line: 2, col: 10 * (i + 1) }]));
  return {
    pos: { line: 1, col: 1 },
    argPos,
    kwPos,
    located,
    locate(value: PyValue, arg?: number | string): Pos {
      located.push({ value, arg });
      return { line: 9, col: 99 };
    },
  };
}

export interface StubRuntime extends Runtime {
  warnings: { code: DiagnosticCode; message: string; pos: Pos }[];
  files: Map<string, string>;
  deadlineChecks: number;
  namespace: Map<string, PyValue>;
}

export function runtime(files: Record<string, string> = {}, limits: Partial<Limits> = {}): StubRuntime {
  const rt: StubRuntime = {
    limits: { ...DEFAULT_LIMITS, ...limits },
    warnings: [],
    files: new Map(Object.entries(files)),
    deadlineChecks: 0,
    namespace: new Map(),
    call(fn: PyValue, args: PyValue[], kwargs: Kwargs = new Map()): PyValue {
      if (!(fn instanceof PyObject)) throw new Error('not callable');
      return fn.call(args, kwargs, site(), rt);
    },
    checkDeadline() {
      rt.deadlineChecks++;
    },
    readDataFile(path: string) {
      const text = rt.files.get(path);
      if (text === undefined) throw new Error(`no file ${path}`);
      return { text, resolved: '/docs/' + path };
    },
    warn(code: DiagnosticCode, message: string, pos: Pos) {
      rt.warnings.push({ code, message, pos });
    },
  };
  return rt;
}

/** A Python callable backed by a JS function (stands in for a lambda). */
export class JsFunction extends PyObject {
  readonly typeName = 'function';
  constructor(private readonly f: (...args: PyValue[]) => PyValue) {
    super();
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[]): PyValue {
    return this.f(...args);
  }
}

export const pd = createPandasModule();
export const np = createNumpyModule();

export function list(...items: PyValue[]): PyList {
  return new PyList(items);
}

export function dict(entries: Record<string, PyValue>): PyDict {
  return PyDict.from(Object.entries(entries));
}

/** obj.name(*args, **kwargs) through the protocol. */
export function callMethod(obj: PyValue, name: string, args: PyValue[] = [], kwargs: Record<string, PyValue> = {}, rt: Runtime = runtime(), s: CallSite = site(Object.keys(kwargs))): PyValue {
  const fn = (obj as PyObject).getAttr(name, s, rt) as PyObject;
  return fn.call(args, new Map(Object.entries(kwargs)), s, rt);
}

/** pd.DataFrame({...}) from a plain object of lists. */
export function frame(columns: Record<string, PyValue[]>, rt: Runtime = runtime()): PyObject {
  const data = PyDict.from(Object.entries(columns).map(([k, v]) => [k, new PyList(v)]));
  return callMethod(pd, 'DataFrame', [data], {}, rt) as PyObject;
}

/** A frame's to_csv(index=False) text. */
export function csv(df: PyValue): string {
  return (df as unknown as { toCsv(): string }).toCsv();
}

/** read_csv's tokenizer options for a plain comma-separated file with a header line. */
export const tokenizeDefaults: TokenizeOptions = {
  delimiter: ',',
  delimWhitespace: false,
  quotechar: '"',
  doublequote: true,
  escapechar: null,
  lineterminator: null,
  skipinitialspace: false,
  commentchar: null,
  skipEmptyLines: true,
  skipRow: () => false,
  headerEnd: 0,
  expectedFields: -1,
  usecols: false,
  onBadLines: 'error',
};
