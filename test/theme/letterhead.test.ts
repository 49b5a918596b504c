import { describe, expect, it } from 'vitest';
import { letterheadFor, parseTheme } from '../../src/theme/theme.js';
import { catchBriefingError } from '../briefingError.js';
import { theme as loadTheme } from '../text/engines.js';

const theme = loadTheme();

describe('the letterhead', () => {
  it('ships with the built-in theme: the fictional emblem and the name in the page language', () => {
    expect(letterheadFor(theme, 'ar')).toEqual({ logo: 'emblem.svg', name: 'وزارة الخارجية · ترويسة نموذجية' });
    expect(letterheadFor(theme, 'en-GB')!.name).toBe('Ministry of Foreign Affairs · specimen letterhead');
  });

  it('is an error, not English, for a language the name lacks', () => {
    const e = catchBriefingError(() => letterheadFor(theme, 'sw', 'theme.json'), 'theme');
    expect(e.problems[0]).toMatchObject({ path: 'letterhead.name', message: expect.stringMatching(/^no "sw" name for the letterhead \(have: ar, en, /) });
    expect(e.file).toBe('theme.json');
  });

  it('is optional, and checked when present', () => {
    const { letterhead: _, ...without } = theme;
    expect(letterheadFor(parseTheme(JSON.stringify(without), 't.json'), 'ar')).toBeUndefined();
    const e = catchBriefingError(() => parseTheme(JSON.stringify({ ...theme, letterhead: { logo: '', name: { ar: 'x' } } }), 't.json'), 'theme');
    expect(e.problems[0]!.path).toBe('letterhead.logo');
  });
});
