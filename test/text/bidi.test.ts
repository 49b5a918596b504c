import { describe, expect, it } from 'vitest';
import { applyTrailingWhitespaceRule, firstStrongDirection, resolveLevels, visualOrder } from '../../src/text/bidi.js';
import { resolveScripts, scriptOf } from '../../src/text/script.js';

describe('visualOrder (UAX #9 L2)', () => {
  it.each([
    // levels → visual order, reversed by hand from the highest level down to the lowest odd one
    [[0, 1, 1, 2, 2, 1, 0], [0, 5, 3, 4, 2, 1, 6]],
    [[1, 2, 3, 1], [3, 1, 2, 0]],
    [[1, 1, 1], [2, 1, 0]],
    [[0, 0, 0], [0, 1, 2]],
    [[1, 2, 1, 2, 1], [4, 3, 2, 1, 0]],
    [[2, 1, 2, 2], [2, 3, 1, 0]],
    [[0, 1, 0, 1, 1], [0, 1, 2, 4, 3]],
    [[1, 3, 3, 2, 1], [4, 2, 1, 3, 0]],
    [[0, 2, 2, 0], [0, 1, 2, 3]],
    [[], []],
  ])('%j → %j', (levels, order) => {
    expect(visualOrder(levels)).toEqual(order);
  });

  it('is a permutation that puts the first run of a right-to-left line last', () => {
    const levels = [1, 2, 2, 1, 3, 2, 1];
    const order = visualOrder(levels);
    expect([...order].sort((a, b) => a - b)).toEqual(levels.map((_, i) => i));
    expect(order[order.length - 1]).toBe(0);
  });
});

describe('resolveLevels', () => {
  it('gives Arabic level 1 and numbers and Latin level 2 in a right-to-left paragraph', () => {
    const text = 'في 2025 مع NMI.';
    const { levels, baseLevel } = resolveLevels(text, 'rtl');
    expect(baseLevel).toBe(1);
    const at = (s: string) => [...levels.slice(text.indexOf(s), text.indexOf(s) + s.length)];
    expect(at('في')).toEqual([1, 1]);
    expect(at('2025')).toEqual([2, 2, 2, 2]);
    expect(at('NMI')).toEqual([2, 2, 2]);
    expect(levels[text.length - 1]).toBe(1); // the final full stop is at the paragraph level
  });

  it('takes the paragraph level from the first strong letter with auto, skipping isolates', () => {
    expect(resolveLevels('NATO في العراق', 'auto').baseLevel).toBe(0);
    expect(resolveLevels('2025 في العراق', 'auto').baseLevel).toBe(1);
    expect(resolveLevels('\u2066NATO\u2069 في العراق', 'auto').baseLevel).toBe(1);
    expect(resolveLevels('123', 'auto', 'rtl').baseLevel).toBe(1);
    expect(firstStrongDirection('123 ...')).toBeUndefined();
  });

  it('L1 puts trailing spaces back at the paragraph level', () => {
    const text = 'abc def ';
    const { levels } = resolveLevels(text, 'rtl');
    expect(levels[3]).toBe(2); // the inner space of a Latin phrase embedded in RTL
    const line = applyTrailingWhitespaceRule(text, levels, 4, text.length, 1);
    expect([...line]).toEqual([2, 2, 2, 1]);
  });
});

describe('resolveScripts', () => {
  it('gives «…» the script of the word they enclose after a Latin word', () => {
    const text = 'NATO «كلمة»';
    const scripts = resolveScripts(text, 'Latn');
    expect(scripts[4]).toBe('Latn'); // the space still goes with NATO
    expect(scripts[5]).toBe('Arab'); // «
    expect(scripts.slice(6, 10)).toEqual(['Arab', 'Arab', 'Arab', 'Arab']);
    expect(scripts[10]).toBe('Arab'); // »
  });

  it('gives brackets before an Arabic word the Arabic script and after it the script before them', () => {
    const text = 'abc (نص) def';
    const scripts = resolveScripts(text, 'Latn');
    expect(scripts[3]).toBe('Latn'); // space
    expect(scripts[4]).toBe('Arab'); // (
    expect(scripts[7]).toBe('Arab'); // ) follows the Arabic letters
    expect(scripts[8]).toBe('Arab'); // the space after ) takes the preceding letter's script
    expect(scripts[9]).toBe('Latn');
  });

  it('lets digits and punctuation take the script of the preceding letter, or the first letter at the start', () => {
    const text = '2025، في عام 2025.';
    const scripts = resolveScripts(text, 'Latn');
    expect(new Set(scripts)).toEqual(new Set(['Arab']));
    expect(resolveScripts('NMI 2025', 'Arab')).toEqual(new Array(8).fill('Latn'));
  });

  it('falls back to the paragraph language for text without letters', () => {
    expect(resolveScripts('2025 - 12', 'Arab')).toEqual(new Array(9).fill('Arab'));
    expect(resolveScripts('2025 - 12', 'Latn')).toEqual(new Array(9).fill('Latn'));
  });

  it('keeps both halves of a surrogate pair together', () => {
    const text = 'abc 😀 دد';
    const scripts = resolveScripts(text, 'Latn');
    expect(scripts[4]).toBe(scripts[5]);
    expect(scriptOf('😀')).toBe('Zyyy');
    expect(scriptOf('ش')).toBe('Arab');
    expect(scriptOf('\u064E')).toBe('Zyyy'); // a haraka is Inherited
  });
});
