/**
 * A PDF's objects as qpdf reads them (`qpdf --json`, version 2), for tests that check the file's structure:
 * catalog entries, dictionaries, decoded stream data. qpdf is a Debian package; .ci/run installs it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PdfValue = string | number | boolean | null | PdfValue[] | { [key: string]: PdfValue };

export interface PdfObject {
  /** The object's value, or its stream dictionary. */
  dict: Record<string, PdfValue>;
  /** Decoded stream data, for streams. */
  data?: Buffer;
}

export interface QpdfView {
  trailer: Record<string, PdfValue>;
  /** By reference, `"12 0 R"`. */
  objects: Map<string, PdfObject>;
  /** Follows a reference (or returns a direct value as it is). */
  resolve(value: PdfValue | undefined): PdfValue | undefined;
  /** The object a reference names (throws when there is none). */
  object(ref: PdfValue | undefined): PdfObject;
  catalog: Record<string, PdfValue>;
  /** The first page's dictionary. */
  page: Record<string, PdfValue>;
  /** The first page's font resources: resource name (`/H1`) → font dictionary. */
  fonts: Record<string, Record<string, PdfValue>>;
}

function withFile<T>(pdf: Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'qpdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check` of the bytes: its output, and whether it found nothing wrong (exit code 0). */
export function qpdfCheck(pdf: Uint8Array): { ok: boolean; output: string } {
  return withFile(pdf, (file) => {
    try {
      return { ok: true, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  });
}

export function qpdfView(pdf: Uint8Array): QpdfView {
  const json = withFile(pdf, (file) =>
    execFileSync('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  const parsed = JSON.parse(json) as { qpdf: [unknown, Record<string, { value?: PdfValue; stream?: { dict: Record<string, PdfValue>; data?: string } }>] };
  const objects = new Map<string, PdfObject>();
  let trailer: Record<string, PdfValue> = {};
  for (const [key, entry] of Object.entries(parsed.qpdf[1])) {
    if (key === 'trailer') {
      trailer = entry.value as Record<string, PdfValue>;
      continue;
    }
    const ref = key.replace(/^obj:/, '');
    if (entry.stream) objects.set(ref, { dict: entry.stream.dict, ...(entry.stream.data !== undefined ? { data: Buffer.from(entry.stream.data, 'base64') } : {}) });
    else objects.set(ref, { dict: entry.value as Record<string, PdfValue> });
  }
  const isRef = (value: PdfValue | undefined): value is string => typeof value === 'string' && /^\d+ \d+ R$/.test(value);
  const object = (ref: PdfValue | undefined): PdfObject => {
    const found = isRef(ref) ? objects.get(ref) : undefined;
    if (!found) throw new Error(`no object ${String(ref)}`);
    return found;
  };
  const resolve = (value: PdfValue | undefined) => (isRef(value) ? objects.get(value)?.dict : value);
  const catalog = object(trailer['/Root']).dict;
  const pages = resolve(catalog['/Pages']) as Record<string, PdfValue>;
  const page = resolve((pages['/Kids'] as PdfValue[])[0]) as Record<string, PdfValue>;
  const fontRefs = (resolve((resolve(page['/Resources']) as Record<string, PdfValue>)['/Font']) ?? {}) as Record<string, PdfValue>;
  const fonts = Object.fromEntries(Object.entries(fontRefs).map(([name, ref]) => [name, resolve(ref) as Record<string, PdfValue>]));
  return { trailer, objects, resolve, object, catalog, page, fonts };
}

/** A qpdf JSON string value (`u:text`, `b:hex`) as text. */
export function textOf(value: PdfValue | undefined): string {
  if (typeof value !== 'string') throw new Error(`not a string: ${JSON.stringify(value)}`);
  if (value.startsWith('u:')) return value.slice(2);
  if (value.startsWith('b:')) return Buffer.from(value.slice(2), 'hex').toString('latin1');
  throw new Error(`not a string: ${value}`);
}
