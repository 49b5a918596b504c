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
 */
import { bidiClass } from '../text/bidi.js';

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
