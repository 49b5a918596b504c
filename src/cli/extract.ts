/**
 * `briefing extract`: the data file a briefing's PDF carries, written back byte for byte (atomically, like
 * every output), with the images the data names beside it at their relative paths. Rendering the extracted
 * file gives the same PDF bytes again.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { BriefingError } from '../errors.js';
import { readSourceFiles } from '../pdf/readSourceFile.js';
import { SOURCE_EXTENSIONS, type DataMimeType } from '../pdf/sourceFile.js';
import { DEFAULT_OUTPUT_DIR, namesFolder } from './render.js';
import { reportError, type CliIo } from './report.js';
import { describeIoError, writeFileAtomic } from './writeAtomic.js';

export interface ExtractOptions {
  /** Output data file, or folder for `<pdf name>.yaml|json`; default `output/<pdf name>.yaml|json`. */
  output?: string;
}

/** Extensions that say the file is of the other type (a YAML file named .json would mislead every editor). */
const EXTENSIONS_OF: Record<DataMimeType, readonly string[]> = { 'application/yaml': ['.yaml', '.yml'], 'application/json': ['.json'] };

/** Where the data goes: `-o` as given, or `<pdf name>.<ext>` in the folder `-o` names (or `output/`). */
export function extractPath(pdfFile: string, mimeType: DataMimeType, output: string | undefined): string {
  const name = `${basename(pdfFile, extname(pdfFile)) || basename(pdfFile)}.${SOURCE_EXTENSIONS[mimeType]}`;
  if (output === undefined) return join(DEFAULT_OUTPUT_DIR, name);
  if (namesFolder(output)) return join(output, name);
  const ext = extname(output).toLowerCase();
  const other = (Object.keys(EXTENSIONS_OF) as DataMimeType[]).find((type) => type !== mimeType && EXTENSIONS_OF[type].includes(ext));
  if (other) {
    throw new BriefingError('usage', `the embedded data is ${SOURCE_EXTENSIONS[mimeType].toUpperCase()}, not ${SOURCE_EXTENSIONS[other].toUpperCase()}: --output ${output}`, {
      hint: `e.g. --output ${output.slice(0, output.length - ext.length)}.${SOURCE_EXTENSIONS[mimeType]}`,
    });
  }
  return output;
}

/**
 * Extracts the data file of `pdfFile` and the images it names (beside it, at their paths); prints
 * `wrote data.yaml (…)` and a line per image. Returns the exit code.
 */
export async function extractFile(pdfFile: string, options: ExtractOptions, io: CliIo): Promise<number> {
  try {
    let pdf: Uint8Array;
    try {
      pdf = await readFile(pdfFile);
    } catch (error) {
      throw new BriefingError('io', `cannot read the PDF: ${describeIoError(error)}`, { file: pdfFile, cause: error });
    }
    const { data, images } = await readSourceFiles(pdf, pdfFile);
    const output = extractPath(pdfFile, data.mimeType, options.output);
    await writeFileAtomic(output, data.bytes, { notSameAs: pdfFile });
    io.stdout(`wrote ${output} (${data.mimeType}, ${data.bytes.byteLength} bytes, embedded as ${data.name})\n`);
    for (const image of images) {
      // The paths were checked to stay below the folder (readSourceFiles).
      const path = join(dirname(output), ...image.name.split('/'));
      await writeFileAtomic(path, image.bytes, { notSameAs: pdfFile });
      io.stdout(`wrote ${path} (${image.bytes.byteLength} bytes, an image the data names)\n`);
    }
    return 0;
  } catch (error) {
    return reportError(error, pdfFile, io);
  }
}
