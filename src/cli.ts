#!/usr/bin/env node
/**
 * dftables command line. Every subcommand lives in src/commands and is registered here, in one
 * visible table. commander parses flags (it gives tsc-like --help and error messages for free).
 */
import { Command } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerEval } from './commands/eval.js';
import { registerLint } from './commands/lint.js';
import { registerPreview } from './commands/preview.js';
import { registerRender } from './commands/render.js';
import { registerServeEval } from './commands/serveEval.js';

const COMMANDS: ((program: Command) => void)[] = [registerEval, registerBuild, registerRender, registerPreview, registerServeEval, registerLint];

const program = new Command();
program
  .name('dftables')
  .description('Data-driven tables for documentation: df-table directives evaluated without Python, byte-identical to pandas.')
  .version(process.env.npm_package_version ?? '0.1.0');
for (const register of COMMANDS) register(program);

process.on('uncaughtException', (e) => {
  // A bug in dftables, not in a page: say so in one line, without a stack trace.
  process.stderr.write(`dftables: internal error: ${e instanceof Error ? e.message : String(e)}\n(set DFTABLES_DEBUG=1 for details)\n`);
  if (process.env.DFTABLES_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(2);
});

program.parseAsync().catch((e) => {
  process.stderr.write(`dftables: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
