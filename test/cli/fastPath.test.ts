/**
 * The render command line read without yargs (`parseRenderFast`): for every command line it takes, it must
 * select exactly what yargs selects; everything else it leaves to yargs. And on that path yargs is never loaded.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { main, parseRenderFast, parseWithYargs, type Selected } from '../../src/cli/main.js';
import { tempDirs } from '../tempDirs.js';
import { EXAMPLE } from '../example.js';

let yargsLoaded = false;
vi.mock('yargs', async (importOriginal) => {
  yargsLoaded = true;
  return await importOriginal();
});

const tempDir = tempDirs('fast-path');

const silent = { stdout: () => {}, stderr: () => {}, stdoutBytes: async () => {} };

async function yargsSelects(argv: readonly string[]): Promise<Selected | number> {
  return await parseWithYargs(argv, silent);
}

const TAKEN: string[][] = [
  ['render', 'a.yaml'],
  ['render', 'a.yaml', 'b.json', 'c.yml'],
  ['render', 'a.yaml', '-o', 'out.pdf'],
  ['render', '-o', 'out/', 'a.yaml', 'b.yaml'],
  ['render', 'a.yaml', '--output', 'x.pdf'],
  ['render', 'a.yaml', '--output=x.pdf'],
  ['render', 'a.yaml', '--output=-x.pdf'],
  ['render', 'a.yaml', '--lang', 'en'],
  ['render', 'a.yaml', '--lang=ar-IQ'],
  ['render', 'a.yaml', '--template', 'briefing'],
  ['render', 'a.yaml', '--template', 'my templates/x.hbs'],
  ['render', 'a.yaml', '--page', 'Letter'],
  ['render', 'a.yaml', '--page=A4'],
  ['render', 'a.yaml', '--calendar', 'islamic-umalqura,gregory'],
  ['render', 'a.yaml', '--calendar', 'persian'],
  ['render', 'a.yaml', '--label-fallback', 'en'],
  ['render', 'a.yaml', '--timestamp'],
  ['render', 'a.yaml', '--copies', '2'],
  ['render', 'a.yaml', '--copies=5'],
  ['render', '--timestamp', 'a.yaml', '--copies', '3', '--lang', 'fa', '--page', 'A4', '-o', 'o.pdf', '--template', 't.hbs'],
  ['render', '010', '1e3', 'true'],
  ['render', 'briefings/', '-o', 'out/', '--jobs', '2'],
  ['render', 'a.yaml', 'b.yaml', '--jobs=1'],
];

const LEFT_TO_YARGS: string[][] = [
  ['render'],
  ['render', '--help'],
  ['render', 'a.yaml', '-h'],
  ['render', 'a.yaml', '--version'],
  ['render', 'a.yaml', '--no-such-option'],
  ['render', 'a.yaml', '-o'],
  ['render', 'a.yaml', '-o', '-'],
  ['render', 'a.yaml', '-o', 'a.pdf', '-o', 'b.pdf'],
  ['render', 'a.yaml', '--lang', 'not a tag'],
  ['render', 'a.yaml', '--lang='],
  ['render', 'a.yaml', '--page', 'A5'],
  ['render', 'a.yaml', '--copies', '0'],
  ['render', 'a.yaml', '--copies', 'two'],
  ['render', 'a.yaml', '--copies', '0x2'],
  ['render', 'a.yaml', '--calendar', 'julian'],
  ['render', 'a.yaml', '--jobs', '0'],
  ['render', 'a.yaml', '--jobs', 'many'],
  ['render', 'a.yaml', '--timestamp=false'],
  ['render', 'a.yaml', '--no-timestamp'],
  ['render', 'a.yaml', '--labelFallback', 'en'],
  ['render', 'a.yaml', '-ofoo.pdf'],
  ['render', '--', '-a.yaml'],
  ['render', '-'],
  ['watch', 'a.yaml'],
  ['--help'],
  [],
];

describe('the render command line without yargs', () => {
  // First: the other tests load yargs.
  it('renders without loading yargs, and loads it for help', async () => {
    const out = join(tempDir(), 'fast.pdf');
    let stdout = '';
    const code = await main(['render', EXAMPLE, '-o', out], { ...silent, stdout: (s) => (stdout += s) });
    expect(code).toBe(0);
    expect(stdout).toContain('fast.pdf');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(yargsLoaded).toBe(false);

    expect(await main(['render', '--help'], silent)).toBe(0);
    expect(yargsLoaded).toBe(true);
  });

  it.each(TAKEN.map((argv) => [argv]))('%j selects what yargs selects', async (argv) => {
    const fast = parseRenderFast(argv);
    expect(fast).toBeDefined();
    expect(fast).toEqual(await yargsSelects(argv));
  });

  it.each(LEFT_TO_YARGS.map((argv) => [argv]))('%j is left to yargs', (argv) => {
    expect(parseRenderFast(argv)).toBeUndefined();
  });

  it('selects what yargs selects for any command line it takes (random command lines)', async () => {
    const token = fc.constantFrom(
      'a.yaml', 'b.json', 'out/', 'x.pdf', '-', '--', '-o', '--output', '--output=o.pdf', '--lang', '--lang=en', 'en', 'ar',
      'bad tag', '--template', 'briefing', '--page', 'A4', 'Letter', 'A5', '--calendar', 'gregory', 'persian,gregory',
      '--label-fallback', '--timestamp', '--copies', '2', '5', '9', '--jobs', '--jobs=3', 'dir/', '--help', '--unknown', '-x', '',
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 8 }), async (rest) => {
        const argv = ['render', ...rest];
        const fast = parseRenderFast(argv);
        if (fast === undefined) return;
        taken++;
        expect(fast).toEqual(await yargsSelects(argv));
      }),
      { numRuns: 300, seed: 16 },
    );
    expect(taken).toBeGreaterThan(20);
  });

});
