/**
 * Hand-off types of the text engine: a paragraph of styled inline runs in logical order goes in, lines of
 * positioned glyph runs in visual order come out. Units: lengths in PDF points, font-unit values already scaled.
 * Indices ("logical offsets") are UTF-16 code unit offsets into the paragraph's logical text.
 */

export type Direction = 'ltr' | 'rtl';
export type Align = 'start' | 'end' | 'center' | 'justify';

/** How a stretch of text looks. */
export interface TextStyle {
  /** A family name from the theme (`body`, `heading`, …); the font chain per script comes from the theme. */
  family: string;
  /** Font size in points. */
  size: number;
  bold: boolean;
  italic: boolean;
  /** Fill colour as `#rrggbb`. */
  color: string;
  /** BCP 47 tag of the text, used for shaping (`locl`) and the PDF's /Lang marks. */
  lang: string;
  /** Link target, if this run is a hyperlink. */
  link?: string;
}

/** A stretch of logical text with one style. */
export interface InlineRun {
  text: string;
  style: TextStyle;
}

/** What the engine lays out. */
export interface ParagraphInput {
  runs: InlineRun[];
  /** Base direction (UAX #9 P2/P3 'auto' takes it from the first strong letter). */
  direction: Direction | 'auto';
  align: Align;
  /** Line height as a factor of each run's font size. */
  lineHeight: number;
  /** Where the text came from, for warnings (a template line or a data field path). */
  origin?: string;
}

/** One glyph, positioned relative to its run's origin (the left end of the run, on the baseline). */
export interface PositionedGlyph {
  /** Glyph id in the font. */
  id: number;
  /** Pen position of the glyph's origin, from the run's left end. */
  x: number;
  /** GPOS offsets (e.g. a haraka over its letter); y positive is up. */
  dx: number;
  dy: number;
  /** Advance after justification. */
  advance: number;
  /** Logical offset of the first character of this glyph's cluster. */
  cluster: number;
  /**
   * An elongation (a tatweel inserted by kashida justification): drawn, but standing for no character, so
   * copy-paste and search never see it. Its cluster is that of the letter it follows.
   */
  elongation?: boolean;
  /** The hyphen drawn at the end of a hyphenated line (not in the paragraph's text; reads back as '-'). */
  hyphen?: boolean;
}

/** Glyphs of one font, one style, one bidi level, in visual (left-to-right) order. */
export interface GlyphRun {
  face: FontFaceRef;
  style: TextStyle;
  /** UAX #9 embedding level; odd is right-to-left. */
  level: number;
  /** Left end of the run, from the line's left edge. */
  x: number;
  width: number;
  glyphs: PositionedGlyph[];
  /** The logical text this run shows: `text.slice(logicalStart, logicalEnd)` of the paragraph. */
  logicalStart: number;
  logicalEnd: number;
  /** The characters of the run in logical order (what copy-paste must give back). */
  text: string;
}

/** One line: runs in visual order, left to right. */
export interface LineBox {
  runs: GlyphRun[];
  /** Left edge of the first run relative to the paragraph box (alignment applied). */
  x: number;
  /** Baseline position from the top of the paragraph box. */
  baseline: number;
  /** Natural width of the content (trailing whitespace excluded). */
  width: number;
  /** Line height (advance from this line's top to the next line's top). */
  height: number;
  ascent: number;
  descent: number;
  logicalStart: number;
  logicalEnd: number;
  /** The line's text in logical order, without the trailing space at the break. */
  text: string;
  /** The paragraph's base direction (reading order of the line). */
  direction: Direction;
  lang: string;
  /** The line ends inside a word broken by hyphenation; a hyphen glyph is drawn after `text`. */
  hyphenated?: boolean;
}

export interface ParagraphLayout {
  lines: LineBox[];
  /** Sum of line heights. */
  height: number;
  /** Widest line. */
  width: number;
  direction: Direction;
  /** The whole logical text the clusters index into. */
  text: string;
}

/** A font face as the engine knows it: enough to shape, measure and hand to the PDF writer. */
export interface FontFaceRef {
  /** Stable key (the font file's name), also used to embed the font in the PDF. */
  key: string;
  /** Units per em. */
  upem: number;
  /** Typographic ascender/descender in font units (descender negative). */
  ascender: number;
  descender: number;
  /** Does the font map this code point to a glyph? */
  covers(codePoint: number): boolean;
  /**
   * The ink of a glyph, top and bottom in font units (y up; `yMin` negative below the baseline), from the
   * font's outlines; `undefined` for a glyph that draws nothing. Faces without it (test fakes) are taken as
   * inking within their ascender and descender.
   */
  glyphInk?(glyphId: number): GlyphInk | undefined;
}

/** Vertical ink extent of a glyph in font units. Invariant: `yMin <= yMax`. */
export interface GlyphInk {
  yMax: number;
  yMin: number;
}
