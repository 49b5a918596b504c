// The V8 flags of a command, set before the program is compiled (docs/performance.md, "One-shot flags").
import { readdirSync, statSync } from 'node:fs';

/**
 * A command that renders one page and exits does better without V8's optimizing tiers: TurboFan would compile
 * hot functions on background threads for a run that ends before they pay (about 0.4 s of CPU of a cold render),
 * and HarfBuzz's WebAssembly would be recompiled the same way (the process then waits for it before exiting).
 * Its young generation need not grow either (a semi-space of 1 MB instead of up to 16: 25 MB less peak memory,
 * no slower). A long run — watch, serve, a batch of `LONG_RUN_FILES` files or more — renders again and again:
 * LONG_RUN_FLAGS.
 */
export const ONE_SHOT_FLAGS = ['--liftoff-only', '--no-opt', '--semi-space-growth-factor=1'];

/**
 * A long run — watch, serve, a batch of files — keeps V8's optimizing tier, but with less inlining: TurboFan
 * compiles on a background thread, and a render's largest functions (painting the page, laying out blocks) are
 * called once per render, so they become hot late and, with everything they call inlined, take tens of ms each
 * to compile, again in every worker thread of a batch (docs/performance.md, "Where the second core goes"). With
 * a cumulative inlining budget of 300 bytes of bytecode instead of 920: a 200-file batch with two jobs 10.0–10.6 s
 * instead of 11.5–12.0 s (CPU −13 %), one job the same wall time with 5 % less CPU, warm renders no slower.
 */
export const LONG_RUN_FLAGS = ['--max-inlined-bytecode-size-cumulative=300'];

/**
 * Options of `render` that take a value (`-o x`): the value is not a file. The same as src/cli/main.ts's
 * `renderValueOptions()` (this file runs before the bundle is loaded; test/cli/v8Flags.test.ts keeps them equal).
 */
export const VALUE_OPTIONS = new Set(['-o', '--output', '--lang', '--template', '--page', '--calendar', '--label-fallback', '--copies', '--jobs']);

/** The data files (or folders) a `render` command line names. */
function renderInputs(args) {
  const inputs = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) inputs.push(arg);
  }
  return inputs;
}

/**
 * Files from which a render is a long run. Below, the one-shot flags are faster: V8's optimizing tier compiles the
 * render path for a few seconds of CPU before it pays (3 files: 0.7–1.2 s of wall time against 1.0–1.6 s, 8 files
 * 1.0–1.7 against 1.3–1.7 s with a third less CPU, 20 files about the same, 40 files 4.0–4.2 against 3.1–3.3 s;
 * docs/performance.md).
 */
export const LONG_RUN_FILES = 20;

/**
 * The extensions of a folder's data files, as src/cli/batch/inputs.ts's `DATA_FILE_EXTENSIONS` (this file runs
 * before the bundle is loaded; test/cli/v8Flags.test.ts keeps them equal).
 */
export const DATA_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** How many data files an input names, roughly (a folder's files by their extension, not hidden). */
function filesOf(path) {
  try {
    if (!statSync(path).isDirectory()) return 1;
    return readdirSync(path).filter((name) => {
      const lower = name.toLowerCase();
      return !name.startsWith('.') && DATA_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
    }).length;
  } catch {
    return 1;
  }
}

/** The flags for `briefing <argv…>`: ONE_SHOT_FLAGS, or LONG_RUN_FLAGS for watch, serve and a render of `LONG_RUN_FILES` files or more. */
export function v8FlagsFor(argv) {
  const [command, ...args] = argv;
  if (command === 'watch' || command === 'serve') return LONG_RUN_FLAGS;
  if (command === 'render') {
    let files = 0;
    for (const input of renderInputs(args)) if ((files += filesOf(input)) >= LONG_RUN_FILES) return LONG_RUN_FLAGS;
  }
  return ONE_SHOT_FLAGS;
}
