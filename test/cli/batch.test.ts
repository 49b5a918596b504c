/**
 * `briefing render` with several files: the worker pool (`--jobs`), directories as input, the progress lines,
 * the summary and the exit code of the worst failure. `--jobs 2` runs the built worker (dist/batch-worker.js,
 * made by `npm run build` before the suite), so the test of equal bytes compares the bundle's renders in
 * workers with the sources' renders in this thread.
 */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../tempDirs.js';
import { MINIMAL_DATA, runCli, type Run } from './runCli.js';

const MINIMAL = MINIMAL_DATA.join('\n');
const tempDir = tempDirs('batch');

/** A valid briefing whose summary is `sentences` times one sentence: 1 fits, 160 shrinks the text, 250 overflows. */
function briefingWith(sentences: number): string {
  return MINIMAL.replace('summary: The minister visited Baghdad.', `summary: "${'The minister visited Baghdad. '.repeat(sentences)}"`);
}

function write(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The batch's lines with what depends on the clock (rate, time left) and on the output folder taken out. */
function comparable(text: string, outDir: string): string {
  return text
    .replaceAll(outDir, '<out>')
    .replace(/^(progress: \d+\/\d+ files \(\d+%\)).*$/gm, '$1');
}

describe('a batch with good, shrunk, invalid and overflowing files', () => {
  let dir: string;
  let one: Run;
  let two: Run;
  const out1 = () => join(dir, 'out-jobs-1');
  const out2 = () => join(dir, 'out-jobs-2');

  beforeAll(async () => {
    dir = tempDir();
    const inputs = join(dir, 'in');
    write(inputs, 'a-good.yaml', MINIMAL);
    write(inputs, 'b-syntax.yaml', 'lang: en\ntitle: "unclosed\n');
    write(inputs, 'c-shrunk.yaml', briefingWith(160));
    write(inputs, 'd-contract.yaml', MINIMAL.replace('lang: en', 'lang: en\nunknownField: 1'));
    write(inputs, 'e-overflowing.yaml', briefingWith(250));
    write(inputs, 'f-good.json', JSON.stringify({ lang: 'en', title: 'Second visit', date: '2025-03-01', visit: { visitor: { name: 'John Roe' }, country: 'Iraq', from: '2025-03-01', summary: 'A second visit.' } }));
    one = await runCli('render', inputs, '-o', `${out1()}/`, '--jobs', '1');
    two = await runCli('render', inputs, '-o', `${out2()}/`, '--jobs', '2');
  });

  it('writes the same PDFs, byte for byte, with --jobs 1 and --jobs 2', () => {
    const names = readdirSync(out1()).sort();
    expect(names).toEqual(['a-good.pdf', 'c-shrunk.pdf', 'f-good.pdf']);
    expect(readdirSync(out2()).sort()).toEqual(names);
    for (const name of names) {
      const a = readFileSync(join(out1(), name));
      expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(readFileSync(join(out2(), name)).equals(a), name).toBe(true);
    }
  });

  it('prints the same lines in input order and the same summary with --jobs 1 and --jobs 2', () => {
    expect(comparable(two.stdout, out2())).toBe(comparable(one.stdout, out1()));
    expect(comparable(two.stderr, out2())).toBe(comparable(one.stderr, out1()));
    expect(comparable(one.stdout, out1())).toBe(
      [
        'wrote <out>/a-good.pdf (A4, 1 page, 10.0 pt)',
        'wrote <out>/c-shrunk.pdf (A4, 1 page, 9.1 pt), shrank to 9.1 pt body text to fit one page',
        'wrote <out>/f-good.pdf (A4, 1 page, 10.0 pt)',
        '',
      ].join('\n'),
    );
  });

  it('ends with a summary naming each file that was not simply written, with its one-line problem', () => {
    const input = (name: string) => join(dir, 'in', name);
    const summary = one.stderr.slice(one.stderr.indexOf('summary:')).trimEnd().split('\n');
    expect(summary[0]).toBe('summary: 6 files: 3 written (1 shrunk to fit), 1 overflowing, 2 invalid');
    expect(summary[1]).toBe(`  shrunk to fit  ${input('c-shrunk.yaml')} → ${out1()}/c-shrunk.pdf at 9.1 pt body text`);
    expect(summary[2]).toMatch(new RegExp(`^  overflowing    ${escape(input('e-overflowing.yaml'))}: does not fit one page even at 8\\.5 pt body text \\(.* too long\\)`));
    expect(summary[3]).toBe(`  invalid        ${input('b-syntax.yaml')}:3:1: Missing closing "quote`);
    expect(summary[4]).toBe(`  invalid        ${input('d-contract.yaml')}:2:1: unknownField: unknown field "unknownField"`);
    expect(summary).toHaveLength(5);
  });

  it('exits with the worst failure (invalid, 2, before overflowing, 3) and leaves nothing of the failed files', () => {
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    for (const out of [out1(), out2()]) expect(readdirSync(out).filter((name) => !['a-good.pdf', 'c-shrunk.pdf', 'f-good.pdf'].includes(name))).toEqual([]);
  });

  it('prints a plain progress line per file, in order, when stderr is not a terminal', () => {
    const progress = one.stderr.split('\n').filter((line) => line.startsWith('progress:'));
    expect(progress.map((line) => /^progress: (\d+)\/6 files \((\d+)%\)/.exec(line)?.slice(1))).toEqual([
      ['1', '16'],
      ['2', '33'],
      ['3', '50'],
      ['4', '66'],
      ['5', '83'],
      ['6', '100'],
    ]);
    expect(progress[5]).toMatch(/^progress: 6\/6 files \(100%\), \d+\.\d files\/s, done$/);
    // The problem of the second file comes after the first file's line and before the second's.
    const lines = one.stderr.split('\n');
    const syntax = lines.findIndex((line) => line.includes('b-syntax.yaml:3:1'));
    expect(lines[syntax - 1]).toMatch(/^progress: 1\/6/);
    expect(lines[syntax + 1]).toMatch(/^progress: 2\/6/);
    expect(one.stderr).not.toContain('\r');
  });
});

describe('a directory as input', () => {
  it('renders the .yaml, .yml and .json files directly in it, in name order, into the output directory', async () => {
    const dir = tempDir();
    const inputs = join(dir, 'briefings');
    write(inputs, 'b.yml', MINIMAL);
    write(inputs, 'a.yaml', MINIMAL);
    write(inputs, 'C.JSON', JSON.stringify({ lang: 'en', title: 'T', date: '2025-02-04', visit: { visitor: { name: 'J' }, country: 'Iraq', from: '2025-02-04', summary: 'S.' } }));
    write(inputs, 'notes.txt', 'not a briefing');
    write(inputs, '.a.yaml.swp', 'an editor file');
    write(join(inputs, 'old'), 'z.yaml', MINIMAL); // a subdirectory: not searched
    symlinkSync(join(inputs, 'a.yaml'), join(inputs, 'linked.yaml'));
    const result = await runCli('render', inputs, '-o', join(dir, 'out'), '--jobs', '1');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[1])).toEqual(
      ['C.pdf', 'a.pdf', 'b.pdf', 'linked.pdf'].map((name) => join(dir, 'out', name)),
    );
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['C.pdf', 'a.pdf', 'b.pdf', 'linked.pdf']);
    expect(result.stderr).toContain('summary: 4 files: 4 written\n');
  });

  it('writes into a directory even when it holds one file, and refuses an output file', async () => {
    const dir = tempDir();
    write(join(dir, 'in'), 'only.yaml', MINIMAL);
    const toFile = await runCli('render', join(dir, 'in'), '-o', join(dir, 'only.pdf'));
    expect(toFile.code).toBe(2);
    expect(toFile.stderr).toContain(`with a directory as input, --output must be a directory, not ${join(dir, 'only.pdf')}`);
    expect(readdirSync(dir)).toEqual(['in']);
    const toDir = await runCli('render', join(dir, 'in'), '-o', join(dir, 'out'));
    expect(toDir.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['only.pdf']);
  });

  it('refuses two inputs that would write the same PDF, before rendering anything', async () => {
    const dir = tempDir();
    write(join(dir, 'in'), 'visit.yaml', MINIMAL);
    write(join(dir, 'in'), 'visit.json', JSON.stringify({ lang: 'en' }));
    const result = await runCli('render', join(dir, 'in'), '-o', join(dir, 'out/'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'in', 'visit.json')} and ${join(dir, 'in', 'visit.yaml')} would both be written to ${join(dir, 'out', 'visit.pdf')}`);
    expect(readdirSync(dir)).toEqual(['in']);
  });

  it('refuses a file given twice, and a directory without data files', async () => {
    const dir = tempDir();
    const file = write(dir, 'visit.yaml', MINIMAL);
    const twice = await runCli('render', file, file, '-o', join(dir, 'out/'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`${file} is given twice`);
    mkdirSync(join(dir, 'empty'));
    write(join(dir, 'empty'), 'readme.txt', '');
    const empty = await runCli('render', join(dir, 'empty'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`the directory ${join(dir, 'empty')} has no data files (.yaml, .yml, .json) in it`);
    expect(readdirSync(dir).sort()).toEqual(['empty', 'visit.yaml']);
  });
});

describe('SOURCE_DATE_EPOCH in a batch', () => {
  it('dates the PDFs rendered in workers as those rendered in the main thread (the CLI passes it to every worker)', async () => {
    const dir = tempDir();
    write(join(dir, 'in'), 'a.yaml', MINIMAL);
    write(join(dir, 'in'), 'b.yaml', MINIMAL.replace('Jane Doe', 'John Roe'));
    const pdfs = async (out: string, jobs: string) => {
      const result = await runCli('render', join(dir, 'in'), '-o', join(dir, out), '--jobs', jobs);
      expect(result.code).toBe(0);
      return ['a.pdf', 'b.pdf'].map((name) => readFileSync(join(dir, out, name)));
    };
    const undated = await pdfs('undated', '2');
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000'; // 2023-11-14 22:13:20 UTC, not the briefing's date
    try {
      const [inThread, inWorkers] = [await pdfs('dated-1', '1'), await pdfs('dated-2', '2')];
      for (const [index, pdf] of inWorkers.entries()) {
        expect(pdf.equals(inThread[index]!)).toBe(true);
        expect(pdf.equals(undated[index]!)).toBe(false);
        expect(pdf.toString('latin1')).toContain('/CreationDate (D:20231114221320Z)');
      }
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

describe('exit codes of a batch', () => {
  it('exits 3 when the worst is a page that does not fit, the good file still written', async () => {
    const dir = tempDir();
    const good = write(dir, 'good.yaml', MINIMAL);
    const long = write(dir, 'long.yaml', briefingWith(250));
    const result = await runCli('render', good, long, '-o', join(dir, 'out/'), '--jobs', '2');
    expect(result.code).toBe(3);
    expect(readdirSync(join(dir, 'out'))).toEqual(['good.pdf']);
    expect(result.stderr).toContain('summary: 2 files: 1 written, 1 overflowing\n');
  });

  it('refuses a --jobs that is not a whole number from 1 to 64', async () => {
    for (const jobs of ['0', '1.5', '65', 'many']) {
      const result = await runCli('render', 'x.yaml', '--jobs', jobs);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^briefing: --jobs must be a whole number from 1 to 64/);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
