/**
 * `briefing extract`: the data file comes out of the PDF byte for byte, and rendering it gives the same PDF;
 * a PDF without data, a damaged one and a file that is no PDF are refused (exit 2) without writing anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPath } from '../../src/cli/extract.js';
import { BriefingError } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/resources.js';
import { tempDirs } from '../tempDirs.js';
import { runCli } from './runCli.js';

const EXAMPLE = resolve(PACKAGE_ROOT, 'examples/nato-iraq-2025.yaml');
const newDir = tempDirs('extract');

let dir: string;
let examplePdf: string;

beforeAll(async () => {
  dir = newDir();
  examplePdf = join(dir, 'example.pdf');
  expect((await runCli('render', EXAMPLE, '-o', examplePdf)).code).toBe(0);
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A PDF (written by PDFKit, not by briefing) with these embedded files. */
async function pdfWithFiles(files: { name: string; bytes: Buffer; description: string }[]): Promise<Buffer> {
  const doc = new PDFDocument();
  for (const file of files) doc.file(file.bytes, { name: file.name, description: file.description });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => doc.on('end', r));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Flips one byte inside the embedded data file's compressed stream. */
function damageEmbeddedFile(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('/Type /EmbeddedFile');
  const stream = copy.indexOf('stream\n', at) + 'stream\n'.length;
  copy[stream + 40] = copy[stream + 40]! ^ 0xff;
  return copy;
}

describe('briefing extract', () => {
  it('gives the example and its photo back byte for byte, and rendering that gives the same PDF bytes', async () => {
    const data = join(dir, 'elsewhere', 'data.yaml');
    const run = await runCli('extract', examplePdf, '-o', data);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*data\.yaml \(application\/yaml, \d+ bytes, embedded as briefing-[0-9a-f]{8}\.yaml\)\nwrote .*photos\/visitor-placeholder\.png \(\d+ bytes, an image the data names\)\n$/);
    expect(readFileSync(data).equals(readFileSync(EXAMPLE))).toBe(true);
    const photo = join(dir, 'elsewhere', 'photos', 'visitor-placeholder.png');
    expect(readFileSync(photo).equals(readFileSync(resolve(PACKAGE_ROOT, 'examples/photos/visitor-placeholder.png')))).toBe(true);
    const again = join(dir, 'again.pdf');
    expect((await runCli('render', data, '-o', again)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(examplePdf))).toBe(true);
  });

  it('round-trips a JSON file with a byte order mark and CRLF line ends exactly, as JSON', async () => {
    const json = join(dir, 'visit.json');
    const text = `\ufeff${JSON.stringify({ lang: 'en', title: 'Visit', date: '2025-02-04', visit: { visitor: { name: 'Jane Doe' }, country: 'Iraq', from: '2025-02-04', summary: 'The minister visited Baghdad.' } }, null, 2).replace(/\n/g, '\r\n')}\r\n`;
    writeFileSync(json, text);
    const pdf = join(dir, 'visit.pdf');
    expect((await runCli('render', json, '-o', pdf)).code).toBe(0);
    const out = join(dir, 'out');
    const run = await runCli('extract', pdf, '-o', `${out}/`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('application/json');
    expect(readFileSync(join(out, 'visit.json')).equals(readFileSync(json))).toBe(true);
  });

  it('refuses a PDF without embedded data: exit 2, a clear message, nothing written', async () => {
    const plain = join(dir, 'plain.pdf');
    writeFileSync(plain, await pdfWithFiles([]));
    const out = join(dir, 'none.yaml');
    const run = await runCli('extract', plain, '-o', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${plain}: the PDF carries no briefing data`);
    expect(run.stderr).toContain('hint:');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['a truncated PDF', (pdf: Buffer) => pdf.subarray(0, 4000), 'not a readable PDF'],
    ['a file that is not a PDF', () => Buffer.from('lang: en\ntitle: not a PDF\n'), 'not a readable PDF'],
    ['a PDF whose embedded data no longer inflates', damageEmbeddedFile, 'the PDF is damaged'],
  ])('refuses %s: exit 2, a clear message, nothing written', async (_name, corrupt, message) => {
    const bad = join(dir, 'bad.pdf');
    writeFileSync(bad, corrupt(readFileSync(examplePdf)));
    const out = join(dir, 'bad-out');
    const run = await runCli('extract', bad, '-o', `${out}/`);
    expect(run.stderr).toContain(`${bad}: ${message}`);
    expect(run.code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses a PDF whose embedded data is not the data its SHA-256 names', async () => {
    const data = Buffer.from('lang: en\n');
    const forged = join(dir, 'forged.pdf');
    writeFileSync(forged, await pdfWithFiles([{ name: 'briefing-00000000.yaml', bytes: data, description: `Source data of this briefing (fingerprint 00000000, SHA-256 ${'0'.repeat(64)})` }]));
    const run = await runCli('extract', forged, '-o', join(dir, 'forged.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the PDF is damaged: its embedded file briefing-00000000.yaml does not match its SHA-256');
    expect(existsSync(join(dir, 'forged.yaml'))).toBe(false);
  });

  it('refuses a PDF whose embedded image would be written outside the data file\'s folder', async () => {
    const data = Buffer.from('lang: en\n');
    const evil = Buffer.from('not an image');
    const hostile = join(dir, 'hostile.pdf');
    writeFileSync(
      hostile,
      await pdfWithFiles([
        { name: 'briefing-00000000.yaml', bytes: data, description: `Source data of this briefing (fingerprint 00000000, SHA-256 ${sha256(data)})` },
        { name: '../escaped.png', bytes: evil, description: `Image named by the briefing's data: ../escaped.png (SHA-256 ${sha256(evil)})` },
      ]),
    );
    const out = join(dir, 'hostile-out');
    const run = await runCli('extract', hostile, '-o', join(out, 'data.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a path outside the data file\'s folder');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'escaped.png'))).toBe(false);
  });

  it('reads a missing PDF as a failure to read (exit 1)', async () => {
    const run = await runCli('extract', join(dir, 'missing.pdf'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read the PDF: no such file or directory');
  });

  it('never writes over the PDF it reads', async () => {
    const run = await runCli('extract', examplePdf, '-o', examplePdf);
    expect(run.code).toBe(2);
    expect((await runCli('extract', examplePdf, '-o', join(dir, 'check.yaml'))).code).toBe(0);
  });
});

describe('extractPath', () => {
  it('defaults to output/<pdf name> with the type\'s extension, and takes a folder', () => {
    expect(extractPath('x/visit.pdf', 'application/yaml', undefined)).toBe(join('output', 'visit.yaml'));
    expect(extractPath('visit.pdf', 'application/json', 'out/')).toBe(join('out', 'visit.json'));
    expect(extractPath('visit.pdf', 'application/yaml', 'data.yml')).toBe('data.yml');
  });

  it('refuses a name of the other type (YAML named .json)', () => {
    expect(() => extractPath('visit.pdf', 'application/yaml', 'data.json')).toThrow(BriefingError);
    expect(() => extractPath('visit.pdf', 'application/json', 'data.yaml')).toThrow(/JSON, not YAML/);
  });
});
