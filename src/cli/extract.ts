/**
 * `briefing extract`: the data file a briefing's PDF carries, written back byte for byte (atomically, like
 * every output). Rendering the extracted file gives the same PDF bytes again.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BriefingError } from '../errors.js';
import { readSourceFile } from '../pdf/readSourceFile.js';
import { SOURCE_EXTENSIONS, type SourceMimeType } from '../pdf/sourceFile.js';
import { DEFAULT_OUTPUT_DIR, namesFolder } from './render.js';
import { reportError, type CliIo } from './report.js';
import { describeIoError, writeFileAtomic } from './writeAtomic.js';

export interface ExtractOptions {
  /** Output data file, or folder for `<pdf name>.yaml|json`; default `output/<pdf name>.yaml|json`. */
  output?: string;
}

/** Extensions that say the file is of the other type (a YAML file named .json would mislead every editor). */
const EXTENSIONS_OF: Record<SourceMimeType, readonly string[]> = { 'application/yaml': ['.yaml', '.yml'], 'application/json': ['.json'] };

/** Where the data goes: `-o` as given, or `<pdf name>.<ext>` in the folder `-o` names (or `output/`). */
export function extractPath(pdfFile: string, mimeType: SourceMimeType, output: string | undefined): string {
  const name = `${basename(pdfFile, extname(pdfFile)) || basename(pdfFile)}.${SOURCE_EXTENSIONS[mimeType]}`;
  if (output === undefined) return join(DEFAULT_OUTPUT_DIR, name);
  if (namesFolder(output)) return join(output, name);
  const ext = extname(output).toLowerCase();
  const other = (Object.keys(EXTENSIONS_OF) as SourceMimeType[]).find((type) => type !== mimeType && EXTENSIONS_OF[type].includes(ext));
  if (other) {
    throw new BriefingError('usage', `the embedded data is ${SOURCE_EXTENSIONS[mimeType].toUpperCase()}, not ${SOURCE_EXTENSIONS[other].toUpperCase()}: --output ${output}`, {
      hint: `e.g. --output ${output.slice(0, output.length - ext.length)}.${SOURCE_EXTENSIONS[mimeType]}`,
    });
  }
  return output;
}

/** Extracts the data file of `pdfFile`; prints `wrote data.yaml (…)`. Returns the exit code. */
export async function extractFile(pdfFile: string, options: ExtractOptions, io: CliIo): Promise<number> {
  try {
    let pdf: Uint8Array;
    try {
      pdf = await readFile(pdfFile);
    } catch (error) {
      throw new BriefingError('io', `cannot read the PDF: ${describeIoError(error)}`, { file: pdfFile, cause: error });
    }
    const source = await readSourceFile(pdf, pdfFile);
    const output = extractPath(pdfFile, source.mimeType, options.output);
    await writeFileAtomic(output, source.bytes, { notSameAs: pdfFile });
    io.stdout(`wrote ${output} (${source.mimeType}, ${source.bytes.byteLength} bytes, embedded as ${source.name})\n`);
    return 0;
  } catch (error) {
    return reportError(error, pdfFile, io);
  }
}
