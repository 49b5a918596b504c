/**
 * Shaped slices: the glyphs of an item, or of the part of an item a line holds. An item cut by a line edge is
 * shaped again for its part (joining forms and kerning change at the cut), with the paragraph as context.
 */
import type { Item } from './itemize.js';
import type { ShapedGlyph, Shaper } from './shaper.js';

/** A shaped item slice, advances in font units. */
export interface ShapedSlice {
  item: Item;
  /** Logical range of the paragraph text the slice shows. */
  start: number;
  end: number;
  /** In visual (left-to-right) order; clusters are logical offsets into the paragraph text. */
  glyphs: ShapedGlyph[];
  /** Points per font unit. */
  scale: number;
}

export function shapeItem(text: string, item: Item, start: number, end: number, shaper: Shaper): ShapedSlice {
  const glyphs = shaper.shape({ text, start, end, face: item.face, direction: item.direction, script: item.script, lang: item.style.lang });
  return { item, start, end, glyphs, scale: item.style.size / item.face.upem };
}

/** The shaped items covering [start, end): whole items as shaped, items cut by an edge reshaped. */
export function slicesOf(text: string, items: readonly Item[], shaped: readonly ShapedSlice[], start: number, end: number, shaper: Shaper): ShapedSlice[] {
  const slices: ShapedSlice[] = [];
  // Items are in logical order and do not overlap: start at the first one ending after `start` (binary search),
  // so a line costs its own items, not all of the paragraph's (a list of 10,000 topics is one paragraph).
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid]!.end <= start) low = mid + 1;
    else high = mid;
  }
  for (let index = low; index < items.length && items[index]!.start < end; index++) {
    const item = items[index]!;
    const from = Math.max(item.start, start);
    const to = Math.min(item.end, end);
    if (from >= to) continue;
    slices.push(from === item.start && to === item.end ? shaped[index]! : shapeItem(text, item, from, to, shaper));
  }
  return slices;
}

/** Width of a slice in points. */
export function sliceWidth(slice: ShapedSlice): number {
  return slice.glyphs.reduce((sum, glyph) => sum + glyph.advance, 0) * slice.scale;
}
