/**
 * Kashida: where an Arabic word may be elongated, and how much elongation a justified line gives each word.
 *
 * The place in a word follows the classic priority list (the one Internet Explorer 5.5 introduced, as
 * LibreOffice implements it in i18nutil/source/utility/kashida.cxx, and as the W3C's Arabic & Persian Layout
 * Requirements describe for Naskh): one place per word, the best rule wins, on a tie the place nearer the end
 * of the word. A place is only taken where HarfBuzz says a tatweel can go without breaking the shaping
 * (SAFE_TO_INSERT_TATWEEL: the letters on both sides join, no ligature or contextual lookup spans it), which
 * also rules out a place inside lam-alef or next to a ZWNJ; those are checked here as well, as LibreOffice does.
 *
 * Nastaliq is never elongated this way: its words slope down to the baseline and its elongation rules differ
 * (see `isNastaliq`); such text is justified with spaces only.
 */
import { TATWEEL, ZWNJ, isBehLike, isYehLike, joiningGroup } from './arabicLetters.js';
import { usesNastaliq } from '../language/locale.js';
import type { FontFaceRef } from './types.js';

/** The rules, best first; a point's `priority` is its index here. */
export const KASHIDA_RULES = [
  'after a typed tatweel',
  'after an initial or medial Seen or Sad',
  'before a final Teh Marbuta, Heh or Dal',
  'before a final Alef, Tah, Lam, Kaf or Gaf',
  'before a medial Beh-like letter followed by Reh, Yeh or Alef Maksura',
  'before a final Waw, Ain, Qaf or Feh',
  'before any other final joining letter',
] as const;

/** Where one word is elongated. */
export interface KashidaPoint {
  /**
   * Logical offset the tatweel goes before: right after the previous letter and its marks, so no mark is
   * separated from its letter or skipped over.
   */
  offset: number;
  /** Index of the rule in KASHIDA_RULES that chose the place (0 is best). */
  priority: number;
}

/** Letters and marks of an Arabic word (the tatweel and the joiners belong to the word). */
const WORD_CHAR = /[\p{scx=Arabic}\u200c\u200d]/u;
const ARABIC_LETTER = /[\p{L}\u0640\u200c\u200d]/u;
/** Joining type T (transparent): the marks sit on a letter and do not take part in joining. */
const TRANSPARENT = /[\p{Mn}\p{Me}]/u;

/** Per UTF-16 unit, what it is to a word: asked for every character of every justified line, so looked up once. */
const enum CharKind {
  Unknown,
  Other,
  Letter,
  Mark,
}
const kinds = new Uint8Array(0x10000);

function kindOf(text: string, i: number): CharKind {
  const code = text.charCodeAt(i);
  let kind: CharKind = kinds[code]!;
  if (kind === CharKind.Unknown) {
    const char = String.fromCharCode(code);
    kind = !WORD_CHAR.test(char) ? CharKind.Other : TRANSPARENT.test(char) ? CharKind.Mark : ARABIC_LETTER.test(char) ? CharKind.Letter : CharKind.Other;
    kinds[code] = kind;
  }
  return kind;
}

/**
 * One point per Arabic word of [start, end) that has one. `safeBefore(offset)` tells whether the shaper lets a
 * tatweel go before that offset.
 */
export function kashidaPoints(text: string, start: number, end: number, safeBefore: (offset: number) => boolean): KashidaPoint[] {
  const points: KashidaPoint[] = [];
  let i = start;
  while (i < end) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && isWordChar(text, j)) j++;
    const point = wordKashidaPoint(text, i, j, safeBefore);
    if (point) points.push(point);
    i = j;
  }
  return points;
}

function isWordChar(text: string, i: number): boolean {
  return kindOf(text, i) >= CharKind.Letter;
}

/** The place of the elongation in the word [start, end) (letters and marks only), by the priority list. */
export function wordKashidaPoint(text: string, start: number, end: number, safeBefore: (offset: number) => boolean): KashidaPoint | undefined {
  // The letters in order; marks (joining type T) are skipped, so trailing harakat do not hide the final letter.
  const letters: number[] = [];
  for (let i = start; i < end; i++) if (kindOf(text, i) !== CharKind.Mark) letters.push(i);
  let best: KashidaPoint | undefined;
  const take = (offset: number, priority: number) => {
    // `<=`: of two places found by the same rule, the one nearer the end of the word.
    if (!best || priority <= best.priority) best = { offset, priority };
  };
  letters.forEach((at, k) => {
    const char = text[at]!;
    // Rule 0: a tatweel the author typed is where the word is elongated, whatever else it holds.
    if (char === TATWEEL) {
      take(at, 0);
      return;
    }
    if (k === 0 || best?.priority === 0) return;
    const previous = text[letters[k - 1]!]!;
    const next = k + 1 < letters.length ? text[letters[k + 1]!]! : undefined;
    const final = next === undefined;
    const rule = ruleBefore(previous, char, next, final);
    if (rule === undefined) return;
    // LibreOffice's exclusions (kashida.cxx fnTryInsertBefore): never next to a ZWNJ (#i98410#); never before a
    // final Yeh unless after Seen or Sad (tdf#65344); never inside lam-alef (isLigature); and only where the
    // shaper can take it (tdf#163105's valid positions).
    if (previous === ZWNJ || char === ZWNJ) return;
    if (final && isYehLike(char) && rule !== 1) return;
    if (joiningGroup(previous) === 'LAM' && joiningGroup(char) === 'ALEF') return;
    if (!safeBefore(at)) return;
    take(at, rule);
  });
  return best;
}

/** The best rule that puts a tatweel between `previous` and `char`, if any (rules 1–6). */
function ruleBefore(previous: string, char: string, next: string | undefined, final: boolean): number | undefined {
  const before = joiningGroup(previous);
  const group = joiningGroup(char);
  // 1: after an initial or medial Seen or Sad (it is followed by a letter, so it is not final).
  if (before === 'SEEN' || before === 'SAD') return 1;
  // 2: before the final form of Teh Marbuta, Dal (right-joining: final wherever they join), Heh (word end).
  if (group === 'TEH_MARBUTA' || group === 'DAL' || (group === 'HEH' && final)) return 2;
  // 3: before the final form of Alef (right-joining), Tah, Lam, Kaf, Gaf (word end).
  if (group === 'ALEF' || (final && (group === 'TAH' || group === 'LAM' || group === 'KAF' || group === 'GAF'))) return 3;
  // 4: before a medial Beh-like letter followed by Reh or a Yeh-like letter (Yeh, Alef Maksura).
  if (!final && isBehLike(char) && next !== undefined && (joiningGroup(next) === 'REH' || isYehLike(next))) return 4;
  // 5: before the final form of Waw (right-joining), Ain, Qaf, Feh (word end).
  if (group === 'WAW' || (final && (group === 'AIN' || group === 'QAF' || group === 'FEH'))) return 5;
  // 6: before the final form of any other letter: Reh and Zain (right-joining), any letter at the word's end.
  if (group === 'REH' || final) return 6;
  return undefined;
}

/**
 * Is this text set in Nastaliq? By the font (a face whose name says Nastaliq, e.g. Noto Nastaliq Urdu) or by
 * the language (Urdu is written in Nastaliq). Nastaliq is justified with spaces only.
 */
export function isNastaliq(face: FontFaceRef, lang: string): boolean {
  return /nastaliq/i.test(face.key) || usesNastaliq(lang);
}

/** A place a justified line can elongate, with the width one tatweel adds there. */
export interface ElongationSlot {
  offset: number;
  priority: number;
  /** Width of one tatweel at this place, in points. */
  tatweel: number;
}

/**
 * Tatweels per place so that they add at most `amount` points. Places are served best rule first, and on a
 * tie nearer the end of the line, one tatweel each in turn, so the elongation is spread over many words
 * rather than piled on one; no place gets more than `maxPerPlace`.
 */
export function distributeElongation(slots: readonly ElongationSlot[], amount: number, maxPerPlace: number): Map<number, number> {
  const order = [...slots].sort((a, b) => a.priority - b.priority || b.offset - a.offset);
  const counts = new Map<number, number>();
  let left = amount;
  for (let round = 0; round < maxPerPlace; round++) {
    let added = false;
    for (const slot of order) {
      if (slot.tatweel <= 0 || slot.tatweel > left + 1e-9) continue;
      counts.set(slot.offset, (counts.get(slot.offset) ?? 0) + 1);
      left -= slot.tatweel;
      added = true;
    }
    if (!added) break;
  }
  return counts;
}

/**
 * `text` with `counts[offset]` tatweels inserted before each offset, and for each index of the result the
 * index of the original character it is (-1 for an inserted tatweel).
 */
export function insertTatweels(text: string, counts: ReadonlyMap<number, number>): { text: string; original: Int32Array } {
  const offsets = [...counts.keys()].sort((a, b) => a - b);
  const total = offsets.reduce((sum, offset) => sum + counts.get(offset)!, 0);
  const original = new Int32Array(text.length + total);
  let out = '';
  let from = 0;
  let k = 0;
  for (const offset of offsets) {
    out += text.slice(from, offset);
    for (let i = from; i < offset; i++) original[k++] = i;
    const n = counts.get(offset)!;
    out += TATWEEL.repeat(n);
    for (let i = 0; i < n; i++) original[k++] = -1;
    from = offset;
  }
  out += text.slice(from);
  for (let i = from; i < text.length; i++) original[k++] = i;
  return { text: out, original };
}
