/**
 * The only place that touches PDFKit internals. PDFKit normally shapes and wraps text itself (with fontkit,
 * one direction per call); we hand it glyphs the text engine already shaped and placed, so we need three
 * things it does not expose publicly:
 *   - the `EmbeddedFont` for a font (`doc.registerFont(key, bytes)`, `doc.font(key)`, then `doc._font`),
 *   - adding a glyph id to that font's subset (`font.subset.includeGlyph`, or `subset.glyphs.push` for a second
 *     CID of the same glyph), with its width (`font.widths`) and the characters it stands for in the ToUnicode
 *     map (`font.unicode`),
 *   - registering the font on the current page (`doc.page.fonts[id] = font.ref()`).
 * `test/pdf/pdfkitGlyphs.test.ts` checks these still exist, so a PDFKit upgrade that moves them fails loudly.
 */
import { create as parseFont, type Font as FontkitFont } from 'fontkit';
import type PDFDocument from 'pdfkit';
import type { FontFace } from '../text/fonts.js';

/**
 * fontkit's parse of each face, shared by every document of the process: PDFKit parses the font bytes anew
 * for each document otherwise, which was most of a warm render's time.
 */
const parsedFonts = new WeakMap<FontFace, FontkitFont>();

function parsedFont(face: FontFace): FontkitFont {
  let font = parsedFonts.get(face);
  if (!font) {
    font = parseFont(face.bytes);
    parsedFonts.set(face, font);
  }
  return font;
}

interface EmbeddedFontInternals {
  id: string;
  subset: { includeGlyph(glyphId: number): number; glyphs: number[] };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface DocumentInternals {
  _font: EmbeddedFontInternals;
  page: { fonts: Record<string, unknown> };
}

/** A font embedded in one PDF document: maps glyph ids to the subset's character ids. */
export class EmbeddedFace {
  /** CID per glyph id and text: one glyph drawn for different text (a mirrored bracket) gets one CID per text. */
  private readonly cids = new Map<string, number>();

  constructor(
    readonly face: FontFace,
    private readonly font: EmbeddedFontInternals,
  ) {}

  /** PDF resource name, e.g. `F1`. */
  get resourceName(): string {
    return this.font.id;
  }

  /**
   * The character id (CID) that shows `glyphId` standing for `text` in the ToUnicode map. The ToUnicode map
   * has one entry per CID, so when a glyph already stands for other text, the glyph is added to the subset
   * once more under a new CID (the subset encoder copies it; a few bytes).
   */
  cid(glyphId: number, text: string): number {
    // A glyph that stands for nothing (the second glyph of a cluster) must still map to something: an empty
    // ToUnicode entry makes pdf.js print the CID as a character. ZWSP is a format character extractors drop.
    if (text === '') text = '\u200b';
    const key = `${glyphId}:${text}`;
    let cid = this.cids.get(key);
    if (cid !== undefined) return cid;
    cid = this.font.subset.includeGlyph(glyphId);
    if (this.font.unicode[cid] != null) {
      this.font.subset.glyphs.push(glyphId);
      cid = this.font.subset.glyphs.length - 1;
    }
    this.font.widths[cid] = (this.face.glyphAdvance(glyphId) * 1000) / this.face.upem;
    this.font.unicode[cid] = Array.from(text, (c) => c.codePointAt(0)!);
    this.cids.set(key, cid);
    return cid;
  }

  /** Makes the font a resource of `page` (each page lists the fonts its content uses). */
  registerOn(page: DocumentInternals['page']): void {
    if (page.fonts[this.font.id] == null) page.fonts[this.font.id] = this.font.ref();
  }

  /** Advance of the glyph as the PDF's /W array says, in thousandths of the font size. */
  pdfWidth(cid: number): number {
    return this.font.widths[cid] ?? 0;
  }
}

/** Embeds faces in a document on first use (as subsets) and registers them on the current page. */
export class FaceEmbedder {
  private readonly embedded = new Map<string, EmbeddedFace>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  use(face: FontFace): EmbeddedFace {
    let embedded = this.embedded.get(face.key);
    const internals = this.doc as unknown as DocumentInternals;
    if (!embedded) {
      this.doc.registerFont(face.key, parsedFont(face) as never);
      this.doc.font(face.key);
      const font = internals._font;
      if (!font?.subset || typeof font.subset.includeGlyph !== 'function' || !Array.isArray(font.subset.glyphs) || !Array.isArray(font.widths) || !Array.isArray(font.unicode)) {
        throw new Error('PDFKit internals changed: EmbeddedFont.subset/widths/unicode not found (see src/pdf/pdfkitGlyphs.ts)');
      }
      embedded = new EmbeddedFace(face, font);
      this.embedded.set(face.key, embedded);
    }
    embedded.registerOn(internals.page);
    return embedded;
  }
}

export type { PDFDocument };
