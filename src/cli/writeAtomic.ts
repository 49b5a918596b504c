/**
 * Writing an output file so that a reader (or a crash) never sees half of it: the bytes go to a temporary file
 * in the target's own folder (same file system, so the rename is atomic), are flushed to disk, and the
 * temporary file is renamed over the target. On any failure the temporary file is removed and the target is
 * left as it was.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BriefingError } from '../errors.js';
import { kindOf } from '../inputFiles.js';

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

/**
 * Done with `file`. A signal that came while it was written synchronously waits for the event loop: before our
 * handler goes, a turn of the loop (a timer, then an immediate: past a poll phase, where signals are read) lets
 * it run, or the process would go on as if none had come.
 */
async function untrack(file: string): Promise<void> {
  pending.delete(file);
  if (pending.size > 0 || !SIGNALS.some((signal) => process.listeners(signal).includes(removePendingAndExit))) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
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

/** The name of our temporary files for `target`: `.<name>.<pid>.<12 hex digits>.tmp`. */
function tempName(target: string, pid: number): string {
  return `.${basename(target)}.${pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Matches a temporary file of ours for `target`, capturing the pid of the process that wrote it. */
function tempPattern(target: string): RegExp {
  const name = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Removes temporary files of ours for `target` left by a process that no longer runs (killed with `kill -9`, a
 * power cut): they would otherwise stay forever. A file of a process still running is its write in progress.
 */
function removeStaleTemporaryFiles(target: string): void {
  const pattern = tempPattern(target);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    const file = join(dirname(target), name);
    try {
      if (lstatSync(file).isFile()) unlinkSync(file);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** Symbolic links followed before giving up (Linux's own limit is 40). */
const MAX_LINKS = 40;

/**
 * The file a write to `path` must replace: `path` itself, or, when it is a symbolic link, the file it points
 * to (followed link by link, so a link to a file not yet there still names where to write). Replacing the
 * link itself would leave its target stale; writing through it would not be atomic.
 */
export function outputTarget(path: string): string {
  let target = resolve(path);
  for (let hops = 0; ; hops++) {
    let stat: Stats;
    try {
      stat = lstatSync(target);
    } catch {
      return target; // nothing there yet
    }
    if (!stat.isSymbolicLink()) return target;
    if (hops >= MAX_LINKS) throw new BriefingError('usage', `cannot write ${path}: too many symbolic links`, { file: path });
    target = resolve(dirname(target), readlinkSync(target));
  }
}

/**
 * Refuses (`usage`, exit 2) an output path that can never be written: an existing file that is not a regular
 * file (a device such as /dev/null, a FIFO, a socket, a directory: replacing it would lose it), a folder that
 * cannot be made or written. Returns the file to replace (see `outputTarget`). Watch mode calls it before
 * watching, so an unusable output is an error at once.
 */
export function checkOutputPath(path: string): string {
  const target = outputTarget(path);
  try {
    const stat = statSync(target);
    if (!stat.isFile()) {
      throw new BriefingError('usage', `cannot write ${path}: it is ${kindOf(stat)}, not a regular file; refusing to replace it`, {
        file: path,
        hint: 'give the path of a PDF file, a folder ending in /, or - for standard output',
      });
    }
  } catch (error) {
    if (error instanceof BriefingError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(`cannot write ${path}`, path, error);
  }
  // The nearest folder that exists must be a folder we may write in (the rest is created).
  let dir = dirname(target);
  for (;;) {
    try {
      const stat = statSync(dir);
      if (!stat.isDirectory()) throw writeError(`cannot write ${path}`, path, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
      accessSync(dir, constants.W_OK | constants.X_OK);
      return target;
    } catch (error) {
      if (error instanceof BriefingError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) throw writeError(`cannot write into ${dirname(path)}`, path, error);
      dir = dirname(dir);
    }
  }
}

/**
 * Writes `bytes` to `path` atomically: creates the folder if missing, writes `.<name>.<pid>.<random>.tmp`
 * beside the target, fsyncs it, renames it over the target. A symbolic link is followed: its target is replaced
 * (in the target's folder) and the link kept. An existing target that is not a regular file is refused.
 * Temporary files of ours left by a process that was killed are removed first. Throws a `BriefingError` —
 * 'usage' when the output path is at fault (no permission, read-only, a directory, a device), else 'io' —
 * (with the file and a plain reason) on failure, after removing the temporary file. With `notSameAs`, first
 * refuses to write over that file (the input), see `refuseSameFile`. `bytes` may be an async iterable of chunks
 * (tests use one that stalls, to interrupt a write without writing gigabytes).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | AsyncIterable<Uint8Array>, options: { notSameAs?: string } = {}): Promise<void> {
  if (options.notSameAs !== undefined) refuseSameFile(options.notSameAs, path);
  const target = checkOutputPath(path);
  const dir = dirname(target);
  const temp = join(dir, tempName(target, process.pid));

  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw writeError(`cannot create the folder ${dirname(path)}`, path, error);
  }
  removeStaleTemporaryFiles(target);

  let created = false;
  track(temp);
  try {
    if (bytes instanceof Uint8Array) {
      // Bytes in hand are written with synchronous calls: each asynchronous one is a round trip through libuv's
      // thread pool, and a watch save paid ≈ 7 ms for the eight of them (≈ 3 ms this way, the fsyncs most of it).
      // 'wx': never follow or reuse an existing file of that name.
      const fd = openSync(temp, 'wx', 0o666);
      created = true;
      try {
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } else {
      const handle = await open(temp, 'wx', 0o666);
      created = true;
      try {
        for await (const chunk of bytes) await handle.write(chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    }
    created = false;
    await untrack(temp);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    await untrack(temp);
    // Before the temporary file exists the folder is at fault; after, the target (e.g. it is a directory).
    const where = created ? path : `into ${dirname(path)}`;
    throw writeError(`cannot write ${where}`, path, error);
  }

  // Make the rename itself durable; best effort (not every platform can fsync a folder).
  try {
    const folder = openSync(dir, 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
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
