/**
 * Bidi formatting characters (UAX #9 §2): ALM, LRM, RLM, the embeddings and overrides LRE…RLO and PDF, and the
 * isolates LRI…PDI. They steer the bidi algorithm and are consumed by it: never drawn, never part of the text
 * that copy-paste gives back, never part of a value written into an attribute.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');

export function isBidiControl(char: string): boolean {
  return BIDI_CONTROL.test(char);
}

export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
