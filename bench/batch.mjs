/**
 * The batch: every *.yaml of <dir> rendered to <dir>/out/<name>.pdf.
 *   node batch.mjs seq <dir>    one after another in this process (the library imported once)
 *   node batch.mjs pool <dir>   a pool of os.availableParallelism() worker threads, each importing dist/index.js once
 * Prints {ms, files, workers} as JSON; ms runs from before the first import to the last PDF written.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';

const [mode, dir] = process.argv.slice(2);
const outDir = join(dir, 'out');
mkdirSync(outDir, { recursive: true });
const jobs = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ file: join(dir, name), out: join(outDir, `${basename(name, '.yaml')}.pdf`) }));

const started = performance.now();
let workers = 1;
if (mode === 'seq') {
  const { loadBriefing, renderBriefing } = await import('../dist/index.js');
  for (const job of jobs) {
    const { pdf } = await renderBriefing(await loadBriefing(job.file));
    await writeFile(job.out, pdf);
  }
} else if (mode === 'pool') {
  workers = availableParallelism();
  await new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    const pool = [];
    const feed = (worker) => {
      if (next < jobs.length) worker.postMessage({ id: next, ...jobs[next++] });
    };
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./batch-worker.mjs', import.meta.url));
      pool.push(worker);
      worker.on('error', reject);
      worker.on('message', (message) => {
        if (message.ready) return feed(worker);
        if (!message.ok) return reject(new Error(`${jobs[message.id].file}: ${message.message}`));
        if (++done === jobs.length) {
          for (const w of pool) void w.terminate();
          resolve();
        } else feed(worker);
      });
    }
  });
} else {
  throw new Error('usage: node batch.mjs seq|pool <dir>');
}
console.log(JSON.stringify({ ms: performance.now() - started, files: jobs.length, workers }));
