/**
 * What the preview server serves besides the PDF and the event stream: a fixed table from URL path to one
 * file of the package, read once at start. Requests are matched against the table as sent (no decoding, no
 * `..` resolution, no folder lookup), so no other file can ever be named.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfjsBrowserBuild } from '../pdf/pdfjsBuild.js';
import { PACKAGE_ROOT } from '../resources.js';

export interface Asset {
  body: Buffer;
  contentType: string;
  /** A strong entity tag from the bytes: a reloaded page gets 304 for what it already has. */
  etag: string;
}

/** The page and its scripts and style (src/serve/client/), and pdf.js's two build files. */
export function loadAssets(): Map<string, Asset> {
  const client = join(PACKAGE_ROOT, 'src', 'serve', 'client');
  const pdfjs = pdfjsBrowserBuild();
  const table: [string, string, string][] = [
    ['/', join(client, 'index.html'), 'text/html; charset=utf-8'],
    ['/assets/preview.js', join(client, 'preview.js'), 'text/javascript; charset=utf-8'],
    ['/assets/textLayer.js', join(client, 'textLayer.js'), 'text/javascript; charset=utf-8'],
    ['/assets/preview.css', join(client, 'preview.css'), 'text/css; charset=utf-8'],
    ['/assets/pdf.mjs', join(pdfjs, 'pdf.min.mjs'), 'text/javascript; charset=utf-8'],
    ['/assets/pdf.worker.mjs', join(pdfjs, 'pdf.worker.min.mjs'), 'text/javascript; charset=utf-8'],
  ];
  return new Map(
    table.map(([path, file, contentType]) => {
      const body = readFileSync(file);
      return [path, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }];
    }),
  );
}
