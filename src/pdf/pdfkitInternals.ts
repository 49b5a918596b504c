import { deflateSync } from 'node:zlib';
import type { PngPlanes } from './pngPlanes.js';

/**
 * The only place that touches PDFKit internals. We draw pre-shaped glyphs with fonts we embed ourselves, so of
 * PDFKit we use the document, its object writer (`doc.ref`) and content stream (`doc.addContent`), plus what
 * it keeps private:
 *   - the current page's font resources (`doc.page.fonts`), where our fonts must be listed, and its resources
 *     dictionary (`doc.page.resources.data`), where named marked-content properties are listed;
 *   - the /ViewerPreferences dictionary PDFKit creates for `displayTitle` (`doc._root.data.ViewerPreferences`);
 *   - the document ID (`doc._id`), written as the trailer's /ID by `doc.end()`, which PDFKit derives from the
 *     metadata and offers no option for;
 *   - the catalog (`doc._root.data`), where the output intent and the associated file go;
 *   - the step of `doc.end()` that writes the XMP metadata stream (`doc.endMetadata`), which we replace with
 *     our own packet (src/pdf/xmp.ts): PDFKit's cannot say PDF/A-3u and does not escape the title;
 *   - a stream's `compress`, `buffer` and `data` (`PDFReference`): the page's content stream written once at
 *     our compression level, streams left uncompressed (XMP, an embedded PNG);
 *   - the image counter (`doc._imageCount`) and `doc.image`'s use of an object with a width, a height and
 *     `embed` as an image of its own (a PNG's planes);
 *   - the document's writer (`doc._write`, `doc._offset`), which pushes every object into the document's
 *     stream as a byte array of its own: the file is collected in one buffer instead (`collectOutput`).
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

/** The /Properties resources of the page being written (marked-content property lists by name), created if missing. */
export function pagePropertiesResources(doc: PDFKit.PDFDocument): Record<string, unknown> {
  const resources = (doc as unknown as { page?: { resources?: { data?: Record<string, unknown> } } }).page?.resources?.data;
  if (typeof resources !== 'object' || resources === null) throw internalsChanged('doc.page.resources.data');
  resources.Properties ??= {};
  return resources.Properties as Record<string, unknown>;
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

/** Makes `stream` be written as given, without the FlateDecode PDFKit gives every stream of a compressed document. */
export function uncompressed(stream: PDFKit.PDFKitReference): void {
  const internals = stream as unknown as { compress?: unknown };
  if (typeof internals.compress !== 'boolean') throw internalsChanged('PDFReference.compress');
  internals.compress = false;
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
    const stream = doc.ref({ Type: 'Metadata', Subtype: 'XML' });
    uncompressed(stream);
    stream.end(Buffer.from(xmp, 'utf8'));
    root.Metadata = stream;
  };
}


/**
 * Collects the file PDFKit writes, without its stream: `doc._write` turns every object's text into a byte array
 * of its own, char by char, and pushes it through the document's Node stream, a few hundred times per page (a
 * tagged page has an object per structure element); here the texts are joined and converted once. Call right
 * after creating the document; `finish()`, after `doc.end()`, gives the file. PDFKit writes the whole file
 * within `doc.end()` once every object has ended (`_finalize`, which ends with `%%EOF`); a file not finished
 * then is an error, not a wait.
 */
export function collectOutput(doc: PDFKit.PDFDocument): { finish(): Buffer } {
  const internals = doc as unknown as { _write?: unknown; _offset?: unknown; read(): Buffer | null };
  if (typeof internals._write !== 'function' || typeof internals._offset !== 'number') throw internalsChanged('PDFDocument._write and ._offset');
  // What the constructor wrote (the header), waiting in the stream nobody reads.
  const header = internals.read();
  const parts: Buffer[] = header ? [header] : [];
  let text: string[] = [];
  let last = '';
  const flush = () => {
    if (text.length > 0) parts.push(Buffer.from(text.join(''), 'latin1'));
    text = [];
  };
  internals._write = (data: string | Uint8Array) => {
    if (data instanceof Uint8Array) {
      flush();
      parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      (internals._offset as number) += data.byteLength;
      return;
    }
    // PDFKit's texts are binary strings (a char per byte) with a newline after each, as it writes them.
    last = `${data}\n`;
    text.push(last);
    (internals._offset as number) += last.length;
  };
  return {
    finish() {
      if (last !== '%%EOF\n') throw new Error('PDFKit did not finish the file within doc.end() (an object was never ended)');
      flush();
      return Buffer.concat(parts);
    },
  };
}

/** Texts up to this long are copied char by char (`PageContent.text`). */
const SHORT_TEXT = 32;

/**
 * The page's content stream as bytes, written in order: PDFKit's own operators (`doc.rect`, `doc.fill`, marked
 * content, images) as it writes them, each with the newline it adds, and ours (`bytes`, `text`) between them.
 */
export class PageContent {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  /** Latin-1 text (the operators are ASCII). */
  text(text: string): void {
    this.room(text.length);
    if (text.length > SHORT_TEXT) {
      this.length += this.buffer.write(text, this.length, 'latin1');
      return;
    }
    // A short text (a CID, a number) copied here: a call into Buffer#write costs more than the copy.
    for (let i = 0; i < text.length; i++) this.buffer[this.length++] = text.charCodeAt(i);
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Everything written so far; the content is then empty again. */
  take(): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    return out;
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  private room(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + more));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

/**
 * Collects the page's content stream in one buffer (`PageContent`, returned: the painter writes its lines' bytes
 * there) and hands it to PDFKit once, when the page ends: PDFKit turns each write into a byte array of its own,
 * char by char, and joins them all at the end; one write gives the same operators (each of PDFKit's string
 * chunks ends with the newline it adds), compressed once at `CONTENT_LEVEL`. Call after `doc.addPage`.
 */
export function bufferPageContent(doc: PDFKit.PDFDocument): PageContent {
  type Content = { write(chunk: unknown): unknown; finalize(): unknown; compress?: boolean; buffer?: unknown[]; data?: Record<string, unknown> };
  const content = (doc as unknown as { page?: { content?: Content } }).page?.content;
  if (!content || typeof content.write !== 'function' || typeof content.finalize !== 'function') throw internalsChanged('doc.page.content (the content stream)');
  if (typeof content.compress !== 'boolean' || !Array.isArray(content.buffer) || typeof content.data !== 'object') throw internalsChanged('PDFReference.compress, .buffer and .data');
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  const pending = new PageContent();
  // What addPage wrote already (its flip of the y axis) comes first, so that the whole stream is ours.
  for (const chunk of content.buffer!) pending.bytes(chunk as Uint8Array);
  content.buffer!.length = 0;
  const flush = () => {
    if (!pending.isEmpty) write(pending.take());
  };
  content.write = (chunk: unknown) => {
    if (typeof chunk === 'string') {
      pending.text(chunk);
      pending.text('\n');
      return;
    }
    // Bytes (none of PDFKit's writes to a page, but a later version's might): after what came before, in order.
    flush();
    return write(chunk);
  };
  content.finalize = () => {
    // All of the stream is ours: compressed here at CONTENT_LEVEL (PDFKit would use zlib's default, 6).
    if (content.compress && content.buffer!.length === 0 && !pending.isEmpty) {
      writeDeflated(content as Deflatable, deflateSync(pending.take(), { level: CONTENT_LEVEL }));
    } else flush();
    return finalize();
  };
  return pending;
}

/**
 * zlib's level for the page's content stream. Level 3 compresses the example's ≈ 95 KB of operators in ≈ 40 %
 * of level 6's time (1.1 against 2.7 ms, a tenth of a warm render) to a stream ≈ 3 KB larger (17.8 against
 * 14.4 KB): a page regenerated on every save is worth more than 3 % of its file.
 */
const CONTENT_LEVEL = 3;

/**
 * An image object `doc.image` draws as it draws its own (it embeds any object with a width and a height through
 * its `embed`): a PNG's colour and alpha planes (./pngPlanes.ts), written as an image with a soft mask, both
 * FlateDecode with the PNG predictor their rows were filtered with. Named by PDFKit's image counter
 * (`doc._imageCount`), as its own images are, so names never collide.
 */
export function pngPlanesImage(doc: PDFKit.PDFDocument, planes: PngPlanes): unknown {
  const internals = doc as unknown as { _imageCount?: unknown };
  if (typeof internals._imageCount !== 'number') throw internalsChanged('PDFDocument._imageCount');
  const { width, height, colors } = planes;
  const predicted = (samples: number) => ({ Predictor: 15, Colors: samples, BitsPerComponent: 8, Columns: width });
  const image: { width: number; height: number; label: string; obj?: PDFKit.PDFKitReference; embed(document: PDFKit.PDFDocument): void } = {
    width,
    height,
    label: `I${++internals._imageCount}`,
    embed(document) {
      if (image.obj) return;
      const xobject = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8, Filter: 'FlateDecode' };
      // A stream with a /Filter of its own is written as given (PDFKit compresses only unfiltered streams).
      const mask = document.ref({ ...xobject, ColorSpace: 'DeviceGray', Decode: [0, 1], DecodeParms: predicted(1) });
      mask.end(Buffer.from(planes.alpha));
      image.obj = document.ref({ ...xobject, ColorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray', DecodeParms: predicted(colors), SMask: mask });
      image.obj.end(Buffer.from(planes.color));
    },
  };
  return image;
}

/**
 * Ends `stream` with `content`, as `stream.end(content)` would, but takes the compressed bytes from `deflated`
 * when the document compresses its streams: `deflated()` must be the content deflated with zlib's defaults (a
 * text with the newline PDFKit adds to it), which is what PDFKit would write (same dictionary, /Length then
 * /Filter, same bytes). A ToUnicode map or a CID-to-glyph map is the same from render to render while its font
 * object shows the same glyphs for the same texts, the colour profile always: kept compressed, they are neither
 * written out nor compressed again.
 */
export function endStream(stream: PDFKit.PDFKitReference, content: () => string | Uint8Array, deflated: () => Buffer): void {
  const internals = stream as unknown as Partial<Deflatable> & { end(chunk?: string | Uint8Array): void };
  if (typeof internals.compress !== 'boolean' || typeof internals.data !== 'object') throw internalsChanged('PDFReference.compress and .data');
  if (!internals.compress) return internals.end(content());
  writeDeflated(internals as Deflatable, deflated());
  internals.end();
}

/** A stream's internals that `writeDeflated` uses (checked by its callers). */
interface Deflatable {
  compress: boolean;
  data: Record<string, unknown>;
  write(chunk: Uint8Array): unknown;
}

/** Writes bytes deflated already as `stream`'s data, marked FlateDecode, where PDFKit would compress them itself. */
function writeDeflated(stream: Deflatable, deflated: Uint8Array): void {
  stream.compress = false;
  stream.write(deflated);
  stream.data.Filter = 'FlateDecode';
}
