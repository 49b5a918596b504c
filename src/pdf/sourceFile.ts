/**
 * The data file a briefing was made from, carried inside its PDF as a PDF/A-3 associated file (ISO 19005-3,
 * 6.8): a file specification with /AFRelationship /Source in the catalog's /AF array and in the /EmbeddedFiles
 * name tree, its stream with the MIME type as /Subtype and /Params (size, MD5 checksum, dates). Whoever holds
 * the PDF can take the data out (`briefing extract`) and render it again, to the same bytes.
 */
import { createHash } from 'node:crypto';
import { catalog } from './pdfkitInternals.js';

/** The data file as embedded. */
export interface SourceFile {
  /** The file's bytes, exactly as read. */
  bytes: Uint8Array;
  /**
   * `briefing-<fingerprint>.yaml` (or `.json`): made from the content only, never from the path it was read
   * from, so rendering an extracted copy, whatever it is called, gives the same PDF bytes.
   */
  name: string;
  mimeType: SourceMimeType;
  /** Human-readable, naming the fingerprint and the SHA-256 of the bytes (which `extract` checks). */
  description: string;
}

export type SourceMimeType = 'application/yaml' | 'application/json';

/** The file extension `extract` gives each type. */
export const SOURCE_EXTENSIONS: Record<SourceMimeType, string> = { 'application/yaml': 'yaml', 'application/json': 'json' };

const DESCRIPTION_PREFIX = 'Source data of this briefing';

/** The source file for a data file's bytes and fingerprint (`LoadedBriefing.fingerprint`). */
export function sourceFileOf(bytes: Uint8Array, fingerprint: string): SourceFile {
  const mimeType = mimeTypeOf(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes,
    name: `briefing-${fingerprint}.${SOURCE_EXTENSIONS[mimeType]}`,
    mimeType,
    description: `${DESCRIPTION_PREFIX} (fingerprint ${fingerprint}, SHA-256 ${sha256})`,
  };
}

/** JSON when the whole text is JSON (what makes it a JSON file, whatever its name), else YAML. */
function mimeTypeOf(bytes: Uint8Array): SourceMimeType {
  const text = new TextDecoder('utf-8').decode(bytes); // drops a byte order mark, which JSON.parse would refuse
  try {
    JSON.parse(text);
    return 'application/json';
  } catch {
    return 'application/yaml';
  }
}

/**
 * Writes `file` into the document as its /Source associated file, dated `date` (deterministic output). Written
 * here rather than with PDFKit's `doc.file()`, which puts the MD5 /CheckSum in as 32 hex characters where
 * the PDF format wants its 16 bytes.
 */
export function embedSourceFile(doc: PDFKit.PDFDocument, file: SourceFile, date: Date): void {
  const stream = doc.ref({
    Type: 'EmbeddedFile',
    Subtype: file.mimeType.replace('/', '#2F'), // a name: the slash escaped (PDF 7.3.5)
    Params: { Size: file.bytes.byteLength, CheckSum: new Uint8Array(createHash('md5').update(file.bytes).digest()), CreationDate: date, ModDate: date },
  });
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
  catalog(doc).AF = [spec];
}

/** What a description written by `sourceFileOf` says: the fingerprint and the SHA-256; undefined if not ours. */
export function parseSourceDescription(description: string): { fingerprint: string; sha256: string } | undefined {
  const match = /^Source data of this briefing \(fingerprint ([0-9a-f]{8}), SHA-256 ([0-9a-f]{64})\)$/.exec(description);
  return match ? { fingerprint: match[1]!, sha256: match[2]! } : undefined;
}
