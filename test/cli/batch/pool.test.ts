/**
 * The worker pool with a stand-in worker (test/cli/fixtures/dyingWorker.mjs) that renders a file into the bytes
 * of its name: which file fails when a worker dies, and that the others are still rendered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRenderPool } from '../../../src/cli/batch/pool.js';
import { tempDirs } from '../../tempDirs.js';
import { MINIMAL_DATA } from '../runCli.js';

const tempDir = tempDirs('pool');

const STAND_IN = join(import.meta.dirname, '../fixtures/dyingWorker.mjs');

async function outcomes(pool: ReturnType<typeof startRenderPool>, files: string[]): Promise<string[]> {
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
    expect(await outcomes(startRenderPool(3, {}, { inThread: false, script: STAND_IN }), files)).toEqual(files.map((file) => `ok ${file}`));
  });

  it('fails only the file a worker died on, renders the files queued behind it, and replaces the worker', async () => {
    // Two workers, each sent a file ahead once more files wait than there are workers: crash.yaml's worker also
    // held c.yaml (not started) when it died.
    const result = await outcomes(startRenderPool(2, {}, { inThread: false, script: STAND_IN }), ['in/a.yaml', 'in/crash.yaml', 'in/b.yaml', 'in/c.yaml', 'in/d.yaml', 'in/e.yaml']);
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
    const result = await outcomes(startRenderPool(2, { lang: 'die-loading' }, { inThread: false, script: STAND_IN }), ['in/a.yaml', 'in/b.yaml', 'in/c.yaml']);
    expect(result).toEqual(Array(3).fill('failed the render worker could not start: it exited with code 9'));
  });

  it('renders in this thread too: the first file goes to the worker, the next to this thread while the worker loads', async () => {
    const dir = tempDir();
    const files = ['a', 'b', 'c'].map((name) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, MINIMAL_DATA.join('\n'));
      return file;
    });
    const result = await outcomes(startRenderPool(2, {}, { script: STAND_IN }), files);
    // The stand-in's "PDF" is the file's name; this thread's is a real one.
    expect(result[0]).toBe(`ok ${files[0]}`);
    expect(result[1]).toMatch(/^ok %PDF-/);
    expect(result[2]).toMatch(/^ok /);
  });

  it('says to build the package when the worker script is missing', () => {
    expect(() => startRenderPool(2, {}, { script: '/nowhere/batch-worker.js' })).toThrow(/the render worker \/nowhere\/batch-worker\.js is missing/);
  });
});
