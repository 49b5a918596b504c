/**
 * The paint stage: writes exactly the glyphs and positions layout computed. PDFKit neither shapes nor wraps
 * anything here; text goes in as glyph ids through `TJ` with explicit adjustments.
 *
 * Copy-paste and search give each line back in reading order in the three kinds of viewer (see textLayer.ts and
 * pdfjsText.ts): a line is one marked-content span with its language and an /ActualText for poppler, an inner
 * span with an /ActualText laid out for PDFium, and one text object whose runs are painted in reading order with
 * the texts and widths pdf.js reads. Every glyph is placed absolutely, so the order they are painted in changes
 * nothing on the page.
 */
import { paintItemsOf } from '../layout/structure.js';
import { paintTagged, type DrawItem } from './tagging.js';
import type { PageLayout, PaintItem } from '../layout/types.js';
import type { FontFace } from '../text/fonts.js';
import type { GlyphRun, LineBox } from '../text/types.js';
import { extraUnitsOf, FaceEmbedder, pdfWidthOf, type EmbeddedFace, type FontSubset } from './fontEmbedding.js';
import { PaintedLineBuilder, writePainted, type GlyphOp, type PaintedOp } from './paintedLine.js';
import { noMemo, type Memo } from '../renderCache.js';
import { drawPicture, NO_PICTURE_MEMO, type PictureMemo } from './pictures.js';
import { blankGlyph, copyLineText, finishLine, joinRow, lineTexts, readAs, type LineText, type StreamGlyph, type TailGlyph } from './pdfjsText.js';
import { pdfiumVisual, popplerPrimaryLtr, popplerVisual } from './textLayer.js';
import { stripBidiControls } from '../text/controls.js';
import { pagePropertiesResources, type PageContent } from './pdfkitInternals.js';

/**
 * Paints the leaves of the page's structure tree, depth first; the tagging walk (tagging.ts) marks each one as
 * content of its structure element or as an artifact around the drawing.
 */
export function paintPage(doc: PDFKit.PDFDocument, content: PageContent, page: PageLayout, memo?: PaintMemo): void {
  const embedder = new FaceEmbedder(doc, memo?.fontSubsets, memo?.compressedStreams);
  const textItems = paintItemsOf(page.tree).filter((item): item is TextItem => item.kind === 'text');
  const primaryLtr = popplerPrimaryLtr(textItems.map((item) => item.line.text));
  const context: PaintContext = {
    embedder,
    faces: new Map(),
    plans: new Map(),
    pictures: memo?.pictures ?? NO_PICTURE_MEMO,
    actualTexts: memo?.actualTexts ?? noMemo(),
    ...(memo ? { lineTexts: { memo: memo.lineTexts, lineId: memo.lineId } } : {}),
  };
  const rows = rowsOf(textItems);
  const rowTexts = nameRowTexts(doc, rows, context.actualTexts);
  const lines = new Map<PaintItem, LineToPaint>();
  for (const row of rows) {
    const rowText = rowTexts.get(row);
    const kept = memo?.paintedRows.get(rowKey(row, rowText, primaryLtr, page.height, memo.lineId), () => ({ lines: [] }));
    if (kept && row.every((_, k) => kept.lines[k] !== undefined)) {
      // Painted before: only the font objects are named here, in the order a fresh paint names them (planLine).
      for (const item of row) for (const run of paintedRuns(item.line)) embedder.use(run.face as FontFace, isEmbeddedRun(run, item.line));
      row.forEach((item, k) => lines.set(item, { painted: kept.lines[k]! }));
      continue;
    }
    const plans = row.map((item) => planLine(context, item.line, item.x + item.line.x));
    plans.forEach((plan, k) => {
      context.plans.set(plan.text, plan);
      // Lines painted one after the other on one baseline (a fact's label and value) are one row to a reader.
      if (k > 0) joinRow(plans[k - 1]!.text, plan.text);
    });
    plans.forEach((plan, k) => {
      finishLine(plan.text);
      lines.set(row[k]!, { plan, ...(rowText ? { rowText } : {}), keep: (painted) => kept && (kept.lines[k] = painted) });
    });
  }
  paintTagged(doc, page.tree, (item, link) => paintItem(doc, content, page, item, lines.get(item), context, primaryLtr, link));
  embedder.finish();
}

type TextItem = Extract<PaintItem, { kind: 'text' }>;

/**
 * A text item to paint: its operators kept from an earlier render, or its plan, whose operators are kept once
 * painted (`keep`).
 */
type LineToPaint = { painted: readonly PaintedOp[] } | { plan: PlannedLine; rowText?: string; keep: (painted: readonly PaintedOp[]) => void };

/**
 * The text items in painting order cut into rows: items painted one after the other on one baseline (a fact's
 * label and value) are one row to a reader; any other item is a row of its own.
 */
function rowsOf(items: readonly TextItem[]): TextItem[][] {
  const rows: TextItem[][] = [];
  let previous: number | undefined;
  for (const item of items) {
    const baseline = item.y + item.line.baseline;
    if (previous !== undefined && Math.abs(previous - baseline) < ROW_TOLERANCE) rows.at(-1)!.push(item);
    else rows.push([item]);
    previous = baseline;
  }
  return rows;
}

/**
 * What a row's operators are made from: its lines (the paragraph memo's objects, the same from render to render
 * for an unchanged paragraph) and where they start (not their height on the page: see paintedLine.ts), the
 * row's PDFium text, poppler's page direction, the page height. The lines of a row are read together
 * (`joinRow`), so a row is kept or painted again as a whole.
 */
function rowKey(row: readonly TextItem[], rowText: string | undefined, primaryLtr: boolean, height: number, lineId: (line: LineBox) => number): string {
  return `${primaryLtr}|${height}|${rowText ?? ''}|${row.map((item) => `${lineId(item.line)}@${item.x + item.line.x}`).join(';')}`;
}

/** The runs of a line that show glyphs. */
function paintedRuns(line: LineBox): GlyphRun[] {
  return line.runs.filter((run) => run.glyphs.length > 0);
}

/** What painting keeps between renders (the renderer's cache): font subsets, pictures drawn. */
export interface PaintMemo {
  fontSubsets: Memo<FontSubset>;
  /** The font objects' compressed ToUnicode and CID-to-glyph maps (fontEmbedding.ts). */
  compressedStreams: Memo<Buffer>;
  pictures: PictureMemo;
  /** A line's /ActualText strings (poppler's, PDFium's) by its text: unchanged lines read the same. */
  actualTexts: Memo<string>;
  /**
   * What pdf.js reads of a line (`lineTexts`) before the page joins it to its row, by line, place and font
   * objects. A line of an unchanged paragraph is the same object from render to render (the paragraph memo's),
   * named by `lineId`; what is kept is never changed, each render works on a copy.
   */
  lineTexts: Memo<LineText>;
  lineId: (line: LineBox) => number;
  /**
   * A row's operators (`paintedLine.ts`: font objects and CIDs left open), by what they are made from
   * (`rowKey`); a row painted afresh fills in its lines as they are painted.
   */
  paintedRows: Memo<{ lines: (readonly PaintedOp[] | undefined)[] }>;
}

/** Baselines closer than this (points) are one row: a fact label in a smaller style sits a little off. */
const ROW_TOLERANCE = 3;

/** The page's font objects by their `Tf` operation, and its lines' plans: a carrier can be shown on another line. */
interface PaintContext {
  embedder: FaceEmbedder;
  pictures: PictureMemo;
  actualTexts: Memo<string>;
  faces: Map<string, EmbeddedFace>;
  plans: Map<LineText, PlannedLine>;
  lineTexts?: { memo: Memo<LineText>; lineId: (line: LineBox) => number };
}

interface PlannedLine {
  line: LineBox;
  left: number;
  text: LineText;
  fonts: Map<GlyphRun, { embedded: EmbeddedFace; font: string }>;
}

function planLine(context: PaintContext, line: LineBox, left: number): PlannedLine {
  const { embedder, faces } = context;
  const runs = paintedRuns(line);
  const fonts = new Map(runs.map((run) => [run, fontFor(embedder, faces, run, isEmbeddedRun(run, line))] as const));
  const read = () => lineTexts(runs, (run) => fonts.get(run)!.font, { left, text: line.text, logicalStart: line.logicalStart });
  const kept = context.lineTexts;
  const text = kept ? copyLineText(kept.memo.get(`${kept.lineId(line)}|${left}|${runs.map((run) => fonts.get(run)!.font).join('|')}`, read)) : read();
  return { line, left, text, fonts };
}

/**
 * PDFium reads the lines of a row (a fact's label and its value) as one line, taking the text objects in an
 * order of its own (by x while they seem to share a baseline; a mark raised with text rise breaks that), and
 * gives the /ActualText of a span once for all the objects that follow one another with the same marked-content
 * dictionary. So the lines of a row share one dictionary, named in the page's /Properties: the row's text, read
 * once whichever object PDFium meets first.
 */
function nameRowTexts(doc: PDFKit.PDFDocument, rows: readonly TextItem[][], actualTexts: Memo<string>): Map<readonly TextItem[], string> {
  const names = new Map<readonly TextItem[], string>();
  const several = rows.filter((row) => row.length > 1);
  if (several.length === 0) return names;
  const properties = pagePropertiesResources(doc);
  for (const row of several) {
    const name = `Row${names.size + 1}`;
    const text = row.map((item) => shownText(item.line)).join(' ');
    properties[name] = { ActualText: new String(actualTexts.get(`pdfium row|${text}`, () => pdfiumVisual(text))) };
    names.set(row, name);
  }
  return names;
}

/** What a line shows, for /ActualText: its text, and the hyphen a hyphenated line draws (poppler joins the word again at a line-end hyphen). */
function shownText(line: LineBox): string {
  return stripBidiControls(line.text) + (line.hyphenated ? '-' : '');
}

/** A run embedded in the paragraph (a Latin word in Arabic) gets a font object of its own: see pdfjsText. */
function isEmbeddedRun(run: GlyphRun, line: LineBox): boolean {
  return run.level > (line.direction === 'rtl' ? 1 : 0);
}

function fontFor(embedder: FaceEmbedder, faces: Map<string, EmbeddedFace>, run: GlyphRun, embeddedRun: boolean): { embedded: EmbeddedFace; font: string } {
  const embedded = embedder.use(run.face as FontFace, embeddedRun);
  const font = `/${embedded.resourceName} ${num(run.style.size)} Tf`;
  faces.set(font, embedded);
  return { embedded, font };
}

function paintItem(doc: PDFKit.PDFDocument, content: PageContent, page: PageLayout, item: PaintItem, line: LineToPaint | undefined, context: PaintContext, primaryLtr: boolean, link?: Parameters<DrawItem>[1]): void {
  switch (item.kind) {
    case 'rect':
      doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
      return;
    case 'rule':
      doc.save().moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.width).strokeColor(item.color).stroke().restore();
      return;
    case 'link':
      // A tagged link names its target for assistive technology (/Contents, PDF/UA-1 §7.18.1).
      doc.link(item.x, item.y, item.width, item.height, item.url, (link ? { structParent: link.structParent, Contents: new String(item.url) } : {}) as PDFKit.Mixins.AnnotationOption);
      return;
    case 'text': {
      let painted: readonly PaintedOp[];
      if ('painted' in line!) painted = line.painted;
      else {
        painted = paintLine(page, line!.plan, line!.rowText, context, primaryLtr);
        line!.keep(painted);
      }
      // PDF text space: origin bottom-left, y up.
      writePainted(painted, context.embedder, num(page.height - (item.y + item.line.baseline)), content);
      return;
    }
    case 'image':
      drawPicture(doc, item, context.pictures, page.height);
      return;
    case 'qr':
      paintQr(doc, item);
      return;
    default:
      return item satisfies never;
  }
}

/** A QR code as one filled path: each row's runs of dark modules as rectangles. */
function paintQr(doc: PDFKit.PDFDocument, item: Extract<PaintItem, { kind: 'qr' }>): void {
  doc.save();
  item.modules.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end + 1 < row.length && row[end + 1]) end++;
      doc.rect(item.x + c * item.module, item.y + r * item.module, (end - c + 1) * item.module, item.module);
      c = end;
    }
  });
  doc.fill(item.color).restore();
}

/**
 * One line in one text object, its groups in reading order (every glyph is placed absolutely, so the order of
 * the content stream is free: see lineTexts). `baseline` in layout coordinates (top-left origin).
 */
function paintLine(page: PageLayout, plan: PlannedLine, rowText: string | undefined, context: PaintContext, primaryLtr: boolean): readonly PaintedOp[] {
  const { line, left, text } = plan;
  const logical = shownText(line);
  const ops = new PaintedLineBuilder();
  // PDFKit's page content is flipped to a top-left origin; text needs PDF's own y-up space back.
  ops.op('q');
  ops.op(`1 0 0 -1 0 ${num(page.height)} cm`);
  // Two readers of /ActualText, two strings: poppler reads the /Span's, PDFium the innermost span's (a row's,
  // shared by name, see nameRowTexts).
  const { actualTexts } = context;
  const poppler = actualTexts.get(`poppler|${primaryLtr}|${logical}`, () => pdfString(popplerVisual(logical, primaryLtr)));
  ops.op(`/Span <</Lang ${pdfString(line.lang)} /ActualText ${poppler}>> BDC`);
  const pdfiumText = rowText ? `/${rowText}` : `<</ActualText ${actualTexts.get(`pdfium|${logical}`, () => pdfString(pdfiumVisual(logical)))}>>`;
  ops.op(`/ReadingOrder ${pdfiumText} BDC`);
  ops.op('BT');
  let currentFont = '';
  let currentColor = '';
  const show = (run: GlyphRun, embedded: EmbeddedFace, font: string, x: number, stream: readonly StreamGlyph[]) => {
    if (font !== currentFont) ops.font(embedded.face, embedded.embeddedRun, sizeIn(font, embedded));
    currentFont = font;
    const color = rgb(run.style.color);
    if (color !== currentColor) ops.op(`${color} rg`);
    currentColor = color;
    ops.textMatrix(num(left + x));
    showRun(ops, run.style.size, embedded, stream);
  };
  // poppler places the /ActualText from where the first glyph drawn starts to where the last one ends: blank
  // glyphs at the line's two ends keep that the line's extent when the groups are painted in reading order.
  const edges = lineEdges(text);
  if (edges) show(edges.run, plan.fonts.get(edges.run)!.embedded, plan.fonts.get(edges.run)!.font, edges.left, [edges.blank]);
  // Glyphs shown on their own after a group (pdfjsText's tailMarks), in their face's other font object: pdf.js
  // ends an item where the font changes. (Marked content would too, but PDFium would read the line's text again.)
  const showTail = (tail: readonly TailGlyph[], of: PlannedLine) => {
    for (const { run: r, glyph } of tail) {
      const run = of.text.runs[r]!;
      const { embedded, font } = fontFor(context.embedder, context.faces, run, !isEmbeddedRun(run, of.line));
      show(run, embedded, font, run.x + of.left - left, [glyph]);
    }
  };
  text.groups.forEach((group, k) => {
    for (const carrier of text.carriers.filter((c) => c.beforeGroup === k)) {
      show(carrier.run, context.faces.get(carrier.font)!, carrier.font, carrier.x, [carrier.glyph]);
      showTail(carrier.tail, context.plans.get(carrier.line)!);
    }
    for (const r of group.runs) {
      const run = text.runs[r]!;
      const { embedded, font } = plan.fonts.get(run)!;
      show(run, embedded, font, run.x, text.streams[r]!);
    }
    showTail(group.tail, plan);
  });
  for (const carrier of text.carriers.filter((c) => c.beforeGroup === text.groups.length)) {
    show(carrier.run, context.faces.get(carrier.font)!, carrier.font, carrier.x, [carrier.glyph]);
    showTail(carrier.tail, context.plans.get(carrier.line)!);
  }
  if (edges) show(edges.run, plan.fonts.get(edges.run)!.embedded, plan.fonts.get(edges.run)!.font, edges.right, [edges.blank]);
  for (const op of ['ET', 'EMC', 'EMC', 'Q']) ops.op(op);
  return ops.done();
}

/** The size written in a `Tf` operation (`/H3 10.5 Tf`) of `embedded`. */
function sizeIn(font: string, embedded: EmbeddedFace): string {
  return font.slice(embedded.resourceName.length + 2, -' Tf'.length);
}

/** A blank glyph standing for nothing (the first run's space), and where it starts at the line's left and ends at its right end (line-relative). */
function lineEdges(text: LineText): { run: GlyphRun; blank: StreamGlyph; left: number; right: number } | undefined {
  const run = text.runs[0];
  if (!run) return undefined;
  const blank = blankGlyph(run);
  if (!blank) return undefined;
  const right = Math.max(...text.runs.map((r) => r.x + r.width));
  return { run, blank, left: Math.min(...text.runs.map((r) => r.x)), right: right - blank.glyph.advance };
}

/** TJ operations for a run: glyph ids with position adjustments, text rise for marks raised or lowered by GPOS. */
function showRun(ops: PaintedLineBuilder, fontSize: number, embedded: EmbeddedFace, stream: readonly StreamGlyph[]): void {
  // The size as written in Tf: advances and adjustments must use it, or the rounding drifts along the run.
  const size = Number(num(fontSize));
  const { face, embeddedRun } = embedded;
  let parts: (string | GlyphOp)[] = [];
  let pen = 0; // where the PDF's pen is, in points from the run's origin
  let rise = 0;
  const flush = () => {
    if (parts.length) ops.showText(parts);
    parts = [];
  };
  for (const shown of stream) {
    const { glyph, text, extraWidth } = shown;
    if (glyph.dy !== rise) {
      flush();
      rise = glyph.dy;
      ops.op(`${num(rise)} Ts`);
    }
    const target = glyph.x + glyph.dx;
    const adjustment = num(((pen - target) * 1000) / size);
    // The pen moves by the adjustment as written (rounded), and not at all when it rounds to nothing: tracking
    // where the PDF's pen really is keeps the rounding from adding up along a line.
    if (adjustment !== '0') {
      parts.push(adjustment);
      pen -= (Number(adjustment) * size) / 1000;
    }
    const extra = extraUnitsOf(face, glyph.id, (extraWidth * 1000) / size);
    parts.push({ kind: 'glyph', face, embeddedRun, glyphId: glyph.id, text, extra });
    pen += (pdfWidthOf(face, glyph.id, extra) * size) / 1000;
    // pdf.js drops the adjustment that follows a glyph it skips; one at the start of a TJ it keeps.
    if (readAs(shown) === 'skipped') flush();
  }
  flush();
  if (rise !== 0) ops.op('0 Ts');
}

function num(n: number): string {
  return (Math.round(n * 1000) / 1000).toString();
}

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => num(c / 255)).join(' ');
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a byte order mark. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}
