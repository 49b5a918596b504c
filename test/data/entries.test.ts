/**
 * Reading a data file entry by entry (src/data/entries.ts): the same result as reading the whole file, or the
 * whole file is read; and an edit reads only the entry it changed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readByEntries, splitEntries, type EntryMemo } from '../../src/data/entries.js';
import { parseBriefingSource } from '../../src/data/load.js';
import { BriefingError } from '../../src/errors.js';
import { RenderCache } from '../../src/renderCache.js';
import { PACKAGE_ROOT } from '../../src/resources.js';
import { EXAMPLE } from '../example.js';
import { minimalYaml } from './helpers.js';

const EXAMPLES = ['nato-iraq-2025.yaml', 'nato-iraq-2025-fa.yaml', 'nato-iraq-2025-he.yaml', 'nato-iraq-2025-ur.yaml'].map((name) =>
  readFileSync(resolve(PACKAGE_ROOT, 'examples', name), 'utf8'),
);

function newMemo(cache = new RenderCache()): EntryMemo {
  return { entries: cache.memo('dataEntries'), canonical: new WeakMap() };
}

/** What a load gives, compared as text: the data (key order too), its fingerprint and locations, or the error. */
function outcome(text: string, memo?: EntryMemo): unknown {
  try {
    const loaded = parseBriefingSource(text, 'briefing.yaml', memo);
    return { raw: JSON.stringify(loaded.raw), fingerprint: loaded.fingerprint, locations: JSON.stringify([...loaded.locations!]) };
  } catch (error) {
    if (!(error instanceof BriefingError)) throw error;
    return { code: error.code, message: error.message, problems: error.problems, hint: error.hint };
  }
}

describe('splitEntries', () => {
  it('cuts before each line that starts a top-level field; comments before the first go with it', () => {
    const text = '# head\n\nlang: en\ntitle: A\n# between\nvisit:\n  from: x\n- item\n';
    expect(splitEntries(text)).toEqual([
      { text: '# head\n\nlang: en\n', line: 1 },
      { text: 'title: A\n# between\n', line: 4 },
      { text: 'visit:\n  from: x\n- item\n', line: 6 },
    ]);
  });

  it('keeps CRLF line ends in the entries', () => {
    expect(splitEntries('lang: en\r\ntitle:\r\n  en: A\r\n')).toEqual([
      { text: 'lang: en\r\n', line: 1 },
      { text: 'title:\r\n  en: A\r\n', line: 2 },
    ]);
  });

  it.each([
    ['JSON', '{"lang": "en",\n"title": "A"}\n'],
    ['a directive', '%YAML 1.2\n---\nlang: en\ntitle: A\n'],
    ['a document start', 'lang: en\n---\ntitle: A\n'],
    ['a document end', 'lang: en\n...\ntitle: A\n'],
    ['a first line that is not a field', '- lang\nlang: en\ntitle: A\n'],
    ['one entry only', 'visit:\n  from: x\n'],
    ['no field at all', '# nothing\n'],
  ])('gives nothing for %s', (_, text) => {
    expect(splitEntries(text)).toBeUndefined();
  });
});

describe('reading by entries', () => {
  it('gives what reading the whole file gives, for every example and a minimal file', () => {
    const memo = newMemo();
    for (const text of [...EXAMPLES, minimalYaml()]) {
      expect(readByEntries(text, 'briefing.yaml', memo)).toBeDefined();
      // Twice: the second load finds every entry.
      expect(outcome(text, memo)).toEqual(outcome(text));
      expect(outcome(text, memo)).toEqual(outcome(text));
    }
  });

  it('reads a file with CRLF line ends and a blank line before its first field entry by entry', () => {
    const text = `# a comment\r\n\r\n${EXAMPLES[0]!.replace(/\r?\n/g, '\r\n')}`;
    const memo = newMemo();
    expect(readByEntries(text, 'briefing.yaml', memo)).toBeDefined();
    expect(outcome(text, memo)).toEqual(outcome(text));
  });

  it('reads again only the entry an edit changed; the lines of the entries below it move with it', () => {
    const memo = newMemo();
    const source = readFileSync(EXAMPLE, 'utf8');
    const before = parseBriefingSource(source, 'briefing.yaml', memo);
    // One more line in the title's entry: the entries below are one line further down.
    const edited = source.replace(/^title:\n/m, 'title:\n  # a comment\n');
    expect(edited).not.toBe(source);
    const after = parseBriefingSource(edited, 'briefing.yaml', memo);
    expect(after.raw.visit).toBe(before.raw.visit); // the same object: not read again
    expect(after.raw.quotes).toBe(before.raw.quotes);
    expect(after.locations!.get('visit.from')!.line).toBe(before.locations!.get('visit.from')!.line + 1);
    expect(outcome(edited, memo)).toEqual(outcome(edited));
    // A value kept for later loads cannot be changed under them.
    expect(Object.isFrozen(after.raw.visit)).toBe(true);
    expect(() => {
      (after.raw.visit as Record<string, unknown>).country = 'elsewhere';
    }).toThrow(TypeError);
  });

  it.each([
    ['a field twice', minimalYaml('title: Again'), true],
    ['an unknown field', minimalYaml('titel: Typo'), true],
    ['a required field missing', minimalYaml().replace('title: Visit of the minister\n', ''), true],
    ['a field that breaks the contract', minimalYaml('page: A5'), true],
    ['an unclosed quote running into the next line', minimalYaml('subtitle: "open', 'page: A4"'), true],
    // Each entry is right alone; the date is checked on the whole data (load.ts), which then reads the file whole.
    ['an impossible date', minimalYaml().replace('date: 2025-02-04', 'date: "2025-02-30"'), false],
  ])('reads the whole file for %s, with its error', (_, text, refusedByEntries) => {
    const memo = newMemo();
    if (refusedByEntries) expect(readByEntries(text, 'briefing.yaml', memo)).toBeUndefined();
    expect(outcome(text, memo)).toEqual(outcome(text));
    expect(outcome(text)).toHaveProperty('code');
  });

  it('reads the whole file for an alias of an anchor in another entry, which stands for its value', () => {
    const text = minimalYaml('subtitle: &s Official', 'classification: *s');
    const memo = newMemo();
    expect(readByEntries(text, 'briefing.yaml', memo)).toBeUndefined();
    const loaded = parseBriefingSource(text, 'briefing.yaml', memo);
    expect(loaded.raw.classification).toBe('Official');
    expect(outcome(text, memo)).toEqual(outcome(text));
  });

  /** Lines an edit may bring: YAML's corners (anchors, markers, explicit keys, flow and block scalars), fields again or unknown. */
  const ODD_LINES = [
    '---', '...', '%YAML 1.2', 'title: again', 'extra: 1', 'anchor: &a {x: 1}', 'subtitle: *a', '? complex', ': value',
    '- item', '# comment', '', '\t', 'subtitle: "open', 'quote"', 'page: [', ']', 'subtitle: |', '  block', 'lang: he',
    'date: "2025-13-01"', 'subtitle: ~', '$schema: x', '__proto__: 1', 'Title: x', 'digits: arab', 'page: Letter',
    'classification: {ar: مقيد', '  en: Restricted}', 'subtitle: >-', 'calendar: persian', 'mission:', '  name: x',
  ];
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.constantFrom(...ODD_LINES) }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
    fc.record({ kind: fc.constant('append' as const), at: fc.nat(), text: fc.constantFrom(' x', ':', ' #', '"', ' 2') }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

  function applyEdits(text: string, edits: Edit[]): string {
    const lines = text.split('\n');
    for (const e of edits) {
      const at = e.at % (lines.length + 1);
      if (e.kind === 'delete') lines.splice(at, 1);
      else if (e.kind === 'insert') lines.splice(at, 0, e.line);
      else if (at < lines.length && e.kind === 'indent') lines[at] = e.by > 0 ? ' '.repeat(e.by) + lines[at] : lines[at]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
      else if (at < lines.length && e.kind === 'append') lines[at] += e.text;
    }
    return lines.join('\n');
  }

  it('gives what the whole file gives, for edited files, with entries kept from the edits before', () => {
    // One memo through all runs, as a watch session keeps it through its saves.
    const cache = new RenderCache();
    const memo = newMemo(cache);
    const seen = { byEntries: 0, whole: 0, errors: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES, minimalYaml('subtitle: Official', 'page: A4')), fc.array(edit, { maxLength: 4 }), (base, edits) => {
        cache.beginRender();
        const text = applyEdits(base, edits);
        const whole = outcome(text);
        const shortcut = readByEntries(text.replace(/^\uFEFF/, ''), 'briefing.yaml', memo);
        expect(outcome(text, memo)).toEqual(whole);
        if (!Object.hasOwn(whole as object, 'raw')) seen.errors++;
        else if (shortcut) seen.byEntries++;
        else seen.whole++;
        cache.endRender();
      }),
      { numRuns: 250 },
    );
    // The runs went both ways: through the entries, and to the whole file (refused, or an error to word).
    expect(seen.byEntries).toBeGreaterThan(50);
    expect(seen.whole + seen.errors).toBeGreaterThan(50);
  });
});
