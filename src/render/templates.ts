/**
 * The ejs templates (page layout, navigation, tables, error boxes) and theme assets in
 * ./templates. Each template is compiled once per process; `npm run build` copies the folder to
 * dist/render/templates so the compiled CLI finds it beside this module.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';

export const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

type Compiled = (data: Record<string, unknown>) => string;
const compiled = new Map<string, Compiled>();

export function renderTemplate(name: string, data: Record<string, unknown>): string {
  let fn = compiled.get(name);
  if (!fn) {
    const file = TEMPLATE_DIR + name + '.ejs';
    fn = ejs.compile(readFileSync(file, 'utf8'), { filename: file, strict: true, localsName: 'it', _with: false }) as Compiled;
    compiled.set(name, fn);
  }
  return fn(data);
}

/** A theme asset (CSS, JS) as text. */
export function readAsset(name: string): string {
  return readFileSync(TEMPLATE_DIR + name, 'utf8');
}
