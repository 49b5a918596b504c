/**
 * The PDF file: one page painted from the layout, with print-ready settings and metadata. Deterministic:
 * no wall-clock time unless asked, so the same inputs give the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { PageLayout } from '../layout/types.js';
import { paintPage } from './paint.js';

export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Creation date written to the PDF (and from which PDFKit derives the document ID). */
  creationDate: Date;
  /** Copies to preselect in the print dialogue. */
  copies?: number;
}

export function writePdf(page: PageLayout, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: page.lang,
    displayTitle: true,
    info: definedOnly({
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.author,
      Keywords: meta.keywords,
      Creator: 'briefing',
      Producer: 'briefing (PDFKit)',
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    }),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // `displayTitle` makes PDFKit create the /ViewerPreferences dictionary; we add to it.
  const root = (doc as unknown as { _root: { data: { ViewerPreferences: { data: Record<string, unknown> } } } })._root.data;
  Object.assign(root.ViewerPreferences.data, { PrintScaling: 'None', ...(meta.copies ? { NumCopies: meta.copies } : {}) });
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  paintPage(doc, page);
  doc.end();
  return done;
}

/** PDFKit fails on `undefined` info values; leave them out. */
function definedOnly<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
