/**
 * Issue 13, "Nothing a user feeds it can hurt it": each finding of the adversarial pass (2026-12-01) as a test
 * named after it, through the command line (`main` in-process) where the finding was seen there. Each failed
 * before the fix. The cost findings are in cost.test.ts, the watch ones in test/cli/watch.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBriefing, parseBriefingSource } from '../../src/data/load.js';
import { localizeBriefing } from '../../src/data/localize.js';
import { MAX_REPORTED_PROBLEMS } from '../../src/errors.js';
import { renderBriefing } from '../../src/pipeline.js';
import { TEMPLATES_DIR } from '../../src/resources.js';
import { isBidiControl } from '../../src/text/controls.js';
import { runAsNobody, nobodyCanRunTheCommand } from '../cli/asNobody.js';
import { MINIMAL_DATA, runCli as run } from '../cli/runCli.js';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('findings');
const IS_ROOT = process.getuid?.() === 0;
const minimal = (...extra: string[]) => [...MINIMAL_DATA, ...extra].join('\n') + '\n';
const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

function writeData(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A copy of the built-in template and its theme in `dir`, the theme changed by `edit`. */
function templateWithTheme(dir: string, edit: (theme: Record<string, any>) => void): string {
  const theme = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'theme.json'), 'utf8')) as Record<string, any>;
  edit(theme);
  writeFileSync(join(dir, 'theme.json'), JSON.stringify(theme, null, 2));
  copyFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), join(dir, 'custom.hbs'));
  // The letterhead's logo, which the theme names beside it.
  copyFileSync(join(TEMPLATES_DIR, 'emblem.svg'), join(dir, 'emblem.svg'));
  return join(dir, 'custom.hbs');
}

describe('1. a file is lost', () => {
  it.runIf(IS_ROOT)('a device node given as -o was replaced by a PDF: refused (exit 2), the device kept', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'min.yaml', minimal());
    const device = join(dir, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const result = await run('render', data, '-o', device);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/cannot write .*null: it is a device, not a regular file; refusing to replace it/);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    // A link to a device (as /dev/stdout is) is refused the same way.
    symlinkSync(device, join(dir, 'stdout'));
    expect((await run('render', data, '-o', join(dir, 'stdout'))).code).toBe(2);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('a FIFO or a socket given as -o was replaced by a PDF: refused (exit 2), kept', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'min.yaml', minimal());
    const fifo = join(dir, 'pipe.pdf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = await run('render', data, '-o', fifo);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/it is a FIFO \(named pipe\), not a regular file/);
    expect(statSync(fifo).isFIFO()).toBe(true);

    const socket = join(dir, 'socket.pdf');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const refused = await run('render', data, '-o', socket);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/it is a socket/);
      expect(statSync(socket).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a symlinked -o was replaced by a regular file and its target left stale: the target is replaced, the link kept', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'min.yaml', minimal());
    const real = join(dir, 'real');
    mkdirSync(real);
    const target = join(real, 'brief.pdf');
    writeFileSync(target, 'old');
    const link = join(dir, 'latest.pdf');
    symlinkSync(join('real', 'brief.pdf'), link);
    const result = await run('render', data, '-o', link);
    expect(result.code, result.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('real', 'brief.pdf'));
    expect(isPdf(readFileSync(target))).toBe(true);
    // The temporary file was made beside the target (same file system), and none is left anywhere.
    expect(readdirSync(real)).toEqual(['brief.pdf']);
    expect(readdirSync(dir).sort()).toEqual(['latest.pdf', 'min.yaml', 'real']);
  });

  it('-o - writes the PDF to standard output (and nothing else there)', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'min.yaml', minimal());
    const result = await run('render', data, '-o', '-');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(isPdf(result.stdoutBytes!)).toBe(true);
    expect(result.stderr).toMatch(/^wrote standard output \(A4, 1 page/);
    expect(readdirSync(dir)).toEqual(['min.yaml']);
    expect(existsSync(join(dir, '-'))).toBe(false);

    const both = await run('render', data, data, '-o', '-');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/-o - \(standard output\) takes one input file/);
  });

  it('temporary files left by kill -9 were never cleaned up: the next write removes those of dead processes', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'min.yaml', minimal());
    const out = join(dir, 'brief.pdf');
    const exited = spawnSync(process.execPath, ['-e', '']);
    const deadPid = exited.pid!;
    const stale = join(dir, `.brief.pdf.${deadPid}.0123456789ab.tmp`);
    // A write in progress (this process is alive) and a file that only looks like ours are left alone.
    const live = join(dir, `.brief.pdf.${process.ppid}.0123456789ab.tmp`);
    const other = join(dir, '.brief.pdf.notes.tmp');
    for (const file of [stale, live, other]) writeFileSync(file, 'partial');
    const result = await run('render', data, '-o', out);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});

describe('3. a hang', () => {
  it('a FIFO as the data file blocked forever: refused before it is opened (exit 2)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'data.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = await run('render', fifo, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${fifo}: cannot read the data file: ${fifo} is a FIFO (named pipe)`);
  });

  it('a FIFO named as a font by a theme would block the render: refused (exit 2)', async () => {
    const dir = tempDir();
    expect(spawnSync('mkfifo', [join(dir, 'font.ttf')]).status).toBe(0);
    const template = templateWithTheme(dir, (theme) => {
      theme.fonts.files['Noto Serif'].regular = join('..', '..', '..', '..', '..', '..', '..', '..', dir, 'font.ttf');
    });
    const data = writeData(dir, 'x.yaml', minimal());
    const result = await run('render', data, '--template', template, '-o', join(dir, 'out.pdf'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/cannot read a font file: .*font\.ttf is a FIFO/);
  });
});

describe('4. reading outside the folder', () => {
  /** A data folder holding a template and the theme beside it (named by the data file: held to the folder). */
  function dataFolder(edit: (theme: Record<string, any>) => void): { dir: string; data: string } {
    const dir = tempDir();
    templateWithTheme(dir, edit);
    return { dir, data: writeData(dir, 'x.yaml', minimal('template: custom.hbs')) };
  }

  it('a theme beside a data-folder template read ../../../../dev/zero as a font: refused, naming theme.json and the key', async () => {
    const { dir, data } = dataFolder((theme) => {
      theme.fonts.files['Noto Serif'].regular = '../../../../../../../../dev/zero';
    });
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'theme.json')}: fonts.files.Noto Serif.regular: the font file is outside the tool's fonts/ folder and the theme's folder`);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });

  it('a theme naming ../…/etc/passwd told whether the file exists: the same refusal for a file there and one not there', async () => {
    const messages: string[] = [];
    for (const path of ['etc/passwd', 'etc/no-such-file']) {
      const { dir, data } = dataFolder((theme) => {
        theme.fonts.files['Noto Serif'].regular = `../../../../../../../../${path}`;
      });
      const result = await run('render', data, '-o', join(dir, 'out.pdf'));
      expect(result.code).toBe(2);
      messages.push(result.stderr.replaceAll(dir, '<dir>'));
    }
    expect(messages[0]).toBe(messages[1]);
  });

  it('a theme.json that is a symlink to /etc/passwd put the file\'s content into the error: refused, nothing quoted', async () => {
    const dir = tempDir();
    copyFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), join(dir, 'custom.hbs'));
    const secret = join(tempDir(), 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:secret-content:/root:/bin/bash\n');
    symlinkSync(secret, join(dir, 'theme.json'));
    const data = writeData(dir, 'x.yaml', minimal('template: custom.hbs'));
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the theme: .*theme\.json is outside the folders it may be read from/);
    expect(result.stderr).not.toContain('secret-content');
    expect(result.stderr).not.toContain('root:x');
  });

  it('a theme.json that is not JSON had its text quoted in the error: a position, no content', async () => {
    const dir = tempDir();
    copyFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), join(dir, 'custom.hbs'));
    writeFileSync(join(dir, 'theme.json'), 'root:x:0:0:secret-content\n');
    const data = writeData(dir, 'x.yaml', minimal('template: custom.hbs'));
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'theme.json')}: not valid JSON: expected a value`);
    expect(result.stderr).toContain('at line 1, column 1');
    expect(result.stderr).not.toContain('secret-content');
  });
});

describe('5. spoofing', () => {
  it('mission.acronym "\\u202eOTAN" printed «NATO»: the override is removed, the acronym drawn as written', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal('mission:', '  name: The mission', '  acronym: "\\u202eOTAN"', '  mandate: To advise.'));
    const loaded = await loadBriefing(data);
    expect(localizeBriefing(loaded).mission!.acronym).toBe('OTAN');
    const { layout } = await renderBriefing(loaded);
    const runs = layout.items.flatMap((item) => (item.kind === 'text' ? item.line.runs : []));
    const acronym = runs.filter((r) => [...r.text].filter((c) => !isBidiControl(c)).join('').includes('OTAN'));
    expect(acronym.length).toBeGreaterThan(0);
    for (const r of acronym) expect(r.level % 2, 'left to right, not reversed').toBe(0);
  });

  it('a source.url with U+202E showed …/exe.png/x for …/gnp.exe/x: bidi controls removed from URLs; only http, https, mailto', async () => {
    const data = parseBriefingSource(minimal('source:', '  url: "https://example.org/\\u202egnp.exe/x"'), 'x.yaml');
    expect(localizeBriefing(data).source!.url).toBe('https://example.org/gnp.exe/x');
    const mail = parseBriefingSource(minimal('source:', '  url: "mailto:press@example.org"'), 'x.yaml');
    expect(localizeBriefing(mail).source!.url).toBe('mailto:press@example.org');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x']) {
      const result = await run('validate', writeData(tempDir(), 'x.yaml', minimal('source:', `  url: "${url}"`)));
      expect(result.code, url).toBe(2);
      expect(result.stderr, url).toMatch(/source\.url: expected an http, https or mailto URL/);
    }
  });
});

describe('6. exit codes and messages', () => {
  it('a missing or directory input exited 1: it is invalid input, exit 2', async () => {
    const dir = tempDir();
    // `render` takes a directory for the data files in it (a batch): one without any is refused.
    for (const [input, message] of [
      [join(dir, 'missing.yaml'), 'cannot read the data file: no such file or directory'],
      [dir, `the directory ${dir} has no data files (.yaml, .yml, .json) in it`],
    ] as const) {
      const result = await run('render', input, '-o', join(dir, 'out.pdf'));
      expect(result.code, input).toBe(2);
      expect(result.stderr).toContain(message);
      const checked = await run('validate', input);
      expect(checked.code, input).toBe(2);
    }
  });

  it('an unreadable input exited 1: exit 2, "permission denied"', async (context) => {
    if (IS_ROOT && !nobodyCanRunTheCommand()) context.skip();
    const dir = tempDir();
    spawnSync('chmod', ['755', dir]);
    const data = writeData(dir, 'secret.yaml', minimal());
    spawnSync('chmod', ['000', data]);
    // Root reads anything: as root, the command runs as `nobody`.
    const result = IS_ROOT ? await runAsNobody('render', data, '-o', '-') : await run('render', data, '-o', '-');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read the data file: permission denied');
  });

  it('impossible theme values (marginInlineMm: 500) gave "does not fit" (3): a theme error (2) naming theme.json and the key', async () => {
    const dir = tempDir();
    const template = templateWithTheme(dir, (theme) => {
      theme.page.marginInlineMm = 500;
      theme.page.marginTopMm = 250;
    });
    const data = writeData(dir, 'x.yaml', minimal());
    const result = await run('render', data, '--template', template, '-o', join(dir, 'out.pdf'));
    expect(result.code, result.stderr).toBe(2);
    const theme = join(dir, 'theme.json');
    expect(result.stderr).toContain(`${theme}: page.marginInlineMm: 500 mm on each side leaves no room for text: at most 82 mm`);
    expect(result.stderr).toContain(`${theme}: page.marginTopMm: 250 mm and 15 mm (page.marginBottomMm) leave no room for text`);

    const sizes = tempDir();
    const huge = templateWithTheme(sizes, (t) => {
      t.styles.body.size = 1000;
      t.page.minBodySize = 0.01;
    });
    const refused = await run('render', data, '--template', huge, '-o', join(sizes, 'out.pdf'));
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`${join(sizes, 'theme.json')}: styles.body.size: must be at most 144, not a number (1000)`);
    expect(refused.stderr).toContain(`${join(sizes, 'theme.json')}: page.minBodySize: must be at least 4, not a number (0.01)`);
  });

  it('theme errors named the data file instead of theme.json (a spacing the template needs)', async () => {
    const dir = tempDir();
    const template = templateWithTheme(dir, (theme) => {
      delete theme.spacing.section;
    });
    const data = writeData(dir, 'x.yaml', minimal());
    const result = await run('render', data, '--template', template, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'theme.json')}: spacing.section: required by the template`);
  });

  it('a lone surrogate or U+FFFE in a field was "malformed markup" with no field path: an error naming the field', () => {
    for (const [escape, what] of [
      ['\\ud800', /subtitle: contains a lone surrogate U\+D800 at character 2/],
      ['\\ufffe', /subtitle: contains the noncharacter U\+FFFE at character 2/],
      ['\\U0010FFFF', /subtitle: contains the noncharacter U\+10FFFF/],
    ] as const) {
      const error = (() => {
        try {
          parseBriefingSource(minimal(`subtitle: "a${escape}b"`), 'x.yaml');
        } catch (e) {
          return e as Error & { format(): string; code: string };
        }
        throw new Error(`accepted ${escape}`);
      })();
      expect(error.code).toBe('contract');
      expect(error.format()).toMatch(what);
    }
  });

  it('10,000 combining marks on one letter were drawn up through the header: more than 30 in a row (UAX #15) is an error', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal(`subtitle: "a${'\u0301'.repeat(10_000)}"`));
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/x\.yaml:10:\d+: subtitle: more than 30 combining marks in a row at character 2 \(Unicode's Stream-Safe Text Format, UAX #15/);
    // 30 are allowed (Vietnamese or Arabic with harakat need a few, never 31).
    expect(() => parseBriefingSource(minimal(`subtitle: "a${'\u0301'.repeat(30)}"`), 'x.yaml')).not.toThrow();
  });

  it('raw library wording reached the user ("expected record, received Buffer"): our own words', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal('subtitle: !!binary aGVsbG8=', 'classification: 12'));
    const result = await run('validate', data);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/subtitle: expected text \(a string, or a map from language tag to string\), got binary data/);
    expect(result.stderr).not.toMatch(/received|Buffer|record|Invalid input/);
  });

  it('a markup attribute error showed a regular expression ("expected /^\\d+(\\.\\d+)?$/"): words', async () => {
    const dir = tempDir();
    const template = join(dir, 'custom.hbs');
    copyFileSync(join(TEMPLATES_DIR, 'theme.json'), join(dir, 'theme.json'));
    writeFileSync(template, '<page dir="ltr" lang="en"><space size="big"/><p>x</p></page>\n');
    const data = writeData(dir, 'x.yaml', minimal());
    const result = await run('render', data, '--template', template, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/<space> size="big": expected a number \(e\.g\. 12 or 0\.5\)/);
    expect(result.stderr).not.toContain('/^');
  });

  it('recursive partials gave "Maximum call stack size exceeded" with no line: stopped, with the template line', async () => {
    const dir = tempDir();
    const template = join(dir, 'custom.hbs');
    copyFileSync(join(TEMPLATES_DIR, 'theme.json'), join(dir, 'theme.json'));
    writeFileSync(template, '<page dir="ltr" lang="en">\n{{#*inline "a"}}\n  {{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}\n{{> a}}</page>\n');
    const data = writeData(dir, 'x.yaml', minimal());
    const result = await run('render', data, '--template', template, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/custom\.hbs:\d+:\d+: \{\{> [ab]\}\} is called more than 64 partials deep/);
    expect(result.stderr).not.toMatch(/call stack/);
  });

  it('an overflow by the title did not name the header: every overflowing section is named, the header included', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal(`subtitle: "${'word '.repeat(6000)}"`));
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the header runs [\d.]+ mm/);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });

  it('a .json file was read as YAML (a trailing comma accepted): strict JSON, with the position', async () => {
    const dir = tempDir();
    const json = JSON.stringify({ lang: 'en', title: 'T', date: '2025-02-04', visit: { visitor: { name: 'J' }, country: 'I', from: '2025-02-04', summary: 'S.' } }, null, 2);
    const good = writeData(dir, 'good.json', json);
    expect((await run('validate', good)).code).toBe(0);
    const bad = writeData(dir, 'bad.json', json.replace('"summary": "S."', '"summary": "S.",'));
    const result = await run('validate', bad);
    expect(result.code).toBe(2);
    const line = json.split('\n').findIndex((l) => l.includes('"summary"')) + 1;
    expect(result.stderr).toContain(`bad.json:${line}:20: not valid JSON: a comma before '}' (JSON has no trailing commas)`);
    const comment = writeData(dir, 'comment.json', `# a comment\n${json}`);
    expect((await run('validate', comment)).stderr).toMatch(/comment\.json:1:1: not valid JSON/);
  });

  it('--copies 99999999999999999999 wrote /NumCopies 1e20: bounded to what a PDF takes (1 to 5)', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal());
    for (const copies of ['99999999999999999999', '6', '0', '2.5']) {
      const result = await run('render', data, '--copies', copies, '-o', join(dir, 'out.pdf'));
      expect(result.code, copies).toBe(2);
      expect(result.stderr).toMatch(/--copies must be a whole number from 1 to 5/);
    }
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
    const ok = await run('render', data, '--copies', '5', '-o', join(dir, 'out.pdf'));
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'out.pdf')).toString('latin1')).toMatch(/\/NumCopies 5\b/);
  });

  it('a valid tag like en-u-nu-thai was refused: any well-formed BCP 47 tag is accepted', async () => {
    const dir = tempDir();
    const data = writeData(dir, 'x.yaml', minimal().replace('lang: en', 'lang: en-u-nu-thai'));
    const result = await run('render', data, '-o', join(dir, 'out.pdf'));
    expect(result.code, result.stderr).toBe(0);
    for (const tag of ['de-CH-1901', 'ar-Arab-u-ca-islamic', 'en-x-private', 'es-419']) {
      expect((await run('render', data, '--lang', tag, '-o', '-')).code, tag).toBe(0);
    }
    for (const tag of ['en_US', 'e', 'en--US', 'en-u']) {
      expect((await run('render', data, '--lang', tag, '-o', '-')).code, tag).toBe(2);
    }
  });
});

describe('2. limits checked while parsing', () => {
  it('the number of reported problems is capped, with a count of the rest', () => {
    const topics = Array.from({ length: 500 }, () => '    - 12');
    let format = '';
    try {
      parseBriefingSource(minimal('  topics:', ...topics).replace('  summary', '  summary'), 'x.yaml');
    } catch (error) {
      format = (error as { format(): string }).format();
    }
    const lines = format.split('\n');
    expect(lines).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe(`x.yaml: … and ${500 - MAX_REPORTED_PROBLEMS} more problems`);
  });

  it('a few aliases of a long string expanded to hundreds of megabytes: the total text is limited while converting', () => {
    const long = 'x'.repeat(100_000);
    const text = minimal(`subtitle: &s "${long}"`, 'classification: *s', 'quotes:', '  - {text: *s, speaker: *s}');
    try {
      parseBriefingSource(text, 'x.yaml');
      throw new Error('accepted');
    } catch (error) {
      expect((error as Error).message).toMatch(/more than 262144 characters of text in all \(aliases expanded\)/);
    }
  });

  it('a million [ was parsed whole before its depth was checked: stopped at the 65th, with its position', () => {
    const text = minimal(`extra: ${'['.repeat(1_000_000)}`);
    try {
      parseBriefingSource(text, 'x.yaml');
      throw new Error('accepted');
    } catch (error) {
      const problem = (error as { problems: { message: string; line?: number; column?: number }[] }).problems[0]!;
      expect(problem.message).toBe('nesting is deeper than 64 levels');
      expect(problem.line).toBe(10);
      expect(problem.column).toBe('extra: '.length + 64);
    }
  });
});
