/**
 * `briefing serve` as a command: what it prints, its exit codes, `--open`, and stopping on a signal. The
 * server itself is tested in test/serve/.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serveBriefing } from '../../src/cli/serve.js';
import { tempDirs } from '../tempDirs.js';
import { copyExample } from '../example.js';
import { runCli } from './runCli.js';

/** Renders under a busy machine: generous, never a bound on speed (the waits are for outcomes). */
const TIMEOUT = 60_000;

const tempDir = tempDirs('serve-cli');
const SERVING = /^serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/) \(Ctrl-C stops\)$/m;
const RENDERED = /^\d\d:\d\d:\d\d rendered in \d+ ms \(\d+\.\d pt\)$/m;

function exampleCopy(): string {
  const data = join(tempDir(), 'brief.yaml');
  copyExample(data);
  return data;
}

/**
 * Waits for an outcome without a clock: `until(condition)` resolves at the first `wake()` (each write of the
 * command, each browser opened) after which the condition holds; the test's own timeout ends a wait that fails.
 */
function outcomes() {
  const waiters = new Set<() => void>();
  return {
    wake(): void {
      for (const check of [...waiters]) check();
    },
    until(condition: () => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!condition()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

describe('briefing serve as a command', () => {
  it('prints its URL and a line per render, serves the page, and exits 0 on SIGTERM, its handlers removed', async () => {
    const data = exampleCopy();
    const listeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    let stdout = '';
    let stderr = '';
    const { wake, until } = outcomes();
    const running = main(['serve', data, '--port', '0'], { stdout: (t) => ((stdout += t), wake()), stderr: (t) => ((stderr += t), wake()) });
    await until(() => RENDERED.test(stdout));
    const [, file, url] = SERVING.exec(stdout)!;
    expect(file).toBe(data);
    expect(stdout.indexOf('serving')).toBe(0);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>briefing serve</title>');

    // What the signal does, without signalling the test worker itself.
    process.emit('SIGTERM', 'SIGTERM');
    expect(await running).toBe(0);
    expect(stderr).toBe('');
    expect(process.listenerCount('SIGINT')).toBe(listeners.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM);
    await expect(fetch(url!)).rejects.toThrow();
  }, TIMEOUT);

  it('prints a failed render like watch and goes on serving', async () => {
    const data = join(tempDir(), 'bad.yaml');
    writeFileSync(data, 'lang: en\ntitle: [unclosed\n');
    const controller = new AbortController();
    let stdout = '';
    const { wake, until } = outcomes();
    const running = serveBriefing(data, { port: 0 }, { stdout: (t) => ((stdout += t), wake()), stderr: (t) => ((stdout += t), wake()) }, controller.signal);
    await until(() => / error: /.test(stdout));
    expect(stdout).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d error: ${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `, 'm'));
    const url = SERVING.exec(stdout)![2]!;
    expect((await fetch(url)).status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
  }, TIMEOUT);

  it('opens the page with --open, and says so when no browser could be opened', async () => {
    const opened: string[] = [];
    for (const failure of [undefined, 'xdg-open: spawn xdg-open ENOENT']) {
      const controller = new AbortController();
      let stdout = '';
      let stderr = '';
      const { wake, until } = outcomes();
      const running = serveBriefing(
        exampleCopy(),
        { port: 0, open: true },
        { stdout: (t) => ((stdout += t), wake()), stderr: (t) => ((stderr += t), wake()) },
        controller.signal,
        async (url) => {
          opened.push(url);
          queueMicrotask(wake);
          return failure;
        },
      );
      await until(() => opened.length > 0 && (failure === undefined || stderr !== ''));
      const url = SERVING.exec(stdout)![2]!;
      expect(opened.at(-1)).toBe(url);
      if (failure) expect(stderr).toBe(`warning: could not open a browser (${failure}); open ${url} yourself\n`);
      else expect(stderr).toBe('');
      controller.abort();
      expect(await running).toBe(0);
      opened.length = 0;
    }
  }, TIMEOUT);

  it('exits 2 when the port asked for is taken, with a hint, and 1 when the data file does not exist', async () => {
    const taken = createServer();
    await new Promise<void>((ready) => taken.listen(0, '127.0.0.1', () => ready()));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runCli('serve', exampleCopy(), '--port', String(port));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} is in use`);
      expect(result.stderr).toContain('hint: choose another with --port N, or --port 0 for any free port');
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
    const missing = await runCli('serve', join(tempDir(), 'missing.yaml'), '--port', '0');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing.yaml: cannot read the data file');
  }, TIMEOUT);

  it('says that serve writes no file when given -o', async () => {
    for (const flag of ['-o', '--output']) {
      const result = await runCli('serve', 'x.yaml', flag, 'out.pdf');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('serve writes no file: --output is for render, watch and preview');
    }
  }, TIMEOUT);

  it('refuses a port that is not one', async () => {
    for (const port of ['-1', '65536', '80.5', 'http']) {
      const result = await runCli('serve', 'x.yaml', '--port', port);
      expect(result.code, port).toBe(2);
      expect(result.stderr, port).toContain('--port must be a port number from 0 (any free port) to 65535');
    }
  }, TIMEOUT);
});
