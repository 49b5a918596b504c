/**
 * The PDF file: one page painted from the layout, with print-ready settings and metadata. Deterministic:
 * no wall-clock time unless asked, so the same inputs give the same bytes.
 *
 * Every PDF is PDF/A-3u (ISO 19005-3, level U): XMP metadata naming it (xmp.ts) and mirroring the Info
 * dictionary, an sRGB output intent (outputIntent.ts), every font embedded with a ToUnicode entry for every
 * character code drawn and the font program's width for every glyph (fontEmbedding.ts), no encryption; and it
 * carries the data file it was made from, with the images the data names, as /Source associated files
 * (sourceFile.ts). It is tagged from the layout's structure tree to PDF/UA-1's rules (tagging.ts), with the
 * document's language, the title shown as the window title and tab order by structure.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { canonicalJson } from '../data/canonical.js';
import type { PageLayout } from '../layout/types.js';
import { FONT_FILE } from '../resources.js';
import { addSrgbOutputIntent } from './outputIntent.js';
import { paintPage, type PaintMemo } from './paint.js';
import { bufferPageContent, collectOutput, replaceMetadata, setDocumentId, viewerPreferences } from './pdfkitInternals.js';
import { embedSourceFiles, type SourceFile } from './sourceFile.js';
import { infoOf, xmpPacket, type DocumentFacts } from './xmp.js';

export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Creation date written to the PDF. */
  creationDate: Date;
  /** Copies to preselect in the print dialogue. */
  copies?: number;
  /**
   * The document ID (the trailer's /ID, both halves): 16 bytes, see `documentIdOf`. Without it PDFKit derives
   * one from the info dictionary (MD5 of the metadata), which does not change when only the content does.
   */
  documentId?: Uint8Array;
  /** The files the page was made from (the data file, the images it names), embedded as /Source associated files. */
  sources?: readonly SourceFile[];
}

/** Everything a rendered PDF depends on; `documentIdOf` hashes it into the document ID. */
export interface DocumentIdInputs {
  /** SHA-256 (hex) of the data's canonical JSON form (what the footer fingerprint is the start of). */
  data: string;
  /** The template's source text. */
  template: string;
  /** The theme as read (any JSON value; hashed in canonical form). */
  theme: unknown;
  /** SHA-256 (hex) of the data file's bytes as embedded (comments and layout of the file included). */
  source: string;
  /** The UI labels as read. */
  labels: unknown;
  /** The render options that change the output. */
  /** `sourceDateEpoch` only when given: the IDs of documents made without it stay what they were. */
  options: { lang: string; calendar: string; labelFallback: string | null; page: string; copies: number | null; timestamp: string | null; sourceDateEpoch?: number };
  /** The font files' identities, see `fontIdentities`. */
  fonts: readonly string[];
  /** SHA-256 (hex) of the bytes of each image the page shows, in markup order. */
  images?: readonly string[];
}

/**
 * The document ID for a set of inputs: the first 16 bytes of the SHA-256 of their canonical JSON form. Same
 * inputs, same ID (byte-identical output); any change to the data, template, theme, labels, options, fonts or images
 * gives another ID, so a viewer or print system never mistakes one version of the briefing for another.
 */
export function documentIdOf(inputs: DocumentIdInputs, canonicalOf: (value: unknown) => string = canonicalJson): Uint8Array {
  const fields: Record<string, unknown> = {
    version: 1,
    data: inputs.data,
    source: inputs.source,
    template: createHash('sha256').update(inputs.template, 'utf8').digest('hex'),
    theme: inputs.theme,
    labels: inputs.labels,
    options: inputs.options,
    fonts: inputs.fonts,
    images: inputs.images ?? [],
  };
  // The theme and the labels (large, and the same from render to render) written by `canonicalOf`, which may
  // keep their text (the renderer does).
  const canonical = canonicalJson(fields, (value) => (value === fields.theme || value === fields.labels ? canonicalOf(value) : undefined));
  return new Uint8Array(createHash('sha256').update(canonical, 'utf8').digest().subarray(0, 16));
}

/**
 * The identity of each font file in `dir`: `name:size` (sorted). Enough to tell one release of a font from
 * another without reading megabytes per render; sizes do not depend on the checkout (unlike times).
 */
export function fontIdentities(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => FONT_FILE.test(name))
    .sort()
    .map((name) => {
      try {
        return `${name}:${statSync(join(dir, name)).size}`;
      } catch {
        return `${name}:?`;
      }
    });
}

/** `memo`: what painting keeps between renders (the renderer's cache); absent, everything is made afresh. */
export function writePdf(page: PageLayout, meta: PdfMetadata, memo?: PaintMemo): Promise<Uint8Array> {
  const facts: DocumentFacts = {
    title: meta.title,
    ...definedOnly({ subject: meta.subject, author: meta.author, keywords: meta.keywords }),
    creator: 'briefing',
    producer: 'briefing (PDFKit)',
    created: meta.creationDate,
    lang: page.lang,
    ...(meta.documentId ? { documentId: meta.documentId } : {}),
    pdfa: { part: 3, conformance: 'U' },
    pdfua: 1,
  };
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margin: 0,
    autoFirstPage: false,
    // No default font: PDFKit would parse Helvetica's metrics for nothing (we only draw our own glyphs).
    font: null as unknown as string,
    compress: true,
    pdfVersion: '1.7',
    lang: page.lang,
    displayTitle: true,
    tagged: true,
    info: infoOf(facts),
  });
  const output = collectOutput(doc);
  Object.assign(viewerPreferences(doc), { PrintScaling: 'None', ...(meta.copies ? { NumCopies: meta.copies } : {}) });
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  paintPage(doc, bufferPageContent(doc), page, memo);
  if (meta.sources) embedSourceFiles(doc, meta.sources, meta.creationDate);
  addSrgbOutputIntent(doc);
  replaceMetadata(doc, xmpPacket(facts));
  if (meta.documentId) setDocumentId(doc, meta.documentId);
  doc.end();
  return Promise.resolve(new Uint8Array(output.finish()));
}

/** PDFKit fails on `undefined` info values; leave them out. */
function definedOnly<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
