/**
 * What became of each file of a batch, and the summary printed at its end: how many were written (and how
 * many of those had to shrink their text to fit the page), overflowing, invalid or failed, each file that
 * was not simply written named with the one line that says why. The summary holds no times, so the same
 * batch gives the same summary whatever `--jobs` is.
 */
import { BriefingError, exitCodeFor } from '../../errors.js';
import { PAGE_SIZES } from '../../layout/page.js';
import { withFile } from '../report.js';
import type { PageFit } from './renderFile.js';

/**
 * - `written`: the PDF is in place at the theme's text size; `shrunk`: in place, its text made smaller to fit;
 * - `overflowing`: not even the smallest text fits one page (exit 3); `invalid`: the input or the command line
 *   is at fault (exit 2); `failed`: the disk or the program (exit 1). These three wrote nothing.
 */
export type FileOutcome = WrittenOutcome | FailedOutcome;
export interface WrittenOutcome {
  status: 'written' | 'shrunk';
  file: string;
  output: string;
  fit: PageFit;
}
export interface FailedOutcome {
  status: 'overflowing' | 'invalid' | 'failed';
  file: string;
  error: unknown;
}

export function isWritten(outcome: FileOutcome): outcome is WrittenOutcome {
  return outcome.status === 'written' || outcome.status === 'shrunk';
}

export type FileStatus = FileOutcome['status'];

/** The outcome of a file that could not be rendered or written, by the exit code of its error. */
export function failureOutcome(file: string, error: unknown): FileOutcome {
  const code = exitCodeFor(error);
  return { status: code === 3 ? 'overflowing' : code === 2 ? 'invalid' : 'failed', file, error };
}

export function writtenOutcome(file: string, output: string, fit: PageFit): FileOutcome {
  return { status: fit.scale < 1 ? 'shrunk' : 'written', file, output, fit };
}

export function exitCodeOf(outcome: FileOutcome): number {
  return isWritten(outcome) ? 0 : exitCodeFor(outcome.error);
}

/** `wrote out/x.pdf (A4, 1 page, 10.5 pt)`, plus `, shrank to … to fit one page` when it had to shrink. */
export function describeOutput(output: string, fit: PageFit): string {
  const size = `${fit.bodySize.toFixed(1)} pt`;
  const shrank = fit.scale < 1 ? `, shrank to ${size} body text to fit one page` : '';
  return `wrote ${output} (${pageName(fit.width, fit.height)}, 1 page, ${size})${shrank}`;
}

function pageName(width: number, height: number): string {
  const named = Object.entries(PAGE_SIZES).find(([, p]) => Math.abs(p.width - width) < 1 && Math.abs(p.height - height) < 1);
  return named ? named[0] : `${Math.round(width)}×${Math.round(height)} pt`;
}

/** The first line of a failure, with its file: `in/a.yaml:3:7: title: …`, and how many more problems it has. */
export function oneLineMessage(file: string, error: unknown): string {
  if (error instanceof BriefingError) {
    const [first] = withFile(error, file).format().split('\n');
    const more = error.problems.length - 1;
    return more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first!;
  }
  return `${file}: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

/** The order of the summary's lines. */
const NAMED: readonly { status: FileStatus; label: string }[] = [
  { status: 'shrunk', label: 'shrunk to fit' },
  { status: 'overflowing', label: 'overflowing' },
  { status: 'invalid', label: 'invalid' },
  { status: 'failed', label: 'failed' },
];

/**
 * ```
 * summary: 5 files: 3 written (1 shrunk to fit), 1 overflowing, 1 invalid
 *   shrunk to fit  in/b.yaml → out/b.pdf at 9.2 pt body text
 *   overflowing    in/c.yaml: does not fit one page even at 8.0 pt body text (40 mm too long)
 *   invalid        in/d.yaml:2:8: title: …
 * ```
 * The written files are counted only: each has its `wrote …` line on stdout already.
 */
export function summaryText(outcomes: readonly FileOutcome[]): string {
  const count = (status: FileStatus) => outcomes.filter((outcome) => outcome.status === status).length;
  const written = count('written') + count('shrunk');
  const parts = [`${written} written${count('shrunk') > 0 ? ` (${count('shrunk')} shrunk to fit)` : ''}`];
  for (const status of ['overflowing', 'invalid', 'failed'] as const) if (count(status) > 0) parts.push(`${count(status)} ${status}`);
  const lines = [`summary: ${outcomes.length} file${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')}`];

  const width = Math.max(...NAMED.map(({ label }) => label.length));
  for (const { status, label } of NAMED) {
    for (const outcome of outcomes) {
      if (outcome.status !== status) continue;
      const detail = isWritten(outcome)
        ? `${outcome.file} → ${outcome.output} at ${outcome.fit.bodySize.toFixed(1)} pt body text`
        : oneLineMessage(outcome.file, outcome.error);
      lines.push(`  ${label.padEnd(width)}  ${detail}`);
    }
  }
  return lines.join('\n');
}
