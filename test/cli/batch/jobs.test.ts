/** `--jobs` when not given: the cores, but no more renderers than the files repay (src/cli/render.ts). */
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { copyExample } from '../../example.js';
import { tempDirs } from '../../tempDirs.js';

const pool = vi.hoisted(() => ({ started: [] as number[] }));
vi.mock('../../../src/cli/batch/pool.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/cli/batch/pool.js')>();
  return {
    ...original,
    startRenderPool: (...args: Parameters<typeof original.startRenderPool>) => {
      pool.started.push(args[0]);
      return original.startRenderPool(...args);
    },
  };
});

const { FILES_PER_RENDERER, defaultJobs, renderFiles } = await import('../../../src/cli/render.js');
const tempDir = tempDirs('jobs');

describe('defaultJobs', () => {
  it.each([
    [1, 8, 1],
    [3, 2, 1],
    [FILES_PER_RENDERER * 2 - 1, 2, 1],
    [FILES_PER_RENDERER * 2, 2, 2],
    [200, 2, 2],
    [200, 8, 4],
    [1000, 8, 8],
    [1000, 1, 1],
  ])('%i files on %i cores: %i renderers', (files, cores, renderers) => {
    expect(defaultJobs(files, cores)).toBe(renderers);
  });
});

describe('a small batch without --jobs', () => {
  it('renders in this thread only (no worker to warm up), and a given --jobs is taken as given', async () => {
    const dir = tempDir();
    const files = ['a', 'b', 'c'].map((name) => join(dir, `${name}.yaml`));
    for (const file of files) copyExample(file);
    const io = { stdout: () => undefined, stderr: () => undefined };
    expect(await renderFiles(files, { output: join(dir, 'out-default/') }, io)).toBe(0);
    expect(pool.started).toEqual([]);
    expect(await renderFiles(files, { output: join(dir, 'out-2/'), jobs: 2 }, io)).toBe(0);
    expect(pool.started).toEqual([2]);
  }, 120_000);
});
