/**
 * How the command line talks to the user: the output streams (swappable, so tests run `main` in-process),
 * error and warning printing, and folding the per-file outcomes into one exit code.
 */
import { BriefingError, exitCodeFor, type Warning } from '../errors.js';

/** Where the CLI writes. Each call gets whole lines, newline included. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Writes a file's bytes to standard output (`-o -`); resolves once they are handed to the system. */
  stdoutBytes?: (bytes: Uint8Array) => Promise<void>;
  /** Standard output is a terminal: binary output there is refused. */
  stdoutIsTerminal?: boolean;
  /** Standard error is a terminal: a batch draws its progress bar there, else prints plain progress lines. */
  stderrIsTerminal?: boolean;
  /** The width of that terminal, in characters. */
  stderrColumns?: number;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stdoutBytes: (bytes) =>
    new Promise((resolveWrite, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolveWrite()))),
  get stdoutIsTerminal() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTerminal() {
    return process.stderr.isTTY === true;
  },
  get stderrColumns() {
    return process.stderr.isTTY ? process.stderr.columns : undefined;
  },
};

/** `-o -`: the output is standard output. */
export const STDOUT = '-';

/**
 * Writes `bytes` to standard output for `-o -`. Refused (usage) on a terminal, where a PDF would only garble
 * the screen, and where the CLI's io cannot take bytes.
 */
export async function writeToStdout(bytes: Uint8Array, io: CliIo): Promise<void> {
  if (io.stdoutIsTerminal) {
    throw new BriefingError('usage', 'standard output is a terminal: not writing binary data there', { hint: 'redirect it (-o - > file.pdf, | lp) or give a file with -o' });
  }
  if (!io.stdoutBytes) throw new BriefingError('usage', 'this caller cannot write to standard output');
  try {
    await io.stdoutBytes(bytes);
  } catch (cause) {
    throw new BriefingError('io', `cannot write to standard output: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** `error` with `file` filled in when it does not name one (e.g. an overflow), so every message says which input. */
export function withFile(error: BriefingError, file: string): BriefingError {
  if (error.file !== undefined) return error;
  return new BriefingError(error.code, [...error.problems], { file, hint: error.hint, cause: error.cause ?? error });
}

/**
 * Prints a failure about `file` to stderr: a `BriefingError` as its `file:line:col: path: message` lines, anything
 * else as an internal error with its stack. Returns the exit code for it.
 */
export function reportError(error: unknown, file: string | undefined, io: CliIo): number {
  if (error instanceof BriefingError) {
    io.stderr(`${(file === undefined ? error : withFile(error, file)).format()}\n`);
    return exitCodeFor(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  io.stderr(`briefing: internal error: ${file === undefined ? '' : `${file}: `}${message}${stack}\n`);
  return exitCodeFor(error);
}

/** `HH:MM:SS`, local time: the start of each line `watch` and `serve` print per render. */
export function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Prints a failed live render (`watch`, `serve`) on stdout as `HH:MM:SS error: …`, several problems one per
 * line, lined up under the first; an internal error also gets its stack on stderr.
 */
export function reportTimedError(error: unknown, file: string, io: CliIo): void {
  const prefix = `${clock()} error: `;
  if (error instanceof BriefingError) {
    io.stdout(`${prefix}${withFile(error, file).format().replaceAll('\n', `\n${' '.repeat(prefix.length)}`)}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stdout(`${prefix}internal error: ${message}\n`);
  if (error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
}

/** Prints each distinct warning once, as `warning: file: path: message`. */
export function reportWarnings(warnings: readonly Warning[], file: string, io: CliIo): void {
  const seen = new Set<string>();
  for (const warning of warnings) {
    const line = `warning: ${file}: ${warning.path ? `${warning.path}: ` : ''}${warning.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    io.stderr(`${line}\n`);
  }
}

/**
 * Exit codes from the worst failure to none: the disk or the program (1) before input the user must fix (2)
 * before content too long for one page (3, the input is valid), before success (0).
 */
const EXIT_CODES_WORST_FIRST = [1, 2, 3, 0];

/**
 * One exit code for several files: that of the worst failure (see `EXIT_CODES_WORST_FIRST`), so a script
 * learns the most serious thing that went wrong; 0 when all succeeded.
 */
export function worstExitCode(codes: readonly number[]): number {
  const rank = (code: number) => {
    const index = EXIT_CODES_WORST_FIRST.indexOf(code);
    return index < 0 ? -1 : index; // a code not listed is not ours to judge: worst of all
  };
  return codes.reduce((worst, code) => (rank(code) < rank(worst) ? code : worst), 0);
}
