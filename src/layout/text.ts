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
      if (run.style.link) links.push({ kind: 'link', x: box.left + line.x + run.x, y: lineTop, width: run.width, height: line.height, url: run.style.link });
    }
  }
  return { bottom: top + layout.height, items: [...items, ...links] };
}

/** Inline content in a named style (`lang` overrides the page's language). */
export function setStyled(children: readonly MarkupNode[], styleName: string, lang: string | undefined, align: Align, box: Box, top: number, ctx: LayoutContext): SetText {
  return setParagraph(children, styleOf(ctx, styleName, lang), align, box, top, ctx);
}
