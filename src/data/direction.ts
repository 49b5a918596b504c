/** Writing direction of a language tag. */

/** Primary language subtags written right to left. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Script subtags (ISO 15924) written right to left; an explicit script wins over the language (`az-Arab`). */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

/**
 * True for tags whose primary subtag is ar, fa, ur, he, ps, sd, ug, yi, dv or ckb (case-insensitive: `AR-iq`).
 * A script subtag overrides the language: `ar-Latn` is left to right, `az-Arab` right to left.
 */
export function isRightToLeft(lang: string): boolean {
  const subtags = lang.toLowerCase().split(/[-_]/);
  const script = subtags.slice(1).find((subtag) => /^[a-z]{4}$/.test(subtag));
  if (script !== undefined) return RTL_SCRIPTS.has(script);
  return RTL_LANGUAGES.has(subtags[0] ?? '');
}
