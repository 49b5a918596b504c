/**
 * `briefing serve`: a live preview in the browser (src/serve/). Prints the URL, then one line per render like
 * `watch`:
 *
 *   serving visit.yaml at http://127.0.0.1:5840/ (Ctrl-C stops)
 *   14:03:07 rendered in 58 ms (10.0 pt)
 *   14:03:12 error: visit.yaml:14:7: quotes[1].speaker: required
 */
import { statSync } from 'node:fs';
import type { RenderingChoices } from './optionDefaults.js';
import { BriefingError } from '../errors.js';
import { startPreviewServer } from '../serve/server.js';
import { openBrowser } from './openBrowser.js';
import { renderOptions } from './render.js';
import { clock, reportError, reportTimedError, reportWarnings, type CliIo } from './report.js';
import { abortedPromise } from './untilSignal.js';
import { describeIoError } from './writeAtomic.js';

export interface ServeOptions extends RenderingChoices {
  /** Port on 127.0.0.1 (0: any free one); default 5840 or the next free one. */
  port?: number;
  /** Open the page in the default browser. */
  open?: boolean;
}

/**
 * Serves the live preview of `file` until `signal` aborts (then stops watching, closes the server and returns
 * 0). Returns at once with the exit code when the data file cannot be read or the port cannot be used.
 * `open` opens the URL (default: the platform's browser); it resolves with a reason when it could not.
 */
export async function serveBriefing(
  file: string,
  options: ServeOptions,
  io: CliIo,
  signal?: AbortSignal,
  open: (url: string) => Promise<string | undefined> = openBrowser,
): Promise<number> {
  try {
    statSync(file);
  } catch (error) {
    return reportError(new BriefingError('io', `cannot read the data file: ${describeIoError(error)}`, { file, cause: error }), file, io);
  }
  if (signal?.aborted) return 0;

  let server;
  try {
    server = await startPreviewServer(file, {
      render: renderOptions(options),
      ...(options.port !== undefined ? { port: options.port } : {}),
      onListening: (url) => io.stdout(`serving ${file} at ${url} (Ctrl-C stops)\n`),
      onRender: (outcome, status) => {
        if (!outcome.ok) return reportTimedError(outcome.error, file, io);
        reportWarnings(outcome.result.warnings, file, io);
        const lang = outcome.options.lang === undefined ? '' : ` in ${outcome.options.lang}`;
        io.stdout(`${clock()} rendered${lang} in ${status.rendered?.ms ?? 0} ms (${outcome.result.layout.bodySize.toFixed(1)} pt)\n`);
      },
      onWatchError: (error) => io.stdout(`${clock()} error: watching: ${error instanceof Error ? error.message : String(error)}\n`),
    });
  } catch (error) {
    return reportError(error, file, io);
  }
  if (options.open) {
    const failed = await open(server.url);
    if (failed !== undefined) io.stderr(`warning: could not open a browser (${failed}); open ${server.url} yourself\n`);
  }
  await abortedPromise(signal);
  await server.close();
  return 0;
}
