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
import { FaceEmbedder, type EmbeddedFace, type FontSubset } from './fontEmbedding.js';
import { noMemo, type Memo } from '../renderCache.js';
import { drawPicture, NO_PICTURE_MEMO, type PictureMemo } from './pictures.js';
import { blankGlyph, copyLineText, finishLine, joinRow, lineTexts, readAs, type LineText, type StreamGlyph, type TailGlyph } from './pdfjsText.js';
import { pdfiumVisual, popplerPrimaryLtr, popplerVisual } from './textLayer.js';
import { stripBidiControls } from '../text/controls.js';
import { pagePropertiesResources } from './pdfkitInternals.js';

/**
 * Paints the leaves of the page's structure tree, depth first; the tagging walk (tagging.ts) marks each one as
 * content of its structure element or as an artifact around the drawing.
 */
export function paintPage(doc: PDFKit.PDFDocument, page: PageLayout, memo?: PaintMemo): void {
  const embedder = new FaceEmbedder(doc, memo?.fontSubsets, memo?.toUnicodeMaps);
  const lines = paintItemsOf(page.tree).flatMap((item) => (item.kind === 'text' ? [item.line.text] : []));
  const primaryLtr = popplerPrimaryLtr(lines);
  const planned = new Map<PaintItem, PlannedLine>();
  const context: PaintContext = {
    embedder,
    faces: new Map(),
    plans: new Map(),
    pictures: memo?.pictures ?? NO_PICTURE_MEMO,
    actualTexts: memo?.actualTexts ?? noMemo(),
    ...(memo ? { lineTexts: { memo: memo.lineTexts, lineId: memo.lineId } } : {}),
  };
  let previous: { plan: PlannedLine; baseline: number } | undefined;
  const items = paintItemsOf(page.tree);
  for (const item of items) {
    if (item.kind !== 'text') continue;
    const plan = planLine(context, item.line, item.x + item.line.x);
    context.plans.set(plan.text, plan);
    const baseline = item.y + item.line.baseline;
    // Lines painted one after the other on one baseline (a fact's label and value) are one row to a reader.
    if (previous && Math.abs(previous.baseline - baseline) < ROW_TOLERANCE) {
      joinRow(previous.plan.text, plan.text);
      plan.row = previous.plan.row ??= [previous.plan];
      plan.row.push(plan);
    }
    previous = { plan, baseline };
    planned.set(item, plan);
  }
  for (const plan of planned.values()) finishLine(plan.text);
  nameRowTexts(doc, [...planned.values()]);
  paintTagged(doc, page.tree, (item, link) => paintItem(doc, page, item, planned.get(item), context, primaryLtr, link));
  embedder.finish();
}

/** What painting keeps between renders (the renderer's cache): font subsets, pictures drawn. */
export interface PaintMemo {
  fontSubsets: Memo<FontSubset>;
  /** Compressed ToUnicode maps (fontEmbedding.ts). */
  toUnicodeMaps: Memo<Buffer>;
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
  /** The lines painted one after the other on this line's baseline (a fact's label and value), when several. */
  row?: PlannedLine[];
  /** The name of the row's PDFium text in the page's /Properties (`nameRowTexts`). */
  rowText?: string;
}

function planLine(context: PaintContext, line: LineBox, left: number): PlannedLine {
  const { embedder, faces } = context;
  const runs = line.runs.filter((run) => run.glyphs.length > 0);
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
function nameRowTexts(doc: PDFKit.PDFDocument, plans: readonly PlannedLine[]): void {
  const rows = new Set(plans.flatMap((plan) => (plan.row ? [plan.row] : [])));
  if (rows.size === 0) return;
  const properties = pagePropertiesResources(doc);
  let n = 0;
  for (const row of rows) {
    const name = `Row${++n}`;
    const text = row.map((plan) => shownText(plan.line)).join(' ');
    properties[name] = { ActualText: new String(pdfiumVisual(text)) };
    for (const plan of row) plan.rowText = name;
  }
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

function paintItem(doc: PDFKit.PDFDocument, page: PageLayout, item: PaintItem, plan: PlannedLine | undefined, context: PaintContext, primaryLtr: boolean, link?: Parameters<DrawItem>[1]): void {
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
    case 'text':
      paintLine(doc, page, plan!, context, item.y + item.line.baseline, primaryLtr);
      return;
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
function paintLine(doc: PDFKit.PDFDocument, page: PageLayout, plan: PlannedLine, context: PaintContext, baseline: number, primaryLtr: boolean): void {
  const { line, left, text } = plan;
  const logical = shownText(line);
  const ops: string[] = [];
  // PDFKit's page content is flipped to a top-left origin; text needs PDF's own y-up space back.
  ops.push('q', `1 0 0 -1 0 ${num(page.height)} cm`);
  // Two readers of /ActualText, two strings: poppler reads the /Span's, PDFium the innermost span's (a row's,
  // shared by name, see nameRowTexts).
  const { actualTexts } = context;
  const poppler = actualTexts.get(`poppler|${primaryLtr}|${logical}`, () => pdfString(popplerVisual(logical, primaryLtr)));
  ops.push(`/Span <</Lang ${pdfString(line.lang)} /ActualText ${poppler}>> BDC`);
  const pdfiumText = plan.rowText ? `/${plan.rowText}` : `<</ActualText ${actualTexts.get(`pdfium|${logical}`, () => pdfString(pdfiumVisual(logical)))}>>`;
  ops.push(`/ReadingOrder ${pdfiumText} BDC`, 'BT');
  let currentFont = '';
  let currentColor = '';
  const show = (run: GlyphRun, embedded: EmbeddedFace, font: string, x: number, stream: readonly StreamGlyph[]) => {
    if (font !== currentFont) ops.push(font);
    currentFont = font;
    const color = rgb(run.style.color);
    if (color !== currentColor) ops.push(`${color} rg`);
    currentColor = color;
    // PDF text space: origin bottom-left, y up.
    ops.push(`1 0 0 1 ${num(left + x)} ${num(page.height - baseline)} Tm`);
    ops.push(...showRun(run.style.size, embedded, stream));
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
  ops.push('ET', 'EMC', 'EMC', 'Q');
  doc.addContent(ops.join('\n'));
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
function showRun(fontSize: number, embedded: EmbeddedFace, stream: readonly StreamGlyph[]): string[] {
  // The size as written in Tf: advances and adjustments must use it, or the rounding drifts along the run.
  const size = Number(num(fontSize));
  const ops: string[] = [];
  let parts: string[] = [];
  let pen = 0; // where the PDF's pen is, in points from the run's origin
  let rise = 0;
  const flush = () => {
    if (parts.length) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  for (const shown of stream) {
    const { glyph, text, extraWidth } = shown;
    if (glyph.dy !== rise) {
      flush();
      rise = glyph.dy;
      ops.push(`${num(rise)} Ts`);
    }
    const target = glyph.x + glyph.dx;
    const adjustment = num(((pen - target) * 1000) / size);
    // The pen moves by the adjustment as written (rounded), and not at all when it rounds to nothing: tracking
    // where the PDF's pen really is keeps the rounding from adding up along a line.
    if (adjustment !== '0') {
      parts.push(adjustment);
      pen -= (Number(adjustment) * size) / 1000;
    }
    const cid = embedded.cid(glyph.id, text, (extraWidth * 1000) / size);
    parts.push(`<${embedded.hex(cid)}>`);
    pen += (embedded.pdfWidth(cid) * size) / 1000;
    // pdf.js drops the adjustment that follows a glyph it skips; one at the start of a TJ it keeps.
    if (readAs(shown) === 'skipped') flush();
  }
  flush();
  if (rise !== 0) ops.push('0 Ts');
  return ops;
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
