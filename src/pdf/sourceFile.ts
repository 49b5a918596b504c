/**
 * The files a briefing was made from, carried inside its PDF as PDF/A-3 associated files (ISO 19005-3, 6.8):
 * the data file, and each image the data names (a visitor's photo), since the data alone would not render
 * again without them. Each is a file specification with /AFRelationship /Source in the catalog's /AF array and
 * in the /EmbeddedFiles name tree, its stream with the MIME type as /Subtype and /Params (size, MD5 checksum,
 * dates). Whoever holds the PDF can take them out (`briefing extract`) and render them again, to the same bytes.
 */
import { createHash } from 'node:crypto';
import { dirname, relative, resolve, sep } from 'node:path';
import type { ImageStore } from '../images/store.js';
import { childElements, type ElementOf, type MarkupElement } from '../markup/types.js';
import { catalog, uncompressed } from './pdfkitInternals.js';

/** A file as embedded. */
export interface SourceFile {
  /** The file's bytes, exactly as read. */
  bytes: Uint8Array;
  /**
   * The data file: `briefing-<fingerprint>.yaml` (or `.json`), made from the content only, never from the path
   * it was read from, so rendering an extracted copy, whatever it is called, gives the same PDF bytes. An image:
   * its path relative to the data file's folder (`photos/visitor.png`), where `extract` puts it back.
   */
  name: string;
  mimeType: SourceMimeType;
  /** Human-readable: what the file is, and the SHA-256 of the bytes (which `extract` checks). */
  description: string;
}

export type DataMimeType = 'application/yaml' | 'application/json';
export type SourceMimeType = DataMimeType | 'image/png' | 'image/jpeg' | 'image/svg+xml';

/** The file extension `extract` gives each type of data file. */
export const SOURCE_EXTENSIONS: Record<DataMimeType, string> = { 'application/yaml': 'yaml', 'application/json': 'json' };

/** The MIME type of an image of each format the images module loads. */
export const IMAGE_MIME_TYPES: Record<'png' | 'jpeg' | 'svg', SourceMimeType> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

/** The data file for a data file's bytes and fingerprint (`LoadedBriefing.fingerprint`). */
export function sourceFileOf(bytes: Uint8Array, fingerprint: string): SourceFile {
  const mimeType = dataMimeTypeOf(bytes);
  return {
    bytes,
    name: `briefing-${fingerprint}.${SOURCE_EXTENSIONS[mimeType]}`,
    mimeType,
    description: `Source data of this briefing (fingerprint ${fingerprint}, SHA-256 ${sha256(bytes)})`,
  };
}

/** An image the data names, at `path` relative to the data file's folder (forward slashes). */
export function dataImageFileOf(path: string, bytes: Uint8Array, mimeType: SourceMimeType): SourceFile {
  return { bytes, name: path, mimeType, description: `Image named by the briefing's data: ${path} (SHA-256 ${sha256(bytes)})` };
}

/**
 * The files a render was made from: the data file (its bytes as read), then each image a data field put into
 * an `<image src>` (markup order, each file once), named by its path relative to the data file's folder, where
 * the images module found it. Images the template names are the template's, not the data's: not included.
 */
export function sourceFilesOf(data: { file: string; source: Uint8Array; fingerprint: string }, root: MarkupElement, images: ImageStore): SourceFile[] {
  const base = dirname(resolve(data.file));
  const files = [sourceFileOf(data.source, data.fingerprint)];
  const seen = new Set<string>();
  const walk = (element: MarkupElement) => {
    if (element.name === 'image' && (element as ElementOf<'image'>).attributes.src.fromData) {
      const image = images.imageFor(element as ElementOf<'image'>);
      const path = relative(base, image.file).split(sep).join('/');
      if (!seen.has(path)) {
        seen.add(path);
        files.push(dataImageFileOf(path, image.bytes, IMAGE_MIME_TYPES[image.format]));
      }
    }
    childElements(element).forEach(walk);
  };
  walk(root);
  return files;
}

/** What a description written here says: which kind of file, and the SHA-256; undefined if not one of ours. */
export function parseSourceDescription(description: string): { kind: 'data' | 'image'; sha256: string } | undefined {
  const data = /^Source data of this briefing \(fingerprint [0-9a-f]{8}, SHA-256 ([0-9a-f]{64})\)$/.exec(description);
  if (data) return { kind: 'data', sha256: data[1]! };
  const image = /^Image named by the briefing's data: .+ \(SHA-256 ([0-9a-f]{64})\)$/.exec(description);
  return image ? { kind: 'image', sha256: image[1]! } : undefined;
}

/** JSON when the whole text is JSON (what makes it a JSON file, whatever its name), else YAML. */
function dataMimeTypeOf(bytes: Uint8Array): DataMimeType {
  // A YAML file mostly starts with a comment or a field name; unless its first letter could start JSON (`t`rue,
  // `f`alse, `n`ull: `title:` can), it is YAML without decoding it.
  if (!mayStartJson(bytes)) return 'application/yaml';
  const text = new TextDecoder('utf-8').decode(bytes); // drops a byte order mark, which JSON.parse would refuse
  try {
    JSON.parse(text);
    return 'application/json';
  } catch {
    return 'application/yaml';
  }
}

/** The bytes JSON's white space is made of (RFC 8259 §2: space, tab, line feed, carriage return). */
const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** The bytes a JSON value can start with: `{ [ " -`, a digit, `t`rue, `f`alse, `n`ull. */
const JSON_START = new Set([...'{["-0123456789tfn'].map((c) => c.charCodeAt(0)));

/** Whether the first byte after a byte order mark and white space can start a JSON value. */
function mayStartJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && JSON_SPACE.has(bytes[i]!)) i++;
  return i < bytes.length && JSON_START.has(bytes[i]!);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Types compressed already: deflating their bytes again costs time and saves nothing. */
const ALREADY_COMPRESSED = new Set(['image/png', 'image/jpeg']);

/**
 * Writes `files` into the document as its /Source associated files, dated `date` (deterministic output).
 * Written here rather than with PDFKit's `doc.file()`, which puts the MD5 /CheckSum in as 32 hex characters
 * where the PDF format wants its 16 bytes.
 */
export function embedSourceFiles(doc: PDFKit.PDFDocument, files: readonly SourceFile[], date: Date): void {
  const specs = files.map((file) => {
    const stream = doc.ref({
      Type: 'EmbeddedFile',
      Subtype: file.mimeType.replace('/', '#2F'), // a name: the slash escaped (PDF 7.3.5)
      Params: { Size: file.bytes.byteLength, CheckSum: new Uint8Array(createHash('md5').update(file.bytes).digest()), CreationDate: date, ModDate: date },
    });
    if (ALREADY_COMPRESSED.has(file.mimeType)) uncompressed(stream);
    stream.end(Buffer.from(file.bytes));
    const spec = doc.ref({
      Type: 'Filespec',
      F: new String(file.name),
      UF: new String(file.name),
      Desc: new String(file.description),
      AFRelationship: 'Source',
      EF: { F: stream, UF: stream },
    });
    spec.end(undefined);
    doc.addNamedEmbeddedFile(file.name, spec);
    return spec;
  });
  if (specs.length) catalog(doc).AF = specs;
}
