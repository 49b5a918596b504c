import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors.js';
import { parseTheme } from '../../src/theme/theme.js';

const source = JSON.parse(readFileSync('templates/theme.json', 'utf8')) as Record<string, unknown>;
const withJustify = (justify: unknown) => JSON.stringify({ ...source, justify });

describe('theme "justify"', () => {
  it('defaults to kashida, total fit and hyphenation when absent or partial', () => {
    const { justify: _, ...rest } = source;
    expect(parseTheme(JSON.stringify(rest), 'theme.json').justify).toEqual({ arabic: 'kashida', lines: 'total-fit', hyphenate: true });
    expect(parseTheme(withJustify({ arabic: 'spaces' }), 'theme.json').justify).toEqual({ arabic: 'spaces', lines: 'total-fit', hyphenate: true });
  });

  it('refuses an unknown value or key, naming the field', () => {
    for (const [justify, path] of [
      [{ arabic: 'tatweel' }, 'justify.arabic'],
      [{ lines: 'optimal' }, 'justify.lines'],
      [{ hyphens: true }, 'justify'],
    ] as const) {
      try {
        parseTheme(withJustify(justify), 'theme.json');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(BriefingError);
        expect((error as BriefingError).problems.map((p) => p.path)).toContain(path);
      }
    }
  });
});
