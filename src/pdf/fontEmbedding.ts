/**
 * Fonts in the PDF, written by us: each face used on the page becomes a Type 0 font (Identity-H) over a
 * CIDFontType2 holding a HarfBuzz subset of the font. We choose the character ids (CIDs): one per glyph *and*
 * the text it stands for, so a glyph drawn for different characters (a mirrored bracket, a shared form) still
 * maps back to the right ones in the ToUnicode map; /CIDToGIDMap sends each CID to its glyph, or, when its
 * /W width is not the glyph's advance, to a copy of the glyph with that advance (glyphCopies.ts), so that the
 * widths in the font dictionary are the font program's, as PDF/A requires.
 *
 * PDFKit only stores the objects (`doc.ref`); the one internal it needs is the current page's font resources,
 * kept in `pdfkitInternals.ts`.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { noMemo, type Memo } from '../renderCache.js';
import type { FontFace } from '../text/fonts.js';
import { endStream, pageFontResources } from './pdfkitInternals.js';
import { subsetFont } from './fontSubset.js';
import { withGlyphCopies, type GlyphCopy } from './glyphCopies.js';

/** A face as used in one document. */
export class EmbeddedFace {
  /** Glyph id per CID (index); CID 0 is .notdef. */
  private readonly glyphs: number[] = [0];
  /** The text each CID stands for. */
  private readonly texts: string[] = [''];
  /** Width the /W array adds to each CID's glyph advance, in font units. */
  private readonly extraUnits: number[] = [0];
  /** Each CID as written in a TJ string (`<002a>`), made once per CID: a page writes thousands of glyphs. */
  private readonly strings: string[] = ['<0000>'];
  /** CIDs by glyph id, extra width and text (maps, not a joined string key: this runs for every glyph drawn). */
  private readonly cids = new Map<number, Map<number, Map<string, number>>>();

  constructor(
    readonly face: FontFace,
    /** PDF resource name, e.g. `H1`. */
    readonly resourceName: string,
    /** For text embedded in its paragraph (a Latin run in Arabic): see `FaceEmbedder.use`. */
    readonly embeddedRun = false,
  ) {}

  /**
   * The CID that shows `glyphId` standing for `text` (characters in the order the ToUnicode map must give), with
   * `extraWidth` (thousandths of the font size, may be negative) added to its advance in /W, so that pdf.js's pen
   * follows the drawn glyphs (src/pdf/pdfjsText.ts): see `extraUnitsOf`.
   */
  cid(glyphId: number, text: string, extraWidth = 0): number {
    return this.cidOf(glyphId, text, extraUnitsOf(this.face, glyphId, extraWidth));
  }

  /** `cid` with the extra width in whole font units (`extraUnitsOf`). CIDs are handed out in the order of first use. */
  cidOf(glyphId: number, text: string, extra: number): number {
    let byExtra = this.cids.get(glyphId);
    if (!byExtra) this.cids.set(glyphId, (byExtra = new Map()));
    let ofGlyph = byExtra.get(extra);
    if (!ofGlyph) byExtra.set(extra, (ofGlyph = new Map()));
    let cid = ofGlyph.get(text);
    if (cid === undefined) {
      cid = this.glyphs.length;
      this.glyphs.push(glyphId);
      this.texts.push(text);
      this.extraUnits.push(extra);
      this.strings.push(`<${cid.toString(16).padStart(4, '0')}>`);
      ofGlyph.set(text, cid);
    }
    return cid;
  }

  /** `cid` as a TJ string shows it: four hex digits in angle brackets (`<0a1f>`). */
  tjString(cid: number): string {
    return this.strings[cid]!;
  }

  /** Advance of `cid` as the PDF's /W array says, in thousandths of the font size. */
  pdfWidth(cid: number): number {
    return pdfWidthOf(this.face, this.glyphs[cid] ?? 0, this.extraUnits[cid] ?? 0);
  }

  /** Advance of `cid` in font units: its glyph's, plus its extra width. */
  private advanceUnits(cid: number): number {
    return this.face.glyphAdvance(this.glyphs[cid] ?? 0) + (this.extraUnits[cid] ?? 0);
  }

  /**
   * Does `cid` draw a copy of its glyph? When its width is not the glyph's advance, and when the glyph is
   * `.notdef` (the box drawn for a character no font covers: PDF/A, ISO 19005-3 6.2.11.8, forbids showing
   * glyph 0 itself, whose look viewers may replace).
   */
  private drawsCopy(cid: number): boolean {
    return cid > 0 && (this.extraUnits[cid] !== 0 || this.glyphs[cid] === 0);
  }

  /** The glyph copies this font object needs (see `drawsCopy`). */
  get copies(): GlyphCopy[] {
    return this.glyphs.flatMap((glyph, cid) => (this.drawsCopy(cid) ? [{ glyph, advance: this.advanceUnits(cid) }] : []));
  }

  /** The glyph ids this font object shows. */
  get glyphIds(): readonly number[] {
    return this.glyphs;
  }

  /**
   * Writes the font dictionary (Type 0 over a CIDFontType2 with its widths, CID-to-glyph map and ToUnicode map)
   * on `program`, the face's embedded subset; returns the dictionary's reference.
   */
  write(doc: PDFKit.PDFDocument, program: EmbeddedProgram, compressed: Memo<Buffer>): PDFKit.PDFKitReference {
    const cidToGid = Buffer.alloc(this.glyphs.length * 2);
    this.glyphs.forEach((glyph, cid) => cidToGid.writeUInt16BE(this.drawsCopy(cid) ? program.copyOf(glyph, this.advanceUnits(cid)) : glyph, cid * 2));
    const cidToGidMap = doc.ref({});
    endStream(cidToGidMap, () => cidToGid, () => compressed.get(`CIDToGIDMap\u0000${cidToGid.toString('latin1')}`, () => deflateSync(cidToGid)));

    const descendant = doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: program.name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: program.descriptor,
      W: [0, this.glyphs.map((_, cid) => this.pdfWidth(cid))],
      CIDToGIDMap: cidToGidMap,
    });
    descendant.end(undefined);

    const toUnicode = doc.ref({});
    const cmap = () => toUnicodeCMap(this.texts);
    endStream(toUnicode, cmap, () => compressed.get(`ToUnicode\u0000${JSON.stringify(this.texts)}`, () => deflateSync(Buffer.from(`${cmap()}\n`, 'latin1'))));

    const font = doc.ref({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: program.name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: toUnicode,
    });
    font.end(undefined);
    return font;
  }
}

/**
 * `extraWidth` (thousandths of the font size, may be negative) as the whole font units a CID of `glyphId` adds
 * to its advance (a copy of the glyph carries it as its advance), never making the advance negative.
 */
export function extraUnitsOf(face: FontFace, glyphId: number, extraWidth: number): number {
  return extraWidth === 0 ? 0 : Math.max(Math.round((extraWidth * face.upem) / 1000), -face.glyphAdvance(glyphId));
}

/** The /W width, in thousandths of the font size, of `glyphId` with `extra` font units added to its advance. */
export function pdfWidthOf(face: FontFace, glyphId: number, extra: number): number {
  return Math.round(((face.glyphAdvance(glyphId) + extra) * 1000 * 1000) / face.upem) / 1000;
}

/** A face's subset, embedded once per document and shared by the font objects that use it. */
interface EmbeddedProgram {
  name: string;
  descriptor: PDFKit.PDFKitReference;
  /** The glyph id of the copy of `glyph` with `advance` (font units). */
  copyOf(glyph: number, advance: number): number;
}

/** Writes the subset of `face` holding `glyphIds` and `copies`, and its font descriptor. */
function writeProgram(doc: PDFKit.PDFDocument, face: FontFace, glyphIds: readonly number[], copies: readonly GlyphCopy[], subsets: Memo<FontSubset>): EmbeddedProgram {
  const metrics = fontMetrics(face);
  const scale = 1000 / face.upem;
  const uniqueCopies = [...new Map(copies.map((c) => [`${c.glyph}@${c.advance}`, c])).values()].sort((a, b) => a.glyph - b.glyph || a.advance - b.advance);
  const { tag, bytes, copyIds } = compressedSubset(face, [...new Set([0, ...glyphIds])].sort((a, b) => a - b), uniqueCopies, subsets);
  const name = `${tag}+${metrics.postScriptName}`;
  const fontFile = doc.ref({ Filter: 'FlateDecode' });
  fontFile.end(bytes);
  const descriptor = doc.ref({
    Type: 'FontDescriptor',
    FontName: name,
    Flags: (metrics.fixedPitch ? 1 : 0) | 4 /* symbolic: glyphs by id */ | (metrics.italic ? 64 : 0),
    FontBBox: metrics.bbox.map((v) => Math.round(v * scale)),
    ItalicAngle: metrics.italicAngle,
    Ascent: Math.round(face.ascender * scale),
    Descent: Math.round(face.descender * scale),
    CapHeight: Math.round((metrics.capHeight || face.ascender) * scale),
    StemV: 0,
    FontFile2: fontFile,
  });
  descriptor.end(undefined);
  return {
    name,
    descriptor,
    copyOf: (glyph, advance) => {
      const id = copyIds.get(`${glyph}@${advance}`);
      if (id === undefined) throw new Error(`no copy of glyph ${glyph} with advance ${advance} in the subset`);
      return id;
    },
  };
}

/** A face's subset: its name tag and its compressed bytes. */
export interface FontSubset {
  /** Six capital letters (the `ABCDEF` of `ABCDEF+PostScriptName`, PDF 9.6.4), from what the subset holds. */
  tag: string;
  bytes: Buffer;
  /** Glyph id of each copy, by `glyph@advance`. */
  copyIds: ReadonlyMap<string, number>;
}

/**
 * The subset of `face` holding `glyphs` (sorted, without repeats) and `copies` (sorted, without repeats), from
 * `subsets` when made before: watch mode and batches render the same glyphs again and again, and subsetting plus
 * compressing is most of what writing the PDF costs. `subsets` must be keyed apart for faces of another font
 * folder or a changed font file (the renderer scopes it): the key names a face by its file name.
 */
function compressedSubset(face: FontFace, glyphs: readonly number[], copies: readonly GlyphCopy[], subsets: Memo<FontSubset>): FontSubset {
  const key = `${face.key}\u0000${glyphs.join(',')}\u0000${copies.map((c) => `${c.glyph}@${c.advance}`).join(',')}`;
  return subsets.get(key, () => {
    const { bytes, ids } = withGlyphCopies(subsetFont(face.bytes, glyphs), copies);
    // The tag derives from what the subset holds, so the same page gives the same bytes.
    return { tag: subsetTag(key), bytes: deflateSync(bytes), copyIds: new Map(copies.map((c, k) => [`${c.glyph}@${c.advance}`, ids[k]!])) };
  });
}

/** The faces of one document, embedded on first use and written when the page is done. */
export class FaceEmbedder {
  /** By face: the font object for text at the paragraph's own level, and the one for embedded text. */
  private readonly embedded = new Map<FontFace, (EmbeddedFace | undefined)[]>();
  /** Every font object, in the order of first use (the order they are written in). */
  private readonly inOrder: EmbeddedFace[] = [];

  /**
   * `subsets`: the renderer's cache of font subsets (see `compressedSubset`), `compressed` of the font objects'
   * compressed streams (ToUnicode and CID-to-glyph maps) by kind and content; absent, each is made afresh.
   */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly subsets: Memo<FontSubset> = noMemo(),
    private readonly compressed: Memo<Buffer> = noMemo(),
  ) {}

  /**
   * The face as used for text at the paragraph's own level or for text embedded in it (a Latin run in Arabic,
   * an Arabic run in English). Each gets a font object of its own: pdf.js joins neighbouring glyphs of one font
   * into one text item and reads the whole item in one direction, so brackets around an embedded run, or a full
   * stop after it, would come back on the wrong side.
   */
  use(face: FontFace, embeddedRun: boolean): EmbeddedFace {
    let uses = this.embedded.get(face);
    if (!uses) this.embedded.set(face, (uses = []));
    const slot = embeddedRun ? 1 : 0;
    let embedded = uses[slot];
    if (!embedded) {
      uses[slot] = embedded = new EmbeddedFace(face, `H${this.inOrder.length + 1}`, embeddedRun);
      this.inOrder.push(embedded);
    }
    return embedded;
  }

  /** Writes every face used — each subset once, shared by its font objects — and lists them on the page. */
  finish(): void {
    const resources = pageFontResources(this.doc);
    const byFace = new Map<FontFace, EmbeddedFace[]>();
    for (const embedded of this.inOrder) byFace.set(embedded.face, [...(byFace.get(embedded.face) ?? []), embedded]);
    for (const [face, uses] of byFace) {
      const program = writeProgram(this.doc, face, uses.flatMap((use) => use.glyphIds), uses.flatMap((use) => use.copies), this.subsets);
      for (const use of uses) resources[use.resourceName] = use.write(this.doc, program, this.compressed);
    }
  }
}

/**
 * The ToUnicode CMap: for each CID the characters it stands for. A CID that stands for nothing (the second
 * glyph of a cluster, a blank glyph) maps to a soft hyphen: a format character, so pdf.js skips the glyph, and
 * the one character poppler's structure text (`pdfinfo -struct-text`) drops; a ZWSP would be printed there.
 * Every such glyph is inside an /ActualText span, which pdftotext and PDFium read instead. An empty entry would
 * make pdf.js print the CID number as a character.
 */
function toUnicodeCMap(texts: readonly string[]): string {
  const entries = texts.map((text, cid) => `<${hex4(cid)}> <${utf16Hex(text === '' ? '\u00ad' : text)}>`).slice(1);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${chunks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** Six capital letters from a hash, for the subset's name. */
function subsetTag(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

interface FontMetrics {
  postScriptName: string;
  bbox: [number, number, number, number];
  italicAngle: number;
  fixedPitch: boolean;
  italic: boolean;
  capHeight: number;
}

/** What the font descriptor needs, read once per face from its head, post, OS/2 and name tables. */
const metricsOfFace = new WeakMap<FontFace, FontMetrics>();

function fontMetrics(face: FontFace): FontMetrics {
  let metrics = metricsOfFace.get(face);
  if (!metrics) metricsOfFace.set(face, (metrics = readFontMetrics(face)));
  return metrics;
}

function readFontMetrics(face: FontFace): FontMetrics {
  const hbFace = face.hbFont.face;
  const head = view(hbFace.referenceTable('head'));
  const post = view(hbFace.referenceTable('post'));
  const os2 = view(hbFace.referenceTable('OS/2'));
  const bbox: [number, number, number, number] = head
    ? [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)]
    : [0, face.descender, face.upem, face.ascender];
  const postScriptName = (hbFace.getName(6, 'en') || face.key.replace(/\.[^.]+$/, '')).replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
  return {
    postScriptName,
    bbox,
    italicAngle: post ? post.getInt32(4) / 65536 : 0,
    fixedPitch: post ? post.getUint32(12) !== 0 : false,
    italic: head ? (head.getUint16(44) & 2) !== 0 : false,
    capHeight: os2 && os2.getUint16(0) >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : 0,
  };
}

/**
 * A table's bytes, copied out of HarfBuzz's WebAssembly memory: a later call into HarfBuzz (the name lookup)
 * may grow that memory, which detaches every view of it (the property test found a "detached ArrayBuffer").
 */
function view(table: Uint8Array | undefined): DataView | undefined {
  return table && table.byteLength > 0 ? new DataView(table.slice().buffer) : undefined;
}
