/**
 * The unit of a batch: one data file loaded and rendered to PDF bytes, with what the main thread needs to write
 * and report it. The same function runs in a worker (`--jobs 2` and up) and in the main thread (`--jobs 1`), so
 * the bytes cannot depend on where a file was rendered. Writing is left to the main thread: it owns the atomic
 * write and its Ctrl-C cleanup, which a worker thread cannot have (signals reach the main thread only).
 */
import type { Warning } from '../../errors.js';
import type { PageLayout } from '../../layout/types.js';
import type { Renderer, RenderOptions } from '../../pipeline.js';

/** How the page came out: enough to say `A4, 10.5 pt` and whether it had to shrink. */
export type PageFit = Pick<PageLayout, 'width' | 'height' | 'bodySize' | 'scale'>;

/** A rendered data file; structured-cloneable, so a worker can post it (the PDF's buffer transferred, not copied). */
export interface RenderedFile {
  pdf: Uint8Array;
  fit: PageFit;
  warnings: Warning[];
}

/**
 * Loads and renders `file` with `renderer` (one per thread: its caches stay warm from one file to the next, the
 * data files' entries among them: a batch of briefings made from one another reads what they share once);
 * throws what the library throws (a `BriefingError` for anything the user can fix).
 */
export async function renderFile(file: string, renderer: Renderer, options: RenderOptions): Promise<RenderedFile> {
  const loaded = await renderer.load(file);
  const { pdf, layout, warnings } = await renderer.render(loaded, options);
  const { width, height, bodySize, scale } = layout;
  return { pdf, fit: { width, height, bodySize, scale }, warnings };
}
