/**
 * Reading back the files a briefing's PDF carries (sourceFile.ts), for `briefing extract`. The PDF is read
 * with pdf.js (pdfjs-dist, loaded on first use), which parses the file, repairs what it can and lists the
 * embedded files; the SHA-256 named in each file's description is checked against its bytes, so a damaged file
 * is an error, never a quietly different data file. An image's name is a path below the data file's folder;
 * one that would lead elsewhere (absolute, `..`) is refused, whoever made the PDF.
 */
import { BriefingError } from '../errors.js';
import { parseSourceDescription, sha256, SOURCE_EXTENSIONS, type DataMimeType, type SourceFile } from './sourceFile.js';
import { importPdfjs } from './pdfjsBuild.js';

/** What a briefing's PDF carries. */
export interface SourceFiles {
  /** The data file. */
  data: SourceFile & { mimeType: DataMimeType };
  /** The images the data names: `name` is the path relative to the data file's folder. */
  images: { name: string; bytes: Uint8Array }[];
}

interface Attachment {
  filename: string;
  rawFilename: string;
  content: Uint8Array | null;
  description: string;
}

/** The files embedded in `pdf` (the bytes of the file `file`, named in messages). */
export async function readSourceFiles(pdf: Uint8Array, file: string): Promise<SourceFiles> {
  const attachments = Object.values(await attachmentsOf(pdf, file));
  const ours = attachments.flatMap((a) => {
    const parsed = parseSourceDescription(a.description);
    return parsed ? [{ ...a, ...parsed }] : [];
  });
  const data = ours.filter((a) => a.kind === 'data');
  if (data.length === 0) {
    const others = attachments.map((a) => a.rawFilename);
    throw new BriefingError('pdf', `the PDF carries no briefing data${others.length ? ` (its embedded files: ${others.join(', ')})` : ''}`, {
      file,
      hint: 'only PDFs written by `briefing render` carry the data file they were made from',
    });
  }
  if (data.length > 1) throw new BriefingError('pdf', `the PDF carries ${data.length} briefing data files; expected one`, { file });
  for (const attachment of ours) {
    if (!attachment.content || sha256(attachment.content) !== attachment.sha256) {
      throw new BriefingError('pdf', `the PDF is damaged: its embedded file ${attachment.rawFilename} does not match its SHA-256`, {
        file,
        hint: 'render the briefing again from its data file, or use an undamaged copy of the PDF',
      });
    }
  }
  const [dataFile] = data;
  const mimeType = (Object.keys(SOURCE_EXTENSIONS) as DataMimeType[]).find((type) => dataFile!.rawFilename.endsWith(`.${SOURCE_EXTENSIONS[type]}`));
  if (!mimeType) throw new BriefingError('pdf', `the embedded data file ${dataFile!.rawFilename} is neither .yaml nor .json`, { file });
  const images = ours.filter((a) => a.kind === 'image').map((a) => ({ name: a.rawFilename, bytes: a.content! }));
  for (const image of images) {
    if (!isPathBelow(image.name)) {
      throw new BriefingError('pdf', `the PDF names an embedded image ${JSON.stringify(image.name)}, a path outside the data file's folder`, {
        file,
        hint: 'an image the data names is a relative path inside the data file\'s folder; this PDF was not written by `briefing render`',
      });
    }
  }
  return { data: { bytes: dataFile!.content!, name: dataFile!.rawFilename, mimeType, description: dataFile!.description }, images };
}

/** A relative path of plain names (`photos/visitor.png`): no root, drive, `.`/`..`, backslash or empty part. */
export function isPathBelow(path: string): boolean {
  if (path.includes('\\') || path.includes('\0')) return false;
  const parts = path.split('/');
  return parts.every((part) => part !== '' && part !== '.' && part !== '..') && !/^[A-Za-z]:/.test(path);
}

async function attachmentsOf(pdf: Uint8Array, file: string): Promise<Record<string, Attachment>> {
  const { getDocument } = await importPdfjs();
  // pdf.js takes the buffer over (transfers it to its worker) and refuses a Buffer: hand it a plain copy.
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false, stopAtErrors: true });
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw new BriefingError('pdf', `not a readable PDF: ${reason(error)}`, { file, hint: 'give a PDF written by `briefing render`', cause: error });
    }
    try {
      return ((await doc.getAttachments()) ?? {}) as Record<string, Attachment>;
    } catch (error) {
      throw new BriefingError('pdf', `the PDF is damaged: its embedded files cannot be read (${reason(error)})`, {
        file,
        hint: 'render the briefing again from its data file, or use an undamaged copy of the PDF',
        cause: error,
      });
    }
  } finally {
    await task.destroy();
  }
}
