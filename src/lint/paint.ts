/**
 * Terminal colour, only where it helps: on a TTY, unless NO_COLOR is set (https://no-color.org);
 * FORCE_COLOR turns it on for pipes (CI logs that render ANSI).
 */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain = (s: string) => s;
const sgr = (on: number, off: number) => (s: string) => `\x1b[${on}m${s}\x1b[${off}m`;

export const NO_PAINT: Paint = { red: plain, yellow: plain, dim: plain, bold: plain };
export const ANSI_PAINT: Paint = { red: sgr(31, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return NO_PAINT;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return ANSI_PAINT;
  return stream.isTTY ? ANSI_PAINT : NO_PAINT;
}
