// Copies non-TypeScript assets (ejs templates, theme files) next to the compiled JS,
// so dist/ is self-contained and `node dist/cli.js` finds them without src/.
import { cpSync, existsSync } from 'node:fs';
const pairs = [['src/render/templates', 'dist/render/templates']];
for (const [from, to] of pairs) if (existsSync(from)) cpSync(from, to, { recursive: true });
