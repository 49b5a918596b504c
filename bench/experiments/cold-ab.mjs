/**
 * A/B of cold renders (docs/performance.md, "Cold start, lever by lever"): each variant is a command line that
 * renders the example to a PDF; the variants run in turn, round after round, so that a change of the machine's
 * load hits them all alike. Prints each variant's wall-time median and lower quartile, CPU time and peak RSS, and the load average.
 *
 *   node bench/experiments/cold-ab.mjs <rounds> <name>=<bin/briefing.js path>[,<node flag>…] …
 *
 * e.g. node bench/experiments/cold-ab.mjs 15 before=/tmp/base/bin/briefing.js after=bin/briefing.js
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { EXAMPLE, median, removeDir, tempDir, timeProcess, TIME_BIN } from '../lib.mjs';

const [roundsArg, ...specs] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!Number.isInteger(rounds) || specs.length === 0) {
  console.error('usage: node bench/experiments/cold-ab.mjs <rounds> <name>=<bin/briefing.js>[,<node flag>…] …');
  process.exit(2);
}
const variants = specs.map((spec) => {
  const [name, rest] = spec.split(/=(.*)/s);
  const [bin, ...flags] = rest.split(',');
  return { name, bin: resolve(bin), flags, times: [], cpu: [], rss: [] };
});
const dir = tempDir('briefing-cold-ab-');
const loads = [loadavg()[0]];
try {
  for (const variant of variants) {
    // One run not counted: the page cache and any code cache the variant writes.
    await timeProcess(process.execPath, [...variant.flags, variant.bin, 'render', EXAMPLE, '-o', join(dir, `${variant.name}.pdf`)]);
  }
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const args = [...variant.flags, variant.bin, 'render', EXAMPLE, '-o', join(dir, `${variant.name}.pdf`)];
      if (TIME_BIN) {
        // GNU time: CPU time (user + system) is far less disturbed by other processes than wall time.
        const report = join(dir, 'time.txt');
        variant.times.push((await timeProcess(TIME_BIN, ['-f', '%U %S %M', '-o', report, process.execPath, ...args])).ms);
        const [user, system, kb] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
        variant.cpu.push((user + system) * 1000);
        variant.rss.push(kb / 1024);
      } else {
        variant.times.push((await timeProcess(process.execPath, args)).ms);
      }
    }
    loads.push(loadavg()[0]);
  }
} finally {
  removeDir(dir);
}
const quartile = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 4)];
console.log(`load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)}), ${rounds} rounds`);
console.log('| variant | wall, median | wall, lower quartile | CPU (user+sys), median | peak RSS, median |\n| --- | --- | --- | --- | --- |');
const orNa = (values, f) => (values.length ? f(values) : 'n/a');
for (const v of variants) {
  console.log(`| ${v.name} | ${median(v.times).toFixed(0)} ms | ${quartile(v.times).toFixed(0)} ms | ${orNa(v.cpu, (c) => `${median(c).toFixed(0)} ms`)} | ${orNa(v.rss, (r) => `${median(r).toFixed(0)} MB`)} |`);
}
