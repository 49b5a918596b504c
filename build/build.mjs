/**
 * `npm run build`: the two bundles of dist/ (esbuild), and what they load at run time.
 *
 *  - dist/index.js: the library (ESM), what `import … from 'briefing'` gets; dist/batch-worker.js, the worker
 *    thread of `render --jobs`.
 *  - dist/cli.cjs: the command line (src/cli/main.ts) as one CommonJS script, because bin/briefing.js runs it
 *    through `vm.Script` with V8's code cache (bin/codeCache.js): Node 20 has no code cache for ES modules.
 *    `import.meta.url` becomes the script's own file URL; harfbuzzjs, an ES module with a top-level await,
 *    cannot be required: bin/briefing.js imports it first and hands it in.
 *
 * dist/pdfjs/: the pdf.js files that run (src/pdf/pdfjsBuild.ts), copied from pdfjs-dist, a build-time
 * dependency: `browser/` for the page of `briefing serve`, `node/` for `extract` and `preview` (the minified
 * build under the names pdf.js loads its worker by), and pdf.js's licence.
 *
 * Both carry the built-in templates precompiled (src/template/precompiled.ts, filled in here from templates/*.hbs
 * as they are now).
 *
 * Both: dependencies bundled (whitespace and syntax minified); harfbuzzjs, hyphen, pdfjs-dist and @napi-rs/canvas
 * stay outside for their .wasm, pattern, worker and native files; fontkit and @noble/ciphers/aes are replaced by
 * stubs (PDFKit imports them for `doc.font()` and encryption, which we never use).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The sources' own precompiler (src/template/environment.ts), bundled on the fly to run it here. */
async function sourceModule(contents) {
  // Inside the package: the sources find the package folder from their own location (src/resources.ts).
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'dist', '.build-'));
  try {
    const file = join(dir, 'module.mjs');
    await build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: file, logLevel: 'warning', alias: { fontkit: './build/fontkit-stub.mjs' } });
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** JavaScript for the list of precompiled built-in templates (see src/template/precompiled.ts). */
async function precompiledTemplates() {
  const { precompileTemplate, markTemplatePositions } = await sourceModule(
    "export { precompileTemplate } from './src/template/environment.ts'; export { markTemplatePositions } from './src/markup/templatePositions.ts';",
  );
  const entries = readdirSync(join(ROOT, 'templates'))
    .filter((name) => name.endsWith('.hbs'))
    .sort()
    .map((name) => {
      // The pipeline compiles the template with its tags marked (markup/templatePositions.ts): so does the build.
      const source = markTemplatePositions(readFileSync(join(ROOT, 'templates', name), 'utf8'));
      const { spec, partialRefs, inlinePartials } = precompileTemplate(source);
      const sha256 = createHash('sha256').update(source, 'utf8').digest('hex');
      return `{ file: ${JSON.stringify(name)}, sha256: ${JSON.stringify(sha256)}, partialRefs: ${JSON.stringify(partialRefs)}, inlinePartials: ${JSON.stringify(inlinePartials)}, spec: ${spec} }`;
    });
  return `[\n${entries.join(',\n')}\n]`;
}

const PRECOMPILED_MODULE = join(ROOT, 'src/template/precompiled.ts');
const PRECOMPILED_LIST = 'export const PRECOMPILED_TEMPLATES: PrecompiledTemplate[] = [];';
const templates = await precompiledTemplates();
// Caches of the command line's code (bin/codeCache.js) are for the bundle being replaced: gone with it.
rmSync(join(ROOT, 'dist', '.code-cache'), { recursive: true, force: true });

/** Puts the precompiled templates into precompiled.ts as the bundles read it. */
const precompiledPlugin = {
  name: 'precompiled-templates',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/]template[\\/]precompiled\.ts$/ }, (args) => {
      if (args.path !== PRECOMPILED_MODULE) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(PRECOMPILED_LIST)) throw new Error(`build: ${args.path} no longer declares ${PRECOMPILED_LIST}`);
      return { contents: source.replace(PRECOMPILED_LIST, `export const PRECOMPILED_TEMPLATES: PrecompiledTemplate[] = ${templates};`), loader: 'ts' };
    });
  },
};

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['harfbuzzjs', 'hyphen', 'pdfjs-dist', '@napi-rs/canvas'],
  // PDFKit's font loading and encryption, which briefing never uses (see the stubs).
  alias: { fontkit: './build/fontkit-stub.mjs', '@noble/ciphers/aes': './build/aes-stub.mjs' },
  logLevel: 'warning',
  plugins: [precompiledPlugin],
};

const results = await Promise.all([
  build({
    ...common,
    // The batch's worker thread (src/cli/batch/worker.ts) is an ES module of its own beside the library.
    entryPoints: { index: 'src/index.ts', 'batch-worker': 'src/cli/batch/worker.ts' },
    format: 'esm',
    outdir: 'dist',
    metafile: true,
    banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    format: 'cjs',
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    metafile: true,
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
  }),
]);

/**
 * dist/THIRD-PARTY-LICENSES.txt: the licence of every package whose code the bundles contain (their licences ask
 * that it travel with the code; the packages themselves are build-time dependencies only).
 */
function writeLicences(metafiles) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
      if (match) packages.set(match[2], join(ROOT, match[1]));
    }
  }
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((entry) => /^(licen[sc]e|copying)(\.|$)/i.test(entry));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `${pkg.license ?? 'see the package'} (no licence file in the package)`;
    return `## ${name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
  });
  writeFileSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.txt'), `Packages bundled into dist/index.js and dist/cli.cjs, and their licences.\n\n${sections.join('\n')}`);
}
writeLicences(results.map((result) => result.metafile));

/** The pdf.js files of src/pdf/pdfjsBuild.ts. */
function copyPdfjs() {
  const from = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const to = join(ROOT, 'dist', 'pdfjs');
  rmSync(to, { recursive: true, force: true });
  const files = [
    ['build/pdf.min.mjs', 'browser/pdf.min.mjs'],
    ['build/pdf.worker.min.mjs', 'browser/pdf.worker.min.mjs'],
    // In Node, pdf.js imports its worker as ./pdf.worker.mjs beside itself.
    ['legacy/build/pdf.min.mjs', 'node/pdf.mjs'],
    ['legacy/build/pdf.worker.min.mjs', 'node/pdf.worker.mjs'],
    ['LICENSE', 'LICENSE'],
    ['package.json', 'package.json'],
  ];
  for (const [source, target] of files) {
    mkdirSync(dirname(join(to, target)), { recursive: true });
    copyFileSync(join(from, source), join(to, target));
  }
}
copyPdfjs();
