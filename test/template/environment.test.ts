import { catchBriefingError } from '../briefingError.js';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';
import type { Briefing } from '../../src/data/types.js';
import { BriefingError } from '../../src/errors.js';
import { RenderCache, scoped } from '../../src/renderCache.js';
import { RenderEngines } from '../../src/renderEngines.js';
import { createTemplateEnvironment, type TemplateEnvironment } from '../../src/template/environment.js';
import { loadLabels, type Labels } from '../../src/template/labels.js';
import { buildView, type TemplateView } from '../../src/template/view.js';
import { arabicBriefing, minimalBriefing } from './fixtures.js';

const labels = loadLabels();
const FSI = '\u2068';
const PDI = '\u2069';
/** Drops the isolate controls, to compare rendered text. */
const bare = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

function env(lang = 'ar', digits: 'latn' | 'arab' = 'latn', extra: Labels = {}): TemplateEnvironment {
  return createTemplateEnvironment({ lang, digits, labels: { labels: { ...labels, ...extra }, files: ['labels.json'] } });
}

function view(b: Briefing = arabicBriefing()): TemplateView {
  return buildView(b, { fingerprint: '3fa2b1c0', direction: b.lang.startsWith('ar') ? 'rtl' : 'ltr' });
}

/** Runs `fn` and returns the template BriefingError it throws. */
const templateError = (fn: () => unknown) => catchBriefingError(fn, 'template');

describe('rendering and escaping', () => {
  it('renders fields as isolates', () => {
    expect(env().render('<h1>{{title}}</h1>', 'visit.hbs', view())).toBe(`<h1>${FSI}زيارة قائد بعثة الناتو${PDI}</h1>`);
  });

  it('escapes data: a field can never inject markup', () => {
    const b = arabicBriefing();
    b.title = '<b>x</b> & "q"';
    const out = env().render('<h1 title="{{title}}">{{title}}</h1>', 'visit.hbs', view(b));
    expect(out).toBe(`<h1 title="${FSI}&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot;${PDI}">${FSI}&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot;${PDI}</h1>`);
  });

  it('escapes data that goes through helpers', () => {
    const b = arabicBriefing();
    b.visit.topics = ['<i>a</i>', 'b & c'];
    b.visit.meetings = [{ name: '<x/>' }];
    b.visit.summary = '<p>one</p>\n\ntwo & three';
    const out = env('en').render('{{list visit.topics}}|{{names visit.meetings}}|{{#paragraphs visit.summary}}[{{this}}]{{/paragraphs}}', 't.hbs', view(b));
    expect(bare(out)).toBe('&lt;i&gt;a&lt;/i&gt; and b &amp; c|&lt;x/&gt;|[&lt;p&gt;one&lt;/p&gt;][two &amp; three]');
  });

  it('never lets a field produce a tag, whatever it contains (property)', () => {
    const e = env('en');
    // only data in the output: every markup character in it must come out as an entity
    const template = '{{title}}|{{list visit.topics}}|{{names visit.meetings}}|{{#paragraphs visit.summary}}{{this}}{{/paragraphs}}';
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.string(), (title, topics, summary) => {
        const b = minimalBriefing();
        b.title = title;
        b.visit.topics = topics;
        b.visit.summary = summary;
        b.visit.meetings = topics.map((name) => ({ name }));
        const out = e.render(template, 't.hbs', view(b));
        expect(out).not.toMatch(/[<>"'`=]/);
        expect(out.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, '')).not.toContain('&');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses triple-stash and {{& x}} with the line', () => {
    let err = templateError(() => env().render('<a>\n  {{{title}}}\n</a>', 'visit.hbs', view()));
    expect(err.file).toBe('visit.hbs');
    expect(err.problems[0]).toMatchObject({ line: 2, column: 3 });
    expect(err.message).toMatch(/without escaping/);
    err = templateError(() => env().render('x\n\n{{& title}}', 'visit.hbs', view()));
    expect(err.problems[0]).toMatchObject({ line: 3, column: 1 });
    err = templateError(() => env().render('{{#if title}}\n{{{visit.country}}}{{/if}}', 'visit.hbs', view()));
    expect(err.problems[0]).toMatchObject({ line: 2 });
  });

  it('refuses triple-stash in partials too', () => {
    const err = templateError(() => env().registerPartial('head', 'ok\n{{{title}}}', 'partials/head.hbs'));
    expect(err.file).toBe('partials/head.hbs');
    expect(err.problems[0]).toMatchObject({ line: 2 });
  });

  it('refuses non-block helpers used as blocks (their result would not be escaped), and has no lookup helper', () => {
    let err = templateError(() => env().render('\n{{#list visit.topics}}{{/list}}', 't.hbs', view()));
    expect(err.problems[0]).toMatchObject({ line: 2 });
    expect(err.message).toMatch(/not a block helper/);
    err = templateError(() => env().render('{{#lookup visit "country"}}{{/lookup}}', 't.hbs', view()));
    expect(err.message).toMatch(/lookup/);
  });

  it('uses an isolated Handlebars instance', () => {
    const global = Handlebars as unknown as { JavaScriptCompiler: unknown };
    const before = global.JavaScriptCompiler;
    const e = env();
    e.registerPartial('only-here', 'x');
    expect(global.JavaScriptCompiler).toBe(before);
    expect(Handlebars.helpers['lookup']).toBeDefined();
    expect(Handlebars.helpers['date']).toBeUndefined();
    expect(Handlebars.partials['only-here']).toBeUndefined();
    // the global instance keeps its lenient behaviour
    expect(Handlebars.compile('{{#if a.b}}y{{/if}}', { strict: true })({ a: {} })).toBe('');
    // and other environments do not see this one's partials
    expect(() => env().render('{{> only-here}}', 't.hbs', view())).toThrow(/unknown partial "only-here"/);
  });
});

describe('strict mode', () => {
  it('reports a misspelled field with the file, line and column', () => {
    const err = templateError(() => env().render('<page>\n  <h1>{{titel}}</h1>\n</page>', 'templates/visit.hbs', view()));
    expect(err.file).toBe('templates/visit.hbs');
    expect(err.problems).toEqual([{ message: 'unknown field or helper "titel"', line: 2, column: 9 }]);
    expect(err.format()).toBe('templates/visit.hbs:2:9: unknown field or helper "titel"');
  });

  it('reports misspellings in helper arguments, conditions, loops and block params', () => {
    const cases: [string, number, string][] = [
      ['a\nb {{#if visit.ctiy}}x{{/if}}', 2, 'visit.ctiy'],
      ['{{date visit.form}}', 1, 'visit.form'],
      ['\n\n{{#each visit.meetinsg}}x{{/each}}', 3, 'visit.meetinsg'],
      ['{{#each visit.meetings}}\n{{nmae}}{{/each}}', 2, 'nmae'],
      ['{{#each visit.meetings as |m|}}\n\n{{m.nmae}}{{/each}}', 3, 'm.nmae'],
      ['{{list visit.topics type=kind}}', 1, 'kind'],
      ['{{#if (eq mission.acronim "NMI")}}{{/if}}', 1, 'mission.acronim'],
      ['{{@root.titel}}', 1, '@root.titel'],
      ['{{dat visit.from}}', 1, 'dat'],
    ];
    for (const [source, line, expression] of cases) {
      const err = templateError(() => env().render(source, 't.hbs', view()));
      expect(err.problems[0]?.line, source).toBe(line);
      expect(err.problems[0]?.message, source).toBe(`unknown field or helper "${expression}"`);
    }
  });

  it('makes optional fields testable when absent', () => {
    const source = [
      '{{#if visit.city}}city:{{visit.city}}{{else}}no city{{/if}}',
      '[{{visit.city}}]',
      '{{#each visit.meetings}}{{name}}{{else}}no meetings{{/each}}',
      '{{#with mission}}{{name}}{{else}}no mission{{/with}}',
      '{{#if mission}}{{mission.name}}{{/if}}',
      '{{#unless quotes}}no quotes{{/unless}}',
      '{{#if visit.visitor.role}}role{{else}}no role{{/if}}',
      '[{{date visit.to}}][{{list visit.topics}}]',
    ].join('\n');
    const out = env('en').render(source, 't.hbs', view(minimalBriefing()));
    expect(out).toBe(['no city', '[]', 'no meetings', 'no mission', '', 'no quotes', 'no role', '[][]'].join('\n'));
    const full = env('ar').render(source, 't.hbs', view());
    expect(bare(full).split('\n')).toEqual([
      'city:بغداد',
      '[بغداد]',
      'وزير الدفاعNSA',
      'بعثة الناتو في العراق',
      'بعثة الناتو في العراق',
      '',
      'role',
      '[5 فبراير 2025][الأمن الإقليمي، التدريب، وNATO Mission Iraq]',
    ]);
  });

  it('reports reading through an absent object', () => {
    const err = templateError(() => env('en').render('\n{{#if mission.name}}x{{/if}}', 't.hbs', view(minimalBriefing())));
    expect(err.problems[0]).toMatchObject({ line: 2, column: 7 });
    expect(err.message).toMatch(/cannot read "name" in "mission.name": the value before it is absent/);
  });

  it('reports Handlebars syntax errors with line and column', () => {
    let err = templateError(() => env().render('<a>\n\n  {{#if title}\n</a>', 'visit.hbs', view()));
    expect(err.file).toBe('visit.hbs');
    expect(err.problems[0]).toMatchObject({ line: 3, column: 14 });
    expect(err.message).toMatch(/syntax error/);
    err = templateError(() => env().render('{{#each visit.topics}}\n{{/if}}', 'visit.hbs', view()));
    expect(err.problems[0]).toMatchObject({ message: '{{#each}} is closed by {{/if}}', line: 1 });
  });

  it('names the partial file for errors inside a partial, and checks partial names', () => {
    const e = env();
    e.registerPartial('head', '<h1>\n{{titel}}</h1>', 'partials/head.hbs');
    let err = templateError(() => e.render('{{> head}}', 'visit.hbs', view()));
    expect(err.file).toBe('partials/head.hbs');
    expect(err.problems[0]).toMatchObject({ message: 'unknown field or helper "titel"', line: 2, column: 3 });
    err = templateError(() => e.render('x\n{{> heading}}', 'visit.hbs', view()));
    expect(err.file).toBe('visit.hbs');
    expect(err.problems[0]).toMatchObject({ message: 'unknown partial "heading"', line: 2 });
    e.registerPartial('ok', '<h1>{{title}}</h1>', 'partials/ok.hbs');
    expect(bare(e.render('{{> ok}}{{#*inline "local"}}[{{visit.country}}]{{/inline}}{{> local}}', 'visit.hbs', view()))).toBe('<h1>زيارة قائد بعثة الناتو</h1>[العراق]');
  });

  it('reports helper misuse at the helper', () => {
    let err = templateError(() => env().render('\n  {{date title}}', 't.hbs', view()));
    expect(err.problems[0]).toMatchObject({ line: 2, column: 3 });
    expect(err.message).toMatch(/\{\{date\}\}: expected an ISO date/);
    err = templateError(() => env().render('{{list visit.topics typ="disjunction"}}', 't.hbs', view()));
    expect(err.message).toMatch(/unknown option typ=/);
    err = templateError(() => env().render('{{dateRange visit.to visit.from}}', 't.hbs', view()));
    expect(err.message).toMatch(/before it starts/);
    err = templateError(() => env().render('{{list visit.meetings}}', 't.hbs', view()));
    expect(err.message).toMatch(/names/);
    err = templateError(() => env().render('{{paragraphs visit.summary}}', 't.hbs', view()));
    expect(err.message).toMatch(/block helper/);
  });
});

describe('helpers', () => {
  it('formats dates in the environment language and digits', () => {
    const t = '{{date visit.from}}|{{dateRange visit.from visit.to}}|{{yearMonth mission.established}}|{{number 12345}}|{{digits "2025"}}';
    expect(env('ar').render(t, 't.hbs', view())).toBe('4 فبراير 2025|4–5 فبراير 2025|أكتوبر 2018|12,345|2025');
    expect(env('ar-IQ').render(t, 't.hbs', view())).toBe('4 شباط 2025|4–5 شباط 2025|تشرين الأول 2018|12,345|2025');
    expect(env('ar', 'arab').render(t, 't.hbs', view())).toBe('٤ فبراير ٢٠٢٥|٤–٥ فبراير ٢٠٢٥|أكتوبر ٢٠١٨|١٢٬٣٤٥|٢٠٢٥');
    expect(env('en').render(t, 't.hbs', view())).toBe('4 February 2025|4–5 February 2025|October 2018|12,345|2025');
  });

  it('joins lists and names, optionally as a disjunction', () => {
    const b = arabicBriefing();
    b.visit.topics = ['الأمن', 'التدريب', 'الإصلاح'];
    const t = '{{list visit.topics}}|{{names visit.meetings}}|{{list visit.topics type="disjunction"}}';
    expect(bare(env('ar').render(t, 't.hbs', view(b)))).toBe('الأمن، التدريب، والإصلاح|وزير الدفاع وNSA|الأمن، التدريب، أو الإصلاح');
    b.lang = 'en';
    b.visit.topics = ['security', 'training', 'reform'];
    expect(bare(env('en').render(t, 't.hbs', view(b)))).toBe('security, training and reform|وزير الدفاع and NSA|security, training or reform');
  });

  it('keeps each list item an isolate', () => {
    expect(env('ar').render('{{names visit.meetings}}', 't.hbs', view())).toBe(`${FSI}وزير الدفاع${PDI} و${FSI}NSA${PDI}`);
  });

  it('looks labels up by exact tag, then primary subtag, never English unasked', () => {
    const extra: Labels = { visitSummary: { ar: 'ملخص الزيارة', 'ar-IQ': 'خلاصة الزيارة', en: 'Visit summary' }, onlyEnglish: { en: 'English only' } };
    const t = '{{label "visitSummary"}}';
    expect(env('ar-IQ', 'latn', extra).render(t, 't.hbs', view())).toBe('خلاصة الزيارة');
    expect(env('ar-EG', 'latn', extra).render(t, 't.hbs', view())).toBe('ملخص الزيارة');
    expect(env('ar', 'latn', extra).render(t, 't.hbs', view())).toBe('ملخص الزيارة');
    const missing = templateError(() => env('ar', 'latn', extra).render('{{label "onlyEnglish"}}', 't.hbs', view()));
    expect(missing.problems[0]!.message).toBe(
      '{{label}}: label "onlyEnglish" has no "ar" text in labels.json (add it, or ask for a fallback language with --label-fallback)',
    );
    const err = templateError(() => env('ar').render('\n{{label "visitSumary"}}', 't.hbs', view()));
    expect(err.problems[0]).toMatchObject({ message: '{{label}}: unknown label "visitSumary" (not in labels.json)', line: 2 });
  });

  it('sets a fallback label asked for as an isolate of its own direction', () => {
    const extra: Labels = { onlyEnglish: { en: 'Data version' }, onlyArabic: { ar: 'نسخة البيانات' } };
    const fallback = (lang: string, to: string) =>
      createTemplateEnvironment({ lang, digits: 'latn', labels: { labels: { ...labels, ...extra }, files: ['labels.json'] }, labelFallback: to });
    // LRI … PDI: a left-to-right label inside a right-to-left line cannot reorder it ("9ca65039 :Data version")
    expect(fallback('ar', 'en').render('{{label "onlyEnglish"}}', 't.hbs', view())).toBe('\u2066Data version\u2069');
    expect(fallback('en', 'ar').render('{{label "onlyArabic"}}', 't.hbs', view(minimalBriefing()))).toBe('\u2067نسخة البيانات\u2069');
  });

  it('iterates paragraphs, each re-wrapped as an isolate', () => {
    const t = '{{#paragraphs visit.summary}}<p n="{{@index}}" first="{{@first}}" last="{{@last}}">{{this}}</p>{{/paragraphs}}';
    expect(env().render(t, 't.hbs', view())).toBe(
      `<p n="0" first="true" last="false">${FSI}الفقرة الأولى.\nسطر ثان.${PDI}</p><p n="1" first="false" last="true">${FSI}الفقرة الثانية عن NMI.${PDI}</p>`,
    );
    const withParams = '{{#paragraphs mission.mandate as |p i|}}{{i}}:{{p}};{{/paragraphs}}';
    expect(bare(env().render(withParams, 't.hbs', view()))).toBe('0:تقديم المشورة.;1:بناء القدرات.;');
    const b = minimalBriefing();
    b.visit.summary = '  \n\n ';
    expect(env('en').render('{{#paragraphs visit.summary}}x{{else}}empty{{/paragraphs}}', 't.hbs', view(b))).toBe('empty');
  });

  it('has eq/and/or/not for conditions (eq looks inside isolates)', () => {
    const t = [
      '{{#if (eq mission.acronym "NMI")}}nmi{{/if}}',
      '{{#if (eq page "A4")}}a4{{/if}}',
      '{{#if (and visit.city mission)}}both{{/if}}',
      '{{#if (and visit.city quotes (not classification))}}no{{else}}not all{{/if}}',
      '{{#if (or subtitle visit.city)}}any{{/if}}',
      '{{#if (not (eq direction "ltr"))}}rtl{{/if}}',
    ].join('|');
    expect(env().render(t, 't.hbs', view())).toBe('nmi|a4|both|not all|any|rtl');
    const m = view(minimalBriefing());
    expect(env('en').render('{{#if (or visit.city visit.topics mission)}}any{{else}}none{{/if}}', 't.hbs', m)).toBe('none');
  });

  it('applies the digit style to text', () => {
    expect(env('ar', 'arab').render('{{digits "صفحة 1 من 2"}}', 't.hbs', view())).toBe('صفحة ١ من ٢');
    expect(env('ar', 'arab').render('{{digits fingerprint}}', 't.hbs', view())).toBe(`${FSI}٣fa٢b١c٠${PDI}`);
  });

  it('formats a generatedAt date-time', () => {
    const v = buildView(minimalBriefing(), { fingerprint: 'x', direction: 'ltr', generatedAt: '2025-02-06T09:15:00.000Z' });
    expect(env('en').render('{{label "generated"}} {{date generatedAt}}', 't.hbs', v)).toBe('Generated 6 February 2025');
  });
});

describe('createTemplateEnvironment', () => {
  it('rejects a bad language tag or digit style', () => {
    expect(() => createTemplateEnvironment({ lang: 'no such tag!', digits: 'latn', labels: { labels, files: ['labels.json'] } })).toThrow(BriefingError);
    expect(() => createTemplateEnvironment({ lang: 'ar', digits: 'roman' as 'latn', labels: { labels, files: ['labels.json'] } })).toThrow(/digit style/);
  });
});

describe('dates kept between renders', () => {
  const set = { labels, files: ['labels.json'] };
  const template = '<p>{{date date}} {{dateRange visit.from visit.to}} {{yearMonth mission.established}}</p>';
  const withMemo = (cache: RenderCache, b: Briefing) => {
    const key = `${b.lang}|${b.calendar.join(',')}`;
    return createTemplateEnvironment({
      lang: b.lang,
      digits: b.digits,
      labels: set,
      calendar: b.calendar,
      memo: { compiled: scoped(cache.memo('compiled'), key), formats: cache.memo('formats'), dates: scoped(cache.memo('dates'), key) },
    });
  };
  /** What an environment without a memo writes for `b`. */
  const freshText = (b: Briefing, labelFallback?: string) =>
    createTemplateEnvironment({ lang: b.lang, digits: b.digits, labels: set, calendar: b.calendar, ...(labelFallback ? { labelFallback } : {}) }).render(template, 'x.hbs', view(b));

  it('writes each date once per environment, the text a fresh environment writes; another value, language or calendar is written anew', () => {
    const cache = new RenderCache();
    const written = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const rangeWritten = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatRangeToParts');
    const asked = () => written.mock.calls.length + rangeWritten.mock.calls.length;
    try {
      for (const [lang, calendar] of [['ar', ['gregory']], ['he', ['hebrew', 'gregory']], ['ar', ['islamic-umalqura', 'gregory']]] as const) {
        const b: Briefing = { ...arabicBriefing(), lang, calendar: [...calendar] };
        const fresh = freshText(b);
        cache.beginRender();
        const before = asked();
        const first = withMemo(cache, b).render(template, 'x.hbs', view(b));
        expect(first).toBe(fresh);
        expect(asked(), `${lang} ${calendar.join('+')}: ICU writes the dates`).toBeGreaterThan(before);
        cache.beginRender();
        const kept = asked();
        expect(withMemo(cache, b).render(template, 'x.hbs', view(b))).toBe(fresh);
        expect(asked(), 'the second render writes no date').toBe(kept);
        // Another day: written anew, and right.
        const later: Briefing = { ...b, date: '2025-03-01', visit: { ...b.visit!, from: '2025-03-01', to: '2025-03-02' } };
        const freshLater = freshText(later);
        expect(withMemo(cache, b).render(template, 'x.hbs', view(later))).toBe(freshLater);
        expect(freshLater).not.toBe(fresh);
      }
    } finally {
      written.mockRestore();
      rangeWritten.mockRestore();
    }
  });

  it('keeps them apart per environment in a renderer: briefings that differ in calendar, digits or label fallback each get their own dates', () => {
    const engines = new RenderEngines();
    const briefings: [Briefing, string | undefined][] = [
      [{ ...arabicBriefing(), calendar: ['gregory'] }, undefined],
      [{ ...arabicBriefing(), calendar: ['islamic-umalqura', 'gregory'] }, undefined],
      [{ ...arabicBriefing(), digits: 'arab' }, undefined],
      [{ ...arabicBriefing(), lang: 'ckb', calendar: ['gregory'] }, 'ar'],
    ];
    const fresh = briefings.map(([b, fallback]) => freshText(b, fallback));
    expect(new Set(fresh).size, 'four different texts to tell apart').toBe(4);
    // Twice round, one cache: each is its own, the second time from the memo.
    for (let round = 0; round < 2; round++) {
      engines.beginRender();
      briefings.forEach(([b, fallback], k) => {
        expect(engines.templateEnvironment(set, b, fallback).render(template, 'x.hbs', view(b)), `${b.lang} ${b.calendar.join('+')} ${b.digits}`).toBe(fresh[k]);
      });
      engines.endRender();
    }
  });
});
