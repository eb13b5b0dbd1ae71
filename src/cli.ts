#!/usr/bin/env node
/**
 * dftables command line. Every subcommand lives in src/commands and is registered here, in one
 * visible table. commander parses flags (it gives tsc-like --help and error messages for free).
 *
 * Start-up is part of every command's time (a build, an eval of one page, the Sphinx extension's
 * engine): only the command named on the command line is loaded, with its dependencies; help,
 * an unknown command or no command load them all.
 */
import { Command } from 'commander';

type Register = (program: Command) => void;

const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ['eval', async () => (await import('./commands/eval.js')).registerEval],
  ['build', async () => (await import('./commands/build.js')).registerBuild],
  ['render', async () => (await import('./commands/render.js')).registerRender],
  ['preview', async () => (await import('./commands/preview.js')).registerPreview],
  ['serve-eval', async () => (await import('./commands/serveEval.js')).registerServeEval],
  ['lint', async () => (await import('./commands/lint.js')).registerLint],
];

/** The commands to register: the one named by the first argument that is not an option, else all. */
function commandsFor(argv: string[]): typeof COMMANDS {
  const name = argv.slice(2).find((a) => !a.startsWith('-'));
  const named = COMMANDS.filter(([n]) => n === name);
  return named.length ? named : COMMANDS;
}

process.on('uncaughtException', (e) => {
  // A bug in dftables, not in a page: say so in one line, without a stack trace.
  process.stderr.write(`dftables: internal error: ${e instanceof Error ? e.message : String(e)}\n(set DFTABLES_DEBUG=1 for details)\n`);
  if (process.env.DFTABLES_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(2);
});

async function main(): Promise<void> {
  const program = new Command();
  program
    .name('dftables')
    .description('Data-driven tables for documentation: df-table directives evaluated without Python, byte-identical to pandas.')
    .version(process.env.npm_package_version ?? '0.1.0');
  const registers = await Promise.all(commandsFor(process.argv).map(([, load]) => load()));
  for (const register of registers) register(program);
  await program.parseAsync();
}

main().catch((e) => {
  process.stderr.write(`dftables: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
