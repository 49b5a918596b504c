/**
 * Locale-aware formatting of dates, numbers and lists for the templates. Pure functions over `Intl` (ICU); every
 * function takes the briefing's language (BCP 47) and digit style and never depends on the host's locale or time zone.
 *
 * Decisions (checked against Node 20's ICU, see test/template/format.test.ts):
 *  - Month names follow the tag, as CLDR defines them: `ar` → فبراير, `ar-IQ`/`ar-SY`/`ar-LB`/`ar-JO` → شباط,
 *    `ar-DZ`/`ar-TN` → فيفري. We do not override ICU here.
 *  - The numbering system is always passed explicitly: `latn` gives Western digits even for locales whose default is
 *    Arabic-Indic (`ar`, `ar-EG`, `ar-SA`…), `arab` gives U+0660–U+0669.
 *  - A bare `en` (no region) formats as `en-GB` (day month year, `4 February 2025`, `A, B and C`), the convention of
 *    diplomatic briefings; `en-US` and every other explicit region are honoured as given.
 *  - Dates are built with `timeZone: 'UTC'` from the calendar date written in the data, so the day never shifts.
 *  - Bidi marks: ICU emits none in the long date and range patterns we use (ar, ar-IQ, en), but some ICU builds put
 *    U+200F RLM / U+200E LRM / U+061C ALM into Arabic date patterns. Every part of our date patterns is either an
 *    Arabic word or a number separated from the next number by a word or an en dash (a neutral that resolves to the
 *    paragraph direction between two numbers), so the marks are never needed: date strings are returned without them.
 *    Numbers keep what ICU gives (U+200E LRM before `-` for `ar`+latn, U+061C ALM for arab digits: they keep the minus
 *    sign on the correct side in right-to-left text), positive numbers carry no mark.
 *  - Ranges: the separator is an en dash U+2013. Between two day numbers it is unspaced (`4–5 فبراير 2025`,
 *    `4–5 February 2025`); between larger parts it is spaced with ordinary spaces (`4 فبراير – 3 مارس 2025`). ICU's
 *    English patterns use U+2009 THIN SPACE around the dash, which we replace so every locale behaves alike and the line
 *    breaker sees ordinary spaces.
 *  - Arabic lists use the Arabic comma U+060C between items and attach the conjunction «و» to the last item, with a
 *    comma before it as well: `أ، ب، وج` (two items: `أ وب`). ICU's own `ar` conjunction pattern is `أ وب وج` (no
 *    commas); the comma-separated form is what Arabic editors write for lists of phrases (topics, objectives), where the
 *    comma marks where one item ends. Disjunction: `أ، ب، أو ج` («أو» is a separate word). The `unit` type keeps ICU's
 *    pattern, which already uses the Arabic comma: `أ، وب، وج`.
 */

import type { DigitStyle } from '../data/types.js';

export type ListType = 'conjunction' | 'disjunction' | 'unit';

const BIDI_MARKS = /[\u200E\u200F\u061C]/g;
const THIN_SPACES = /[\u2009\u202F]/g;
const EN_DASH = '\u2013';

/** The locale actually used for `lang`: canonical form; a bare `en` becomes `en-GB`. Throws RangeError for a bad tag. */
export function formattingLocale(lang: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang);
  } catch {
    throw new RangeError(`invalid language tag "${lang}"`);
  }
  if (locale.language === 'en' && !locale.region) locale = new Intl.Locale(locale.toString(), { region: 'GB' });
  return locale.toString();
}

/** The primary language subtag of a tag, lower-case (`ar-IQ` → `ar`). */
export function primaryLanguage(lang: string): string {
  try {
    return new Intl.Locale(lang).language;
  } catch {
    return lang.split(/[-_]/)[0]!.toLowerCase();
  }
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function checkDigits(digits: DigitStyle): DigitStyle {
  if (digits !== 'latn' && digits !== 'arab') throw new RangeError(`unknown digit style "${String(digits)}" (expected latn or arab)`);
  return digits;
}

function dateFormat(lang: string, digits: DigitStyle, withDay: boolean): Intl.DateTimeFormat {
  const locale = formattingLocale(lang);
  checkDigits(digits);
  return cached(`date|${locale}|${digits}|${withDay}`, () =>
    new Intl.DateTimeFormat(locale, {
      ...(withDay ? { day: 'numeric' } : {}),
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
      calendar: 'gregory',
      numberingSystem: digits,
    }),
  );
}

/**
 * Parses `YYYY-MM-DD` (or an ISO date-time `YYYY-MM-DDThh:mm…`, of which only the written calendar date is used)
 * into a UTC midnight Date. Throws RangeError for anything else or an impossible date.
 */
export function parseIsoDate(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got "${value}"`);
  return utcDate(Number(m[1]), Number(m[2]), Number(m[3]), value);
}

function utcDate(year: number, month: number, day: number, original: string): Date {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`"${original}" is not a valid calendar date`);
  }
  return date;
}

function cleanDate(text: string): string {
  return text.replace(BIDI_MARKS, '').replace(THIN_SPACES, ' ');
}

/** `2025-02-04` → `4 فبراير 2025` (ar), `4 شباط 2025` (ar-IQ), `4 February 2025` (en); `arab` → `٤ فبراير ٢٠٢٥`. */
export function formatDate(iso: string, lang: string, digits: DigitStyle): string {
  return cleanDate(dateFormat(lang, digits, true).format(parseIsoDate(iso)));
}

/** `2018-10` → `أكتوبر 2018` / `October 2018`; a full date `YYYY-MM-DD` formats as {@link formatDate}. */
export function formatYearMonth(value: string, lang: string, digits: DigitStyle): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value, lang, digits);
    throw new RangeError(`expected a year and month YYYY-MM or a date YYYY-MM-DD, got "${value}"`);
  }
  return cleanDate(dateFormat(lang, digits, false).format(utcDate(Number(m[1]), Number(m[2]), 1, value)));
}

/**
 * `2025-02-04`…`2025-02-05` → `4–5 فبراير 2025` / `4–5 February 2025`; across months `4 فبراير – 3 مارس 2025`; across
 * years `4 فبراير 2025 – 2 يناير 2026`. No `to`, or the same day, gives {@link formatDate}. Throws RangeError when `to`
 * is before `from`.
 */
export function formatDateRange(from: string, to: string | null | undefined, lang: string, digits: DigitStyle): string {
  const start = parseIsoDate(from);
  if (to === undefined || to === null || to === '') return formatDate(from, lang, digits);
  const end = parseIsoDate(to);
  if (end.getTime() === start.getTime()) return formatDate(from, lang, digits);
  if (end.getTime() < start.getTime()) throw new RangeError(`date range ends (${to}) before it starts (${from})`);
  const parts = dateFormat(lang, digits, true).formatRangeToParts(start, end);
  const lastStart = findLastIndex(parts, (p) => p.source === 'startRange');
  const firstEnd = parts.findIndex((p) => p.source === 'endRange');
  const separator = parts[lastStart + 1];
  if (lastStart >= 0 && firstEnd === lastStart + 2 && separator && separator.type === 'literal' && /^\s*[\u2013-]\s*$/.test(separator.value)) {
    const tight = parts[lastStart]!.type === 'day' && parts[firstEnd]!.type === 'day';
    const text = parts.map((p, i) => (i === lastStart + 1 ? (tight ? EN_DASH : ` ${EN_DASH} `) : p.value)).join('');
    return cleanDate(text);
  }
  return cleanDate(parts.map((p) => p.value).join(''));
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** A number in the language's conventions with the given digits: `12,345.5` / `١٢٬٣٤٥٫٥`. */
export function formatNumber(n: number, lang: string, digits: DigitStyle): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`expected a finite number, got ${String(n)}`);
  const locale = formattingLocale(lang);
  checkDigits(digits);
  return cached(`number|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { numberingSystem: digits })).format(n);
}

const ARABIC_COMMA = '\u060C';

/**
 * Joins items as a list in the language: `A, B and C` (en), `أ، ب، وج` (ar, see the header for the Arabic form).
 * Items are used as given (they may be bidi isolates); an empty list gives ''.
 */
export function formatList(items: readonly string[], type: ListType, lang: string): string {
  if (type !== 'conjunction' && type !== 'disjunction' && type !== 'unit') {
    throw new RangeError(`unknown list type "${String(type)}" (expected conjunction, disjunction or unit)`);
  }
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (primaryLanguage(lang) === 'ar' && type !== 'unit') {
    const last = items[items.length - 1]!;
    const init = items.slice(0, -1);
    const joiner = type === 'conjunction' ? 'و' : 'أو ';
    if (items.length === 2) return `${init[0]} ${joiner}${last}`;
    return `${init.join(`${ARABIC_COMMA} `)}${ARABIC_COMMA} ${joiner}${last}`;
  }
  const locale = formattingLocale(lang);
  return cached(`list|${locale}|${type}`, () => new Intl.ListFormat(locale, { type, style: 'long' })).format(items);
}

/** Converts digits to the style: `arab` turns 0–9 into U+0660–U+0669, `latn` turns U+0660–U+0669 into 0–9. */
export function toDigits(s: string, digits: DigitStyle): string {
  checkDigits(digits);
  if (digits === 'arab') return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + d.charCodeAt(0) - 48));
  return s.replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(48 + d.charCodeAt(0) - 0x0660));
}
