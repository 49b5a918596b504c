/**
 * Defaults and limits of command-line options, kept apart from the commands they belong to: the argument
 * parser and `--help` need them, and importing a command's module to read one would load that command (its
 * server, watcher or picture renderer) into every run.
 */

import type { PageSize } from '../data/types.js';

export { DEFAULT_PORT } from '../serve/defaults.js';

/** What every command that renders a page takes (`render`, `watch`, `serve`, `preview`): its rendering options. */
export interface RenderingChoices {
  lang?: string;
  /** Template name, or a path (taken from the current folder). */
  template?: string;
  page?: PageSize;
  /** `--calendar`: overrides the data's calendar (one, or two for dual dates). */
  calendar?: string[];
  /** `--label-fallback`: a language whose labels stand in for missing ones. */
  labelFallback?: string;
}

/** `briefing preview`: the picture's resolution, and what `--dpi` takes. */
export const DEFAULT_DPI = 110;
export const MIN_DPI = 20;
export const MAX_DPI = 600;

/**
 * The most `--jobs` takes: each worker holds its own fonts, caches and WebAssembly memories (about 100 MB), so
 * a mistyped `--jobs 400` would exhaust the memory rather than go faster.
 */
export const MAX_JOBS = 64;
