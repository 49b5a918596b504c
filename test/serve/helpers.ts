/** Shared by the serve tests: a preview server on a copy of the example, its statuses, raw HTTP requests. */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startPreviewServer, type PreviewServer, type PreviewServerOptions } from '../../src/serve/server.js';
import type { PreviewStatus } from '../../src/serve/status.js';
import { copyExample, EXAMPLE } from '../example.js';
import { tempDirs } from '../tempDirs.js';

/** A line of the example whose edit changes the page (the English title is on the page with --lang en). */
export const TITLE_AR = 'ar: "الأمين العام لحلف شمال الأطلسي يشيد بالتعاون القوي مع العراق"';

export interface Served {
  server: PreviewServer;
  dir: string;
  data: string;
  source: string;
  statuses: PreviewStatus[];
  /** Resolves with the first status (from now on, or already received after `since`) that `test` accepts. */
  status(test: (status: PreviewStatus) => boolean, since?: number): Promise<PreviewStatus>;
}

export type Serve = (options?: Partial<PreviewServerOptions>, text?: string) => Promise<Served>;

/**
 * Called at a test file's top level: gives `serve`, whose servers and folders go when that file's tests are done.
 * (Test files share this module within a worker, so a hook registered here at import would belong to the first
 * file that imported it only.)
 */
export function servers(): Serve {
  const tempDir = tempDirs('serve');
  const running: PreviewServer[] = [];
  afterAll(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return (options = {}, text) => serve(tempDir, running, options, text);
}

/** A server on a copy of the example (or `text`) as brief.yaml in a new folder, on any free port. */
async function serve(tempDir: () => string, running: PreviewServer[], options: Partial<PreviewServerOptions>, text: string | undefined): Promise<Served> {
  const dir = tempDir();
  const data = join(dir, 'brief.yaml');
  const source = readFileSync(EXAMPLE, 'utf8');
  if (text === undefined) copyExample(data);
  else writeFileSync(data, text);
  const statuses: PreviewStatus[] = [];
  const waiters = new Set<() => void>();
  const server = await startPreviewServer(data, {
    render: {},
    port: 0,
    // Many servers, each warming up would cost the suite seconds of CPU; the command (test/cli/serve.test.ts) does.
    warmUp: false,
    ...options,
    onRender: (outcome, status) => {
      statuses.push(status);
      for (const wake of waiters) wake();
      options.onRender?.(outcome, status);
    },
  });
  running.push(server);
  const status = (test: (status: PreviewStatus) => boolean, since = statuses.length) =>
    // No timer of its own: the test's timeout ends a wait for a status that never comes.
    new Promise<PreviewStatus>((resolveStatus) => {
      const check = () => {
        const found = statuses.slice(since).find(test);
        if (!found) return;
        waiters.delete(check);
        resolveStatus(found);
      };
      waiters.add(check);
      check();
    });
  return { server, dir, data, source, statuses, status };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request sent as written: the path is not normalized (unlike fetch, which resolves `..` and would never
 * send the traversal attempts) and any `Host` can be given.
 */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
