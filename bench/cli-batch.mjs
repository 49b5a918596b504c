/**
 * The batch through the command line (issue 16): `briefing render <dir>/ -o <out>/` on N copies of the example,
 * once with `--jobs 1` (one after another in the CLI's own thread) and once with a job per core (`--jobs <cores>`:
 * the default too for a batch of 50 files per core or more), each a whole process from spawn to exit, between two runs of the machine check (cpu-check.mjs). The
 * target: the batch's speed-up at least 0.9× the check's (the larger of its two runs, the stricter reading).
 *
 *   node bench/cli-batch.mjs [--files 200] [--dir <folder of data files>]
 *
 * Prints {files, jobs, seqMs, poolMs, speedup, machine: {before, after}, ratio, load: {before, after}} as JSON on
 * its last line. Needs the built package (`npm run build`).
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { writeBatch } from './batch-files.mjs';
import { BENCH_DIR, CLI, nodeJson, removeDir, tempDir, timeProcess } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const files = Number(option('--files') ?? 200);
const work = tempDir('briefing-bench-cli-batch-');
const inputs = option('--dir') ?? join(work, 'in');
if (option('--dir') === undefined) writeBatch(inputs, files);

const machineCheck = async () => (await nodeJson([join(BENCH_DIR, 'cpu-check.mjs')])).speedup;
/** One `briefing render` of the whole folder; exit 0 expected (every copy of the example renders). */
const batch = async (jobs, out) => (await timeProcess(process.execPath, [CLI, 'render', `${inputs}/`, '-o', `${out}/`, '--jobs', String(jobs)])).ms;

try {
  const loadBefore = loadavg()[0];
  const before = await machineCheck();
  const seqMs = await batch(1, join(work, 'out-1'));
  const poolMs = await batch(availableParallelism(), join(work, 'out-all'));
  const after = await machineCheck();
  const speedup = seqMs / poolMs;
  const result = {
    files,
    jobs: availableParallelism(),
    seqMs: Math.round(seqMs),
    poolMs: Math.round(poolMs),
    speedup: Number(speedup.toFixed(2)),
    machine: { before: Number(before.toFixed(2)), after: Number(after.toFixed(2)) },
    ratio: Number((speedup / Math.max(before, after)).toFixed(2)),
    load: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
  };
  process.stderr.write(
    `cli batch of ${files}: --jobs 1 ${result.seqMs} ms, --jobs ${result.jobs} ${result.poolMs} ms: ${result.speedup}× ` +
      `against the machine check's ${result.machine.before}×/${result.machine.after}× → ratio ${result.ratio} (target ≥ 0.9); ` +
      `load ${result.load.before} → ${result.load.after}\n`,
  );
  console.log(JSON.stringify(result));
} finally {
  removeDir(work);
}
