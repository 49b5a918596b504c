/**
 * Unicode script of each character, resolved the way shapers itemize text: characters of the Common and
 * Inherited scripts (spaces, digits, punctuation, marks) take the script of the letters around them, so that
 * "2025" inside Arabic is shaped with the Arabic run's font and a haraka stays with its letter.
 */

/** ISO 15924 tags HarfBuzz understands; `Zyyy` is Common (no script of its own). */
export type ScriptTag = string;

const SCRIPTS: ReadonlyArray<readonly [ScriptTag, RegExp]> = [
  ['Arab', /\p{Script=Arabic}/u],
  ['Latn', /\p{Script=Latin}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Syrc', /\p{Script=Syriac}/u],
  ['Thaa', /\p{Script=Thaana}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Hira', /\p{Script=Hiragana}/u],
  ['Kana', /\p{Script=Katakana}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
];
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;

const COMMON_TAG: ScriptTag = 'Zyyy';

/** The script of one character, or `Zyyy` for Common/Inherited/unknown. */
export function scriptOf(char: string): ScriptTag {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return /[A-Za-z]/.test(char) ? 'Latn' : COMMON_TAG;
  if (COMMON.test(char)) return COMMON_TAG;
  for (const [tag, pattern] of SCRIPTS) if (pattern.test(char)) return tag;
  return COMMON_TAG;
}

const OPENING = /[\p{Ps}\p{Pi}]/u;

/**
 * Script per UTF-16 index of `text` (both halves of a surrogate pair get the same value). Common characters
 * take the script of the preceding letter, or of the following one at the start of the text; text with no
 * letters at all is `fallback` (the paragraph language's script). An opening bracket or quote belongs with
 * what it opens: from the first one in a stretch of Common characters on, the stretch takes the script of the
 * letter after it, so «…» around an Arabic word come from the Arabic font even after a Latin word.
 */
export function resolveScripts(text: string, fallback: ScriptTag): ScriptTag[] {
  const scripts = new Array<ScriptTag>(text.length);
  const common = new Array<boolean>(text.length);
  let last: ScriptTag | undefined;
  let firstKnown: ScriptTag | undefined;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const own = scriptOf(String.fromCodePoint(code));
    if (own !== COMMON_TAG) {
      last = own;
      firstKnown ??= own;
    }
    const resolved = own !== COMMON_TAG ? own : (last ?? COMMON_TAG);
    for (let k = 0; k < width; k++) {
      scripts[i + k] = resolved;
      common[i + k] = own === COMMON_TAG;
    }
    i += width;
  }
  for (let i = 0; i < text.length; ) {
    if (!common[i]) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && common[end]) end++;
    const next = end < text.length ? scripts[end]! : undefined;
    if (next !== undefined) {
      let k = i;
      while (k < end && !OPENING.test(text[k]!)) k++;
      for (; k < end; k++) scripts[k] = next;
    }
    i = end;
  }
  const lead = firstKnown ?? fallback;
  for (let i = 0; i < scripts.length && scripts[i] === COMMON_TAG; i++) scripts[i] = lead;
  return scripts;
}
