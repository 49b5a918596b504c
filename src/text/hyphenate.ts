/**
 * Hyphenation of Latin-script words: Liang's patterns (the ones TeX uses) through the `hyphen` package, by
 * the language of the text. Only Latin script is hyphenated: Arabic script is never broken inside a word (its
 * lines are filled with kashida instead), and a language without patterns is simply not hyphenated.
 */
import { noMemo, type Memo } from '../renderCache.js';
import { createRequire } from 'node:module';

/** Where words may be hyphenated. */
export interface Hyphenator {
  /** Offsets inside `word` (1 … length − 1) before which a hyphen may break it, for language `lang`. */
  points(word: string, lang: string): number[];
}

/** TeX's \lefthyphenmin and \righthyphenmin: at least two letters before a hyphen and three after it. */
export const LEFT_HYPHEN_MIN = 2;
export const RIGHT_HYPHEN_MIN = 3;

const SOFT_HYPHEN = '\u00ad';
const TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
const require = createRequire(import.meta.url);

type Hyphenate = (text: string) => string;

/** The `hyphen` package's patterns, loaded the first time a language is asked for; results kept per word. */
export class PatternHyphenator implements Hyphenator {
  private readonly byLanguage = new Map<string, Hyphenate | undefined>();

  /** `words`: hyphenation points kept by language and word (the renderer's cache); absent, each is found afresh. */
  constructor(private readonly words: Memo<number[]> = noMemo()) {}

  points(word: string, lang: string): number[] {
    if (word.length < LEFT_HYPHEN_MIN + RIGHT_HYPHEN_MIN) return [];
    const hyphenate = this.patternsFor(lang);
    if (!hyphenate) return [];
    return this.words.get(`${lang}\u0000${word}`, () => {
      const points: number[] = [];
      let offset = 0;
      for (const char of hyphenate(word)) {
        if (char === SOFT_HYPHEN) points.push(offset);
        else offset += char.length;
      }
      return points.filter((p) => p >= LEFT_HYPHEN_MIN && p <= word.length - RIGHT_HYPHEN_MIN);
    });
  }

  /** `hyphen/<tag>` for the whole tag (`en-gb`, `de-ch-1901`), else for its primary language (`fr-CA` → `fr`). */
  private patternsFor(lang: string): Hyphenate | undefined {
    const tag = lang.toLowerCase();
    if (this.byLanguage.has(tag)) return this.byLanguage.get(tag);
    let found: Hyphenate | undefined;
    for (const candidate of [tag, tag.split('-')[0]!]) {
      if (!TAG.test(candidate)) continue;
      try {
        found = (require(`hyphen/${candidate}`) as { hyphenateSync: Hyphenate }).hyphenateSync;
        break;
      } catch {
        // no patterns under this name
      }
    }
    this.byLanguage.set(tag, found);
    return found;
  }
}

/** A word of Latin letters (and the marks on them) inside a paragraph: what patterns are asked about. */
const LATIN_WORD = /(?:\p{Script=Latin}\p{M}*)+/gu;

/**
 * Hyphenation points of `text[start, end)` (logical offsets), for the words of Latin script only; `langAt`
 * gives the language of the character at an offset.
 */
export function hyphenationPoints(text: string, start: number, end: number, langAt: (offset: number) => string, hyphenator: Hyphenator): number[] {
  const points: number[] = [];
  const span = text.slice(start, end);
  for (const match of span.matchAll(LATIN_WORD)) {
    const wordStart = start + match.index!;
    // A word glued to other letters or digits (`NATO2025`, `co-operate`'s halves) is left whole.
    const before = text[wordStart - 1];
    const after = text[wordStart + match[0].length];
    if ((before && /[\p{L}\p{N}\-\u2010]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
    for (const point of hyphenator.points(match[0], langAt(wordStart))) points.push(wordStart + point);
  }
  return points;
}
