/**
 * Block layout: the markup's blocks stacked top to bottom inside a box, each paragraph handed to the text
 * engine. Logical sides: "start" is the right edge on a right-to-left page, so bullets, fact labels and the
 * quote bar sit on the side where reading begins, and the first of <columns> is the one read first.
 */
import { isElement, type MarkupElement, type MarkupNode } from '../markup/types.js';
import { resolveColor, spacing, type Theme } from '../theme/theme.js';
import { stripBidiControls } from '../text/controls.js';
import { layoutParagraph, type TextEngines } from '../text/paragraph.js';
import type { Align, Direction, TextStyle } from '../text/types.js';
import { collectInline } from './inline.js';
import type { MissingCharacter, PaintItem, SectionBox } from './types.js';

export interface LayoutContext {
  theme: Theme;
  engines: TextEngines;
  /** Factor applied to every size and spacing of the theme (fitting shrinks it). */
  scale: number;
  direction: Direction;
  lang: string;
  digits: 'latn' | 'arab';
  items: PaintItem[];
  sections: SectionBox[];
  /** Characters no font covers, by code point (each reported once). */
  missing: Map<number, MissingCharacter>;
}

/** A horizontal extent: left edge and width. */
export interface Box {
  left: number;
  width: number;
}

/** Lays out `nodes` (block elements) from `top` down; returns the bottom of the last block. */
export function layoutBlocks(nodes: readonly MarkupNode[], box: Box, top: number, ctx: LayoutContext): number {
  let y = top;
  let pending = 0; // space owed after the previous block, paid only if another block follows
  for (const node of nodes) {
    if (!isElement(node)) continue;
    const before = spaceBefore(node, ctx);
    if (y > top) y += Math.max(pending, before);
    const bottom = layoutBlock(node, box, y, ctx);
    if (bottom > y || node.name === 'space') {
      y = bottom;
      pending = spaceAfter(node, ctx);
    }
  }
  return y;
}

function space(ctx: LayoutContext, name: string): number {
  return spacing(ctx.theme, name) * ctx.scale;
}

function spaceBefore(node: MarkupElement, ctx: LayoutContext): number {
  return node.name === 'section' || node.name === 'columns' ? space(ctx, 'section') : 0;
}

function spaceAfter(node: MarkupElement, ctx: LayoutContext): number {
  switch (node.name) {
    case 'heading':
      return space(ctx, 'heading');
    case 'section':
    case 'columns':
      return space(ctx, 'section');
    case 'quote':
      return space(ctx, 'quoteGap');
    case 'space':
      return 0;
    default:
      return space(ctx, 'paragraph');
  }
}

function layoutBlock(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  switch (node.name) {
    case 'title':
    case 'subtitle':
    case 'heading':
    case 'p':
      return paragraph(node.children, styleOf(ctx, node.attributes.style ?? (node.name === 'p' ? 'body' : node.name), node.attributes.lang), alignOf(node, 'start'), box, top, ctx);
    case 'cite':
      return paragraph(node.children, styleOf(ctx, node.attributes.style ?? 'cite', node.attributes.lang), alignOf(node, 'end'), box, top, ctx);
    case 'band':
      return band(node, box, top, ctx);
    case 'list':
      return list(node, box, top, ctx);
    case 'facts':
      return facts(node, box, top, ctx);
    case 'quote':
      return quote(node, box, top, ctx);
    case 'columns':
      return columns(node, box, top, ctx);
    case 'rule': {
      const weight = Number(node.attributes.weight ?? spacing(ctx.theme, 'ruleWidth'));
      const color = resolveColor(ctx.theme, node.attributes.color ?? 'rule');
      const y = top + weight / 2;
      ctx.items.push({ kind: 'rule', x1: box.left, y1: y, x2: box.left + box.width, y2: y, width: weight, color });
      return top + weight;
    }
    case 'space':
      return top + Number(node.attributes.size ?? 0) * ctx.scale;
    case 'section': {
      const section: SectionBox = { name: node.attributes.name ?? `section ${ctx.sections.length + 1}`, top, bottom: top };
      ctx.sections.push(section);
      section.bottom = layoutBlocks(node.children, box, top, ctx);
      return section.bottom;
    }
    case 'header': {
      // Recorded like a section, so an overflow caused by the header (a title of a thousand words) names it.
      const header: SectionBox = { name: 'header', top, bottom: top };
      ctx.sections.push(header);
      header.bottom = layoutBlocks(node.children, box, top, ctx);
      return header.bottom;
    }
    default:
      return top;
  }
}

/** A theme style, scaled, as the text engine wants it. */
export interface ParagraphStyle {
  style: TextStyle;
  lineHeight: number;
}

export function styleOf(ctx: LayoutContext, name: string, lang?: string): ParagraphStyle {
  const style = ctx.theme.styles[name] ?? ctx.theme.styles.body!;
  return {
    style: {
      family: style.family,
      size: style.size * ctx.scale,
      bold: style.bold ?? false,
      italic: style.italic ?? false,
      color: resolveColor(ctx.theme, style.color),
      lang: lang ?? ctx.lang,
    },
    lineHeight: style.lineHeight,
  };
}

function alignOf(node: MarkupElement, fallback: Align): Align {
  return (node.attributes.align as Align | undefined) ?? fallback;
}

/** One paragraph of inline content; returns its bottom. */
function paragraph(children: readonly MarkupNode[], { style, lineHeight }: ParagraphStyle, align: Align, box: Box, top: number, ctx: LayoutContext): number {
  const runs = collectInline(children, style, (name, base) => ({ ...styleOf(ctx, name, base.lang).style, bold: base.bold, italic: base.italic }));
  const { layout, missing } = layoutParagraph({ runs, direction: ctx.direction, align, lineHeight }, box.width, ctx.engines);
  for (const m of missing) {
    if (ctx.missing.has(m.codePoint)) continue;
    const context = stripBidiControls(layout.text.slice(Math.max(0, m.offset - 12), m.offset + 12));
    ctx.missing.set(m.codePoint, { codePoint: m.codePoint, context });
  }
  for (const line of layout.lines) {
    ctx.items.push({ kind: 'text', line, x: box.left, y: top });
    const lineTop = top + line.baseline - line.ascent;
    for (const run of line.runs) {
      if (run.style.link) ctx.items.push({ kind: 'link', x: box.left + line.x + run.x, y: lineTop, width: run.width, height: line.height, url: run.style.link });
    }
  }
  return top + layout.height;
}

function band(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  const padding = space(ctx, 'bandPadding');
  const color = resolveColor(ctx.theme, node.attributes.color ?? 'band');
  const rect: PaintItem = { kind: 'rect', x: box.left, y: top, width: box.width, height: 0, color };
  ctx.items.push(rect);
  const inner = { left: box.left + padding * 2, width: box.width - padding * 4 };
  const name = node.attributes.style ?? 'band';
  const bottom = paragraph(node.children, styleOf(ctx, name), alignOf(node, 'center'), inner, top + padding, ctx);
  rect.height = bottom + padding - top;
  return bottom + padding;
}

/** The x of a box of `width` placed at `offset` from the start side of `box`. */
function fromStart(box: Box, offset: number, width: number, ctx: LayoutContext): number {
  return ctx.direction === 'rtl' ? box.left + box.width - offset - width : box.left + offset;
}

function list(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  const indent = space(ctx, 'listIndent');
  const style = styleOf(ctx, node.attributes.style ?? 'body');
  const markerStyle = { ...style, style: { ...style.style, color: resolveColor(ctx.theme, 'accent') } };
  const numbered = node.attributes.type === 'number';
  const items = node.children.filter(isElement);
  const markerWidth = numbered ? indent * 1.4 : indent;
  const textBox: Box = { left: fromStart(box, markerWidth, box.width - markerWidth, ctx), width: box.width - markerWidth };
  const markerBox: Box = { left: fromStart(box, 0, markerWidth * 0.8, ctx), width: markerWidth * 0.8 };
  let y = top;
  items.forEach((item, index) => {
    if (index > 0) y += space(ctx, 'listItem');
    const marker = numbered ? `${formatDigits(index + 1, ctx.digits)}.` : '•';
    paragraph([marker], markerStyle, 'start', markerBox, y, ctx);
    y = paragraph(item.children, style, 'start', textBox, y, ctx);
  });
  return y;
}

const DIGIT_FORMATS = {
  latn: new Intl.NumberFormat('en', { numberingSystem: 'latn', useGrouping: false }),
  arab: new Intl.NumberFormat('en', { numberingSystem: 'arab', useGrouping: false }),
};

function formatDigits(n: number, digits: 'latn' | 'arab'): string {
  return DIGIT_FORMATS[digits].format(n);
}

function facts(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  const labelWidth = box.width * spacing(ctx.theme, 'factLabelWidth');
  const gap = space(ctx, 'factGap');
  const labelBox: Box = { left: fromStart(box, 0, labelWidth, ctx), width: labelWidth };
  const valueBox: Box = { left: fromStart(box, labelWidth + gap, box.width - labelWidth - gap, ctx), width: box.width - labelWidth - gap };
  const labelStyle = styleOf(ctx, 'label');
  const valueStyle = styleOf(ctx, node.attributes.style ?? 'body');
  let y = top;
  node.children.filter(isElement).forEach((fact, index) => {
    if (index > 0) y += space(ctx, 'listItem');
    const labelBottom = paragraph([fact.attributes.label ?? ''], labelStyle, 'start', labelBox, y, ctx);
    const valueBottom = paragraph(fact.children, valueStyle, 'start', valueBox, y, ctx);
    y = Math.max(labelBottom, valueBottom);
  });
  return y;
}

function quote(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  const indent = space(ctx, 'quoteIndent');
  const barWidth = 2.2 * ctx.scale;
  const inner: Box = { left: fromStart(box, indent, box.width - indent, ctx), width: box.width - indent };
  const bar: PaintItem = { kind: 'rect', x: fromStart(box, 0, barWidth, ctx), y: top, width: barWidth, height: 0, color: resolveColor(ctx.theme, 'quoteBar') };
  ctx.items.push(bar);
  const bottom = layoutBlocks(node.children, inner, top, ctx);
  bar.height = bottom - top;
  return bottom;
}

function columns(node: MarkupElement, box: Box, top: number, ctx: LayoutContext): number {
  const cols = node.children.filter(isElement);
  const gap = node.attributes.gap !== undefined ? Number(node.attributes.gap) * ctx.scale : space(ctx, 'columnGap');
  const weights = cols.map((c) => Number(c.attributes.width ?? 1));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const usable = box.width - gap * (cols.length - 1);
  let offset = 0;
  let bottom = top;
  cols.forEach((col, i) => {
    const width = (usable * weights[i]!) / total;
    bottom = Math.max(bottom, layoutBlocks(col.children, { left: fromStart(box, offset, width, ctx), width }, top, ctx));
    offset += width + gap;
  });
  return bottom;
}
