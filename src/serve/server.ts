/**
 * `briefing serve`'s server: a live preview of one data file in the browser. It renders the file with
 * `LiveRender` (the renderer and the watched inputs of `briefing watch`), keeps the last good PDF, and tells
 * every open page about each render over Server-Sent Events, a picture of the new page and the PDF's bytes in
 * the same stream (no request between the render and the screen). The page shows the picture (drawn here by
 * PDFium, at the width the page last asked for: pagePicture.ts says why) and lays pdf.js's text layer of the
 * PDF over it.
 *
 *   GET  /                     the preview page
 *   GET  /assets/…             its script and style, and pdf.js (a fixed list: see assets.ts)
 *   GET  /briefing.pdf         the last good PDF (`?download`: as an attachment named after the data file)
 *   GET  /page.png?version=V&width=W
 *                              the current PDF's page as a PNG W pixels wide (404 when V is not the current version);
 *                              W becomes the width each new version is drawn at
 *   GET  /events               the event stream: at once and after each render, a `picture` event (`{version, width,
 *                              height, base64}`, the PNG of the last good PDF's page, when it is new and a page has
 *                              asked for a width), a `status` event (PreviewStatus), then a `pdf` event (`{version,
 *                              base64}`, the last good PDF, when there is one and it is new)
 *   POST /lang                 `{"lang": "en"}`: render in another of the file's languages
 *
 * Nothing else: no file is served by its path, no folder is listed. It listens on 127.0.0.1 only and answers
 * only requests whose `Host` is a loopback name (against DNS rebinding); a POST must come from its own page
 * (`Origin`), so another site cannot switch the language.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BriefingError } from '../errors.js';
import { LiveRender, WARM_UP_RENDERS, type RenderOutcome } from '../live/liveRender.js';
import type { RenderOptions } from '../pipeline.js';
import { loadAssets, type Asset } from './assets.js';
import { isLoopbackHost } from './hosts.js';
import { MAX_PICTURE_PIXELS, PagePainter, type PagePicture } from './pagePicture.js';
import { PreviewState, type PreviewStatus } from './status.js';
import { DEFAULT_PORT } from './defaults.js';

export interface PreviewServerOptions {
  /** The pipeline's options; `lang` is where the language switch starts. */
  render: RenderOptions;
  /** Port on 127.0.0.1; 0 for any free one. Default: `DEFAULT_PORT`, else the next free of the 10 after it. */
  port?: number;
  /** Called once the server listens, before the first render. */
  onListening?: (url: string) => void;
  /** Called after each render with its outcome and the status the pages are sent (the CLI prints a line). */
  onRender?: (outcome: RenderOutcome, status: PreviewStatus) => void;
  /** A failure of the file watcher (rendering goes on). */
  onWatchError?: (error: unknown) => void;
  /**
   * After the first good render, render it again and draw its picture a few times, thrown away, so that the first
   * saves are not paid in V8's cold tiers (default true; the tests' many servers go without).
   */
  warmUp?: boolean;
}

export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Stops watching, ends the event streams and closes the server; waits for a render in progress. */
  close(): Promise<void>;
}

/** How many ports after `DEFAULT_PORT` are tried when it is taken (only when no port was asked for). */
const PORT_TRIES = 10;
/** The one address the server listens on. */
export const LOOPBACK = '127.0.0.1';
/** How long an idle connection of the page is kept open. */
const KEEP_ALIVE_MS = 120_000;
/** Largest request body accepted (the language switch's `{"lang": …}`). */
const MAX_BODY = 1024;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // Only our own scripts, styles and requests; pdf.js runs in a worker from our origin and draws the glyphs
  // itself (no web fonts); the one image is the empty `data:` favicon.
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** Starts the server and the live render of `file`; resolves once it listens (the first render is under way). */
export async function startPreviewServer(file: string, options: PreviewServerOptions): Promise<PreviewServer> {
  const assets = loadAssets();
  const state = new PreviewState(file, options.render.lang);
  const streams = new Set<ServerResponse>();
  let lang = options.render.lang;

  // The last good PDF as a `pdf` event, made once per render: sent after its status, and to each page that connects.
  const pdf: { event: string | undefined } = { event: undefined };
  const pictures = new Pictures(new PagePainter());
  /** Sends the pages a render's status (with the picture and the PDF when new); returns the status sent. */
  const broadcast = async (status: PreviewStatus, newPdf: boolean): Promise<PreviewStatus> => {
    if (newPdf) {
      pictures.current = status.version!;
      // Drawn before the status goes out, at the width the pages asked for, when a page is open to show it. A
      // picture that cannot be drawn is left to the page's own request, which answers with the reason.
      const drawn = streams.size > 0 && (await pictures.drawCurrent(state.pdf!).catch(() => false));
      if (drawn) status = state.pictured();
    }
    const shown = (newPdf ? pictures.event(status.version) : '') + statusEvent(status);
    for (const stream of streams) stream.write(shown);
    // The PDF last: the page needs it only for the text layer, after the picture is on screen.
    if (newPdf) {
      pdf.event = pdfEvent(status.version!, state.pdf!);
      for (const stream of streams) stream.write(pdf.event);
    }
    return status;
  };

  // When the first change since the last render started was seen, and the one the render in progress is for.
  let changeSeen: number | null = null;
  let renderingChange: number | null = null;
  /** Whether a render is running or asked for: the pictures' warm-up gives way to it. */
  let busy = false;
  const live = new LiveRender(file, {
    options: () => (lang === undefined ? options.render : { ...options.render, lang }),
    // The first saves rendered by V8's compiled code, as watch does (LiveRender's warm-up, thrown away).
    warmUp: options.warmUp === false ? 0 : WARM_UP_RENDERS,
    onEvent: (event) => {
      if (event.type === 'change') changeSeen ??= performance.timeOrigin + performance.now();
      else if (event.type === 'render-start') {
        renderingChange = changeSeen;
        changeSeen = null;
      }
      busy = event.type !== 'idle';
      // Once the first good render and LiveRender's warm-up are done, and nothing else is to be done.
      if (event.type === 'idle' && state.pdf && options.warmUp !== false) pictures.warmUp(state.pdf, () => !busy && changeSeen === null);
    },
    onOutcome: async (outcome) => {
      const status = await broadcast(state.apply(outcome, renderingChange), outcome.ok);
      options.onRender?.(outcome, status);
    },
    ...(options.onWatchError ? { onWatchError: options.onWatchError } : {}),
  });

  const switchLanguage = (tag: string): boolean => {
    const known = state.status.languages.find((language) => language.toLowerCase() === tag.toLowerCase());
    if (known === undefined) return false;
    lang = known;
    live.rerender();
    return true;
  };

  const server = createServer((request, response) => {
    handle(request, response, { assets, state, streams, pdf, pictures, switchLanguage }).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      else response.destroy();
    });
  });
  // The page's connection stays open between saves (Node's default closes an idle one after 5 s).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  const port = await listen(server, options.port);
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();
  const url = `http://${LOOPBACK}:${port}/`;
  options.onListening?.(url);
  try {
    await live.start();
  } catch (error) {
    clearInterval(keepAlive);
    server.close();
    throw error;
  }

  return {
    url,
    port,
    close: async () => {
      clearInterval(keepAlive);
      await live.close();
      pictures.close();
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Listens on 127.0.0.1 at `port`, or at the default port or one of the next ones when none is asked for. */
async function listen(server: Server, port: number | undefined): Promise<number> {
  const candidates = port === undefined ? Array.from({ length: PORT_TRIES + 1 }, (_, i) => DEFAULT_PORT + i) : [port];
  for (const [index, candidate] of candidates.entries()) {
    try {
      await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(candidate, LOOPBACK, () => {
          server.off('error', reject);
          resolveListen();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && index < candidates.length - 1) continue;
      if (code === 'EADDRINUSE') {
        const which = port === undefined ? `ports ${DEFAULT_PORT}–${DEFAULT_PORT + PORT_TRIES} are` : `port ${candidate} is`;
        throw new BriefingError('usage', `${which} in use`, { hint: 'choose another with --port N, or --port 0 for any free port', cause: error });
      }
      if (code === 'EACCES') {
        throw new BriefingError('usage', `port ${candidate} cannot be used (permission denied)`, { hint: 'ports below 1024 need privileges: choose a port from 1024 to 65535', cause: error });
      }
      throw error;
    }
  }
  throw new Error('unreachable: no port tried');
}

interface Context {
  assets: Map<string, Asset>;
  state: PreviewState;
  streams: Set<ServerResponse>;
  /** The last good PDF as a `pdf` event (see `pdfEvent`). */
  pdf: { event: string | undefined };
  pictures: Pictures;
  switchLanguage: (tag: string) => boolean;
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  if (!isLoopbackHost(request.headers.host)) {
    send(
      response,
      403,
      'text/plain; charset=utf-8',
      `briefing serve answers only to 127.0.0.1 and localhost, not to Host: ${request.headers.host ?? '(none)'} (a guard against DNS rebinding)\n`,
    );
    return;
  }
  // The path exactly as sent: no decoding, no dot segments resolved, so only the listed paths exist.
  const target = request.url ?? '';
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  const search = new URLSearchParams(query < 0 ? '' : target.slice(query + 1));
  const method = request.method ?? 'GET';
  const reading = method === 'GET' || method === 'HEAD';

  if (path === '/lang') {
    if (method !== 'POST') return notAllowed(response, 'POST');
    return changeLanguage(request, response, context);
  }
  const asset = context.assets.get(path);
  const known = asset !== undefined || path === '/briefing.pdf' || path === '/page.png' || path === '/events';
  if (!known) return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
  if (!reading) return notAllowed(response, 'GET, HEAD');

  // Served from memory; `no-cache` with an entity tag: the browser may keep a copy but asks each time, and gets
  // 304 while it is current (the assets for the life of the server, the PDF until the next good render).
  if (asset) return sendCached(request, response, asset.contentType, asset.body, asset.etag);
  if (path === '/briefing.pdf') {
    const pdf = context.state.pdf;
    const version = context.state.status.version;
    if (!pdf || version === null) return send(response, 404, 'text/plain; charset=utf-8', 'no PDF yet: the briefing has not rendered\n');
    const headers: Record<string, string> = { 'X-Briefing-Version': version };
    if (search.has('download')) headers['Content-Disposition'] = contentDisposition(context.state.pdfName);
    return sendCached(request, response, 'application/pdf', Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), `"${version}"`, headers);
  }
  if (path === '/page.png') return sendPicture(request, response, search, context);
  openEventStream(request, response, context);
}

/** `/page.png?version=V&width=W`: the current page W pixels wide; W is the width new versions are drawn at from now on. */
async function sendPicture(request: IncomingMessage, response: ServerResponse, search: URLSearchParams, context: Context): Promise<void> {
  const pdf = context.state.pdf;
  const version = context.state.status.version;
  const width = search.get('width') ?? '';
  if (!/^[1-9]\d{0,4}$/.test(width)) return send(response, 400, 'text/plain; charset=utf-8', `width: a number of pixels, not ${JSON.stringify(width)}\n`);
  if (!pdf || version === null || search.get('version') !== version) {
    return send(response, 404, 'text/plain; charset=utf-8', `no page of version ${JSON.stringify(search.get('version'))}: the current version is ${JSON.stringify(version)}\n`);
  }
  const picture = await context.pictures.at(version, pdf, Number(width));
  if (!picture) return send(response, 400, 'text/plain; charset=utf-8', `a page ${width} pixels wide would have more than ${MAX_PICTURE_PIXELS} pixels\n`);
  // The page may have been replaced while it was drawn: the picture says which version it is.
  send(response, 200, 'image/png', picture.png, { 'Cache-Control': 'no-store', 'X-Briefing-Version': picture.version }, request.method === 'HEAD');
}

function openEventStream(request: IncomingMessage, response: ServerResponse, context: Context): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  response.write(`retry: 1000\n\n${context.pictures.event(context.state.status.version)}${statusEvent(context.state.status)}${context.pdf.event ?? ''}`);
  context.streams.add(response);
  request.on('close', () => context.streams.delete(response));
}

async function changeLanguage(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const origin = request.headers.origin;
  if (origin === undefined || !sameOrigin(origin, request.headers.host)) {
    return send(response, 403, 'text/plain; charset=utf-8', 'the language is switched from the preview page only\n');
  }
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > MAX_BODY) return send(response, 413, 'text/plain; charset=utf-8', 'request too large\n');
  }
  let tag: unknown;
  try {
    tag = (JSON.parse(body) as { lang?: unknown }).lang;
  } catch {
    tag = undefined;
  }
  if (typeof tag !== 'string' || !context.switchLanguage(tag)) {
    const languages = context.state.status.languages.join(', ');
    return send(response, 400, 'text/plain; charset=utf-8', `not one of the data file's languages (${languages}): ${JSON.stringify(tag)}\n`);
  }
  send(response, 202, 'text/plain; charset=utf-8', 'rendering\n');
}

/** Is `origin` (`http://127.0.0.1:5840`) this server as the request's `Host` names it? */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.host === host;
  } catch {
    return false;
  }
}

/**
 * A PDF as a `pdf` event, `{"version": …, "base64": …}`, written just after the status naming that version (and
 * its picture before it): the page has the bytes for its text layer without a request of its own, and reads
 * them while the picture is being decoded. (A fetch answered by this process waits for whatever it does next: on
 * a save during a render, the next render.)
 */
function pdfEvent(version: string, pdf: Uint8Array): string {
  return `event: pdf\ndata: ${JSON.stringify({ version, base64: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64') })}\n\n`;
}

/** Pictures drawn ahead (`Pictures.warmUp`), and their width (a page fitted to a laptop's window). */
const PICTURE_WARM_UPS = 5;
const WARM_UP_WIDTH = 700;

/**
 * The pictures of the current version's page: the last one drawn, kept with its `picture` event, and the width
 * new versions are drawn at, the one a page asked for last (with several pages open at other widths, each asks
 * for its own).
 */
class Pictures {
  private readonly painter: PagePainter;
  /** The version on the server now (set at each good render). */
  current: string | undefined;
  private last: (PagePicture & { version: string; event: string | undefined }) | undefined;
  /** The width the pages asked for last; none before a page has asked. */
  private width: number | undefined;
  private warmedUp = false;
  private closed = false;

  constructor(painter: PagePainter) {
    this.painter = painter;
  }

  /** Draws the current version's page (its PDF: `pdf`) at the pages' width, if one was asked for; says whether it did. */
  async drawCurrent(pdf: Uint8Array): Promise<boolean> {
    if (this.width === undefined || this.current === undefined) return false;
    return (await this.at(this.current, pdf, this.width)) !== undefined;
  }

  /** `version`'s page `width` pixels wide; undefined when it would be too large. Kept while it is the current version's. */
  async at(version: string, pdf: Uint8Array, width: number): Promise<(PagePicture & { version: string }) | undefined> {
    if (this.last?.version === version && this.last.width === width) return this.last;
    let picture: PagePicture;
    try {
      picture = await this.painter.draw(pdf, width);
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
    const drawn = { version, event: undefined, ...picture };
    // A request for a version replaced while it was drawn is answered, but sets nothing for the next ones.
    if (version === this.current) {
      this.last = drawn;
      this.width = width;
    }
    return drawn;
  }

  /**
   * Draws `pdf`'s page a few times, thrown away, once (the first time it is called), while `idle()` holds: PDFium's first
   * picture in a process takes ≈ 650 ms (the WebAssembly compiled and started), the next ones 100, 70, 55 ms
   * before they settle at ≈ 45 (load 4), so the first page opened and the first saves would pay that.
   */
  warmUp(pdf: Uint8Array, idle: () => boolean): void {
    if (this.warmedUp) return;
    this.warmedUp = true;
    void (async () => {
      for (let i = 0; i < PICTURE_WARM_UPS; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!idle() || this.closed) return;
        await this.painter.draw(pdf, WARM_UP_WIDTH).catch(() => undefined);
      }
    })();
  }

  /** The last picture as a `picture` event when it is of `version` (made once), else nothing. */
  event(version: string | null): string {
    const last = this.last;
    if (!last || last.version !== version) return '';
    last.event ??= `event: picture\ndata: ${JSON.stringify({ version, width: last.width, height: last.height, base64: last.png.toString('base64') })}\n\n`;
    return last.event;
  }

  close(): void {
    this.closed = true;
    this.painter.close();
  }
}

function statusEvent(status: PreviewStatus): string {
  return `event: status\ndata: ${JSON.stringify(status)}\n\n`;
}

/** `attachment` with the file name, in ASCII and (RFC 6266 / 8187) in UTF-8 for any other letters. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function notAllowed(response: ServerResponse, allow: string): void {
  send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: allow });
}

/** `body` with its entity tag, or 304 when the request's `If-None-Match` names it. */
function sendCached(request: IncomingMessage, response: ServerResponse, contentType: string, body: Buffer, etag: string, headers: Record<string, string> = {}): void {
  const cached = { 'Cache-Control': 'no-cache', ETag: etag, ...headers };
  const known = request.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (known?.includes(etag)) {
    response.writeHead(304, { ...SECURITY_HEADERS, ...cached });
    response.end();
    return;
  }
  send(response, 200, contentType, body, cached, request.method === 'HEAD');
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': String(bytes.length), ...headers });
  response.end(headOnly ? undefined : bytes);
}
