/**
 * Fuzzing the whole command line with fast-check: random data files (YAML or JSON, valid, nearly valid or
 * garbage) and random templates (the built-in one, mutated), each rendered by `main` in-process. What is
 * asserted is only what must hold for any input:
 *   - the exit code is 0, 2 or 3 (never 1, an internal error, a crash or a hang);
 *   - a 2 names where: the message starts with the file it is about (data, template or theme);
 *   - a 2 or a 3 writes nothing (no PDF, no temporary file);
 *   - a 0 writes a PDF.
 * Time and memory are watched by the by-hand run (`scripts/fuzz.ts`), not asserted in `npm test`.
 * Shared by test/fuzz/cli.fuzz.test.ts (a few cases) and scripts/fuzz.ts (as many as asked).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { TEMPLATES_DIR } from '../../src/resources.js';

export interface FuzzCase {
  /** The data file's bytes, and whether it is named .json. */
  data: string;
  json: boolean;
  /** A template source (with the built-in theme beside it), or the built-in template. */
  template?: string;
  lang?: string;
}

/** Strings a hostile user would try: bidi controls, marks, joiners, surrogates, noncharacters, markup, Handlebars. */
const nasty = fc.constantFrom(
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c', '\u0301', '\u064b\u0651', '\u200d', '\u200c', '\ud800', '\udfff', '\ufffe',
  '\ufdd0', '\u0000', '\u001b', '\u0085', '<', '&', ']]>', '{{', '}}', '{{> x}}', '</p>', '<page>', '\n\n', '\r', '\t', 'ﷺ', 'لا', '2025',
  'https://x', 'mailto:a@b', 'javascript:alert(1)', '__proto__', 'constructor', '…', '🇮🇶', 'x'.repeat(300), '- ', ': ', '#', '*a', '&a',
);
/** What a valid file may hold, hostile or not: bidi controls, marks, joiners, markup and Handlebars characters. */
const allowed = fc.constantFrom('\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c', '\u0301', '\u064b\u0651', '\u200d', '\u200c', '<', '&', ']]>', '{{', '}}', '</p>', '\n\n', 'ﷺ', 'لا', '🇮🇶', '…');
const words = fc.constantFrom('NATO', 'Iraq', 'بغداد', 'الأمين العام', 'زيارة', 'کابل', 'שלום', 'Mission', '(NMI)', '«قال»', '4–5', '٢٠٢٥', 'https://nato.int', 'x'.repeat(120));
const cleanText = fc.array(fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: allowed }), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));
const anyText = fc.array(fc.oneof(words, nasty, fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(' '));
const text = fc.oneof({ weight: 8, arbitrary: cleanText }, { weight: 1, arbitrary: anyText });
const lang = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('ar', 'en', 'fa', 'he', 'ur', 'ar-IQ', 'en-u-nu-thai') }, { weight: 1, arbitrary: fc.constantFrom('x', 'en_US', 'ckb', 'de-CH-1901') });
const date = fc.oneof({ weight: 8, arbitrary: fc.constant('2025-02-04') }, { weight: 1, arbitrary: fc.constantFrom('2025-02-30', '2025-13-01', '2025-02', 'yesterday') });
const textField = fc.oneof({ weight: 10, arbitrary: text }, { weight: 2, arbitrary: fc.dictionary(lang, text, { maxKeys: 3 }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
const person = fc.record({ name: textField, role: fc.option(textField, { nil: undefined }) }, { requiredKeys: ['name'] });

/** A data object: the contract's shape with random values, missing fields and strangers. */
const briefing = fc.record(
  {
    lang,
    title: textField,
    subtitle: textField,
    classification: textField,
    date,
    digits: fc.constantFrom('latn', 'arab', 'latn', 'arab', 'thai'),
    source: fc.record({ name: textField, url: fc.oneof({ weight: 4, arbitrary: fc.webUrl() }, { weight: 1, arbitrary: nasty }) }, { requiredKeys: [] }),
    visit: fc.record(
      {
        visitor: person,
        country: textField,
        city: textField,
        from: date,
        to: date,
        topics: fc.array(textField, { maxLength: 30 }),
        meetings: fc.array(person, { maxLength: 5 }),
        summary: textField,
      },
      { requiredKeys: ['visitor', 'country', 'from', 'summary'] },
    ),
    mission: fc.record({ name: textField, acronym: fc.oneof(text, nasty), mandate: textField, objectives: fc.array(textField, { maxLength: 8 }) }, { requiredKeys: ['name', 'mandate'] }),
    quotes: fc.array(fc.record({ text: textField, speaker: textField, role: textField }, { requiredKeys: ['text', 'speaker'] }), { maxLength: 4 }),
  },
  { requiredKeys: ['lang', 'title', 'date', 'visit'] },
);
/** Now and then a field the contract does not know. */
const data = fc.tuple(briefing, fc.option(fc.anything({ maxDepth: 3 }), { freq: 8, nil: undefined })).map(([b, extra]) => (extra === undefined ? b : { ...b, extra }));

/** A briefing that follows the contract, with hostile but allowed text: it must render (0) or not fit (3). */
const cleanField = fc.oneof({ weight: 3, arbitrary: cleanText }, { weight: 1, arbitrary: fc.record({ ar: cleanText, en: cleanText }) });
const cleanPerson = fc.record({ name: cleanField, role: fc.option(cleanField, { nil: undefined }) }, { requiredKeys: ['name'] });
const cleanBriefing = fc.record(
  {
    lang: fc.constantFrom('ar', 'en', 'ar-IQ', 'en-u-nu-thai'),
    title: cleanField,
    subtitle: cleanField,
    date: fc.constant('2025-02-04'),
    digits: fc.constantFrom('latn', 'arab'),
    source: fc.record({ name: cleanField, url: fc.webUrl() }, { requiredKeys: [] }),
    visit: fc.record(
      {
        visitor: cleanPerson,
        country: cleanField,
        from: fc.constant('2025-02-04'),
        topics: fc.array(cleanField, { maxLength: 40 }),
        meetings: fc.array(cleanPerson, { maxLength: 5 }),
        summary: fc.oneof(cleanField, fc.array(cleanText, { maxLength: 200 }).map((p) => p.join('\n\n') || 'x')),
      },
      { requiredKeys: ['visitor', 'country', 'from', 'summary'] },
    ),
    mission: fc.record({ name: cleanField, acronym: cleanText, mandate: cleanField, objectives: fc.array(cleanField, { maxLength: 8 }) }, { requiredKeys: ['name', 'mandate'] }),
    quotes: fc.array(fc.record({ text: cleanField, speaker: cleanField }), { maxLength: 4 }),
  },
  { requiredKeys: ['lang', 'title', 'date', 'visit'] },
);

/** Raw text edits: cut it, insert bytes, repeat a piece. */
function mutateText(source: string, edits: readonly { at: number; kind: 'cut' | 'insert' | 'repeat'; what: string; times: number }[]): string {
  let out = source;
  for (const edit of edits) {
    const at = Math.floor(edit.at * out.length);
    if (edit.kind === 'cut') out = out.slice(0, at);
    else if (edit.kind === 'insert') out = out.slice(0, at) + edit.what + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + 40).repeat(edit.times) + out.slice(at + 40);
  }
  return out;
}
const edits = fc.array(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('cut', 'insert', 'repeat'), what: fc.oneof(nasty, fc.string({ maxLength: 8 })), times: fc.integer({ min: 2, max: 50 }) }),
  { maxLength: 3 },
);

const BUILT_IN = readFileSync(join(TEMPLATES_DIR, 'briefing.hbs'), 'utf8');
const templateEdits = fc.array(
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom('cut', 'insert', 'repeat'),
    what: fc.constantFrom('{{', '}}', '{{#each visit.topics}}', '{{/each}}', '{{> p}}', '{{#*inline "p"}}{{> p}}{{/inline}}', '<p>', '</p>', '<section name="s">', '</section>', '<space size="9999"/>', '<list>', '<item>', '{{{title}}}', '{{lookup}}', '{{nope}}', '<footer><p>{{title}}</p></footer>', '&', '<!--', ']]>'),
    times: fc.integer({ min: 2, max: 20 }),
  }),
  { minLength: 1, maxLength: 4 },
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    data: fc.oneof({ weight: 2, arbitrary: cleanBriefing }, { weight: 1, arbitrary: data }),
    json: fc.boolean(),
    dataEdits: fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: edits }),
    template: fc.option(templateEdits, { freq: 6, nil: undefined }),
    lang: fc.option(lang, { freq: 6, nil: undefined }),
  })
  .map(({ data, json, dataEdits, template, lang: tag }) => {
    let source: string;
    try {
      source = json ? JSON.stringify(data, null, 2) ?? 'null' : stringify(data);
    } catch {
      source = String(data);
    }
    const result: FuzzCase = { data: mutateText(source, dataEdits), json };
    if (template) result.template = mutateText(BUILT_IN, template);
    if (tag) result.lang = tag;
    return result;
  });

export interface FuzzOutcome {
  code: number;
  stderr: string;
  /** What broke the rules, or undefined when the case is fine. */
  failure?: string;
}

/** Renders one case in a fresh folder and checks the rules above. */
export async function runFuzzCase(c: FuzzCase): Promise<FuzzOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-fuzz-'));
  try {
    const data = join(dir, c.json ? 'data.json' : 'data.yaml');
    writeFileSync(data, c.data);
    const args = ['render', data, '-o', join(dir, 'out', 'brief.pdf')];
    const files = [data];
    if (c.template !== undefined) {
      const tplDir = join(dir, 'tpl');
      const template = join(tplDir, 'custom.hbs');
      mkdirSync(tplDir);
      writeFileSync(template, c.template);
      copyFileSync(join(TEMPLATES_DIR, 'theme.json'), join(tplDir, 'theme.json'));
      args.push('--template', template);
      files.push(template, join(tplDir, 'theme.json'));
    }
    if (c.lang !== undefined) args.push('--lang', c.lang);
    let stderr = '';
    const code = await main(args, { stdout: () => undefined, stderr: (s) => void (stderr += s) });
    const outDir = join(dir, 'out');
    const written = existsSync(outDir) ? readdirSync(outDir) : [];
    let failure: string | undefined;
    if (![0, 2, 3].includes(code)) failure = `exit ${code}`;
    else if (code === 2 && !files.some((file) => stderr.startsWith(`${file}:`)) && !stderr.startsWith('briefing: ')) failure = 'exit 2 without naming the file';
    else if (code !== 0 && written.length > 0) failure = `exit ${code} but wrote ${written.join(', ')}`;
    else if (code === 0 && (written.length !== 1 || readFileSync(join(outDir, 'brief.pdf')).subarray(0, 5).toString('latin1') !== '%PDF-')) failure = `exit 0 but wrote ${written.join(', ') || 'nothing'}`;
    return failure === undefined ? { code, stderr } : { code, stderr, failure };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
