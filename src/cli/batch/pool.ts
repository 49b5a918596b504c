/**
 * Where a batch's files are rendered: in this thread one after another (`--jobs 1`), or by a pool of worker
 * threads running the built bundle's render worker (dist/batch-worker.js). Both take files in any number and
 * answer each with its `RenderedFile` or the library's error, so the caller does not know which it has.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BriefingError } from '../../errors.js';
import { createRenderer, type RenderOptions } from '../../pipeline.js';
import { PACKAGE_ROOT } from '../../resources.js';
import { receivedError, type RenderRequest, type WorkerReply, type WorkerSetup } from './messages.js';
import { renderFile, type RenderedFile } from './renderFile.js';

export interface FileRenderer {
  /** Renders `file` when its turn comes; files are started in the order asked. */
  render(file: string): Promise<RenderedFile>;
  /** Stops the workers (files not yet rendered fail). Safe to call more than once. */
  close(): Promise<void>;
}

/** The built render worker. Also used from the sources (tests): the pool always runs what `npm run build` made. */
export const WORKER_SCRIPT = join(PACKAGE_ROOT, 'dist', 'batch-worker.js');

/**
 * Files sent to a worker ahead of the one it renders: one, so a worker never waits for the main thread (busy
 * writing a PDF) between two files; more would only make the last files wait behind a slow one. Near the end
 * of the batch (no more files waiting than there are workers) none is sent ahead, so an idle worker takes
 * the last ones instead of a busy worker holding them.
 */
const AHEAD_PER_WORKER = 1;

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

interface Pending {
  id: number;
  file: string;
  resolve: (rendered: RenderedFile) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  /** Has loaded the library: a worker that dies before that would die again if replaced. */
  ready: boolean;
  /** Sent and not answered yet, oldest first. */
  inFlight: Pending[];
}

/**
 * Starts `size` workers at once: each loads the bundle and warms its caches on its first file while the main
 * thread is still listing and checking the inputs. Files go to whichever worker has room, so a worker still
 * warming up takes no more than its share. A worker that dies fails the file it was rendering and is replaced;
 * `script` is the worker to run (tests give one that dies on purpose).
 */
export function startWorkerPool(size: number, options: RenderOptions, script = WORKER_SCRIPT): FileRenderer {
  if (!existsSync(script)) {
    throw new BriefingError('internal', `the render worker ${script} is missing`, { hint: 'build the package first: npm run build' });
  }
  const setup: WorkerSetup = { options };
  const waiting: Pending[] = [];
  const workers = new Set<PoolWorker>();
  let nextId = 0;
  let closed = false;

  const feed = (member: PoolWorker) => {
    const hasRoom = () => member.inFlight.length === 0 || (member.inFlight.length <= AHEAD_PER_WORKER && waiting.length > workers.size);
    while (waiting.length > 0 && hasRoom()) {
      const pending = waiting.shift()!;
      member.inFlight.push(pending);
      const request: RenderRequest = { id: pending.id, file: pending.file };
      member.worker.postMessage(request);
    }
  };
  const feedAll = () => {
    // The least busy first, so files spread evenly while workers start.
    for (const member of [...workers].sort((a, b) => a.inFlight.length - b.inFlight.length)) feed(member);
  };

  const lost = (member: PoolWorker, why: string) => {
    if (!workers.delete(member)) return;
    const held = member.inFlight.splice(0);
    if (closed) {
      for (const pending of held) pending.reject(new Error('the batch was stopped'));
      return;
    }
    if (member.ready) {
      // A worker renders its files in order: the first was being rendered (and may be what killed the worker,
      // so it is not tried again); the others had not started and go back to the front of the queue.
      const [current, ...notStarted] = held;
      current?.reject(new Error(`the worker rendering ${current.file} stopped: ${why}`));
      waiting.unshift(...notStarted);
      workers.add(spawn());
    } else {
      // It died loading the library: none of its files is to blame.
      waiting.unshift(...held);
      if (workers.size === 0) {
        // The others died the same way: they would all do so again; fail what is left, clearly.
        for (const pending of waiting.splice(0)) pending.reject(new Error(`the render worker could not start: ${why}`));
      }
    }
    feedAll();
  };

  const spawn = (): PoolWorker => {
    const member: PoolWorker = { worker: new Worker(script, { workerData: setup }), ready: false, inFlight: [] };
    member.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        member.ready = true;
        return;
      }
      const index = member.inFlight.findIndex((pending) => pending.id === reply.id);
      if (index < 0) return;
      const [pending] = member.inFlight.splice(index, 1);
      if (reply.kind === 'rendered') pending!.resolve({ ...reply.rendered, pdf: new Uint8Array(reply.rendered.pdf) });
      else pending!.reject(receivedError(reply.error));
      feed(member);
    });
    member.worker.on('error', (error) => lost(member, error.message));
    member.worker.on('exit', (code) => lost(member, `it exited with code ${code}`));
    return member;
  };

  for (let i = 0; i < size; i++) workers.add(spawn());

  return {
    render(file) {
      if (closed) return Promise.reject(new Error('the render pool is closed'));
      return new Promise<RenderedFile>((resolve, reject) => {
        waiting.push({ id: nextId++, file, resolve, reject });
        feedAll();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const pending of waiting.splice(0)) pending.reject(new Error('the batch was stopped'));
      await Promise.all([...workers].map((member) => member.worker.terminate()));
    },
  };
}
