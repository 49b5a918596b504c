/**
 * The V8 flags bin/briefing.js sets (bin/v8Flags.js): a command that renders one page and exits runs without
 * V8's optimizing tiers and with a young generation that does not grow; a long run keeps V8's defaults.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of bin/, without types
import { DATA_FILE_EXTENSIONS, LONG_RUN_FILES, LONG_RUN_FLAGS, ONE_SHOT_FLAGS, VALUE_OPTIONS, v8FlagsFor } from '../../bin/v8Flags.js';
import { DATA_FILE_EXTENSIONS as LISTED_EXTENSIONS } from '../../src/cli/batch/inputs.js';
import { renderValueOptions } from '../../src/cli/main.js';

const folder = mkdtempSync(join(tmpdir(), 'briefing-v8flags-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('V8 flags by command', () => {
  it.each([
    [['render', 'visit.yaml']],
    [['render', '-o', 'out/', 'visit.yaml']],
    [['render', 'visit.yaml', '--lang', 'en', '--copies', '2', '--output', 'x.pdf']],
    [['preview', 'visit.yaml', '--dpi', '200']],
    [['validate', 'a.yaml', 'b.yaml']],
    // A few files: V8's optimizing tier would not pay for itself.
    [['render', 'a.yaml', 'b.yaml']],
    [['render', 'a.yaml', '-o', 'out/', 'b.yaml', '--jobs', '2']],
    [['extract', 'visit.pdf']],
    [['--help']],
  ])('%j is one-shot', (argv) => {
    expect(v8FlagsFor(argv)).toEqual(ONE_SHOT_FLAGS);
  });

  const many = Array.from({ length: LONG_RUN_FILES }, (_, i) => `b${i}.yaml`);
  it.each([[['watch', 'visit.yaml']], [['serve', 'visit.yaml', '--port', '0']], [['render', ...many]], [['render', '-o', 'out/', ...many, '--jobs', '2']]])(
    '%j keeps V8\'s optimizing tier (it renders again and again)',
    (argv) => {
      expect(v8FlagsFor(argv)).toEqual(LONG_RUN_FLAGS);
    },
  );

  it('knows the same value options of render as the command line does', () => {
    expect([...(VALUE_OPTIONS as Set<string>)].sort()).toEqual(renderValueOptions().sort());
  });

  it('counts a folder\'s data files by the extensions the command lists', () => {
    expect(DATA_FILE_EXTENSIONS).toEqual([...LISTED_EXTENSIONS]);
  });

  it('a render of a folder counts its data files', () => {
    const few = join(folder, 'few');
    const batch = join(folder, 'batch');
    mkdirSync(few);
    mkdirSync(batch);
    for (let i = 0; i < 3; i++) writeFileSync(join(few, `b${i}.yaml`), '');
    for (let i = 0; i < LONG_RUN_FILES; i++) writeFileSync(join(batch, `b${i}.yml`), '');
    // Not data files: another extension, a hidden file.
    for (const name of ['notes.txt', '.swap.yaml']) writeFileSync(join(few, name), '');
    expect(v8FlagsFor(['render', few, '-o', 'out/'])).toEqual(ONE_SHOT_FLAGS);
    expect(v8FlagsFor(['render', batch, '-o', 'out/'])).toEqual(LONG_RUN_FLAGS);
    // Files named and a folder's together.
    expect(v8FlagsFor(['render', few, ...many.slice(3)])).toEqual(LONG_RUN_FLAGS);
  });
});
