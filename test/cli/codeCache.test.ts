/**
 * bin/briefing.js runs the command-line bundle with V8's code cache (bin/codeCache.js). A cache must make no
 * difference to what the command does: the same PDF bytes with no cache, a fresh one, and a damaged one; and
 * a cache is only ever found again by the same bundle text, Node and V8 flags.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of bin/, without types
import { cacheFileName, cacheFolders } from '../../bin/codeCache.js';
import { PACKAGE_ROOT } from '../../src/resources.js';
import { tempDirs } from '../tempDirs.js';
import { EXAMPLE } from '../example.js';

const BIN = resolve(PACKAGE_ROOT, 'bin/briefing.js');
const BUNDLE = resolve(PACKAGE_ROOT, 'dist/cli.cjs');
const tempDir = tempDirs('code-cache');

function render(cacheDir: string, out: string, mode = 'report') {
  const result = spawnSync(process.execPath, [BIN, 'render', EXAMPLE, '-o', out], {
    env: { ...process.env, BRIEFING_CODE_CACHE_DIR: cacheDir, BRIEFING_CODE_CACHE: mode, SOURCE_DATE_EPOCH: '' },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return { stderr: result.stderr, pdf: readFileSync(out) };
}

/** Rendering spawns Node: slow on a busy machine (no assertion on time, only room for it). */
const SPAWNS = { timeout: 120_000 };

describe('the code cache of the command line', () => {
  const dir = tempDir();
  let withoutCache: Buffer;
  let cacheFile: string;
  beforeAll(() => {
    withoutCache = render(join(dir, 'unused'), join(dir, 'none.pdf'), 'off').pdf;
    expect(readdirSync(dir)).not.toContain('unused');
  }, SPAWNS.timeout);

  /** A cache folder holding a copy of the cache the first test wrote. */
  function copyOfCache(): string {
    const cache = join(tempDir(), 'cache');
    mkdirSync(cache);
    copyFileSync(cacheFile, join(cache, basename(cacheFile)));
    return cache;
  }

  it('is written by the first render, used by the next, and changes nothing in the PDF', SPAWNS, () => {
    const cache = join(dir, 'cache');
    const first = render(cache, join(dir, 'first.pdf'));
    expect(first.stderr).toMatch(/code cache miss, written .*cli-[0-9a-f]{32}\.v8cache/);
    expect(readdirSync(cache)).toHaveLength(1);
    cacheFile = join(cache, readdirSync(cache)[0]!);
    const second = render(cache, join(dir, 'second.pdf'));
    expect(second.stderr).toMatch(/code cache hit/);

    expect(first.pdf.equals(withoutCache)).toBe(true);
    expect(second.pdf.equals(withoutCache)).toBe(true);
  });

  it('import() of pdf.js still works in a bundle compiled from the cache (extract after a render)', SPAWNS, () => {
    // Regression: in Node 20 an import() inside a vm.Script compiled from a code cache fails
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING); the bundle imports through bin/briefing.js instead.
    const cache = copyOfCache();
    const result = spawnSync(process.execPath, [BIN, 'extract', join(dir, 'none.pdf'), '-o', join(dir, 'extracted.yaml')], {
      env: { ...process.env, BRIEFING_CODE_CACHE_DIR: cache },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'extracted.yaml')).equals(readFileSync(EXAMPLE))).toBe(true);
  });

  it('a damaged cache is never given to V8: the bundle is compiled from its text, and the cache written again', SPAWNS, () => {
    const cache = copyOfCache();
    const file = join(cache, basename(cacheFile));
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 256, 4096); // V8's header intact, its data garbage
    writeFileSync(file, bytes);

    const damaged = render(cache, join(dir, 'damaged.pdf'));
    expect(damaged.stderr).toMatch(/code cache damaged .*, written /);
    expect(damaged.pdf.equals(withoutCache)).toBe(true);
    expect(readFileSync(file).equals(readFileSync(cacheFile))).toBe(false);
  });

  it('a cache V8 rejects (made with other V8 flags) changes nothing, and is replaced', SPAWNS, () => {
    const cache = copyOfCache();
    const name = basename(cacheFile);
    // The same render with another V8 flag writes its cache under another name; put it under this one.
    const other = spawnSync(process.execPath, ['--no-lazy-feedback-allocation', BIN, 'render', EXAMPLE, '-o', join(dir, 'other.pdf')], {
      env: { ...process.env, BRIEFING_CODE_CACHE_DIR: cache },
    });
    expect(other.status).toBe(0);
    const otherName = readdirSync(cache).find((entry) => entry !== name)!;
    copyFileSync(join(cache, otherName), join(cache, name));

    const rejected = render(cache, join(dir, 'rejected.pdf'));
    expect(rejected.stderr).toMatch(/code cache rejected .*, written /);
    expect(rejected.pdf.equals(withoutCache)).toBe(true);
  });

  it('is named after the bundle text, the Node version and the V8 flags', () => {
    const source = readFileSync(BUNDLE, 'utf8');
    const name = cacheFileName(source, ['--liftoff-only']);
    expect(name).toMatch(/^cli-[0-9a-f]{32}\.v8cache$/);
    expect(cacheFileName(source, ['--liftoff-only'])).toBe(name);
    // One character changed, same length: V8 alone would not notice (it checks the length), the name does.
    const changed = source.replace('render', 'rendex');
    expect(changed.length).toBe(source.length);
    expect(cacheFileName(changed, ['--liftoff-only'])).not.toBe(name);
    expect(cacheFileName(source, [])).not.toBe(name);
  });

  it('lives beside the bundle or in the user\'s cache folder, never in a shared one', () => {
    expect(cacheFolders('/opt/briefing/dist/cli.cjs', { XDG_CACHE_HOME: '/home/u/.cache' })).toEqual([
      '/opt/briefing/dist/.code-cache',
      '/home/u/.cache/briefing',
    ]);
    expect(cacheFolders('/opt/briefing/dist/cli.cjs', { BRIEFING_CODE_CACHE_DIR: '/x' })).toEqual(['/x']);
  });
});
