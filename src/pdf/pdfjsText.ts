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
  /** Where pdf.js's pen must be after this glyph, in points from its run's origin (`joinReading`). */
  endsAt?: number;
}

const FORMAT_TAIL = /\p{Cf}+$/u;
const MARK = /\p{Mn}/u;

/**
 * A stretch of a line pdf.js makes one text item of: neighbouring runs (left to right) in one font object.
 * Painted together, left to right, so pdf.js's bidi over the item (see `pdfjsReverses`) gives its text back.
 */
export interface ReadingGroup {
  /** Indices into the line's runs, left to right. */
  runs: number[];
  font: string;
  /** Does pdf.js reverse the item? */
  reversed: boolean;
  /** Logical range (paragraph offsets) of the group's runs. */
  logicalStart: number;
  logicalEnd: number;
  /** Marks taken from the start of a reversed group's stream, shown after it as an item of their own (`tailMarks`). */
  tail: TailGlyph[];
}

/** A glyph shown on its own, after its group: `run` is the index of its run in the line. */
export interface TailGlyph {
  run: number;
  glyph: StreamGlyph;
}

/** What pdf.js reads of a line: per run the glyphs in stream order, and the groups in content (reading) order. */
export interface LineText {
  runs: readonly GlyphRun[];
  streams: StreamGlyph[][];
  /** In the order they are painted: the line's reading order, so a reader of the content order reads the line. */
  groups: ReadingGroup[];
  /** Absolute x of the line's origin (runs' x are relative to it), in points. */
  left: number;
  /** Blank glyphs carrying a text for pdf.js, each shown just before `groups[beforeGroup]` (see `joinReading`). */
  carriers: Carrier[];
  /** The line's logical text and its paragraph offset, to find the spaces between groups. */
  text: string;
  logicalStart: number;
}

/** An invisible glyph (the face's space) shown in `run`'s face and size at `x` (line-relative), carrying a text. */
export interface Carrier {
  beforeGroup: number;
  run: GlyphRun;
  /** The font object of `run` (the `fontOf` of its group). */
  font: string;
  glyph: StreamGlyph;
  x: number;
  /** The marks of the carried letter, shown after it (from its group's `tail`), in `line`'s runs. */
  tail: TailGlyph[];
  line: LineText;
}

/**
 * The glyphs of each run of a line (runs left to right) in content-stream order, with the text each stands
 * for, written for pdf.js's text extraction without changing what is drawn (positions come from TJ
 * adjustments), and the order to paint them in. /W widths are set by `finishLine`, after the spaces between
 * groups (and between lines of one row, `joinRow`) are settled.
 *
 * pdf.js reads glyph by glyph in content order (`buildTextContentItem`): it skips a glyph whose text ends with a
 * format character (our "nothing", a soft hyphen, too) without moving its pen; takes one whose text starts with
 * white space for a space, to be written before the next character; counts one whose text holds a nonspacing
 * mark as zero-width and does not compare its position; compares every other glyph with the end of the last
 * compared one and writes a space where there is a gap of a tenth of the font size. Its pen moves by /W, not by
 * the shaped advances. It makes one text item of neighbouring glyphs in one font object, decides for the whole
 * item whether to reverse it, and cuts a new item, with no space, where the pen jumps back. The Firefox viewer
 * (and its copy, and its search) reads the items in content order; so the groups are painted in reading order.
 */
export function lineTexts(runs: readonly GlyphRun[], fontOf: (run: GlyphRun) => string, line: { left: number; text: string; logicalStart: number }): LineText {
  const streams: StreamGlyph[][] = [];
  const groups: ReadingGroup[] = [];
  for (let start = 0; start < runs.length; ) {
    let end = start + 1;
    while (end < runs.length && fontOf(runs[end]!) === fontOf(runs[start]!)) end++;
    const group = runs.slice(start, end);
    const reversed = pdfjsReverses(itemText(group));
    // An item pdf.js keeps in stream order but whose runs read in another order (brackets around a number in
    // an Arabic phrase inside English: `)2018(` as drawn) is painted run by run in reading order instead.
    const mixed = !reversed && group.some((run) => run.level % 2 === 1) && group.some((run) => run.level % 2 === 0);
    const parts = mixed ? group.map((run) => [run]) : [group];
    let first = start;
    for (const part of parts) {
      const partReversed = mixed ? pdfjsReverses(itemText(part)) : reversed;
      const partStreams = part.map((run) => glyphTexts(run, partReversed));
      if (!partReversed && part.every((run) => run.level % 2 === 1)) handOutInReadingOrder(partStreams.flat());
      streams.push(...partStreams);
      groups.push({
        runs: part.map((_, k) => first + k),
        font: fontOf(runs[start]!),
        reversed: partReversed,
        logicalStart: Math.min(...part.map((run) => run.logicalStart)),
        logicalEnd: Math.max(...part.map((run) => run.logicalEnd)),
        tail: [],
      });
      first += part.length;
    }
    start = end;
  }
  leaveSpacesBeforeOpeningMarksToGaps(streams.flatMap((stream, k) => stream.map((glyph) => ({ glyph, font: fontOf(runs[k]!) }))));
  for (const group of groups) if (group.reversed) tailMarks(group, streams);
  groups.sort((a, b) => a.logicalStart - b.logicalStart);
  const text: LineText = { runs, streams, groups, left: line.left, carriers: [], text: line.text, logicalStart: line.logicalStart };
  for (const group of groups) closeGapsBetweenRuns(text, group);
  const reading = groups.filter((group) => readingGlyphs(text, group).some((g) => standsForText(g.glyph)));
  let lastCompared: ReadingGlyph | undefined;
  for (let k = 1; k < reading.length; k++) {
    const a = reading[k - 1]!;
    const b = reading[k]!;
    lastCompared = readingGlyphs(text, a).filter((g) => readAs(g.glyph) === 'compared').at(-1) ?? lastCompared;
    joinReading(text, a, text, b, spaceBetween(text, a, b), lastCompared);
  }
  return text;
}

/**
 * A copy of `text` that joining rows, carriers and widths (`joinRow`, `finishLine`) can change without changing
 * `text`: its glyphs (in streams, tails and carriers: one copy each, wherever it is named), groups and carriers.
 * The runs, and the shaped glyphs the stream glyphs point at, are never changed and are shared.
 */
export function copyLineText(text: LineText): LineText {
  const copies = new Map<StreamGlyph, StreamGlyph>();
  const copy = (glyph: StreamGlyph) => {
    let out = copies.get(glyph);
    if (!out) copies.set(glyph, (out = { ...glyph }));
    return out;
  };
  const tail = (glyphs: readonly TailGlyph[]) => glyphs.map(({ run, glyph }) => ({ run, glyph: copy(glyph) }));
  const out: LineText = {
    runs: text.runs,
    streams: text.streams.map((stream) => stream.map(copy)),
    groups: text.groups.map((group) => ({ ...group, tail: tail(group.tail) })),
    left: text.left,
    carriers: [],
    text: text.text,
    logicalStart: text.logicalStart,
  };
  out.carriers = text.carriers.map((carrier) => ({ ...carrier, glyph: copy(carrier.glyph), tail: tail(carrier.tail), line: carrier.line === text ? out : carrier.line }));
  return out;
}

/**
 * The text pdf.js makes an item of for these runs, to tell whether it reverses it: no bidi controls, no white
 * space at the ends (a space glyph never opens an item, and one at its end is written only before a glyph that
 * follows in it): the run « م.، » before an isolate is the item «م.،», which pdf.js reverses; counted with its
 * two spaces it would not be (under 30 % right-to-left letters in more than four characters).
 */
function itemText(runs: readonly GlyphRun[]): string {
  return runs.map((run) => stripBidiControls(run.text)).join('').trim().replace(/\s+/gu, ' ');
}

/**
 * The face's space glyph standing for nothing, as wide as a space in /W (`advance`, points): it draws nothing,
 * pdf.js skips it, and PDFium, which measures the gap between text objects by their first and last glyphs'
 * widths, still finds a line's objects on one baseline.
 */
export function blankGlyph(run: GlyphRun): StreamGlyph | undefined {
  const id = (run.face as FontFace).hbFont.nominalGlyph(0x20);
  if (id === undefined || !run.glyphs[0]) return undefined;
  const glyph = { ...run.glyphs[0], id, x: 0, dx: 0, dy: 0, advance: 0 };
  glyph.advance = pdfWidthOf(run)(glyph);
  return { glyph, text: '', extraWidth: 0 };
}

/**
 * The marks that start a reversed group's stream (the haraka or tanween ending its last word, drawn left of
 * their letter) are shown after the group instead, as an item of their own. pdf.js compares no glyph holding a
 * mark, so the group's first compared glyph would find the pen's jump there (from the item before, or from the
 * line above) and cut the marks off into an item read before the group's text, or before the line break.
 */
function tailMarks(group: ReadingGroup, streams: StreamGlyph[][]): void {
  const leading: TailGlyph[] = [];
  for (const r of group.runs) {
    for (const glyph of streams[r]!) {
      const kind = readAs(glyph);
      if (kind === 'compared') {
        if (leading.length === 0) return;
        group.tail = asMarksItem(leading, streams);
        return;
      }
      if (kind === 'mark') leading.push({ run: r, glyph });
    }
  }
}

/** Takes marks out of their streams to be shown as an item of their own, after their letter's item. */
function asMarksItem(marks: TailGlyph[], streams: StreamGlyph[][]): TailGlyph[] {
  for (const { run, glyph: mark } of marks) streams[run]!.splice(streams[run]!.indexOf(mark), 1);
  // An item of marks alone is not reversed: its texts, stored for the group's reversal, go back to reading
  // order, all on its first glyph. (One holding a letter too, of a ligature, is reversed.)
  const stored = marks.map(({ glyph: mark }) => mark.text).join('');
  if (!pdfjsReverses(stored)) {
    const reading = [...stored].reverse().join('');
    marks.forEach(({ glyph: mark }, k) => (mark.text = k === 0 ? reading : ''));
  }
  return marks;
}

/** Sets the /W widths of a line whose texts are final. */
export function finishLine(text: LineText): void {
  text.runs.forEach((run, k) => setWidths(text.streams[k]!, run));
  for (const group of text.groups) for (const { run, glyph } of group.tail) setWidths([glyph], text.runs[run]!);
  for (const carrier of text.carriers) for (const { run, glyph } of carrier.tail) setWidths([glyph], carrier.line.runs[run]!);
}

/**
 * The boundary between the last group read on one line and the first read on the next, when both lie on one
 * row (a fact's label and its value, a list's marker and its item): a reader of the row needs a space there.
 */
export function joinRow(previous: LineText, next: LineText): void {
  const a = [...previous.groups].reverse().find((group) => readingGlyphs(previous, group).some((g) => standsForText(g.glyph)));
  const b = next.groups.find((group) => readingGlyphs(next, group).some((g) => standsForText(g.glyph)));
  if (a && b) joinReading(previous, a, next, b, true, readingGlyphs(previous, a).filter((g) => readAs(g.glyph) === 'compared').at(-1));
}

interface ReadingGlyph {
  glyph: StreamGlyph;
  run: GlyphRun;
  /** Absolute x of the run's origin. */
  origin: number;
  /** Where pdf.js has the glyph start and end (absolute, points). */
  x: number;
  end: number;
}

/** The glyphs of a group in stream order, with where pdf.js has them (behind the drawn x by the marks' advances). */
function readingGlyphs(line: LineText, group: ReadingGroup): ReadingGlyph[] {
  return group.runs.flatMap((r) => {
    const run = line.runs[r]!;
    let lag = 0;
    return line.streams[r]!.map((glyph) => {
      const x = line.left + run.x + glyph.glyph.x + glyph.glyph.dx - lag;
      if (readAs(glyph) === 'mark') lag += glyph.glyph.advance;
      return { glyph, run, origin: line.left + run.x, x, end: x + glyph.glyph.advance };
    });
  });
}

/**
 * Runs of one item that touch with no space between them (`2018` and the `،` after it, at two levels) can
 * still leave pdf.js a gap, the first run's last glyph being narrower in /W than drawn: its /W width then
 * reaches the next run's first glyph.
 */
function closeGapsBetweenRuns(line: LineText, group: ReadingGroup): void {
  const edgeChar = (run: GlyphRun, right: boolean) => {
    const text = stripBidiControls(run.text);
    return (run.level % 2 === 1) === right ? text[0] : text.at(-1);
  };
  for (let k = 1; k < group.runs.length; k++) {
    const left = line.runs[group.runs[k - 1]!]!;
    const right = line.runs[group.runs[k]!]!;
    if (/\s/u.test(edgeChar(left, true) ?? ' ') || /\s/u.test(edgeChar(right, false) ?? ' ')) continue;
    const one = { ...group, runs: [group.runs[k - 1]!] };
    const other = { ...group, runs: [group.runs[k]!] };
    const last = readingGlyphs(line, one).filter((g) => readAs(g.glyph) === 'compared').at(-1);
    const first = readingGlyphs(line, other).find((g) => readAs(g.glyph) === 'compared');
    if (last && first) last.glyph.endsAt = first.x + PEN_OVERLAP - last.origin;
  }
}

/** A glyph pdf.js takes text from (compared, or holding a mark). */
function standsForText(glyph: StreamGlyph): boolean {
  const kind = readAs(glyph);
  return kind === 'compared' || kind === 'mark';
}

/** Is there white space between the last character of `a` and the first of `b` (logical order)? */
function spaceBetween(line: LineText, a: ReadingGroup, b: ReadingGroup): boolean {
  const between = stripBidiControls(line.text.slice(a.logicalStart - line.logicalStart, b.logicalEnd - line.logicalStart));
  const aText = stripBidiControls(line.text.slice(a.logicalStart - line.logicalStart, a.logicalEnd - line.logicalStart)).trimEnd();
  const bText = stripBidiControls(line.text.slice(b.logicalStart - line.logicalStart, b.logicalEnd - line.logicalStart)).trimStart();
  const gap = between.slice(aText.length, between.length - bText.length);
  return /\s/u.test(gap);
}

/** pdf.js writes a space where the pen moved on by this share of the font size (`TRACKING_SPACE_FACTOR`). */
const PDFJS_SPACE_GAP = 0.102;
/** How far past the next glyph's start a pen is sent so that pdf.js finds no gap there, rounding aside (points). */
const PEN_OVERLAP = 0.01;
/** How far before the next item a carrier ends (in font sizes): a gap pdf.js writes one space for. */
const CARRIER_GAP = 0.25;

/**
 * The space between two groups read one after the other (`a` then `b`), for pdf.js:
 *  - where `b` starts right of `a`'s end by a gap, pdf.js writes the space itself;
 *  - else, when pdf.js does not reverse `a`, the space ends the text of `a`'s last glyph that stands for
 *    something, and when it reverses `b`, it ends the text of `b`'s last (it comes out first);
 *  - else (`a` reversed, `b` not: an Arabic word before a Latin one or a number, on a right-to-left line) no
 *    glyph of either can carry it (pdf.js takes a text that starts with white space for a space and drops it at
 *    the start of an item), and the pen jumps back, so pdf.js finds no gap: the text of `a`'s logically last
 *    letter moves to a blank carrier shown just left of `b`, after `a`: pdf.js reads it as an item of its own,
 *    then finds the gap to `b` and writes the space. (A /W width sending the pen back instead would squeeze the
 *    text layer's box of the whole of `a`, and with it the viewer's selection; the carrier moves one letter's.)
 * The glyphs of white space at that boundary then stand for nothing, so pdf.js does not add another space.
 */
function joinReading(aLine: LineText, a: ReadingGroup, bLine: LineText, b: ReadingGroup, space: boolean, previous: ReadingGlyph | undefined): void {
  const aGlyphs = readingGlyphs(aLine, a);
  const bGlyphs = readingGlyphs(bLine, b);
  const aLast = aGlyphs.filter((g) => readAs(g.glyph) === 'compared').at(-1);
  const bFirst = bGlyphs.find((g) => readAs(g.glyph) === 'compared');
  const size = (aLast ?? aGlyphs[0]!).run.style.size;
  // pdf.js compares b's first glyph with the last compared one before it, in `a` or (a group of marks alone
  // moves no pen) before `a`; after an item of marks alone (of no width: no direction) any step on is a gap.
  const gap = previous && bFirst ? bFirst.x - previous.end : -Infinity;
  const marksOnly = !aLast;
  if (marksOnly ? gap > 0 : gap >= PDFJS_SPACE_GAP * size) {
    // A gap pdf.js would write a space for, where the text has none (a stand-alone haraka between brackets):
    // the /W width of the glyph before reaches just past b's start.
    if (!space) previous!.glyph.endsAt = bFirst!.x + PEN_OVERLAP - previous!.origin;
    if (!space || !marksOnly) return;
  }
  if (!space) return;
  const edge = (glyphs: typeof aGlyphs, fromEnd: boolean) => {
    const list = fromEnd ? [...glyphs].reverse() : glyphs;
    const edgeSpaces = [];
    for (const g of list) {
      if (readAs(g.glyph) === 'space' || readAs(g.glyph) === 'skipped') edgeSpaces.push(g);
      else return { edgeSpaces, text: g };
    }
    return { edgeSpaces, text: undefined };
  };
  // Logical end of a: stream end when pdf.js keeps a's order, stream start when it reverses a.
  const aEnd = edge(aGlyphs, !a.reversed);
  const bStart = edge(bGlyphs, b.reversed);
  const clear = () => {
    for (const g of [...aEnd.edgeSpaces, ...bStart.edgeSpaces]) if (readAs(g.glyph) === 'space') g.glyph.text = '';
  };
  if (!a.reversed && aEnd.text) {
    clear();
    aEnd.text.glyph.text += ' ';
    return;
  }
  if (b.reversed) {
    const last = edge(bGlyphs, true).text;
    if (!last) return;
    clear();
    last.glyph.text += ' ';
    return;
  }
  // a reversed, b not. The letter carried is a's logically last one: in a right-to-left run the first in the
  // stream, in a number inside it (٢٠٢٥, at a higher level) the number's last digit.
  if (!bFirst) return;
  const moved = aGlyphs.filter((g) => standsForText(g.glyph)).reduce<ReadingGlyph | undefined>((last, g) => (!last || g.glyph.glyph.cluster > last.glyph.glyph.cluster ? g : last), undefined);
  if (!moved || readAs(moved.glyph) !== 'compared') return;
  // Marks of the carried letter drawn on another line would be read by PDFium among that line's objects.
  if (a.tail.length > 0 && aLine !== bLine) return;
  const carrier = blankGlyph(moved.run);
  if (!carrier) return;
  // A space given to this glyph for the boundary before a (a reversed item's text starts with it) stays in a.
  const spaceBefore = moved.glyph.text.endsWith(' ') && moved.glyph.text.trim() !== '';
  let text = spaceBefore ? moved.glyph.text.slice(0, -1) : moved.glyph.text;
  const carrierReversed = pdfjsReverses(text);
  if ([...text].length > 1 && !carrierReversed) text = [...text].reverse().join('');
  // The word space before the carried letter would now open a's item, where pdf.js drops it: the carrier, read
  // reversed, ends its text with it (it comes out first).
  const spacesAfter = (glyph: ReadingGlyph) => {
    const after = aGlyphs.slice(aGlyphs.indexOf(glyph) + 1);
    const end = after.findIndex((g) => readAs(g.glyph) === 'compared' || readAs(g.glyph) === 'mark');
    return { spaces: after.slice(0, Math.max(0, end)).filter((g) => readAs(g.glyph) === 'space'), next: end >= 0 ? after[end] : undefined };
  };
  let { spaces, next } = spacesAfter(moved);
  const carried = [moved];
  if (spaces.length > 0 && !carrierReversed) {
    // A sign standing alone between words («بریفنگ – ۵»): a carrier of the sign alone, kept in order, could not
    // end with the space before it. The word before goes along with its last letter («گ –»), read reversed.
    if (next !== undefined && readAs(next.glyph) === 'mark' && aLine === bLine && !spaceBefore) {
      carrySignPastMarkedLetter(aLine, a, b, { sign: moved, text, spaces, firstMark: next, bFirst, size }, clear);
      return;
    }
    if (next === undefined || readAs(next.glyph) !== 'compared') return;
    const wider = `${[...next.glyph.text].reverse().join('')} ${text}`;
    if (!pdfjsReverses(wider)) return;
    for (const g of spaces) g.glyph.text = '';
    text = [...wider].reverse().join('');
    carried.push(next);
    ({ spaces } = spacesAfter(next));
  }
  clear();
  for (const g of spaces) g.glyph.text = '';
  if (spaces.length > 0) text += ' ';
  for (const g of carried) g.glyph.text = '';
  carrier.text = text;
  if (spaceBefore) {
    const last = readingGlyphs(aLine, a).filter((g) => standsForText(g.glyph)).at(-1);
    if (last) last.glyph.text += ' ';
    // a was the carried letter alone (a one-letter word after Arabic-Indic digits: «٢٠٢٥ و 50%»): the carrier,
    // read reversed, takes the space along (it comes out first).
    else if (carrierReversed && !carrier.text.endsWith(' ')) carrier.text += ' ';
  }
  // On another line (a fact's value after its label) the carrier is shown at the end of a's line, so its text
  // stays in a's marked content (its structure element); else just before b.
  const home = aLine === bLine ? bLine : aLine;
  home.carriers.push({
    beforeGroup: aLine === bLine ? bLine.groups.indexOf(b) : aLine.groups.length,
    run: moved.run,
    font: a.font,
    x: bFirst.x - CARRIER_GAP * size - carrier.glyph.advance - home.left,
    glyph: carrier,
    tail: a.tail,
    line: aLine,
  });
  // The marks of the letter before the carried one now start a's stream.
  a.tail = [];
  tailMarks(a, aLine.streams);
}

/**
 * A sign standing alone after a word that ends in a haraka (`رَسُولُ ، the`): the word's last letter cannot go
 * along with the sign in one carrier (a text holding a mark is no item of its own to pdf.js), so it gets a
 * carrier of its own, its marks shown after it as their own item, and the sign a second one: left of b, letter,
 * sign, b, each after a gap pdf.js writes a space for (after marks alone, of no width, any step on is one).
 */
function carrySignPastMarkedLetter(
  line: LineText,
  a: ReadingGroup,
  b: ReadingGroup,
  { sign, text, spaces, firstMark, bFirst, size }: { sign: ReadingGlyph; text: string; spaces: ReadingGlyph[]; firstMark: ReadingGlyph; bFirst: ReadingGlyph; size: number },
  clear: () => void,
): void {
  const glyphs = readingGlyphs(line, a);
  const marks: ReadingGlyph[] = [];
  let letter: ReadingGlyph | undefined;
  for (const g of glyphs.slice(glyphs.findIndex((r) => r.glyph === firstMark.glyph))) {
    const kind = readAs(g.glyph);
    if (kind === 'mark') marks.push(g);
    else if (kind === 'compared') {
      letter = g;
      break;
    } else if (kind === 'space') return;
  }
  if (!letter || !pdfjsReverses(letter.glyph.text)) return;
  const letterCarrier = blankGlyph(letter.run);
  const signCarrier = blankGlyph(sign.run);
  if (!letterCarrier || !signCarrier) return;
  // A one-letter word: the space before it (after it in the stream) goes with its carrier, read reversed.
  const after = glyphs.slice(glyphs.indexOf(letter) + 1);
  const end = after.findIndex((g) => readAs(g.glyph) === 'compared' || readAs(g.glyph) === 'mark');
  const wordSpaces = after.slice(0, end < 0 ? after.length : end).filter((g) => readAs(g.glyph) === 'space');
  clear();
  for (const g of [...spaces, ...wordSpaces]) g.glyph.text = '';
  letterCarrier.text = letter.glyph.text + (wordSpaces.length > 0 ? ' ' : '');
  signCarrier.text = text;
  sign.glyph.text = '';
  letter.glyph.text = '';
  const tail = asMarksItem(
    marks.map((g) => ({ run: line.runs.indexOf(g.run), glyph: g.glyph })),
    line.streams,
  );
  const signX = bFirst.x - CARRIER_GAP * size - signCarrier.glyph.advance - line.left;
  const letterX = signX - CARRIER_GAP * size - letterCarrier.glyph.advance;
  const beforeGroup = line.groups.indexOf(b);
  line.carriers.push(
    { beforeGroup, run: letter.run, font: a.font, x: letterX, glyph: letterCarrier, tail, line },
    { beforeGroup, run: sign.run, font: a.font, x: signX, glyph: signCarrier, tail: [], line },
  );
  a.tail = [];
  tailMarks(a, line.streams);
}

/** The glyphs of a run as `lineStreams` gives them for a line of that run alone, read as its direction says. */
export function streamGlyphs(run: GlyphRun, readerReverses = run.level % 2 === 1): StreamGlyph[] {
  const stream = glyphTexts(run, readerReverses);
  leaveSpacesBeforeOpeningMarksToGaps(stream.map((glyph) => ({ glyph, font: '' })));
  setWidths(stream, run);
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

/** Is the glyph raised or lowered (GPOS, cursive attachment) by more than pdf.js lets pass on one line? */
function isRaised(glyph: Glyph, size: number): boolean {
  return Math.abs(glyph.dy) > RAISE_LIMIT_EM * size;
}

/**
 * Nastaliq stacks a word's letters down a slope: HarfBuzz places most of them above or below the baseline
 * (cursive attachment), and pdf.js, seeing the glyph move up or down, cuts the word into items and reads a
 * space between them (`ماہر ین`). The text of a glyph raised or lowered by more than a tenth of the size goes to
 * the nearest glyph of the same word on the baseline (before it in the stream, else after it), so the stream's
 * text is unchanged and pdf.js skips the moved glyph without comparing its position; `setWidths` then gives the
 * glyph before it the width up to the next compared glyph.
 */
function keepRaisedTextsOnTheBaseline(stream: StreamGlyph[], size: number): void {
  const raised = (g: StreamGlyph) => isRaised(g.glyph, size) && readAs(g) === 'compared';
  if (!stream.some(raised)) return;
  // A glyph a little off the baseline (the ل of ملک, 0.06 em up) is on it to pdf.js: passing it by would put
  // the moved text on the far side of that glyph's own letter (ملک read «لمک»).
  const onBaseline = (g: StreamGlyph) => !isRaised(g.glyph, size) && readAs(g) === 'compared';
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
function setWidths(stream: StreamGlyph[], run: GlyphRun): void {
  const width = pdfWidthOf(run);
  let lag = 0;
  // The end of pdf.js's last compared glyph; at the start of the run, the end of the run before it.
  let previousEnd = 0;
  let previous: { glyph: StreamGlyph; start: number; lag: number } | undefined;
  let spaceSeen = false;
  let markAfterSpace: StreamGlyph | undefined;
  const starts = new Map<StreamGlyph, number>();
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
        // The word before ends where the space starts: a Nastaliq word's last glyph on the baseline (its other
        // glyphs raised, their texts moved to it, skipped by pdf.js) is far from the word's end, and pdf.js would
        // find a gap of more than a space there and cut the line into items in drawn order.
        if (previous) endPreviousAt(Math.max(glyph.x + glyph.dx - lag, previous.glyph.glyph.x + previous.glyph.glyph.advance - previous.lag));
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
        starts.set(current, start);
        endPreviousAt(start);
        // A glyph a little off the baseline reaches the next compared glyph too (else pdf.js finds a gap after
        // it: استعداد cut after its ت); one raised further keeps its drawn width.
        previous = isRaised(glyph, run.style.size) ? undefined : { glyph: current, start, lag };
        previousEnd = start + width(glyph);
      }
    }
  }
  endPreviousAsDrawn();
  // A glyph sent on to a given place (joinReading, closeGapsBetweenRuns), from where pdf.js has it start.
  for (const current of stream) {
    const start = starts.get(current);
    if (current.endsAt !== undefined && start !== undefined) current.extraWidth = current.endsAt - start - width(current.glyph);
  }
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
