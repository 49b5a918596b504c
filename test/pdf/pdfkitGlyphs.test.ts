/**
 * The PDFKit internals src/pdf/pdfkitGlyphs.ts relies on. If a PDFKit upgrade moves them, these fail first,
 * with a message that says where to look, instead of PDFs quietly losing glyphs or copy-paste text.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FaceEmbedder } from '../../src/pdf/pdfkitGlyphs.js';
import { FontLibrary } from '../../src/text/fonts.js';

const library = new FontLibrary('fonts');

function newDocument(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  doc.addPage();
  return doc;
}

describe('PDFKit internals used to write pre-shaped glyphs', () => {
  it('embeds a face and registers it on the page', () => {
    const doc = newDocument();
    const embedded = new FaceEmbedder(doc).use(library.face('NotoNaskhArabic-Regular.ttf'));
    const page = (doc as unknown as { page: { fonts: Record<string, unknown> } }).page;
    expect(page.fonts[embedded.resourceName]).toBeDefined();
  });

  it('gives a glyph a CID with its width and its text, and a second CID when it stands for other text', () => {
    const doc = newDocument();
    const face = library.face('NotoSerif-Regular.ttf');
    const embedded = new FaceEmbedder(doc).use(face);
    const paren = face.hbFont.nominalGlyph(')'.codePointAt(0)!)!;
    const asClosing = embedded.cid(paren, ')');
    const asMirroredOpening = embedded.cid(paren, '(');
    expect(asClosing).toBeGreaterThan(0);
    expect(asMirroredOpening).not.toBe(asClosing);
    expect(embedded.cid(paren, ')')).toBe(asClosing);
    expect(embedded.pdfWidth(asClosing)).toBeCloseTo((face.glyphAdvance(paren) * 1000) / face.upem, 6);
    const font = (doc as unknown as { _font: { unicode: number[][]; subset: { glyphs: number[] } } })._font;
    expect(font.unicode[asClosing]).toEqual([0x29]);
    expect(font.unicode[asMirroredOpening]).toEqual([0x28]);
    expect(font.subset.glyphs[asMirroredOpening]).toBe(paren);
  });

  it('writes a PDF whose embedded subset holds the duplicated glyph', async () => {
    const doc = newDocument();
    const face = library.face('NotoSerif-Regular.ttf');
    const embedded = new FaceEmbedder(doc).use(face);
    const a = face.hbFont.nominalGlyph(0x41)!;
    const cids = [embedded.cid(a, 'A'), embedded.cid(a, 'Α')]; // Latin A, Greek Alpha drawn alike
    doc.addContent(`BT /${embedded.resourceName} 12 Tf 50 50 Td <${cids.map((c) => c.toString(16).padStart(4, '0')).join('')}> Tj ET`);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    expect(pdf).toMatch(/\/FontFile2/);
    expect(pdf).toMatch(/\/ToUnicode/);
  });
});
