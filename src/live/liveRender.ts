/**
 * Live rendering, shared by `briefing watch` and `briefing serve`: render a data file now and again whenever one
 * of its inputs (`RenderInputs`) changes, and hand each outcome to the caller (watch writes the PDF, serve shows
 * it in the browser).
 *
 * Watching: chokidar watches the *folders* of the inputs (not the files), so an editor that saves by writing a
 * temporary file and renaming it over the original is seen like any other save; `atomic` turns its
 * unlink-then-add into one change. Events are debounced (watch: 50 ms, serve: 20 ms) so that a save that
 * writes in several chunks, or touches several files, renders once; a save caught half-written fails to parse
 * and is followed at once by the complete one. Renders never overlap: a change during a render queues one more render after it. After
 * each render the inputs' identities (inode, size, modification time) are compared with those at its start,
 * so a change the watcher missed still renders.
 *
 * Between renders the process keeps what the pipeline caches (fonts, shaping, parsed theme and labels,
 * compiled templates); each render still reads every input from disk. A change of a font file drops the
 * parsed fonts, which are otherwise parsed once per process.
 */
import type { FSWatcher } from 'chokidar';
import { loadBriefing } from '../data/load.js';
import type { LoadedBriefing } from '../data/types.js';
import { forgetFonts, renderBriefing, resolveTemplate, type RenderOptions, type RenderResult } from '../pipeline.js';
import { RenderInputs, templateOf } from './inputs.js';

/** What one render gave. `started` is its `performance.now()` at the start, for the caller's timing. */
export type RenderOutcome =
  | { ok: true; loaded: LoadedBriefing; result: RenderResult; options: RenderOptions; started: number }
  /** `loaded` when the data file itself was read and valid (the failure came later: template, fit, …). */
  | { ok: false; error: unknown; loaded: LoadedBriefing | undefined; options: RenderOptions; started: number };

export interface LiveRenderOptions {
  /** The pipeline's options, read at the start of each render (serve switches the language). */
  options: () => RenderOptions;
  /** Called after each render; the next render waits until it has finished. It must not throw. */
  onOutcome: (outcome: RenderOutcome) => Promise<void> | void;
  /** A failure of the file watcher itself (rendering goes on). */
  onWatchError?: (error: unknown) => void;
  /** Quiet time after a change before rendering, in ms (default 50). */
  debounceMs?: number;
  /**
   * Told what happens, in order, so tests can assert on events rather than on time: an input changed, a render
   * starts (awaited: a test may hold it there) and ends, nothing more is queued.
   */
  onEvent?: (event: LiveEvent) => void | Promise<void>;
}

export type LiveEvent = { type: 'change'; path: string } | { type: 'render-start' } | { type: 'render-end'; ok: boolean } | { type: 'idle' };

export const DEFAULT_DEBOUNCE_MS = 50;
/**
 * chokidar drops a change that follows another within 5 ms (its throttle has no trailing event), so the last of
 * a burst of saves can go unseen when no render is running to notice it: this long after each change, the
 * inputs are compared with what the last render read.
 */
const RECHECK_MS = 25;

export class LiveRender {
  private readonly file: string;
  private readonly settings: LiveRenderOptions;
  private readonly inputs: RenderInputs;
  private readonly debounceMs: number;
  private watcher: FSWatcher | undefined;
  private watched: Set<string>;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** The inputs' fingerprint when the last render started. */
  private rendered: string | undefined;

  constructor(file: string, settings: LiveRenderOptions) {
    this.file = file;
    this.settings = settings;
    this.debounceMs = settings.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.inputs = new RenderInputs(file, resolveTemplate(settings.options().template, undefined, file));
    this.watched = this.inputs.folders();
  }

  /**
   * Starts watching the inputs and, once the watcher is ready, the first render: watching comes first, so a
   * save during the first render is not lost. Resolves when the first render has been started.
   */
  async start(): Promise<void> {
    // Loaded here: the other commands do not need it.
    const { watch } = await import('chokidar');
    if (this.stopped) return;
    const watcher = watch([...this.watched], {
      ignoreInitial: true,
      depth: 0,
      atomic: true,
      ignored: (path: string) => !this.inputs.isWatched(path),
    });
    this.watcher = watcher;
    watcher.on('all', (_event: string, path: unknown) => {
      if (typeof path !== 'string' || !this.inputs.isInput(path)) return;
      if (this.inputs.isFont(path)) forgetFonts();
      void this.settings.onEvent?.({ type: 'change', path });
      this.schedule();
      setTimeout(() => this.recheck(), RECHECK_MS);
    });
    watcher.on('error', (error: unknown) => this.settings.onWatchError?.(error));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    this.rerender();
  }

  /** Renders again after the quiet time; a later call within it postpones the render. */
  schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rerender(), this.debounceMs);
  }

  /** Renders again now, or right after the render in progress (one render at a time, at most one queued). */
  rerender(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.renderOnce();
      } while (this.again && !this.stopped);
      this.running = undefined;
      // A save that lands after the last render, its event swallowed, is caught here.
      setTimeout(() => this.recheck(), RECHECK_MS);
      if (!this.timer) await this.settings.onEvent?.({ type: 'idle' });
    })();
  }

  /** Renders again when the inputs differ from what the last render read (see `RECHECK_MS`). */
  private recheck(): void {
    if (!this.stopped && !this.running && this.inputs.fingerprint() !== this.rendered) this.schedule();
  }

  /** Stops watching; resolves when the watcher is closed and a render in progress has finished. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
  }

  private async renderOnce(): Promise<void> {
    await this.settings.onEvent?.({ type: 'render-start' });
    const started = performance.now();
    const before = this.inputs.fingerprint();
    this.rendered = before;
    const options = this.settings.options();
    let loaded: LoadedBriefing | undefined;
    let outcome: RenderOutcome;
    // The inputs' identities are compared only over the same files: a render that finds other images than the
    // last one (the first render, an edited photo path) has a new set, and the watcher covers it from now on.
    let sameInputs = true;
    try {
      loaded = await loadBriefing(this.file);
      this.followTemplate(templateOf(options.template, loaded));
      const result = await renderBriefing(loaded, options);
      this.followTemplate(result.templateFile);
      if (this.inputs.setImages(result.images)) {
        sameInputs = false;
        this.followFolders();
        // What this render read, over the new set of files: the recheck compares against it.
        this.rendered = this.inputs.fingerprint();
      }
      outcome = { ok: true, loaded, result, options, started };
    } catch (error) {
      outcome = { ok: false, error, loaded, options, started };
    }
    await this.settings.onOutcome(outcome);
    // An input changed since this render started: render again, whether or not the watcher saw it.
    if (sameInputs && this.inputs.fingerprint() !== before) this.again = true;
    await this.settings.onEvent?.({ type: 'render-end', ok: outcome.ok });
  }

  /** Watches the folder of the template in use when it changes (the data's `template` field may move it). */
  private followTemplate(templateFile: string): void {
    if (this.inputs.setTemplate(templateFile)) this.followFolders();
  }

  /** Watches the folders the inputs are in now (the template's, the images'), and no others. */
  private followFolders(): void {
    if (!this.watcher) return;
    const folders = this.inputs.folders();
    const added = [...folders].filter((dir) => !this.watched.has(dir));
    const removed = [...this.watched].filter((dir) => !folders.has(dir));
    if (added.length > 0) this.watcher.add(added);
    if (removed.length > 0) this.watcher.unwatch(removed);
    this.watched = folders;
  }
}
