/**
 * Kashida justification of one line: after the spaces have widened to their soft maximum, the rest of the
 * line's slack goes into elongations, one place per Arabic word (src/text/kashida.ts), by inserting tatweels
 * (U+0640) and shaping the word again. A tatweel changes the forms of the letters beside it (a final letter
 * becomes medial-joined, Amiri's `rlig` turns a run of tatweels into one stretched glyph), so the width is
 * measured on the reshaped glyphs, never added up from a table.
 *
 * The tatweels are not text: their glyphs are marked `elongation`, with the cluster of the letter they follow,
 * and the text layer gives them no characters (pdf.js and poppler read the words as the data has them).
 */
import { TATWEEL } from './arabicLetters.js';
import { distributeElongation, insertTatweels, isNastaliq, kashidaPoints, type ElongationSlot } from './kashida.js';
import type { ShapedGlyph, Shaper } from './shaper.js';
import { sliceWidth, type ShapedSlice } from './slices.js';

/**
 * Tatweels at one place at most. Three tatweels of Noto Naskh Arabic are about three spaces: enough to
 * fill a narrow column, short of the long swashes of display lettering that body text must not have.
 */
export const MAX_TATWEELS_PER_WORD = 3;

/** Does a slice take kashida? Arabic script, not Nastaliq, and its face has a tatweel. */
export function elongates(slice: ShapedSlice): boolean {
  const { item } = slice;
  return item.script === 'Arab' && item.face.covers(TATWEEL.codePointAt(0)!) && !isNastaliq(item.face, item.style.lang);
}

/** Width in points of one tatweel in the slice's face and size. */
export function tatweelWidth(slice: ShapedSlice, shaper: Shaper): number {
  const { item } = slice;
  const glyphs = shaper.shape({ text: TATWEEL, start: 0, end: 1, face: item.face, direction: 'rtl', script: 'Arab', lang: item.style.lang });
  return glyphs.reduce((sum, g) => sum + g.advance, 0) * slice.scale;
}

/** The places of [start, end) where a justified line could elongate its words. */
export function elongationSlots(text: string, slices: readonly ShapedSlice[], start: number, end: number, shaper: Shaper): ElongationSlot[] {
  const slots: ElongationSlot[] = [];
  const elongating = slices.filter(elongates);
  if (elongating.length === 0) return slots;
  // Where a tatweel may go, and the slice it would go into; a place at a slice's first character would put the
  // tatweel in another slice's face: not taken.
  const sliceAt = new Map<number, ShapedSlice>();
  for (const slice of elongating) for (const glyph of slice.glyphs) if (glyph.safeToInsertTatweel && glyph.cluster > slice.start) sliceAt.set(glyph.cluster, slice);
  if (sliceAt.size === 0) return slots;
  const widths = new Map<ShapedSlice, number>();
  for (const point of kashidaPoints(text, start, end, (offset) => sliceAt.has(offset))) {
    // A typed tatweel's place (rule 0) needs no flag; it still has to lie inside an elongating slice.
    const slice = sliceAt.get(point.offset) ?? elongating.find((s) => point.offset > s.start && point.offset < s.end);
    if (!slice) continue;
    let width = widths.get(slice);
    if (width === undefined) widths.set(slice, (width = tatweelWidth(slice, shaper)));
    slots.push({ ...point, tatweel: width });
  }
  return slots;
}

/**
 * The line's slices with up to `amount` points of elongation added, and never more than `amount`: the
 * reshaped words are measured, and a tatweel that made the line too wide (the forms beside it grew) is taken
 * back, the least important place first.
 */
export function elongateLine(text: string, slices: ShapedSlice[], slots: readonly ElongationSlot[], amount: number, shaper: Shaper): ShapedSlice[] {
  if (amount <= 0 || slots.length === 0) return slices;
  const counts = distributeElongation(slots, amount, MAX_TATWEELS_PER_WORD);
  if (counts.size === 0) return slices;
  const natural = slices.reduce((sum, s) => sum + sliceWidth(s), 0);
  // Least important first: worst rule, then nearer the start of the line.
  const order = [...slots].sort((a, b) => b.priority - a.priority || a.offset - b.offset).map((s) => s.offset);
  for (;;) {
    const result = slices.map((slice) => withTatweels(text, slice, counts, shaper));
    const width = result.reduce((sum, s) => sum + sliceWidth(s), 0);
    if (width - natural <= amount + 1e-6 || counts.size === 0) return result;
    const offset = order.find((o) => counts.has(o))!;
    const n = counts.get(offset)! - 1;
    if (n > 0) counts.set(offset, n);
    else counts.delete(offset);
  }
}

/**
 * The slice shaped again with `counts[offset]` tatweels before each offset inside it. Glyph clusters are mapped
 * back to the paragraph text: a cluster with a letter of the text is that letter's; a cluster of inserted
 * tatweels only is an elongation, with the cluster of the letter before it.
 */
function withTatweels(text: string, slice: ShapedSlice, counts: ReadonlyMap<number, number>, shaper: Shaper): ShapedSlice {
  const local = new Map([...counts].filter(([offset]) => offset > slice.start && offset < slice.end));
  if (local.size === 0) return slice;
  const { text: elongated, original } = insertTatweels(text, local);
  const added = [...local.values()].reduce((a, b) => a + b, 0);
  const { item } = slice;
  const glyphs = shaper.shape({
    text: elongated,
    start: slice.start, // no tatweel goes before the slice, so it starts where it did
    end: slice.end + added,
    face: item.face,
    direction: item.direction,
    script: item.script,
    lang: item.style.lang,
  });
  const starts = [...new Set(glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const mapped = new Map<number, { cluster: number; elongation: boolean }>();
  let previous = slice.start;
  starts.forEach((start, k) => {
    const next = starts[k + 1] ?? slice.end + added;
    let real = -1;
    for (let i = start; i < next && real < 0; i++) real = original[i]!;
    if (real >= 0) previous = real;
    mapped.set(start, { cluster: real >= 0 ? real : previous, elongation: real < 0 });
  });
  const remapped: ShapedGlyph[] = glyphs.map((g) => {
    const { cluster, elongation } = mapped.get(g.cluster)!;
    return elongation ? { ...g, cluster, elongation } : { ...g, cluster };
  });
  return { ...slice, glyphs: remapped };
}
