/**
 * What renders the files of a batch: this thread (`inThreadRenderer`) or a pool of workers (./pool.ts, loaded
 * only for a batch of several files: a render of one file does not load the worker machinery).
 */
import { createRenderer, type RenderOptions } from '../../pipeline.js';
import { renderFile, type RenderedFile } from './renderFile.js';

export interface FileRenderer {
  /** Renders `file` when its turn comes; files are started in the order asked. */
  render(file: string): Promise<RenderedFile>;
  /** Stops the workers (files not yet rendered fail). Safe to call more than once. */
  close(): Promise<void>;
}

/** `--jobs 1`: every file rendered in this thread, one at a time, by one renderer. */
export function inThreadRenderer(options: RenderOptions): FileRenderer {
  const renderer = createRenderer();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    render(file) {
      const rendered = queue.then(() => renderFile(file, renderer, options));
      queue = rendered.catch(() => undefined);
      return rendered;
    },
    close: async () => undefined,
  };
}
