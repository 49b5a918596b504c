/**
 * The text engine's one entry point: a paragraph of styled inline runs → lines of positioned glyph runs.
 *
 * The order of operations is the one Chromium, Typst and Pango use:
 *   collect runs → UAX #9 levels over the whole logical paragraph → itemize (level, script, font, style) →
 *   shape each item with its explicit direction/script/language → break lines in logical order at UAX #14
 *   opportunities measuring shaped widths → per line: L1 (drop trailing whitespace), reshape items cut by the
 *   line edge, L2 reorder runs by level (mirroring was done by the shaper for right-to-left items, L4) →
 *   place with the paragraph's alignment (justification widens inter-word spaces).
 * No PDFKit state is read or written here.
 */
import { applyTrailingWhitespaceRule, directionOfLevel, isTrailingWhitespace, resolveLevels, visualOrder } from './bidi.js';
import { graphemeBoundaries, lineBreakOpportunities } from './breaks.js';
import { itemize, type FontResolver, type Item, type MissingGlyph } from './itemize.js';
import { resolveScripts, scriptOfLanguage } from './script.js';
import type { ShapedGlyph, Shaper } from './shaper.js';
import type { Direction, GlyphRun, InlineRun, LineBox, ParagraphInput, ParagraphLayout, PositionedGlyph, TextStyle } from './types.js';

/** The engines a layout needs, handed in so tests can use fake fonts and shapers. */
export interface TextEngines {
  fonts: FontResolver;
  shaper: Shaper;
}

export interface ParagraphResult {
  layout: ParagraphLayout;
  /** Characters no font of their chain covers (drawn as the font's .notdef box). */
  missing: MissingGlyph[];
}

/** Lines whose width exceeds the box by less than this are still taken as fitting (rounding of advances). */
const WIDTH_TOLERANCE = 0.01;

export function layoutParagraph(input: ParagraphInput, maxWidth: number, engines: TextEngines): ParagraphResult {
  const { text, runIndexes, styles } = collect(input.runs);
  const lang = styles[0]?.lang ?? 'en';
  const paragraphScript = scriptOfLanguage(lang);
  const fallbackDirection: Direction = paragraphScript === 'Arab' || paragraphScript === 'Hebr' ? 'rtl' : 'ltr';
  const { levels, baseLevel } = resolveLevels(text, input.direction, fallbackDirection);
  const direction = directionOfLevel(baseLevel);
  if (text.trim() === '') {
    return { layout: { lines: [], height: 0, width: 0, direction, text }, missing: [] };
  }

  const scripts = resolveScripts(text, paragraphScript);
  const { items, missing } = itemize({ text, levels, scripts, runIndexes, styles }, engines.fonts);
  const shaped = items.map((item) => shapeItem(text, item, item.start, item.end, engines.shaper));
  const advances = advancesByCharacter(text.length, shaped);

  const strut = engines.fonts.chain(styles[0]!, paragraphScript)[0]!;
  const baselineRatio = strut.ascender / (strut.ascender - strut.descender);

  const lines: LineBox[] = [];
  let top = 0;
  // A piece of a word cut at graphemes is reshaped on its line (joining forms, kerning), so cuts are measured
  // by shaping the piece, not by summing the whole word's advances.
  const shapedWidth = (start: number, end: number) =>
    slicesOf(text, items, shaped, start, end, engines.shaper).reduce((sum, slice) => sum + sliceWidth(slice), 0);
  for (const range of breakLines(text, advances, maxWidth, shapedWidth)) {
    const line = buildLine(text, range, items, shaped, levels, baseLevel, engines.shaper);
    const maxSize = Math.max(...(line.runs.length ? line.runs.map((r) => r.style.size) : [styles[0]!.size]));
    const height = maxSize * input.lineHeight;
    line.height = height;
    line.ascent = height * baselineRatio;
    line.descent = height - line.ascent;
    line.baseline = top + line.ascent;
    place(line, maxWidth, input.align, direction, range.last || range.forced);
    lines.push(line);
    top += height;
  }
  const width = Math.max(0, ...lines.map((l) => l.width));
  return { layout: { lines, height: top, width, direction, text }, missing };
}

// ---------------------------------------------------------------------------------------------------------
// collect

function collect(runs: readonly InlineRun[]): { text: string; runIndexes: number[]; styles: TextStyle[] } {
  let text = '';
  const runIndexes: number[] = [];
  const styles: TextStyle[] = [];
  runs.forEach((run, index) => {
    // A carriage return is not a line of its own: \r\n and \r become \n before layout.
    const clean = run.text.replace(/\r\n?/g, '\n');
    text += clean;
    for (let k = 0; k < clean.length; k++) runIndexes.push(index);
    styles.push(run.style);
  });
  return { text, runIndexes, styles };
}

// ---------------------------------------------------------------------------------------------------------
// shape

/** A shaped item slice, advances in points. */
interface ShapedSlice {
  item: Item;
  start: number;
  end: number;
  glyphs: ShapedGlyph[];
  /** Points per font unit. */
  scale: number;
}

function shapeItem(text: string, item: Item, start: number, end: number, shaper: Shaper): ShapedSlice {
  const glyphs = shaper.shape({ text, start, end, face: item.face, direction: item.direction, script: item.script, lang: item.style.lang });
  return { item, start, end, glyphs, scale: item.style.size / item.face.upem };
}

/** The shaped items covering [start, end): whole items as shaped, items cut by an edge reshaped. */
function slicesOf(text: string, items: readonly Item[], shaped: readonly ShapedSlice[], start: number, end: number, shaper: Shaper): ShapedSlice[] {
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

function sliceWidth(slice: ShapedSlice): number {
  return slice.glyphs.reduce((sum, glyph) => sum + glyph.advance, 0) * slice.scale;
}

/** Advance in points credited to the first character of each cluster (0 for the other characters). */
function advancesByCharacter(length: number, shaped: readonly ShapedSlice[]): Float64Array {
  const advances = new Float64Array(length);
  for (const slice of shaped) {
    for (const glyph of slice.glyphs) advances[glyph.cluster] = advances[glyph.cluster]! + glyph.advance * slice.scale;
  }
  return advances;
}

// ---------------------------------------------------------------------------------------------------------
// break lines

interface LineRange {
  start: number;
  end: number;
  /** Ended by a mandatory break. */
  forced: boolean;
  /** The paragraph's last line. */
  last: boolean;
}


/** Greedy first-fit over UAX #14 opportunities; a word longer than the line is cut at grapheme boundaries. */
function breakLines(text: string, advances: Float64Array, maxWidth: number, shapedWidth: (a: number, b: number) => number): LineRange[] {
  const prefix = new Float64Array(text.length + 1);
  for (let i = 0; i < text.length; i++) prefix[i + 1] = prefix[i]! + advances[i]!;
  const width = (a: number, b: number) => prefix[b]! - prefix[a]!;
  const contentEnd = (a: number, b: number) => {
    while (b > a && isTrailingWhitespace(text[b - 1]!)) b--;
    return b;
  };

  const ranges: LineRange[] = [];
  let lineStart = 0;
  let segmentStart = 0;
  for (const opportunity of lineBreakOpportunities(text)) {
    const segmentEnd = opportunity.offset;
    const fits = () => width(lineStart, contentEnd(lineStart, segmentEnd)) <= maxWidth + WIDTH_TOLERANCE;
    if (lineStart < segmentStart && !fits()) {
      ranges.push({ start: lineStart, end: segmentStart, forced: false, last: false });
      lineStart = segmentStart;
    }
    if (lineStart === segmentStart && !fits()) {
      lineStart = cutLongWord(text, lineStart, contentEnd(lineStart, segmentEnd), shapedWidth, maxWidth, ranges, width);
    }
    if (opportunity.required && segmentEnd < text.length) {
      ranges.push({ start: lineStart, end: segmentEnd, forced: true, last: false });
      lineStart = segmentEnd;
    }
    segmentStart = segmentEnd;
  }
  if (lineStart < text.length || ranges.length === 0) ranges.push({ start: lineStart, end: text.length, forced: false, last: true });
  else ranges[ranges.length - 1]!.last = true;
  return ranges.filter((r) => r.end > r.start);
}

/**
 * Emits full lines of graphemes for an overlong word [start, end); returns where the remainder (which fits)
 * starts. A single grapheme wider than the line must still go somewhere: it gets a line of its own.
 * Linear in the word: each line's cut is found on `estimate` (the word's advances as shaped whole, summed in
 * O(1)) and then checked by shaping the piece (`width`), stepping back while the piece as reshaped (joining
 * forms at the cut) is too wide; shaping every prefix of a 10,000-letter word would be quadratic.
 */
function cutLongWord(
  text: string,
  start: number,
  end: number,
  width: (a: number, b: number) => number,
  maxWidth: number,
  ranges: LineRange[],
  estimate: (a: number, b: number) => number = width,
): number {
  const fits = (measure: (a: number, b: number) => number, a: number, b: number) => measure(a, b) <= maxWidth + WIDTH_TOLERANCE;
  const stops = [...graphemeBoundaries(text, start, end), end];
  let lineStart = start;
  let next = 0; // index of the first stop after lineStart
  while (next < stops.length) {
    let last = next;
    while (last + 1 < stops.length && fits(estimate, lineStart, stops[last + 1]!)) last++;
    if (last === stops.length - 1 && fits(width, lineStart, stops[last]!)) return lineStart; // the remainder fits
    while (last > next && !fits(width, lineStart, stops[last]!)) last--;
    ranges.push({ start: lineStart, end: stops[last]!, forced: false, last: false });
    lineStart = stops[last]!;
    next = last + 1;
  }
  return lineStart;
}

// ---------------------------------------------------------------------------------------------------------
// build a line: L1, reshape at the edges, L2

function buildLine(
  text: string,
  range: LineRange,
  items: readonly Item[],
  shaped: readonly ShapedSlice[],
  levels: Uint8Array,
  baseLevel: number,
  shaper: Shaper,
): LineBox {
  const lineLevels = applyTrailingWhitespaceRule(text, levels, range.start, range.end, baseLevel);
  // L1 puts trailing whitespace at the paragraph level at the line's end; it is not drawn (nor counted in the
  // line's width), so it is simply left out of the line's runs.
  let end = range.end;
  while (end > range.start && isTrailingWhitespace(text[end - 1]!) && lineLevels[end - 1 - range.start] === baseLevel) end--;

  const slices = slicesOf(text, items, shaped, range.start, end, shaper);

  const order = visualOrder(slices.map((s) => s.item.level));
  const runs: GlyphRun[] = [];
  let pen = 0;
  for (const index of order) {
    const slice = slices[index]!;
    const glyphs: PositionedGlyph[] = [];
    let x = 0;
    for (const g of slice.glyphs) {
      const advance = g.advance * slice.scale;
      glyphs.push({ id: g.id, x, dx: g.dx * slice.scale, dy: g.dy * slice.scale, advance, cluster: g.cluster });
      x += advance;
    }
    runs.push({
      face: slice.item.face,
      style: slice.item.style,
      level: slice.item.level,
      x: pen,
      width: x,
      glyphs,
      logicalStart: slice.start,
      logicalEnd: slice.end,
      text: text.slice(slice.start, slice.end),
    });
    pen += x;
  }
  return {
    runs,
    x: 0,
    baseline: 0,
    width: pen,
    height: 0,
    ascent: 0,
    descent: 0,
    logicalStart: range.start,
    logicalEnd: end,
    text: text.slice(range.start, end),
    direction: directionOfLevel(baseLevel),
    lang: runs[0]?.style.lang ?? '',
  };
}

// ---------------------------------------------------------------------------------------------------------
// place: alignment and justification

function place(line: LineBox, maxWidth: number, align: ParagraphInput['align'], direction: Direction, lastOfParagraph: boolean): void {
  const slack = maxWidth - line.width;
  if (align === 'justify' && !lastOfParagraph && slack > 0) {
    justify(line, slack);
    return;
  }
  const startSide = direction === 'rtl' ? 'right' : 'left';
  const side = align === 'center' ? 'center' : (align === 'end') === (startSide === 'left') ? 'right' : 'left';
  line.x = side === 'left' ? 0 : side === 'right' ? slack : slack / 2;
}

/** Widen each inter-word space (U+0020) by the same amount so the line fills the box. */
function justify(line: LineBox, slack: number): void {
  const isSpace = (run: GlyphRun, glyph: PositionedGlyph) => run.text[glyph.cluster - run.logicalStart] === ' ';
  const spaces = line.runs.reduce((n, run) => n + run.glyphs.filter((g) => isSpace(run, g)).length, 0);
  if (spaces === 0) return;
  const extra = slack / spaces;
  let pen = 0;
  for (const run of line.runs) {
    run.x = pen;
    let x = 0;
    for (const glyph of run.glyphs) {
      glyph.x = x;
      if (isSpace(run, glyph)) glyph.advance += extra;
      x += glyph.advance;
    }
    run.width = x;
    pen += x;
  }
  line.width = pen;
  line.x = 0;
}
