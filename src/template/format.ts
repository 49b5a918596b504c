/**
 * Locale-aware formatting of dates, numbers and lists for the templates. Pure functions over `Intl` (ICU); every
 * function takes the briefing's language (BCP 47) and digit style and never depends on the host's locale or time zone.
 *
 * Decisions (checked against Node 20's ICU, see test/template/format.test.ts):
 *  - Month names follow the tag, as CLDR defines them: `ar` → فبراير, `ar-IQ`/`ar-SY`/`ar-LB`/`ar-JO` → شباط,
 *    `ar-DZ`/`ar-TN` → فيفري. We do not override ICU here.
 *  - The numbering system is always passed explicitly: `latn` gives Western digits even for locales whose default is
 *    Arabic-Indic (`ar-EG`, `ar-SA`…), `arab` gives U+0660–U+0669 (U+06F0–U+06F9 in Persian, Urdu, Pashto and Sindhi),
 *    `arabext` U+06F0–U+06F9, `native` the locale's CLDR default (src/language/locale.ts says which is which).
 *  - The calendar is always passed explicitly too (`gregory` by default): ICU would otherwise take the locale's
 *    (`fa` → persian, `ar-SA` → gregory in this ICU, islamic-umalqura in others). Dual dates (two calendars)
 *    show each date's era where ICU has it in the language's script (`هـ`, `م`), so the two cannot be confused.
 *  - A language ICU has no locale data for (Divehi) takes its month names and date pattern from the labels
 *    (`months`, `datePattern`) rather than ICU's root (English) data; only the Gregorian calendar then.
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
 *  - Lists: where the labels give list patterns for the language (`listAnd`, `listAndPair`, `listOr`, `listOrPair`,
 *    items separated by the `comma` label), they are used; otherwise ICU's. The labels give them for Arabic (ICU's
 *    `ar` pattern is `أ وب وج`, without the commas Arabic editors write between phrases: ours is `أ، ب، وج`, two
 *    items `أ وب`, disjunction `أ، ب، أو ج`), for Persian, Urdu, Pashto and Sindhi (no comma before the
 *    conjunction, as their editors write: `الف، ب و ج`; ICU's `الف، ب، و ج` has one) and for the languages whose
 *    ICU patterns are English (Sorani, Uyghur, Divehi). The `unit` type is always ICU's.
 */

import type { Memo } from '../renderCache.js';
import { stripBidiControls } from '../text/controls.js';
import {
  DIGIT_STYLES,
  digitsOfNumberingSystem,
  icuHasLocale,
  isKnownCalendar,
  knownCalendars,
  numberingSystemOf,
  scriptOfLanguage,
  type DigitStyle,
} from '../language/locale.js';

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

export { primaryLanguage } from '../language/locale.js';

/** How dates are written: the calendar (ICU name, `gregory` by default) and, for dual dates, the era. */
export interface DateOptions {
  calendar?: string;
  /** Show the era where ICU has it in the language's script (`م`, `هـ`); dual dates ask for it. */
  era?: boolean;
  /** Month names (12) and pattern (`{day} {month} {year}`) for a language ICU has no dates for, from the labels. */
  words?: DateWords;
  /** Keeps the ICU formatters between calls (the renderer's cache); absent: made for each call. */
  formats?: Memo<IntlFormat>;
}

export interface DateWords {
  months?: readonly string[];
  pattern?: string;
}

/** An ICU formatter: slow to make (tens of µs), made again only for another language, numbering or calendar. */
export type IntlFormat = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;

function cached<T extends IntlFormat>(formats: Memo<IntlFormat> | undefined, key: string, make: () => T): T {
  return formats ? (formats.get(key, make) as T) : make();
}

function checkDigits(digits: DigitStyle): DigitStyle {
  if (!DIGIT_STYLES.includes(digits)) throw new RangeError(`unknown digit style "${String(digits)}" (expected ${DIGIT_STYLES.join(', ')})`);
  return digits;
}

function checkCalendar(calendar: string): string {
  if (!isKnownCalendar(calendar)) throw new RangeError(`unknown calendar "${calendar}" (known: ${knownCalendars().join(', ')})`);
  return calendar;
}

function dateFormat(lang: string, digits: DigitStyle, withDay: boolean, options: DateOptions): Intl.DateTimeFormat {
  const locale = formattingLocale(lang);
  const numberingSystem = numberingSystemOf(lang, checkDigits(digits));
  const calendar = checkCalendar(options.calendar ?? 'gregory');
  const era = options.era === true;
  return cached(options.formats, `date|${locale}|${numberingSystem}|${withDay}|${calendar}|${era}`, () =>
    new Intl.DateTimeFormat(locale, {
      ...(withDay ? { day: 'numeric' } : {}),
      month: 'long',
      year: 'numeric',
      ...(era ? { era: 'short' } : {}),
      timeZone: 'UTC',
      calendar,
      numberingSystem,
    }),
  );
}

/**
 * The formatted parts, less an era ICU only has in another script than the language's (`hebrew` in `he` gives
 * the Latin «AM»): a mark the reader cannot read is worse than none.
 */
function withoutForeignEra(parts: Intl.DateTimeFormatPart[], lang: string): Intl.DateTimeFormatPart[] {
  const script = scriptOfLanguage(lang);
  const foreign = (part: Intl.DateTimeFormatPart) => {
    if (part.type !== 'era') return false;
    const letter = /\p{L}/u.exec(part.value)?.[0];
    return letter !== undefined && !new RegExp(`\\p{Script=${script}}`, 'u').test(letter);
  };
  const index = parts.findIndex(foreign);
  if (index < 0) return parts;
  const kept = parts.filter((_, i) => i !== index);
  // the literal (space) that separated the era from the rest goes with it
  const before = kept[index - 1];
  if (before?.type === 'literal' && /^\s+$/.test(before.value)) kept.splice(index - 1, 1);
  else if (kept[index]?.type === 'literal' && /^\s+$/.test(kept[index]!.value)) kept.splice(index, 1);
  return kept;
}

function formatParts(format: Intl.DateTimeFormat, date: Date, lang: string): string {
  return withoutForeignEra(format.formatToParts(date), lang)
    .map((p) => p.value)
    .join('');
}

/** A language ICU has no locale data for: a date from the labels' month names and pattern, Gregorian only. */
function labelDate(date: Date, lang: string, digits: DigitStyle, withDay: boolean, options: DateOptions, lastDay?: number): string | undefined {
  if (icuHasLocale(lang)) return undefined;
  const months = options.words?.months;
  if (!months || months.length !== 12) {
    throw new RangeError(`ICU has no month names for "${lang}": give them in the labels ("months": twelve names separated by |)`);
  }
  if ((options.calendar ?? 'gregory') !== 'gregory') {
    throw new RangeError(`ICU has no dates for "${lang}": only the gregory calendar can be written (from the labels' month names)`);
  }
  const pattern = withDay ? (options.words?.pattern ?? '{day} {month} {year}') : '{month} {year}';
  const number = (n: number) => toDigits(String(n), digits, lang);
  return pattern
    .replace('{day}', lastDay === undefined ? number(date.getUTCDate()) : `${number(date.getUTCDate())}${EN_DASH}${number(lastDay)}`)
    .replace('{month}', months[date.getUTCMonth()]!)
    .replace('{year}', number(date.getUTCFullYear()));
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
export function formatDate(iso: string, lang: string, digits: DigitStyle, options: DateOptions = {}): string {
  const date = parseIsoDate(iso);
  return labelDate(date, lang, digits, true, options) ?? cleanDate(formatParts(dateFormat(lang, digits, true, options), date, lang));
}

/** `2018-10` → `أكتوبر 2018` / `October 2018`; a full date `YYYY-MM-DD` formats as {@link formatDate}. */
export function formatYearMonth(value: string, lang: string, digits: DigitStyle, options: DateOptions = {}): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value, lang, digits, options);
    throw new RangeError(`expected a year and month YYYY-MM or a date YYYY-MM-DD, got "${value}"`);
  }
  const date = utcDate(Number(m[1]), Number(m[2]), 1, value);
  return labelDate(date, lang, digits, false, options) ?? cleanDate(formatParts(dateFormat(lang, digits, false, options), date, lang));
}

/**
 * `2025-02-04`…`2025-02-05` → `4–5 فبراير 2025` / `4–5 February 2025`; across months `4 فبراير – 3 مارس 2025`; across
 * years `4 فبراير 2025 – 2 يناير 2026`. No `to`, or the same day, gives {@link formatDate}. Throws RangeError when `to`
 * is before `from`.
 */
export function formatDateRange(from: string, to: string | null | undefined, lang: string, digits: DigitStyle, options: DateOptions = {}): string {
  const start = parseIsoDate(from);
  if (to === undefined || to === null || to === '') return formatDate(from, lang, digits, options);
  const end = parseIsoDate(to);
  if (end.getTime() === start.getTime()) return formatDate(from, lang, digits, options);
  if (end.getTime() < start.getTime()) throw new RangeError(`date range ends (${to}) before it starts (${from})`);
  const fromLabels = labelDate(start, lang, digits, true, options);
  if (fromLabels !== undefined) {
    // within one month the days share it, as ICU's ranges do: `4–5 ފެބްރުއަރީ 2025`
    const sameMonth = start.getUTCFullYear() === end.getUTCFullYear() && start.getUTCMonth() === end.getUTCMonth();
    if (sameMonth) return labelDate(start, lang, digits, true, options, end.getUTCDate())!;
    return `${fromLabels} ${EN_DASH} ${labelDate(end, lang, digits, true, options)!}`;
  }
  const parts = withoutForeignEra(dateFormat(lang, digits, true, options).formatRangeToParts(start, end), lang) as Intl.DateTimeRangeFormatPart[];
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
export function formatNumber(n: number, lang: string, digits: DigitStyle, formats?: Memo<IntlFormat>): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`expected a finite number, got ${String(n)}`);
  const locale = formattingLocale(lang);
  const numberingSystem = numberingSystemOf(lang, checkDigits(digits));
  return cached(formats, `number|${locale}|${numberingSystem}`, () => new Intl.NumberFormat(locale, { numberingSystem })).format(n);
}

/** List patterns from the labels (`{0}` the items before, `{1}` the last one); `separator` between the others. */
export interface ListWords {
  separator: string;
  and?: string;
  andPair?: string;
  or?: string;
  orPair?: string;
}

function applyPattern(pattern: string, first: string, second: string): string {
  return pattern.replace('{0}', () => first).replace('{1}', () => second);
}

/**
 * Joins items as a list in the language: `A, B and C` (en), `أ، ب، وج` (ar, see the header for the Arabic form).
 * Items are used as given (they may be bidi isolates); an empty list gives ''.
 */
export function formatList(items: readonly string[], type: ListType, lang: string, words?: ListWords, formats?: Memo<IntlFormat>): string {
  if (type !== 'conjunction' && type !== 'disjunction' && type !== 'unit') {
    throw new RangeError(`unknown list type "${String(type)}" (expected conjunction, disjunction or unit)`);
  }
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  const end = type === 'conjunction' ? words?.and : type === 'disjunction' ? words?.or : undefined;
  if (words && end !== undefined) {
    const pair = (type === 'conjunction' ? words.andPair : words.orPair) ?? end;
    const last = items[items.length - 1]!;
    if (items.length === 2) return applyPattern(pair, items[0]!, last);
    return applyPattern(end, items.slice(0, -1).join(words.separator), last);
  }
  const locale = formattingLocale(lang);
  const format = cached(formats, `list|${locale}|${type}`, () => new Intl.ListFormat(locale, { type, style: 'long' }));
  // ICU chooses a connector by the next item's first letter (Hebrew: «וחיפה» before a Hebrew word, «ו-NATO»
  // before anything else), so it must see the items without the bidi controls around them; the items are put
  // back as given.
  const parts = format.formatToParts(items.map(stripBidiControls));
  let next = 0;
  return parts.map((part) => (part.type === 'element' ? items[next++]! : part.value)).join('');
}

/**
 * Converts the decimal digits of `s` (0–9, ٠–٩, ۰–۹) to the style in `lang`: `toDigits('2025', 'arab', 'fa')` is
 * `۲۰۲۵`, `toDigits('٢٠٢٥', 'latn')` is `2025`.
 */
export function toDigits(s: string, digits: DigitStyle, lang = 'und'): string {
  const target = digitsOfNumberingSystem(numberingSystemOf(lang, checkDigits(digits)));
  return s.replace(/[0-9\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return target[code <= 0x39 ? code - 0x30 : code <= 0x0669 ? code - 0x0660 : code - 0x06f0]!;
  });
}
