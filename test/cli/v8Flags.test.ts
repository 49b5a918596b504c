/**
 * The V8 flags bin/briefing.js sets (bin/v8Flags.js): a command that renders one page and exits runs without
 * V8's optimizing tiers and with a young generation that does not grow; a long run keeps V8's defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of bin/, without types
import { LONG_RUN_FLAGS, ONE_SHOT_FLAGS, VALUE_OPTIONS, v8FlagsFor } from '../../bin/v8Flags.js';
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
    [['extract', 'visit.pdf']],
    [['--help']],
  ])('%j is one-shot', (argv) => {
    expect(v8FlagsFor(argv)).toEqual(ONE_SHOT_FLAGS);
  });

  it.each([[['watch', 'visit.yaml']], [['serve', 'visit.yaml', '--port', '0']], [['render', 'a.yaml', 'b.yaml']], [['render', 'a.yaml', '-o', 'out/', 'b.yaml', '--jobs', '2']]])(
    '%j keeps V8\'s optimizing tier (it renders again and again)',
    (argv) => {
      expect(v8FlagsFor(argv)).toEqual(LONG_RUN_FLAGS);
    },
  );

  it('knows the same value options of render as the command line does', () => {
    expect([...(VALUE_OPTIONS as Set<string>)].sort()).toEqual(renderValueOptions().sort());
  });

  it('a render of a folder is a batch', () => {
    expect(v8FlagsFor(['render', folder, '-o', 'out/'])).toEqual(LONG_RUN_FLAGS);
  });
});
