/**
 * The document ID (the trailer's /ID) is a hash of the render's inputs, set through a PDFKit internal (`_id`,
 * see src/pdf/document.ts). These tests fail loudly if a PDFKit upgrade renames it.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { documentIdOf, fontIdentities, type DocumentIdInputs } from '../../src/pdf/document.js';
import { renderBriefing, type RenderResult } from '../../src/pipeline.js';
import { FONTS_DIR, PACKAGE_ROOT } from '../../src/resources.js';
import { extractText } from './extract.js';

const EXAMPLE = `${PACKAGE_ROOT}/examples/nato-iraq-2025.yaml`;

/** Both halves of the trailer's `/ID [<…> <…>]`, in hex. */
function trailerIds(pdf: Uint8Array): [string, string] {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/i.exec(text.slice(text.lastIndexOf('trailer')));
  if (!match) throw new Error('no /ID in the trailer');
  return [match[1]!.toLowerCase(), match[2]!.toLowerCase()];
}

describe('PDFKit internals used for the document ID', () => {
  it('PDFDocument still keeps the document ID in `_id` (16 bytes) and writes it into the trailer', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0) } });
    const internals = doc as unknown as { _id?: unknown };
    expect(internals._id, 'PDFKit renamed PDFDocument._id: update setDocumentId in src/pdf/document.ts').toBeInstanceOf(Uint8Array);
    expect((internals._id as Uint8Array).length).toBe(16);
    internals._id = Buffer.alloc(16, 0xab);
    const chunks: Buffer[] = [];
    const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.addPage();
    doc.end();
    await ended;
    expect(trailerIds(Buffer.concat(chunks))).toEqual(['ab'.repeat(16), 'ab'.repeat(16)]);
  });
});

describe('documentIdOf', () => {
  const inputs: DocumentIdInputs = {
    data: 'a'.repeat(64),
    source: 'c'.repeat(64),
    template: '<page></page>',
    theme: { a: 1, b: [1, 2] },
    labels: { x: { en: 'X' } },
    options: { lang: 'ar', calendar: 'gregory', labelFallback: null, page: 'A4', copies: null, timestamp: null },
    fonts: fontIdentities(FONTS_DIR),
  };

  it('is 16 bytes, the same for the same inputs whatever the key order', () => {
    const id = documentIdOf(inputs);
    expect(id.length).toBe(16);
    expect(Buffer.from(documentIdOf({ ...inputs, theme: { b: [1, 2], a: 1 } })).equals(Buffer.from(id))).toBe(true);
  });

  it('changes with each input', () => {
    const base = Buffer.from(documentIdOf(inputs)).toString('hex');
    const variants: DocumentIdInputs[] = [
      { ...inputs, data: 'b'.repeat(64) },
      { ...inputs, source: 'd'.repeat(64) },
      { ...inputs, template: '<page> </page>' },
      { ...inputs, theme: { a: 2, b: [1, 2] } },
      { ...inputs, labels: { x: { en: 'Y' } } },
      { ...inputs, options: { ...inputs.options, lang: 'en' } },
      { ...inputs, options: { ...inputs.options, page: 'Letter' } },
      { ...inputs, options: { ...inputs.options, calendar: 'persian' } },
      { ...inputs, options: { ...inputs.options, copies: 2 } },
      { ...inputs, options: { ...inputs.options, timestamp: '2025-01-01T00:00:00.000Z' } },
      { ...inputs, fonts: [...inputs.fonts, 'Extra.ttf:100'] },
    ];
    const ids = variants.map((v) => Buffer.from(documentIdOf(v)).toString('hex'));
    expect(new Set([base, ...ids]).size).toBe(variants.length + 1);
  });

  it('names the font files with their sizes', () => {
    expect(inputs.fonts).toContain(`NotoNaskhArabic-Regular.ttf:${readFileSync(`${FONTS_DIR}/NotoNaskhArabic-Regular.ttf`).length}`);
    expect(inputs.fonts.every((f) => /\.(ttf|otf)$/i.test(f.slice(0, f.lastIndexOf(':'))))).toBe(true);
  });
});

describe('the document ID of a rendered briefing', () => {
  const source = readFileSync(EXAMPLE, 'utf8');
  let first: RenderResult;
  let again: RenderResult;
  let edited: RenderResult;
  beforeAll(async () => {
    first = await renderBriefing(parseBriefingSource(source, EXAMPLE), { lang: 'en' });
    again = await renderBriefing(parseBriefingSource(source, EXAMPLE), { lang: 'en' });
    // One word of the data changed.
    const changed = source.replace('en: "NATO Secretary General praises strong cooperation with Iraq"', 'en: "NATO Secretary General praises close cooperation with Iraq"');
    expect(changed).not.toBe(source);
    edited = await renderBriefing(parseBriefingSource(changed, EXAMPLE), { lang: 'en' });
  });

  it('gives byte-identical PDFs for the same inputs', () => {
    expect(Buffer.from(first.pdf).equals(Buffer.from(again.pdf))).toBe(true);
  });

  it('changes, with the footer fingerprint, when one word of the data changes', async () => {
    const [id1, id2] = trailerIds(first.pdf);
    expect(id1).toBe(id2);
    expect(id1).toMatch(/^[0-9a-f]{32}$/);
    const [edited1] = trailerIds(edited.pdf);
    expect(edited1).not.toBe(id1);

    const footer = async (result: RenderResult) => (await extractText(result.pdf)).lines.map((l) => l.text).join('\n');
    const fingerprints = (text: string) => [...text.matchAll(/\b[0-9a-f]{8}\b/g)].map((m) => m[0]);
    const before = fingerprints(await footer(first));
    const after = fingerprints(await footer(edited));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });

  it('changes when only an option changes, though the metadata does not', async () => {
    // PDFKit's own ID hashes the info dictionary, which --copies does not touch.
    const copies = await renderBriefing(parseBriefingSource(source, EXAMPLE), { lang: 'en', copies: 2 });
    expect(trailerIds(copies.pdf)[0]).not.toBe(trailerIds(first.pdf)[0]);
  });
});
