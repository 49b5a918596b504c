/**
 * The benchmark (`npm run bench` in the repository root; docs/performance.md explains the figures). Everything
 * is measured on this machine in one run and printed as ONE table: each figure's median over N runs, the load
 * average while it was measured, its ratio to the baseline (plain PDFKit writing the same text, Typst, the
 * sequential batch, the machine's own parallel speed), and the targets of issue 16.
 *
 *   node bench/run.mjs [--quick]     --quick: fewer repetitions and a 40-file batch, for trying the script out
 *
 * Needs the built library (`npm run build` in the root: dist/) and, for the Typst peer, `npm ci` in bench/.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, CLI, EXAMPLE, ROOT, median, nodeJson, peakRss, removeDir, tempDir, timeProcess } from './lib.mjs';
import { plainSpec } from './spec.mjs';
import { writeBatch } from './batch-files.mjs';

const QUICK = process.argv.includes('--quick');
const N = {
  startup: QUICK ? 3 : 10,
  cold: QUICK ? 3 : 15,
  warm: QUICK ? 5 : 20,
  rss: QUICK ? 1 : 3,
  watch: QUICK ? 3 : 10,
  batch: QUICK ? 40 : 200,
};
/**
 * Warm renders (and Typst compiles) not counted before the warm figures: the steady state is measured. As many as
 * watch and serve render ahead before a user's first save (src/live/liveRender.ts, WARM_UP_RENDERS): V8 compiles a
 * render's largest functions with its optimizing tier late (after 10 renders one takes about twice as long as
 * after 70; docs/performance.md).
 */
const WARM_UP = 40;

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
const log = (message) => process.stderr.write(`bench: ${message} (load ${loadavg()[0].toFixed(1)})\n`);
/** The 1-minute load average at the start and end of each measurement, by figure: printed beside it. */
const loads = {};
async function measured(name, run) {
  const before = loadavg()[0];
  try {
    return await run();
  } finally {
    loads[name] = [before, loadavg()[0]];
  }
}

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

/** The images the example names (relative to its folder), beside copies of it in `dir`. */
function copyExampleImages(dir) {
  cpSync(join(ROOT, 'examples/photos'), join(dir, 'photos'), { recursive: true });
}

/** Time from writing the data file to the new PDF renamed into place, with `briefing watch`. */
async function measureWatch(runs) {
  const dir = tempDir('briefing-bench-watch-');
  const data = join(dir, 'data.yaml');
  const out = join(dir, 'data.pdf');
  copyFileSync(EXAMPLE, data);
  copyExampleImages(dir);
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
    // A user starts watch, then edits: the first save comes a few seconds after the first PDF, by which time
    // watch's warm-up renders (src/live/liveRender.ts) are done.
    await sleep(2000);
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

/** Files in `dir` and below, in bytes (apparent sizes, as `du -sb`). */
function treeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/**
 * The production install, as a user gets it: the package packed (`npm pack`, dist/ as built) and installed into
 * an empty project with `npm install --omit=dev`; its node_modules (the package and what it pulls in) measured,
 * and the installed `briefing render` run once: it must write the same PDF as the repository's.
 */
async function measureInstall(expectedPdf) {
  const dir = tempDir('briefing-bench-install-');
  try {
    await timeProcess('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--loglevel=error'], { cwd: ROOT });
    const tarball = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz')));
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bench-install', version: '1.0.0', private: true }));
    await timeProcess('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], { cwd: app });
    const out = join(dir, 'installed.pdf');
    await timeProcess(join(app, 'node_modules/.bin/briefing'), ['render', EXAMPLE, '-o', out], { cwd: app });
    const packages = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    return { bytes: treeBytes(join(app, 'node_modules')), packages: packages.length, samePdf: readFileSync(out).equals(expectedPdf) };
  } catch (error) {
    return { error: String(error.message ?? error).split('\n')[0] };
  } finally {
    removeDir(dir);
  }
}

/** The batch through the command line (`briefing render <dir> -o <out>/ --jobs N`), with one job and with a job per core. */
async function measureCliBatch(dir) {
  const run = async (jobs) => {
    const out = join(work, `cli-batch-${jobs}`);
    const { ms } = await timeProcess(process.execPath, [CLI, 'render', dir, '-o', `${out}/`, '--jobs', String(jobs)]);
    return ms;
  };
  const one = await run(1);
  const all = await run(availableParallelism());
  return { one, all, jobs: availableParallelism() };
}

// ---------------------------------------------------------------------------------------------------------------
// The run

const results = {};
try {
  log(`node -e 0 ×${N.startup}`);
  results.startup = median(await repeatProcess(N.startup, process.execPath, ['-e', '0']));

  log(`cold render ×${N.cold}`);
  const coldOut = join(work, 'cold.pdf');
  // One render not counted: it writes the code cache (bin/codeCache.js) a user's first render writes.
  await timeProcess(process.execPath, [CLI, 'render', EXAMPLE, '-o', coldOut]);
  results.cold = await measured('cold', async () => median(await repeatProcess(N.cold, process.execPath, [CLI, 'render', EXAMPLE, '-o', coldOut])));
  results.ourSize = statSync(coldOut).size;

  log(`warm render ×${N.warm} (in-process)`);
  const renderer = lib.createRenderer();
  // Loaded by the renderer when it can, as watch and serve load (its kept values spare later work: the data's
  // canonical form for the document ID, the localized texts).
  const loaded = await (renderer.load ? renderer.load(EXAMPLE) : lib.loadBriefing(EXAMPLE));
  // Warm is the steady state: V8 compiles a function with its optimizing tier only after it has run a while, so
  // a process's first renders are not counted (WARM_UP of them; Typst's compiler gets as many).
  for (let i = 0; i < WARM_UP; i++) await renderer.render(loaded);
  results.warm = await measured('warm', async () => {
    const warm = [];
    for (let i = 0; i < N.warm; i++) {
      const t0 = performance.now();
      await renderer.render(loaded);
      warm.push(performance.now() - t0);
    }
    return median(warm);
  });
  // A changed input each time, as a new briefing or an edit is: the data file rewritten (its title), then
  // loaded and rendered by the same renderer (Typst's figure beside it also reads its data file each time).
  const changedFile = join(work, 'changed.yaml');
  copyExampleImages(work);
  const source = readFileSync(EXAMPLE, 'utf8');
  if (!source.includes('مع العراق"')) throw new Error('bench: the example no longer contains the title changed in the warm run');
  results.warmChanged = await measured('warmChanged', async () => {
    const times = [];
    for (let i = 0; i < WARM_UP + N.warm; i++) {
      writeFileSync(changedFile, source.replace('مع العراق"', `مع العراق ${i + 1}"`));
      const t0 = performance.now();
      // The renderer's own load when it has one: what watch and serve do (only the entries an edit changed read again).
      await renderer.render(await (renderer.load ? renderer.load(changedFile) : lib.loadBriefing(changedFile)));
      if (i >= WARM_UP) times.push(performance.now() - t0);
    }
    return median(times);
  });

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
    results.typstCold = await measured('typstCold', async () => median(await repeatProcess(N.cold, process.execPath, [typstScript, typstOut])));
    results.typstSize = statSync(typstOut).size;
    results.typstWarm = median((await nodeJson([typstScript, '--warm', String(N.warm), '--warm-up', String(WARM_UP)])).times);
    results.typstWarmVaried = median((await nodeJson([typstScript, '--warm', String(N.warm), '--warm-up', String(WARM_UP), '--vary'])).times);
    results.typstRss = (await medianRss(N.rss, [typstScript, typstOut])).mb;
  }

  log(`peak RSS ×${N.rss}`);
  const rss = await measured('coldRss', () => medianRss(N.rss, [CLI, 'render', EXAMPLE, '-o', coldOut]));
  results.coldRss = rss.mb;
  results.rssHow = rss.how;
  results.pdfkitRss = (await medianRss(N.rss, [baselineScript, spec, baselineOut])).mb;

  log(`batch of ${N.batch}: sequential, then a pool of ${availableParallelism()} workers`);
  const batchDir = join(work, 'batch');
  writeBatch(batchDir, N.batch);
  const batchScript = join(BENCH_DIR, 'batch.mjs');
  results.cpuBefore = await nodeJson([join(BENCH_DIR, 'cpu-check.mjs')]);
  await measured('batch', async () => {
    const seq = await peakRss([batchScript, 'seq', batchDir]);
    results.batchSeq = JSON.parse(seq.result.stdout.trim());
    results.batchSeqRss = seq.mb;
    const pool = await peakRss([batchScript, 'pool', batchDir]);
    results.batchPool = JSON.parse(pool.result.stdout.trim());
    results.batchPoolRss = pool.mb;
    log(`batch of ${N.batch} through the command line (--jobs 1, --jobs ${availableParallelism()})`);
    results.cliBatch = await measureCliBatch(batchDir);
  });
  results.cpuAfter = await nodeJson([join(BENCH_DIR, 'cpu-check.mjs')]);

  log('watch');
  results.watch = await measured('watch', () => measureWatch(N.watch));

  log('production install (npm pack, npm install --omit=dev)');
  results.install = await measureInstall(readFileSync(coldOut));

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
const cli = results.cliBatch;
const cliSpeedup = cli ? cli.one / cli.all : undefined;
const watchMedian = results.watch ? median(results.watch.times) : undefined;
const watchRender = results.watch?.renders.length ? median(results.watch.renders) : undefined;
const install = results.install;
const installMb = install?.bytes === undefined ? undefined : install.bytes / 1048576;
const load = (name) => (loads[name] ? `${loads[name][0].toFixed(1)}–${loads[name][1].toFixed(1)}` : '');
const rows = [
  ['briefing render, cold process (spawn → PDF written)', N.cold, ms(results.cold), load('cold'), `${ratio(results.cold, results.typstCold)} Typst cold`,
    `≤ 1.3× Typst cold (${ms(results.typstCold && 1.3 * results.typstCold)}); 1× would need −${ms(results.typstCold && Math.max(0, results.cold - results.typstCold))}`,
    verdict(results.typstCold && results.cold <= 1.3 * results.typstCold)],
  ['briefing, warm: one renderer, an input changed each run (load + render)', N.warm, ms(results.warmChanged), load('warmChanged'),
    `${ratio(results.warmChanged, results.typstWarmVaried)} Typst changed input`, '≤ 1.0× Typst warm with a changed input',
    verdict(results.typstWarmVaried && results.warmChanged <= results.typstWarmVaried)],
  ['briefing, warm: one renderer, same input', N.warm, ms(results.warm), load('warm'), `${ratio(results.warm, results.typstWarm)} Typst same input`, '', ''],
  ['watch: data file written → new PDF renamed into place', N.watch,
    `${ms(watchMedian)}${watchRender === undefined ? '' : ` (its own render+write: ${ms(watchRender)})`}`, load('watch'), '',
    '≤ 50 ms', verdict(watchMedian <= 50)],
  [`batch ${results.batchSeq.files} briefings, command line: --jobs 1 / --jobs ${cli.jobs}`, 1, `${ms(cli.one)} / ${ms(cli.all)}`, load('batch'),
    `${cliSpeedup.toFixed(2)}× faster with ${cli.jobs} jobs = ${(cliSpeedup / machineSpeedup).toFixed(2)}× the machine check`,
    `≥ 0.9× the machine check (${machineSpeedup.toFixed(2)}×)`, verdict(cliSpeedup >= 0.9 * machineSpeedup)],
  ['peak RSS, cold render', N.rss, mb(results.coldRss), load('coldRss'), `${ratio(results.coldRss, results.typstRss)} Typst cold`, '≤ 100 MB', verdict(results.coldRss <= 100)],
  ['production install (npm pack + npm install --omit=dev: node_modules with the package)', 1,
    install?.error ? `n/a (${install.error})` : `${installMb.toFixed(1)} MB, ${install.packages} packages; the installed command ${install.samePdf ? 'writes the same PDF' : 'writes ANOTHER PDF'}`, '',
    '', '≤ 60 MB', install?.error ? 'n/a' : verdict(installMb <= 60 && install.samePdf)],
  ['node -e 0 (startup, reference)', N.startup, ms(results.startup), '', `${ratio(results.startup, results.typstCold)} Typst cold`, '', ''],
  ['Typst (typst-ts-node-compiler), cold process', N.cold, ms(results.typstCold), load('typstCold'), ratio(results.typstCold, results.pdfkitCold) + ' PDFKit cold', '', ''],
  ['Typst, warm: one compiler, same input', N.warm, ms(results.typstWarm), '', ratio(results.typstWarm, results.pdfkitWarm) + ' PDFKit warm', '', ''],
  ['Typst, warm: one compiler, an input changed each run', N.warm, ms(results.typstWarmVaried), '', ratio(results.typstWarmVaried, results.pdfkitWarm) + ' PDFKit warm', '', ''],
  ['baseline: plain PDFKit, cold process / warm in-process', N.cold, `${ms(results.pdfkitCold)} / ${ms(results.pdfkitWarm)}`, '', '1.00×', '', ''],
  [`batch ${results.batchSeq.files} briefings, library, sequential, one process`, 1, `${ms(results.batchSeq.ms)} (${ms(seqPer)}/file)`, load('batch'), '1.00×', '', ''],
  [`batch ${results.batchPool.files} briefings, library, pool of ${results.batchPool.workers} worker threads`, 1, `${ms(results.batchPool.ms)} (${ms(poolPer)}/file)`, load('batch'),
    `${speedup.toFixed(2)}× sequential = ${(speedup / machineSpeedup).toFixed(2)}× the machine check`, '', ''],
  [`machine check: a CPU-bound job on ${cores} threads vs one (before / after the batch)`, 2,
    `${results.cpuBefore.speedup.toFixed(2)}× / ${results.cpuAfter.speedup.toFixed(2)}×`, '', '', `the most a batch can gain now (${cores}× when idle)`, ''],
  ['serve: data file written → new page on screen in Chromium', results.serve ? N.watch : 0,
    results.serve ? `${ms(results.serve.saveToScreen)} (server render ${ms(results.serve.serverRender ?? undefined)}, its picture ${ms(results.serve.serverPicture ?? undefined)}, to the page ${ms(results.serve.browserFetch)}, decoded and in ${ms(results.serve.browserDraw)}; pdf.js's draw instead ${ms(results.serve.pdfjsDraw ?? undefined)})` : 'n/a', '', '',
    '≤ 150 ms (issue 14)', results.serve ? verdict(results.serve.saveToScreen <= 150) : 'n/a'],
  ['peak RSS, plain PDFKit cold / Typst cold', N.rss, `${mb(results.pdfkitRss)} / ${mb(results.typstRss)}`, '', '', '', ''],
  ['peak RSS, batch sequential / pool', 1, `${mb(results.batchSeqRss)} / ${mb(results.batchPoolRss)}`, '', '', '', ''],
  ['PDF size: briefing / PDFKit / Typst', 1, `${kb(results.ourSize)} / ${kb(results.pdfkitSize)} / ${kb(results.typstSize)}`, '',
    ratio(results.ourSize, results.typstSize) + ' Typst', '', ''],
];

const header = ['figure', 'N', 'median', 'load', 'ratio', 'target (issue 16)', ''];
const lines = [header, header.map(() => '---'), ...rows.map((row) => row.map(String))];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`briefing benchmark — node ${process.version}, ${cores} cores (${cpu}); load average ${loadBefore.toFixed(1)} before, ` +
  `${loadavg()[0].toFixed(1)} after; peak RSS by ${results.rssHow}; total ${((performance.now() - started) / 1000).toFixed(0)} s${QUICK ? ' (--quick)' : ''}\n`);
console.log(`Times are medians of N runs; "load" is the 1-minute load average before–after the figure (above ${cores}, other ` +
  `processes shared the cores and the times are not the machine's: re-run when it is quiet).\n`);
for (const line of lines) console.log(`| ${line.join(' | ')} |`);
