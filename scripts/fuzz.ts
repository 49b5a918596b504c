/**
 * The fuzz run by hand: `npx tsx scripts/fuzz.ts [cases=10000] [seed]`. Runs the cases of test/fuzz/cases.ts
 * through the command line in-process and checks, besides the rules of the test, that each case finishes within
 * 10 s and the process stays under 1 GB. Prints progress, the outcome counts, the slowest case, the peak
 * memory and the total time; exits 1 at the first case that breaks a rule (printing it, to replay).
 */
import fc from 'fast-check';
import { fuzzCase, runFuzzCase } from '../test/fuzz/cases.js';

const cases = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const MAX_MS = 10_000;
const MAX_RSS = 1024 ** 3;

const started = performance.now();
const codes = new Map<number, number>();
let slowest = { ms: 0, index: -1 };
let peak = 0;
let index = 0;
console.log(`fuzzing ${cases} cases, seed ${seed}`);
await fc.assert(
  fc.asyncProperty(fuzzCase, async (c) => {
    const t = performance.now();
    const outcome = await runFuzzCase(c);
    const ms = performance.now() - t;
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
    if (ms > slowest.ms) slowest = { ms, index };
    if (++index % 500 === 0) console.log(`${index} cases, ${Math.round((performance.now() - started) / 1000)} s, peak ${Math.round(peak / 2 ** 20)} MB`);
    const broken = outcome.failure ?? (ms > MAX_MS ? `took ${Math.round(ms)} ms` : rss > MAX_RSS ? `${Math.round(rss / 2 ** 20)} MB resident` : undefined);
    if (broken) throw new Error(`${broken}\n${outcome.stderr}\ncase: ${JSON.stringify(c).slice(0, 4000)}`);
  }),
  { numRuns: cases, seed, endOnFailure: true },
);
const seconds = (performance.now() - started) / 1000;
console.log(`${cases} cases in ${seconds.toFixed(0)} s (${((seconds * 1000) / cases).toFixed(0)} ms a case): ` + [...codes].sort().map(([code, n]) => `exit ${code} × ${n}`).join(', '));
console.log(`slowest case ${Math.round(slowest.ms)} ms (#${slowest.index}), peak resident memory ${Math.round(peak / 2 ** 20)} MB`);
