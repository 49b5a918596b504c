/**
 * Coverage as a test, not a hope: for every language the labels claim, every character of CLDR's exemplar sets
 * (main, punctuation, numbers), the digits of its numbering systems, the upper case of its letters and a list of
 * symbols a briefing writes (≤ ≥ ≠ ± × ÷ → ← € £ ₹ ﷼ % ‰ …) has a glyph in a face of the chain the theme gives
 * that language, in every family and weight the built-in template uses. A failure names the language, the
 * family and the code point.
 */
import { describe, expect, it } from 'vitest';
import { digitsOfNumberingSystem, numberingSystemOf, scriptOfLanguage } from '../../src/language/locale.js';
import { loadLabels, labelLanguages } from '../../src/template/labels.js';
import { chainNames } from '../../src/theme/fontChains.js';
import { scriptOf } from '../../src/text/script.js';
import { library, theme } from '../text/engines.js';
import { EXEMPLAR_SETS, exemplarSet, parseUnicodeSet } from './exemplars.js';

/** Symbols a briefing writes whatever its language: comparison and arithmetic, arrows, currency, per cent. */
const SYMBOLS = [...'≤≥≠≈±×÷−→←↑↓↔€£$¥₹﷼₪₺₽%‰°§©®™•…–—«»‹›“”‘’„"\'()[]{}/\\@&#*+=<>~^|_!?.,;:'];

const LANGUAGES = labelLanguages(loadLabels());
const FAMILIES = ['body', 'sans'] as const;
const WEIGHTS = [false, true] as const;

function charactersOf(lang: string): number[] {
  const codes = new Set<number>();
  for (const set of EXEMPLAR_SETS) for (const code of parseUnicodeSet(exemplarSet(lang, set))) codes.add(code);
  for (const code of [...codes]) {
    for (const upper of String.fromCodePoint(code).toLocaleUpperCase(lang)) codes.add(upper.codePointAt(0)!);
  }
  for (const digits of ['latn', 'arab', 'arabext', 'native'] as const) {
    if (digits !== 'latn' && digits !== 'native' && scriptOfLanguage(lang) !== 'Arab') continue;
    for (const d of digitsOfNumberingSystem(numberingSystemOf(lang, digits))) codes.add(d.codePointAt(0)!);
  }
  for (const s of SYMBOLS) codes.add(s.codePointAt(0)!);
  return [...codes];
}

/** Characters never drawn: bidi marks, joiners and other default ignorables. */
const invisible = (code: number) => /[\p{Default_Ignorable_Code_Point}\p{Cc}]/u.test(String.fromCodePoint(code));

function uncovered(lang: string, t = theme()): string[] {
  const problems: string[] = [];
  const own = scriptOfLanguage(lang);
  for (const code of charactersOf(lang)) {
    if (invisible(code)) continue;
    const char = String.fromCodePoint(code);
    const script = scriptOf(char) === 'Zyyy' ? own : scriptOf(char);
    for (const family of FAMILIES) {
      for (const bold of WEIGHTS) {
        const faces = chainNames(t, family, lang, script).map((name) => {
          const files = t.fonts.files[name]!;
          return library.face(bold ? (files.bold ?? files.regular) : files.regular);
        });
        if (!faces.some((face) => face.covers(code))) {
          problems.push(`${lang}: U+${code.toString(16).toUpperCase().padStart(4, '0')} ${char} (${family}${bold ? ' bold' : ''}, ${script} chain)`);
        }
      }
    }
  }
  return problems;
}

describe('font coverage of every supported language', () => {
  it('claims the languages of the issue', () => {
    expect(LANGUAGES).toEqual(expect.arrayContaining(['ar', 'fa', 'ur', 'he', 'ckb', 'ps', 'ug', 'sd', 'dv', 'en', 'fr', 'es', 'ru', 'tr', 'de']));
  });

  it.each(LANGUAGES)('%s: every exemplar character, digit and symbol has a glyph in its chain', (lang) => {
    expect(charactersOf(lang).length).toBeGreaterThan(40);
    expect(uncovered(lang)).toEqual([]);
  });

  it('names the language and code point of a character no face covers', () => {
    // the theme before this issue: no symbols face, no Thaana face
    const before = structuredClone(theme());
    for (const family of Object.values(before.fonts.families)) {
      family.fallback = family.fallback!.filter((name) => name !== 'Noto Sans Math');
      delete family['Thaa'];
    }
    expect(uncovered('en', before)).toContain('en: U+2264 ≤ (body, Latn chain)');
    expect(uncovered('dv', before)).toContain('dv: U+0780 ހ (sans bold, Thaa chain)');
    expect(chainNames(theme(), 'body', 'en', 'Latn').at(-1)).toBe('Noto Sans Math');
  });
});

describe('the exemplar-set reader', () => {
  it('reads CLDR UnicodeSet text: escapes, strings, run-together characters, ranges', () => {
    expect(parseUnicodeSet('[a b {ch} \\u200C \\- \\[ éè x-z]')).toEqual(
      [...'ab', 'c', 'h', '\u200c', '-', '[', 'é', 'è', 'x', 'y', 'z'].map((c) => c.codePointAt(0)),
    );
  });
});
