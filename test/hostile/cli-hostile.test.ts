/**
 * Hostile input through the whole command line (`main` in-process, output captured): each one must end with
 * exit code 2, a clear message naming the problem, and NOTHING written — the output path still does not exist,
 * or an output that was there before is byte-identical, and no temporary file is left beside it.
 * The loader-level cases are also in test/data/hostile.test.ts; these go through argument parsing, loading,
 * rendering and the atomic write together.
 */
import { MINIMAL_DATA, runCli, type Run } from '../cli/runCli.js';
import { tempDirs } from '../tempDirs.js';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONTS_DIR, TEMPLATES_DIR } from '../../src/resources.js';

const MINIMAL = MINIMAL_DATA;
const minimal = (...extra: string[]) => [...MINIMAL, ...extra].join('\n') + '\n';

const SENTINEL = Buffer.from('%PDF-1.7\n% an older PDF that must survive a failed run\n');

const run = runCli;

const tempDir = tempDirs('hostile-cli');

/** Every file under `dir` (relative paths), sorted. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

/**
 * Renders `data` (a path) twice: to a PDF path that does not exist (it must still not exist afterwards), and over
 * an existing PDF (it must be byte-identical afterwards). Both runs must exit 2, print a message matching every
 * pattern, print nothing on stdout, and leave the output folder as it was (no temporary file).
 */
async function expectRefused(data: string, patterns: RegExp[], extraArgs: string[] = []): Promise<Run> {
  const outDir = tempDir();
  const fresh = join(outDir, 'fresh.pdf');
  const existing = join(outDir, 'existing.pdf');
  writeFileSync(existing, SENTINEL);
  const before = listing(outDir);

  const first = await run('render', data, '-o', fresh, ...extraArgs);
  const second = await run('render', data, '-o', existing, ...extraArgs);
  for (const result of [first, second]) {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/internal error/);
    // Names the input file, so a user of a batch knows which one.
    expect(result.stderr).toContain(data);
  }
  expect(existsSync(fresh)).toBe(false);
  expect(Buffer.compare(readFileSync(existing), SENTINEL)).toBe(0);
  expect(listing(outDir)).toEqual(before);
  return first;
}

/** Renders `data` to a new PDF and expects success. */
async function expectRendered(data: string, extraArgs: string[] = []): Promise<string> {
  const out = join(tempDir(), 'out.pdf');
  const result = await run('render', data, '-o', out, ...extraArgs);
  expect(result.code, result.stderr).toBe(0);
  expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return out;
}

function writeData(name: string, content: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

describe('hostile data files through the CLI', () => {
  it('refuses a data file over 2 MB without reading it', async () => {
    const data = writeData('big.yaml', Buffer.concat([Buffer.from(minimal()), Buffer.alloc(2 * 1024 * 1024 + 1, 0x23)]));
    await expectRefused(data, [/too large/, /2 MB/]);
  });

  it('refuses a single field over the text limit, naming it', async () => {
    const data = writeData('field.yaml', minimal('subtitle: |', `  ${'x'.repeat(256 * 1024 + 1)}`));
    await expectRefused(data, [/subtitle: more than 262144 characters of text/]);
  });

  it('refuses a YAML alias bomb ("billion laughs") quickly', async () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const data = writeData('bomb.yaml', minimal(...lines));
    await expectRefused(data, [/alias/]);
  });

  it('refuses nesting 1000 levels deep', async () => {
    const data = writeData('deep.yaml', minimal(`quotes: ${'['.repeat(1000)}${']'.repeat(1000)}`));
    await expectRefused(data, [/nesting is deeper than 64 levels|too deep|deeper/]);
  });

  it('refuses __proto__ and constructor keys without polluting prototypes', async () => {
    const pollute = '{"prototype": {"polluted": "yes"}, "polluted": "yes"}';
    const json = writeData(
      'proto.json',
      `{"__proto__": {"polluted": "yes"}, "lang": "en", "title": "T", "date": "2025-02-04", "constructor": ${pollute},
        "visit": {"visitor": {"name": "Jane Doe", "__proto__": {"polluted": "yes"}, "constructor": ${pollute}},
                  "country": {"en": "Iraq", "__proto__": "x"}, "from": "2025-02-04", "summary": "S."}}`,
    );
    const result = await expectRefused(json, [/unknown field "__proto__"/, /unknown field "constructor"/]);
    expect(result.stderr).toMatch(/visit\.visitor\.constructor/);
    expect(result.stderr).toMatch(/visit\.visitor\.__proto__/);

    const yaml = writeData('proto.yaml', minimal('__proto__:', '  polluted: yes', 'constructor:', '  prototype:', '    polluted: yes'));
    await expectRefused(yaml, [/unknown field "__proto__"/, /unknown field "constructor"/]);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8, with their offset', async () => {
    const data = writeData('latin1.yaml', Buffer.concat([Buffer.from(minimal().replace('Jane Doe', 'Jos')), Buffer.from([0xe9, 0xff, 0x0a])]));
    await expectRefused(data, [/not valid UTF-8: byte 0x[0-9A-F]{2} at byte offset \d+/, /UTF-8/]);
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const data = writeData('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimal())]));
    await expectRendered(data);
  });

  it('refuses NUL and other C0 controls in a text field', async () => {
    // Written as YAML escapes: the value then holds the real characters.
    for (const [escape, code] of [
      ['\\0', '0000'],
      ['\\a', '0007'],
      ['\\e', '001B'],
      ['\\x1F', '001F'],
    ] as const) {
      const data = writeData(`control-${code}.yaml`, minimal(`subtitle: "before${escape}after"`));
      await expectRefused(data, [new RegExp(`subtitle: contains the control character U\\+${code}`)]);
    }
    // A raw NUL byte in the file.
    const raw = writeData('raw-nul.yaml', minimal('subtitle: "a\u0000b"'));
    await expectRefused(raw, [/U\+0000|control|character/i]);
  });
});

describe('templates named by the data file', () => {
  /** A working template (a copy of the built-in one, with its theme) in `<tmp>/outside/`, and a data folder beside it. */
  function layout() {
    const root = tempDir();
    const outside = join(root, 'outside');
    mkdirSync(outside);
    copyFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), join(outside, 'custom.hbs'));
    copyFileSync(join(TEMPLATES_DIR, 'theme.json'), join(outside, 'theme.json'));
    copyFileSync(join(TEMPLATES_DIR, 'emblem.svg'), join(outside, 'emblem.svg'));
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    return { root, outside, dataDir, template: join(outside, 'custom.hbs') };
  }

  it('refuses a template path with ../ that leaves the data folder', async () => {
    const { dataDir } = layout();
    const data = join(dataDir, 'x.yaml');
    writeFileSync(data, minimal('template: ../outside/custom.hbs'));
    await expectRefused(data, [/template/, /outside the data file's folder/]);
  });

  it('refuses a name with ../ in it', async () => {
    const { dataDir } = layout();
    const data = join(dataDir, 'x.yaml');
    writeFileSync(data, minimal('template: ../../../../../../../../etc/passwd'));
    await expectRefused(data, [/template/]);
  });

  it('refuses an absolute template path outside templates/', async () => {
    const { dataDir, template } = layout();
    const data = join(dataDir, 'x.yaml');
    writeFileSync(data, minimal(`template: ${JSON.stringify(template)}`));
    await expectRefused(data, [/template/, /outside the data file's folder/]);
  });

  // Regression: the check was lexical (path.resolve + startsWith), so a symbolic link inside the data folder that
  // pointed outside it let the data file pick any template; real paths are compared now.
  it('refuses a template reached through a symbolic link that leaves the data folder', async () => {
    const { dataDir, outside } = layout();
    symlinkSync(outside, join(dataDir, 'link'));
    const data = join(dataDir, 'x.yaml');
    writeFileSync(data, minimal('template: link/custom.hbs'));
    await expectRefused(data, [/template/, /outside the data file's folder/]);
  });

  it('allows the same paths given with --template on the command line', async () => {
    const { dataDir, template } = layout();
    const data = join(dataDir, 'x.yaml');
    writeFileSync(data, minimal());
    await expectRendered(data, ['--template', template]);
    await expectRendered(data, ['--template', relative(process.cwd(), template)]);
  });
});

describe('broken fonts named by a theme', () => {
  /**
   * A copy of the built-in template whose theme.json names `fontFile` for Noto Naskh Arabic and Noto Serif
   * (regular): fonts are looked up in the package's fonts/ folder, so the theme names the bad file by a path
   * relative to it. Rendered with --template (allowed) and Arabic and Latin text, so both faces are loaded.
   */
  function themeWithFont(bytes: Uint8Array): { template: string; data: string } {
    const dir = tempDir();
    const fontFile = join(dir, 'bad.ttf');
    writeFileSync(fontFile, bytes);
    const theme = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'theme.json'), 'utf8')) as {
      fonts: { files: Record<string, { regular: string }> };
    };
    const name = relative(FONTS_DIR, fontFile);
    theme.fonts.files['Noto Naskh Arabic']!.regular = name;
    theme.fonts.files['Noto Serif']!.regular = name;
    writeFileSync(join(dir, 'theme.json'), JSON.stringify(theme));
    copyFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), join(dir, 'briefing.hbs'));
    copyFileSync(join(TEMPLATES_DIR, 'emblem.svg'), join(dir, 'emblem.svg'));
    const data = join(dir, 'x.yaml');
    writeFileSync(data, minimal('subtitle: "زيارة الوزير إلى بغداد"'));
    return { template: join(dir, 'briefing.hbs'), data };
  }

  it('refuses a corrupt font (garbage after a TrueType signature)', async () => {
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    garbage.set([0x00, 0x01, 0x00, 0x00], 0);
    const { template, data } = themeWithFont(garbage);
    await expectRefused(data, [/bad\.ttf/, /font/i], ['--template', template]);
  });

  it('refuses a file that is not a font at all', async () => {
    const { template, data } = themeWithFont(Buffer.from('not a font\n'));
    await expectRefused(data, [/bad\.ttf/, /not a TrueType\/OpenType font/], ['--template', template]);
  });

  it('refuses a font cut to its first 4 KB', async () => {
    const bytes = readFileSync(join(FONTS_DIR, 'NotoNaskhArabic-Regular.ttf')).subarray(0, 4096);
    const { template, data } = themeWithFont(bytes);
    await expectRefused(data, [/bad\.ttf/, /font/i], ['--template', template]);
  });

  // Regression: a font cut to half its size passed FontFace's checks (HarfBuzz still found a cmap) and failed
  // later while being embedded, reported as an internal error; FontFace now checks the table directory.
  it('refuses a font cut to half its size', async () => {
    const full = readFileSync(join(FONTS_DIR, 'NotoNaskhArabic-Regular.ttf'));
    const { template, data } = themeWithFont(full.subarray(0, full.length >> 1));
    await expectRefused(data, [/bad\.ttf/, /font/i], ['--template', template]);
  });
});

describe('output paths', () => {
  it('creates a missing output folder', async () => {
    const data = writeData('x.yaml', minimal());
    const out = join(tempDir(), 'missing', 'deeper', 'x.pdf');
    const result = await run('render', data, '-o', out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(listing(join(out, '..'))).toEqual(['x.pdf']);
  });

  it('refuses to write over the input file', async () => {
    const data = writeData('x.yaml', minimal());
    const before = readFileSync(data);
    for (const out of [data, join(data, '..', '.', 'x.yaml')]) {
      const result = await run('render', data, '-o', out);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/is the input file itself/);
      expect(Buffer.compare(readFileSync(data), before)).toBe(0);
      expect(listing(join(data, '..'))).toEqual(['x.yaml']);
    }
  });
});
