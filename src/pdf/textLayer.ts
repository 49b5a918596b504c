/**
 * The text layer: what copy-paste and search read back. Two extractors matter and they work differently:
 *
 * - pdf.js reads glyphs in content order through the ToUnicode map and runs its own (simplified) bidi over
 *   each text item, which turns the visual order we paint back into logical order. It does not honour
 *   /ActualText. What each glyph stands for is written for it in pdfjsText.ts.
 * - poppler (pdftotext) honours /ActualText, lays its characters out left to right over the span and then
 *   reorders each line with its own rule (`reorderText` in TextOutputDev.cc): on a right-to-left page it walks
 *   the line from the right, emitting runs of non-(L|number) characters reversed and runs of non-R characters
 *   as they are. `popplerVisual` builds the string that this rule turns into our logical text exactly,
 *   inserting an invisible RLM/LRM where the rule would otherwise pull neutral characters into the wrong run.
 * - PDFium (Chrome's viewer, FPDFText_GetText) honours /ActualText in any marked content, taking the innermost
 *   one, and reads it as a line laid out left to right: its own bidi pass (`CPDF_TextPage::CloseTempLine` over
 *   `CFX_BidiString`, core/fpdftext/cpdf_textpage.cpp) reverses and mirrors its right-to-left segments.
 *   `pdfiumVisual` builds the string that pass turns into our logical text, with no control characters; it goes
 *   in a marked-content span of its own inside the line's /Span, which poppler does not read (poppler takes
 *   /ActualText from /Span only).
 */
import { bidiClass, mirroredChar } from '../text/bidi.js';

type Kind = 'L' | 'R' | 'N' | 'O';

/**
 * poppler's "number" characters (type '#' in poppler/UnicodeTypeTable.cc, what `unicodeTypeNum` tests): digits,
 * and the signs and separators that go with numbers — including the Arabic comma and percent sign.
 */
const POPPLER_NUMBER = /[0-9#$%+,\-./:\u0604-\u060c\u0660-\u066d\u06f0-\u06f9\u2212]/;

/** poppler's character classes: strong left (`L`), strong right (`R`), number (`N`), other (`O`). */
function popplerKind(char: string): Kind {
  if (POPPLER_NUMBER.test(char)) return 'N';
  const type = bidiClass(char);
  if (type === 'L') return 'L';
  if (type === 'R' || type === 'AL') return 'R';
  return 'O';
}

const RLM = '\u200f';
const LRM = '\u200e';

/** Does poppler's page-level heuristic take the page as left-to-right? (more L than R characters) */
export function popplerPrimaryLtr(texts: Iterable<string>): boolean {
  let count = 0;
  for (const text of texts) {
    for (const char of text) {
      const kind = popplerKind(char);
      if (kind === 'L') count++;
      else if (kind === 'R') count--;
    }
  }
  return count >= 0;
}

/** The string that poppler's reorder rule (for a page of the given primary direction) turns into `logical`. */
export function popplerVisual(logical: string, primaryLtr: boolean): string {
  const chars = [...logical];
  const kinds = chars.map(popplerKind);
  // Sections in logical order: "foreign" runs are the ones poppler reverses on an LTR page (R...) or keeps on
  // an RTL page (L/number...). A foreign section ends at its last strong/number character; neutrals after it
  // belong to the next section.
  const isForeignStart = (k: Kind) => (primaryLtr ? k === 'R' : k === 'L' || k === 'N');
  const breaksForeign = (k: Kind) => (primaryLtr ? k === 'L' || k === 'N' : k === 'R');
  const sections: { foreign: boolean; chars: string[] }[] = [];
  let i = 0;
  while (i < chars.length) {
    if (isForeignStart(kinds[i]!)) {
      let j = i;
      let lastStrong = i;
      while (j < chars.length && !breaksForeign(kinds[j]!)) {
        if (kinds[j] !== 'O') lastStrong = j;
        j++;
      }
      sections.push({ foreign: true, chars: chars.slice(i, lastStrong + 1) });
      i = lastStrong + 1;
    } else {
      let j = i;
      while (j < chars.length && !isForeignStart(kinds[j]!)) j++;
      sections.push({ foreign: false, chars: chars.slice(i, j) });
      i = j;
    }
  }
  if (primaryLtr) {
    // Left to right: native sections as they are, foreign (right-to-left) sections reversed; an LRM after a
    // foreign section stops the reversed run from swallowing the neutrals that follow it.
    return sections
      .map((s, k) => {
        if (!s.foreign) return s.chars.join('');
        const next = sections[k + 1];
        const guard = next && popplerKind(next.chars[0]!) === 'O' ? LRM : '';
        return [...s.chars].reverse().join('') + guard;
      })
      .join('');
  }
  // Right to left: the line is written from its right end, so sections come in reverse order; native
  // (right-to-left) sections reversed, foreign ones as they are, an RLM to the left of a foreign section when
  // the section after it starts with a neutral.
  return sections
    .map((s, k) => {
      if (!s.foreign) return [...s.chars].reverse().join('');
      const next = sections[k + 1];
      const guard = next && popplerKind(next.chars[0]!) === 'O' ? RLM : '';
      return guard + s.chars.join('');
    })
    .reverse()
    .join('');
}

/** poppler's `reorderText`, for tests: what pdftotext prints for a line whose characters lie left to right as `visual`. */
export function popplerReorder(visual: string, primaryLtr: boolean): string {
  const chars = [...visual];
  const kinds = chars.map(popplerKind);
  let out = '';
  if (primaryLtr) {
    let i = 0;
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && kinds[j] !== 'R') j++;
      out += chars.slice(i, j).join('');
      i = j;
      while (j < chars.length && kinds[j] !== 'L' && kinds[j] !== 'N') j++;
      out += chars.slice(i, j).reverse().join('');
      i = j;
    }
    return out;
  }
  let i = chars.length - 1;
  while (i >= 0) {
    let j = i;
    while (j >= 0 && kinds[j] !== 'L' && kinds[j] !== 'N') j--;
    for (let k = i; k > j; k--) out += chars[k];
    i = j;
    while (j >= 0 && kinds[j] !== 'R') j--;
    for (let k = j + 1; k <= i; k++) out += chars[k];
    i = j;
  }
  return out;
}

/**
 * PDFium mirrors more than Bidi_Mirroring_Glyph in right-to-left text (`pdfium::unicode::GetMirrorChar`): the
 * double quotation marks too (“ ↔ ”, as Hebrew and Urdu quotes show).
 */
const PDFIUM_MIRRORS: Record<string, string> = { '\u201c': '\u201d', '\u201d': '\u201c' };

function pdfiumMirror(char: string): string {
  return PDFIUM_MIRRORS[char] ?? mirroredChar(char);
}

/**
 * PDFium passes every character of a right-to-left segment through a normalization table of its own
 * (`AddCharInfoByRLDirection` → `GetUnicodeNormalization`, core/fpdftext/unicodenormalizationdata.cpp), which in
 * the Arabic block decomposes ۀ, ۂ and ۓ (and ٵ–ٸ) and maps the presentation forms to their letters.
 */
const PDFIUM_NORMALIZES: Record<string, string> = {
  '\u06c0': '\u06d5\u0654',
  '\u06c2': '\u06c1\u0654',
  '\u06d3': '\u06d2\u0654',
  '\ufba4': '\u06c0',
  '\ufba5': '\u06c0',
  '\ufbb0': '\u06d3',
  '\ufbb1': '\u06d3',
};

/**
 * What the PDFium text writes for a letter its table would decompose: the isolated presentation form, which the
 * table maps back to the letter itself (ۀ, ۓ). ۂ has no presentation form; PDFium gives it as ہ + ٔ.
 */
const PDFIUM_KEEPS: Record<string, string> = { '\u06c0': '\ufba4', '\u06d3': '\ufbb0' };

/** A right-to-left segment as PDFium gives it: reversed, mirrored, normalized by its table. */
function pdfiumReadsBackwards(chars: readonly string[]): string {
  return chars
    .map(pdfiumMirror)
    .map((c) => PDFIUM_NORMALIZES[c] ?? c)
    .reverse()
    .join('');
}

/** PDFium's segment directions (`CFX_BidiChar::AppendChar`, core/fxcrt/fx_bidi.cpp). */
type PdfiumDirection = 'left' | 'weak' | 'right' | 'neutral';

function pdfiumDirection(char: string): PdfiumDirection {
  switch (bidiClass(char)) {
    case 'L':
      return 'left';
    case 'AN':
    case 'EN':
    case 'NSM':
    case 'CS':
    case 'ES':
    case 'ET':
    case 'BN':
      return 'weak';
    case 'R':
    case 'AL':
      return 'right';
    default:
      return 'neutral';
  }
}

/** Maximal stretches of one PDFium direction, in string order. */
function pdfiumSegments(text: string): { direction: PdfiumDirection; chars: string[] }[] {
  const segments: { direction: PdfiumDirection; chars: string[] }[] = [];
  for (const char of text) {
    const direction = pdfiumDirection(char);
    const last = segments.at(-1);
    if (last?.direction === direction) last.chars.push(char);
    else segments.push({ direction, chars: [char] });
  }
  return segments;
}

/**
 * PDFium's pass over a line (`CloseTempLine`): the line is right to left when it has right-to-left segments and
 * no fewer than left-to-right ones (`CFX_BidiString`), and then its segments are taken from the right; each
 * right-to-left segment, and each neutral one while the last strong segment was right-to-left, is reversed with
 * its characters mirrored; the others are kept as they are. For tests: what FPDFText_GetText gives for `visual`.
 */
export function pdfiumReorder(visual: string): string {
  const segments = pdfiumSegments(visual);
  const rtl = pdfiumRightToLeft(segments);
  let current: PdfiumDirection = rtl ? 'right' : 'left';
  let out = '';
  for (const segment of rtl ? [...segments].reverse() : segments) {
    if (segment.direction === 'right' || (segment.direction === 'neutral' && current === 'right')) {
      current = 'right';
      out += pdfiumReadsBackwards(segment.chars);
    } else {
      if (segment.direction !== 'weak') current = 'left';
      out += segment.chars.join('');
    }
  }
  return out;
}

function pdfiumRightToLeft(segments: readonly { direction: PdfiumDirection }[]): boolean {
  const right = segments.filter((s) => s.direction === 'right').length;
  const left = segments.filter((s) => s.direction === 'left').length;
  return right > 0 && right >= left;
}

/**
 * The string `pdfiumReorder` turns into `logical`: the logical segments, each reversed and mirrored where PDFium
 * will reverse it (the same segments in the same reading order, so the same decisions), laid out from the right
 * on a right-to-left line. Adjacent segments differ in direction in both strings, so PDFium cuts them alike.
 */
export function pdfiumVisual(logical: string): string {
  const segments = pdfiumSegments(logical);
  const rtl = pdfiumRightToLeft(segments);
  let current: PdfiumDirection = rtl ? 'right' : 'left';
  const shown = segments.map((segment) => {
    if (segment.direction === 'right' || (segment.direction === 'neutral' && current === 'right')) {
      current = 'right';
      return segment.chars.map((c) => PDFIUM_KEEPS[c] ?? pdfiumMirror(c)).reverse().join('');
    }
    if (segment.direction !== 'weak') current = 'left';
    return segment.chars.join('');
  });
  return (rtl ? shown.reverse() : shown).join('');
}
