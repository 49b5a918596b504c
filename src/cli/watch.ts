/**
 * `briefing watch`: render a data file, then again whenever one of its inputs changes (see `LiveRender`: the
 * data file, the template and its partials, the theme beside it, the labels, the font files, the images). One
 * line per render on stdout:
 *
 *   14:03:07 rendered output/visit.pdf in 182 ms (10.0 pt)
 *   14:03:12 error: visit.yaml:14:7: quotes[1].speaker: required
 *
 * Every render goes through `writeFileAtomic`, and a failed render writes nothing, so the last good PDF stays
 * on disk (and open in a viewer) until the next good one replaces it.
 */
import { statSync } from 'node:fs';
import type { PageSize } from '../data/types.js';
import { BriefingError } from '../errors.js';
import { LiveRender, type RenderOutcome } from '../live/liveRender.js';
import { outputPaths, renderOptions } from './render.js';
import { clock, reportError, reportTimedError, reportWarnings, type CliIo } from './report.js';
import { abortedPromise } from './untilSignal.js';
import { describeIoError, refuseSameFile, writeFileAtomic } from './writeAtomic.js';

export interface WatchOptions {
  /** Output PDF file, or folder for `<name>.pdf`; default `output/<name>.pdf`. */
  output?: string;
  lang?: string;
  /** Template name, or a path (from the current folder). */
  template?: string;
  page?: PageSize;
  /** `--calendar`: overrides the data's calendar (one, or two for dual dates). */
  calendar?: string[];
  /** `--label-fallback`: a language whose labels stand in for missing ones. */
  labelFallback?: string;
  /** Quiet time after a change before rendering, in ms (default 50). */
  debounceMs?: number;
}

/**
 * Renders `file` to its PDF now and after every change of its inputs, until `signal` aborts (then closes the
 * watcher, lets a render in progress finish, and returns 0). Returns at once with the exit code of a usage
 * error (output is the input, …) or when the data file does not exist.
 */
export async function watchBriefing(file: string, options: WatchOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  let output: string;
  try {
    output = outputPaths([file], options.output)[0]!;
    refuseSameFile(file, output);
    statSync(file);
  } catch (error) {
    const failure =
      error instanceof BriefingError ? error : new BriefingError('io', `cannot read the data file: ${describeIoError(error)}`, { file, cause: error });
    return reportError(failure, file, io);
  }
  if (signal?.aborted) return 0;

  const pipelineOptions = renderOptions(options);
  const writeOutcome = async (outcome: RenderOutcome): Promise<void> => {
    try {
      if (!outcome.ok) throw outcome.error;
      const { result } = outcome;
      reportWarnings(result.warnings, file, io);
      await writeFileAtomic(output, result.pdf, { notSameAs: file });
      const ms = Math.round(performance.now() - outcome.started);
      io.stdout(`${clock()} rendered ${output} in ${ms} ms (${result.layout.bodySize.toFixed(1)} pt)\n`);
    } catch (error) {
      reportTimedError(error, file, io);
    }
  };
  const live = new LiveRender(file, {
    options: () => pipelineOptions,
    onOutcome: writeOutcome,
    onWatchError: (error) => io.stdout(`${clock()} error: watching: ${error instanceof Error ? error.message : String(error)}\n`),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });

  const aborted = abortedPromise(signal);
  await Promise.race([live.start(), aborted]);
  await aborted;
  await live.close();
  return 0;
}
