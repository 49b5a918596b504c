/**
 * Live rendering, shared by `briefing watch` and `briefing serve`: render a data file now and again whenever one
 * of its inputs changes, and hand each outcome to the caller (watch writes the PDF, serve shows it in the
 * browser). The inputs are exactly the files the last render read (`RenderResult.files`, `Renderer.filesRead`
 * after a failure), and the data file.
 *
 * On the leading edge: a change starts a render at once, with no quiet time; a change during a render queues
 * one more render after it (however many changes came). Renders never overlap. A save caught half-written
 * fails to parse, and the rest of the save, seen during that render or after it, renders again. After each
 * render the inputs' identities (inode, size, modification time) are compared with those at its start, so a
 * change the watcher missed still renders.
 *
 * Watching: chokidar watches the *folders* of the inputs (not the files), so an editor that saves by writing a
 * temporary file and renaming it over the original is seen like any other save; `atomic` turns its
 * unlink-then-add into one change.
 *
 * Between renders the renderer keeps what it caches (fonts, shaping, parsed theme and labels, compiled
 * templates, paragraph layouts), each under its one eviction rule (renderCache.ts); each render still reads
 * every input from disk, and a font file that changed is read again by the renderer itself.
 */
import type { FSWatcher } from 'chokidar';
import { decodeUtf8, parseBriefingSource } from '../data/load.js';
import type { LoadedBriefing } from '../data/types.js';
import { createRenderer, type Renderer, type RenderOptions, type RenderResult } from '../pipeline.js';
import { RenderInputs } from './inputs.js';

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
  /** The renderer, whose caches carry over from render to render; default: one of its own. */
  renderer?: Renderer;
  /**
   * Told what happens, in order, so tests can assert on events rather than on time: an input changed, a render
   * starts (awaited: a test may hold it there) and ends, nothing more is queued.
   */
  onEvent?: (event: LiveEvent) => void | Promise<void>;
  /**
   * Renders after the first good render, thrown away, while nothing changes (default 0; see `warmUp()`).
   * V8 compiles a function with its optimizing tier only after it has run a while: a process's first renders
   * take 2–4 times as long as its tenth. Rendered ahead, they are paid before the first save instead of by it.
   * Any change stops them; a save that lands during one waits for it to end (one render at most).
   */
  warmUp?: number;
}

/**
 * The warm-up `watch` and `serve` ask for: about two seconds of rendering on a 2-core machine, after which the
 * render's code is compiled by V8's optimizing tier. In a fresh process the second render of the example took
 * 190–420 ms and the tenth 55–80 (load 4.8); with ten renders ahead, the first three saves after `briefing
 * watch` started were rendered in 54–108 ms, against 107–174 ms without (three runs each, load below 1.6). Ten
 * saves from two seconds after the start, as `npm run bench` measures watch (quiet machine, two or three runs
 * each): a median of 56–64 ms with 10 renders ahead, 52–57 with 25, 49–53 with 40.
 */
export const WARM_UP_RENDERS = 40;

export type LiveEvent = { type: 'change'; path: string } | { type: 'render-start' } | { type: 'render-end'; ok: boolean } | { type: 'idle' };

/**
 * chokidar drops a change of a file that follows another within 50 ms (its emit throttle has no trailing event;
 * its fs.watch listener also drops events 5 ms apart), so the last of a burst of saves can go unseen when no
 * render is running to notice it: this long after each change, past that window, the inputs are compared with
 * what the last render read.
 */
const RECHECK_MS = 60;

export class LiveRender {
  private readonly file: string;
  private readonly settings: LiveRenderOptions;
  private readonly inputs: RenderInputs;
  private readonly renderer: Renderer;
  private watcher: FSWatcher | undefined;
  private watched: Set<string>;
  private stopped = false;
  private running: Promise<void> | undefined;
  private again = false;
  /** The inputs' fingerprint when the last render started. */
  private rendered: string | undefined;
  /** Warm-up renders still to do (`LiveRenderOptions.warmUp`), and the options of the latest good render. */
  private warmUpsLeft: number;
  private warmUpOptions: RenderOptions | undefined;

  constructor(file: string, settings: LiveRenderOptions) {
    this.file = file;
    this.settings = settings;
    this.renderer = settings.renderer ?? createRenderer();
    this.inputs = new RenderInputs(file);
    this.watched = new Set(this.inputs.folders());
    this.warmUpsLeft = settings.warmUp ?? 0;
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
      void this.settings.onEvent?.({ type: 'change', path });
      this.changed();
      setTimeout(() => this.recheck(), RECHECK_MS);
    });
    watcher.on('error', (error: unknown) => this.settings.onWatchError?.(error));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    this.rerender();
  }

  /**
   * An input changed: render now (the leading edge), or once more after the render in progress. Not when the
   * inputs are what the last render started from: the event came late, after that render had begun (it reads
   * the new content), and another render would give the same PDF.
   */
  private changed(): void {
    const now = this.inputs.fingerprint();
    if (now !== this.rendered) this.rerender(now);
  }

  /**
   * Renders again now, or right after the render in progress (one render at a time, at most one queued).
   * `inputs`: the inputs' fingerprint, when the caller has just taken it (a render started now starts from it).
   */
  rerender(inputs?: string): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      let known = inputs;
      do {
        this.again = false;
        await this.renderOnce(known);
        known = undefined;
        if (!this.again) await this.warmUp();
      } while (this.again && !this.stopped);
      this.running = undefined;
      // A save that lands after the last render, its event swallowed, is caught here.
      setTimeout(() => this.recheck(), RECHECK_MS);
      await this.settings.onEvent?.({ type: 'idle' });
    })();
  }

  /**
   * The warm-up renders (`LiveRenderOptions.warmUp`), each after the watcher's events so far: a change stops them.
   * Each reads the data file again and renders it under another data version (the fingerprint the footer shows),
   * so what a save runs is compiled too: reading and checking the file, laying out a changed paragraph, new
   * glyphs in a font subset. (The same input again would only find its paragraphs kept from the first render.)
   */
  private async warmUp(): Promise<void> {
    const options = this.warmUpOptions;
    // Taken once: if a change stops the warm-up, what is left of it follows the next good render.
    this.warmUpOptions = undefined;
    if (!options) return;
    while (this.warmUpsLeft > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      // A change the watcher has not told of yet (see RECHECK_MS) stops it too: the inputs are compared.
      if (this.again || this.stopped || this.inputs.fingerprint() !== this.rendered) {
        if (!this.stopped) this.again = true;
        return;
      }
      const round = this.warmUpsLeft--;
      try {
        // Loaded as a save is (the kept entries, their kept localized forms: the code a save runs), and its
        // bytes read whole besides, to warm the YAML reader a save runs on the entry it changed.
        const loaded = await this.renderer.load(this.file);
        parseBriefingSource(decodeUtf8(loaded.source, this.file), this.file);
        await this.renderer.render({ ...loaded, fingerprint: warmUpVersion(loaded.fingerprint, round) }, options);
      } catch {
        // It rendered a moment ago; whatever changed, the next real render says it.
        this.warmUpsLeft = 0;
      }
    }
  }

  /** Renders again when the inputs differ from what the last render read (see `RECHECK_MS`). */
  private recheck(): void {
    if (!this.stopped && !this.running) this.changed();
  }

  /** Stops watching; resolves when the watcher is closed and a render in progress has finished. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.watcher?.close();
    await this.running;
  }

  private async renderOnce(known?: string): Promise<void> {
    // Taken before the render is announced: a change from then on (a test holding the render at its start
    // included) is a change during the render, and gives one more render after it.
    const before = known ?? this.inputs.fingerprint();
    this.rendered = before;
    await this.settings.onEvent?.({ type: 'render-start' });
    const started = performance.now();
    const options = this.settings.options();
    let loaded: LoadedBriefing | undefined;
    let outcome: RenderOutcome;
    let read: readonly string[] | undefined;
    try {
      // Only the entries an edit changed are read again (data/entries.ts).
      loaded = await this.renderer.load(this.file);
      const result = await this.renderer.render(loaded, options);
      read = result.files;
      outcome = { ok: true, loaded, result, options, started };
      // The latest good render's options (serve may have switched the language since the first).
      if (this.warmUpsLeft > 0) this.warmUpOptions = options;
    } catch (error) {
      // A render that failed still says what it read (a template with an error, an image not found): watched,
      // so their fix renders. A data file that did not load leaves the inputs as they were.
      if (loaded) read = this.renderer.filesRead;
      outcome = { ok: false, error, loaded, options, started };
    }
    // The inputs' identities are compared only over the same files: a render that read other files than the
    // last one (the first render, an edited photo path) has a new set, and the watcher covers it from now on.
    let sameInputs = true;
    // Compared over the files the render started with, before the set may change: an edit made during the render.
    const changedDuring = this.inputs.fingerprint() !== before;
    if (read && this.inputs.follow(read)) {
      sameInputs = false;
      this.followFolders();
      // What this render read, over the new set of files: the recheck compares against it.
      this.rendered = this.inputs.fingerprint();
    }
    await this.settings.onOutcome(outcome);
    // An input changed since this render started: render again, whether or not the watcher saw it.
    if (changedDuring || (sameInputs && this.inputs.fingerprint() !== before)) this.again = true;
    await this.settings.onEvent?.({ type: 'render-end', ok: outcome.ok });
  }

  /** Watches the folders the inputs are in now (the template's, the fonts', the images'), and no others. */
  private followFolders(): void {
    if (!this.watcher) return;
    const folders = this.inputs.folders();
    const added = [...folders].filter((dir) => !this.watched.has(dir));
    const removed = [...this.watched].filter((dir) => !folders.has(dir));
    if (added.length > 0) this.watcher.add(added);
    if (removed.length > 0) this.watcher.unwatch(removed);
    this.watched = new Set(folders);
  }
}

/** A data version of eight hex digits for warm-up render `round` (1 and up): the data's own plus `round`, never the same. */
function warmUpVersion(fingerprint: string, round: number): string {
  return ((parseInt(fingerprint, 16) + round) >>> 0).toString(16).padStart(8, '0');
}
