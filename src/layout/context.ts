/**
 * What every element's layout is handed: the theme, the text engines, the scale fitting chose, the page's
 * direction and language, the loaded images, and the block stacker for container elements. Logical sides:
 * "start" is the right edge on a right-to-left page.
 */
import type { ImageStore } from '../images/store.js';
import type { Memo } from '../renderCache.js';
import type { DigitStyle } from '../language/locale.js';
import type { InlineEffect } from '../elements/element.js';
import type { MarkupElement, MarkupNode } from '../markup/types.js';
import { spacing, type Theme } from '../theme/theme.js';
import type { TextEngines } from '../text/paragraph.js';
import type { Direction, TextStyle } from '../text/types.js';
import type { StructureChild } from './structure.js';
import type { MissingCharacter, SectionBox } from './types.js';

/** A horizontal extent: left edge and width, in points. */
export interface Box {
  left: number;
  width: number;
}

/** What a block's layout returns: where it ends and its structure (nodes and painted items, reading order). */
export interface Laid {
  bottom: number;
  nodes: StructureChild[];
}

export interface LayoutContext {
  theme: Theme;
  engines: TextEngines;
  /** Factor applied to every size and spacing of the theme (fitting shrinks it). */
  scale: number;
  direction: Direction;
  lang: string;
  digits: DigitStyle;
  images: ImageStore;
  /** Kept between layouts (the renderer's cache); absent: nothing is kept. */
  memo?: LayoutMemo;
  /** Named sections and tables, where they landed (overflow errors name them). */
  sections: SectionBox[];
  /** Characters no font covers, by code point (each reported once). */
  missing: Map<number, MissingCharacter>;
  /** Stacks block elements from `top` down (layout/blocks.ts), for elements that contain blocks. */
  blocks(nodes: readonly MarkupNode[], box: Box, top: number): Laid;
  /** What an inline element (`<b>`, `<span>`, `<br/>`…) does to the text it holds (its module's rule). */
  inline(element: MarkupElement, base: TextStyle): InlineEffect;
}

/** What layout keeps between passes and renders besides the text engine's (`TextEngines.memo`). */
export interface LayoutMemo {
  /** QR symbols' modules by value. */
  qrSymbols: Memo<boolean[][]>;
}

/** A spacing value of the theme, scaled. */
export function space(ctx: LayoutContext, name: string): number {
  return spacing(ctx.theme, name) * ctx.scale;
}

/** The x of a box of `width` placed at `offset` from the start side of `box`. */
export function fromStart(box: Box, offset: number, width: number, ctx: LayoutContext): number {
  return ctx.direction === 'rtl' ? box.left + box.width - offset - width : box.left + offset;
}

/** A theme style, scaled, as the text engine wants it. */
export interface ParagraphStyle {
  style: TextStyle;
  lineHeight: number;
}

/**
 * A style of the theme by name. The markup parser has checked every name an element uses against the theme, so
 * a miss here is a bug, not a user error to paper over.
 */
export function styleOf(ctx: LayoutContext, name: string, lang?: string): ParagraphStyle {
  const style = Object.hasOwn(ctx.theme.styles, name) ? ctx.theme.styles[name] : undefined;
  if (!style) throw new Error(`internal: style "${name}" was not checked against the theme`);
  return {
    style: {
      family: style.family,
      size: style.size * ctx.scale,
      bold: style.bold ?? false,
      italic: style.italic ?? false,
      color: colorOf(ctx, style.color),
      lang: lang ?? ctx.lang,
    },
    lineHeight: style.lineHeight,
  };
}

/** A colour by theme name or `#rrggbb` (the theme's own references are checked when it is loaded). */
export function colorOf(ctx: LayoutContext, name: string): string {
  if (name.startsWith('#')) return name;
  const value = Object.hasOwn(ctx.theme.colors, name) ? ctx.theme.colors[name] : undefined;
  if (!value) throw new Error(`internal: colour "${name}" was not checked against the theme`);
  return value;
}
