/**
 * How much parallel CPU this machine gives right now: one fixed CPU-bound job alone, then the same job on each of
 * os.availableParallelism() threads at once. On an idle 2-core machine the speed-up is about 2×; other load on
 * the machine (other users, CI) lowers it, and the batch speed-up cannot exceed it. Prints {oneMs, allMs, threads,
 * speedup} as JSON.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread } from 'node:worker_threads';

function work() {
  let x = 0;
  for (let i = 0; i < 2e8; i++) x += i % 7;
  return x;
}

if (isMainThread) {
  const threads = availableParallelism();
  work(); // warm up
  let started = performance.now();
  work();
  const oneMs = performance.now() - started;
  started = performance.now();
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => new Worker(new URL(import.meta.url)).on('exit', resolve).on('error', reject))));
  const allMs = performance.now() - started;
  console.log(JSON.stringify({ oneMs, allMs, threads, speedup: (threads * oneMs) / allMs }));
} else {
  work();
}
