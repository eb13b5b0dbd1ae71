/**
 * serve-eval's JSON-lines protocol. Most tests drive it with a stand-in engine (so they test the
 * protocol, not pandas); the last group runs the real engine on a fixture page folder.
 */
import { PassThrough, Writable } from 'node:stream';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer, serveEval, type CodeEvaluator, type EvalResponse, type ServeEvalOptions } from '../../src/commands/serveEval.js';
import type { BlockResult } from '../../src/engine.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/sphinx');

type Call = Parameters<CodeEvaluator>;

/** A stand-in engine that records its calls and answers with a CSV naming the code it got. */
function recorder(result: Partial<BlockResult> = {}) {
  const calls: Call[] = [];
  const evaluate: CodeEvaluator = (code, opts) => {
    calls.push([code, opts]);
    return { file: opts.file, line: opts.line, ok: true, csv: `code\n${code}\n`, warnings: [], files: [], ...result };
  };
  return { calls, evaluate };
}

/** Runs the server over the given input (a stand-in engine, or the real one) and returns the parsed answers. */
async function serve(input: string, engine: CodeEvaluator | ServeEvalOptions): Promise<EvalResponse[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = serveEval(stdin, stdout, typeof engine === 'function' ? { evaluate: engine } : engine);
  stdin.end(input);
  await done;
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalResponse);
}

const request = (fields: Record<string, unknown>) => JSON.stringify({ id: 1, code: 'df = 1', file: '/docs/page.rst', line: 10, ...fields });

describe('serve-eval protocol', () => {
  it('answers each request line with one JSON line carrying the request id, in order', async () => {
    const { evaluate } = recorder();
    const out = await serve([request({ id: 'a' }), request({ id: 7 }), request({ id: null })].join('\n') + '\n', evaluate);
    expect(out.map((r) => r.id)).toEqual(['a', 7, null]);
  });

  it('returns the CSV, files and warnings of a successful block', async () => {
    const { evaluate } = recorder({
      files: ['/docs/a.csv'],
      warnings: [{ file: '/docs/page.rst', line: 12, column: 5, severity: 'warning', code: 'DT601', message: 'sorting text' }],
    });
    const [r] = await serve(request({ code: 'x' }) + '\n', evaluate);
    expect(r).toEqual({ id: 1, ok: true, csv: 'code\nx\n', files: ['/docs/a.csv'], warnings: [{ line: 12, column: 5, code: 'DT601', message: 'sorting text' }] });
  });

  it('returns the positioned error of a failed block, with its hint', async () => {
    const { evaluate } = recorder({
      ok: false,
      csv: undefined,
      files: ['/docs/a.csv'],
      error: { file: '/docs/page.rst', line: 14, column: 9, severity: 'error', code: 'DT201', message: "column 'x' not found", hint: 'Columns: a, b' },
    });
    const [r] = await serve(request({}) + '\n', evaluate);
    expect(r.ok).toBe(false);
    expect(r.csv).toBeUndefined();
    expect(r.error).toEqual({ line: 14, column: 9, code: 'DT201', message: "column 'x' not found", hint: 'Columns: a, b' });
    expect(r.files).toEqual(['/docs/a.csv']);
  });

  it('passes the explicit line map, df-var and root to the engine', async () => {
    const { calls, evaluate } = recorder();
    await serve(request({ code: 'a\nb', map: { lines: [13, 15], cols: [3, 5] }, options: { 'df-var': 'table' }, root: '/docs' }) + '\n', evaluate);
    const [code, opts] = calls[0];
    expect(code).toBe('a\nb');
    expect(opts).toMatchObject({ file: '/docs/page.rst', line: 10, map: { lines: [13, 15], cols: [3, 5] }, dfVar: 'table', root: '/docs' });
  });

  it('builds consecutive page lines from codeLine and a 1-based codeCol', async () => {
    const { calls, evaluate } = recorder();
    await serve(request({ code: 'a\nb\nc', codeLine: 45, codeCol: 4 }) + '\n', evaluate);
    expect(calls[0][1].map).toEqual({ lines: [45, 46, 47], cols: [3, 3, 3] });
  });

  it('resolves a relative page path against the working folder', async () => {
    const { calls, evaluate } = recorder();
    await serve(request({ file: 'docs/p.rst' }) + '\n', evaluate);
    expect(calls[0][1].file).toBe(resolve('docs/p.rst'));
  });

  it('accepts CRLF line ends and skips blank lines', async () => {
    const { evaluate } = recorder();
    const out = await serve(`\r\n${request({ id: 1 })}\r\n\r\n${request({ id: 2 })}\r\n`, evaluate);
    expect(out.map((r) => r.id)).toEqual([1, 2]);
  });

  it('answers the last request even without a final newline', async () => {
    const { evaluate } = recorder();
    const out = await serve(request({ id: 3 }), evaluate);
    expect(out.map((r) => r.id)).toEqual([3]);
  });

  it('keeps a code line break escaped in the CSV so one answer stays one line', async () => {
    const { evaluate } = recorder({ csv: 'a\n"x\ny"\n' });
    const out = await serve(request({}) + '\n', evaluate);
    expect(out).toHaveLength(1);
    expect(out[0].csv).toBe('a\n"x\ny"\n');
  });
});

describe('serve-eval robustness', () => {
  it('answers a line that is not JSON with a DT204 bad-request error and goes on serving', async () => {
    const { evaluate } = recorder();
    const out = await serve(`{not json\n${request({ id: 2 })}\n`, evaluate);
    expect(out[0]).toMatchObject({ id: null, ok: false, error: { code: 'DT204' } });
    expect(out[0].error!.message).toMatch(/bad serve-eval request: not JSON/);
    expect(out[1]).toMatchObject({ id: 2, ok: true });
  });

  it.each([
    ['a JSON array', '[1, 2]', /a request is a JSON object/],
    ['no code', JSON.stringify({ id: 5, file: '/p.rst' }), /'code' must be a string/],
    ['no file', JSON.stringify({ id: 5, code: 'x' }), /'file' must be/],
    ['a line of 0', JSON.stringify({ id: 5, code: 'x', file: '/p.rst', line: 0 }), /'line' must be/],
    ['a map of the wrong length', JSON.stringify({ id: 5, code: 'x\ny', file: '/p.rst', map: { lines: [3] } }), /'map.lines' must list one page line/],
    ['map cols that are not numbers', JSON.stringify({ id: 5, code: 'x', file: '/p.rst', map: { lines: [3], cols: ['a'] } }), /'map.cols'/],
    ['a df-var that is not a string', JSON.stringify({ id: 5, code: 'x', file: '/p.rst', options: { 'df-var': 3 } }), /'df-var' must be a string/],
  ])('refuses a request with %s, keeping its id when it has one', (_what, line, message) => {
    const r = answer(line, recorder().evaluate);
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe('DT204');
    expect(r.error!.message).toMatch(message);
    expect(r.id).toBe(line.startsWith('{') ? 5 : null);
  });

  it('turns an exception escaping the engine into a DT204 answer at the directive line', async () => {
    const evaluate: CodeEvaluator = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const out = await serve(`${request({ id: 1 })}\n${request({ id: 2 })}\n`, evaluate);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ id: 1, ok: false, error: { line: 10, code: 'DT204', message: 'internal error: Maximum call stack size exceeded' } });
  });

  it('resolves at the end of the input', async () => {
    const stdin = new PassThrough();
    const done = serveEval(stdin, new PassThrough(), { evaluate: recorder().evaluate });
    stdin.end();
    await expect(done).resolves.toBeUndefined();
  });

  it('stops quietly when the client closes the output under it', async () => {
    const stdin = new PassThrough();
    const broken = new Writable({
      write(_chunk, _enc, cb) {
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const done = serveEval(stdin, broken, { evaluate: recorder().evaluate });
    stdin.write(request({}) + '\n');
    stdin.write(request({}) + '\n');
    await expect(done).resolves.toBeUndefined();
  });
});

describe('serve-eval with the real engine', () => {
  const page = resolve(fixtures, 'protocol/page.rst');
  const real = (req: object): [string, ServeEvalOptions] => [JSON.stringify(req) + '\n', { root: fixtures }];

  it('evaluates a block reading a CSV beside the page and reports the file it read', async () => {
    const code = "df = pd.read_csv('prices.csv')\ndf = df.sort_values('Price')";
    const [r] = await serve(...real({ id: 1, code, file: page, line: 3, codeLine: 6, codeCol: 4 }));
    expect(r.ok).toBe(true);
    expect(r.csv).toBe('Item,Price\nbolt,0.25\nnut,0.5\nwasher,1.75\n');
    expect(r.files).toEqual([resolve(fixtures, 'protocol/prices.csv')]);
  });

  it('reports an unknown column at its page line and column', async () => {
    const code = "df = pd.read_csv('prices.csv')\ndf = df[['Prise']]";
    const [r] = await serve(...real({ id: 1, code, file: page, line: 3, map: { lines: [6, 7], cols: [3, 3] } }));
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ line: 7, code: 'DT201' });
    expect(r.error!.column).toBeGreaterThan(3);
  });

  it('refuses to read outside the root it is given', async () => {
    const code = "df = pd.read_csv('../prices.csv')";
    const [r] = await serve(...real({ id: 1, code, file: resolve(fixtures, 'protocol/sub/page.rst'), line: 1, root: resolve(fixtures, 'protocol/sub') }));
    expect(r.error).toMatchObject({ code: 'DT304' });
  });
});
