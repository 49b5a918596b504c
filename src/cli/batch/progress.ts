/**
 * The progress of a batch on stderr. On a terminal, one bar redrawn in place (done/total, files per second,
 * time left), kept below the lines the batch prints; otherwise (a CI log, a file) plain lines at every tenth
 * of the batch, which a log keeps readable. "Done" counts files reported, which happens in input order, so
 * the lines a batch prints come in the same order whatever `--jobs` is.
 */
import type { CliIo } from '../report.js';

export interface ProgressOptions {
  total: number;
  /** Draw a bar in place (stderr is a terminal) instead of printing lines. */
  terminal: boolean;
  /** Width of the terminal in characters (a bar never wraps). */
  columns?: number;
  /** Milliseconds from some fixed point (tests give their own clock; default `performance.now`). */
  now?: () => number;
}

/** A terminal bar is redrawn at most this often: more would only flicker and cost writes. */
const REDRAW_EVERY_MS = 100;

/** Plain lines are printed at each tenth of the batch (and at every file of a batch of ten or fewer). */
const PLAIN_STEPS = 10;

const BAR_WIDTH = 24;

/** ANSI: carriage return and "erase the whole line". */
const CLEAR_LINE = '\r\x1b[2K';

export interface Progress {
  /** Prints a line to stdout or stderr above the bar (the bar is cleared, and drawn again by `advance`). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** One more file reported (after its lines). */
  advance(): void;
  /** Removes the bar (a terminal) before the summary. */
  finish(): void;
}

export function startProgress(io: CliIo, options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { total } = options;
  let done = 0;
  let drawn = false;
  let lastDraw = -Infinity;

  const clear = () => {
    if (drawn) io.stderr(CLEAR_LINE);
    drawn = false;
  };
  const draw = () => {
    io.stderr(`${CLEAR_LINE}${fitColumns(barText(done, total, now() - started), options.columns)}`);
    drawn = true;
    lastDraw = now();
  };

  if (options.terminal) draw();
  return {
    stdout(text) {
      if (!options.terminal) return io.stdout(text);
      clear();
      io.stdout(text);
    },
    stderr(text) {
      if (!options.terminal) return io.stderr(text);
      clear();
      io.stderr(text);
    },
    advance() {
      done++;
      if (options.terminal) {
        // A file's lines come just before its `advance`: the bar they cleared comes back with the new count.
        if (!drawn || done === total || now() - lastDraw >= REDRAW_EVERY_MS) draw();
      } else if (isPlainStep(done, total)) {
        io.stderr(`${progressText(done, total, now() - started)}\n`);
      }
    },
    finish() {
      if (options.terminal) clear();
    },
  };
}

/** Does reaching `done` of `total` cross a tenth of the batch? */
export function isPlainStep(done: number, total: number): boolean {
  if (total <= PLAIN_STEPS) return true;
  return Math.floor((done * PLAIN_STEPS) / total) > Math.floor(((done - 1) * PLAIN_STEPS) / total);
}

/** `progress: 20/200 files (10%), 4.1 files/s, about 44 s left`; the rate and time left once a file is done. */
export function progressText(done: number, total: number, elapsedMs: number): string {
  const percent = Math.floor((done * 100) / total);
  const head = `progress: ${done}/${total} files (${percent}%)`;
  if (done === 0 || elapsedMs <= 0) return head;
  const { perSecond, left } = pace(done, total, elapsedMs);
  return `${head}, ${perSecond}, ${done === total ? 'done' : left}`;
}

/** `rendering [██████░░░░…]  20/200  4.1 files/s  about 44 s left`. */
export function barText(done: number, total: number, elapsedMs: number): string {
  const filled = Math.round((done / total) * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  if (done === 0 || elapsedMs <= 0) return `rendering [${bar}] ${count}`;
  const { perSecond, left } = pace(done, total, elapsedMs);
  return `rendering [${bar}] ${count}  ${perSecond}${done === total ? '' : `  ${left}`}`;
}

/** `4.1 files/s` and `about 44 s left`, from `done` of `total` files in `elapsedMs` (done > 0). */
function pace(done: number, total: number, elapsedMs: number): { perSecond: string; left: string } {
  const rate = (done * 1000) / elapsedMs;
  return { perSecond: `${rate.toFixed(1)} files/s`, left: `about ${durationText(((total - done) * 1000) / rate)} left` };
}

/** `44 s`, `3 min 05 s`, `2 h 01 min`. */
export function durationText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Cut to the terminal's width less one column: writing the last column makes some terminals wrap. */
function fitColumns(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 2) return text;
  const chars = [...text];
  return chars.length < columns ? text : chars.slice(0, columns - 1).join('');
}
