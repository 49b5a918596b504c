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
import { DATA_FILE_RULES } from '../data/load.js';
import type { RenderingChoices } from './optionDefaults.js';
import { BriefingError } from '../errors.js';
import { checkRegularFile } from '../inputFiles.js';
import { LiveRender, WARM_UP_RENDERS, type LiveEvent, type RenderOutcome } from '../live/liveRender.js';
import { outputPaths, renderOptions } from './render.js';
import { STDOUT, clock, reportError, reportTimedError, reportWarnings, type CliIo } from './report.js';
import { abortedPromise } from './untilSignal.js';
import { checkOutputPath, refuseSameFile, writeFileAtomic } from './writeAtomic.js';

export interface WatchOptions extends RenderingChoices {
  /** Output PDF file, or folder for `<name>.pdf`; default `output/<name>.pdf`. */
  output?: string;
  /** Told what the watcher does, in order (see `LiveEvent`), so tests assert on events rather than on time. */
  onEvent?: (event: LiveEvent) => void | Promise<void>;
}

export type WatchEvent = LiveEvent;

/**
 * Renders `file` to its PDF now and after every change of its inputs, until `signal` aborts (then closes the
 * watcher, lets a render in progress finish, and returns 0). Returns at once with the exit code of a usage
 * error (output is the input, …) or when the data file does not exist.
 */
export async function watchBriefing(file: string, options: WatchOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  let output: string;
  let pipelineOptions: ReturnType<typeof renderOptions>;
  try {
    if (options.output === STDOUT) {
      throw new BriefingError('usage', 'watch writes a file again at every change: -o - (standard output) is not possible here', { hint: 'give a PDF file or a folder with -o' });
    }
    output = outputPaths([file], options.output)[0]!;
    // An output that can never be written, or a data file that is not there, is an error now (exit 2), not at
    // every render.
    checkOutputPath(output);
    refuseSameFile(file, output);
    checkRegularFile(file, DATA_FILE_RULES);
    // A bad SOURCE_DATE_EPOCH is an error now, not at every render.
    pipelineOptions = renderOptions(options);
  } catch (error) {
    return reportError(error, file, io);
  }
  if (signal?.aborted) return 0;

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
    warmUp: WARM_UP_RENDERS,
    onOutcome: writeOutcome,
    onWatchError: (error) => io.stdout(`${clock()} error: watching: ${error instanceof Error ? error.message : String(error)}\n`),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });

  const aborted = abortedPromise(signal);
  await Promise.race([live.start(), aborted]);
  await aborted;
  await live.close();
  return 0;
}
