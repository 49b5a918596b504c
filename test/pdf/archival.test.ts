/**
 * What the PDF promises an archive (PDF/A-3u, ISO 19005-3), checked on the rendered example in both languages:
 * the XMP packet names PDF/A-3u (and PDF/UA-1) and says what the Info dictionary says, an sRGB output intent with the shipped
 * profile, every font embedded with a ToUnicode entry for every character code drawn, no encryption, no
 * transparency, and the data file inside as the /Source associated file. Read back with pdf.js and qpdf.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBriefing, parseBriefingSource } from '../../src/data/load.js';
import { renderBriefing } from '../../src/pipeline.js';
import { PACKAGE_ROOT, SRGB_PROFILE } from '../../src/resources.js';
import { FontFace } from '../../src/text/fonts.js';
import { qpdfCheck, qpdfView, textOf, type PdfValue, type QpdfView } from './qpdf.js';

const EXAMPLE = `${PACKAGE_ROOT}/examples/nato-iraq-2025.yaml`;
const LANGS = ['ar', 'en'] as const;

const pdfs = new Map<string, Uint8Array>();
let fingerprint = '';

beforeAll(async () => {
  const data = await loadBriefing(EXAMPLE);
  fingerprint = data.fingerprint;
  for (const lang of LANGS) pdfs.set(lang, (await renderBriefing(data, { lang })).pdf);
});

async function metadataOf(pdf: Uint8Array) {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  try {
    const { info, metadata } = await doc.getMetadata();
    return { info: info as Record<string, string>, xmp: metadata! };
  } finally {
    await doc.destroy();
  }
}

/** `D:YYYYMMDDHHmmSSZ` → milliseconds. */
function pdfDate(date: string): number {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(date);
  if (!m) throw new Error(`not a UTC PDF date: ${date}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function allValues(value: PdfValue | undefined, out: PdfValue[] = []): PdfValue[] {
  if (value === undefined) return out;
  out.push(value);
  if (Array.isArray(value)) for (const v of value) allValues(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allValues(v, out);
  return out;
}

function dictionaries(view: QpdfView): Record<string, PdfValue>[] {
  return [...view.objects.values()].flatMap((o) => allValues(o.dict).filter((v): v is Record<string, PdfValue> => !!v && typeof v === 'object' && !Array.isArray(v)));
}

describe.each(LANGS)('the %s example as PDF/A-3u', (lang) => {
  const pdf = () => pdfs.get(lang)!;

  it('names PDF/A-3u in its XMP packet, and the packet says what the Info dictionary says', async () => {
    const { info, xmp } = await metadataOf(pdf());
    expect(xmp.get('pdfaid:part')).toBe('3');
    expect(xmp.get('pdfaid:conformance')).toBe('U');
    // PDF/UA-1's identification, and the extension schema PDF/A requires for its (non-predefined) namespace.
    expect(xmp.get('pdfuaid:part')).toBe('1');
    expect(xmp.getRaw()).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
    expect(info.Title).toBeTruthy();
    expect(xmp.get('dc:title')).toBe(info.Title);
    expect(xmp.get('dc:creator')).toEqual([info.Author]);
    expect(xmp.get('dc:description')).toBe(info.Subject);
    expect(xmp.get('pdf:keywords')).toBe(info.Keywords);
    expect(info.Keywords).toContain(fingerprint);
    expect(xmp.get('xmp:creatortool')).toBe(info.Creator);
    expect(xmp.get('pdf:producer')).toBe(info.Producer);
    expect(Date.parse(xmp.get('xmp:createdate') as string)).toBe(pdfDate(info.CreationDate!));
    expect(Date.parse(xmp.get('xmp:modifydate') as string)).toBe(pdfDate(info.ModDate!));
    expect(xmp.get('dc:language')).toBe(lang);
  });

  it('keeps the metadata stream unfiltered and names the document ID in it', () => {
    const view = qpdfView(pdf());
    const metadata = view.object(view.catalog['/Metadata']);
    expect(metadata.dict['/Type']).toBe('/Metadata');
    expect(metadata.dict['/Filter']).toBeUndefined();
    const id = textOf((view.trailer['/ID'] as PdfValue[])[0]);
    const hex = Buffer.from(id, 'latin1').toString('hex');
    expect(metadata.data!.toString('utf8')).toContain(`<xmpMM:DocumentID>uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-`);
  });

  it('has an sRGB output intent carrying the shipped ICC profile', () => {
    const view = qpdfView(pdf());
    const intents = view.resolve(view.catalog['/OutputIntents']) as PdfValue[];
    expect(intents).toHaveLength(1);
    const intent = view.resolve(intents[0]) as Record<string, PdfValue>;
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(textOf(intent['/OutputConditionIdentifier'])).toBe('sRGB IEC61966-2.1');
    const profile = view.object(intent['/DestOutputProfile']);
    expect(profile.dict['/N']).toBe(3);
    expect(profile.data!.equals(readFileSync(SRGB_PROFILE))).toBe(true);
    // An ICC display profile of RGB data (header: device class and colour space).
    expect(profile.data!.toString('latin1', 12, 20)).toBe('mntrRGB ');
  });

  it('is not encrypted, and has no transparency but an image\'s soft mask (a PNG\'s alpha, which PDF/A-3 allows)', () => {
    const view = qpdfView(pdf());
    expect(view.trailer['/Encrypt']).toBeUndefined();
    for (const dict of dictionaries(view)) {
      if (dict['/SMask'] !== undefined && dict['/SMask'] !== '/None') {
        expect(dict['/Subtype']).toBe('/Image');
        expect(view.object(dict['/SMask']).dict['/Subtype']).toBe('/Image');
      }
      for (const key of ['/CA', '/ca']) expect(dict[key] === undefined || dict[key] === 1).toBe(true);
      expect(dict['/BM'] === undefined || dict['/BM'] === '/Normal').toBe(true);
      if (dict['/Type'] === '/Group') expect(dict['/S']).not.toBe('/Transparency');
    }
  });

  it('has printable link annotations only, with URI actions, and no JavaScript or other actions (ISO 19005-3, 6.3 and 6.5)', () => {
    const view = qpdfView(pdf());
    const annotations = ((view.resolve(view.page['/Annots']) ?? []) as PdfValue[]).map((ref) => view.resolve(ref) as Record<string, PdfValue>);
    expect(annotations.length).toBeGreaterThan(0);
    for (const annotation of annotations) {
      expect(annotation['/Subtype']).toBe('/Link');
      // The Print flag set; Invisible, Hidden, NoView (1, 2, 32) and ToggleNoView (256) clear.
      const flags = annotation['/F'] as number;
      expect(flags & 4).toBe(4);
      expect(flags & (1 | 2 | 32 | 256)).toBe(0);
      const action = view.resolve(annotation['/A']) as Record<string, PdfValue>;
      expect(action['/S']).toBe('/URI');
    }
    for (const dict of dictionaries(view)) {
      expect(dict['/S'] === '/JavaScript' || dict['/S'] === '/Launch' || dict['/JS'] !== undefined).toBe(false);
      expect(dict['/AA']).toBeUndefined();
    }
    expect(view.catalog['/OpenAction']).toBeUndefined();
    expect((view.resolve(view.catalog['/Names']) as Record<string, PdfValue> | undefined)?.['/JavaScript']).toBeUndefined();
  });

  it('embeds every font, with a ToUnicode entry for every character code it draws and none for .notdef', () => {
    const view = qpdfView(pdf());
    const { fonts } = view;
    expect(Object.keys(fonts).length).toBeGreaterThan(1);
    const mapped = new Map<string, Set<number>>();
    for (const [name, font] of Object.entries(fonts)) {
      expect(font['/Subtype'], name).toBe('/Type0');
      const descendant = view.resolve((font['/DescendantFonts'] as PdfValue[])[0]) as Record<string, PdfValue>;
      const descriptor = view.resolve(descendant['/FontDescriptor']) as Record<string, PdfValue>;
      expect(view.object(descriptor['/FontFile2']).data!.length, `${name} embedded`).toBeGreaterThan(1000);
      const cmap = view.object(font['/ToUnicode']).data!.toString('latin1');
      const bfchars = [...cmap.matchAll(/beginbfchar\n([^]*?)\nendbfchar/g)].map((m) => m[1]!).join('\n');
      const entries = new Map([...bfchars.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)].map((m) => [parseInt(m[1]!, 16), m[2]!]));
      const cidCount = ((descendant['/W'] as PdfValue[])[1] as PdfValue[]).length;
      for (let cid = 1; cid < cidCount; cid++) {
        const unicode = entries.get(cid);
        expect(unicode, `${name}: CID ${cid} has a ToUnicode entry`).toBeDefined();
        // ISO 19005-3, 6.2.11.7.2: no entry maps to U+0000, U+FEFF or U+FFFE.
        expect(['0000', 'FEFF', 'FFFE']).not.toContain(unicode!.slice(0, 4));
      }
      expect(entries.has(0), `${name}: .notdef has no text`).toBe(false);
      mapped.set(name.slice(1), new Set(entries.keys()));
    }
    // Every code drawn (in the page content, font by font) is one of those mapped; none is .notdef (CID 0).
    const content = view.object(view.page['/Contents']).data!.toString('latin1');
    let font = '';
    let drawn = 0;
    for (const [, tf, hex] of content.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9a-f]{4})>/g)) {
      if (tf) font = tf;
      else {
        drawn++;
        expect(mapped.get(font)?.has(parseInt(hex!, 16)), `/${font} <${hex}> mapped`).toBe(true);
      }
    }
    expect(drawn).toBeGreaterThan(500);
  });

  it('gives every CID the font program\'s advance as its /W width (a glyph widened for pdf.js is a copy with that advance)', () => {
    const view = qpdfView(pdf());
    for (const [name, font] of Object.entries(view.fonts)) {
      const descendant = view.resolve((font['/DescendantFonts'] as PdfValue[])[0]) as Record<string, PdfValue>;
      const descriptor = view.resolve(descendant['/FontDescriptor']) as Record<string, PdfValue>;
      const program = new FontFace(name, new Uint8Array(view.object(descriptor['/FontFile2']).data!));
      const cidToGid = view.object(descendant['/CIDToGIDMap']).data!;
      const widths = (descendant['/W'] as PdfValue[])[1] as number[];
      widths.forEach((width, cid) => {
        const gid = cidToGid.readUInt16BE(cid * 2);
        // ISO 19005-3, 6.2.11.5: the same width, to the /W array's three decimals.
        expect(Math.abs(width - (program.glyphAdvance(gid) * 1000) / program.upem), `${name} CID ${cid} (glyph ${gid})`).toBeLessThan(0.002);
      });
    }
  });

  it('carries the data file and the image it names as /Source associated files, with MIME types, dates and the fingerprint', () => {
    const view = qpdfView(pdf());
    const af = view.resolve(view.catalog['/AF']) as PdfValue[];
    const specs = af.map((ref) => view.resolve(ref) as Record<string, PdfValue>);
    expect(specs.map((spec) => textOf(spec['/F']))).toEqual([`briefing-${fingerprint}.yaml`, 'photos/visitor-placeholder.png']);
    const expected = [
      { bytes: readFileSync(EXAMPLE), type: '/application/yaml', description: `fingerprint ${fingerprint}`, asItIs: false },
      // A PNG is compressed already: stored as it is (its bytes are in the file).
      { bytes: readFileSync(`${PACKAGE_ROOT}/examples/photos/visitor-placeholder.png`), type: '/image/png', description: 'Image named by the briefing\'s data: photos/visitor-placeholder.png', asItIs: true },
    ];
    specs.forEach((spec, k) => {
      expect(spec['/Type']).toBe('/Filespec');
      expect(spec['/AFRelationship']).toBe('/Source');
      expect(textOf(spec['/UF'])).toBe(textOf(spec['/F']));
      expect(textOf(spec['/Desc'])).toContain(expected[k]!.description);
      const stream = view.object((spec['/EF'] as Record<string, PdfValue>)['/F']);
      expect(stream.dict['/Type']).toBe('/EmbeddedFile');
      expect(stream.dict['/Subtype']).toBe(expected[k]!.type);
      expect(Buffer.from(pdf()).includes(expected[k]!.bytes)).toBe(expected[k]!.asItIs);
      const params = stream.dict['/Params'] as Record<string, PdfValue>;
      expect(textOf(params['/ModDate'])).toBe('D:20250205000000Z');
      expect(params['/Size']).toBe(expected[k]!.bytes.length);
      expect(stream.data!.equals(expected[k]!.bytes)).toBe(true);
      // The MD5 as its 16 bytes (PDF 7.11.4.2), not as 32 hex characters.
      expect(Buffer.from(textOf(params['/CheckSum']), 'latin1').toString('hex')).toBe(createMd5(expected[k]!.bytes));
    });
    const names = view.resolve((view.resolve(view.catalog['/Names']) as Record<string, PdfValue>)['/EmbeddedFiles']) as Record<string, PdfValue>;
    expect(names['/Names']).toEqual([`u:briefing-${fingerprint}.yaml`, af[0], 'u:photos/visitor-placeholder.png', af[1]]);
  });

  it('passes qpdf --check', () => {
    const { ok, output } = qpdfCheck(pdf());
    expect(output).toContain('No syntax or stream encoding errors found');
    expect(ok).toBe(true);
  });
});

describe('a character no font covers', () => {
  it('is drawn as a copy of the .notdef box, never as glyph 0 itself (ISO 19005-3, 6.2.11.8)', async () => {
    const source = readFileSync(EXAMPLE, 'utf8').replace('speaker:', 'context: "中"\n    speaker:');
    const { pdf, warnings } = await renderBriefing(parseBriefingSource(source, EXAMPLE), { lang: 'ar' });
    expect(warnings.map((w) => w.message).join()).toContain('U+4E2D');
    const view = qpdfView(pdf);
    const gidsOf = new Map<string, Buffer>();
    let boxes = 0;
    for (const [name, font] of Object.entries(view.fonts)) {
      const descendant = view.resolve((font['/DescendantFonts'] as PdfValue[])[0]) as Record<string, PdfValue>;
      const map = view.object(descendant['/CIDToGIDMap']).data!;
      gidsOf.set(name.slice(1), map);
      const program = new FontFace(name, new Uint8Array(view.object((view.resolve(descendant['/FontDescriptor']) as Record<string, PdfValue>)['/FontFile2']).data!));
      const notdef = program.hbFont.glyphToPath(0);
      for (let cid = 1; cid < map.length / 2; cid++) if (notdef !== '' && program.hbFont.glyphToPath(map.readUInt16BE(cid * 2)) === notdef) boxes++;
    }
    expect(boxes, 'the box is drawn').toBeGreaterThan(0);
    const content = view.object(view.page['/Contents']).data!.toString('latin1');
    let font = '';
    for (const [, tf, hex] of content.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9a-f]{4})>/g)) {
      if (tf) font = tf;
      else expect(gidsOf.get(font)!.readUInt16BE(parseInt(hex!, 16) * 2), `/${font} <${hex}>`).not.toBe(0);
    }
  });
});

describe('the XMP packet', () => {
  it('escapes XML in the title: a title with & and < survives (PDFKit wrote them raw)', async () => {
    const source = readFileSync(EXAMPLE, 'utf8').replace(
      'en: "NATO Secretary General praises strong cooperation with Iraq"',
      'en: "NATO & Iraq: <strong> cooperation"',
    );
    expect(source).toContain('NATO & Iraq');
    const { pdf } = await renderBriefing(parseBriefingSource(source, EXAMPLE), { lang: 'en' });
    const { info, xmp } = await metadataOf(pdf);
    expect(info.Title).toBe('NATO & Iraq: <strong> cooperation');
    expect(xmp.get('dc:title')).toBe(info.Title);
  });
});

function createMd5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
