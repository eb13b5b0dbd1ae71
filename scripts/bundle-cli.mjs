#!/usr/bin/env node
// The last step of `npm run build`: dist/cli.js becomes one bundle of the command line and our
// modules (esbuild), with a chunk per command that cli.ts imports on demand. Loading ~130 small
// ES modules costs Node more than one parsed file: about 40 ms on every `dftables` command
// (build, eval, the Sphinx extension's serve-eval). Everything else in dist/ stays as tsc wrote
// it: the library API (dist/index.js, dist/engine.js) and the worker scripts, which the bundle
// starts by their paths.
//
// A bundled module's import.meta.url would be the bundle's; each one is replaced by the URL the
// module has in dist/ (modules use it to find templates, workers and package.json beside them).
// All outputs sit in dist/ itself, so those relative URLs resolve the same from any of them.
//
// Without esbuild (an install without devDependencies) dist/cli.js stays tsc's output.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repo, 'dist');
const CHUNK_PREFIX = 'cli-';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('bundle-cli: esbuild is not installed; dist/cli.js stays unbundled');
  process.exit(0);
}

// Chunks of an earlier bundle (their names carry content hashes).
if (existsSync(dist)) {
  for (const f of readdirSync(dist)) if (f.startsWith(CHUNK_PREFIX) && /\.js(\.map)?$/.test(f)) rmSync(join(dist, f));
}

/** import.meta.url -> the URL of the module's own file in dist/, relative to the bundle. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const rel = relative(join(repo, 'src'), args.path).replace(/\\/g, '/').replace(/\.ts$/, '.js');
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify('./' + rel)}, import.meta.url).href`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

await esbuild.build({
  entryPoints: { cli: join(repo, 'src/cli.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // npm packages (commander, markdown-it, ejs, chokidar, danfojs-node) load from node_modules.
  packages: 'external',
  chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [ownUrls],
});
