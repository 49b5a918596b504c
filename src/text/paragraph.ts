/**
 * The text engine's one entry point: a paragraph of styled inline runs → lines of positioned glyph runs.
 *
 * The order of operations is the one Chromium, Typst and Pango use:
 *   collect runs → UAX #9 levels over the whole logical paragraph → itemize (level, script, font, style) →
 *   shape each item with its explicit direction/script/language → break lines in logical order at UAX #14
 *   opportunities measuring shaped widths → per line: L1 (drop trailing whitespace), reshape items cut by the
 *   line edge, L2 reorder runs by level (mirroring was done by the shaper for right-to-left items, L4) →
 *   place with the paragraph's alignment.
 * Justified paragraphs are broken as a whole (Knuth–Plass, linebreak/knuthPlass.ts) with the stretch of their
 * spaces and kashida, Latin-script words hyphenated (hyphenate.ts); each line but the last is filled by
 * widening spaces to a soft maximum, elongating Arabic words (elongate.ts) and giving the rest to the spaces
 * (justify.ts).
 * No PDFKit state is read or written here.
 */
import type { Memo } from '../renderCache.js';
import { applyTrailingWhitespaceRule, directionOfLevel, isTrailingWhitespace, resolveLevels, visualOrder, type BidiParagraph } from './bidi.js';
import { graphemeBoundaries, lineBreakOpportunities } from './breaks.js';
import { itemize, type FontResolver, type Item, type MissingGlyph } from './itemize.js';
import { scriptOfLanguage, textDirection } from '../language/locale.js';
import { resolveScripts } from './script.js';
import { elongateLine, elongationSlots, MAX_TATWEELS_PER_WORD } from './elongate.js';
import { hyphenationPoints, type Hyphenator } from './hyphenate.js';
import { DEFAULT_JUSTIFICATION, SPACE_SHRINK, SPACE_STRETCH, place, type Justification } from './justify.js';
import { HYPHEN_PENALTY, totalFit, type BreakCandidate } from './linebreak/knuthPlass.js';
import type { ShapedGlyph, Shaper } from './shaper.js';
import { shapeItem, sliceWidth, slicesOf, type ShapedSlice } from './slices.js';
import type { Direction, GlyphRun, InlineRun, LineBox, ParagraphInput, ParagraphLayout, PositionedGlyph, TextStyle } from './types.js';

/** The engines a layout needs, handed in so tests can use fake fonts and shapers. */
export interface TextEngines {
  fonts: FontResolver;
  shaper: Shaper;
  /** How justified paragraphs are set (the theme's `justify`); absent: DEFAULT_JUSTIFICATION. */
  justification?: Justification;
  /** Hyphenation patterns; absent: no hyphenation. */
  hyphenator?: Hyphenator;
  /** Kept between layouts (the renderer's cache, see renderCache.ts); absent: every layout starts afresh. */
  memo?: TextMemo;
}

/**
 * What the text engine keeps between layouts. Keys hold the whole input, and the memo is the engines' own (their
 * fonts and shaper), so a hit is the layout that the same input would give again.
 */
export interface TextMemo {
  /** Bidi levels by paragraph text and base direction. */
  levels: Memo<BidiParagraph>;
  /**
   * Paragraph layouts by runs, direction, alignment, line height and width: an unchanged paragraph laid out
   * again at the same width and scale (a fitting pass, the next render of an edited briefing) reuses its lines.
   * Results are shared: neither the lines nor their runs may be changed after layout.
   */
  paragraphs: Memo<ParagraphResult>;
}

export interface ParagraphResult {
  layout: ParagraphLayout;
  /** Characters no font of their chain covers (drawn as the font's .notdef box). */
  missing: MissingGlyph[];
}

/** Lines whose width exceeds the box by less than this are still taken as fitting (rounding of advances). */
const WIDTH_TOLERANCE = 0.01;

export function layoutParagraph(input: ParagraphInput, maxWidth: number, engines: TextEngines): ParagraphResult {
  if (!engines.memo) return layoutAfresh(input, maxWidth, engines);
  // `origin` only names the text in warnings: the same text from another place lays out the same.
  const key = JSON.stringify([maxWidth, input.direction, input.align, input.lineHeight, input.runs]);
  return engines.memo.paragraphs.get(key, () => layoutAfresh(input, maxWidth, engines));
}

function layoutAfresh(input: ParagraphInput, maxWidth: number, engines: TextEngines): ParagraphResult {
  const { text, runIndexes, styles } = collect(input.runs);
  const lang = styles[0]?.lang ?? 'en';
  const paragraphScript = scriptOfLanguage(lang);
  const fallbackDirection: Direction = textDirection(lang);
  const { levels, baseLevel } = resolveLevels(text, input.direction, fallbackDirection, engines.memo?.levels);
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

  const justification = engines.justification ?? DEFAULT_JUSTIFICATION;
  const justified = input.align === 'justify';
  const kashida = justified && justification.arabic === 'kashida';
  // Kashida places of the whole paragraph: the line breaker's stretch, and where each line elongates (lines
  // break between words, so a word's place is the same on its line).
  const slots = kashida ? elongationSlots(text, shaped, 0, text.length, engines.shaper) : [];
  const hyphens =
    justified && justification.hyphenate && engines.hyphenator && baseLevel === 0
      ? hyphenationPoints(text, 0, text.length, (offset) => styles[runIndexes[offset]!]!.lang, engines.hyphenator).filter((offset) => levels[offset]! % 2 === 0)
      : [];

  const lines: LineBox[] = [];
  // A piece of a word cut at graphemes is reshaped on its line (joining forms, kerning), so cuts are measured
  // by shaping the piece, not by summing the whole word's advances.
  const shapedWidth = (start: number, end: number) =>
    slicesOf(text, items, shaped, start, end, engines.shaper).reduce((sum, slice) => sum + sliceWidth(slice), 0);
  const hyphenGlyphs = (offset: number) => hyphenFor(text, items, offset, engines.shaper);
  const ranges =
    (justified && justification.lines === 'total-fit'
      ? breakLinesTotalFit(text, advances, maxWidth, { slots, hyphens, hyphenWidth: (offset) => hyphenGlyphs(offset).width })
      : undefined) ?? breakLines(text, advances, maxWidth, shapedWidth);
  for (const range of ranges) {
    const end = contentEnd(text, range, levels, baseLevel);
    let slices = slicesOf(text, items, shaped, range.start, end, engines.shaper);
    const filled = justified && !(range.last || range.forced);
    if (range.hyphen) slices = withHyphen(slices, end, hyphenGlyphs(end).glyphs);
    if (filled && kashida) {
      // Spaces first, up to their soft maximum; what is left, to kashida (alreq, "Justification").
      const natural = slices.reduce((sum, slice) => sum + sliceWidth(slice), 0);
      const amount = maxWidth - natural - spaceWidth(text, slices) * SPACE_STRETCH;
      const lineSlots = slots.filter((slot) => slot.offset > range.start && slot.offset < end);
      if (amount > 0) slices = elongateLine(text, slices, lineSlots, amount, engines.shaper);
    }
    const line = buildLine(text, range.start, end, slices, baseLevel);
    if (range.hyphen) line.hyphenated = true;
    const maxSize = Math.max(...(line.runs.length ? line.runs.map((r) => r.style.size) : [styles[0]!.size]));
    const height = maxSize * input.lineHeight;
    line.height = height;
    line.ascent = height * baselineRatio;
    line.descent = height - line.ascent;
    // Total fit may set the last line tighter than natural (its spaces shrink as any line's): it fits only so.
    place(line, maxWidth, input.align, direction, filled || (justified && line.width > maxWidth));
    lines.push(line);
  }
  const top = stackLines(lines);
  const width = Math.max(0, ...lines.map((l) => l.width));
  return { layout: { lines, height: top, width, direction, text }, missing };
}

// ---------------------------------------------------------------------------------------------------------
// line height from the ink

/**
 * Space kept between a glyph's ink and the edge of its line box, in ems of the glyph's size: consecutive lines'
 * ink stays at least twice this apart (about 0.8 pt at 10 pt) however tall the font's glyphs reach.
 */
const INK_CLEARANCE_EM = 0.04;

/**
 * Sets each line's ascent, descent and baseline and returns the paragraph's height. A line's box is the strut of
 * its style (the theme's line height split at the strut font's baseline), grown where the font's real glyph
 * extents need more: Noto Nastaliq Urdu inks up to about 1.7 em above and 0.6 em below the baseline, more than
 * any theme line height of about 1.4 allows. Two consecutive lines cannot touch when the distance between their
 * baselines is at least the most any line of the paragraph inks below its baseline plus the most any inks above
 * (clearance included), so that is the least line pitch; the first line's baseline sits low enough for the
 * tallest ink. The same for every line, so the lines stay evenly spaced. Fonts whose ink stays within the strut
 * (Naskh without stacked marks, Latin, Hebrew) keep the theme's line height exactly. Fitting lays the page out
 * again with these heights, so it accounts for them.
 */
function stackLines(lines: LineBox[]): number {
  let above = 0;
  let below = 0;
  for (const line of lines) {
    const ink = inkOf(line);
    above = Math.max(above, ink.above);
    below = Math.max(below, ink.below);
  }
  let top = 0;
  for (const line of lines) {
    const height = Math.max(line.height, above + below);
    line.ascent = Math.max(line.ascent, above);
    line.descent = height - line.ascent;
    line.height = height;
    line.baseline = top + line.ascent;
    top += height;
  }
  return top;
}

/** How far a line's ink reaches above and below its baseline, in points, clearance included. */
function inkOf(line: LineBox): { above: number; below: number } {
  let above = 0;
  let below = 0;
  for (const run of line.runs) {
    const { face, style } = run;
    const scale = style.size / face.upem;
    const clearance = INK_CLEARANCE_EM * style.size;
    for (const glyph of run.glyphs) {
      const ink = face.glyphInk ? face.glyphInk(glyph.id) : { yMax: face.ascender, yMin: face.descender };
      if (!ink) continue;
      above = Math.max(above, ink.yMax * scale + glyph.dy + clearance);
      below = Math.max(below, -(ink.yMin * scale + glyph.dy) + clearance);
    }
  }
  return { above, below };
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
  /** Ends at a hyphenation point: a hyphen is drawn after its last letter. */
  hyphen?: boolean;
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
  return refitShapedLines(text, ranges.filter((r) => r.end > r.start), maxWidth, shapedWidth, contentEnd);
}

/**
 * The advances the breaker sums come from shaping the whole paragraph; a line is shaped again on its own where
 * its edges cut a cluster's context, and a contextual face (Noto Nastaliq Urdu) can then come out wider than the
 * sum. Such a line is ended at its last break opportunity where its own shaping fits; the rest becomes a line
 * of its own (checked the same way).
 */
function refitShapedLines(
  text: string,
  ranges: LineRange[],
  maxWidth: number,
  shapedWidth: (a: number, b: number) => number,
  contentEnd: (a: number, b: number) => number,
): LineRange[] {
  const out: LineRange[] = [];
  const fits = (a: number, b: number) => shapedWidth(a, contentEnd(a, b)) <= maxWidth + WIDTH_TOLERANCE;
  for (const range of ranges) {
    let start = range.start;
    while (!fits(start, range.end)) {
      const inside = [...lineBreakOpportunities(text.slice(start, range.end))].map((o) => start + o.offset).filter((o) => o > start && o < range.end);
      const end = inside.reverse().find((o) => fits(start, o));
      if (end === undefined) break; // one unbreakable piece: cut at graphemes already, or a lone grapheme
      out.push({ start, end, forced: false, last: false });
      start = end;
    }
    out.push({ ...range, start });
  }
  return out;
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

interface TotalFitOptions {
  /** Kashida places of the paragraph (their elongation is stretch of the lines that hold them). */
  slots: readonly { offset: number; tatweel: number }[];
  /** Hyphenation points (break before the offset, with a hyphen). */
  hyphens: readonly number[];
  hyphenWidth: (offset: number) => number;
}

/**
 * Knuth–Plass over the UAX #14 opportunities and the hyphenation points, with stretch and shrink from the
 * spaces and stretch from kashida. Undefined when a word is wider than the line (the greedy breaker cuts it).
 */
function breakLinesTotalFit(text: string, advances: Float64Array, maxWidth: number, options: TotalFitOptions): LineRange[] | undefined {
  const n = text.length;
  const width = new Float64Array(n + 1);
  const spaces = new Float64Array(n + 1);
  const elongation = new Float64Array(n + 1);
  const perSlot = new Float64Array(n);
  for (const slot of options.slots) perSlot[slot.offset] = slot.tatweel * MAX_TATWEELS_PER_WORD;
  for (let i = 0; i < n; i++) {
    width[i + 1] = width[i]! + advances[i]!;
    spaces[i + 1] = spaces[i]! + (text[i] === ' ' ? advances[i]! : 0);
    elongation[i + 1] = elongation[i]! + perSlot[i]!;
  }
  const offsets = lineBreakOpportunities(text).map((o) => ({ offset: o.offset, forced: o.required || o.offset === n, hyphen: false }));
  for (const offset of options.hyphens) offsets.push({ offset, forced: false, hyphen: true });
  offsets.sort((a, b) => a.offset - b.offset || Number(a.hyphen) - Number(b.hyphen));
  const candidates: BreakCandidate[] = [];
  for (const o of offsets) {
    if (candidates.at(-1)?.offset === o.offset) continue; // a hyphenation point that is also an opportunity
    candidates.push({ offset: o.offset, forced: o.forced, hyphen: o.hyphen, penalty: o.hyphen ? HYPHEN_PENALTY : 0 });
  }
  // Per candidate: where the line's drawn content ends (trailing spaces dropped) and the hyphen it draws.
  const ends = candidates.map((c) => {
    let end = c.offset;
    while (end > 0 && isTrailingWhitespace(text[end - 1]!)) end--;
    return end;
  });
  const hyphenAt = candidates.map((c, k) => (c.hyphen ? options.hyphenWidth(ends[k]!) : 0));
  const line = { width: 0, hyphen: 0, stretch: 0, shrink: 0 }; // reused: the breaker reads it at once
  const breaks = totalFit(candidates, maxWidth + WIDTH_TOLERANCE, (start, index) => {
    const end = Math.max(start, ends[index]!);
    const space = spaces[end]! - spaces[start]!;
    line.hyphen = hyphenAt[index]!;
    line.width = width[end]! - width[start]! + line.hyphen;
    line.stretch = space * SPACE_STRETCH + elongation[end]! - elongation[start]!;
    line.shrink = space * SPACE_SHRINK;
    return line;
  });
  if (!breaks) return undefined;
  const ranges: LineRange[] = [];
  let start = 0;
  for (const index of breaks) {
    const candidate = candidates[index]!;
    const last = index === candidates.length - 1;
    ranges.push({ start, end: candidate.offset, forced: candidate.forced && !last, last, hyphen: candidate.hyphen });
    start = candidate.offset;
  }
  return ranges.filter((r) => r.end > r.start);
}

// ---------------------------------------------------------------------------------------------------------
// build a line: L1, reshape at the edges, L2

/** End of the line's drawn content: UAX #9 L1 puts trailing whitespace at the paragraph level at the line's end, where it is not drawn (nor counted in the line's width). */
function contentEnd(text: string, range: LineRange, levels: Uint8Array, baseLevel: number): number {
  const lineLevels = applyTrailingWhitespaceRule(text, levels, range.start, range.end, baseLevel);
  let end = range.end;
  while (end > range.start && isTrailingWhitespace(text[end - 1]!) && lineLevels[end - 1 - range.start] === baseLevel) end--;
  return end;
}

/** The line [start, end) from its shaped slices (logical order): L2 reorders them for display. */
function buildLine(text: string, start: number, end: number, slices: readonly ShapedSlice[], baseLevel: number): LineBox {
  const order = visualOrder(slices.map((s) => s.item.level));
  const runs: GlyphRun[] = [];
  let pen = 0;
  for (const index of order) {
    const slice = slices[index]!;
    const glyphs: PositionedGlyph[] = [];
    let x = 0;
    for (const g of slice.glyphs) {
      const advance = g.advance * slice.scale;
      const glyph: PositionedGlyph = { id: g.id, x, dx: g.dx * slice.scale, dy: g.dy * slice.scale, advance, cluster: g.cluster };
      if (g.elongation) glyph.elongation = true;
      if (g.hyphen) glyph.hyphen = true;
      glyphs.push(glyph);
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
    logicalStart: start,
    logicalEnd: end,
    text: text.slice(start, end),
    direction: directionOfLevel(baseLevel),
    lang: runs[0]?.style.lang ?? '',
  };
}

// ---------------------------------------------------------------------------------------------------------
// justified lines: spaces, hyphens

/** Natural width in points of the inter-word spaces (U+0020) of the slices. */
function spaceWidth(text: string, slices: readonly ShapedSlice[]): number {
  let width = 0;
  for (const slice of slices) for (const g of slice.glyphs) if (text[g.cluster] === ' ' && !g.elongation && !g.hyphen) width += g.advance * slice.scale;
  return width;
}

/** The glyphs of a hyphen after the letter before `offset`, in that letter's face and size, and their width. */
function hyphenFor(text: string, items: readonly Item[], offset: number, shaper: Shaper): { glyphs: ShapedGlyph[]; width: number } {
  const item = items.find((it) => offset - 1 >= it.start && offset - 1 < it.end)!;
  // U+2010 HYPHEN where the face has it, else the hyphen-minus; both read back as '-'.
  const hyphen = item.face.covers(0x2010) ? '\u2010' : '-';
  const glyphs = shaper.shape({ text: hyphen, start: 0, end: 1, face: item.face, direction: 'ltr', script: item.script, lang: item.style.lang });
  return { glyphs, width: (glyphs.reduce((sum, g) => sum + g.advance, 0) * item.style.size) / item.face.upem };
}

/** The slices with a hyphen's glyphs drawn after the last letter (a left-to-right line: at its right end). */
function withHyphen(slices: ShapedSlice[], end: number, hyphen: readonly ShapedGlyph[]): ShapedSlice[] {
  return slices.map((slice) => {
    if (!(end - 1 >= slice.start && end - 1 < slice.end) || slice.item.level % 2 === 1) return slice;
    const cluster = Math.max(...slice.glyphs.map((g) => g.cluster));
    return { ...slice, glyphs: [...slice.glyphs, ...hyphen.map((g) => ({ ...g, cluster, hyphen: true }))] };
  });
}
