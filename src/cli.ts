#!/usr/bin/env node
/** dftables command line: one subcommand per file in src/commands. */
import { Command } from 'commander';

const program = new Command();
program.name('dftables').description('Data-driven tables for documentation: df-table directives without Python.');
program.parse();
