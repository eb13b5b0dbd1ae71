/** Reading directive options the way every directive renderer needs them. */
import type { DirectiveCall } from '../context.js';
import { escapeHtml } from '../html.js';

export function option(d: DirectiveCall, name: string): string | undefined {
  return d.options.find((o) => o.name === name)?.value;
}

export function hasFlag(d: DirectiveCall, name: string): boolean {
  return d.options.some((o) => o.name === name);
}

/** docutils' class_option: space-separated names, each made a valid class name. */
export function classOption(d: DirectiveCall, name = 'class'): string[] {
  const v = option(d, name);
  if (!v) return [];
  return v
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => c.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''))
    .filter(Boolean);
}

/** ` class="..."` from fixed classes plus the directive's :class: option. */
export function classes(d: DirectiveCall, ...fixed: string[]): string {
  const all = [...fixed, ...classOption(d)].filter(Boolean);
  return all.length ? ` class="${escapeHtml(all.join(' '))}"` : '';
}

/** ` id="..."` for the `:name:` option. */
export function nameId(d: DirectiveCall): string {
  return d.nameId ? ` id="${escapeHtml(d.nameId)}"` : '';
}

/** The directive as written, for boxes that show unknown or failed directives. */
export function directiveSource(name: string, argument: string, options: { name: string; value: string }[], content: string[]): string {
  const head = `.. ${name}::${argument ? ' ' + argument : ''}`;
  const opts = options.map((o) => `   :${o.name}:${o.value ? ' ' + o.value : ''}`);
  const body = content.length ? ['', ...content.map((l) => (l ? '   ' + l : ''))] : [];
  return [head, ...opts, ...body].join('\n');
}
