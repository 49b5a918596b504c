/**
 * Text sanitation, applied to every text after it is resolved to one language (see `localize.ts`).
 *
 * A field is printed in the middle of other text (labels, other fields), so it must not be able to change the
 * direction of anything outside itself ("Trojan Source"-style spoofing):
 *
 * - Bidi embeddings and overrides U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) are removed. They are never needed:
 *   the isolates below do the same job without leaking.
 * - Implicit marks are kept: LRM U+200E, RLM U+200F, ALM U+061C. They only affect neighbouring characters.
 * - Isolates LRI/RLI/FSI (U+2066–U+2068) are kept but balanced: a PDI (U+2069) with no open isolate is
 *   removed, and isolates still open at the end of the field are closed by appending one PDI each.
 * - Line breaks are normalized: `\r\n` (and a lone `\r`) → `\n`.
 * - Trailing whitespace of the whole field is trimmed (before the closing PDIs are appended). Leading
 *   whitespace and whitespace inside the text are kept.
 *
 * The function is idempotent: `sanitizeText(sanitizeText(s)) === sanitizeText(s)`.
 */

const EMBEDDINGS_AND_OVERRIDES = /[\u202A-\u202E]/g;
const LRI = 0x2066;
const FSI = 0x2068;
const PDI = 0x2069;

export function sanitizeText(s: string): string {
  const text = s.replace(/\r\n?/g, '\n').replace(EMBEDDINGS_AND_OVERRIDES, '');
  let out = '';
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= LRI && code <= FSI) open++;
    else if (code === PDI) {
      if (open === 0) continue;
      open--;
    }
    out += text[i];
  }
  return out.trimEnd() + '\u2069'.repeat(open);
}
