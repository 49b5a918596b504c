/**
 * Side-by-side paragraphs (a fact's label and value, a list marker and its item, a table row's cells) share
 * their first baseline, and the rows of one <facts> or <list> stand on one pitch. Regressions: a fact label sat
 * about a point above its value in every language (top-aligned paragraphs of two sizes); in Urdu, list numbers
 * floated several points above their items and rows of short words sat tight while rows with tall ligatures
 * stood apart.
 */
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/layout/page.js';
import type { PageLayout, PaintItem } from '../../src/layout/types.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { realEngines, theme as loadTestTheme } from '../text/engines.js';

const theme = loadTestTheme();
const engines = realEngines(theme);

type TextItem = Extract<PaintItem, { kind: 'text' }>;
const baselineOf = (item: TextItem) => item.y + item.line.baseline;

function layout(body: string, lang: string, dir = 'rtl'): PageLayout {
  const root = parseMarkup(`<page size="A4" dir="${dir}" lang="${lang}"><section name="s">${body}</section></page>`, 'test.hbs', theme);
  return layoutPage(root, theme, engines, 1);
}

/** The text lines of the page, each with its baseline, grouped by the line's text. */
function lines(page: PageLayout): { text: string; baseline: number }[] {
  return page.items.filter((i): i is TextItem => i.kind === 'text').map((i) => ({ text: i.line.text.replace(/[\u2066-\u2069]/g, ''), baseline: baselineOf(i) }));
}

const URDU_FACTS = [
  ['مہمان', 'مارک روٹے، نیٹو کے سیکریٹری جنرل'],
  ['تاریخیں', '۴–۵ فروری ۲۰۲۵'],
  ['مقام', 'بغداد، عراق'],
  ['ملاقاتیں', 'ڈاکٹر عبداللطیف رشید، صدر؛ محمد شیاع السودانی'],
  ['ہمراہ وفد', 'جنرل کرسٹوفر جی. کاوولی'],
];

describe('rows of side-by-side paragraphs', () => {
  for (const [lang, dir, facts] of [
    ['ur', 'rtl', URDU_FACTS],
    ['en', 'ltr', [['Visitor', 'Mark Rutte, NATO Secretary General'], ['Dates', '4–5 February 2025'], ['Place', 'Baghdad, Iraq']]],
  ] as const) {
    it(`a fact's label stands on its value's baseline (${lang})`, () => {
      const markup = `<facts>${facts.map(([label, value]) => `<fact label="${label}">${value}</fact>`).join('')}</facts>`;
      const found = lines(layout(markup, lang, dir));
      for (const [label, value] of facts) {
        const l = found.find((x) => x.text === label)!;
        const v = found.find((x) => x.text === value)!;
        expect(l, label).toBeDefined();
        expect(v, value).toBeDefined();
        expect(l.baseline, `${label} / ${value}`).toBeCloseTo(v.baseline, 6);
      }
    });
  }

  it('Urdu fact rows and list items stand on one pitch, whatever the ink of each row', () => {
    const markup = `<facts>${URDU_FACTS.map(([label, value]) => `<fact label="${label}">${value}</fact>`).join('')}</facts>`;
    const found = lines(layout(markup, 'ur'));
    const baselines = URDU_FACTS.map(([label]) => found.find((x) => x.text === label)!.baseline);
    const pitches = baselines.slice(1).map((b, k) => b - baselines[k]!);
    // the rows' own ink differs by several points (the test would fail with each row as tall as its own ink)
    for (const pitch of pitches) expect(pitch).toBeCloseTo(pitches[0]!, 6);

    const list = `<list type="number">${['سکیورٹی تعلیم', 'لاجسٹکس', 'سائبر دفاع', 'اچھی حکمرانی'].map((t) => `<item>${t}</item>`).join('')}</list>`;
    const items = lines(layout(list, 'ur'));
    const markers = items.filter((x) => /^[0-9۰-۹]+\.$/.test(x.text));
    const bodies = items.filter((x) => !/^[0-9۰-۹]+\.$/.test(x.text));
    expect(markers).toHaveLength(4);
    markers.forEach((marker, k) => expect(marker.baseline).toBeCloseTo(bodies[k]!.baseline, 6));
    const steps = markers.slice(1).map((m, k) => m.baseline - markers[k]!.baseline);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 6);
  });

  it('a table row\'s cells share their first baseline', () => {
    // Nastaliq: each cell's line is as tall as its own ink, so top-aligned cells had different baselines
    const markup = '<table name="programme" widths="1fr 2fr"><row header="true"><cell>وقت</cell><cell>ملاقاتیں</cell></row><row><cell>۱۲:۰۰</cell><cell>صدر ڈاکٹر عبداللطیف رشید سے ملاقات</cell></row></table>';
    const found = lines(layout(markup, 'ur'));
    const at = (t: string) => found.find((x) => x.text === t)!.baseline;
    expect(at('وقت')).toBeCloseTo(at('ملاقاتیں'), 6);
    expect(at('۱۲:۰۰')).toBeCloseTo(at('صدر ڈاکٹر عبداللطیف رشید سے ملاقات'), 6);
  });
});

describe('links', () => {
  it('a link in a right-to-left line is one annotation, none of zero width (its isolate controls made two more)', () => {
    // the view sets a URL from the data as an isolate (LRI … PDI), as the built-in footer has it
    const page = layout('<p>المصدر: <link href="https://www.elfagr.org/">\u2066https://www.elfagr.org/\u2069</link> – نسخة</p>', 'ar');
    const links = page.items.filter((i): i is Extract<PaintItem, { kind: 'link' }> => i.kind === 'link');
    expect(links).toHaveLength(1);
    expect(links[0]!.width).toBeGreaterThan(0);
  });
});
