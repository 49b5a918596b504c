/**
 * `briefing watch` on real files in a temporary folder: `watchBriefing` runs in-process and is stopped with an
 * AbortController; the tests poll for the expected stdout line rather than sleeping a fixed time. The signal
 * handling of the command itself is checked on a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDirs } from '../tempDirs.js';
import { copyExample, TEMPLATE_FILES } from '../example.js';
import { pngBytes } from '../images/pictures.js';
import { watchBriefing, type WatchOptions } from '../../src/cli/watch.js';
import { parseBriefingSource } from '../../src/data/load.js';
import { PACKAGE_ROOT, TEMPLATES_DIR } from '../../src/resources.js';

const EXAMPLE = resolve(PACKAGE_ROOT, 'examples/nato-iraq-2025.yaml');
const TITLE = 'en: "NATO Secretary General praises strong cooperation with Iraq"';
const RENDERED = /^\d\d:\d\d:\d\d rendered (.+) in (\d+) ms \((\d+\.\d) pt\)$/;
const ERROR = /^\d\d:\d\d:\d\d error: /;
const TIMEOUT = 60_000;

const tempDir = tempDirs('watch');

/** A running `watchBriefing` with its output captured line by line. */
class Session {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private readonly controller = new AbortController();
  readonly done: Promise<number>;

  constructor(file: string, options: WatchOptions) {
    let partial = '';
    this.done = watchBriefing(
      file,
      options,
      {
        stdout: (text) => {
          partial += text;
          const lines = partial.split('\n');
          partial = lines.pop()!;
          this.stdout.push(...lines);
        },
        stderr: (text) => void this.stderr.push(text),
      },
      this.controller.signal,
    );
  }

  /** Render and error lines so far. */
  get reports(): string[] {
    return this.stdout.filter((line) => RENDERED.test(line) || ERROR.test(line));
  }

  /** Waits until there are `count` render or error lines; returns the last one. */
  async report(count: number, timeout = 30_000): Promise<string> {
    await waitFor(() => this.reports.length >= count, timeout, () => `waiting for report ${count}; stdout so far:\n${this.stdout.join('\n')}`);
    return this.reports[count - 1]!;
  }

  async stop(): Promise<number> {
    this.controller.abort();
    return this.done;
  }
}

async function waitFor(condition: () => boolean, timeout: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out ${describe()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `briefing watch` as a process, run from the sources (tsx); started first, so its start-up overlaps the tests. */
interface Command {
  process: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}
let command: Promise<Command> | undefined;
beforeAll(() => {
  command = (async () => {
    const { data, out } = setUp();
    const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/main.ts'), 'watch', data, '-o', out], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Command = { process: child, stdout: '', stderr: '', exited: new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code))) };
    child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    return run;
  })();
});
afterAll(async () => {
  const child = await command;
  if (child && child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
});

const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

function start(file: string, options: WatchOptions): Session {
  const session = new Session(file, options);
  sessions.push(session);
  return session;
}

/** A folder with a copy of the example as brief.yaml. */
function setUp(): { dir: string; data: string; out: string; source: string } {
  const dir = tempDir();
  const data = join(dir, 'brief.yaml');
  copyExample(data);
  return { dir, data, out: join(dir, 'out', 'brief.pdf'), source: readFileSync(EXAMPLE, 'utf8') };
}

function pdfAt(path: string): Buffer {
  return readFileSync(path);
}

/** The data fingerprint the PDF's metadata names (`Keywords (briefing data 1a2b3c4d)`). */
function fingerprintIn(pdf: Buffer): string | undefined {
  return /briefing data ([0-9a-f]{8})/.exec(pdf.toString('latin1'))?.[1];
}

describe('briefing watch', () => {
  it(
    'renders at once, then again after a data edit',
    async () => {
      const { data, out, source } = setUp();
      const session = start(data, { output: out, lang: 'en' });
      const first = await session.report(1);
      expect(first).toMatch(RENDERED);
      expect(RENDERED.exec(first)![1]).toBe(out);
      const before = pdfAt(out);

      writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', 'close')));
      expect(await session.report(2)).toMatch(RENDERED);
      expect(pdfAt(out).equals(before)).toBe(false);
      expect(await session.stop()).toBe(0);
      expect(session.stderr).toEqual([]);
      // Only the PDF in its folder: no temporary file left behind.
      expect(readdirSync(join(out, '..'))).toEqual(['brief.pdf']);
    },
    TIMEOUT,
  );

  it(
    'renders again after an edit of the template, and of the theme beside it',
    async () => {
      const { dir, data, out } = setUp();
      const templates = join(dir, 'templates');
      mkdirSync(templates);
      for (const name of TEMPLATE_FILES) copyFileSync(join(TEMPLATES_DIR, name), join(templates, name));
      const template = join(templates, 'briefing.hbs');
      const session = start(data, { output: out, template });
      expect(await session.report(1)).toMatch(RENDERED);
      const first = pdfAt(out);

      const hbs = readFileSync(template, 'utf8');
      expect(hbs).toContain('<space size="8"/>');
      writeFileSync(template, hbs.replace('<space size="8"/>', '<space size="20"/>'));
      expect(await session.report(2)).toMatch(RENDERED);
      const second = pdfAt(out);
      expect(second.equals(first)).toBe(false);

      const theme = join(templates, 'theme.json');
      const themeJson = JSON.parse(readFileSync(theme, 'utf8')) as { colors: Record<string, string> };
      const [colour] = Object.keys(themeJson.colors);
      themeJson.colors[colour!] = '#123456';
      writeFileSync(theme, JSON.stringify(themeJson, null, 2));
      expect(await session.report(3)).toMatch(RENDERED);
      expect(pdfAt(out).equals(second)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'renders again when an image of the page changes: the photo from the data, the letterhead logo',
    async () => {
      const { dir, data, out } = setUp();
      const templates = join(dir, 'templates');
      mkdirSync(templates);
      for (const name of TEMPLATE_FILES) copyFileSync(join(TEMPLATES_DIR, name), join(templates, name));
      const session = start(data, { output: out, template: join(templates, 'briefing.hbs') });
      expect(await session.report(1)).toMatch(RENDERED);
      const first = pdfAt(out);

      const photo = join(dir, 'photos', 'visitor-placeholder.png');
      writeFileSync(photo, pngBytes(240, 300));
      expect(await session.report(2)).toMatch(RENDERED);
      const second = pdfAt(out);
      expect(second.equals(first)).toBe(false);

      const logo = join(templates, 'emblem.svg');
      writeFileSync(logo, readFileSync(logo, 'utf8').replace('r="2.5"', 'r="4"'));
      expect(await session.report(3)).toMatch(RENDERED);
      expect(pdfAt(out).equals(second)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'survives an invalid save, keeping the last good PDF, and recovers on the next valid save',
    async () => {
      const { data, out, source } = setUp();
      const session = start(data, { output: out, lang: 'en' });
      expect(await session.report(1)).toMatch(RENDERED);
      const good = pdfAt(out);

      writeFileSync(data, source.replace(TITLE, 'en: [unclosed'));
      const error = await session.report(2);
      expect(error).toMatch(ERROR);
      expect(error).toContain(`error: ${data}:`);
      // Further problems of the same render, if any, are lined up under the first.
      expect(session.stdout.every((line) => RENDERED.test(line) || ERROR.test(line) || /^ {16}\S/.test(line))).toBe(true);
      expect(pdfAt(out).equals(good)).toBe(true);
      expect(readdirSync(join(out, '..'))).toEqual(['brief.pdf']);

      writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', 'close')));
      expect(await session.report(3)).toMatch(RENDERED);
      expect(pdfAt(out).equals(good)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'sees a save that writes a temporary file and renames it over the data file',
    async () => {
      const { dir, data, out, source } = setUp();
      const session = start(data, { output: out, lang: 'en' });
      expect(await session.report(1)).toMatch(RENDERED);
      const before = pdfAt(out);

      for (const [n, word] of [[2, 'close'], [3, 'firm']] as const) {
        const temp = join(dir, `.brief.yaml.${n}.swp`);
        writeFileSync(temp, source.replace(TITLE, TITLE.replace('strong', word)));
        renameSync(temp, data);
        expect(await session.report(n)).toMatch(RENDERED);
      }
      expect(pdfAt(out).equals(before)).toBe(false);
      expect(session.reports.every((line) => RENDERED.test(line))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'renders a burst of saves once or twice, never at the same time, ending with the last content',
    async () => {
      const { data, out, source } = setUp();
      const session = start(data, { output: out, lang: 'en' });
      expect(await session.report(1)).toMatch(RENDERED);

      const words = ['close', 'firm', 'deep', 'broad', 'solid'];
      for (const word of words) {
        writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', word)));
        await new Promise((r) => setTimeout(r, 5));
      }
      // The PDF on disk ends up as the one of the last save (its metadata names the data's fingerprint).
      const last = parseBriefingSource(source.replace(TITLE, TITLE.replace('strong', 'solid')), data).fingerprint;
      await session.report(2);
      await waitFor(() => fingerprintIn(pdfAt(out)) === last, 30_000, () => 'for the PDF of the last save');
      const renders = session.reports.slice(1);
      expect(renders.length).toBeLessThanOrEqual(2);
      expect(renders.every((line) => RENDERED.test(line))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'queues one render for the changes that arrive during a render, instead of rendering alongside',
    async () => {
      const { data, out, source } = setUp();
      // No debounce: every change would start a render at once if renders could overlap.
      const session = start(data, { output: out, lang: 'en', debounceMs: 0 });
      expect(await session.report(1)).toMatch(RENDERED);

      const words = Array.from({ length: 10 }, (_, i) => `strong${'x'.repeat(i + 1)}`);
      // The saves come from another process: a render here blocks this event loop, so saves made from this
      // process would all land between renders.
      const contents = words.map((word) => source.replace(TITLE, TITLE.replace('strong', word)));
      const script = `const fs = require('node:fs'); const [file, json] = process.argv.slice(1); const contents = JSON.parse(json);
        let i = 0; const next = () => { fs.writeFileSync(file, contents[i++]); if (i < contents.length) setTimeout(next, 25); }; next();`;
      await new Promise<void>((resolveChild, reject) => {
        const child = spawn(process.execPath, ['-e', script, data, JSON.stringify(contents)], { stdio: 'ignore' });
        child.on('error', reject);
        child.on('exit', () => resolveChild());
      });
      const last = parseBriefingSource(contents.at(-1)!, data).fingerprint;
      await waitFor(() => fingerprintIn(pdfAt(out)) === last && session.reports.length >= 2, 30_000, () => 'for the PDF of the last save');
      const renders = session.reports.slice(1);
      expect(renders.every((line) => RENDERED.test(line))).toBe(true);
      // 10 saves 25 ms apart (250 ms), renders of ~100 ms or more: one running and one queued at a time.
      expect(renders.length).toBeLessThan(words.length);
    },
    TIMEOUT,
  );

  it('refuses a data file that does not exist, and an output that is the input', async () => {
    const dir = tempDir();
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (s: string) => void (stderr += s) };
    expect(await watchBriefing(join(dir, 'missing.yaml'), {}, io)).toBe(1);
    expect(stderr).toContain('missing.yaml: cannot read the data file');

    const data = join(dir, 'x.yaml');
    writeFileSync(data, 'lang: en\n');
    stderr = '';
    expect(await watchBriefing(data, { output: data }, io)).toBe(2);
    expect(stderr).toContain('is the input file itself');
  });
});

describe('briefing watch as a command', () => {
  it(
    'exits 0 on Ctrl-C (SIGINT): the watcher closed, nothing keeps the process alive',
    async () => {
      const child = await command!;
      await waitFor(() => / rendered /.test(child.stdout) || child.process.exitCode !== null, 45_000, () => `for the first render; stderr: ${child.stderr}`);
      child.process.kill('SIGINT');
      expect(await child.exited).toBe(0);
      expect(child.stderr).toBe('');
      expect(child.stdout.trim()).toMatch(RENDERED);
    },
    TIMEOUT,
  );

  it(
    'stops on SIGTERM too, and removes its signal handlers',
    async () => {
      const { data, out } = setUp();
      const listeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
      let stdout = '';
      const running = main(['watch', data, '-o', out], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t) });
      await waitFor(() => / rendered /.test(stdout), 30_000, () => `for the first render: ${stdout}`);
      expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM + 1);
      // What the signal does, without signalling the test worker itself.
      process.emit('SIGTERM', 'SIGTERM');
      expect(await running).toBe(0);
      expect(process.listenerCount('SIGINT')).toBe(listeners.SIGINT);
      expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM);
    },
    TIMEOUT,
  );
});
