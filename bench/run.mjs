/**
 * The benchmark of issue 5 (`npm run bench` in the repository root; docs/performance.md explains the figures).
 * Everything is measured on this machine in one run and printed as ONE table: each figure's median over N runs,
 * its ratio to the baseline (plain PDFKit writing the same text, or the sequential batch), and the targets.
 *
 *   node bench/run.mjs [--quick]     --quick: fewer repetitions and a 40-file batch, for trying the script out
 *
 * Needs the built library (`npm run build` in the root: dist/) and, for the Typst peer, `npm ci` in bench/.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, CLI, EXAMPLE, ROOT, median, nodeJson, peakRss, removeDir, tempDir, timeProcess } from './lib.mjs';
import { plainSpec } from './spec.mjs';

const QUICK = process.argv.includes('--quick');
const N = {
  startup: QUICK ? 3 : 10,
  cold: QUICK ? 3 : 10,
  warm: QUICK ? 5 : 20,
  rss: QUICK ? 1 : 3,
  watch: QUICK ? 3 : 10,
  batch: QUICK ? 40 : 200,
};

if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'dist/cli.cjs'))) {
  console.error('bench: dist/ is missing: run `npm run build` in the repository root first');
  process.exit(1);
}
const typstAvailable = existsSync(join(BENCH_DIR, 'node_modules/@myriaddreamin/typst-ts-node-compiler/package.json'));
if (!typstAvailable) console.error('bench: the Typst peer is not installed (run `npm ci` in bench/); its rows are n/a');

const lib = await import('../dist/index.js');
const work = tempDir('briefing-bench-');
const loadBefore = loadavg()[0];
const started = performance.now();
const log = (message) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Measurements

async function repeatProcess(runs, command, args, options) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await timeProcess(command, args, options)).ms);
  return times;
}

async function medianRss(runs, args) {
  const values = [];
  let how = '';
  for (let i = 0; i < runs; i++) {
    const rss = await peakRss(args);
    values.push(rss.mb);
    how = rss.how;
  }
  return { mb: median(values), how };
}

/** 200 copies of the example, each with its own title and a changed number, as YAML files in `dir`. */
function writeBatch(dir, count) {
  const source = readFileSync(EXAMPLE, 'utf8');
  const swaps = [
    ['يشيد بالتعاون القوي مع العراق"', (i) => `يشيد بالتعاون القوي مع العراق ${i + 1}"`],
    ['praises strong cooperation with Iraq"', (i) => `praises strong cooperation with Iraq ${i + 1}"`],
    ['"منذ عام 2018،', (i) => `"منذ عام ${1990 + (i % 35)}،`],
    ['"Since 2018,', (i) => `"Since ${1990 + (i % 35)},`],
  ];
  for (const [from] of swaps) if (!source.includes(from)) throw new Error(`bench: the example no longer contains ${from}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    let text = source;
    for (const [from, to] of swaps) text = text.replace(from, to(i));
    writeFileSync(join(dir, `briefing-${String(i + 1).padStart(3, '0')}.yaml`), text);
  }
}

/** Time from writing the data file to the new PDF renamed into place, with `briefing watch` (when it exists). */
async function measureWatch(runs) {
  const help = await timeProcess(process.execPath, [CLI, '--help']);
  if (!/^\s*briefing watch\b/m.test(help.stdout)) return undefined;
  const dir = tempDir('briefing-bench-watch-');
  const data = join(dir, 'data.yaml');
  const out = join(dir, 'data.pdf');
  copyFileSync(EXAMPLE, data);
  const child = spawn(process.execPath, [CLI, 'watch', data, '-o', out], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  // The watcher's own report of each render: `HH:MM:SS rendered <pdf> in <n> ms (…)`.
  const lastRenderMs = () => {
    const all = [...stdout.matchAll(/rendered .* in (\d+) ms/g)];
    return all.length > 0 ? Number(all[all.length - 1][1]) : undefined;
  };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const identity = () => {
    try {
      const s = statSync(out, { bigint: true });
      return `${s.ino}:${s.mtimeNs}`;
    } catch {
      return undefined;
    }
  };
  try {
    for (const deadline = performance.now() + 30_000; identity() === undefined; await sleep(5)) {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`briefing watch wrote no first PDF\n${stderr}`);
    }
    await sleep(300); // let the watcher settle after its first render
    const source = readFileSync(EXAMPLE, 'utf8');
    const times = [];
    const renders = [];
    for (let i = 0; i < runs; i++) {
      const before = identity();
      const t0 = performance.now();
      writeFileSync(data, source.replace('مع العراق"', `مع العراق ${i + 1}"`));
      for (;;) {
        if (identity() !== before) break;
        if (performance.now() - t0 > 20_000) throw new Error(`briefing watch did not rewrite the PDF within 20 s\n${stderr}`);
        await sleep(1);
      }
      times.push(performance.now() - t0);
      await sleep(250); // also lets the watcher print its line
      renders.push(lastRenderMs());
    }
    return { times, renders: renders.filter((ms) => ms !== undefined) };
  } finally {
    child.kill('SIGTERM');
    removeDir(dir);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

const results = {};
try {
  log(`node -e 0 ×${N.startup}`);
  results.startup = median(await repeatProcess(N.startup, process.execPath, ['-e', '0']));

  log(`cold render ×${N.cold}`);
  const coldOut = join(work, 'cold.pdf');
  results.cold = median(await repeatProcess(N.cold, process.execPath, [CLI, 'render', EXAMPLE, '-o', coldOut]));
  results.ourSize = statSync(coldOut).size;

  log(`warm render ×${N.warm} (in-process)`);
  const loaded = await lib.loadBriefing(EXAMPLE);
  await lib.renderBriefing(loaded); // first render excluded
  const warm = [];
  for (let i = 0; i < N.warm; i++) {
    const t0 = performance.now();
    await lib.renderBriefing(loaded);
    warm.push(performance.now() - t0);
  }
  results.warm = median(warm);

  log(`PDFKit baseline cold ×${N.cold}, warm ×${N.warm}`);
  const spec = join(work, 'spec.json');
  writeFileSync(spec, JSON.stringify(plainSpec(lib.localizeBriefing(loaded))));
  const baselineScript = join(BENCH_DIR, 'pdfkit-baseline.mjs');
  const baselineOut = join(work, 'pdfkit.pdf');
  results.pdfkitCold = median(await repeatProcess(N.cold, process.execPath, [baselineScript, spec, baselineOut]));
  results.pdfkitSize = statSync(baselineOut).size;
  results.pdfkitWarm = median((await nodeJson([baselineScript, spec, '--warm', String(N.warm)])).times);

  if (typstAvailable) {
    log(`Typst cold ×${N.cold}, warm ×${N.warm}`);
    const typstScript = join(BENCH_DIR, 'typst-compile.mjs');
    const typstOut = join(work, 'typst.pdf');
    results.typstCold = median(await repeatProcess(N.cold, process.execPath, [typstScript, typstOut]));
    results.typstSize = statSync(typstOut).size;
    results.typstWarm = median((await nodeJson([typstScript, '--warm', String(N.warm)])).times);
    results.typstWarmVaried = median((await nodeJson([typstScript, '--warm', String(N.warm), '--vary'])).times);
    results.typstRss = (await medianRss(N.rss, [typstScript, typstOut])).mb;
  }

  log(`peak RSS ×${N.rss}`);
  const rss = await medianRss(N.rss, [CLI, 'render', EXAMPLE, '-o', coldOut]);
  results.coldRss = rss.mb;
  results.rssHow = rss.how;
  results.pdfkitRss = (await medianRss(N.rss, [baselineScript, spec, baselineOut])).mb;

  log(`batch of ${N.batch}: sequential, then a pool of ${availableParallelism()} workers`);
  const batchDir = join(work, 'batch');
  writeBatch(batchDir, N.batch);
  const batchScript = join(BENCH_DIR, 'batch.mjs');
  results.cpuBefore = await nodeJson([join(BENCH_DIR, 'cpu-check.mjs')]);
  const seq = await peakRss([batchScript, 'seq', batchDir]);
  results.batchSeq = JSON.parse(seq.result.stdout.trim());
  results.batchSeqRss = seq.mb;
  const pool = await peakRss([batchScript, 'pool', batchDir]);
  results.batchPool = JSON.parse(pool.result.stdout.trim());
  results.batchPoolRss = pool.mb;
  results.cpuAfter = await nodeJson([join(BENCH_DIR, 'cpu-check.mjs')]);

  log('watch');
  results.watch = await measureWatch(N.watch);

  if (existsSync('/usr/bin/chromium')) {
    log('serve (Chromium)');
    results.serve = await nodeJson(['--import', 'tsx', join(BENCH_DIR, 'serve-latency.ts'), String(N.watch)]);
  } else log('serve: /usr/bin/chromium is missing; its rows are n/a');
} finally {
  removeDir(work);
}

// ---------------------------------------------------------------------------------------------------------------
// The table

const ms = (x) => (x === undefined ? 'n/a' : x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mb = (x) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
const kb = (x) => (x === undefined ? 'n/a' : `${(x / 1024).toFixed(1)} KB`);
const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}×`);
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');

const cores = availableParallelism();
const seqPer = results.batchSeq.ms / results.batchSeq.files;
const poolPer = results.batchPool.ms / results.batchPool.files;
const speedup = results.batchSeq.ms / results.batchPool.ms;
const machineSpeedup = Math.max(results.cpuBefore.speedup, results.cpuAfter.speedup);
const watchMedian = results.watch ? median(results.watch.times) : undefined;
const watchRender = results.watch?.renders.length ? median(results.watch.renders) : undefined;
const rows = [
  ['node -e 0 (startup, reference)', N.startup, ms(results.startup), ratio(results.startup, results.pdfkitCold) + ' PDFKit cold', '', ''],
  ['briefing render, cold process (spawn → PDF written)', N.cold, ms(results.cold), ratio(results.cold, results.pdfkitCold) + ' PDFKit cold',
    `≤ 2× Typst cold: ${ratio(results.cold, results.typstCold)}`, verdict(results.typstCold && results.cold <= 2 * results.typstCold)],
  ['briefing renderBriefing, warm in-process', N.warm, ms(results.warm), ratio(results.warm, results.pdfkitWarm) + ' PDFKit warm',
    `≤ 1.5× Typst warm: ${ratio(results.warm, results.typstWarm)} (same input; ${ratio(results.warm, results.typstWarmVaried)} changed input)`,
    verdict(results.typstWarm && results.warm <= 1.5 * results.typstWarm)],
  ['baseline: plain PDFKit, cold process', N.cold, ms(results.pdfkitCold), '1.00×', '', ''],
  ['baseline: plain PDFKit, warm in-process', N.warm, ms(results.pdfkitWarm), '1.00×', '', ''],
  ['Typst (typst-ts-node-compiler), cold process', N.cold, ms(results.typstCold), ratio(results.typstCold, results.pdfkitCold) + ' PDFKit cold', '', ''],
  ['Typst, warm: one compiler, same input', N.warm, ms(results.typstWarm), ratio(results.typstWarm, results.pdfkitWarm) + ' PDFKit warm', '', ''],
  ['Typst, warm: one compiler, an input changed each run', N.warm, ms(results.typstWarmVaried), ratio(results.typstWarmVaried, results.pdfkitWarm) + ' PDFKit warm', '', ''],
  [`batch ${results.batchSeq.files} briefings, sequential, one process`, 1, `${ms(results.batchSeq.ms)} (${ms(seqPer)}/file)`, '1.00×', '', ''],
  [`batch ${results.batchPool.files} briefings, pool of ${results.batchPool.workers} worker threads`, 1, `${ms(results.batchPool.ms)} (${ms(poolPer)}/file)`,
    `${speedup.toFixed(2)}× faster than sequential`, `≥ 1.7× sequential on 2 cores (${cores} here): ${speedup.toFixed(2)}×`,
    verdict(speedup >= 1.7) + (speedup < 1.7 && machineSpeedup < 1.7 ? ' (machine busy: see the machine check)' : '')],
  [`machine check: a CPU-bound job on ${cores} threads vs one (before / after the batch)`, 2,
    `${results.cpuBefore.speedup.toFixed(2)}× / ${results.cpuAfter.speedup.toFixed(2)}×`, '', `the most the batch could gain now (${cores}× when idle)`, ''],
  ['watch: data file written → new PDF renamed into place', results.watch ? N.watch : 0,
    results.watch ? `${ms(watchMedian)}${watchRender === undefined ? '' : ` (its own render+write: ${ms(watchRender)})`}` : 'n/a (watch not built yet)', '',
    '≤ 100 ms', results.watch ? verdict(watchMedian <= 100) : 'n/a'],
  ['serve: data file written → new page on screen in Chromium', results.serve ? N.watch : 0,
    results.serve ? `${ms(results.serve.saveToScreen)} (server render ${ms(results.serve.serverRender ?? undefined)}, page fetch ${ms(results.serve.browserFetch)}, pdf.js draw ${ms(results.serve.browserDraw)})` : 'n/a', '',
    '≤ 150 ms', results.serve ? verdict(results.serve.saveToScreen <= 150) : 'n/a'],
  ['serve: the page as a PNG instead, drawn by the server at 110 / 220 dpi', results.serve ? N.watch : 0,
    results.serve ? `${ms(results.serve.png110)} / ${ms(results.serve.png220)}` : 'n/a',
    results.serve ? `${ratio(results.serve.png110, results.serve.browserDraw)} pdf.js in the browser` : '', '', ''],
  ['peak RSS, cold render', N.rss, mb(results.coldRss), ratio(results.coldRss, results.pdfkitRss) + ' PDFKit cold', `≤ 120 MB`, verdict(results.coldRss <= 120)],
  ['peak RSS, plain PDFKit cold / Typst cold', N.rss, `${mb(results.pdfkitRss)} / ${mb(results.typstRss)}`, '', '', ''],
  ['peak RSS, batch sequential / pool', 1, `${mb(results.batchSeqRss)} / ${mb(results.batchPoolRss)}`, '', '', ''],
  ['PDF size: briefing / PDFKit / Typst', 1, `${kb(results.ourSize)} / ${kb(results.pdfkitSize)} / ${kb(results.typstSize)}`,
    ratio(results.ourSize, results.pdfkitSize) + ' PDFKit', `≤ Typst's: ${ratio(results.ourSize, results.typstSize)}`,
    verdict(results.typstSize && results.ourSize <= results.typstSize)],
];

const header = ['figure', 'N', 'median', 'vs baseline', 'target', ''];
const lines = [header, header.map(() => '---'), ...rows.map((row) => row.map(String))];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`briefing benchmark — node ${process.version}, ${cores} cores (${cpu}); load average ${loadBefore.toFixed(1)} before, ` +
  `${loadavg()[0].toFixed(1)} after; peak RSS by ${results.rssHow}; total ${((performance.now() - started) / 1000).toFixed(0)} s${QUICK ? ' (--quick)' : ''}\n`);
for (const line of lines) console.log(`| ${line.join(' | ')} |`);
