/**
 * The only place that touches PDFKit internals. We draw pre-shaped glyphs with fonts we embed ourselves, so of
 * PDFKit we use the document, its object writer (`doc.ref`) and content stream (`doc.addContent`), plus three
 * things it keeps private:
 *   - the current page's font resources (`doc.page.fonts`), where our fonts must be listed;
 *   - the /ViewerPreferences dictionary PDFKit creates for `displayTitle` (`doc._root.data.ViewerPreferences`);
 *   - the document ID (`doc._id`), written as the trailer's /ID by `doc.end()`, which PDFKit derives from the
 *     metadata and offers no option for;
 *   - the catalog (`doc._root.data`), where the output intent and the associated file go;
 *   - the step of `doc.end()` that writes the XMP metadata stream (`doc.endMetadata`), which we replace with
 *     our own packet (src/pdf/xmp.ts): PDFKit's cannot say PDF/A-3u and does not escape the title.
 * `test/pdf/pdfkitInternals.test.ts` checks each, so a PDFKit upgrade that moves one fails loudly there.
 */

function internalsChanged(what: string): Error {
  return new Error(`PDFKit internals changed: ${what} not found (see src/pdf/pdfkitInternals.ts)`);
}

/** The font resources dictionary of the page being written. */
export function pageFontResources(doc: PDFKit.PDFDocument): Record<string, unknown> {
  const fonts = (doc as unknown as { page?: { fonts?: Record<string, unknown> } }).page?.fonts;
  if (typeof fonts !== 'object' || fonts === null) throw internalsChanged('doc.page.fonts');
  return fonts;
}

/** The /ViewerPreferences dictionary (PDFKit creates it when `displayTitle` is set). */
export function viewerPreferences(doc: PDFKit.PDFDocument): Record<string, unknown> {
  const prefs = (doc as unknown as { _root?: { data?: { ViewerPreferences?: { data?: Record<string, unknown> } } } })._root?.data
    ?.ViewerPreferences?.data;
  if (typeof prefs !== 'object' || prefs === null) throw internalsChanged('doc._root.data.ViewerPreferences');
  return prefs;
}

/** Replaces the document ID (16 bytes), before `doc.end()`. */
export function setDocumentId(doc: PDFKit.PDFDocument, id: Uint8Array): void {
  const internals = doc as unknown as { _id?: unknown };
  if (!(internals._id instanceof Uint8Array)) throw internalsChanged('PDFDocument._id (the document ID)');
  if (id.length !== 16) throw new Error(`the document ID must be 16 bytes, not ${id.length}`);
  internals._id = Buffer.from(id);
}

/** The document catalog's dictionary (entries written when the document ends). */
export function catalog(doc: PDFKit.PDFDocument): Record<string, unknown> {
  const root = (doc as unknown as { _root?: { data?: Record<string, unknown> } })._root?.data;
  if (typeof root !== 'object' || root === null || root.Type !== 'Catalog') throw internalsChanged('doc._root.data (the catalog)');
  return root;
}

/**
 * Makes `doc.end()` write `xmp` (UTF-8, unfiltered, as PDF/A requires) as the catalog's /Metadata stream
 * instead of PDFKit's own packet.
 */
export function replaceMetadata(doc: PDFKit.PDFDocument, xmp: string): void {
  const internals = doc as unknown as { endMetadata?: unknown };
  if (typeof internals.endMetadata !== 'function') throw internalsChanged('PDFDocument.endMetadata');
  const root = catalog(doc);
  internals.endMetadata = () => {
    const stream = doc.ref({ Type: 'Metadata', Subtype: 'XML' }) as PDFKit.PDFKitReference & { compress: boolean };
    stream.compress = false;
    stream.end(Buffer.from(xmp, 'utf8'));
    root.Metadata = stream;
  };
}

