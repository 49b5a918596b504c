/**
 * The command line, run in-process through `main` with captured output. Rendering the example takes about a
 * second, so the tests that need a real PDF share a few renders.
 */
import { nobodyCanRunTheCommand, runAsNobody } from './asNobody.js';
import { MINIMAL_DATA, runCli } from './runCli.js';
import { tempDirs } from '../tempDirs.js';
import { copyExample } from '../example.js';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPaths } from '../../src/cli/render.js';
import { worstExitCode } from '../../src/cli/report.js';
import { refuseSameFile, writeFileAtomic } from '../../src/cli/writeAtomic.js';
import { BriefingError } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/resources.js';

const EXAMPLE = resolve(PACKAGE_ROOT, 'examples/nato-iraq-2025.yaml');
const IS_ROOT = process.getuid?.() === 0;

const MINIMAL = MINIMAL_DATA.join('\n');

const run = runCli;

const tempDir = tempDirs('cli');

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function isPdf(path: string): boolean {
  return readFileSync(path).subarray(0, 5).toString('latin1') === '%PDF-';
}

describe('briefing render', () => {
  it('renders the example to a PDF and says where', async () => {
    const dir = tempDir();
    const out = join(dir, 'example.pdf');
    const result = await run('render', EXAMPLE, '-o', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(isPdf(out)).toBe(true);
    expect(result.stdout).toMatch(new RegExp(`^wrote ${escape(out)} \\(A4, 1 page, \\d+\\.\\d pt\\)(, shrank to \\d+\\.\\d pt body text to fit one page)?\\n$`));
    // No temporary file is left beside the output.
    expect(readdirSync(dir)).toEqual(['example.pdf']);
  });

  it('writes output/<name>.pdf under the current folder without -o', async () => {
    const dir = tempDir();
    const before = process.cwd();
    process.chdir(dir);
    try {
      const result = await run('render', EXAMPLE);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^wrote output\/nato-iraq-2025\.pdf \(A4, 1 page, /);
      expect(isPdf(join(dir, 'output', 'nato-iraq-2025.pdf'))).toBe(true);
    } finally {
      process.chdir(before);
    }
  });

  it('renders another language with --lang, and takes --page, --copies and --timestamp', async () => {
    const dir = tempDir();
    const en = await run('render', EXAMPLE, '--lang', 'en', '-o', join(dir, 'en.pdf'));
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(isPdf(join(dir, 'en.pdf'))).toBe(true);

    const letter = await run('render', EXAMPLE, '--page', 'Letter', '--copies', '2', '--timestamp', '-o', join(dir, 'letter.pdf'));
    expect(letter.stderr).toBe('');
    expect(letter.code).toBe(0);
    expect(letter.stdout).toContain('(Letter, 1 page, ');
  });

  it('reports a YAML syntax error with file:line:col, exits 2 and writes nothing', async () => {
    const dir = tempDir();
    const bad = write(dir, 'bad.yaml', 'lang: en\ntitle: [unclosed\ndate: "2025-02-04"\n');
    const out = join(dir, 'out', 'bad.pdf');
    const result = await run('render', bad, '-o', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^${escape(bad)}:\\d+:\\d+: `, 'm'));
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reports a contract error with the field path and exits 2', async () => {
    const dir = tempDir();
    const bad = write(dir, 'contract.yaml', MINIMAL.replace('  country: Iraq\n', '').replace('name: Jane Doe', 'name: 42'));
    const result = await run('render', bad, '-o', join(dir, 'contract.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('visit.country');
    expect(result.stderr).toMatch(new RegExp(`^${escape(bad)}:\\d+:\\d+: visit\\.visitor\\.name: `, 'm'));
    expect(existsSync(join(dir, 'contract.pdf'))).toBe(false);
  });

  it('leaves an existing output byte-identical after a failed render', async () => {
    const dir = tempDir();
    const bad = write(dir, 'brief.yaml', MINIMAL.replace('lang: en', 'lang: en\nunknownField: 1'));
    const out = write(dir, 'brief.pdf', '%PDF-1.7 the previous version\n');
    const before = statSync(out);
    const result = await run('render', bad, '-o', out);
    expect(result.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 the previous version\n');
    expect(statSync(out).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(out).ino).toBe(before.ino);
    expect(readdirSync(dir).sort()).toEqual(['brief.pdf', 'brief.yaml']);
  });

  it('exits 3, naming the file, when the content cannot fit one page', async () => {
    const dir = tempDir();
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: ${'the minister discussed the cooperation at length. '.repeat(12)}`).join('\n\n');
    const data = MINIMAL.replace('  summary: The minister visited Baghdad.', `  summary: ${JSON.stringify(long)}`);
    const file = write(dir, 'long.yaml', data);
    const out = write(dir, 'long.pdf', 'old');
    const result = await run('render', file, '-o', out);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}: does not fit one page`, 'm'));
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('writes several inputs into a directory given as dir/, creating it', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yml');
    copyExample(a);
    copyExample(b);
    const outDir = join(dir, 'pdfs', 'nested') + '/';
    const result = await run('render', a, b, '-o', outDir, '--jobs', '1');
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    expect(isPdf(join(outDir, 'a.pdf'))).toBe(true);
    expect(isPdf(join(outDir, 'b.pdf'))).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(readdirSync(outDir).sort()).toEqual(['a.pdf', 'b.pdf']);
  });

  it('still writes the good file when another input is bad, and exits non-zero', async () => {
    const dir = tempDir();
    const good = write(dir, 'good.yaml', MINIMAL);
    const bad = write(dir, 'bad.yaml', 'lang: en\ntitle: "unclosed\n');
    const outDir = join(dir, 'out');
    const result = await run('render', bad, good, '-o', outDir);
    expect(result.code).toBe(2);
    expect(isPdf(join(outDir, 'good.pdf'))).toBe(true);
    expect(existsSync(join(outDir, 'bad.pdf'))).toBe(false);
    expect(result.stdout).toBe(`wrote ${join(outDir, 'good.pdf')} (A4, 1 page, 10.0 pt)\n`);
    expect(result.stderr).toContain(`${bad}:`);
  });

  it('exits with the worst failure when the failures are of different kinds: invalid (2) before too long (3)', async () => {
    const dir = tempDir();
    const bad = write(dir, 'bad.yaml', 'lang: en\ntitle: "unclosed\n');
    // Invalid (2) and too long for one page (3).
    const long = write(dir, 'long.yaml', MINIMAL.replace('summary: The minister visited Baghdad.', `summary: "${'The minister visited Baghdad. '.repeat(1500)}"`));
    const result = await run('render', bad, long, '-o', join(dir, 'out/'), '--jobs', '1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.yaml:');
    expect(result.stderr).toContain('long.yaml: does not fit one page');
  });

  it('prints each warning once, with the file', async () => {
    const dir = tempDir();
    const file = write(dir, 'warn.yaml', MINIMAL.replace('title: Visit of the minister', 'title: Visit 𐀀 of the minister 𐀀'));
    const result = await run('render', file, '-o', join(dir, 'warn.pdf'));
    expect(result.code).toBe(0);
    const warnings = result.stderr.trim().split('\n');
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of warnings) expect(line.startsWith(`warning: ${file}: `)).toBe(true);
    expect(new Set(warnings).size).toBe(warnings.length);
  });

  it('refuses to write over the input file', async () => {
    const dir = tempDir();
    const file = write(dir, 'same.yaml', MINIMAL);
    const result = await run('render', file, '-o', join(dir, '.', 'same.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the input file itself');
    expect(readFileSync(file, 'utf8')).toBe(MINIMAL);
  });

  it('refuses several inputs with an output that is a file', async () => {
    const dir = tempDir();
    const a = write(dir, 'a.yaml', MINIMAL);
    const b = write(dir, 'b.yaml', MINIMAL);
    const result = await run('render', a, b, '-o', join(dir, 'both.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output must be a directory');
    expect(existsSync(join(dir, 'both.pdf'))).toBe(false);
  });

  it('says clearly when the output directory is read-only (exit 2, nothing written)', async (context) => {
    // As root (CI) the command runs as `nobody`, which needs to reach the checkout; where it cannot (a checkout
    // in a private folder) there is no way to test this as root.
    if (IS_ROOT && !nobodyCanRunTheCommand()) context.skip();
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const file = write(dir, 'ro.yaml', MINIMAL);
    chmodSync(file, 0o644);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      // Root ignores permissions: as root (CI), the command runs as the unprivileged user `nobody`.
      const result = IS_ROOT ? await runAsNobody('render', file, '-o', join(locked, 'ro.pdf')) : await run('render', file, '-o', join(locked, 'ro.pdf'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot write .*: permission denied/);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      chmodSync(locked, 0o700);
    }
  });
});

describe('usage errors', () => {
  it('exits 2 on an unknown option and points at --help', async () => {
    const result = await run('render', EXAMPLE, '--no-such-option');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown argument');
    expect(result.stderr).toContain("'briefing render --help'");
  });

  it.each([
    [['render', 'x.yaml', '--page', 'A5']],
    [['render', 'x.yaml', '--copies', '0']],
    [['render', 'x.yaml', '--copies', 'two']],
    [['render', 'x.yaml', '--lang', 'not a tag']],
    [['render', 'x.yaml', '-o']],
    [['render']],
    [['watch']],
    [['watch', 'a.yaml', 'b.yaml']],
    [['watch', 'x.yaml', '--copies', '2']],
    [['preview', 'x.yaml', '--dpi', '0']],
    [['preview']],
    [['frobnicate']],
  ])('exits 2 on %j', async (argv) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^briefing: .+\nRun 'briefing ((render|watch|preview) )?--help' for usage\.\n$/);
  });

  it('prints the help to stderr and exits 2 without a command', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Commands:');
  });

  it('prints the version of package.json with --version', async () => {
    const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const result = await run('--version');
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('has the documented --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const word of ['render', 'watch', 'serve', 'preview', 'validate', 'schema', '--output', '--lang', '--template', '--page', '--timestamp', '--copies', '--dpi', '--port', '--open', 'Exit codes']) {
      expect(result.stdout).toContain(word);
    }
    for (const code of ['0', '1', '2', '3']) expect(result.stdout).toMatch(new RegExp(`^  ${code}  `, 'm'));
    await expect(result.stdout).toMatchFileSnapshot('./help.golden.txt');
  });

  it('has a help for each command', async () => {
    for (const command of ['render', 'watch', 'serve', 'preview', 'validate', 'schema']) {
      const result = await run(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`briefing ${command}`);
      expect(result.stdout).toContain('Exit codes');
    }
  });
});

describe('briefing schema and validate', () => {
  it('prints the JSON Schema', async () => {
    const result = await run('schema');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"$schema"');
    expect(JSON.parse(result.stdout)).toHaveProperty('$schema');
  });

  it('says ok for a valid file', async () => {
    const result = await run('validate', EXAMPLE, '--lang', 'en');
    expect(result).toEqual({ code: 0, stdout: `ok: ${EXAMPLE}\n`, stderr: '' });
  });

  it('reports every invalid file and exits 2', async () => {
    const dir = tempDir();
    const bad = write(dir, 'bad.yaml', MINIMAL.replace('  country: Iraq\n', ''));
    const result = await run('validate', EXAMPLE, bad);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(`ok: ${EXAMPLE}\n`);
    expect(result.stderr).toContain(`${bad}:`);
    expect(result.stderr).toContain('visit.country');
  });

  it('reports missing translations for --lang', async () => {
    const result = await run('validate', EXAMPLE, '--lang', 'fr');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no "fr" translation');
  });
});

describe('writeFileAtomic', () => {
  it('creates the folder and replaces the file', async () => {
    const dir = tempDir();
    const target = join(dir, 'a', 'b', 'file.pdf');
    await writeFileAtomic(target, new TextEncoder().encode('one'));
    await writeFileAtomic(target, new TextEncoder().encode('two'));
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['file.pdf']);
  });

  it('leaves no temporary file behind when the rename fails', async () => {
    const dir = tempDir();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    const error = await writeFileAtomic(target, new TextEncoder().encode('pdf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('usage'); // the output path is a directory: the user's to fix
    expect((error as BriefingError).file).toBe(target);
    expect((error as BriefingError).format()).toContain(`cannot write ${target}`);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('refuses to write over the input', async () => {
    const dir = tempDir();
    const input = write(dir, 'in.yaml', MINIMAL);
    const error = await writeFileAtomic(join(dir, 'x', '..', 'in.yaml'), new Uint8Array([1]), { notSameAs: input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('usage');
    expect(readFileSync(input, 'utf8')).toBe(MINIMAL);
    expect(() => refuseSameFile(input, join(dir, 'other.pdf'))).not.toThrow();
  });
});

describe('output paths and exit codes', () => {
  it('maps inputs to outputs', () => {
    expect(outputPaths(['a/x.yaml'], undefined)).toEqual(['output/x.pdf']);
    expect(outputPaths(['a/x.yaml'], 'out.pdf')).toEqual(['out.pdf']);
    expect(outputPaths(['a/x.yaml'], 'out/')).toEqual(['out/x.pdf']);
    expect(outputPaths(['a/x.yaml', 'b/y.json'], 'out')).toEqual(['out/x.pdf', 'out/y.pdf']);
    expect(() => outputPaths(['a/x.yaml', 'b/x.yml'], 'out/')).toThrow(/would both be written to out\/x\.pdf/);
  });

  it('takes the exit code of the worst failure: 1, else 2, else 3', () => {
    expect(worstExitCode([])).toBe(0);
    expect(worstExitCode([0, 0])).toBe(0);
    expect(worstExitCode([0, 2, 2])).toBe(2);
    expect(worstExitCode([3, 0])).toBe(3);
    expect(worstExitCode([2, 3])).toBe(2);
    expect(worstExitCode([3, 2, 0])).toBe(2);
    expect(worstExitCode([3, 1, 2])).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
