/**
 * What layout hands to the paint stage: a page of absolutely positioned things. Coordinates in PDF points
 * from the page's top-left corner, y growing downwards.
 */
import type { LoadedImage } from '../images/store.js';
import type { Direction, LineBox } from '../text/types.js';
import type { StructureNode } from './structure.js';

export type PaintItem =
  /** A line of text; `x` is the paragraph box's left edge, `y` its top (line.x and line.baseline are relative). */
  | { kind: 'text'; line: LineBox; x: number; y: number }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number; color: string }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string }
  | { kind: 'link'; x: number; y: number; width: number; height: number; url: string }
  /** An image scaled into the box (`x`, `y` its top-left corner). */
  | { kind: 'image'; x: number; y: number; width: number; height: number; image: LoadedImage }
  /** A QR code: `modules[row][column]` true for a dark module, each `module` points square, from the top-left corner. */
  | { kind: 'qr'; x: number; y: number; module: number; modules: readonly (readonly boolean[])[]; color: string };

export interface MissingCharacter {
  codePoint: number;
  /** A few characters around the first occurrence, bidi controls removed. */
  context: string;
}

/** Where a named `<section>` or `<table>`, the header or the footer landed; used to say which of them overflow. */
export interface SectionBox {
  kind: 'section' | 'table' | 'header' | 'footer';
  name: string;
  top: number;
  bottom: number;
  /** A table's rows, top to bottom (a row is never split: it fits whole or is named as not fitting). */
  rows?: { top: number; bottom: number }[];
}

export interface PageLayout {
  width: number;
  height: number;
  lang: string;
  direction: Direction;
  /** Document metadata given by the template's <page> element. */
  title?: string;
  subject?: string;
  author?: string;
  /** The page's structure (role `Document`); its leaves are the painted items. */
  tree: StructureNode;
  /** The leaves of `tree`, depth first: every painted item in paint order. */
  items: PaintItem[];
  sections: SectionBox[];
  /** Where the <footer> landed, pinned to the bottom margin (absent without a footer). */
  footer?: SectionBox;
  /** Bottom limit of the body (top of the footer area). */
  bodyLimit: number;
  /** How far the body runs past `bodyLimit` (0 when it fits). */
  overflow: number;
  /** Body text size the layout used, and the scale applied to the theme's sizes. */
  bodySize: number;
  scale: number;
  /** Characters no font of their chain covers (each once), drawn as the font's box. */
  missing: MissingCharacter[];
  /** Content area, for checks that nothing lies outside the margins. */
  content: { left: number; top: number; right: number; bottom: number };
}
