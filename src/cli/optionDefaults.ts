/**
 * Defaults and limits of command-line options, kept apart from the commands they belong to: the argument
 * parser and `--help` need them, and importing a command's module to read one would load that command (its
 * server, watcher or picture renderer) into every run.
 */

export { DEFAULT_PORT } from '../serve/defaults.js';

/** `briefing preview`: the picture's resolution, and what `--dpi` takes. */
export const DEFAULT_DPI = 110;
export const MIN_DPI = 20;
export const MAX_DPI = 600;

/**
 * The most `--jobs` takes: each worker holds its own fonts, caches and WebAssembly memories (about 100 MB), so
 * a mistyped `--jobs 400` would exhaust the memory rather than go faster.
 */
export const MAX_JOBS = 64;
