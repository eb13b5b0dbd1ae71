/**
 * Catastrophic regular expressions: `str.contains('(a+)+$')` on a long cell backtracks for
 * minutes inside one V8 call, which no deadline check can interrupt. V8 can switch such a
 * regexp to its linear-time engine once it backtracks too much; the flag is process-wide and
 * changes no results (the linear engine matches exactly the same strings), only the time.
 * Patterns the linear engine cannot run (backreferences, lookbehind) still backtrack: the
 * isolate's watchdog (isolate.ts) is what stops those.
 */
import { setFlagsFromString } from 'node:v8';

let installed = false;

export function installRegexGuard(): void {
  if (installed) return;
  installed = true;
  try {
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  } catch {
    // An engine without the flag: the watchdog still bounds the time.
  }
}

installRegexGuard();
