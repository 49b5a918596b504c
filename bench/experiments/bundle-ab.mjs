/**
 * Experiment (docs/performance.md): what bundling the dependencies would give the cold render, without touching
 * src/. Builds src/cli/main.ts with esbuild (the root's) into bench/experiments/.out/ in three ways, checks that
 * each writes the same PDF bytes as the current build, then runs the variants alternately (median of N, default 7):
 * cold render time and peak RSS.
 *   npm run build && node bench/experiments/bundle-ab.mjs [N]      (from the repository root)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, EXAMPLE, ROOT, TIME_BIN, median, removeDir, tempDir } from '../lib.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const OUT = join(ROOT, 'bench/experiments/.out'); // inside the package, so the bundle finds templates/ and fonts/
const ESBUILD = join(ROOT, 'node_modules/.bin/esbuild');
const common = [
  'cli=src/cli/main.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--log-level=error',
  // harfbuzzjs finds its .wasm beside its own module; the preview's pdf.js and canvas load on demand.
  '--external:harfbuzzjs', '--external:@napi-rs/canvas', '--external:pdfjs-dist',
  // CommonJS dependencies call require(); give the ESM bundle one.
  "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
];
const builds = {
  bundled: [],
  'bundled+minified+no-brotli': ['--minify', `--alias:brotli/decompress.js=${join(ROOT, 'bench/experiments/brotli-stub.js')}`],
};

rmSync(OUT, { recursive: true, force: true });
const variants = { current: [CLI] };
for (const [name, extra] of Object.entries(builds)) {
  const dir = join(OUT, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  execFileSync(ESBUILD, [...common, ...extra, `--outdir=${dir}`], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(join(dir, 'bin.mjs'), "const cli = await import('./cli.js');\nprocess.exitCode = await cli.main(process.argv.slice(2));\n");
  variants[name] = [join(dir, 'bin.mjs')];
}
variants['bundled+minified+no-brotli, --max-semi-space-size=2'] = ['--max-semi-space-size=2', variants['bundled+minified+no-brotli'][0]];

const work = tempDir('briefing-bundle-ab-');
try {
  const reference = join(work, 'reference.pdf');
  execFileSync(process.execPath, [CLI, 'render', EXAMPLE, '-o', reference], { stdio: 'ignore' });
  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, { ms: [], mb: [] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(variants)) {
      const out = join(work, 'out.pdf');
      const report = join(work, 'time.txt');
      const command = TIME_BIN ? [TIME_BIN, ['-f', '%M', '-o', report, process.execPath, ...args, 'render', EXAMPLE, '-o', out]] : [process.execPath, [...args, 'render', EXAMPLE, '-o', out]];
      const started = performance.now();
      execFileSync(command[0], command[1], { stdio: 'ignore', cwd: ROOT });
      results[name].ms.push(performance.now() - started);
      if (TIME_BIN) results[name].mb.push(Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024);
      if (Buffer.compare(readFileSync(out), readFileSync(reference)) !== 0) throw new Error(`${name}: the PDF differs from the current build's`);
    }
  }
  console.log(`| variant (same PDF bytes) | cold render, median of ${RUNS} | peak RSS |\n|---|---|---|`);
  for (const [name, { ms, mb }] of Object.entries(results)) {
    console.log(`| ${name} | ${median(ms).toFixed(0)} ms | ${mb.length ? `${median(mb).toFixed(0)} MB` : 'n/a'} |`);
  }
} finally {
  removeDir(work);
  rmSync(OUT, { recursive: true, force: true });
}
