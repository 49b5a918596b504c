/**
 * Reading back the data file a briefing's PDF carries (sourceFile.ts), for `briefing extract`. The PDF is read
 * with pdf.js (pdfjs-dist, loaded on first use), which parses the file, repairs what it can and lists the
 * embedded files; the SHA-256 named in the file's description is checked against the bytes, so a damaged file
 * is an error, never a quietly different data file.
 */
import { createHash } from 'node:crypto';
import { BriefingError } from '../errors.js';
import { parseSourceDescription, SOURCE_EXTENSIONS, type SourceFile, type SourceMimeType } from './sourceFile.js';

interface Attachment {
  filename: string;
  content: Uint8Array | null;
  description: string;
}

/** The data file embedded in `pdf` (the bytes of the file `file`, named in messages). */
export async function readSourceFile(pdf: Uint8Array, file: string): Promise<SourceFile> {
  const attachments = await attachmentsOf(pdf, file);
  const ours = Object.values(attachments).filter((a) => parseSourceDescription(a.description) !== undefined);
  if (ours.length === 0) {
    const others = Object.values(attachments).map((a) => a.filename);
    throw new BriefingError('pdf', `the PDF carries no briefing data${others.length ? ` (its embedded files: ${others.join(', ')})` : ''}`, {
      file,
      hint: 'only PDFs written by `briefing render` carry the data file they were made from',
    });
  }
  if (ours.length > 1) throw new BriefingError('pdf', `the PDF carries ${ours.length} briefing data files; expected one`, { file });
  const attachment = ours[0]!;
  const { sha256 } = parseSourceDescription(attachment.description)!;
  const bytes = attachment.content;
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new BriefingError('pdf', `the PDF is damaged: its embedded data file ${attachment.filename} does not match its SHA-256`, {
      file,
      hint: 'render the briefing again from its data file, or use an undamaged copy of the PDF',
    });
  }
  const mimeType = mimeTypeOfName(attachment.filename);
  if (!mimeType) throw new BriefingError('pdf', `the embedded data file ${attachment.filename} is neither .yaml nor .json`, { file });
  return { bytes, name: attachment.filename, mimeType, description: attachment.description };
}

function mimeTypeOfName(name: string): SourceMimeType | undefined {
  return (Object.keys(SOURCE_EXTENSIONS) as SourceMimeType[]).find((type) => name.endsWith(`.${SOURCE_EXTENSIONS[type]}`));
}

async function attachmentsOf(pdf: Uint8Array, file: string): Promise<Record<string, Attachment>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes the buffer over (transfers it to its worker) and refuses a Buffer: hand it a plain copy.
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false, stopAtErrors: true });
  try {
    const doc = await task.promise;
    return ((await doc.getAttachments()) ?? {}) as Record<string, Attachment>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BriefingError('pdf', `not a readable PDF: ${reason}`, { file, hint: 'give a PDF written by `briefing render`', cause: error });
  } finally {
    await task.destroy();
  }
}
