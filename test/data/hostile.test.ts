import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARS, loadBriefing, parseBriefingSource } from '../../src/data/load.js';
import { BriefingError, exitCodeFor } from '../../src/errors.js';
import { catchBriefingError, contractProblems, minimalData, minimalYaml, problemAt } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefing-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('size limits', () => {
  it('exports the documented limits', () => {
    expect(MAX_FILE_BYTES).toBe(2 * 1024 * 1024);
    expect(MAX_TEXT_CHARS).toBe(256 * 1024);
    expect(MAX_DEPTH).toBe(64);
  });

  it('refuses a text over 2 MB before parsing it', () => {
    const text = minimalYaml() + '#'.repeat(MAX_FILE_BYTES);
    const error = catchBriefingError(() => parseBriefingSource(text, 'big.yaml'));
    expect(error.code).toBe('contract');
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toMatch(/too large/);
  });

  it('counts bytes, not characters (multi-byte text over 2 MB)', () => {
    const text = 'é'.repeat(MAX_FILE_BYTES / 2 + 1); // 2 bytes each
    expect(catchBriefingError(() => parseBriefingSource(text, 'big.yaml')).message).toMatch(/too large/);
  });

  it('refuses a file over 2 MB on disk without parsing it', async () => {
    const path = join(dir, 'big.yaml');
    await writeFile(path, Buffer.alloc(MAX_FILE_BYTES + 1, 0x23)); // '#'
    const error = await loadBriefing(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect(error).toMatchObject({ code: 'usage', file: path });
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toMatch(/too large: \d+ bytes, the limit is 2 MB/);
  });

  it('refuses a single field over the text limit, naming it', () => {
    const text = minimalYaml(`subtitle: "${'x'.repeat(MAX_TEXT_CHARS + 1)}"`);
    const problem = problemAt(contractProblems(text), 'subtitle');
    expect(problem.message).toMatch(/more than 262144 characters of text in all/);
    expect(problem.line).toBe(10);
  });

  it('accepts a field just under the limit', () => {
    const text = minimalYaml(`subtitle: ${'x'.repeat(MAX_TEXT_CHARS - 1000)}`);
    expect(() => parseBriefingSource(text, 'ok.yaml')).not.toThrow();
  });
});

describe('alias bombs and aliases', () => {
  it('refuses a billion-laughs document quickly and cleanly', () => {
    const lines = ['lang: en', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const error = catchBriefingError(() => parseBriefingSource(lines.join('\n'), 'lol.yaml'));
    expect(error.code).toBe('contract');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toMatch(/alias/);
    expect(error.problems[0]!.line).toBeGreaterThan(0);
  });

  it('refuses an alias that contains itself', () => {
    const error = catchBriefingError(() => parseBriefingSource(minimalYaml('quotes: &q [*q]'), 'loop.yaml'));
    expect(error.code).toBe('contract');
    expect(error.message).toMatch(/refers to itself|deeper/);
  });

  it('expands ordinary aliases', () => {
    const text = minimalYaml().replace('  country: Iraq', '  country: &c Iraq\n  city: *c');
    const raw = parseBriefingSource(text, 'alias.yaml').raw as { visit: Record<string, unknown> };
    expect(raw.visit.city).toBe('Iraq');
  });
});

describe('deep nesting', () => {
  it(`refuses nesting deeper than ${MAX_DEPTH} levels (flow)`, () => {
    const text = minimalYaml(`subtitle: ${'['.repeat(100)}${']'.repeat(100)}`);
    const error = catchBriefingError(() => parseBriefingSource(text, 'deep.yaml'));
    expect(error.code).toBe('contract');
    expect(error.message).toMatch(/deeper than 64/);
    expect(error.problems[0]!.line).toBe(10);
  });

  it('refuses very deep nesting that would exhaust the parser stack', () => {
    const text = '{"a":'.repeat(20000) + '1' + '}'.repeat(20000);
    const error = catchBriefingError(() => parseBriefingSource(text, 'deep.json'));
    expect(error.code).toBe('contract');
    expect(error.message).toMatch(/deeper than 64/);
  });

  it('refuses deep block nesting', () => {
    const lines: string[] = [];
    for (let i = 0; i < 80; i++) lines.push(`${' '.repeat(i)}k:`);
    expect(catchBriefingError(() => parseBriefingSource(lines.join('\n'), 'deep.yaml')).message).toMatch(/deeper than 64/);
  });

  it('nesting of exactly 64 levels is not refused for its depth', () => {
    const text = minimalYaml(`extra: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`);
    const problems = contractProblems(text);
    expect(problems.map((p) => p.message)).toEqual(['unknown field "extra"']);
  });
});

describe('prototype pollution', () => {
  afterAll(() => {
    // Clean up in case a regression polluted the prototype, so other tests are not affected.
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('a __proto__ key in YAML does not pollute Object.prototype', () => {
    const problems = contractProblems(minimalYaml('__proto__: {polluted: 1}'));
    expect(({} as any).polluted).toBeUndefined();
    expect(problemAt(problems, '__proto__').message).toBe('unknown field "__proto__"');
  });

  it('__proto__, constructor and prototype keys in JSON do not pollute', () => {
    const json = `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, ${JSON.stringify(minimalData()).slice(1)}`;
    const problems = contractProblems(json, 'p.json');
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(problems.map((p) => p.path).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('a __proto__ key inside a nested map or a translation map does not pollute', () => {
    const text = minimalYaml('source: {__proto__: {polluted: 1}}', 'subtitle: {__proto__: x, en: y}');
    const problems = contractProblems(text);
    expect(({} as any).polluted).toBeUndefined();
    expect(problems.map((p) => p.path).sort()).toEqual(['source.__proto__', 'subtitle.__proto__']);
  });
});

describe('encoding', () => {
  it('refuses non-UTF-8 bytes, with the byte offset', async () => {
    const prefix = Buffer.from('lang: en\ntitle: caf');
    const bytes = Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('\n')]); // Latin-1 é
    const path = join(dir, 'latin1.yaml');
    await writeFile(path, bytes);
    const error = await loadBriefing(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    const briefingError = error as BriefingError;
    expect(briefingError.code).toBe('syntax');
    expect(briefingError.message).toContain(`byte offset ${prefix.length}`);
    expect(briefingError.message).toContain('0xE9');
    expect(briefingError.problems[0]).toMatchObject({ line: 2, column: 11 });
  });

  it('reports the offset of a truncated multi-byte sequence and of an overlong encoding', async () => {
    const cases: [Buffer, number][] = [
      [Buffer.concat([Buffer.from('lang: ع'), Buffer.from([0xd8])]), 8],
      [Buffer.concat([Buffer.from('a: '), Buffer.from([0xc0, 0xaf])]), 3],
    ];
    for (const [bytes, offset] of cases) {
      const path = join(dir, `bad-${offset}.yaml`);
      await writeFile(path, bytes);
      const error = (await loadBriefing(path).catch((e: unknown) => e)) as BriefingError;
      expect(error.code).toBe('syntax');
      expect(error.message).toContain(`byte offset ${offset}`);
    }
  });

  it('accepts and strips a UTF-8 BOM (file and string)', async () => {
    const path = join(dir, 'bom.yaml');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimalYaml())]));
    const loaded = await loadBriefing(path);
    expect(loaded.raw).toEqual(minimalData());
    expect(Object.keys(loaded.raw)[0]).toBe('lang');
    expect(parseBriefingSource(`\uFEFF${JSON.stringify(minimalData())}`, 'bom.json').raw).toEqual(minimalData());
  });
});

describe('control characters', () => {
  it('refuses NUL and other C0 controls in text, with the path', () => {
    const text = minimalYaml('subtitle: "a\\0b"', 'quotes:', '  - text: "x\\u001Fy"', '    speaker: "\\x07"');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'subtitle')).toMatchObject({ line: 10 });
    expect(problemAt(problems, 'subtitle').message).toMatch(/U\+0000/);
    expect(problemAt(problems, 'quotes[0].text').message).toMatch(/U\+001F/);
    expect(problemAt(problems, 'quotes[0].speaker').message).toMatch(/U\+0007/);
  });

  it('refuses controls in translations and in keys', () => {
    const problems = contractProblems(minimalYaml('subtitle: {en: "a\\bb"}', '"bad\\x01key": 1'));
    expect(problemAt(problems, 'subtitle.en').message).toMatch(/U\+0008/);
    expect(problems.some((p) => p.path === '["bad\\u0001key"]' && /U\+0001/.test(p.message))).toBe(true);
  });

  it('allows tab, line feed and carriage return', () => {
    const text = minimalYaml('subtitle: "a\\tb\\r\\nc\\nd"');
    const raw = parseBriefingSource(text, 'ok.yaml').raw;
    expect(raw.subtitle).toBe('a\tb\r\nc\nd');
  });
});
