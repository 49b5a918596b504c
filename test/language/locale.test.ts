import { describe, expect, it } from 'vitest';
import {
  defaultNumberingSystem,
  digitsOfNumberingSystem,
  icuHasLocale,
  isRightToLeft,
  numberingSystemOf,
  scriptOfLanguage,
  textDirection,
} from '../../src/language/locale.js';
import { characterOrder, cldrLocales } from './exemplars.js';

describe('textDirection: one source of truth, from the locale', () => {
  it('agrees with CLDR\'s layout data for every locale CLDR has', () => {
    const wrong = cldrLocales().flatMap((locale) => {
      const want = characterOrder(locale) === 'right-to-left' ? 'rtl' : 'ltr';
      return textDirection(locale) === want ? [] : [`${locale}: ${textDirection(locale)}, CLDR says ${want}`];
    });
    expect(cldrLocales().length).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('answers tags ICU has no locale data for from the likely script (Divehi is Thaana, right to left)', () => {
    expect(icuHasLocale('dv')).toBe(false);
    expect(scriptOfLanguage('dv')).toBe('Thaa');
    expect(textDirection('dv')).toBe('rtl');
    expect(textDirection('az-Arab')).toBe('rtl');
    expect(textDirection('ms-Arab')).toBe('rtl');
    expect(textDirection('ar-Latn')).toBe('ltr');
    expect(textDirection('sd-Deva')).toBe('ltr');
  });

  it('knows every right-to-left language the tool claims, and the left-to-right ones', () => {
    for (const tag of ['ar', 'fa', 'ur', 'he', 'ckb', 'ps', 'ug', 'sd', 'dv', 'yi', 'ar-IQ', 'fa-AF', 'CKB-iq']) expect(textDirection(tag), tag).toBe('rtl');
    for (const tag of ['en', 'fr', 'es', 'ru', 'tr', 'de', 'ku']) expect(textDirection(tag), tag).toBe('ltr');
    expect(isRightToLeft('not a tag!')).toBe(false);
    expect(() => textDirection('not a tag!')).toThrow(RangeError);
  });

  it('replaces the lists it used to keep (no module lists language codes for direction or script)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('src');
    const lists = files.filter((file) => /['"]ar['"],\s*['"]fa['"],\s*['"]ur['"]|case 'fa':/.test(readFileSync(file, 'utf8')));
    expect(lists).toEqual([]);
  });
});

describe('digits', () => {
  it('native is the locale\'s CLDR default numbering system', () => {
    expect(numberingSystemOf('fa', 'native')).toBe('arabext');
    expect(numberingSystemOf('ar-EG', 'native')).toBe('arab');
    expect(numberingSystemOf('ar', 'native')).toBe(defaultNumberingSystem('ar'));
    expect(numberingSystemOf('en', 'native')).toBe('latn');
  });

  it('arab means the extended digits ۰–۹ in Persian, Urdu, Pashto and Sindhi, ٠–٩ elsewhere', () => {
    for (const lang of ['fa', 'ur', 'ps', 'sd', 'fa-AF', 'ur-IN']) expect(numberingSystemOf(lang, 'arab'), lang).toBe('arabext');
    for (const lang of ['ar', 'ckb', 'ug', 'ar-EG']) expect(numberingSystemOf(lang, 'arab'), lang).toBe('arab');
    expect(numberingSystemOf('ar', 'arabext')).toBe('arabext');
    expect(numberingSystemOf('fa', 'latn')).toBe('latn');
    expect(digitsOfNumberingSystem('arabext').join('')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(digitsOfNumberingSystem('arab').join('')).toBe('٠١٢٣٤٥٦٧٨٩');
    expect(() => numberingSystemOf('fa', 'roman' as 'latn')).toThrow(/unknown digit style/);
  });
});
