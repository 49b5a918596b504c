/**
 * The files a render reads, as live rendering (`watch`, `serve`) watches them: the data file, the template and
 * the other `.hbs` files of its folder (partials), the `theme.json` beside it, the labels, the font files, and
 * the images the last render showed (the letterhead's logo, the visitor's photo).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { resolveTemplate } from '../pipeline.js';
import { FONT_FILE, FONTS_DIR } from '../resources.js';
import { defaultLabelsFile } from '../template/labels.js';

/** The files a render reads, and the folders to watch for them. */
export class RenderInputs {
  readonly dataFile: string;
  private readonly fontsDir = resolve(FONTS_DIR);
  private readonly labelsFile = resolve(defaultLabelsFile());
  private templateDir: string;
  /** The images the last render showed. */
  private images = new Set<string>();

  constructor(dataFile: string, templateFile: string) {
    this.dataFile = resolve(dataFile);
    this.templateDir = dirname(resolve(templateFile));
  }

  /** Follows the template in use (the data's `template` field may change it); true when it moved folder. */
  setTemplate(templateFile: string): boolean {
    const dir = dirname(resolve(templateFile));
    if (dir === this.templateDir) return false;
    this.templateDir = dir;
    return true;
  }

  /** Follows the images a render showed; true when the set changed. */
  setImages(files: readonly string[]): boolean {
    const next = new Set(files.map((f) => resolve(f)));
    if (next.size === this.images.size && [...next].every((f) => this.images.has(f))) return false;
    this.images = next;
    return true;
  }

  folders(): Set<string> {
    return new Set([dirname(this.dataFile), this.templateDir, dirname(this.labelsFile), this.fontsDir, ...[...this.images].map((f) => dirname(f))]);
  }

  /** True for a file whose change must re-render. */
  isInput(path: string): boolean {
    const file = resolve(path);
    const dir = dirname(file);
    if (file === this.dataFile || file === this.labelsFile || this.images.has(file)) return true;
    if (dir === this.templateDir && (file.endsWith('.hbs') || basename(file) === 'theme.json' || basename(file) === 'labels.json')) return true;
    return this.isFont(file);
  }

  /** True for a font file (its change drops the parsed fonts). */
  isFont(path: string): boolean {
    const file = resolve(path);
    return dirname(file) === this.fontsDir && FONT_FILE.test(file);
  }

  /**
   * The identity of every input file now (inode, size, modification time), to tell after a render whether
   * one changed since it started. The watcher alone can miss such a change: chokidar drops the events of a
   * file for 5 ms after one, and reading the data file makes one (its access time changes) while the render
   * keeps the event loop busy, so a save landing right after the render could go unseen.
   */
  fingerprint(): string {
    const files = [this.dataFile, this.labelsFile, ...this.images];
    for (const dir of [this.templateDir, this.fontsDir]) {
      try {
        for (const name of readdirSync(dir)) if (this.isInput(join(dir, name))) files.push(join(dir, name));
      } catch {
        // a folder that is gone: the render reports the missing file
      }
    }
    return [...new Set(files)]
      .map((file) => {
        try {
          const stats = statSync(file);
          return `${file}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
        } catch {
          return `${file}:-`;
        }
      })
      .join('\n');
  }

  /** What chokidar should look at: the watched folders themselves and the input files in them. */
  isWatched(path: string): boolean {
    return this.folders().has(resolve(path)) || this.isInput(path);
  }
}

/** The template file a loaded data file renders with (the command line's, else the data's, else the built-in). */
export function templateOf(template: string | undefined, data: { raw: Record<string, unknown>; file: string }): string {
  const own = data.raw.template;
  return resolveTemplate(template, typeof own === 'string' ? own : undefined, data.file);
}
