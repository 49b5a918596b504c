/**
 * Bidi isolates for data inserted into template sentences. A field is wrapped as U+2068 FIRST STRONG ISOLATE + text +
 * U+2069 POP DIRECTIONAL ISOLATE: its direction is taken from its own first strong character and it behaves as one
 * neutral character towards its neighbours, so an English name or a number inside an Arabic sentence (or the reverse)
 * cannot reorder the words around it (UAX #9, rules X5c and X6a).
 */

export const FSI = '\u2068';
export const PDI = '\u2069';
const OPENERS = new Set(['\u2066', '\u2067', '\u2068']); // LRI, RLI, FSI

/**
 * Makes the isolate initiators/terminators of a text balanced, so that wrapping it cannot leak: a PDI without a
 * matching initiator is dropped (it would otherwise close our wrapper early) and initiators left open are closed at the
 * end (otherwise our closing PDI would close them instead of the wrapper). Other characters are kept.
 */
export function balanceIsolates(text: string): string {
  if (!/[\u2066-\u2069]/.test(text)) return text;
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (OPENERS.has(ch)) {
      depth++;
    } else if (ch === PDI) {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  return out + PDI.repeat(depth);
}

/** FSI + text + PDI (the text balanced first). The empty string stays empty, so `{{#if}}` still sees it as empty. */
export function isolate(text: string): string {
  if (text === '') return '';
  return FSI + balanceIsolates(text) + PDI;
}

/** Whether the whole string is one isolate made by {@link isolate}: an FSI at the start matched by the PDI at the end. */
export function isIsolated(text: string): boolean {
  if (text.length < 2 || !text.startsWith(FSI) || !text.endsWith(PDI)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENERS.has(ch)) depth++;
    else if (ch === PDI) {
      depth--;
      if (depth === 0 && i !== text.length - 1) return false;
    }
  }
  return depth === 0;
}

/** The text inside an isolate made by {@link isolate}; other strings are returned unchanged. */
export function unisolate(text: string): string {
  return isIsolated(text) ? text.slice(1, -1) : text;
}
