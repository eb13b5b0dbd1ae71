/**
 * Names page code may not use: the builtins that reach outside the sandbox or into the
 * interpreter (exec, open, getattr, globals, type ...) and every `_private`/`__dunder__` name.
 * The parser refuses them (so lint reports them without running anything) and the interpreter
 * checks again at run time.
 */

export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'exec',
  'eval',
  'open',
  'compile',
  'getattr',
  'setattr',
  'delattr',
  'hasattr',
  'globals',
  'locals',
  'vars',
  'dir',
  'input',
  'breakpoint',
  'help',
  'memoryview',
  '__import__',
  'type',
  'object',
  'super',
  'classmethod',
  'staticmethod',
  'property',
  'exit',
  'quit',
]);

/** Why `name` is refused, or undefined when it may be used. A lone `_` (throwaway variable) is fine. */
export function forbiddenNameMessage(name: string): string | undefined {
  if (FORBIDDEN_NAMES.has(name)) return `'${name}' is not available in df-table code`;
  if (name.startsWith('_') && name !== '_') return `name '${name}' is not available in df-table code (names starting with '_' are private)`;
  return undefined;
}
