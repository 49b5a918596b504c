/**
 * `createRenderer`: the files a render read, SOURCE_DATE_EPOCH in the document (date and /ID), one eviction rule
 * for everything it keeps, and what it reuses between renders of an edited briefing.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOptions } from '../../src/cli/render.js';
import { sourceDateEpochOf } from '../../src/cli/sourceDateEpoch.js';
import { loadBriefing, parseBriefingSource } from '../../src/data/load.js';
import type { LoadedBriefing } from '../../src/data/types.js';
import { BriefingError } from '../../src/errors.js';
import { createRenderer } from '../../src/pipeline.js';
import { FONTS_DIR, TEMPLATES_DIR } from '../../src/resources.js';
import { HarfBuzzShaper, type ShapeRequest, type Shaper } from '../../src/text/shaper.js';
import { EXAMPLE, TEMPLATE_FILES, copyExample } from '../example.js';
import { tempDirs } from '../tempDirs.js';

const tempDir = tempDirs('renderer');
const TITLE = 'ar: "الأمين العام';

/** Both halves of the trailer's `/ID [<…> <…>]`, in hex. */
function trailerId(pdf: Uint8Array): string {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/i.exec(text.slice(text.lastIndexOf('trailer')));
  if (!match) throw new Error('no /ID in the trailer');
  return `${match[1]}/${match[2]}`.toLowerCase();
}

/** The example with its Arabic title changed (what a save in watch mode does). */
function withTitle(source: string, word: string): LoadedBriefing {
  const text = source.replace(TITLE, `ar: "${word} الأمين العام`);
  return { ...parseBriefingSource(text, EXAMPLE), source: Buffer.from(text) };
}

/** A copy of the example in a new folder, with a copy of the built-in template's files in `templates/` there. */
function exampleWithTemplates(): { data: string; templates: string } {
  const dir = tempDir();
  const data = join(dir, 'brief.yaml');
  copyExample(data);
  const templates = join(dir, 'templates');
  mkdirSync(templates);
  for (const name of TEMPLATE_FILES) copyFileSync(join(TEMPLATES_DIR, name), join(templates, name));
  return { data, templates };
}

class RecordingShaper implements Shaper {
  readonly texts: string[] = [];
  private readonly inner = new HarfBuzzShaper();
  shape(request: ShapeRequest) {
    this.texts.push(request.text);
    return this.inner.shape(request);
  }
}

describe('createRenderer', () => {
  it('lists the files the render read: data, template, theme, labels, the fonts its text used, the photo', async () => {
    const renderer = createRenderer();
    const result = await renderer.render(await loadBriefing(EXAMPLE));
    const files = result.files;
    expect(files).toContain(resolve(EXAMPLE));
    expect(files).toContain(join(TEMPLATES_DIR, 'briefing.hbs'));
    expect(files).toContain(join(TEMPLATES_DIR, 'theme.json'));
    expect(files).toContain(join(TEMPLATES_DIR, 'labels.json'));
    expect(files).toContain(resolve(EXAMPLE, '../photos/visitor-placeholder.png'));
    const fonts = files.filter((file) => file.startsWith(resolve(FONTS_DIR)));
    expect(fonts).toContain(join(FONTS_DIR, 'NotoNaskhArabic-Regular.ttf'));
    // Only fonts the page's text was set with or tried: not Nastaliq (Urdu) nor Hebrew for an Arabic page.
    expect(fonts.some((file) => /Nastaliq/.test(file))).toBe(false);
    expect(fonts.some((file) => /Hebrew/.test(file))).toBe(false);
    expect(files.every((file) => file === resolve(file))).toBe(true);
    expect(renderer.filesRead).toEqual(files);
  }, 60_000);

  it('says what a failed render read, so a watcher sees the fix (a template with an error)', async () => {
    const { data, templates } = exampleWithTemplates();
    writeFileSync(join(templates, 'briefing.hbs'), '<page>{{visit.ctiy}}</page>');
    const renderer = createRenderer();
    await expect(renderer.render(await loadBriefing(data), { template: join(templates, 'briefing.hbs') })).rejects.toThrow(BriefingError);
    expect(renderer.filesRead).toContain(join(templates, 'briefing.hbs'));
    expect(renderer.filesRead).toContain(resolve(data));
  }, 60_000);

  it('SOURCE_DATE_EPOCH changes the document ID and the date, and gives the same bytes each time', async () => {
    const data = await loadBriefing(EXAMPLE);
    const renderer = createRenderer();
    const plain = await renderer.render(data);
    const dated = await renderer.render(data, { sourceDateEpoch: 1_738_627_200 });
    const again = await createRenderer({ sourceDateEpoch: 1_738_627_200 }).render(data);
    const later = await renderer.render(data, { sourceDateEpoch: 1_738_627_201 });
    expect(trailerId(dated.pdf)).not.toBe(trailerId(plain.pdf));
    expect(trailerId(later.pdf)).not.toBe(trailerId(dated.pdf));
    expect(Buffer.from(again.pdf).equals(Buffer.from(dated.pdf))).toBe(true);
    expect(Buffer.from(dated.pdf).toString('latin1')).toContain('/CreationDate (D:20250204000000Z)');
  }, 60_000);

  it('the CLI passes its environment\'s SOURCE_DATE_EPOCH to the library as an option', () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = '1738627200';
      expect(renderOptions({}).sourceDateEpoch).toBe(1_738_627_200);
      delete process.env.SOURCE_DATE_EPOCH;
      expect(renderOptions({})).not.toHaveProperty('sourceDateEpoch');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('reads SOURCE_DATE_EPOCH in the CLI only, and refuses one that is not whole seconds', () => {
    expect(sourceDateEpochOf({})).toBeUndefined();
    expect(sourceDateEpochOf({ SOURCE_DATE_EPOCH: '1738627200' })).toBe(1_738_627_200);
    for (const bad of ['soon', '1.5', '-1', '1e9', '99999999999999999']) {
      expect(() => sourceDateEpochOf({ SOURCE_DATE_EPOCH: bad }), bad).toThrow(/SOURCE_DATE_EPOCH/);
    }
  });

  it('keeps a compiled template only while recent renders use it: editing a template many times keeps few', async () => {
    const { data, templates } = exampleWithTemplates();
    const template = join(templates, 'briefing.hbs');
    const source = readFileSync(template, 'utf8');
    const renderer = createRenderer({ keepRenders: 2 });
    const loaded = await loadBriefing(data);
    for (let size = 8; size < 14; size++) {
      writeFileSync(template, source.replace('<space size="8"/>', `<space size="${size}"/>`));
      await renderer.render(loaded, { template, lang: 'en' });
    }
    // Six versions of the template rendered; the renders kept are the last two.
    expect(renderer.cacheSizes().compiledTemplates).toBe(2);
  }, 120_000);

  it('reuses the lines of every unchanged paragraph when one changes: only the title and the footer are shaped again', async () => {
    const shaper = new RecordingShaper();
    const renderer = createRenderer({ shaper });
    const source = readFileSync(EXAMPLE, 'utf8');
    const first = await renderer.render(withTitle(source, 'أولا'));
    shaper.texts.length = 0;
    const same = await renderer.render(withTitle(source, 'أولا'));
    expect(shaper.texts).toEqual([]);
    expect(Buffer.from(same.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    const data = withTitle(source, 'ثانيا');
    const edited = await renderer.render(data);
    expect(shaper.texts.length).toBeGreaterThan(0);
    // The footer names the data's version (its fingerprint), which any edit changes.
    const version = data.fingerprint.slice(0, 8);
    expect(shaper.texts.some((text) => text.includes(version))).toBe(true);
    expect(shaper.texts.filter((text) => !text.includes('ثانيا') && !text.includes(version))).toEqual([]);
    // And the output is what a renderer that kept nothing gives.
    const fresh = await createRenderer().render(data);
    expect(Buffer.from(edited.pdf).equals(Buffer.from(fresh.pdf))).toBe(true);
  }, 120_000);

  it('keeps the painted rows of unchanged lines: an edit paints only its own rows again, with a fresh renderer\'s bytes', async () => {
    const renderer = createRenderer();
    const source = readFileSync(EXAMPLE, 'utf8');
    await renderer.render(withTitle(source, 'أولا'));
    const rows = renderer.cacheSizes().paintedRows!;
    expect(rows).toBeGreaterThan(20);
    // A Latin letter the page had nowhere (a new glyph, and a new font object for Latin in Arabic, painted first:
    // every CID and font name after it moves): the edited line and the footer's version are new rows; every
    // other row is painted from what was kept, its font objects and CIDs named afresh.
    const data = withTitle(source, 'Q');
    const edited = await renderer.render(data);
    const added = renderer.cacheSizes().paintedRows! - rows;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(rows / 4);
    const fresh = await createRenderer().render(data);
    expect(Buffer.from(edited.pdf).equals(Buffer.from(fresh.pdf))).toBe(true);
  }, 120_000);

  it('loads a data file as loadBriefing does, reading again only the entries an edit changed, to the same bytes', async () => {
    const dir = tempDir();
    const file = join(dir, 'brief.yaml');
    copyExample(file);
    const source = readFileSync(file, 'utf8');
    const renderer = createRenderer();
    await renderer.render(await renderer.load(file));
    const entries = renderer.cacheSizes().dataEntries!;
    expect(entries).toBeGreaterThan(5); // one per top-level field of the example
    writeFileSync(file, source.replace(TITLE, `ar: "تعديل ${'الأمين العام'}`));
    const loaded = await renderer.load(file);
    expect(renderer.cacheSizes().dataEntries).toBe(entries + 1); // the title's entry, read again
    const whole = await loadBriefing(file);
    expect(loaded).toEqual(whole);
    const edited = await renderer.render(loaded);
    expect(Buffer.from(edited.pdf).equals(Buffer.from((await createRenderer().render(whole)).pdf))).toBe(true);
    // Its maps and lists are shared with later loads: frozen.
    expect(Object.isFrozen(loaded.raw.visit)).toBe(true);
  }, 120_000);

  it('keeps the entries of the last few loads only, with or without renders between them', async () => {
    const dir = tempDir();
    const source = readFileSync(EXAMPLE, 'utf8');
    const renderer = createRenderer({ keepRenders: 2 });
    const file = join(dir, 'brief.yaml');
    writeFileSync(file, source);
    await renderer.load(file);
    const entries = renderer.cacheSizes().dataEntries!;
    // Thirty loads, each with a title of its own: the old titles' entries go.
    for (let i = 0; i < 30; i++) {
      writeFileSync(file, source.replace(TITLE, `ar: "${i} الأمين العام`));
      await renderer.load(file);
    }
    expect(renderer.cacheSizes().dataEntries).toBeLessThanOrEqual(entries + 1);
  });

  it.each([
    ['nato-iraq-2025.yaml', undefined],
    ['nato-iraq-2025.yaml', 'en'],
    ['nato-iraq-2025-fa.yaml', undefined],
    ['nato-iraq-2025-ur.yaml', undefined],
    ['nato-iraq-2025-he.yaml', undefined],
  ] as const)('renders %s (lang %s) edited and back to the bytes a fresh renderer gives (lines kept from render to render)', async (name, lang) => {
    const file = resolve(EXAMPLE, '..', name);
    const source = readFileSync(file, 'utf8');
    // A word added at the start of the title: the title's lines change, the rest of the page is kept.
    const edited = source.replace(/^(title:\s*(?:\n\s+[a-z]+: )?")/m, '$1X ');
    expect(edited).not.toBe(source);
    const loaded = (text: string): LoadedBriefing => ({ ...parseBriefingSource(text, file), source: Buffer.from(text) });
    const options = lang ? { lang } : {};
    const renderer = createRenderer();
    const first = await renderer.render(loaded(source), options);
    const second = await renderer.render(loaded(edited), options);
    const again = await renderer.render(loaded(source), options);
    expect(Buffer.from(second.pdf).equals(Buffer.from((await createRenderer().render(loaded(edited), options)).pdf))).toBe(true);
    expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(Buffer.from(first.pdf).equals(Buffer.from((await createRenderer().render(loaded(source), options)).pdf))).toBe(true);
  }, 120_000);
});
