import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_BREAK, collapseWhiteSpace, collectInline } from '../../src/layout/inline.js';
import { inlineEffect } from '../../src/elements/index.js';
import type { LayoutContext } from '../../src/layout/context.js';
import { parseMarkup } from '../../src/markup/parse.js';
import type { MarkupElement } from '../../src/markup/types.js';
import type { InlineRun, TextStyle } from '../../src/text/types.js';
import { theme as loadTheme } from '../text/engines.js';

const theme = loadTheme();
const base: TextStyle = { family: 'body', size: 10, bold: false, italic: false, color: '#000000', lang: 'ar' };
const small: TextStyle = { ...base, family: 'sans', size: 8, color: '#3d3d3d' };
/** What the inline elements' modules need of a layout context: the theme's styles at scale 1. */
const ctx = { theme, scale: 1, lang: 'ar', inline: (element, from) => inlineEffect(element, from, ctx as LayoutContext) } as Pick<LayoutContext, 'theme' | 'scale' | 'lang' | 'inline'>;

/** Inline runs of the first <p> of a page built around `inner`. */
function runsOf(inner: string): InlineRun[] {
  const root = parseMarkup(`<page dir="rtl" lang="ar"><p>${inner}</p></page>`, 't', theme);
  return collectInline((root.children[0] as MarkupElement).children, base, ctx);
}

const texts = (runs: InlineRun[]) => runs.map((r) => r.text);

describe('collectInline', () => {
  it('collapses white space across runs and trims the paragraph edges', () => {
    const runs = runsOf(' a  <b> b </b>  c ');
    expect(texts(runs)).toEqual(['a ', 'b ', 'c']);
    expect(runs.map((r) => r.style.bold)).toEqual([false, true, false]);
    expect(runs[1]!.style).toEqual({ ...base, bold: true });
  });

  it('turns tabs and newlines into single spaces', () => {
    expect(texts(runsOf('\n\tزار\n\n   الأمين\t\tالعام\n'))).toEqual(['زار الأمين العام']);
  });

  it('makes <br/> a newline with no spaces around it', () => {
    const runs = runsOf('a <br/> b');
    expect(texts(runs)).toEqual(['a', '\n', 'b']);
    expect(runs.map((r) => r.text).join('')).toBe('a\nb');
  });

  it('drops spaces before a <br/> that follows an element and at the end before a final <br/>', () => {
    expect(texts(runsOf('<b>a </b> <br/>  <i> b</i>')).join('')).toBe('a\nb');
    expect(texts(runsOf('a <br/> <br/> b')).join('')).toBe('a\n\nb');
  });

  it('nests styles: <i> inside <b>, <span style lang>, <link>', () => {
    const runs = runsOf('x <b>y <i>z</i></b> <span style="small" lang="en">NATO</span> <link href="https://example.org">l</link>');
    expect(texts(runs)).toEqual(['x ', 'y ', 'z', ' ', 'NATO', ' ', 'l']);
    expect(runs[2]!.style).toMatchObject({ bold: true, italic: true });
    expect(runs[4]!.style).toEqual({ ...small, lang: 'en' });
    expect(runs[6]!.style.link).toBe('https://example.org');
    expect(runs[5]!.style.link).toBeUndefined();
  });

  // BUG: collapseWhiteSpace recognises <br/> by a run whose text is exactly '\n', so a source newline that
  // is the whole text node between two inline elements (`<b>a</b>\n<b>b</b>`) becomes a forced line break
  // instead of collapsing to a space (with ' \n' it collapses correctly to ' ').
  it('collapses a newline-only text node between inline elements to a space', () => {
    expect(texts(runsOf('<b>a</b>\n<b>b</b>'))).toEqual(['a', ' ', 'b']);
  });

  it('yields no runs for a paragraph of white space', () => {
    expect(runsOf('  \n\t <b>  </b> ')).toEqual([]);
  });
});

describe('collapseWhiteSpace', () => {
  it('keeps a single space between runs when both sides have one', () => {
    const bold = { ...base, bold: true };
    const out = collapseWhiteSpace([
      { text: 'a ', style: base },
      { text: ' ', style: bold },
      { text: ' b', style: base },
    ]);
    expect(out).toEqual([
      { text: 'a ', style: base },
      { text: 'b', style: base },
    ]);
  });

  it('removes the trailing space of a run that precedes a newline run', () => {
    const out = collapseWhiteSpace([
      { text: 'a  ', style: base },
      { text: '\u2028', style: base },
      { text: '  b  ', style: base },
    ]);
    expect(texts(out)).toEqual(['a', '\n', 'b']);
  });

  it('gives what collapsing each run\'s white space first gives: a run left as it is has none to collapse (property)', () => {
    const piece = fc.constantFrom('a', 'ب', ' ', '  ', '\t', '\n', '\r', '\r\n', LINE_BREAK);
    const run = fc.record({ text: fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), bold: fc.boolean() });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), (specs) => {
        const runs = specs.map(({ text, bold }) => ({ text, style: bold ? { ...base, bold: true } : base }));
        const collapsedFirst = runs.map((r) => (r.text === LINE_BREAK ? r : { ...r, text: r.text.replace(/[ \t\r\n]+/g, ' ') }));
        expect(collapseWhiteSpace(runs)).toEqual(collapseWhiteSpace(collapsedFirst));
      }),
      { numRuns: 500 },
    );
  });
});
