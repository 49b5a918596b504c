/**
 * A character no font covers is reported once, as a warning naming the data field it comes from and its code
 * point (it is drawn as the font's box, never silently dropped).
 */
import type { Briefing } from './data/types.js';
import type { Warning } from './errors.js';
import type { MissingCharacter } from './layout/types.js';

export function missingGlyphWarnings(missing: readonly MissingCharacter[], briefing: Briefing): Warning[] {
  return missing.map(({ codePoint, context }) => {
    const char = String.fromCodePoint(codePoint);
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    const path = fieldContaining(briefing, char);
    return {
      message: `no font covers U+${hex} «${char}» (in "…${context}…"); drawn as a box`,
      ...(path === undefined ? {} : { path }),
    };
  });
}

/** The path (`quotes[1].text`) of the first text field containing `char`; undefined when it came from the template. */
function fieldContaining(value: unknown, char: string, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes(char) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = fieldContaining(item, char, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = fieldContaining(item, char, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
