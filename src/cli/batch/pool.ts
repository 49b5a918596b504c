/**
 * Where a batch's files are rendered: in this thread one after another (`--jobs 1`), or by a pool: this thread
 * and worker threads running the built bundle's render worker (dist/batch-worker.js). Both take files in any
 * number and answer each with its `RenderedFile` or the library's error, so the caller does not know which it has.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BriefingError } from '../../errors.js';
import type { RenderOptions } from '../../pipeline.js';
import { PACKAGE_ROOT } from '../../resources.js';
import { inThreadRenderer, type FileRenderer } from './fileRenderer.js';
import { receivedError, type RenderRequest, type WorkerReply, type WorkerSetup } from './messages.js';
import type { RenderedFile } from './renderFile.js';

/** The built render worker. Also used from the sources (tests): the pool always runs what `npm run build` made. */
export const WORKER_SCRIPT = join(PACKAGE_ROOT, 'dist', 'batch-worker.js');

/**
 * Files sent to a worker ahead of the one it renders, so it never waits between two files for the main thread
 * (busy writing a PDF, or rendering one itself); near the end of the batch (no more files waiting than there
 * are renderers) none is sent ahead, so an idle renderer takes the last files instead of a busy one holding them.
 */
const AHEAD_PER_WORKER = 2;

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

export interface PoolOptions {
  /**
   * This thread renders too, as one of the renders: it has the library loaded already, so it renders from the
   * first moment while the workers load theirs, and there is one bundle fewer to load (default true).
   */
  inThread?: boolean;
  /** The worker to run (tests give a stand-in that dies on purpose); default `WORKER_SCRIPT`. */
  script?: string;
}

/**
 * `renders` files at once: worker threads (one fewer when this thread renders too) started at once, each loading
 * the bundle and warming its caches on its first file while this thread checks the outputs and renders. Files go
 * to whichever renderer has room, so one still warming up takes no more than its share. A worker that dies fails
 * the file it was rendering and is replaced.
 */
export function startRenderPool(renders: number, options: RenderOptions, pool: PoolOptions = {}): FileRenderer {
  const script = pool.script ?? WORKER_SCRIPT;
  const inThread = pool.inThread ?? true;
  if (!existsSync(script)) {
    throw new BriefingError('internal', `the render worker ${script} is missing`, { hint: 'build the package first: npm run build' });
  }
  const setup: WorkerSetup = { options };
  const waiting: Pending[] = [];
  const workers = new Set<PoolWorker>();
  const thread = inThread ? { renderer: inThreadRenderer(options), busy: false } : undefined;
  let nextId = 0;
  let closed = false;

  const renderers = () => workers.size + (thread ? 1 : 0);
  const feed = (member: PoolWorker) => {
    const hasRoom = () => member.inFlight.length === 0 || (member.inFlight.length <= AHEAD_PER_WORKER && waiting.length > renderers());
    while (waiting.length > 0 && hasRoom()) {
      const pending = waiting.shift()!;
      member.inFlight.push(pending);
      const request: RenderRequest = { id: pending.id, file: pending.file };
      member.worker.postMessage(request);
    }
  };
  const feedThread = () => {
    if (!thread || thread.busy || closed || waiting.length === 0) return;
    const pending = waiting.shift()!;
    thread.busy = true;
    thread.renderer
      .render(pending.file)
      .then(pending.resolve, pending.reject)
      .finally(() => {
        thread.busy = false;
        feedAll();
      });
  };
  const feedAll = () => {
    // The workers first (the least busy first, so files spread evenly while they start): this thread takes a
    // file only when none has room, as it is also the one writing the PDFs.
    for (const member of [...workers].sort((a, b) => a.inFlight.length - b.inFlight.length)) feed(member);
    feedThread();
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
        // The others died the same way: they would all do so again; fail what is left, clearly (this thread
        // finishes the file it has).
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
      if (reply.kind === 'rendered') pending!.resolve(reply.rendered);
      else pending!.reject(receivedError(reply.error));
      feed(member);
    });
    member.worker.on('error', (error) => lost(member, error.message));
    member.worker.on('exit', (code) => lost(member, `it exited with code ${code}`));
    return member;
  };

  for (let i = 0; i < renders - (thread ? 1 : 0); i++) workers.add(spawn());

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
