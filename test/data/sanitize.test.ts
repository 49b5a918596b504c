import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isRightToLeft } from '../../src/language/locale.js';
import { sanitizeText } from '../../src/data/sanitize.js';

const LRE = '\u202A';
const RLE = '\u202B';
const PDF = '\u202C';
const LRO = '\u202D';
const RLO = '\u202E';
const LRM = '\u200E';
const RLM = '\u200F';
const ALM = '\u061C';
const LRI = '\u2066';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

describe('sanitizeText', () => {
  it('leaves ordinary text alone', () => {
    expect(sanitizeText('Hello, world')).toBe('Hello, world');
    expect(sanitizeText('مرحبا بالعالم')).toBe('مرحبا بالعالم');
    expect(sanitizeText('  indented\n\nparagraph')).toBe('  indented\n\nparagraph');
  });

  it('removes embeddings and overrides U+202A–U+202E', () => {
    expect(sanitizeText(`a${LRE}b${RLE}c${PDF}d${LRO}e${RLO}f`)).toBe('abcdef');
    expect(sanitizeText(`${RLO}exe.txt`)).toBe('exe.txt');
  });

  it('keeps LRM, RLM and ALM', () => {
    const text = `a${LRM}b${RLM}c${ALM}d`;
    expect(sanitizeText(text)).toBe(text);
  });

  it('keeps balanced isolates', () => {
    const text = `x ${RLI}عربي${PDI} ${LRI}a${FSI}b${PDI}${PDI} y`;
    expect(sanitizeText(text)).toBe(text);
  });

  it('removes a PDI with no open isolate', () => {
    expect(sanitizeText(`a${PDI}b`)).toBe('ab');
    expect(sanitizeText(`${RLI}a${PDI}${PDI}b`)).toBe(`${RLI}a${PDI}b`);
  });

  it('closes isolates still open at the end', () => {
    expect(sanitizeText(`a${RLI}b`)).toBe(`a${RLI}b${PDI}`);
    expect(sanitizeText(`${LRI}${FSI}x`)).toBe(`${LRI}${FSI}x${PDI}${PDI}`);
  });

  it('trims trailing whitespace before closing isolates', () => {
    expect(sanitizeText(`${RLI}abc  \n`)).toBe(`${RLI}abc${PDI}`);
    expect(sanitizeText('text \t\n\n')).toBe('text');
  });

  it('normalizes line breaks', () => {
    expect(sanitizeText('a\r\nb\r\n\r\nc')).toBe('a\nb\n\nc');
    expect(sanitizeText('a\rb')).toBe('a\nb');
  });

  const bidiChar = fc.constantFrom(LRE, RLE, PDF, LRO, RLO, LRM, RLM, ALM, LRI, RLI, FSI, PDI, 'a', 'ب', ' ', '\n', '\r');
  const bidiText = fc.array(bidiChar, { maxLength: 30 }).map((chars) => chars.join(''));

  test.prop([fc.oneof(bidiText, fc.string())])('output has no embeddings, balanced isolates, no trailing space', (input) => {
    const out = sanitizeText(input);
    expect(out).not.toMatch(/[\u202A-\u202E\r]/);
    let open = 0;
    for (const ch of out) {
      if (ch >= LRI && ch <= FSI) open++;
      if (ch === PDI) {
        open--;
        expect(open).toBeGreaterThanOrEqual(0);
      }
    }
    expect(open).toBe(0);
    expect(out).toBe(out.trimEnd());
  });

  test.prop([fc.oneof(bidiText, fc.string())])('is idempotent', (input) => {
    const once = sanitizeText(input);
    expect(sanitizeText(once)).toBe(once);
  });
});

describe('isRightToLeft', () => {
  it('is true for right-to-left primary subtags', () => {
    for (const tag of ['ar', 'fa', 'ur', 'he', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'ar-IQ', 'AR', 'fa-IR']) {
      expect(isRightToLeft(tag), tag).toBe(true);
    }
  });

  it('is false for left-to-right languages', () => {
    for (const tag of ['en', 'en-US', 'fr', 'ku', 'tr', 'arz-Latn', 'de-AT']) {
      expect(isRightToLeft(tag), tag).toBe(false);
    }
  });

  it('follows an explicit script subtag', () => {
    expect(isRightToLeft('ar-Latn')).toBe(false);
    expect(isRightToLeft('az-Arab')).toBe(true);
    expect(isRightToLeft('ku-Arab-IQ')).toBe(true);
    // ISO 639-2 `ara` is canonicalized to `ar` by Intl.Locale: Arabic
    expect(isRightToLeft('ara')).toBe(true);
  });
});
