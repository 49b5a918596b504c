/**
 * Reading the files a render reads (data, template, theme, labels, fonts) so that none of them can hang, exhaust
 * or leak: each must be a regular file — checked before it is opened, since opening a FIFO blocks until a writer
 * comes and opening a device may do something — within a size limit, and, where the caller says so, inside
 * the folders it may come from, symbolic links followed.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { BriefingError, type ErrorCode } from './errors.js';

/** Human words for the errno codes a user can run into when naming a file to read. */
const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

export interface ReadRules {
  /** What the file is, for messages: `the data file`, `the theme`. */
  what: string;
  /** The error code of a file the user must fix (missing, not a regular file, too large, outside). */
  code: ErrorCode;
  maxBytes: number;
  /** The file (symbolic links followed) must be inside one of these folders. */
  within?: readonly string[];
  /** The file named in the error (default: `path`). */
  file?: string;
}

/**
 * A file's identity now: inode, size and modification time (`-` when it cannot be read). Two equal identities
 * mean the same content for every save an editor or a font installer makes, without reading the file.
 */
export function fileIdentity(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return '-';
  }
}

/** Is `path` an existing directory (symbolic links followed)? */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Is `path` an existing regular file (symbolic links followed)? */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `20 MB`, `512 KB`, `100 bytes`. */
export function sizeInWords(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** What kind of thing a non-regular file is, in words. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Is `file` inside `folder`? Both are compared as given (resolved) and with symbolic links followed. */
export function isInsideFolder(file: string, folder: string): boolean {
  const inside = (f: string, d: string) => f.startsWith(d.endsWith(sep) ? d : d + sep);
  if (!inside(resolve(file), resolve(folder))) return false;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return true; // nothing there to escape to: reading it fails with "no such file"
  }
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
  } catch {
    return false;
  }
  return inside(real, realFolder);
}

/** Refuses, without opening it, a `path` that is missing, not a regular file or over the size limit. */
export function checkRegularFile(path: string, rules: ReadRules): void {
  const file = rules.file ?? path;
  const refuse = (message: string, cause?: unknown) => new BriefingError(rules.code, `cannot read ${rules.what}: ${message}`, { file, cause });
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    throw failure(error, refuse, rules, file);
  }
  if (!stat.isFile()) throw refuse(`${path} is ${kindOf(stat)}`);
  if (stat.size > rules.maxBytes) throw refuse(`${path} is too large: ${stat.size} bytes, the limit is ${sizeInWords(rules.maxBytes)}`);
}

/**
 * The bytes of `path`, a regular file of at most `rules.maxBytes` bytes (inside `rules.within` when given).
 * Throws a `BriefingError` with `rules.code` for what the user must fix, `io` for a failure of the disk.
 * Messages never quote the file's content.
 */
export function readRegularFile(path: string, rules: ReadRules): Buffer {
  const file = rules.file ?? path;
  const refuse = (message: string, cause?: unknown) => new BriefingError(rules.code, `cannot read ${rules.what}: ${message}`, { file, cause });
  if (rules.within && !rules.within.some((folder) => isInsideFolder(path, folder))) {
    throw refuse(`${path} is outside the folders it may be read from`);
  }
  checkRegularFile(path, rules);

  let fd: number;
  try {
    // Non-blocking: should the path have become a FIFO since the check, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw failure(error, refuse, rules, file);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refuse(`${path} is ${kindOf(stat)}`);
    // Read to the end, not to the size seen: the file may have grown since; one byte past the limit refuses it.
    let buffer = Buffer.allocUnsafe(Math.min(rules.maxBytes, stat.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > rules.maxBytes) throw refuse(`${path} is too large: more than ${sizeInWords(rules.maxBytes)}`);
        const bigger = Buffer.allocUnsafe(Math.min(rules.maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw failure(error, refuse, rules, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * `readRegularFile` with the reading done asynchronously (the data file: a render in watch or serve then lets the
 * event loop run while the disk works, as reading the data always has).
 */
export async function readRegularFileAsync(path: string, rules: ReadRules): Promise<Buffer> {
  const file = rules.file ?? path;
  const refuse = (message: string, cause?: unknown) => new BriefingError(rules.code, `cannot read ${rules.what}: ${message}`, { file, cause });
  if (rules.within && !rules.within.some((folder) => isInsideFolder(path, folder))) throw refuse(`${path} is outside the folders it may be read from`);
  checkRegularFile(path, rules);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw failure(error, refuse, rules, file);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refuse(`${path} is ${kindOf(stat)}`);
    if (stat.size > rules.maxBytes) throw refuse(`${path} is too large: ${stat.size} bytes, the limit is ${sizeInWords(rules.maxBytes)}`);
    const bytes = await handle.readFile();
    // The file may have grown since.
    if (bytes.length > rules.maxBytes) throw refuse(`${path} is too large: more than ${sizeInWords(rules.maxBytes)}`);
    return bytes;
  } catch (error) {
    throw failure(error, refuse, rules, file);
  } finally {
    await handle.close();
  }
}

function failure(error: unknown, refuse: (message: string, cause?: unknown) => BriefingError, rules: ReadRules, file: string): BriefingError {
  if (error instanceof BriefingError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && READ_REASONS[code]) return refuse(READ_REASONS[code], error);
  const reason = error instanceof Error ? error.message : String(error);
  return new BriefingError('io', `cannot read ${rules.what}: ${reason}`, { file, cause: error });
}
