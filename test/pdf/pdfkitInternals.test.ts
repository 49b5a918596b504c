/**
 * The PDFKit internals src/pdf/pdfkitInternals.ts relies on, and our font embedding on top of PDFKit's object
 * writer. If a PDFKit upgrade moves an internal, these fail first, naming it.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FaceEmbedder } from '../../src/pdf/fontEmbedding.js';
import { subsetFont } from '../../src/pdf/fontSubset.js';
import { deflateSync, inflateSync } from 'node:zlib';
import { PageContent, bufferPageContent, catalog, collectOutput, endStream, pageFontResources, pngPlanesImage, replaceMetadata, setDocumentId, uncompressed, viewerPreferences } from '../../src/pdf/pdfkitInternals.js';
import { FontFace, FontLibrary } from '../../src/text/fonts.js';

const library = new FontLibrary('fonts');

function newDocument(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, displayTitle: true, compress: false });
  doc.addPage();
  return doc;
}

function bytesOf(doc: PDFKit.PDFDocument): Promise<string> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  doc.end();
  return done;
}

describe('PDFKit internals', () => {
  it('collects the file PDFKit writes, the bytes its stream gives, within doc.end()', async () => {
    const make = () => {
      const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, compress: true, info: { Title: 'Ünïcode title' } });
      doc.addPage({ size: [200, 100], margin: 0 });
      doc.rect(10, 10, 50, 20).fill('#336699');
      const stream = doc.ref({ Type: 'Test' });
      stream.end(Buffer.from([0, 1, 2, 255, 10, 13]));
      setDocumentId(doc, new Uint8Array(16).fill(7));
      return doc;
    };
    const streamed = await bytesOf(make());
    const doc = make();
    const output = collectOutput(doc);
    doc.end();
    const collected = output.finish();
    expect(collected.toString('latin1')).toBe(streamed);
    // The cross-reference table's offsets are where the objects are.
    const text = collected.toString('latin1');
    const offsets = [...text.slice(text.lastIndexOf('\nxref\n')).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(3);
    offsets.forEach((offset, k) => expect(text.slice(offset)).toMatch(new RegExp(`^${k + 1} 0 obj`)));
  });

  it('ends a stream with bytes compressed before, as PDFKit would have compressed them itself', async () => {
    const content = Buffer.from(Array.from({ length: 600 }, (_, k) => (k * 7) % 256));
    const write = (own: boolean) => {
      const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, compress: true });
      doc.addPage();
      const stream = doc.ref({ N: 3 });
      if (own) stream.end(content);
      else endStream(stream, () => content, () => deflateSync(content));
      setDocumentId(doc, new Uint8Array(16));
      return bytesOf(doc);
    };
    const [pdfkits, ours] = [await write(true), await write(false)];
    expect(ours).toBe(pdfkits);
    expect(ours).toMatch(/\/N 3\s*\/Length \d+\s*\/Filter \/FlateDecode/);
  });

  it('keeps the page content\'s bytes in the order written, short and long texts alike, past its first buffer', () => {
    const content = new PageContent();
    const expected: string[] = [];
    for (let k = 0; k < 5000; k++) {
      const part = k % 7 === 0 ? `${'x'.repeat(40 + (k % 50))}\n` : `<${(k % 65536).toString(16).padStart(4, '0')}>`;
      if (k % 3 === 0) content.bytes(Buffer.from(part, 'latin1'));
      else content.text(part);
      expected.push(part);
    }
    const taken = content.take();
    expect(taken.length).toBeGreaterThan(64 * 1024);
    expect(taken.toString('latin1')).toBe(expected.join(''));
    expect(content.isEmpty).toBe(true);
  });

  it('refuses to hand out a file PDFKit has not finished (an object never ended)', () => {
    const doc = newDocument();
    const output = collectOutput(doc);
    doc.ref({ Type: 'Never ended' });
    doc.end();
    expect(() => output.finish()).toThrow(/did not finish the file/);
  });

  it('has the current page font resources, the viewer preferences and the document ID where we expect them', async () => {
    const doc = newDocument();
    const font = doc.ref({ Type: 'Font' });
    font.end(undefined);
    pageFontResources(doc).X1 = font;
    viewerPreferences(doc).PrintScaling = 'None';
    setDocumentId(doc, new Uint8Array(16).fill(0xab));
    const pdf = await bytesOf(doc);
    expect(pdf).toMatch(/\/Font <<\s*\/X1 \d+ 0 R/);
    expect(pdf).toMatch(/\/PrintScaling \/None/);
    expect(pdf).toContain('<abababababababababababababababab>');
  });

  it('has the catalog, and writes our XMP packet unfiltered instead of its own', async () => {
    const doc = newDocument();
    catalog(doc).OutputIntents = [];
    replaceMetadata(doc, '<x:xmpmeta xmlns:x="adobe:ns:meta/">لا</x:xmpmeta>');
    const pdf = await bytesOf(doc);
    expect(pdf).toMatch(/\/Type \/Catalog[^]*\/OutputIntents \[\]/);
    const metadata = /\/Type \/Metadata\s*\/Subtype \/XML\s*\/Length (\d+)\s*>>\s*stream\n([^]*?)\nendstream/.exec(pdf);
    expect(metadata, 'one unfiltered metadata stream').not.toBeNull();
    expect(Buffer.from(metadata![2]!, 'latin1').toString('utf8')).toBe('<x:xmpmeta xmlns:x="adobe:ns:meta/">لا</x:xmpmeta>');
    expect(Number(metadata![1])).toBe(Buffer.byteLength('<x:xmpmeta xmlns:x="adobe:ns:meta/">لا</x:xmpmeta>'));
    expect(pdf.match(/\/Type \/Metadata/g)).toHaveLength(1);
    expect(pdf).not.toContain('xmp:CreatorTool>PDFKit');
  });
});

describe('font embedding', () => {
  it('collects the page content in one stream, compressed once at level 3, the page\'s flip of the y axis first', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, compress: true });
    doc.addPage({ size: [100, 100] });
    bufferPageContent(doc);
    doc.rect(10, 10, 20, 20).fill('#123456');
    const pdf = Buffer.from(await bytesOf(doc), 'latin1');
    const text = pdf.toString('latin1');
    const [, dictionary] = /\d+ 0 obj\s*(<<[^>]*\/Filter \/FlateDecode[^>]*>>)\s*stream\n/.exec(text) ?? [];
    expect(dictionary).toMatch(/\/Length (\d+)/);
    const length = Number(/\/Length (\d+)/.exec(dictionary!)![1]);
    const at = text.indexOf('stream\n', text.indexOf(dictionary!)) + 'stream\n'.length;
    const stream = pdf.subarray(at, at + length);
    const operators = inflateSync(stream).toString('latin1');
    expect(operators.startsWith('1 0 0 -1 0 100 cm\n')).toBe(true);
    expect(operators.match(/1 0 0 -1 0 100 cm/g)).toHaveLength(1);
    expect(operators).toContain('re');
    // Level 3, not zlib's default: the same operators deflated at level 3 are these bytes.
    expect(Buffer.compare(stream, deflateSync(Buffer.from(operators, 'latin1'), { level: 3 }))).toBe(0);
  });

  it('numbers images with PDFKit\'s image counter and draws an object with width, height and embed as its own', async () => {
    const doc = newDocument();
    const planes = { width: 1, height: 1, colors: 3 as const, color: new Uint8Array(deflateRow([0, 255, 0, 0])), alpha: new Uint8Array(deflateRow([0, 128])) };
    const image = pngPlanesImage(doc, planes) as { label: string };
    expect(image.label).toBe('I1');
    doc.image(image as unknown as Buffer, 0, 0, { width: 10, height: 10 });
    const pdf = await bytesOf(doc);
    expect(pdf).toMatch(/\/I1 \d+ 0 R/);
    expect(pdf).toMatch(/\/SMask \d+ 0 R/);
    expect(pdf.match(/\/Predictor 15/g)).toHaveLength(2);
  });

  it('leaves a stream it is told to uncompressed in a compressed document', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, compress: true });
    doc.addPage();
    const stream = doc.ref({ Type: 'EmbeddedFile' });
    uncompressed(stream);
    stream.end(Buffer.from('as it is'));
    const pdf = await bytesOf(doc);
    expect(pdf).toContain('stream\nas it is\nendstream');
  });

  it('gives a glyph one CID per text it stands for, with its width', () => {
    const face = library.face('NotoSerif-Regular.ttf');
    const embedded = new FaceEmbedder(newDocument()).use(face, false);
    const paren = face.hbFont.nominalGlyph(0x29)!;
    const asClosing = embedded.cid(paren, ')');
    const asMirroredOpening = embedded.cid(paren, '(');
    expect(asMirroredOpening).not.toBe(asClosing);
    expect(embedded.cid(paren, ')')).toBe(asClosing);
    expect(embedded.pdfWidth(asClosing)).toBeCloseTo((face.glyphAdvance(paren) * 1000) / face.upem, 6);
  });

  it('gives a glyph that also stands for the space after it a CID of its own, wider by the space in /W', async () => {
    const doc = newDocument();
    const face = library.face('NotoSerif-Regular.ttf');
    const embedder = new FaceEmbedder(doc);
    const embedded = embedder.use(face, false);
    const a = face.hbFont.nominalGlyph(0x61)!;
    const plain = embedded.cid(a, 'a');
    const withSpace = embedded.cid(a, 'a ', 250);
    expect(withSpace).not.toBe(plain);
    expect(embedded.cid(a, 'a ', 250)).toBe(withSpace);
    expect(embedded.cid(a, 'a ', 300)).not.toBe(withSpace);
    expect(embedded.pdfWidth(withSpace)).toBeCloseTo(embedded.pdfWidth(plain) + 250, 3);
    embedder.finish();
    const widths = /\/W \[0 \[([^\]]*)\]\]/.exec(await bytesOf(doc))?.[1]?.trim().split(/\s+/).map(Number);
    expect(widths?.[withSpace]).toBeCloseTo(embedded.pdfWidth(withSpace), 3);
    expect(widths?.[plain]).toBeCloseTo(embedded.pdfWidth(plain), 3);
  });

  it('writes a Type 0 font with the subset, CID-to-glyph map, widths and a ToUnicode entry per CID', async () => {
    const doc = newDocument();
    const face = library.face('NotoSerif-Regular.ttf');
    const embedder = new FaceEmbedder(doc);
    const embedded = embedder.use(face, false);
    const a = face.hbFont.nominalGlyph(0x41)!;
    const cids = [embedded.cid(a, 'A'), embedded.cid(a, 'Α'), embedded.cid(a, '')];
    embedder.finish();
    const pdf = await bytesOf(doc);
    expect(pdf).toMatch(/\/Subtype \/Type0/);
    expect(pdf).toMatch(/\/Subtype \/CIDFontType2/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerif-Regular/);
    expect(pdf).toMatch(/\/CIDToGIDMap \d+ 0 R/);
    expect(pdf).toContain(`<${cids[0]!.toString(16).padStart(4, '0').toUpperCase()}> <0041>`);
    expect(pdf).toContain(`<${cids[1]!.toString(16).padStart(4, '0').toUpperCase()}> <0391>`);
    // A CID that stands for nothing maps to a soft hyphen, never to an empty entry.
    expect(pdf).toContain(`<${cids[2]!.toString(16).padStart(4, '0').toUpperCase()}> <00AD>`);
  });

  it('subsets a font to the glyphs used, keeping their ids, and the result is a font again', () => {
    const face = library.face('NotoNaskhArabic-Regular.ttf');
    const glyph = face.hbFont.nominalGlyph(0x628)!;
    const subset = subsetFont(face.bytes, [glyph]);
    expect(subset.length).toBeLessThan(face.bytes.length / 4);
    const reopened = new FontFace('subset.ttf', subset);
    expect(reopened.glyphAdvance(glyph)).toBe(face.glyphAdvance(glyph));
  });
});

/** One deflated row of PNG-filtered samples (filter type first). */
function deflateRow(row: number[]): Buffer {
  return deflateSync(Buffer.from(row));
}
