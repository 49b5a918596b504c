/**
 * What the main thread and a render worker say to each other. Errors cross the thread boundary as plain data
 * and are rebuilt on the other side, so a failure in a worker is reported exactly as the same failure in the
 * main thread would be (`BriefingError.format()`, the exit code of its code).
 */
import { BriefingError, type ErrorCode, type Problem } from '../../errors.js';
import type { RenderOptions } from '../../pipeline.js';
import type { RenderedFile } from './renderFile.js';

/** Given to each worker when it starts: the same for every file of the batch. */
export interface WorkerSetup {
  options: RenderOptions;
}

/** Main thread → worker: render this file. */
export interface RenderRequest {
  id: number;
  file: string;
}

/** Worker → main thread. `ready` once the worker has loaded the library, then one reply per request. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'rendered'; id: number; rendered: RenderedFile }
  | { kind: 'failed'; id: number; error: SentError };

/** An error as data: a `BriefingError`'s fields, or any other error's message and stack. */
export type SentError =
  | { kind: 'briefing'; code: ErrorCode; problems: Problem[]; file: string | undefined; hint: string | undefined }
  | { kind: 'other'; message: string; stack: string | undefined };

export function sendableError(error: unknown): SentError {
  if (error instanceof BriefingError) {
    return { kind: 'briefing', code: error.code, problems: [...error.problems], file: error.file, hint: error.hint };
  }
  if (error instanceof Error) return { kind: 'other', message: error.message, stack: error.stack };
  return { kind: 'other', message: String(error), stack: undefined };
}

export function receivedError(sent: SentError): Error {
  if (sent.kind === 'briefing') {
    const options: { file?: string; hint?: string } = {};
    if (sent.file !== undefined) options.file = sent.file;
    if (sent.hint !== undefined) options.hint = sent.hint;
    return new BriefingError(sent.code, sent.problems, options);
  }
  const error = new Error(sent.message);
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}
