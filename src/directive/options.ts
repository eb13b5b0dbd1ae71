/**
 * The df-table option table: csv-table's options (docutils) plus df-var/df-arg, each with the
 * converter docutils uses, so a value docutils would refuse is refused here at the option's line.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import type { DirectiveBlock, DirectiveOption } from './types.js';

export interface TableOptions {
  headerRows: number;
  stubColumns: number;
  /** 'auto' | 'grid' | explicit relative widths. */
  widths?: 'auto' | 'grid' | number[];
  width?: string;
  align?: 'left' | 'center' | 'right';
  classes: string[];
  name?: string;
  /** Extra header rows given as CSV text (csv-table's :header:). */
  header?: string;
  /** The variable holding the result table. */
  dfVar: string;
  delim?: string;
  quote?: string;
  keepspace: boolean;
  escape?: string;
  encoding?: string;
}

type Converter = (value: string, opt: DirectiveOption) => unknown;

const nonNegativeInt: Converter = (v, o) => {
  if (!/^\s*\+?\d+\s*$/.test(v)) throw invalid(o, 'a non-negative integer');
  return Number(v);
};
const text: Converter = (v) => v;
const unchangedRequired: Converter = (v, o) => {
  if (!v) throw invalid(o, 'a value');
  return v;
};
const identifier: Converter = (v, o) => {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(v)) throw invalid(o, 'a Python variable name');
  return v;
};
const widths: Converter = (v, o) => {
  const t = v.trim().toLowerCase();
  if (t === 'auto' || t === 'grid') return t;
  const parts = v.split(/[\s,]+/).filter(Boolean);
  if (!parts.length || !parts.every((p) => /^\d+$/.test(p) && Number(p) > 0)) throw invalid(o, '"auto", "grid" or a list of positive integers');
  return parts.map(Number);
};
const length: Converter = (v, o) => {
  if (!/^\s*\d+(\.\d+)?\s*(%|em|ex|px|in|cm|mm|pt|pc)?\s*$/.test(v)) throw invalid(o, 'a length or a percentage (e.g. 100% or 40em)');
  return v.trim();
};
const align: Converter = (v, o) => {
  if (!['left', 'center', 'right'].includes(v.trim())) throw invalid(o, 'one of left, center, right');
  return v.trim();
};
const classes: Converter = (v, o) => {
  const list = v.split(/\s+/).filter(Boolean);
  if (!list.length) throw invalid(o, 'one or more class names');
  return list.map((c) => c.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
};
const singleChar: Converter = (v, o) => {
  const t = v === '\\t' || v === 'tab' ? '\t' : v === 'space' ? ' ' : v;
  if ([...t].length !== 1) throw invalid(o, 'a single character (or "tab", "space")');
  return t;
};
const flag: Converter = (v, o) => {
  if (v) throw invalid(o, 'no value (it is a flag)');
  return true;
};

/** Every option df-table accepts: csv-table's (docutils 0.18+) and the df_tables extension's. */
export const OPTION_SPEC: Record<string, Converter> = {
  'header-rows': nonNegativeInt,
  'stub-columns': nonNegativeInt,
  header: unchangedRequired,
  widths,
  width: length,
  align,
  class: classes,
  name: text,
  delim: singleChar,
  quote: singleChar,
  keepspace: flag,
  escape: singleChar,
  encoding: unchangedRequired,
  file: unchangedRequired,
  url: unchangedRequired,
  'df-var': identifier,
  'df-arg': identifier,
};

function invalid(o: DirectiveOption, expected: string): DftablesError {
  return new DftablesError('DT502', `invalid value for option ':${o.name}:': '${o.value}' (expected ${expected})`, { pos: o.pos });
}

/** Converts a block's options; throws DT501/DT502 at the first bad option. */
export function parseOptions(block: DirectiveBlock): TableOptions {
  const out: TableOptions = { headerRows: 0, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false };
  for (const o of block.options) {
    const conv = OPTION_SPEC[o.name];
    if (!Object.hasOwn(OPTION_SPEC, o.name) || !conv) {
      const guess = closest(o.name, Object.keys(OPTION_SPEC));
      throw new DftablesError('DT501', `unknown option ':${o.name}:' for ${block.name}` + (guess ? `; did you mean ':${guess}:'?` : ''), { pos: o.pos });
    }
    const v = conv(o.value, o);
    switch (o.name) {
      case 'header-rows': out.headerRows = v as number; break;
      case 'stub-columns': out.stubColumns = v as number; break;
      case 'widths': out.widths = v as TableOptions['widths']; break;
      case 'width': out.width = v as string; break;
      case 'align': out.align = v as TableOptions['align']; break;
      case 'class': out.classes.push(...(v as string[])); break;
      case 'name': out.name = v as string; break;
      case 'header': out.header = v as string; break;
      case 'df-var': case 'df-arg': out.dfVar = v as string; break;
      case 'delim': out.delim = v as string; break;
      case 'quote': out.quote = v as string; break;
      case 'keepspace': out.keepspace = true; break;
      case 'escape': out.escape = v as string; break;
      case 'encoding': out.encoding = v as string; break;
      case 'file': case 'url':
        throw new DftablesError('DT502', `option ':${o.name}:' cannot be used with ${block.name}: the table comes from the code`, { pos: o.pos });
    }
  }
  return out;
}
