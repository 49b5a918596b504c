/**
 * The tagging walk on a tree made by hand: every element of PDF/UA-1's structure rules comes out in the PDF's
 * structure tree in reading order, with its text (through its MCIDs), language, alternate text and table
 * scope; decoration is an artifact; a link's annotation belongs to a Link element. Read back with pdf.js
 * (`getStructTree`) and qpdf. The example's own tree is checked end to end in test/pipeline/tagged.test.ts.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { PaintItem } from '../../src/layout/types.js';
import type { StructureNode } from '../../src/layout/structure.js';
import { paintTagged } from '../../src/pdf/tagging.js';
import type { LineBox } from '../../src/text/types.js';
import { qpdfView, textOf, type PdfValue } from './qpdf.js';
import { elementsOf, readStructure } from './structure.js';

function text(str: string, y: number): PaintItem {
  return { kind: 'text', line: { text: str } as LineBox, x: 50, y };
}

const rect: PaintItem = { kind: 'rect', x: 40, y: 40, width: 500, height: 20, color: '#1f3864' };
const rule: PaintItem = { kind: 'rule', x1: 40, y1: 300, x2: 540, y2: 300, width: 1, color: '#888888' };
const link: PaintItem = { kind: 'link', x: 50, y: 400, width: 100, height: 12, url: 'https://example.org/' };

const TREE: StructureNode = {
  role: 'Document',
  children: [
    { role: 'Artifact', artifact: 'band', children: [rect, text('OFFICIAL', 45)] },
    { role: 'H1', children: [text('The title', 80)] },
    { role: 'P', lang: 'en', children: [text('First line ', 100), text('second line.', 112)] },
    {
      role: 'L',
      children: [{ role: 'LI', children: [{ role: 'Lbl', children: [text('1.', 140)] }, { role: 'LBody', children: [text('One', 140)] }] }],
    },
    { role: 'BlockQuote', children: [{ role: 'Artifact', artifact: 'quoteBar', children: [rule] }, { role: 'P', children: [text('«Quoted»', 160)] }, { role: 'P', children: [text('— Someone', 172)] }] },
    { role: 'Table', children: [{ role: 'TR', children: [{ role: 'TH', scope: 'Column', children: [text('Time', 200)] }, { role: 'TD', children: [text('09:00', 200)] }] }] },
    { role: 'Figure', alt: 'The emblem', children: [{ kind: 'rect', x: 400, y: 200, width: 40, height: 40, color: '#000000' }] },
    { role: 'P', lang: 'ar', children: [text('site', 400), link] },
    { role: 'Artifact', artifact: 'pageFooter', children: [text('fingerprint 1234abcd', 800), { kind: 'link', x: 50, y: 800, width: 80, height: 12, url: 'https://example.org/source' }] },
  ],
};

async function tagged(tree: StructureNode): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, tagged: true, lang: 'en', pdfVersion: '1.7', compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.addPage({ size: 'A4', margin: 0 });
  doc.font('Helvetica').fontSize(10);
  paintTagged(doc, tree, (item, linked) => {
    switch (item.kind) {
      case 'text':
        doc.text(item.line.text, item.x, item.y, { lineBreak: false });
        return;
      case 'rect':
        doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
        return;
      case 'rule':
        doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke(item.color);
        return;
      case 'link':
        doc.link(item.x, item.y, item.width, item.height, item.url, (linked ? { structParent: linked.structParent, Contents: new String(item.url) } : {}) as PDFKit.Mixins.AnnotationOption);
        return;
    }
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('paintTagged', () => {
  it('writes every structure element in reading order, with its text, and nothing else', async () => {
    const { root, artifacts, mcids, owned } = await readStructure(await tagged(TREE));
    const document = root.children[0]!;
    expect(root.children.map((c) => c.role)).toEqual(['Document']);
    expect(elementsOf(document).map((e) => `${e.role}${e.text ? `:${e.text.trim()}` : ''}`)).toEqual([
      'Document',
      'H1:The title',
      'P:First line second line.',
      'L',
      'LI',
      'Lbl:1.',
      'LBody:One',
      'BlockQuote',
      'P:«Quoted»',
      'P:— Someone',
      'Table',
      'TR',
      'TH:Time',
      'TD:09:00',
      'Figure',
      'P:site',
      'Link',
      // The footer's link: its annotation still needs a Link element, under the Document.
      'Link',
    ]);
    // Every marked-content sequence with an MCID belongs to an element; decoration and furniture are artifacts.
    expect(owned).toBe(mcids);
    expect(artifacts.map((a) => a.trim())).toEqual(['OFFICIAL', 'fingerprint 1234abcd']);
  });

  it('gives elements their language and a figure its alternate text', async () => {
    const document = (await readStructure(await tagged(TREE))).root.children[0]!;
    const byRole = (role: string) => elementsOf(document).filter((e) => e.role === role);
    expect(byRole('P').map((p) => p.lang ?? null)).toEqual(['en', null, null, 'ar']);
    expect(byRole('Figure')[0]!.alt).toBe('The emblem');
  });

  it('marks the header cell\'s scope, ties the link annotation to its Link element, and sets the tab order', async () => {
    const view = qpdfView(await tagged(TREE));
    const elements = [...view.objects.values()].map((o) => o.dict).filter((d) => d['/Type'] === '/StructElem' || d['/S'] !== undefined);
    const th = elements.find((d) => d['/S'] === '/TH')!;
    expect(th['/A']).toMatchObject({ '/O': '/Table', '/Scope': '/Column' });
    const linkElements = elements.filter((d) => d['/S'] === '/Link');
    expect(linkElements).toHaveLength(2);
    for (const linkElement of linkElements) {
      const objr = (linkElement['/K'] as PdfValue[]).map((k) => view.resolve(k) as Record<string, PdfValue>).find((k) => k['/Type'] === '/OBJR')!;
      const annotation = view.resolve(objr['/Obj']) as Record<string, PdfValue>;
      expect(annotation['/Subtype']).toBe('/Link');
      expect(typeof annotation['/StructParent']).toBe('number');
      expect(textOf(annotation['/Contents'])).toMatch(/^https:\/\/example\.org\//);
    }
    expect(view.page['/Tabs']).toBe('/S');
    expect(typeof view.page['/StructParents']).toBe('number');
    expect(view.resolve(view.catalog['/MarkInfo'])).toMatchObject({ '/Marked': true });
  });

  it('refuses a Figure without alternate text (PDF/UA-1 §7.3)', async () => {
    const figure: StructureNode = { role: 'Document', children: [{ role: 'Figure', children: [rect] }] };
    await expect(tagged(figure)).rejects.toThrow(/Figure has no alternate text/);
  });
});
