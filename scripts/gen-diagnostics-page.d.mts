// Types for scripts/gen-diagnostics-page.mjs, so the TypeScript tests can import it.
import type { CodeInfo } from '../src/diagnostics/codes.js';

/** The page's path in the repository: 'docs/reference/diagnostics.rst'. */
export const PAGE: string;
/** The whole RST page, from a table shaped like CODES in src/diagnostics/codes.ts. */
export function renderDiagnosticsPage(codes: Record<string, CodeInfo>): string;
