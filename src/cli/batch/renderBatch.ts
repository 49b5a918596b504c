/**
 * Renders a list of data files to their outputs through a `FileRenderer` (this thread or a worker pool) and
 * reports them in input order: warnings, `wrote …` or the error, file by file, with the progress on stderr
 * and, for several files, the summary at the end. Files are rendered and written as soon as a worker is
 * free, but each is reported only when all files before it are, so what is printed does not depend on
 * `--jobs`. Every PDF is written atomically by this thread; a file that fails writes nothing.
 */
import { STDOUT, reportError, reportWarnings, worstExitCode, writeToStdout, type CliIo } from '../report.js';
import { checkOutputPath, refuseSameFile, writeFileAtomic } from '../writeAtomic.js';
import type { Warning } from '../../errors.js';
import type { FileRenderer } from './fileRenderer.js';
import { startProgress } from './progress.js';
import { describeOutput, exitCodeOf, failureOutcome, isWritten, summaryText, writtenOutcome, type FileOutcome } from './summary.js';

/** A file done: its outcome, and the warnings its render gave (printed when its turn comes). */
interface FileDone {
  outcome: FileOutcome;
  warnings: readonly Warning[];
}

/**
 * Renders `files[i]` to `outputs[i]` (a path, or `STDOUT` for a single file); returns the exit code of the worst
 * failure (see `worstExitCode`). Several files get a progress display and a summary on stderr.
 */
export async function renderBatch(files: readonly string[], outputs: readonly string[], renderer: FileRenderer, io: CliIo): Promise<number> {
  const several = files.length > 1;
  const progress = several
    ? startProgress(io, {
        total: files.length,
        terminal: io.stderrIsTerminal === true,
        ...(io.stderrColumns !== undefined ? { columns: io.stderrColumns } : {}),
      })
    : undefined;
  // Every line goes through the progress display, which keeps its bar below them.
  const out: CliIo = progress ? { ...io, stdout: progress.stdout, stderr: progress.stderr } : io;

  // All files are checked and queued now (the checks are synchronous, before `produce`'s first await); the
  // renderer starts them in this order.
  const done = files.map((file, index) => produce(file, outputs[index]!, renderer, out));
  const outcomes: FileOutcome[] = [];
  for (const [index, pending] of done.entries()) {
    const { outcome, warnings } = await pending;
    const file = files[index]!;
    reportWarnings(warnings, file, out);
    if (isWritten(outcome)) {
      if (outcome.output === STDOUT) out.stderr(`${describeOutput('standard output', outcome.fit)}\n`);
      else out.stdout(`${describeOutput(outcome.output, outcome.fit)}\n`);
    } else {
      reportError(outcome.error, file, out);
    }
    outcomes.push(outcome);
    progress?.advance();
  }
  progress?.finish();
  if (several) io.stderr(`${summaryText(outcomes)}\n`);
  return worstExitCode(outcomes.map(exitCodeOf));
}

/** Checks the output path, renders, writes; never throws (a failure is the file's outcome). */
async function produce(file: string, output: string, renderer: FileRenderer, io: CliIo): Promise<FileDone> {
  let warnings: readonly Warning[] = [];
  try {
    if (output !== STDOUT) {
      // Before rendering: a file whose output can never be written is not worth a render.
      checkOutputPath(output);
      refuseSameFile(file, output);
    }
    const rendered = await renderer.render(file);
    warnings = rendered.warnings;
    if (output === STDOUT) await writeToStdout(rendered.pdf, io);
    else await writeFileAtomic(output, rendered.pdf, { notSameAs: file });
    return { outcome: writtenOutcome(file, output, rendered.fit), warnings };
  } catch (error) {
    return { outcome: failureOutcome(file, error), warnings };
  }
}
