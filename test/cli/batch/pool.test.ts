/**
 * The worker pool with a stand-in worker (test/cli/fixtures/dyingWorker.mjs) that renders a file into the bytes
 * of its name: which file fails when a worker dies, and that the others are still rendered.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWorkerPool } from '../../../src/cli/batch/pool.js';

const STAND_IN = join(import.meta.dirname, '../fixtures/dyingWorker.mjs');

async function outcomes(pool: ReturnType<typeof startWorkerPool>, files: string[]): Promise<string[]> {
  try {
    const settled = await Promise.allSettled(files.map((file) => pool.render(file)));
    return settled.map((s) => (s.status === 'fulfilled' ? `ok ${new TextDecoder().decode(s.value.pdf)}` : `failed ${(s.reason as Error).message}`));
  } finally {
    await pool.close();
  }
}

describe('the render worker pool', () => {
  it('gives each file its own result, whichever worker rendered it', async () => {
    const files = Array.from({ length: 9 }, (_, i) => `in/${i}.yaml`);
    expect(await outcomes(startWorkerPool(3, {}, STAND_IN), files)).toEqual(files.map((file) => `ok ${file}`));
  });

  it('fails only the file a worker died on, renders the files queued behind it, and replaces the worker', async () => {
    // Two workers, each sent a file ahead once more files wait than there are workers: crash.yaml's worker also
    // held c.yaml (not started) when it died.
    const result = await outcomes(startWorkerPool(2, {}, STAND_IN), ['in/a.yaml', 'in/crash.yaml', 'in/b.yaml', 'in/c.yaml', 'in/d.yaml', 'in/e.yaml']);
    expect(result).toEqual([
      'ok in/a.yaml',
      'failed the worker rendering in/crash.yaml stopped: it exited with code 7',
      'ok in/b.yaml',
      'ok in/c.yaml',
      'ok in/d.yaml',
      'ok in/e.yaml',
    ]);
  });

  it('fails every file with the reason when no worker can start', async () => {
    const result = await outcomes(startWorkerPool(2, { lang: 'die-loading' }, STAND_IN), ['in/a.yaml', 'in/b.yaml', 'in/c.yaml']);
    expect(result).toEqual(Array(3).fill('failed the render worker could not start: it exited with code 9'));
  });

  it('says to build the package when the worker script is missing', () => {
    expect(() => startWorkerPool(2, {}, '/nowhere/batch-worker.js')).toThrow(/the render worker \/nowhere\/batch-worker\.js is missing/);
  });
});
