/**
 * Facts about a language, in one place: which way it is written, in which script, with which digits and
 * calendars. Every answer comes from the locale data of the ICU that Node ships (CLDR), never from lists of
 * language codes kept by hand:
 *  - direction: `Intl.Locale#getTextInfo()` / `textInfo` (CLDR's `layout/orientation/characterOrder`) when ICU
 *    has data for the tag's language in its script; for a tag ICU has no data for (`dv`, `az-Arab`), the
 *    direction of its likely script (CLDR likely subtags through `Intl.Locale#maximize`), read from the
 *    Unicode bidi class of that script's letters. test/language/locale.test.ts checks the result against CLDR's
 *    own layout data (cldr-misc-full) for every locale CLDR has.
 *  - script: the likely script (`dv` → Thaa, `ckb` → Arab, `sd-Deva` → Deva).
 *  - digits: the numbering system named by the briefing's `digits` style (see {@link numberingSystemOf}).
 * Results are cached per tag; nothing here depends on the host's locale.
 */
import bidiModule from 'bidi-js';

// bidi-js ships CommonJS: under Node's ESM interop the default import is the factory (see src/text/bidi.ts).
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

/** ISO 15924 script tag, title case (`Arab`, `Hebr`, `Thaa`, `Latn`). */
export type ScriptTag = string;

export type TextDirection = 'ltr' | 'rtl';

/** The briefing's `digits` style: a numbering system, or `native`, the locale's own default. */
export type DigitStyle = 'latn' | 'arab' | 'arabext' | 'native';
export const DIGIT_STYLES: readonly DigitStyle[] = ['latn', 'arab', 'arabext', 'native'];

function locale(tag: string): Intl.Locale {
  try {
    return new Intl.Locale(tag);
  } catch {
    throw new RangeError(`invalid language tag "${tag}"`);
  }
}

function memo<T>(compute: (tag: string) => T): (tag: string) => T {
  const cache = new Map<string, T>();
  return (tag) => {
    let value = cache.get(tag);
    if (value === undefined && !cache.has(tag)) cache.set(tag, (value = compute(tag)));
    return value as T;
  };
}

/** The primary language subtag, lower case (`ar-IQ` → `ar`, `CKB` → `ckb`). */
export const primaryLanguage = memo((tag: string): string => locale(tag).language);

/** The script the tag is written in: its own script subtag, else CLDR's likely script (`dv` → `Thaa`). */
export const scriptOfLanguage = memo((tag: string): ScriptTag => locale(tag).maximize().script ?? 'Latn');

/**
 * Does ICU hold locale data for this tag's language in this tag's script? `az-Arab` resolves to `az`, which
 * ICU writes in Latin: no. `dv` resolves to the root locale: no.
 */
export const icuHasLocale = memo((tag: string): boolean => {
  const wanted = locale(tag).maximize();
  const resolved = new Intl.Locale(new Intl.DateTimeFormat(tag).resolvedOptions().locale).maximize();
  return resolved.language === wanted.language && resolved.script === wanted.script;
});

interface TextInfo {
  direction?: string;
}

/** ICU's direction of the locale (CLDR layout data), where this Node has the API. */
function icuDirection(tag: string): TextDirection | undefined {
  const l = locale(tag) as Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };
  const info = typeof l.getTextInfo === 'function' ? l.getTextInfo() : l.textInfo;
  return info?.direction === 'rtl' ? 'rtl' : info?.direction === 'ltr' ? 'ltr' : undefined;
}

/** The characters the scan for a script's letters covers: the BMP and the Supplementary Multilingual Plane. */
const LAST_SCANNED = 0x1ffff;

/**
 * The direction of a script from Unicode: the bidi class of its first letter (R or AL: right to left). Scanned
 * once per script, for the few tags ICU has no locale data for.
 */
export const directionOfScript = memo((script: ScriptTag): TextDirection => {
  let letter: RegExp;
  try {
    letter = new RegExp(`^(?=\\p{L})\\p{Script=${script}}$`, 'u');
  } catch {
    return 'ltr'; // not a Unicode script (Zyyy, a private-use tag): no letters, no direction of its own
  }
  for (let code = 0x41; code <= LAST_SCANNED; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    if (letter.test(char)) {
      const type = bidi.getBidiCharTypeName(char);
      return type === 'R' || type === 'AL' ? 'rtl' : 'ltr';
    }
  }
  return 'ltr';
});

/**
 * `rtl` for tags written right to left (`ar`, `fa`, `he`, `ckb`, `dv`, `az-Arab`), `ltr` otherwise
 * (`ar-Latn`, `en`). Throws RangeError for an invalid tag.
 */
export const textDirection = memo((tag: string): TextDirection => {
  const fromIcu = icuHasLocale(tag) ? icuDirection(tag) : undefined;
  return fromIcu ?? directionOfScript(scriptOfLanguage(tag));
});

/** True for tags written right to left; see {@link textDirection}. A tag that is not valid BCP 47 is false. */
export function isRightToLeft(tag: string): boolean {
  try {
    return textDirection(tag) === 'rtl';
  } catch {
    return false;
  }
}

/**
 * Languages whose Arabic script is written in Nastaliq by default (Urdu). Nastaliq's words slope to the
 * baseline and its elongation rules differ from Naskh's, so kashida justification leaves it alone (the theme
 * picks the Nastaliq face for them with a `ur-Arab` chain). Kept by hand: CLDR has no field for it.
 */
export function usesNastaliq(tag: string): boolean {
  try {
    return primaryLanguage(tag) === 'ur';
  } catch {
    return false;
  }
}

/**
 * Languages that write the Arabic script with the extended Arabic-Indic digits (U+06F0–U+06F9: ۴ ۵ ۶ differ
 * from the Arabic ٤ ٥ ٦), so that `digits: arab` in their briefings means these. ICU's default numbering system
 * does not say it for all of them (CLDR's default for `ur` is `latn`, for `sd` `arab`): this is the one fact
 * here that is kept by hand.
 */
const EXTENDED_ARABIC_DIGITS: ReadonlySet<string> = new Set(['fa', 'ur', 'ps', 'sd', 'ks']);

/** The locale's default numbering system in CLDR (`fa` → arabext, `ar-EG` → arab, `ar` → latn). */
export const defaultNumberingSystem = memo((tag: string): string => new Intl.NumberFormat(tag).resolvedOptions().numberingSystem);

/**
 * The ICU numbering system a digit style means in a language: `latn` 0–9; `arabext` ۰–۹; `arab` ٠–٩, or ۰–۹ in
 * Persian, Urdu, Pashto, Sindhi and Kashmiri; `native` the locale's CLDR default.
 */
export function numberingSystemOf(tag: string, digits: DigitStyle): string {
  switch (digits) {
    case 'latn':
    case 'arabext':
      return digits;
    case 'arab':
      return EXTENDED_ARABIC_DIGITS.has(primaryLanguage(tag)) ? 'arabext' : 'arab';
    case 'native':
      return defaultNumberingSystem(tag);
    default:
      throw new RangeError(`unknown digit style "${String(digits)}" (expected ${DIGIT_STYLES.join(', ')})`);
  }
}

/** The ten digits of a numbering system, 0 to 9 (`arabext` → ۰۱۲۳۴۵۶۷۸۹). */
export const digitsOfNumberingSystem = memo((system: string): readonly string[] => {
  const format = new Intl.NumberFormat('en', { numberingSystem: system, useGrouping: false });
  return Array.from({ length: 10 }, (_, d) => format.format(d));
});

/** The calendars ICU knows (`gregory`, `islamic-umalqura`, `persian`, `hebrew`, …), asked once: ICU builds a new list per call. */
let calendars: { list: readonly string[]; names: ReadonlySet<string> } | undefined;

function calendarsOfIcu(): { list: readonly string[]; names: ReadonlySet<string> } {
  if (!calendars) {
    const list = Object.freeze(Intl.supportedValuesOf('calendar'));
    calendars = { list, names: new Set(list) };
  }
  return calendars;
}

export function knownCalendars(): readonly string[] {
  return calendarsOfIcu().list;
}

export function isKnownCalendar(name: string): boolean {
  return calendarsOfIcu().names.has(name);
}
