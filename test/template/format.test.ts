import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateRange,
  formatList,
  formatNumber,
  formatYearMonth,
  formattingLocale,
  parseIsoDate,
  toDigits,
} from '../../src/template/format.js';
import { listWords, loadLabels } from '../../src/template/labels.js';

const BIDI_MARKS = /[\u200E\u200F\u061C\u2066-\u2069\u202A-\u202E]/;

describe('formatDate', () => {
  it('formats Arabic with the month names of the tag', () => {
    expect(formatDate('2025-02-04', 'ar', 'latn')).toBe('4 فبراير 2025');
    expect(formatDate('2025-02-04', 'ar-IQ', 'latn')).toBe('4 شباط 2025');
    expect(formatDate('2025-10-01', 'ar-IQ', 'latn')).toBe('1 تشرين الأول 2025');
    expect(formatDate('2025-02-04', 'ar-DZ', 'latn')).toBe('4 فيفري 2025');
  });

  it('formats English day month year (bare en is en-GB); en-US keeps its own order', () => {
    expect(formatDate('2025-02-04', 'en', 'latn')).toBe('4 February 2025');
    expect(formatDate('2025-02-04', 'en-US', 'latn')).toBe('February 4, 2025');
    expect(formattingLocale('en')).toBe('en-GB');
    expect(formattingLocale('ar-iq')).toBe('ar-IQ');
  });

  it('uses Arabic-Indic digits for arab and Western digits for latn, whatever the locale default', () => {
    expect(formatDate('2025-02-04', 'ar', 'arab')).toBe('٤ فبراير ٢٠٢٥');
    expect(formatDate('2025-02-04', 'ar-IQ', 'arab')).toBe('٤ شباط ٢٠٢٥');
    // ar-EG and ar-SA default to arab digits in ICU; latn must still give 0-9
    expect(formatDate('2025-02-04', 'ar-EG', 'latn')).toBe('4 فبراير 2025');
    expect(formatDate('2025-02-04', 'ar-SA', 'latn')).toBe('4 فبراير 2025');
    expect(formatDate('2025-02-04', 'ar-SA', 'arab')).toBe('٤ فبراير ٢٠٢٥');
  });

  it('never shifts the day (UTC), including the first and last day of a year', () => {
    expect(formatDate('2025-01-01', 'en', 'latn')).toBe('1 January 2025');
    expect(formatDate('2024-12-31', 'en', 'latn')).toBe('31 December 2024');
    expect(formatDate('2024-02-29', 'ar', 'latn')).toBe('29 فبراير 2024');
  });

  it('accepts an ISO date-time and uses its written calendar date', () => {
    expect(formatDate('2025-02-04T23:30:00Z', 'en', 'latn')).toBe('4 February 2025');
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => parseIsoDate('2025-2-4')).toThrow(RangeError);
    expect(() => parseIsoDate('2025-02-30')).toThrow(/not a valid calendar date/);
    expect(() => formatDate('4 February 2025', 'en', 'latn')).toThrow(/YYYY-MM-DD/);
    expect(() => formatDate('2025-02-04', 'not a tag!', 'latn')).toThrow(/invalid language tag/);
  });

  it('never contains bidi marks and always shows the day and year in the chosen digits (property)', () => {
    const langs = fc.constantFrom('ar', 'ar-IQ', 'ar-EG', 'ar-SA', 'ar-MA', 'en', 'en-US', 'fr');
    const date = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true });
    fc.assert(
      fc.property(date, langs, fc.constantFrom('latn' as const, 'arab' as const), (d, lang, digits) => {
        const iso = d.toISOString().slice(0, 10);
        const out = formatDate(iso, lang, digits);
        expect(out).not.toMatch(BIDI_MARKS);
        expect(out).toContain(toDigits(String(d.getUTCFullYear()), digits));
        expect(out).toContain(toDigits(String(d.getUTCDate()), digits));
        expect(out).not.toMatch(digits === 'arab' ? /[0-9]/ : /[\u0660-\u0669]/);
      }),
    );
  });
});

describe('formatYearMonth', () => {
  it('formats a year and month', () => {
    expect(formatYearMonth('2018-10', 'ar', 'latn')).toBe('أكتوبر 2018');
    expect(formatYearMonth('2018-10', 'ar-IQ', 'latn')).toBe('تشرين الأول 2018');
    expect(formatYearMonth('2018-10', 'en', 'latn')).toBe('October 2018');
    expect(formatYearMonth('2018-10', 'ar', 'arab')).toBe('أكتوبر ٢٠١٨');
  });

  it('formats a full date like formatDate', () => {
    expect(formatYearMonth('2018-10-05', 'ar', 'latn')).toBe('5 أكتوبر 2018');
    expect(formatYearMonth('2018-10-05', 'en', 'latn')).toBe('5 October 2018');
  });

  it('rejects anything else', () => {
    expect(() => formatYearMonth('2018', 'en', 'latn')).toThrow(RangeError);
    expect(() => formatYearMonth('2018-13', 'en', 'latn')).toThrow(RangeError);
  });
});

describe('formatDateRange', () => {
  it('joins days of one month with an unspaced en dash', () => {
    expect(formatDateRange('2025-02-04', '2025-02-05', 'ar', 'latn')).toBe('4\u20135 فبراير 2025');
    expect(formatDateRange('2025-02-04', '2025-02-05', 'ar-IQ', 'latn')).toBe('4–5 شباط 2025');
    expect(formatDateRange('2025-02-04', '2025-02-05', 'ar', 'arab')).toBe('٤–٥ فبراير ٢٠٢٥');
    expect(formatDateRange('2025-02-04', '2025-02-05', 'en', 'latn')).toBe('4–5 February 2025');
    expect(formatDateRange('2025-02-04', '2025-02-05', 'en-US', 'latn')).toBe('February 4–5, 2025');
  });

  it('spaces the en dash with ordinary spaces between larger parts', () => {
    expect(formatDateRange('2025-02-04', '2025-03-03', 'ar', 'latn')).toBe('4 فبراير – 3 مارس 2025');
    expect(formatDateRange('2025-02-04', '2026-01-02', 'ar', 'latn')).toBe('4 فبراير 2025 – 2 يناير 2026');
    expect(formatDateRange('2025-02-04', '2025-03-03', 'ar-IQ', 'arab')).toBe('٤ شباط – ٣ آذار ٢٠٢٥');
    // ICU puts U+2009 THIN SPACE around the dash in English; we use ordinary spaces
    expect(formatDateRange('2025-02-04', '2025-03-03', 'en', 'latn')).toBe('4 February – 3 March 2025');
    expect(formatDateRange('2025-12-30', '2026-01-02', 'en', 'latn')).toBe('30 December 2025 – 2 January 2026');
  });

  it('is a single date without an end or for the same day', () => {
    expect(formatDateRange('2025-02-04', undefined, 'ar', 'latn')).toBe('4 فبراير 2025');
    expect(formatDateRange('2025-02-04', null, 'ar', 'latn')).toBe('4 فبراير 2025');
    expect(formatDateRange('2025-02-04', '2025-02-04', 'en', 'latn')).toBe('4 February 2025');
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => formatDateRange('2025-02-05', '2025-02-04', 'en', 'latn')).toThrow(/before it starts/);
  });

  it('never contains bidi marks or thin spaces, and always has an en dash (property)', () => {
    const day = fc.integer({ min: 0, max: 800 });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 400 }), fc.constantFrom('ar', 'ar-IQ', 'en', 'en-US'), fc.constantFrom('latn' as const, 'arab' as const), (offset, length, lang, digits) => {
        const start = new Date(Date.UTC(2024, 0, 1) + offset * 86400000);
        const end = new Date(start.getTime() + length * 86400000);
        const out = formatDateRange(start.toISOString().slice(0, 10), end.toISOString().slice(0, 10), lang, digits);
        expect(out).not.toMatch(BIDI_MARKS);
        expect(out).not.toMatch(/[\u2009\u202F]/);
        expect(out).toContain('–');
      }),
    );
  });
});

describe('formatNumber', () => {
  it('formats with the digit style', () => {
    expect(formatNumber(12345.5, 'ar', 'latn')).toBe('12,345.5');
    expect(formatNumber(12345.5, 'ar', 'arab')).toBe('١٢٬٣٤٥٫٥');
    expect(formatNumber(5, 'ar-EG', 'latn')).toBe('5');
    expect(formatNumber(5, 'en', 'arab')).toBe('٥');
    expect(formatNumber(1000, 'en', 'latn')).toBe('1,000');
  });

  it('keeps the marks ICU puts before a minus sign in Arabic', () => {
    expect(formatNumber(-5, 'ar', 'latn')).toBe('\u200E-5');
    expect(formatNumber(-5, 'ar', 'arab')).toBe('\u061C-٥');
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatNumber(Number.NaN, 'en', 'latn')).toThrow(RangeError);
  });
});

describe('formatList', () => {
  const labels = loadLabels();
  const ar = listWords(labels, 'ar');
  const arIQ = listWords(labels, 'ar-IQ');

  it('joins Arabic with the Arabic comma and «و» attached to the last item', () => {
    expect(formatList(['أ', 'ب', 'ج'], 'conjunction', 'ar', ar)).toBe('أ، ب، وج');
    expect(formatList(['أ', 'ب'], 'conjunction', 'ar', ar)).toBe('أ وب');
    expect(formatList(['أ'], 'conjunction', 'ar', ar)).toBe('أ');
    expect(formatList([], 'conjunction', 'ar', ar)).toBe('');
    expect(formatList(['الأمن', 'التدريب', 'الإصلاح', 'الحوكمة'], 'conjunction', 'ar-IQ', arIQ)).toBe('الأمن، التدريب، الإصلاح، والحوكمة');
  });

  it('uses «أو» as a word for Arabic disjunctions, and ICU for unit lists', () => {
    expect(formatList(['أ', 'ب', 'ج'], 'disjunction', 'ar', ar)).toBe('أ، ب، أو ج');
    expect(formatList(['أ', 'ب'], 'disjunction', 'ar', ar)).toBe('أ أو ب');
    expect(formatList(['أ', 'ب', 'ج'], 'unit', 'ar', ar)).toBe('أ، وب، وج');
  });

  it('joins English the en-GB way (en-US keeps the serial comma)', () => {
    expect(formatList(['A', 'B', 'C'], 'conjunction', 'en')).toBe('A, B and C');
    expect(formatList(['A', 'B'], 'conjunction', 'en')).toBe('A and B');
    expect(formatList(['A', 'B', 'C'], 'disjunction', 'en')).toBe('A, B or C');
    expect(formatList(['A', 'B', 'C'], 'conjunction', 'en-US')).toBe('A, B, and C');
  });

  it('Hebrew «ו» attached to a Hebrew item even when the items are bidi isolates (was «ו-המצב»)', () => {
    const fsi = (s: string) => `\u2068${s}\u2069`;
    expect(formatList([fsi('השותפות'), fsi('המצב')], 'conjunction', 'he')).toBe(`${fsi('השותפות')} ו${fsi('המצב')}`);
    // before a Latin word or a number the hyphen stays, as the Academy of the Hebrew Language writes it
    expect(formatList([fsi('המצב'), fsi('NATO')], 'conjunction', 'he')).toBe(`${fsi('המצב')} ו-${fsi('NATO')}`);
  });

  it('keeps every item, in order (property)', () => {
    const item = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[،,]/.test(s));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.constantFrom('ar', 'en'), (items, lang) => {
        const out = formatList(items, 'conjunction', lang);
        let at = 0;
        for (const it of items) {
          const found = out.indexOf(it, at);
          expect(found).toBeGreaterThanOrEqual(at);
          at = found + it.length;
        }
      }),
    );
  });
});

describe('toDigits', () => {
  it('converts Western digits to Arabic-Indic for arab, back for latn', () => {
    expect(toDigits('2025', 'arab')).toBe('٢٠٢٥');
    expect(toDigits('page 1 of 10', 'arab')).toBe('page ١ of ١٠');
    expect(toDigits('٢٠٢٥', 'latn')).toBe('2025');
    expect(toDigits('2025', 'latn')).toBe('2025');
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const western = toDigits(s, 'latn');
        expect(toDigits(toDigits(western, 'arab'), 'latn')).toBe(western);
        expect(toDigits(western, 'arab')).not.toMatch(/[0-9]/);
      }),
    );
  });
});
