/**
 * The view a template renders: a deep copy of the briefing in which
 *  - every text string is a bidi isolate (U+2068 FSI + text + U+2069 PDI, see isolate.ts), so a field inserted into a
 *    template sentence cannot reorder its neighbours. Empty strings stay empty.
 *  - codes and dates stay raw: `lang`, `digits`, `template`, `page`, `date`, `visit.from`, `visit.to`,
 *    `visit.programme[].time`, `mission.established` (the helpers `date`, `dateRange`, `yearMonth` format dates). `mission.launched` is free text
 *    in the contract and is wrapped; the date helpers accept a wrapped value too.
 *  - every optional field of the contract is present, as `null` when absent, so strict templates can test it with
 *    `{{#if visit.city}}` while a misspelled field is still an error (see environment.ts).
 *  - `summary` and `mandate` stay one string each; the `paragraphs` block helper splits them.
 *  - `visit.visitor.photo` is wrapped like text: the isolate marks it as coming from the data, so an `<image src>`
 *    holding it is taken inside the data file's folder (src/images/load.ts).
 * Plus `fingerprint` (wrapped: it is text on the page), `direction` and `generatedAt` (raw, `null` when not given),
 * and `letterhead` (from the theme: `logo` raw, so it is taken beside the template; `name` wrapped).
 */

import type { Briefing, Commander, Mission, Person, ProgrammeEntry, Quote, Source, Visit, Visitor } from '../data/types.js';
import type { LetterheadView } from '../theme/theme.js';
import { isIsolated, isolate, unisolate } from './isolate.js';

/** `T` as the view holds it: optional properties become required `| null`, arrays and objects recursively. */
export type ViewOf<T> = T extends string | number | boolean
  ? T
  : T extends readonly (infer E)[]
    ? ViewOf<E>[]
    : T extends object
      ? { [K in keyof T]-?: undefined extends T[K] ? ViewOf<Exclude<T[K], undefined>> | null : ViewOf<T[K]> }
      : T;

export type PersonView = ViewOf<Person>;
export type VisitorView = ViewOf<Visitor>;
export type ProgrammeEntryView = ViewOf<ProgrammeEntry>;
export type CommanderView = ViewOf<Commander>;
export type SourceView = ViewOf<Source>;
export type VisitView = ViewOf<Visit>;
export type MissionView = ViewOf<Mission>;
export type QuoteView = ViewOf<Quote>;

export type { TextDirection } from '../language/locale.js';
import type { TextDirection } from '../language/locale.js';

export type TemplateView = ViewOf<Briefing> & {
  /** First 8 hex digits of the data's fingerprint, wrapped as an isolate. */
  fingerprint: string;
  direction: TextDirection;
  /** When the document was generated (raw ISO date or date-time), `null` when not given. */
  generatedAt: string | null;
  /** The theme's letterhead: `logo` raw (a path beside the template), `name` wrapped; `null` without one. */
  letterhead: LetterheadView | null;
};

export interface ViewExtra {
  fingerprint: string;
  direction: TextDirection;
  generatedAt?: string;
  letterhead?: LetterheadView;
}

function text(value: string): string;
function text(value: string | undefined): string | null;
function text(value: string | undefined): string | null {
  return value == null ? null : isolate(value);
}

function raw(value: string | undefined): string | null {
  return value == null ? null : value;
}

function texts(values: readonly string[] | undefined): string[] | null {
  return values == null ? null : values.map((v) => isolate(v));
}

function person(p: Person): PersonView {
  return { name: text(p.name), role: text(p.role) };
}

function people(list: readonly Person[] | undefined): PersonView[] | null {
  return list == null ? null : list.map(person);
}

function visitor(v: Visitor): VisitorView {
  return { name: text(v.name), role: text(v.role), photo: text(v.photo) };
}

function programmeEntry(e: ProgrammeEntry): ProgrammeEntryView {
  return { time: e.time, item: text(e.item), place: text(e.place) };
}

function commander(c: Commander): CommanderView {
  return { name: text(c.name), role: text(c.role), nationality: text(c.nationality) };
}

function source(s: Source): SourceView {
  return { name: text(s.name), section: text(s.section), url: text(s.url) };
}

function visit(v: Visit): VisitView {
  return {
    visitor: visitor(v.visitor),
    accompaniedBy: people(v.accompaniedBy),
    country: text(v.country),
    city: text(v.city),
    from: v.from,
    to: raw(v.to),
    meetings: people(v.meetings),
    topics: texts(v.topics),
    summary: text(v.summary),
    programme: v.programme == null ? null : v.programme.map(programmeEntry),
  };
}

function mission(m: Mission): MissionView {
  return {
    name: text(m.name),
    acronym: text(m.acronym),
    established: raw(m.established),
    launched: text(m.launched),
    headquarters: text(m.headquarters),
    commander: m.commander == null ? null : commander(m.commander),
    nature: text(m.nature),
    mandate: text(m.mandate),
    advises: texts(m.advises),
    objectives: texts(m.objectives),
  };
}

function quote(q: Quote): QuoteView {
  return { text: text(q.text), speaker: text(q.speaker), role: text(q.role), context: text(q.context) };
}

/** The template view of a briefing (a new object; the briefing is not modified). */
export function buildView(briefing: Briefing, extra: ViewExtra): TemplateView {
  return {
    lang: briefing.lang,
    digits: briefing.digits,
    calendar: [...briefing.calendar],
    template: raw(briefing.template),
    page: briefing.page,
    classification: text(briefing.classification),
    title: text(briefing.title),
    subtitle: text(briefing.subtitle),
    date: briefing.date,
    source: briefing.source == null ? null : source(briefing.source),
    visit: visit(briefing.visit),
    mission: briefing.mission == null ? null : mission(briefing.mission),
    quotes: briefing.quotes == null ? null : briefing.quotes.map(quote),
    fingerprint: isolate(extra.fingerprint),
    direction: extra.direction,
    generatedAt: raw(extra.generatedAt),
    letterhead: extra.letterhead ? { logo: extra.letterhead.logo, name: isolate(extra.letterhead.name) } : null,
  };
}

/**
 * The paragraphs of a text: split on blank lines (lines holding only white space), each trimmed, empty ones dropped.
 * A text wrapped as one isolate (as the view holds it) gives paragraphs each wrapped as an isolate again, so the
 * FSI…PDI pairs stay balanced; an unwrapped text gives unwrapped paragraphs.
 */
export function splitParagraphs(text: string): string[] {
  const wrapped = isIsolated(text);
  const inner = wrapped ? unisolate(text) : text;
  return inner
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (wrapped ? isolate(p) : p));
}
