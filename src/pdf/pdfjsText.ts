/**
 * What each glyph stands for, written for pdf.js's text extraction (pdfjs-dist: the Firefox viewer's copy,
 * search and text layer). pdf.js ignores /ActualText (poppler's side is textLayer.ts): it rebuilds text glyph by
 * glyph in content order from the ToUnicode map and the /W widths (src/core/evaluator.js, `getTextContent`,
 * `buildTextContentItem`), cuts it into items at font changes and jumps, and runs a simplified bidi over each
 * item (src/core/bidi.js), which reverses an item with enough right-to-left letters and leaves any other as it is.
 */
import { bidiClass } from '../text/bidi.js';
import { hasBidiControl, stripBidiControls } from '../text/controls.js';
import type { FontFace } from '../text/fonts.js';
import type { GlyphRun } from '../text/types.js';

type Glyph = GlyphRun['glyphs'][number];

/** A glyph as the content stream shows it. */
export interface StreamGlyph {
  glyph: Glyph;
  /** What the glyph stands for in the ToUnicode map ('' for nothing). */
  text: string;
  /** Points the PDF's /W array adds to the glyph's advance. */
  extraWidth: number;
}

const FORMAT_TAIL = /\p{Cf}+$/u;
const MARK = /\p{Mn}/u;

/**
 * The glyphs of each run of a line (runs in paint order, left to right) in content-stream order, with the text
 * and /W width each stands for, written for pdf.js's text extraction without changing what is drawn (positions
 * come from TJ adjustments) or the text of the line, each read back in its order.
 *
 * pdf.js reads glyph by glyph in content order (`buildTextContentItem`): it skips a glyph whose text ends with a
 * format character (ZWSP, our "nothing", included) without moving its pen; takes one whose text starts with
 * white space for a space, to be written before the next character; counts one whose text holds a nonspacing
 * mark as zero-width and does not compare its position; compares every other glyph with the end of the last
 * compared one and writes a space where there is a gap of a tenth of the font size. Its pen moves by /W, not by
 * the shaped advances. It makes one text item of neighbouring runs in one font object (`fontOf`), and decides
 * for the whole item whether to reverse it.
 */
export function lineStreams(runs: readonly GlyphRun[], fontOf: (run: GlyphRun) => string): StreamGlyph[][] {
  const streams: StreamGlyph[][] = [];
  for (let start = 0; start < runs.length; ) {
    let end = start + 1;
    while (end < runs.length && fontOf(runs[end]!) === fontOf(runs[start]!)) end++;
    const group = runs.slice(start, end);
    const reversed = pdfjsReverses(group.map((run) => stripBidiControls(run.text)).join(''));
    const groupStreams = group.map((run) => glyphTexts(run, reversed));
    if (!reversed && group.every((run) => run.level % 2 === 1)) handOutInReadingOrder(groupStreams.flat());
    streams.push(...groupStreams);
    start = end;
  }
  leaveSpacesBeforeOpeningMarksToGaps(streams.flatMap((stream, k) => stream.map((glyph) => ({ glyph, font: fontOf(runs[k]!) }))));
  runs.forEach((run, k) => setWidths(streams[k]!, pdfWidthOf(run)));
  return streams;
}

/** The glyphs of a run as `lineStreams` gives them for a line of that run alone, read as its direction says. */
export function streamGlyphs(run: GlyphRun, readerReverses = run.level % 2 === 1): StreamGlyph[] {
  const stream = glyphTexts(run, readerReverses);
  leaveSpacesBeforeOpeningMarksToGaps(stream.map((glyph) => ({ glyph, font: '' })));
  setWidths(stream, pdfWidthOf(run));
  return stream;
}

function glyphTexts(run: GlyphRun, readerReverses: boolean): StreamGlyph[] {
  const stream = textsInStreamOrder(run, readerReverses);
  keepTextsWherePdfjsReadsThem(stream);
  putLigatureMarksOnCarriers(stream, run.face as FontFace);
  keepRaisedTextsOnTheBaseline(stream, run.style.size);
  return stream;
}

/** A vertical offset pdf.js may take for a new line (it compares glyph positions, text rise included). */
const RAISE_LIMIT_EM = 0.1;

/**
 * Nastaliq stacks a word's letters down a slope: HarfBuzz places most of them above or below the baseline
 * (cursive attachment), and pdf.js, seeing the glyph move up or down, cuts the word into items and reads a
 * space between them (`ماہر ین`). The text of a glyph raised or lowered by more than a tenth of the size goes to
 * the nearest glyph of the same word on the baseline (before it in the stream, else after it), so the stream's
 * text is unchanged and pdf.js skips the moved glyph without comparing its position; `setWidths` then gives the
 * glyph before it the width up to the next compared glyph.
 */
function keepRaisedTextsOnTheBaseline(stream: StreamGlyph[], size: number): void {
  const raised = (g: StreamGlyph) => Math.abs(g.glyph.dy) > RAISE_LIMIT_EM * size && readAs(g) === 'compared';
  if (!stream.some(raised)) return;
  const onBaseline = (g: StreamGlyph) => g.glyph.dy === 0 && readAs(g) === 'compared';
  stream.forEach((current, i) => {
    if (!raised(current)) return;
    let before: StreamGlyph | undefined;
    for (let k = i - 1; k >= 0 && readAs(stream[k]!) !== 'space'; k--) if (onBaseline(stream[k]!)) { before = stream[k]; break; }
    if (before) {
      before.text += current.text;
      current.text = '';
      return;
    }
    for (let k = i + 1; k < stream.length && readAs(stream[k]!) !== 'space'; k++) {
      if (onBaseline(stream[k]!)) {
        stream[k]!.text = current.text + stream[k]!.text;
        current.text = '';
        return;
      }
    }
  });
}

function pdfWidthOf(run: GlyphRun): (glyph: Glyph) => number {
  const face = run.face as FontFace;
  return (glyph) => (face.glyphAdvance(glyph.id) * run.style.size) / face.upem;
}

/**
 * An item of right-to-left runs that pdf.js reads as it lies (brackets, punctuation and spaces only: `} [`
 * between `{ISIS}` and `[ثان]`) has the texts of its glyphs handed out again, left to right, in reading order;
 * spaces keep their own, so each reads where it is drawn.
 */
function handOutInReadingOrder(item: StreamGlyph[]): void {
  const shown = item.filter((g) => g.text !== '' && !/^\s/u.test(g.text));
  const reading = shown.map((g) => g.text).reverse();
  shown.forEach((g, k) => (g.text = reading[k]!));
}

/**
 * Each cluster's characters go to its first glyph in logical order (a ligature gets all its letters). In a
 * right-to-left run that pdf.js reverses (see `pdfjsReverses`) each glyph's text is stored reversed and the
 * reversal of the item turns it back.
 */
function textsInStreamOrder(run: GlyphRun, readerReverses: boolean): StreamGlyph[] {
  const rtl = run.level % 2 === 1;
  const starts = [...new Set(run.glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const nextStart = new Map(starts.map((start, k) => [start, starts[k + 1] ?? run.logicalEnd]));
  const controls = hasBidiControl(run.text);
  const charsOf = (cluster: number) => {
    const chars = run.text.slice(cluster - run.logicalStart, nextStart.get(cluster)! - run.logicalStart);
    return controls ? stripBidiControls(chars) : chars;
  };
  const stream: StreamGlyph[] = run.glyphs.map((glyph) => ({ glyph, text: '', extraWidth: 0 }));
  const seen = new Set<number>();
  for (let k = 0; k < stream.length; k++) {
    const g = stream[rtl ? stream.length - 1 - k : k]!;
    // An elongation (kashida's tatweel) stands for nothing; a line-end hyphen for the hyphen it draws.
    if (g.glyph.elongation) continue;
    if (g.glyph.hyphen) {
      g.text = '-';
      continue;
    }
    if (seen.has(g.glyph.cluster)) continue;
    seen.add(g.glyph.cluster);
    g.text = charsOf(g.glyph.cluster);
  }
  if (rtl && readerReverses) for (const g of stream) if (g.text.length > 1) g.text = [...g.text].reverse().join('');
  return stream;
}

/**
 * Text pdf.js would lose moves to the start of the next glyph that stands for something: a trailing format
 * character (ZWNJ, ZWJ: pdf.js drops the whole glyph), and the text of a glyph of no advance that pdf.js would
 * compare (the alef half of Noto Naskh's lam-alef: at no advance it would not move pdf.js's "previous glyph").
 */
function keepTextsWherePdfjsReadsThem(stream: StreamGlyph[]): void {
  stream.forEach((current, i) => {
    const tail = FORMAT_TAIL.exec(current.text)?.[0];
    const moved = tail ?? (current.glyph.advance === 0 && readAs(current) === 'compared' ? current.text : undefined);
    const next = moved && stream.slice(i + 1).find((g) => g.text !== '');
    if (!moved || !next) return;
    current.text = current.text.slice(0, -moved.length);
    next.text = moved + next.text;
  });
}

/**
 * A glyph with advance whose text holds a mark (Noto Naskh's Allah ligature, a lam-alef with its tanween) would
 * be zero-width to pdf.js, which would then find its width as a gap after it. Its marks go to an invisible glyph
 * of no width drawn with it (the face's space), and it keeps the letters on one side of them.
 */
function putLigatureMarksOnCarriers(stream: StreamGlyph[], face: FontFace): void {
  const blank = face.hbFont.nominalGlyph(0x20);
  if (blank === undefined) return;
  for (let i = 0; i < stream.length; i++) {
    const current = stream[i]!;
    if (current.glyph.advance === 0 || readAs(current) !== 'mark') continue;
    const marks = [...current.text.matchAll(/\p{Mn}/gu)];
    const afterLast = marks.at(-1)!.index! + marks.at(-1)![0].length;
    const beforeFirst = marks[0]!.index!;
    const carrier = (text: string): StreamGlyph => ({ glyph: { ...current.glyph, id: blank, advance: 0, dy: 0 }, text, extraWidth: 0 });
    if (afterLast < current.text.length) {
      stream.splice(i, 0, carrier(current.text.slice(0, afterLast)));
      current.text = current.text.slice(afterLast);
      i++;
    } else if (beforeFirst > 0) {
      stream.splice(i + 1, 0, carrier(current.text.slice(beforeFirst)));
      current.text = current.text.slice(0, beforeFirst);
      i++;
    }
  }
}

/**
 * A space followed by a mark that opens a pdf.js item (no compared glyph in its font before it: a right-to-left
 * word ending in a haraka, after a run in another font) would be written as " ٌ", an item of no width that a
 * reader by position puts inside the word, and pdf.js would find the gap again at the letter. The space stands
 * for nothing instead: pdf.js finds it in the gap before the letter and writes it there, once.
 */
function leaveSpacesBeforeOpeningMarksToGaps(line: { glyph: StreamGlyph; font: string }[]): void {
  const shown = line.filter(({ glyph }) => readAs(glyph) !== 'skipped');
  let itemFont: string | undefined;
  let itemHasWidth = false;
  shown.forEach(({ glyph, font }, k) => {
    if (font !== itemFont) {
      itemFont = font;
      itemHasWidth = false;
    }
    const kind = readAs(glyph);
    if (kind === 'compared') itemHasWidth = true;
    const next = shown[k + 1];
    if (kind !== 'space' || !next || readAs(next.glyph) !== 'mark') return;
    const opensItem = next.font !== font || !itemHasWidth;
    const letterAfter = shown.slice(k + 2).some((g) => g.font === next.font && readAs(g.glyph) === 'compared');
    if (opensItem && letterAfter) glyph.text = '';
  });
}

/**
 * /W widths, following pdf.js's pen (`lag`: how far it is behind the drawn one, the advances of glyphs holding
 * marks that it does not move over):
 *  - a glyph that stands for nothing is 0 wide and one holding a mark as wide as drawn (0 for a haraka);
 *  - each compared glyph ends where the next compared glyph starts (no gap inside a word where GPOS moved a
 *    letter: Amiri's ز), or where its drawn advance ends before a space or the run's end;
 *  - after a word space, the first glyph holding a mark (the last haraka of the next right-to-left word) is
 *    widened by the gap to the next compared glyph. pdf.js has already written the space before the mark;
 *    without this it would measure the gap again at the letter and write a second one ("رَسُول ُ").
 */
function setWidths(stream: StreamGlyph[], width: (glyph: Glyph) => number): void {
  let lag = 0;
  // The end of pdf.js's last compared glyph; at the start of the run, the end of the run before it.
  let previousEnd = 0;
  let previous: { glyph: StreamGlyph; start: number; lag: number } | undefined;
  let spaceSeen = false;
  let markAfterSpace: StreamGlyph | undefined;
  const endPreviousAt = (end: number) => {
    if (!previous) return;
    const extra = end - previous.start - width(previous.glyph.glyph);
    if (Math.abs(extra) > 0.0005 && width(previous.glyph.glyph) + extra > 0) previous.glyph.extraWidth = extra;
    previousEnd = previous.start + width(previous.glyph.glyph) + previous.glyph.extraWidth;
  };
  const endPreviousAsDrawn = () => previous && endPreviousAt(previous.glyph.glyph.x + previous.glyph.glyph.advance - previous.lag);
  for (const current of stream) {
    const { glyph } = current;
    switch (readAs(current)) {
      case 'skipped':
        current.extraWidth = -width(glyph);
        break;
      case 'mark':
        current.extraWidth = glyph.advance - width(glyph);
        lag += glyph.advance;
        if (spaceSeen && !previous && !markAfterSpace) markAfterSpace = current;
        break;
      case 'space':
        endPreviousAsDrawn();
        previous = undefined;
        spaceSeen = true;
        markAfterSpace = undefined;
        break;
      case 'compared': {
        let start = glyph.x + glyph.dx - lag;
        if (markAfterSpace && start > previousEnd) {
          markAfterSpace.extraWidth += start - previousEnd;
          lag += start - previousEnd;
          start = previousEnd;
        }
        markAfterSpace = undefined;
        endPreviousAt(start);
        previous = glyph.dy === 0 ? { glyph: current, start, lag } : undefined;
        previousEnd = start + width(glyph);
      }
    }
  }
  endPreviousAsDrawn();
}

/** How pdf.js's text extraction takes a glyph with this text (see streamGlyphs). */
export function readAs({ text }: StreamGlyph): ReadAs {
  let kind = readings.get(text);
  if (kind === undefined) {
    kind = text === '' || FORMAT_TAIL.test(text) ? 'skipped' : /^\s/u.test(text) ? 'space' : MARK.test(text) ? 'mark' : 'compared';
    if (readings.size > 10_000) readings.clear();
    readings.set(text, kind);
  }
  return kind;
}

type ReadAs = 'skipped' | 'space' | 'mark' | 'compared';
const readings = new Map<string, ReadAs>();

/**
 * Does pdf.js reverse a text item made of `text`? Its bidi (src/core/bidi.js) counts right-to-left characters by
 * its own table — Hebrew, and in the Arabic blocks the letters (AL) and Arabic-Indic digits (AN) — and takes the
 * item as left-to-right when there are none, or when they are under 30 % of more than four characters.
 */
export function pdfjsReverses(text: string): boolean {
  let rtl = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i); // pdf.js goes by UTF-16 unit
    if (code >= 0x0590 && code <= 0x05f4) rtl++;
    else if (code >= 0x0600 && code <= 0x06ff) rtl += ['AL', 'AN', 'R'].includes(bidiClass(text[i]!)) ? 1 : 0;
    else if ((code >= 0x0700 && code <= 0x08ac) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) rtl++;
  }
  return rtl > 0 && !(rtl / text.length < 0.3 && text.length > 4);
}
