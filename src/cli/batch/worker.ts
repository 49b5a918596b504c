/**
 * A render worker of `briefing render --jobs N` (built to dist/batch-worker.js). It loads the library once,
 * says `ready`, then renders the files it is sent one at a time, in the order sent, with its one renderer, and
 * posts each PDF back (its buffer transferred). The renderer's caches (fonts, shaping, templates, layouts) stay
 * warm from one file to the next.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../../pipeline.js';
import { sendableError, type RenderRequest, type WorkerReply, type WorkerSetup } from './messages.js';
import { renderFile } from './renderFile.js';

if (!parentPort) throw new Error('batch-worker.js runs as a worker thread of briefing render');
const port = parentPort;
const { options } = workerData as WorkerSetup;
const renderer = createRenderer();

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
}

// One render at a time: the main thread sends the next file before this one is done (so no time is lost
// between files), and two renders interleaved at their awaits would only compete for the same thread.
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: RenderRequest) => {
  queue = queue.then(async () => {
    try {
      const rendered = await renderFile(request.file, renderer, options);
      // A PDF that is a view into a larger buffer (Node's pool) is copied out so only its own bytes travel.
      const pdf = rendered.pdf.byteOffset === 0 && rendered.pdf.byteLength === rendered.pdf.buffer.byteLength ? rendered.pdf : rendered.pdf.slice();
      post({ kind: 'rendered', id: request.id, rendered: { ...rendered, pdf } }, [pdf.buffer as ArrayBuffer]);
    } catch (error) {
      post({ kind: 'failed', id: request.id, error: sendableError(error) });
    }
  });
});

post({ kind: 'ready' });
