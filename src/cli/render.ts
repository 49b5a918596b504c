/**
 * `briefing render`: the data files (and directories of them) named → their PDFs, each written atomically. A
 * file that fails is reported and skipped (its output is not touched); the others are still rendered. Several
 * files are rendered by this thread and worker threads at once (`--jobs`), with a progress display and a
 * summary; see batch/.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { RenderingChoices } from './optionDefaults.js';
import { BriefingError } from '../errors.js';
import { isDirectory } from '../inputFiles.js';
import { isTemplateName, type RenderOptions } from '../pipeline.js';
import { listInputs, type RenderInputs } from './batch/inputs.js';
import { inThreadRenderer, type FileRenderer } from './batch/fileRenderer.js';
import { renderBatch } from './batch/renderBatch.js';
import { STDOUT, reportError, type CliIo } from './report.js';
import { sourceDateEpochOf } from './sourceDateEpoch.js';

export interface RenderCliOptions extends RenderingChoices {
  /** Output file, or folder (ends in `/`, or exists as a folder, or several inputs), or `-` for standard output; default `output/`. */
  output?: string;
  /** Add the real generation time (gives up byte-identical output). */
  timestamp?: boolean;
  copies?: number;
  /** `--jobs`: files rendered at once (this thread and worker threads); 1 renders in this thread only. Default: `defaultJobs`. */
  jobs?: number;
}

/** Where output goes when `-o` is not given, relative to the current folder. */
export const DEFAULT_OUTPUT_DIR = 'output';

/**
 * The files a batch needs per renderer before `--jobs`' default starts another. Each worker thread pays a warm-up of
 * its own that the files do not pay off until there are enough of them: about 2.9 s of CPU on the 2-core machine of
 * docs/performance.md (loading the library, its first renders in V8's cold tiers, V8's optimizing compiler working
 * through the render path on a thread of its own), against some 50 ms a file after it. There, two jobs were slower
 * than one up to 40 files (8 files: 2.2 against 1.4 s), even at 99 and faster at 200 (1.1–1.4×).
 */
export const FILES_PER_RENDERER = 50;

/**
 * `--jobs` when not given: one render at a time per core the process may use, and no more renderers than the
 * files repay (`FILES_PER_RENDERER`): one for a batch of fewer than 100 files.
 */
export function defaultJobs(files: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_RENDERER)));
}

/** Renders every file of `args` (files and directories); returns the exit code of the worst failure. */
export async function renderFiles(args: readonly string[], options: RenderCliOptions, io: CliIo): Promise<number> {
  // Once for the whole batch: every file of it carries the same generation time.
  const pipelineOptions = renderOptions(options);
  let renderer: FileRenderer | undefined;
  try {
    let inputs: RenderInputs;
    let outputs: string[];
    try {
      inputs = listInputs(args);
      outputs = outputPaths(inputs.files, options.output, inputs.fromDirectory);
    } catch (error) {
      return reportError(error, undefined, io);
    }
    // The workers start as soon as it is known how many can have work (listing a directory and naming the
    // outputs take a moment), and load the library while this thread checks every output path and renders.
    const renders = Math.min(options.jobs ?? defaultJobs(inputs.files.length), inputs.files.length);
    // The pool's module (worker threads) only for a batch that uses it.
    const chosen = renders > 1 ? (await import('./batch/pool.js')).startRenderPool(renders, pipelineOptions) : inThreadRenderer(pipelineOptions);
    renderer = chosen;
    return await renderBatch(inputs.files, outputs, chosen, io);
  } finally {
    await renderer?.close();
  }
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

/** The name of what is written for a data file: its base name without the extension, plus `.<ext>`. */
export function outputName(file: string, ext: 'pdf' | 'png'): string {
  return `${basename(file, extname(file)) || basename(file)}.${ext}`;
}

/** Does `--output` name a folder: it ends in a slash, or is an existing folder? */
export function namesFolder(output: string): boolean {
  return output.endsWith('/') || output.endsWith(sep) || isDirectory(output);
}

/**
 * The output path of each input. `-o` is a folder when it ends in `/`, exists as a folder, or there are several
 * inputs or a directory among them (then it must not be an existing file); otherwise it is the PDF's path.
 * Throws a `usage` error when two inputs would write the same PDF (a file given twice, `a/x.yaml` and
 * `b/x.yml`): which one would win would depend on which finished last.
 */
export function outputPaths(files: readonly string[], output: string | undefined, fromDirectory = false): string[] {
  const several = files.length > 1 || fromDirectory;
  if (output === STDOUT) {
    if (several) throw new BriefingError('usage', '-o - (standard output) takes one input file', { hint: 'render several files into a folder: -o out/' });
    return [STDOUT];
  }
  let dir: string | undefined;
  if (output === undefined) dir = DEFAULT_OUTPUT_DIR;
  else if (namesFolder(output)) dir = output;
  else if (several) {
    if (existsSync(output) || extname(output).toLowerCase() === '.pdf') {
      const what = fromDirectory ? 'with a directory as input' : 'with several input files';
      throw new BriefingError('usage', `${what}, --output must be a directory, not ${output}`, {
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
    if (other !== undefined && resolve(other) === resolve(files[index]!)) {
      throw new BriefingError('usage', `${files[index]} is given twice`, { hint: 'name each data file once (a directory stands for the files in it)' });
    }
    if (other !== undefined) {
      throw new BriefingError('usage', `${other} and ${files[index]} would both be written to ${path}`, {
        hint: 'render them separately with different --output paths',
      });
    }
    seen.set(key, files[index]!);
  }
  return paths;
}
