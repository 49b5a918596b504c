/**
 * Where a cold `briefing render` spends its time (docs/performance.md, "Profile"):
 *  1. `await import()` time of each runtime dependency, each alone in a new process (median of 5);
 *  2. the phases of a cold render in one process: import dist/index.js, loadBriefing, first renderBriefing
 *     (fonts, HarfBuzz, JIT warm-up), second renderBriefing (median of 5);
 *  3. a V8 CPU profile of `node --cpu-prof bin/briefing.js render …`: top self-time functions, and self time by
 *     package (node_modules/<name>, our bundle dist/, Node's internals, GC).
 *
 *   node bench/profile.mjs [--keep]     --keep: leave the .cpuprofile in bench/profiles/ (open it in Chrome DevTools)
 */
import { mkdirSync, readFileSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, CLI, EXAMPLE, ROOT, median, nodeJson, removeDir, tempDir, timeProcess } from './lib.mjs';

const RUNS = 5;
const MODULES = ['pdfkit', 'yargs', 'zod', 'yaml', 'handlebars', 'harfbuzzjs', 'saxes', 'linebreak', 'bidi-js'];

// 1. Imports, one module per fresh process (cwd = root, so the root's node_modules resolve).
const importTimes = [];
// (dist/cli.cjs is not importable alone: bin/briefing.js runs it, with harfbuzzjs handed in.)
for (const name of [...MODULES, './dist/index.js']) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await timeProcess(process.execPath, [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`,
    ]);
    times.push(Number(stdout.trim()));
  }
  importTimes.push([name, median(times)]);
}

// 2. Phases of a cold render in one process.
const phaseScript = `
  const t0 = performance.now();
  const lib = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))});
  const t1 = performance.now();
  const data = await lib.loadBriefing(${JSON.stringify(EXAMPLE)});
  const t2 = performance.now();
  await lib.renderBriefing(data);
  const t3 = performance.now();
  await lib.renderBriefing(data);
  const t4 = performance.now();
  console.log(JSON.stringify({ import: t1 - t0, load: t2 - t1, firstRender: t3 - t2, secondRender: t4 - t3 }));`;
const phaseRuns = [];
for (let i = 0; i < RUNS; i++) phaseRuns.push(await nodeJson(['--input-type=module', '-e', phaseScript]));
const phases = Object.fromEntries(Object.keys(phaseRuns[0]).map((key) => [key, median(phaseRuns.map((run) => run[key]))]));

// 3. CPU profile of the CLI.
const dir = tempDir('briefing-prof-');
let profileFile;
try {
  await timeProcess(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CLI, 'render', EXAMPLE, '-o', join(dir, 'out.pdf')]);
  profileFile = join(dir, readdirSync(dir).find((name) => name.endsWith('.cpuprofile')));
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  if (process.argv.includes('--keep')) {
    mkdirSync(join(BENCH_DIR, 'profiles'), { recursive: true });
    copyFileSync(profileFile, join(BENCH_DIR, 'profiles', 'cold-render.cpuprofile'));
  }
  report(profile);
} finally {
  removeDir(dir);
}

function packageOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/dist/')) return 'briefing (dist/)';
  if (url.includes('/bin/')) return 'briefing (bin/)';
  return url.replace(/^file:\/\//, '');
}

function report(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = profile.endTime - profile.startTime; // µs
  const selfTime = new Map(); // node id → µs
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, us] of selfTime) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    const where = callFrame.url ? `${packageOf(callFrame.url)}:${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}` : '';
    const key = where ? `${name} ${where}` : name;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = callFrame.url ? packageOf(callFrame.url) : name.startsWith('(') ? name : '(native / V8)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const pct = (us) => `${((100 * us) / total).toFixed(1)} %`;
  const msOf = (us) => `${(us / 1000).toFixed(0)} ms`;

  console.log(`# Profile of a cold render (node ${process.version})\n`);
  console.log(`## Import time of each dependency alone (fresh process, median of ${RUNS})\n`);
  console.log('| module | import |\n| --- | --- |');
  for (const [name, ms] of importTimes) console.log(`| ${name} | ${ms.toFixed(0)} ms |`);
  console.log(`\n## Phases of a cold render in one process (median of ${RUNS})\n`);
  console.log('| phase | time |\n| --- | --- |');
  for (const [name, ms] of Object.entries(phases)) console.log(`| ${name} | ${ms.toFixed(0)} ms |`);
  console.log(`\n## CPU profile of \`briefing render\` (${msOf(total)} profiled): self time by package\n`);
  console.log('| package | self time | share |\n| --- | --- | --- |');
  for (const [pkg, us] of top(byPackage, 15)) console.log(`| ${pkg} | ${msOf(us)} | ${pct(us)} |`);
  console.log('\n## Top 25 functions by self time\n');
  console.log('| function | self time | share |\n| --- | --- | --- |');
  for (const [name, us] of top(byFunction, 25)) console.log(`| \`${name}\` | ${msOf(us)} | ${pct(us)} |`);
}
