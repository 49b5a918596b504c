/**
 * `briefing preview`: render a data file in memory and write a PNG picture of the page (for a quick look, a
 * review comment or a README), atomically like every output. The PDF itself is not written.
 */
import { extname, join } from 'node:path';
import { loadBriefing } from '../data/load.js';
import { BriefingError } from '../errors.js';
import { renderBriefing } from '../pipeline.js';
import { DEFAULT_DPI, type RenderingChoices } from './optionDefaults.js';
import { DEFAULT_OUTPUT_DIR, namesFolder, outputName, renderOptions } from './render.js';
import { STDOUT, reportError, reportWarnings, writeToStdout, type CliIo } from './report.js';
import { checkOutputPath, refuseSameFile, writeFileAtomic } from './writeAtomic.js';

export interface PreviewOptions extends RenderingChoices {
  /** Output PNG file, or folder for `<name>.png`; default `output/<name>.png`. */
  output?: string;
  /** Resolution in dots per inch (default 110). */
  dpi?: number;
}


/** The PNG's path: `-o` as given, or `<name>.png` in the folder `-o` names (or `output/`). */
export function previewPath(file: string, output: string | undefined): string {
  if (output === undefined) return join(DEFAULT_OUTPUT_DIR, outputName(file, 'png'));
  if (output === STDOUT) return STDOUT;
  if (namesFolder(output)) return join(output, outputName(file, 'png'));
  if (extname(output).toLowerCase() !== '.png') {
    throw new BriefingError('usage', `preview writes a PNG picture; --output must end in .png, not ${output}`, {
      hint: `e.g. --output ${output.replace(/\.[^./\\]*$/, '')}.png (briefing render writes the PDF)`,
    });
  }
  return output;
}

/** Renders `file` and writes the picture of its page; prints `wrote page.png (…)`. Returns the exit code. */
export async function previewFile(file: string, options: PreviewOptions, io: CliIo): Promise<number> {
  const dpi = options.dpi ?? DEFAULT_DPI;
  try {
    const output = previewPath(file, options.output);
    if (output !== STDOUT) {
      checkOutputPath(output);
      refuseSameFile(file, output);
    }
    const loaded = await loadBriefing(file);
    const result = await renderBriefing(loaded, renderOptions(options));
    reportWarnings(result.warnings, file, io);
    const { pdfToPng } = await import('../preview/png.js');
    const png = await pdfToPng(result.pdf, dpi);
    if (output === STDOUT) await writeToStdout(png, io);
    else await writeFileAtomic(output, png, { notSameAs: file });
    const width = png.length >= 24 ? Buffer.from(png.buffer, png.byteOffset, png.byteLength).readUInt32BE(16) : 0;
    const height = png.length >= 24 ? Buffer.from(png.buffer, png.byteOffset, png.byteLength).readUInt32BE(20) : 0;
    (output === STDOUT ? io.stderr : io.stdout)(`wrote ${output === STDOUT ? 'standard output' : output} (${dpi} dpi, ${width}×${height} px, ${result.layout.bodySize.toFixed(1)} pt)\n`);
    return 0;
  } catch (error) {
    return reportError(error, file, io);
  }
}
