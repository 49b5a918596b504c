/**
 * `npm run build`: the two bundles of dist/ (esbuild), and what they load at run time.
 *
 *  - dist/index.js: the library (ESM), what `import … from 'briefing'` gets.
 *  - dist/cli.cjs: the command line (src/cli/main.ts) as one CommonJS script, because bin/briefing.js runs it
 *    through `vm.Script` with V8's code cache (bin/codeCache.js): Node 20 has no code cache for ES modules.
 *    `import.meta.url` becomes the script's own file URL; harfbuzzjs, an ES module with a top-level await,
 *    cannot be required: bin/briefing.js imports it first and hands it in.
 *
 * Both: dependencies bundled (whitespace and syntax minified); harfbuzzjs, hyphen, pdfjs-dist and @napi-rs/canvas
 * stay outside for their .wasm, pattern, worker and native files; fontkit is replaced by a stub (PDFKit imports it
 * for `doc.font()`, which we never call).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['harfbuzzjs', 'hyphen', 'pdfjs-dist', '@napi-rs/canvas'],
  alias: { fontkit: './build/fontkit-stub.mjs' },
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { index: 'src/index.ts' },
    format: 'esm',
    outdir: 'dist',
    banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    format: 'cjs',
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  }),
]);
