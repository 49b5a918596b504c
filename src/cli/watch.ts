/**
 * `briefing watch`: render a data file, then again whenever one of its inputs changes — the data file, the
 * template and the other `.hbs` files of its folder (partials), the `theme.json` beside it, the labels, the font
 * files. One line per render on stdout:
 *
 *   14:03:07 rendered output/visit.pdf in 182 ms (10.0 pt)
 *   14:03:12 error: visit.yaml:14:7: quotes[1].speaker: required
 *
 * Every render goes through `writeFileAtomic`, and a failed render writes nothing, so the last good PDF stays
 * on disk (and open in a viewer) until the next good one replaces it.
 *
 * Watching: chokidar watches the *folders* of the inputs (not the files), so an editor that saves by writing a
 * temporary file and renaming it over the original is seen like any other save; `atomic` turns its
 * unlink-then-add into one change. Events are debounced (50 ms) so that a save that writes in several chunks,
 * or touches several files, renders once; a save caught half-written fails to parse and is followed at once by
 * the complete one. Renders never overlap: a change during a render queues one more render after it.
 *
 * Between renders the process keeps what the pipeline caches (fonts, shaping, parsed theme and labels,
 * compiled templates); each render still reads every input from disk.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { DATA_FILE_RULES, loadBriefing } from '../data/load.js';
import { checkRegularFile } from '../inputFiles.js';
import type { PageSize } from '../data/types.js';
import { BriefingError } from '../errors.js';
import { forgetFonts, renderBriefing, resolveTemplate } from '../pipeline.js';
import { FONT_FILE, FONTS_DIR } from '../resources.js';
import { defaultLabelsFile } from '../template/labels.js';
import { outputPaths, renderOptions } from './render.js';
import { STDOUT, reportError, reportWarnings, withFile, type CliIo } from './report.js';
import { checkOutputPath, refuseSameFile, writeFileAtomic } from './writeAtomic.js';

export interface WatchOptions {
  /** Output PDF file, or folder for `<name>.pdf`; default `output/<name>.pdf`. */
  output?: string;
  lang?: string;
  /** Template name, or a path (from the current folder). */
  template?: string;
  page?: PageSize;
  /** Quiet time after a change before rendering, in ms (default 50). */
  debounceMs?: number;
  /**
   * Told what the watcher does, in order, so tests can assert on events rather than on time: an input changed,
   * a render starts (awaited: a test may hold it there) and ends, nothing more is queued.
   */
  onEvent?: (event: WatchEvent) => void | Promise<void>;
}

export type WatchEvent = { type: 'change'; path: string } | { type: 'render-start' } | { type: 'render-end'; ok: boolean } | { type: 'idle' };

const DEFAULT_DEBOUNCE_MS = 50;
/** After a change of the data file, when to look again for a change chokidar's 5 ms throttle swallowed. */
const RECHECK_MS = 25;

/** `HH:MM:SS`, local time. */
function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** The files a render reads, and the folders to watch for them. */
class Inputs {
  readonly dataFile: string;
  private readonly labelsFile = resolve(defaultLabelsFile());
  private readonly fontsDir = resolve(FONTS_DIR);
  private templateDir: string;

  constructor(dataFile: string, templateFile: string) {
    this.dataFile = resolve(dataFile);
    this.templateDir = dirname(resolve(templateFile));
  }

  /** Follows the template in use (the data's `template` field may change it); true when it moved folder. */
  setTemplate(templateFile: string): boolean {
    const dir = dirname(resolve(templateFile));
    if (dir === this.templateDir) return false;
    this.templateDir = dir;
    return true;
  }

  folders(): Set<string> {
    return new Set([dirname(this.dataFile), this.templateDir, dirname(this.labelsFile), this.fontsDir]);
  }

  /** True for a file whose change must re-render. */
  isInput(path: string): boolean {
    const file = resolve(path);
    const dir = dirname(file);
    if (file === this.dataFile || file === this.labelsFile) return true;
    if (dir === this.templateDir && (file.endsWith('.hbs') || basename(file) === 'theme.json')) return true;
    return dir === this.fontsDir && FONT_FILE.test(file);
  }

  /** What chokidar should look at: the watched folders themselves and the input files in them. */
  isWatched(path: string): boolean {
    return this.folders().has(resolve(path)) || this.isInput(path);
  }
}

/** What tells one version of the data file from the next without reading it: inode, size, modification time. */
function dataFileState(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** The template file a loaded data file renders with (the command line's, else the data's, else the built-in). */
function templateOf(template: string | undefined, data: { raw: Record<string, unknown>; file: string }): string {
  const own = data.raw.template;
  return resolveTemplate(template, typeof own === 'string' ? own : undefined, data.file);
}

/**
 * Renders `file` to its PDF now and after every change of its inputs, until `signal` aborts (then closes the
 * watcher, lets a render in progress finish, and returns 0). Returns at once with the exit code of a usage
 * error (output is the input, …) or when the data file does not exist.
 */
export async function watchBriefing(file: string, options: WatchOptions, io: CliIo, signal?: AbortSignal): Promise<number> {
  let output: string;
  try {
    if (options.output === STDOUT) throw new BriefingError('usage', 'watch writes a file again at every change: -o - (standard output) is not possible here', { hint: 'give a PDF file or a folder with -o' });
    output = outputPaths([file], options.output)[0]!;
    // An output that can never be written, or a data file that is not there, is an error now, not at every render.
    checkOutputPath(output);
    refuseSameFile(file, output);
    checkRegularFile(file, DATA_FILE_RULES);
  } catch (error) {
    return reportError(error, file, io);
  }
  if (signal?.aborted) return 0;

  const pipelineOptions = renderOptions(options);
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const inputs = new Inputs(file, resolveTemplate(pipelineOptions.template, undefined, file));

  let watcher: FSWatcher | undefined;
  let watched = inputs.folders();
  const followTemplate = (templateFile: string): void => {
    if (!inputs.setTemplate(templateFile) || !watcher) return;
    const folders = inputs.folders();
    const added = [...folders].filter((dir) => !watched.has(dir));
    const removed = [...watched].filter((dir) => !folders.has(dir));
    if (added.length > 0) watcher.add(added);
    if (removed.length > 0) watcher.unwatch(removed);
    watched = folders;
  };

  const renderOnce = async (): Promise<boolean> => {
    await options.onEvent?.({ type: 'render-start' });
    const started = performance.now();
    try {
      const loaded = await loadBriefing(file);
      followTemplate(templateOf(pipelineOptions.template, loaded));
      const result = await renderBriefing(loaded, pipelineOptions);
      followTemplate(result.templateFile);
      reportWarnings(result.warnings, file, io);
      await writeFileAtomic(output, result.pdf, { notSameAs: file });
      const ms = Math.round(performance.now() - started);
      io.stdout(`${clock()} rendered ${output} in ${ms} ms (${result.layout.bodySize.toFixed(1)} pt)\n`);
      return true;
    } catch (error) {
      if (error instanceof BriefingError) {
        // Several problems: one per line, lined up under the first.
        const prefix = `${clock()} error: `;
        io.stdout(`${prefix}${withFile(error, file).format().replaceAll('\n', `\n${' '.repeat(prefix.length)}`)}\n`);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        io.stdout(`${clock()} error: internal error: ${message}\n`);
        if (error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      }
      return false;
    }
  };

  // One render at a time; a change during a render queues exactly one more.
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        renderedState = dataFileState(file);
        const ok = await renderOnce();
        if (dataFileState(file) !== renderedState) again = true; // changed during the render, event or not
        await options.onEvent?.({ type: 'render-end', ok });
      } while (again && !stopped);
      running = undefined;
      if (!timer) await options.onEvent?.({ type: 'idle' });
    })();
  };
  // chokidar drops a change that follows another within 5 ms (its throttle has no trailing event), so the last
  // of a burst of saves can go unseen: a while after each change, the data file is compared with what the last
  // render read, and rendered again when they differ.
  let renderedState: string | undefined;
  const recheck = (): void => {
    if (!stopped && dataFileState(file) !== renderedState) schedule();
  };
  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, debounceMs);
  };

  // Loaded here: the other commands do not need it.
  const { watch } = await import('chokidar');
  const fsWatcher = watch([...watched], {
    ignoreInitial: true,
    depth: 0,
    atomic: true,
    ignored: (path: string) => !inputs.isWatched(path),
  });
  watcher = fsWatcher;
  fsWatcher.on('all', (_event: string, path: unknown) => {
    if (typeof path !== 'string' || !inputs.isInput(path)) return;
    if (dirname(resolve(path)) === resolve(FONTS_DIR)) forgetFonts(); // fonts are otherwise parsed once per process
    void options.onEvent?.({ type: 'change', path });
    schedule();
    if (resolve(path) === inputs.dataFile) setTimeout(recheck, RECHECK_MS);
  });
  fsWatcher.on('error', (error: unknown) => {
    io.stdout(`${clock()} error: watching: ${error instanceof Error ? error.message : String(error)}\n`);
  });

  const aborted = new Promise<void>((resolveAbort) => {
    if (!signal) return;
    if (signal.aborted) resolveAbort();
    else signal.addEventListener('abort', () => resolveAbort(), { once: true });
  });
  // Watching before the first render: a save during it is not lost.
  await Promise.race([new Promise<void>((ready) => fsWatcher.once('ready', () => ready())), aborted]);
  if (!signal?.aborted) start();

  await aborted;
  stopped = true;
  if (timer) clearTimeout(timer);
  await fsWatcher.close();
  await running;
  return 0;
}
