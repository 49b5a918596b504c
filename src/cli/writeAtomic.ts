/**
 * Writing an output file so that a reader (or a crash) never sees half of it: the bytes go to a temporary file
 * in the target's own folder (same file system, so the rename is atomic), are flushed to disk, and the
 * temporary file is renamed over the target. On any failure the temporary file is removed and the target is
 * left as it was.
 */
import { randomBytes } from 'node:crypto';
import { statSync, unlinkSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BriefingError } from '../errors.js';

/** Human words for the errno codes a user can run into when writing a file. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'a file of that name already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
};

/**
 * Temporary files being written. Ctrl-C (or SIGTERM) would end the process without any cleanup, so while one
 * exists and nobody else handles the signal (watch mode does, and waits for the write to finish), a handler
 * removes it and exits with the usual 130/143.
 */
const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function removePendingAndExit(signal: NodeJS.Signals): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(file: string): void {
  if (pending.size === 0) {
    for (const signal of SIGNALS) if (process.listenerCount(signal) === 0) process.on(signal, removePendingAndExit);
  }
  pending.add(file);
}

function untrack(file: string): void {
  pending.delete(file);
  if (pending.size === 0) for (const signal of SIGNALS) process.off(signal, removePendingAndExit);
}

/**
 * Causes the user fixes by choosing another output path (exit 2, like other bad input); anything else (a full
 * disk, a hardware error) is an I/O failure (exit 1).
 */
const OUTPUT_PATH_CAUSES = new Set(['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EEXIST']);

function writeError(message: string, path: string, cause: unknown): BriefingError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new BriefingError(code && OUTPUT_PATH_CAUSES.has(code) ? 'usage' : 'io', `${message}: ${describeIoError(cause)}`, { file: path, cause });
}

/** Why a file-system call failed, in words: `permission denied`, else the system's message. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `bytes` to `path` atomically: creates the folder if missing, writes `.<name>.<pid>.<random>.tmp`
 * beside the target, fsyncs it, renames it over the target. Throws a `BriefingError` — 'usage' when the output
 * path is at fault (no permission, read-only, a directory), else 'io' — (with the file and a
 * plain reason) on failure, after removing the temporary file. With `notSameAs`, first refuses to write over
 * that file (the input), see `refuseSameFile`.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { notSameAs?: string } = {}): Promise<void> {
  if (options.notSameAs !== undefined) refuseSameFile(options.notSameAs, path);
  const target = resolve(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(`cannot create the folder ${dirname(path)}`, path, error);
  }

  let created = false;
  track(temp);
  try {
    // 'wx': never follow or reuse an existing file of that name.
    const handle = await open(temp, 'wx', 0o666);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    created = false;
    untrack(temp);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    untrack(temp);
    // Before the temporary file exists the folder is at fault; after, the target (e.g. it is a directory).
    const where = created ? path : `into ${dirname(path)}`;
    throw writeError(`cannot write ${where}`, path, error);
  }

  // Make the rename itself durable; best effort (not every platform can fsync a folder).
  try {
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // ignored: the file is written; only its durability across a power cut is less certain
  }
}

/**
 * Refuses (`BriefingError('usage')`) to write `output` when it is the same file as `input`: the same path
 * once resolved, or the same file reached another way (symbolic or hard link).
 */
export function refuseSameFile(input: string, output: string): void {
  let same = resolve(input) === resolve(output);
  if (!same) {
    try {
      const a = statSync(input);
      const b = statSync(output);
      same = a.dev === b.dev && a.ino === b.ino;
    } catch {
      // one of them does not exist: they cannot be the same file
    }
  }
  if (same) {
    throw new BriefingError('usage', `the output ${output} is the input file itself; choose another output path`, { file: input });
  }
}
