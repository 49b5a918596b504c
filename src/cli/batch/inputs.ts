/**
 * The data files a `render` command line names: each argument is a data file, or a directory standing for the
 * data files directly in it. The list is the same on every machine and every run (a directory's files in code
 * point order of their names, not the file system's or the locale's order), so outputs and messages come in
 * the same order whatever `--jobs` is.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { BriefingError } from '../../errors.js';
import { isDirectory, isFile } from '../../inputFiles.js';
import { describeIoError } from '../writeAtomic.js';

/** The extensions of data files a directory is searched for (lower case; `A.YAML` counts too). */
export const DATA_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export interface RenderInputs {
  /** The data files, in the order they are rendered and reported. */
  files: string[];
  /** A directory was among the arguments: the output is a directory whatever the number of files. */
  fromDirectory: boolean;
}

/**
 * The data files of `args`, in order: a file as given (even without a data file extension: loading it says
 * what is wrong), a directory as its data files (see `dataFilesIn`). Throws a `usage` error for a directory
 * without data files or that cannot be read.
 */
export function listInputs(args: readonly string[]): RenderInputs {
  const files: string[] = [];
  let fromDirectory = false;
  for (const arg of args) {
    if (isDirectory(arg)) {
      fromDirectory = true;
      files.push(...dataFilesIn(arg));
    } else {
      files.push(arg);
    }
  }
  return { files, fromDirectory };
}

/**
 * The data files directly in `dir` (subdirectories are not searched: a tree of briefings is given as several
 * directories, so nothing is rendered by surprise), in code point order of their names. Hidden files (a
 * leading dot: editors' swap and backup files) are left out; a symbolic link counts when it leads to a file.
 */
export function dataFilesIn(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new BriefingError('usage', `cannot read the directory ${dir}: ${describeIoError(error)}`, { file: dir });
  }
  const names = entries
    .filter((entry) => !entry.name.startsWith('.') && hasDataExtension(entry.name))
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(join(dir, entry.name))))
    .map((entry) => entry.name)
    // Code point order: `<` on strings compares UTF-16 code units, which agrees except for astral characters,
    // rare in file names; either way it is the same on every machine, unlike localeCompare.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) {
    throw new BriefingError('usage', `the directory ${dir} has no data files (${DATA_FILE_EXTENSIONS.join(', ')}) in it`, {
      file: dir,
      hint: 'subdirectories are not searched: name each directory to render',
    });
  }
  return names.map((name) => join(dir, name));
}

function hasDataExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return DATA_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}
