/**
 * `briefing render`: each data file → load → render → write the PDF atomically. A file that fails is reported
 * and skipped (its output is not touched); the others are still rendered.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { loadBriefing } from '../data/load.js';
import type { PageSize } from '../data/types.js';
import { BriefingError } from '../errors.js';
import { PAGE_SIZES } from '../layout/page.js';
import type { PageLayout } from '../layout/types.js';
import { isTemplateName, renderBriefing, type RenderOptions } from '../pipeline.js';
import { sourceDateEpochOf } from './sourceDateEpoch.js';
import { STDOUT, combineExitCodes, reportError, reportWarnings, writeToStdout, type CliIo } from './report.js';
import { checkOutputPath, refuseSameFile, writeFileAtomic } from './writeAtomic.js';

export interface RenderCliOptions {
  /** Output file, or folder (ends in `/`, or exists as a folder, or several inputs), or `-` for standard output; default `output/`. */
  output?: string;
  lang?: string;
  /** Template name, or a path (taken relative to the current folder). */
  template?: string;
  page?: PageSize;
  /** `--calendar`: overrides the data's calendar (one, or two for dual dates). */
  calendar?: string[];
  /** `--label-fallback`: a language whose labels stand in for missing ones. */
  labelFallback?: string;
  /** Add the real generation time (gives up byte-identical output). */
  timestamp?: boolean;
  copies?: number;
}

/** Where output goes when `-o` is not given, relative to the current folder. */
export const DEFAULT_OUTPUT_DIR = 'output';

/** Renders every file; returns the exit code (see `combineExitCodes`). */
export async function renderFiles(files: readonly string[], options: RenderCliOptions, io: CliIo): Promise<number> {
  let outputs: string[];
  try {
    outputs = outputPaths(files, options.output);
  } catch (error) {
    return reportError(error, undefined, io);
  }

  const codes: number[] = [];
  for (const [index, file] of files.entries()) {
    const output = outputs[index]!;
    try {
      if (output !== STDOUT) {
        checkOutputPath(output);
        refuseSameFile(file, output);
      }
      const loaded = await loadBriefing(file);
      const result = await renderBriefing(loaded, renderOptions(options));
      reportWarnings(result.warnings, file, io);
      if (output === STDOUT) {
        await writeToStdout(result.pdf, io);
        io.stderr(`${describeOutput('standard output', result.layout)}\n`);
      } else {
        await writeFileAtomic(output, result.pdf, { notSameAs: file });
        io.stdout(`${describeOutput(output, result.layout)}\n`);
      }
      codes.push(0);
    } catch (error) {
      codes.push(reportError(error, file, io));
    }
  }
  return combineExitCodes(codes);
}

/**
 * The pipeline's options for the command line's (a `--template` path is taken from the current folder), and
 * the environment's `SOURCE_DATE_EPOCH`.
 */
export function renderOptions(options: RenderCliOptions): RenderOptions {
  const out: RenderOptions = {};
  if (options.lang !== undefined) out.lang = options.lang;
  // On the command line a template path means a path from here, not from the data file's folder.
  if (options.template !== undefined) out.template = isTemplateName(options.template) ? options.template : resolve(options.template);
  if (options.page !== undefined) out.page = options.page;
  if (options.calendar !== undefined) out.calendar = options.calendar;
  if (options.labelFallback !== undefined) out.labelFallback = options.labelFallback;
  if (options.timestamp) out.timestamp = new Date();
  if (options.copies !== undefined) out.copies = options.copies;
  const epoch = sourceDateEpochOf(process.env);
  if (epoch !== undefined) out.sourceDateEpoch = epoch;
  return out;
}

/** `wrote out/x.pdf (A4, 1 page, 10.5 pt)`, plus `, shrank to … to fit one page` when it had to shrink. */
export function describeOutput(output: string, layout: PageLayout): string {
  const size = `${layout.bodySize.toFixed(1)} pt`;
  const shrank = layout.scale < 1 ? `, shrank to ${size} body text to fit one page` : '';
  return `wrote ${output} (${pageName(layout.width, layout.height)}, 1 page, ${size})${shrank}`;
}

function pageName(width: number, height: number): string {
  const named = Object.entries(PAGE_SIZES).find(([, p]) => Math.abs(p.width - width) < 1 && Math.abs(p.height - height) < 1);
  return named ? named[0] : `${Math.round(width)}×${Math.round(height)} pt`;
}

/** The name of what is written for a data file: its base name without the extension, plus `.<ext>`. */
export function outputName(file: string, ext: 'pdf' | 'png'): string {
  return `${basename(file, extname(file)) || basename(file)}.${ext}`;
}

/** Does `--output` name a folder: it ends in a slash, or is an existing folder? */
export function namesFolder(output: string): boolean {
  if (output.endsWith('/') || output.endsWith(sep)) return true;
  try {
    return statSync(output).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The output path of each input. `-o` is a folder when it ends in `/`, exists as a folder, or there are several
 * inputs (then it must not be an existing file); otherwise it is the PDF's path. Throws a `usage` error when
 * two inputs would write the same PDF.
 */
export function outputPaths(files: readonly string[], output: string | undefined): string[] {
  if (output === STDOUT) {
    if (files.length > 1) throw new BriefingError('usage', '-o - (standard output) takes one input file', { hint: 'render several files into a folder: -o out/' });
    return [STDOUT];
  }
  let dir: string | undefined;
  if (output === undefined) dir = DEFAULT_OUTPUT_DIR;
  else if (namesFolder(output)) dir = output;
  else if (files.length > 1) {
    if (existsSync(output) || extname(output).toLowerCase() === '.pdf') {
      throw new BriefingError('usage', `with several input files, --output must be a directory, not ${output}`, {
        hint: `end it with a slash, e.g. --output ${output.replace(/\.pdf$/i, '')}/`,
      });
    }
    dir = output;
  }
  const paths = dir === undefined ? [output!] : files.map((file) => join(dir, outputName(file, 'pdf')));

  const seen = new Map<string, string>();
  for (const [index, path] of paths.entries()) {
    const key = resolve(path);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new BriefingError('usage', `${other} and ${files[index]} would both be written to ${path}`, {
        hint: 'render them separately with different --output paths',
      });
    }
    seen.set(key, files[index]!);
  }
  return paths;
}
