import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing, parseBriefingSource } from '../../src/data/load.js';
import { exitCodeFor } from '../../src/errors.js';
import { catchBriefingError, contractProblems, lineOf, minimalData, minimalYaml, problemAt } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefing-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FULL_YAML = `# A complete briefing
lang: ar
digits: arab
template: classic
page: Letter
classification: {ar: مقيد, en: Restricted}
title:
  ar: زيارة الوزير
  en: Visit of the minister
subtitle: Official visit
date: "2025-02-04"
source:
  name: Agency
  section: {en: Politics}
  url: https://example.org/news/1
visit:
  visitor: {name: {ar: جين دو, en: Jane Doe}, role: Minister}
  accompaniedBy:
    - name: John Roe
    - {name: Ann Poe, role: Adviser}
  country: {ar: العراق, en: Iraq}
  city: Baghdad
  from: 2025-02-04
  to: 2025-02-06
  meetings:
    - {name: A, role: B}
  topics: [security, {ar: الاقتصاد, en: economy}]
  summary: |
    First paragraph.

    Second paragraph.
mission:
  name: NATO Mission Iraq
  acronym: NMI
  established: 2018-10
  launched: {en: July 2018}
  headquarters: Baghdad
  commander: {name: X, role: General, nationality: Italian}
  nature: non-combat
  mandate: Advise and build capacity.
  advises: [Ministry of Defence]
  objectives: [one, two]
quotes:
  - text: We are here to help.
    speaker: Jane Doe
    role: Minister
    context: Press conference
`;

describe('loading valid files', () => {
  it('loads a minimal YAML document', () => {
    const loaded = parseBriefingSource(minimalYaml(), 'min.yaml');
    expect(loaded.file).toBe('min.yaml');
    expect(loaded.lang).toBe('en');
    expect(loaded.raw).toEqual(minimalData());
    expect(loaded.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keeps unquoted YAML dates as strings', () => {
    const loaded = parseBriefingSource(minimalYaml(), 'min.yaml');
    expect(loaded.raw.date).toBe('2025-02-04');
    expect((loaded.raw.visit as Record<string, unknown>).from).toBe('2025-02-04');
  });

  it('loads every field of the contract', () => {
    const loaded = parseBriefingSource(FULL_YAML, 'full.yaml');
    const raw = loaded.raw as Record<string, any>;
    expect(loaded.lang).toBe('ar');
    expect(raw.digits).toBe('arab');
    expect(raw.page).toBe('Letter');
    expect(raw.title).toEqual({ ar: 'زيارة الوزير', en: 'Visit of the minister' });
    expect(raw.visit.accompaniedBy).toHaveLength(2);
    expect(raw.visit.topics[1]).toEqual({ ar: 'الاقتصاد', en: 'economy' });
    expect(raw.visit.summary).toBe('First paragraph.\n\nSecond paragraph.\n');
    expect(raw.mission.established).toBe('2018-10');
    expect(raw.quotes[0].speaker).toBe('Jane Doe');
  });

  it('loads JSON, and a .json file from disk', async () => {
    const json = JSON.stringify(minimalData(), null, '\t');
    expect(parseBriefingSource(json, 'min.json').raw).toEqual(minimalData());
    const path = join(dir, 'min.json');
    await writeFile(path, json);
    const loaded = await loadBriefing(path);
    expect(loaded.file).toBe(path);
    expect(loaded.raw).toEqual(minimalData());
  });

  it('loads a .yaml file from disk', async () => {
    const path = join(dir, 'full.yaml');
    await writeFile(path, FULL_YAML);
    expect((await loadBriefing(path)).raw).toEqual(parseBriefingSource(FULL_YAML, 'x').raw);
  });

  it('accepts an optional $schema link and leaves it out of the data', () => {
    const loaded = parseBriefingSource(JSON.stringify({ $schema: './briefing.schema.json', ...minimalData() }), 'a.json');
    expect(loaded.raw).toEqual(minimalData());
  });

  it('records the line and column of values', () => {
    const loaded = parseBriefingSource(minimalYaml(), 'min.yaml');
    expect(loaded.locations?.get('visit.country')).toEqual({ line: 7, column: 12 });
    expect(loaded.locations?.get('title')).toEqual({ line: 2, column: 8 });
  });
});

describe('I/O errors', () => {
  // Regression (issue 13): a missing input exited 1, as a failure of the disk; it is the user's to fix (2).
  it('a missing data file is invalid input (exit 2), not an I/O failure', async () => {
    const error = await loadBriefing(join(dir, 'nope.yaml')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'usage', file: join(dir, 'nope.yaml') });
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toBe('cannot read the data file: no such file or directory');
  });
});

describe('syntax errors', () => {
  it('reports line and column of a YAML error', () => {
    const text = 'lang: en\ntitle: [a, b\ndate: 2025-02-04\n';
    const error = catchBriefingError(() => parseBriefingSource(text, 'bad.yaml'));
    expect(error.code).toBe('syntax');
    expect(exitCodeFor(error)).toBe(2);
    expect(error.problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(error.problems[0]!.message.length).toBeGreaterThan(5);
    expect(error.format()).toMatch(/^bad\.yaml:3:1: /);
  });

  it('reports line and column of a JSON error', () => {
    const text = '{\n  "lang": "en",\n  "title": "x",,\n}';
    const error = catchBriefingError(() => parseBriefingSource(text, 'bad.json'));
    expect(error.code).toBe('syntax');
    expect(error.problems[0]).toMatchObject({ line: 3 });
    expect(error.problems[0]!.column).toBeGreaterThan(1);
  });

  it('a second document in the file is a syntax error where it starts', () => {
    const text = `${minimalYaml()}---\nlang: en\n`;
    const error = catchBriefingError(() => parseBriefingSource(text, 'two.yaml'));
    expect(error.code).toBe('syntax');
    expect(error.problems[0]).toMatchObject({ line: minimalYaml().split('\n').length });
    expect(error.problems[0]!.message).toMatch(/multiple documents/);
  });

  it('a limit passed in a later document of the file is still the error', () => {
    const text = `a: 1\n---\nb: 2\n---\nc: 3\n---\nd: ${'['.repeat(70)}\n`;
    const error = catchBriefingError(() => parseBriefingSource(text, 'deep.yaml'));
    expect(error.code).toBe('contract');
    expect(error.problems[0]!.message).toMatch(/deeper than/);
  });

  it('a duplicate key is a syntax error at the duplicate', () => {
    const text = minimalYaml('title: again');
    const error = catchBriefingError(() => parseBriefingSource(text, 'dup.yaml'));
    expect(error.code).toBe('syntax');
    expect(error.problems[0]!.line).toBe(10);
  });
});

describe('contract errors: each with its path and line', () => {
  it('missing required field: reported at the parent map', () => {
    const text = minimalYaml().replace('  country: Iraq\n', '');
    const problem = problemAt(contractProblems(text), 'visit.country');
    expect(problem.message).toBe('required');
    expect(problem.line).toBe(lineOf(text, 'visitor:')); // the visit map starts there
  });

  it('missing top-level field: reported at the root map', () => {
    const text = minimalYaml().replace('title: Visit of the minister\n', '');
    expect(problemAt(contractProblems(text), 'title')).toMatchObject({ message: 'required', line: 1, column: 1 });
  });

  it('missing field inside a list item', () => {
    const text = minimalYaml('quotes:', '  - text: Hello', '    role: Minister');
    expect(problemAt(contractProblems(text), 'quotes[0].speaker')).toMatchObject({
      message: 'required',
      line: lineOf(text, 'text: Hello'),
    });
  });

  it('unknown field (typo), at the key, with a suggestion', () => {
    const text = minimalYaml('quotes:', '  - text: Hello', '    speaker: A', '  - text: Bye', '    speakr: B');
    const problems = contractProblems(text);
    const unknown = problemAt(problems, 'quotes[1].speakr');
    expect(unknown.message).toMatch(/^unknown field "speakr"/);
    expect(unknown.message).toContain('did you mean "speaker"');
    expect(unknown).toMatchObject({ line: lineOf(text, 'speakr'), column: 5 });
    expect(problemAt(problems, 'quotes[1].speaker').message).toBe('required');
  });

  it('unknown top-level field', () => {
    const text = minimalYaml('author: me');
    expect(problemAt(contractProblems(text), 'author')).toMatchObject({ message: 'unknown field "author"', line: 10, column: 1 });
  });

  it('wrong type: a number where text is expected', () => {
    const text = minimalYaml().replace('title: Visit of the minister', 'title: 2025');
    const problem = problemAt(contractProblems(text), 'title');
    expect(problem.message).toMatch(/^expected text .*got a number \(2025\)/);
    expect(problem.message).toContain('quotes');
    expect(problem).toMatchObject({ line: 2, column: 8 });
  });

  it('wrong type: a list where a map is expected, a map where a list is expected', () => {
    const text = minimalYaml('source: [a, b]', 'quotes: {text: a}');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'source')).toMatchObject({ message: 'expected a map of fields, got a list', line: 10 });
    expect(problemAt(problems, 'quotes')).toMatchObject({ message: 'expected a list, got a map', line: 11 });
  });

  it('bad date shape', () => {
    const text = minimalYaml().replace('date: 2025-02-04', 'date: 4 Feb 2025');
    expect(problemAt(contractProblems(text), 'date')).toMatchObject({
      message: 'expected an ISO date YYYY-MM-DD, got "4 Feb 2025"',
      line: 3,
      column: 7,
    });
  });

  it('a YAML timestamp (explicit tag) is a type error with a hint to quote it', () => {
    const text = minimalYaml().replace('date: 2025-02-04', 'date: !!timestamp 2025-02-04');
    const error = catchBriefingError(() => parseBriefingSource(text, 't.yaml'));
    const problem = problemAt(error.problems, 'date');
    expect(problem.message).toContain('YAML timestamp');
    expect(problem.message).toContain('"2025-02-04"');
    expect(error.hint).toMatch(/quotes/);
  });

  it('impossible calendar dates', () => {
    const text = minimalYaml('mission:', '  name: M', '  mandate: X', '  established: 2020-13').replace('date: 2025-02-04', 'date: 2025-02-30');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'date')).toMatchObject({ line: 3 });
    expect(problemAt(problems, 'date').message).toMatch(/not a real date.*February 2025 has 28 days/);
    expect(problemAt(problems, 'mission.established')).toMatchObject({ line: lineOf(text, 'established') });
    // leap years
    expect(() => parseBriefingSource(minimalYaml().replace('date: 2025-02-04', 'date: 2024-02-29'), 'x')).not.toThrow();
    expect(problemAt(contractProblems(minimalYaml().replace('date: 2025-02-04', 'date: 2100-02-29')), 'date').message).toMatch(
      /28 days/,
    );
  });

  it('visit.to before visit.from', () => {
    const text = minimalYaml().replace('  from: 2025-02-04\n', '  from: 2025-02-04\n  to: 2025-02-03\n');
    const problem = problemAt(contractProblems(text), 'visit.to');
    expect(problem.message).toBe('"2025-02-03" is before visit.from "2025-02-04"');
    expect(problem.line).toBe(lineOf(text, 'to: 2025-02-03'));
    // the same day is fine
    expect(() => parseBriefingSource(text.replace('to: 2025-02-03', 'to: 2025-02-04'), 'x')).not.toThrow();
  });

  it('bad lang tag, in the lang field and as a translation key', () => {
    const text = minimalYaml('subtitle:', '  en: fine', '  en_GB: bad').replace('lang: en', 'lang: en_US');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'lang')).toMatchObject({ line: 1, column: 7 });
    expect(problemAt(problems, 'lang').message).toMatch(/language tag/);
    expect(problemAt(problems, 'subtitle.en_GB')).toMatchObject({ line: lineOf(text, 'en_GB'), column: 3 });
    expect(problemAt(problems, 'subtitle.en_GB').message).toMatch(/"en_GB" is not a language tag/);
  });

  it('empty required text, blank translation, empty translation map', () => {
    const text = minimalYaml('mission:', '  name: {}', '  mandate: {en: "  "}').replace('  country: Iraq', '  country: "   "');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'visit.country')).toMatchObject({ message: 'empty', line: lineOf(text, 'country') });
    expect(problemAt(problems, 'mission.name').message).toMatch(/^empty/);
    expect(problemAt(problems, 'mission.mandate.en')).toMatchObject({ message: 'empty', line: lineOf(text, 'mandate') });
  });

  it('a null value is a type error', () => {
    const text = minimalYaml('subtitle:');
    expect(problemAt(contractProblems(text), 'subtitle').message).toMatch(/got nothing \(null\)/);
  });

  it('bad url: not a URL, and not http, https or mailto', () => {
    for (const url of ['not a url', 'ftp://example.org/x', 'javascript:alert(1)', 'file:///etc/passwd']) {
      const text = minimalYaml('source:', `  url: "${url}"`);
      const problem = problemAt(contractProblems(text), 'source.url');
      expect(problem.message).toMatch(/^expected an http, https or mailto URL/);
      expect(problem.line).toBe(11);
    }
  });

  it('bad enum values', () => {
    const problems = contractProblems(minimalYaml('digits: roman', 'page: a4'));
    expect(problemAt(problems, 'digits').message).toBe('expected one of: latn, arab, arabext, native, got "roman"');
    expect(problemAt(problems, 'page')).toMatchObject({ line: 11 });
  });

  it('the root must be a map; an empty file is an error', () => {
    expect(contractProblems('- a\n- b\n')[0]!.message).toMatch(/expected a map/);
    expect(contractProblems('')[0]!.message).toMatch(/empty/);
    expect(contractProblems('# only a comment\n')[0]!.message).toMatch(/empty/);
  });

  it('reports every problem at once, sorted by line, as one contract error', () => {
    const text = [
      'lang: en',
      'title: 2025', // wrong type
      'date: 2025-02-30', // impossible
      'visit:',
      '  visitor: {nme: X}', // typo + missing name
      '  country: Iraq',
      '  from: 2025-02-04',
      '  to: 2025-01-01', // before from
      // summary missing
      'quotes:',
      '  - {text: a, speaker: b, colour: red}', // unknown
    ].join('\n');
    const error = catchBriefingError(() => parseBriefingSource(text, 'many.yaml'));
    expect(error.code).toBe('contract');
    expect(exitCodeFor(error)).toBe(2);
    const paths = error.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['title', 'date', 'visit.visitor.nme', 'visit.visitor.name', 'visit.to', 'visit.summary', 'quotes[0].colour']),
    );
    expect(error.problems).toHaveLength(7);
    const lines = error.problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    for (const p of error.problems) expect(p.line).toBeGreaterThan(0);
    const formatted = error.format().split('\n');
    expect(formatted).toContain('many.yaml:2:8: title: ' + error.problems[0]!.message);
  });
});

describe('fingerprint', () => {
  const json = JSON.stringify(minimalData());
  const reordered = JSON.stringify({
    visit: { summary: 'The minister visited Baghdad.', from: '2025-02-04', country: 'Iraq', visitor: { name: 'Jane Doe' } },
    date: '2025-02-04',
    title: 'Visit of the minister',
    lang: 'en',
  });

  it('is the same for YAML, JSON and reordered keys', () => {
    const a = parseBriefingSource(minimalYaml(), 'a.yaml').fingerprint;
    expect(parseBriefingSource(json, 'a.json').fingerprint).toBe(a);
    expect(parseBriefingSource(reordered, 'b.json').fingerprint).toBe(a);
    expect(parseBriefingSource(`# comment\n${minimalYaml()}`, 'c.yaml').fingerprint).toBe(a);
  });

  const shuffleKeys = (value: unknown, seed: number): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => shuffleKeys(item, seed + i));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    // deterministic Fisher-Yates driven by the seed
    let state = seed;
    for (let i = entries.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([k, v], i) => [k, shuffleKeys(v, seed + i + 1)]));
  };

  test.prop([fc.nat()])('does not depend on key order anywhere in the file', (seed) => {
    const full = parseBriefingSource(FULL_YAML, 'full.yaml');
    const shuffled = JSON.stringify(shuffleKeys(full.raw, seed));
    expect(parseBriefingSource(shuffled, 'full.json').fingerprint).toBe(full.fingerprint);
  });

  it('changes after a one-word edit', () => {
    const a = parseBriefingSource(minimalYaml(), 'a.yaml').fingerprint;
    const b = parseBriefingSource(minimalYaml().replace('visited Baghdad', 'visited Basra'), 'a.yaml').fingerprint;
    expect(b).not.toBe(a);
  });

  it('is the first 8 hex digits of the SHA-256 of the canonical JSON', async () => {
    const { createHash } = await import('node:crypto');
    const canonical =
      '{"date":"2025-02-04","lang":"en","title":"Visit of the minister","visit":{"country":"Iraq","from":"2025-02-04",' +
      '"summary":"The minister visited Baghdad.","visitor":{"name":"Jane Doe"}}}';
    const expected = createHash('sha256').update(canonical).digest('hex').slice(0, 8);
    expect(parseBriefingSource(minimalYaml(), 'a.yaml').fingerprint).toBe(expected);
  });
});
