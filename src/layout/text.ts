/**
 * A paragraph of inline markup set in a box: the text engine breaks it into lines, each line becomes a painted
 * `text` item (and a `link` item per hyperlinked run). Shared by every element that holds inline content.
 */
import type { MarkupNode } from '../markup/types.js';
import { stripBidiControls } from '../text/controls.js';
import { layoutParagraph } from '../text/paragraph.js';
import type { Align } from '../text/types.js';
import { styleOf, type Box, type LayoutContext, type ParagraphStyle } from './context.js';
import { collectInline } from './inline.js';
import type { PaintItem } from './types.js';

export interface SetText {
  bottom: number;
  /** The lines, then the links over them. */
  items: PaintItem[];
}

/**
 * Paragraphs set side by side from the same top (a fact's label and value, a list marker and its item, the cells
 * of a table row) share their first baseline: each is moved down until its first line's baseline is level with
 * the lowest first baseline among them. Top-aligned, a 8.5 pt label beside a 9.4 pt value sits a point high, and
 * beside Nastaliq (whose lines are as tall as their ink) a marker or label floats several points above the words
 * it names. Returns the bottom of the row.
 */
export function alignFirstBaselines(sets: readonly SetText[]): number {
  const baselines = sets.map(firstBaseline);
  const lowest = Math.max(...baselines.filter((b): b is number => b !== undefined));
  let bottom = -Infinity;
  sets.forEach((set, k) => {
    const baseline = baselines[k];
    const shift = baseline === undefined || !Number.isFinite(lowest) ? 0 : lowest - baseline;
    if (shift > 0) moveDown(set, shift);
    bottom = Math.max(bottom, set.bottom);
  });
  return bottom;
}

/**
 * Stacks rows of side-by-side paragraphs (each set from top 0) downwards from `top`, `gap` apart, on one pitch:
 * every row's first baseline sits as far below its top as the tallest row needs, and every row ends as far
 * below its last baseline as the deepest needs. Latin and Naskh rows are all alike, so nothing changes for them;
 * Nastaliq lines are as tall as their ink, and without one pitch a row of short words sits tight against the next
 * while a row with a tall ligature stands apart — uneven rows that a reader of Urdu sees at once.
 * Returns the bottom of the last row.
 */
export function stackRows(rows: readonly (readonly SetText[])[], top: number, gap: number): number {
  const measured = rows.map((sets) => {
    const bottom = alignFirstBaselines(sets);
    const baselines = sets.flatMap((set) => set.items.flatMap((item) => (item.kind === 'text' ? [item.y + item.line.baseline] : [])));
    const first = baselines.length ? Math.min(...baselines) : 0;
    const last = baselines.length ? Math.max(...baselines) : 0;
    return { sets, first, last, bottom };
  });
  const above = Math.max(0, ...measured.map((row) => row.first));
  const below = Math.max(0, ...measured.map((row) => row.bottom - row.last));
  let y = top;
  measured.forEach((row, index) => {
    if (index > 0) y += gap;
    const shift = y + above - row.first;
    for (const set of row.sets) moveDown(set, shift);
    y = row.last + shift + below;
  });
  return y;
}

/** Moves a set paragraph's lines and links, and its bottom, `shift` points down the page. */
function moveDown(set: SetText, shift: number): void {
  for (const item of set.items) if ('y' in item) item.y += shift;
  set.bottom += shift;
}

function firstBaseline(set: SetText): number | undefined {
  const first = set.items.find((item) => item.kind === 'text');
  return first?.kind === 'text' ? first.y + first.line.baseline : undefined;
}

/** Sets `children` (inline content) in `box` from `top`; returns the painted lines and the bottom. */
export function setParagraph(children: readonly MarkupNode[], { style, lineHeight }: ParagraphStyle, align: Align, box: Box, top: number, ctx: LayoutContext): SetText {
  const runs = collectInline(children, style, ctx);
  const { layout, missing } = layoutParagraph({ runs, direction: ctx.direction, align, lineHeight }, box.width, ctx.engines);
  for (const m of missing) {
    if (ctx.missing.has(m.codePoint)) continue;
    const context = stripBidiControls(layout.text.slice(Math.max(0, m.offset - 12), m.offset + 12));
    ctx.missing.set(m.codePoint, { codePoint: m.codePoint, context });
  }
  const items: PaintItem[] = [];
  const links: PaintItem[] = [];
  for (const line of layout.lines) {
    items.push({ kind: 'text', line, x: box.left, y: top });
    const lineTop = top + line.baseline - line.ascent;
    for (const run of line.runs) {
      // A run of no width (the isolate controls around a link's text) gets no annotation: a zero-width /Rect
      // cannot be clicked, and each annotation is a Link element of its own for a screen reader.
      if (run.style.link && run.width > 0) links.push({ kind: 'link', x: box.left + line.x + run.x, y: lineTop, width: run.width, height: line.height, url: run.style.link });
    }
  }
  return { bottom: top + layout.height, items: [...items, ...links] };
}

/** Inline content in a named style (`lang` overrides the page's language). */
export function setStyled(children: readonly MarkupNode[], styleName: string, lang: string | undefined, align: Align, box: Box, top: number, ctx: LayoutContext): SetText {
  return setParagraph(children, styleOf(ctx, styleName, lang), align, box, top, ctx);
}
