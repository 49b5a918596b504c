/**
 * The files live rendering (`watch`, `serve`) watches: exactly those the last render read or looked for (the
 * renderer lists them with each result: the data file, the template, its theme, the labels, the fonts, the
 * images), and always the data file.
 */
import { dirname, resolve } from 'node:path';
import { fileIdentity } from '../inputFiles.js';

export class RenderInputs {
  readonly dataFile: string;
  private files: Set<string>;
  private watchedFolders: Set<string>;

  constructor(dataFile: string) {
    this.dataFile = resolve(dataFile);
    this.files = new Set([this.dataFile]);
    this.watchedFolders = new Set([dirname(this.dataFile)]);
  }

  /** Follows the files a render read (the data file is always one); true when the set changed. */
  follow(files: readonly string[]): boolean {
    const next = new Set([this.dataFile, ...files.map((file) => resolve(file))]);
    if (next.size === this.files.size && [...next].every((file) => this.files.has(file))) return false;
    this.files = next;
    this.watchedFolders = new Set([...next].map((file) => dirname(file)));
    return true;
  }

  /** The folders to watch: those of the input files (an editor's save may replace a file by renaming). */
  folders(): Set<string> {
    return this.watchedFolders;
  }

  /** True for a file whose change must re-render. */
  isInput(path: string): boolean {
    return this.files.has(resolve(path));
  }

  /**
   * The identity of every input file now (inode, size, modification time), to tell after a render whether
   * one changed since it started. The watcher alone can miss such a change: chokidar drops the events of a
   * file for 5 ms after one, and reading the data file makes one (its access time changes) while the render
   * keeps the event loop busy, so a save landing right after the render could go unseen.
   */
  fingerprint(): string {
    return [...this.files].map((file) => `${file}:${fileIdentity(file)}`).join('\n');
  }

  /** What chokidar should look at: the watched folders themselves and the input files in them. */
  isWatched(path: string): boolean {
    return this.watchedFolders.has(resolve(path)) || this.isInput(path);
  }
}
