/**
 * Every diagnostic dftables can emit, in one visible table. The docs page of diagnostic codes
 * and `dftables lint --json` both read from here; add a row here before throwing a new code.
 *
 * Ranges: DT1xx page code syntax, DT2xx evaluation (names, columns, types), DT3xx sandbox and
 * limits, DT4xx data files, DT5xx directive and options, DT6xx warnings (tables that pandas
 * builds without complaint but that are probably wrong), DT7xx page markup met while rendering
 * (build, render, preview).
 */
import type { Severity } from '../errors.js';

export interface CodeInfo {
  severity: Severity;
  title: string;
  /** A snippet of page code that triggers it. */
  example: string;
  /** What to do about it. */
  fix: string;
}

export const CODES = {
  DT101: { severity: 'error', title: 'Python syntax error', example: "df = pd.read_csv('a.csv'", fix: 'Fix the syntax at the position shown; the message is what Python would say.' },
  DT102: { severity: 'error', title: 'Indentation error', example: "df = 1\n  x = 2", fix: 'Statements in a df-table block all start at the same indentation.' },
  DT103: { severity: 'error', title: 'Unterminated string or bracket', example: "df = pd.read_csv('a.csv)", fix: 'Close the string or bracket.' },

  DT201: { severity: 'error', title: 'Unknown column', example: "df['Throughput (/sec']", fix: 'Use a column name from the CSV header; the message suggests the closest one.' },
  DT202: { severity: 'error', title: 'Unknown function, method or attribute', example: 'df.sort_value("Model")', fix: 'Use a supported pandas name; the message suggests the closest one.' },
  DT203: { severity: 'error', title: 'Unknown or invalid keyword argument', example: "df.sort_values(by='x', ascend=False)", fix: 'Use a keyword the function accepts.' },
  DT204: { severity: 'error', title: 'Type error', example: "df['Model'] * 2.5   # text column", fix: 'Convert the column first (astype(float)) or use a numeric column.' },
  DT205: { severity: 'error', title: 'Name is not defined', example: 'df = dff', fix: 'Assign the variable before using it.' },
  DT206: { severity: 'error', title: 'No result variable', example: 'table = pd.read_csv("a.csv")   # but :df-var: is df', fix: 'Assign the table to `df`, or name the variable with :df-var:.' },
  DT207: { severity: 'error', title: 'Result is not a DataFrame', example: "df = pd.read_csv('a.csv')['Model']", fix: 'Keep a DataFrame: use df[[col]] rather than df[col].' },
  DT208: { severity: 'error', title: 'Invalid value', example: "df.round('two')", fix: 'Pass a value of the kind the function expects.' },
  DT209: { severity: 'error', title: 'Index or key error', example: 'cols[10]', fix: 'Use an index or key that exists.' },
  DT210: { severity: 'error', title: 'Cannot convert NaN to integer', example: "df['Batch Size'].astype(int)   # column has empty cells", fix: 'Fill missing values first: .fillna(0).astype(int).' },
  DT211: { severity: 'error', title: 'Division by zero', example: '1 / 0', fix: 'Guard the divisor.' },
  DT212: { severity: 'error', title: 'Unsupported pandas feature', example: "df.pivot_table(index='Model')", fix: 'Use the supported pandas subset (see the reference page).' },

  DT301: { severity: 'error', title: 'Unsupported construct', example: 'def f(x): return x', fix: 'df-table code is a pipeline of expressions and assignments; use a lambda or a comprehension.' },
  DT302: { severity: 'error', title: 'Forbidden name', example: 'df.__class__', fix: 'Names starting with an underscore, and open/exec/eval/getattr/globals/compile, are not available.' },
  DT303: { severity: 'error', title: 'Import not allowed', example: 'import os', fix: 'Only `import pandas as pd` and `import numpy as np` are accepted (both are pre-imported).' },
  DT304: { severity: 'error', title: 'Path outside the docs root', example: "pd.read_csv('/etc/passwd')", fix: 'Read CSV files under the docs root; use a path relative to the page.' },
  DT305: { severity: 'error', title: 'Size limit exceeded', example: '[0] * (10 ** 10)', fix: 'Tables and lists are limited in size; see the configuration page.' },
  DT306: { severity: 'error', title: 'Time limit exceeded', example: "total = sum(range(10**13))   # or df['m'].str.contains(r'^(a|aa)+\\1$')", fix: 'A block must finish within the time limit (10 s by default, --timeout); lint also stops a block stuck in one long operation, such as a regular expression that backtracks.' },

  DT401: { severity: 'error', title: 'CSV file not found', example: "pd.read_csv('prices.csv')", fix: 'Check the path; it is relative to the page. The message lists files beside it.' },
  DT402: { severity: 'error', title: 'Malformed CSV', example: 'a row with more fields than the header', fix: 'Fix the CSV at the line named.' },
  DT403: { severity: 'error', title: 'CSV file too large', example: 'a 2 GB CSV', fix: 'Trim the file or raise the limit.' },

  DT501: { severity: 'error', title: 'Unknown directive option', example: ':header-row: 1', fix: 'Use an option csv-table accepts, or :df-var:/:df-arg:.' },
  DT502: { severity: 'error', title: 'Invalid option value', example: ':header-rows: one', fix: 'Give the option a value of the right kind.' },
  DT503: { severity: 'error', title: 'header-rows larger than the table', example: ':header-rows: 5   # on a 3-row table', fix: 'Lower :header-rows: or check the data.' },
  DT504: { severity: 'error', title: 'Empty directive', example: '.. df-table::   (no code)', fix: 'Give the directive a code body.' },

  DT601: { severity: 'warning', title: 'Sorting by formatted strings', example: "df['Cost'] = x.map('${:,.3f}'.format); df.sort_values('Cost')", fix: "Sort by the number before formatting it: '$10.000' sorts before '$2.000' as text." },
  DT602: { severity: 'warning', title: 'Inner merge drops rows', example: "pd.merge(df, prices, on='Inst. Type')   # a type missing from prices", fix: 'Add the missing keys to the other table, or merge with how="left" to keep them.' },
  DT603: { severity: 'warning', title: 'Merge multiplies rows', example: "pd.merge(df, prices, on='Inst. Type')   # prices has a type twice", fix: 'Remove duplicate keys from the other table.' },
  DT604: { severity: 'warning', title: 'Empty cells in the table', example: "pd.merge(df, prices, on='Inst. Type', how='left')   # a type missing from prices", fix: 'Fill them (fillna) or drop the rows or columns that are empty; the warning points at the statement that left them empty.' },
  DT605: { severity: 'warning', title: 'Empty table', example: "df[df['Model'] == 'no-such-model']", fix: 'Check the filter: the table has no rows.' },
  DT606: { severity: 'warning', title: 'Result is a Series', example: "df = pd.read_csv('a.csv')['Model']", fix: 'pandas and the original extension write a Series as a one-column table (its name as the header, 0 if unnamed); say what you mean with df[[col]] or series.to_frame().' },

  DT701: { severity: 'warning', title: 'Unknown directive', example: '.. tabset::', fix: 'Check the spelling; unknown directives are shown as a box with their source.' },
  DT702: { severity: 'warning', title: 'Unknown role', example: ':benchmark:`x`   # no such extlink', fix: 'Check the spelling, or add the role to "extlinks" in dftables.config.json.' },
  DT703: { severity: 'warning', title: 'Undefined reference', example: ':ref:`no-such-label`', fix: 'Define the label (.. _label: before a section) or fix the name.' },
  DT704: { severity: 'warning', title: 'Markup problem', example: 'a grid table with a missing corner', fix: 'Fix the reStructuredText or Markdown at the line shown.' },
  DT705: { severity: 'error', title: 'Invalid table', example: '.. csv-table::\n   :widths: 1 2   # on a 3-column table', fix: 'Make the table options match its data.' },
  DT706: { severity: 'warning', title: 'Referenced file not found', example: '.. include:: missing.rst', fix: 'Check the path; it is relative to the page (or to the source folder if it starts with /).' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;
