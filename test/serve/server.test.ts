/**
 * The preview server over HTTP, without a browser: what it serves and refuses, the event stream, the language
 * switch, and the status a failed render sends. (test/serve/browser.test.ts drives the page itself.)
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../../src/resources.js';
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { MINIMAL_DATA } from '../cli/runCli.js';
import { LOOPBACK } from '../../src/serve/server.js';
import type { PreviewStatus } from '../../src/serve/status.js';
import { rawRequest, servers, TITLE_AR, type Served } from './helpers.js';
import { TEMPLATE_FILES } from '../example.js';

const serve = servers();

/** Renders under a busy machine: generous, never a bound on speed (the waits are for outcomes). */
const TIMEOUT = 60_000;

/** Reads the event stream until the first `status` event and, when it names a PDF, the `pdf` event after it. */
function firstStatusEvent(port: number): Promise<{ status: PreviewStatus; pdf: { version: string; base64: string } | undefined }> {
  return new Promise((resolveStatus, reject) => {
    const req = request({ host: LOOPBACK, port, path: '/events', headers: { Host: `localhost:${port}`, Accept: 'text/event-stream' } }, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /event: status\ndata: (.*)\n\n/.exec(text);
        if (!match) return;
        const status = JSON.parse(match[1]!) as PreviewStatus;
        const pdf = /^event: pdf\ndata: (.*)\n\n/m.exec(text.slice(match.index + match[0].length));
        if (status.version !== null && !pdf) return;
        resolveStatus({ status, pdf: pdf ? (JSON.parse(pdf[1]!) as { version: string; base64: string }) : undefined });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

type StreamEvent =
  | { type: 'pdf'; version: string; bytes: Buffer }
  | { type: 'picture'; version: string; width: number; height: number; bytes: Buffer }
  | { type: 'status'; status: PreviewStatus };

/** The events of the stream as they come; `until` resolves once one that `test` accepts has come. */
function collectEvents(port: number): { events: StreamEvent[]; until(test: (event: StreamEvent) => boolean): Promise<void>; close(): void } {
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  const req = request({ host: LOOPBACK, port, path: '/events', headers: { Host: `localhost:${port}`, Accept: 'text/event-stream' } }, (res) => {
    res.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type === 'pdf') {
          const { version, base64 } = JSON.parse(data!) as { version: string; base64: string };
          events.push({ type, version, bytes: Buffer.from(base64, 'base64') });
        } else if (type === 'picture') {
          const { version, width, height, base64 } = JSON.parse(data!) as { version: string; width: number; height: number; base64: string };
          events.push({ type, version, width, height, bytes: Buffer.from(base64, 'base64') });
        } else if (type === 'status') events.push({ type, status: JSON.parse(data!) as PreviewStatus });
      }
      for (const wake of waiters) wake();
    });
  });
  req.end();
  const until = (test: (event: StreamEvent) => boolean) =>
    new Promise<void>((resolveUntil) => {
      const check = () => {
        if (!events.some(test)) return;
        waiters.delete(check);
        resolveUntil();
      };
      waiters.add(check);
      check();
    });
  return { events, until, close: () => req.destroy() };
}

describe('briefing serve: the server', () => {
  // The tests that only ask share one server (the language switch, which changes it, last of them).
  let shared: Served;
  beforeAll(async () => {
    shared = await serve();
    await shared.status((s) => s.version !== null, 0);
  });

  it('serves the page, its assets, pdf.js, the current PDF and the event stream', async () => {
    const { server, status } = shared;
    const first = await status((s) => s.version !== null, 0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);

    const page = await rawRequest(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('<script type="module" src="/assets/preview.js">');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const asset of ['/assets/preview.js', '/assets/textLayer.js', '/assets/preview.css', '/assets/pdf.mjs', '/assets/pdf.worker.mjs']) {
      const response = await rawRequest(server.port, asset, { method: 'HEAD' });
      expect(response.status, asset).toBe(200);
      expect(Number(response.headers['content-length']), asset).toBeGreaterThan(100);
    }

    const pdf = await rawRequest(server.port, '/briefing.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['x-briefing-version']).toBe(first.version);
    expect(pdf.headers['content-disposition']).toBeUndefined();
    // Served from memory with an entity tag: a copy the browser has is answered with 304, the PDF's until the next render.
    expect(pdf.headers.etag).toBe(`"${first.version}"`);
    expect(pdf.headers['cache-control']).toBe('no-cache');
    const unchanged = await rawRequest(server.port, '/briefing.pdf', { headers: { 'If-None-Match': pdf.headers.etag as string } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
    expect((await rawRequest(server.port, '/briefing.pdf', { headers: { 'If-None-Match': '"another"' } })).status).toBe(200);
    const script = await rawRequest(server.port, '/assets/pdf.worker.mjs');
    expect((await rawRequest(server.port, '/assets/pdf.worker.mjs', { headers: { 'If-None-Match': script.headers.etag as string } })).status).toBe(304);
    const download = await rawRequest(server.port, '/briefing.pdf?download');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="brief.pdf"; filename*=UTF-8''brief.pdf`);
    expect(download.body.equals(pdf.body)).toBe(true);

    const streamed = await firstStatusEvent(server.port);
    expect(streamed.status).toEqual(first);
    expect(streamed.status).toMatchObject({ lang: 'ar', direction: 'rtl', languages: ['ar', 'en'], fileName: 'brief.yaml', error: null });
    // The PDF itself comes in the stream, just after the status that names its version.
    expect(streamed.pdf?.version).toBe(first.version);
    expect(Buffer.from(streamed.pdf!.base64, 'base64').equals(pdf.body)).toBe(true);
  }, TIMEOUT);

  it('refuses a Host header that is not a loopback name (DNS rebinding), on every path', async () => {
    const { server } = shared;
    for (const path of ['/', '/briefing.pdf', '/page.png?version=1&width=10', '/events', '/assets/preview.js']) {
      for (const host of ['evil.example', `evil.example:${server.port}`, `localhost.evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`]) {
        const response = await rawRequest(server.port, path, { headers: { Host: host } });
        expect(response.status, `${host} ${path}`).toBe(403);
        expect(response.body.toString()).toContain('answers only to 127.0.0.1 and localhost');
        expect(response.body.toString()).not.toContain('%PDF');
      }
    }
    expect((await rawRequest(server.port, '/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  }, TIMEOUT);

  it('serves no file by its path and lists no folder: path traversal attempts get 404', async () => {
    const { server, data } = shared;
    const secrets = [readFileSync(data, 'utf8').slice(0, 40), '"name": "briefing"', 'root:x:0:0'];
    const attempts = [
      '/../package.json',
      '/../../../../etc/passwd',
      '/assets/../package.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/..\\..\\package.json',
      '//etc/passwd',
      '/etc/passwd',
      '/package.json',
      '/brief.yaml',
      `/${encodeURIComponent(data)}`,
      '/src/serve/client/preview.js',
      '/node_modules/pdfjs-dist/build/pdf.mjs',
      '/assets/preview.js/../../../package.json',
      '/assets/preview.js%00.html',
      '/briefing.pdf/../package.json',
      '/assets/',
      '/assets',
      '/fonts/',
      '/templates/',
      '/index.html',
    ];
    for (const path of attempts) {
      const response = await rawRequest(server.port, path);
      expect(response.status, path).toBe(404);
      for (const secret of secrets) expect(response.body.toString(), path).not.toContain(secret);
    }
    // A query does not name a file either: `/` is the page whatever follows.
    const page = await rawRequest(server.port, '/?file=../package.json');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<!doctype html>');
  }, TIMEOUT);

  it('answers other methods with 405, and the language switch only from its own page', async () => {
    const { server, status, statuses } = shared;
    expect((await rawRequest(server.port, '/', { method: 'PUT' })).status).toBe(405);
    expect((await rawRequest(server.port, '/briefing.pdf', { method: 'DELETE' })).status).toBe(405);
    expect((await rawRequest(server.port, '/lang')).status).toBe(405);

    const origin = `http://127.0.0.1:${server.port}`;
    const post = (body: string, headers: Record<string, string>) => rawRequest(server.port, '/lang', { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
    // Another site's page (a form or fetch to 127.0.0.1) sends its own Origin, or none.
    expect((await post('{"lang":"en"}', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('{"lang":"en"}', {})).status).toBe(403);
    const unknown = await post('{"lang":"fr"}', { Origin: origin });
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain("not one of the data file's languages (ar, en)");
    expect((await post('not json', { Origin: origin })).status).toBe(400);
    expect(statuses.every((s) => s.lang === 'ar')).toBe(true);

    const since = statuses.length;
    expect((await post('{"lang":"en"}', { Origin: origin })).status).toBe(202);
    const english = await status((s) => s.lang === 'en', since);
    expect(english).toMatchObject({ direction: 'ltr', error: null, rendered: { lang: 'en' } });
  }, TIMEOUT);

  it('keeps the last good PDF when a render fails, and sends the error with file:line:column, field path and hint; a new PDF only with a good render', async () => {
    const { server, data, source, status, statuses } = await serve({ render: { lang: 'en' } });
    const good = await status((s) => s.version !== null);
    const pdf = (await rawRequest(server.port, '/briefing.pdf')).body;
    const stream = collectEvents(server.port);

    // The first quote's speaker loses its English: a missing translation, at the speaker's line, with a hint.
    const speaker = '    speaker:\n      ar: "مارك روته"\n      en: "Mark Rutte"\n';
    expect(source).toContain(speaker);
    let since = statuses.length;
    writeFileSync(data, source.replace(speaker, '    speaker:\n      ar: "مارك روته"\n'));
    const failed = await status((s) => s.error !== null, since);
    expect(failed.version).toBe(good.version);
    expect(failed.error).toMatchObject({ code: 'contract', summary: 'The data does not follow the data contract', hint: 'add the missing translations, or choose a language every text has' });
    // The translation map starts on the line after `speaker:`, at column 7.
    const line = source.split('\n').indexOf('    speaker:') + 2;
    expect(failed.error!.problems).toEqual([{ where: `${data}:${line}:7`, path: 'quotes[0].speaker', message: 'no "en" translation (have: ar)' }]);
    expect((await rawRequest(server.port, '/briefing.pdf')).body.equals(pdf)).toBe(true);

    // YAML that does not parse: a syntax error with its place and a hint.
    since = statuses.length;
    writeFileSync(data, source.replace(TITLE_AR, 'ar: [unclosed'));
    const syntax = await status((s) => s.error?.code === 'syntax', since);
    expect(syntax.error!.problems[0]!.where).toMatch(/brief\.yaml:\d+:\d+$/);
    expect(syntax.version).toBe(good.version);

    since = statuses.length;
    writeFileSync(data, source.replace(TITLE_AR, TITLE_AR.replace('القوي', 'الوثيق')));
    const fixed = await status((s) => s.error === null, since);
    expect(fixed.version).not.toBe(good.version);
    const after = (await rawRequest(server.port, '/briefing.pdf')).body;
    expect(after.equals(pdf)).toBe(false);

    // The open stream got each new PDF just after the status naming it, and no PDF with a failure.
    await stream.until((event) => event.type === 'pdf' && event.version === fixed.version);
    stream.close();
    const { events } = stream;
    expect(events.flatMap((event) => (event.type === 'status' ? [event.status.error?.code ?? 'ok'] : []))).toEqual(expect.arrayContaining(['ok', 'contract', 'syntax']));
    let version: string | null = null;
    for (const [i, event] of events.entries()) {
      if (event.type !== 'status') continue;
      if (event.status.version !== version) expect(events[i + 1]).toMatchObject({ type: 'pdf', version: event.status.version });
      else expect(events[i + 1]?.type ?? 'status').toBe('status');
      version = event.status.version;
    }
    expect(events.findLast((event) => event.type === 'pdf')).toMatchObject({ version: fixed.version, bytes: after });
  }, TIMEOUT);

  it('draws the page as a PNG at the width a page asks for, and sends each new version\'s picture at that width before its status', async () => {
    const { server, data, source, status, statuses } = await serve({ render: { lang: 'en' } });
    const first = await status((s) => s.version !== null);
    const page = first.rendered!.page;
    expect(page.width).toBeCloseTo(595.28, 1); // A4 in points
    const png = (query: string) => rawRequest(server.port, `/page.png?${query}`);
    for (const width of ['', 'abc', '0', '012', '-5', '300.5', '99999']) expect((await png(`version=${first.version}&width=${width}`)).status, width).toBe(400);
    for (const version of ['', 'old-1', `${first.version}0`]) expect((await png(`version=${version}&width=300`)).status, version).toBe(404);

    const picture = await png(`version=${first.version}&width=300`);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(picture.headers['x-briefing-version']).toBe(first.version);
    const image = await loadImage(picture.body);
    expect([image.width, image.height]).toEqual([300, Math.round((300 * page.height) / page.width)]);

    // From now on each new version comes with its picture at that width: the picture, the status, then the PDF.
    const stream = collectEvents(server.port);
    const since = statuses.length;
    writeFileSync(data, source.replace(TITLE_AR, TITLE_AR.replace('القوي', 'الوثيق')));
    const next = await status((s) => s.version !== first.version, since);
    await stream.until((event) => event.type === 'pdf' && event.version === next.version);
    stream.close();
    const at = stream.events.findIndex((event) => event.type === 'status' && event.status.version === next.version);
    expect(stream.events[at - 1]).toMatchObject({ type: 'picture', version: next.version, width: 300, height: image.height });
    expect(stream.events[at + 1]).toMatchObject({ type: 'pdf', version: next.version });
    const sent = stream.events[at - 1] as Extract<StreamEvent, { type: 'picture' }>;
    expect((await loadImage(sent.bytes)).width).toBe(300);
    expect(sent.bytes.equals(picture.body)).toBe(false); // the new page, not the old one again
    const { timing } = next.rendered!;
    expect(timing.pictured).toBeGreaterThanOrEqual(timing.ready);
    // The picture of an older version is no longer served.
    expect((await png(`version=${first.version}&width=300`)).status).toBe(404);
  }, TIMEOUT);

  it('renders again when the template or the theme beside it changes, as watch does', async () => {
    // A server on the same data with a template of its own (copied), to edit it; the shared one (on the
    // built-in template) must see none of it.
    const { dir, statuses } = shared;
    const seen = statuses.length;
    const templates = join(dir, 'templates');
    mkdirSync(templates);
    for (const name of TEMPLATE_FILES) copyFileSync(join(TEMPLATES_DIR, name), join(templates, name));
    const template = join(templates, 'briefing.hbs');
    const own = await serve({ render: { template } });
    const base = await own.status((s) => s.version !== null);

    const hbs = readFileSync(template, 'utf8');
    expect(hbs).toContain('<space size="8"/>');
    let since = own.statuses.length;
    writeFileSync(template, hbs.replace('<space size="8"/>', '<space size="20"/>'));
    const afterTemplate = await own.status((s) => s.version !== base.version, since);

    const theme = join(templates, 'theme.json');
    const json = JSON.parse(readFileSync(theme, 'utf8')) as { colors: Record<string, string> };
    json.colors[Object.keys(json.colors)[0]!] = '#123456';
    since = own.statuses.length;
    writeFileSync(theme, JSON.stringify(json, null, 2));
    const afterTheme = await own.status((s) => s.version !== afterTemplate.version, since);
    expect(afterTheme.error).toBeNull();
    // The shared server, on the built-in template, saw none of it.
    expect(statuses.length).toBe(seen);
  }, TIMEOUT);

  it('says by how much each section overflows when the page does not fit', async () => {
    // About twice what fits at the smallest size: enough to overflow, little enough to fit quickly.
    const long = Array.from({ length: 24 }, (_, i) => `Paragraph ${i}: ${'the minister discussed the cooperation at length. '.repeat(12)}`).join('\n\n');
    const text = MINIMAL_DATA.map((line) => (line.startsWith('  summary:') ? `  summary: ${JSON.stringify(long)}` : line)).join('\n');
    const { server, status } = await serve({}, `${text}\n`);
    const failed = await status((s) => s.error !== null);
    expect(failed.version).toBeNull();
    expect(failed.error!.code).toBe('overflow');
    expect(failed.error!.summary).toBe('The content does not fit one page');
    expect(failed.error!.problems[0]!.message).toMatch(/^does not fit one page even at \d+\.\d pt body text \(\d+\.\d mm too long\)$/);
    expect(failed.error!.problems.slice(1).map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^section "[^"]+" runs \d+\.\d mm \(about \d+ lines\) past the page$/)]),
    );
    expect(failed.error!.hint).toBeDefined();
    expect((await rawRequest(server.port, '/briefing.pdf')).status).toBe(404);
  }, TIMEOUT);
});
