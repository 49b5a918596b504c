/**
 * The data contract (v1.1) as a zod schema, and the JSON Schema editors use to autocomplete the data file.
 *
 * Every object is strict (an unknown field is an error). Every *text* field is a string or a map from language
 * tag to string (`{ar: "…", en: "…"}`); required texts must not be blank. Error messages are written here, next
 * to the rule they explain; `load.ts` adds the field path and the line:column. Checks zod cannot express well
 * (real calendar dates, `visit.to` not before `visit.from`) live in `load.ts`.
 */
import { z } from 'zod';
import { DIGIT_STYLES, isKnownCalendar, knownCalendars } from '../language/locale.js';

/**
 * A BCP 47 language tag (RFC 5646) as Unicode locale identifiers and `Intl` take it (UTS #35): language, then
 * optional script, region, variants, extensions and private use — `ar`, `ar-IQ`, `zh-Hans-CN`, `de-CH-1901`,
 * `en-u-nu-thai`, `ar-Arab-u-ca-islamic`, `en-x-foo`. (Extended language subtags such as `zh-yue` are left out:
 * `Intl` refuses them; write `yue`.)
 */
export const LANG_TAG_PATTERN =
  /^(?:[a-zA-Z]{2,3}|[a-zA-Z]{5,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*(?:-[a-wyzA-WYZ\d](?:-[a-zA-Z\d]{2,8})+)*(?:-[xX](?:-[a-zA-Z\d]{1,8})+)?$/;
/** The URL schemes a link may have (the same as the markup's `<link href>`): no javascript:, file: or data:. */
export const URL_SCHEMES = /^(https?|mailto)$/;
/** `YYYY-MM-DD` (whether the day exists is checked in `load.ts`). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD` or `YYYY-MM`. */
export const ISO_DATE_OR_MONTH_PATTERN = /^\d{4}-\d{2}(?:-\d{2})?$/;

/** A short, human description of a value found where something else was expected. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'bigint') return `a number (${String(value)})`;
  if (typeof value === 'boolean') return `a boolean (${String(value)})`;
  if (value instanceof Date) return 'a YAML timestamp';
  if (value instanceof Uint8Array) return 'binary data';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

/** Extra advice for values YAML typed on its own: `title: 2025`, `date: !!timestamp 2025-02-04`. */
function quoteHint(value: unknown): string {
  if (value instanceof Date) {
    const day = Number.isNaN(value.getTime()) ? 'YYYY-MM-DD' : value.toISOString().slice(0, 10);
    return `; write the date in quotes, e.g. "${day}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `; to use it as text, put it in quotes: "${String(value)}"`;
  return '';
}

/** An error map: `expected <what>, got <value>` (a missing value is reported as `required` by `load.ts`). */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'required' : `expected ${what}, got ${describeValue(issue.input)}${quoteHint(issue.input)}`;
}

const notBlank = (s: string) => s.trim().length > 0;

const TEXT_WHAT = 'text (a string, or a map from language tag to string)';

/** A text field; `required` texts (and each of their translations) must not be blank. */
function text(required: boolean, title: string, description: string) {
  const plain = required
    ? z.string({ error: expected('a string') }).min(1, { error: 'empty' }).refine(notBlank, { error: 'empty' })
    : z.string({ error: expected('a string') });
  const translations = z
    .record(
      z.string().regex(LANG_TAG_PATTERN, {
        error: (issue) => `${describeValue(issue.input)} is not a language tag (expected e.g. ar, en, ar-IQ)`,
      }),
      plain,
    )
    .refine((map) => Object.keys(map).length > 0, { error: 'empty: a translation map needs at least one language' });
  return z.union([plain, translations], { error: expected(TEXT_WHAT) }).meta({
    title,
    description: `${description} A string, or a map from language tag to string ({ar: "…", en: "…"}).`,
  });
}

/** The calendars ICU knows, listed in the JSON Schema so editors complete them. */
const calendarName = z.enum(knownCalendars() as [string, ...string[]], {
  error: (issue) =>
    typeof issue.input === 'string'
      ? `unknown calendar ${describeValue(issue.input)} (known: ${knownCalendars().join(', ')})`
      : expected('a calendar name, e.g. gregory, islamic-umalqura, persian, hebrew')(issue),
});

/** What is wrong with a calendar name or list of names, said plainly (zod's union would only say "invalid"). */
export function calendarProblem(input: unknown): string | undefined {
  const names = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
  if (names === undefined) return undefined;
  if (names.length === 0) return 'empty: name one or two calendars';
  if (names.length > 2) return `at most two calendars (primary first), got ${names.length}`;
  const unknown = names.find((name) => typeof name !== 'string' || !isKnownCalendar(name));
  return unknown === undefined ? undefined : `unknown calendar ${describeValue(unknown)} (known: ${knownCalendars().join(', ')})`;
}

/** One ICU calendar, or two for dual dates (primary first). */
export const calendarSchema = z
  .union([calendarName, z.array(calendarName).min(1, { error: 'empty: name one or two calendars' }).max(2, { error: 'at most two calendars (primary first)' })], {
    error: (issue) => calendarProblem(issue.input) ?? expected('a calendar name or a list of two, e.g. [islamic-umalqura, gregory]')(issue),
  })
  .meta({
    title: 'Calendar',
    description:
      'Calendar of the dates the templates print: an ICU calendar name (gregory, the default; islamic-umalqura, islamic-civil, persian, hebrew, …) or a list of two for dual dates, primary first.',
  })
  .optional();

const requiredText = (title: string, description: string) => text(true, title, description);
const optionalText = (title: string, description: string) => text(false, title, description).optional();

const isoDate = (title: string, description: string) =>
  z
    .string({ error: expected('an ISO date YYYY-MM-DD') })
    .regex(ISO_DATE_PATTERN, { error: expected('an ISO date YYYY-MM-DD') })
    .meta({ title, description: `${description} ISO date YYYY-MM-DD.`, examples: ['2025-02-04'] });

const strict = <T extends z.core.$ZodLooseShape>(shape: T, title: string, description: string) =>
  z.strictObject(shape, { error: expected('a map of fields') }).meta({ title, description });

const list = <T extends z.ZodType>(item: T, title: string, description: string) =>
  z.array(item, { error: expected('a list') }).meta({ title, description }).optional();

const person = (what: string) =>
  strict(
    {
      name: requiredText('Name', `Name of the ${what}.`),
      role: optionalText('Role', `Role or title of the ${what}.`),
    },
    what[0]!.toUpperCase() + what.slice(1),
    `A ${what}: name and, optionally, role.`,
  );

const sourceSchema = strict(
  {
    name: optionalText('Source name', 'Who produced the information, e.g. an agency or a newspaper.'),
    section: optionalText('Section', 'Section or department of the source.'),
    url: z
      .url({ protocol: URL_SCHEMES, error: expected('an http, https or mailto URL') })
      .meta({ title: 'URL', description: 'Link to the source (http, https or mailto).' })
      .optional(),
  },
  'Source',
  'Where the information comes from; every field optional.',
).optional();

/** `HH:MM`, or `YYYY-MM-DDTHH:MM` (whether the day exists is checked in `load.ts`). */
export const PROGRAMME_TIME_PATTERN = /^(?:\d{4}-\d{2}-\d{2}T)?(?:[01]\d|2[0-3]):[0-5]\d$/;

const programmeEntry = strict(
  {
    time: z
      .string({ error: expected('a time HH:MM or a date-time YYYY-MM-DDTHH:MM') })
      .regex(PROGRAMME_TIME_PATTERN, { error: expected('a time HH:MM (00:00–23:59) or a date-time YYYY-MM-DDTHH:MM') })
      .meta({ title: 'Time', description: 'When: HH:MM (24-hour), or YYYY-MM-DDTHH:MM for a programme over several days.', examples: ['09:30', '2025-02-04T09:30'] }),
    item: requiredText('Item', 'What happens.'),
    place: optionalText('Place', 'Where it happens.'),
  },
  'Programme entry',
  'One entry of the visit programme: time, item and, optionally, place.',
);

const visitorSchema = strict(
  {
    name: requiredText('Name', 'Name of the visitor.'),
    role: optionalText('Role', 'Role or title of the visitor.'),
    photo: z
      .string({ error: expected('a path to a PNG, JPEG or SVG file') })
      .min(1, { error: 'empty' })
      .meta({ title: 'Photo', description: "Photo of the visitor: a PNG, JPEG or SVG file, relative to the data file's folder and inside it." })
      .optional(),
  },
  'Visitor',
  'The visitor: name, and optionally role and photo.',
);

const visitSchema = strict(
  {
    visitor: visitorSchema,
    accompaniedBy: list(person('person accompanying the visitor'), 'Accompanied by', 'People travelling with the visitor.'),
    country: requiredText('Country', 'Country visited.'),
    city: optionalText('City', 'City visited.'),
    from: isoDate('From', 'First day of the visit.'),
    to: isoDate('To', 'Last day of the visit (not before `from`); omit for a one-day visit.').optional(),
    meetings: list(person('person met'), 'Meetings', 'People the visitor meets.'),
    topics: list(requiredText('Topic', 'One topic.'), 'Topics', 'Topics of the visit.'),
    summary: requiredText('Summary', 'Summary of the visit; paragraphs separated by a blank line.'),
    programme: list(programmeEntry, 'Programme', 'The programme of the visit, in order (contract v1.1).'),
  },
  'Visit',
  'The visit the briefing is about.',
);

const missionSchema = strict(
  {
    name: requiredText('Mission name', 'Full name of the mission.'),
    acronym: z
      .string({ error: expected('a string') })
      .meta({ title: 'Acronym', description: 'Short name, e.g. UNAMI (not translated).' })
      .optional(),
    established: z
      .string({ error: expected('an ISO date YYYY-MM-DD or a month YYYY-MM') })
      .regex(ISO_DATE_OR_MONTH_PATTERN, { error: expected('an ISO date YYYY-MM-DD or a month YYYY-MM') })
      .meta({ title: 'Established', description: 'When the mission was established: YYYY-MM-DD or YYYY-MM.' })
      .optional(),
    launched: optionalText('Launched', 'When or how the mission was launched, in words.'),
    headquarters: optionalText('Headquarters', 'Where the mission is based.'),
    commander: strict(
      {
        name: requiredText('Name', 'Name of the commander.'),
        role: optionalText('Role', 'Rank or title of the commander.'),
        nationality: optionalText('Nationality', 'Nationality of the commander.'),
      },
      'Commander',
      'Head of the mission.',
    ).optional(),
    nature: optionalText('Nature', 'Nature of the mission, e.g. advisory, non-combat.'),
    mandate: requiredText('Mandate', 'What the mission is mandated to do.'),
    advises: list(requiredText('Advised body', 'One body the mission advises.'), 'Advises', 'Bodies the mission advises.'),
    objectives: list(requiredText('Objective', 'One objective.'), 'Objectives', 'Objectives of the mission.'),
  },
  'Mission',
  'The mission the visit relates to.',
).optional();

const quoteSchema = strict(
  {
    text: requiredText('Quote', 'What was said.'),
    speaker: requiredText('Speaker', 'Who said it.'),
    role: optionalText('Role', "The speaker's role or title."),
    context: optionalText('Context', 'Where or when it was said.'),
  },
  'Quote',
  'A quotation.',
);

/** The whole data file (contract v1.1: v1 plus `visit.programme` and `visit.visitor.photo`). */
export const briefingSchema = z
  .strictObject(
    {
      $schema: z
        .string({ error: expected('a string') })
        .meta({ title: 'JSON Schema', description: 'Optional link to this schema, for editors; ignored.' })
        .optional(),
      lang: z
        .string({ error: expected('a language tag, e.g. ar, en, ar-IQ') })
        .regex(LANG_TAG_PATTERN, { error: expected('a language tag, e.g. ar, en, ar-IQ') })
        .meta({
          title: 'Language',
          description: 'Default language of the file (BCP 47 tag, e.g. ar, en, ar-IQ); texts are resolved to it.',
          examples: ['ar', 'en'],
        }),
      digits: z
        .enum(DIGIT_STYLES, { error: expected(`one of: ${DIGIT_STYLES.join(', ')}`) })
        .meta({
          title: 'Digits',
          description:
            'Digits for numbers and dates: latn (0-9, default), arab (٠-٩; ۰-۹ in Persian, Urdu, Pashto, Sindhi), arabext (۰-۹), native (the language\'s own default in CLDR).',
        })
        .optional(),
      calendar: calendarSchema,
      template: z
        .string({ error: expected('a template name or path') })
        .min(1, { error: 'empty' })
        .meta({ title: 'Template', description: 'Template name or path to a template file.' })
        .optional(),
      page: z
        .enum(['A4', 'Letter'], { error: expected('one of: A4, Letter') })
        .meta({ title: 'Page size', description: 'Paper size: A4 (default) or Letter.' })
        .optional(),
      classification: optionalText('Classification', 'Classification marking, e.g. "Restricted".'),
      title: requiredText('Title', 'Title of the briefing.'),
      subtitle: optionalText('Subtitle', 'Line under the title.'),
      date: isoDate('Date', 'Date of the briefing.'),
      source: sourceSchema,
      visit: visitSchema,
      mission: missionSchema,
      quotes: list(quoteSchema, 'Quotes', 'Quotations to print.'),
    },
    { error: expected('a map of fields') },
  )
  .meta({
    title: 'Briefing data (contract v1.1)',
    description: 'The data of a one-page briefing. Text fields are a string or a map from language tag to string.',
  });

/** The validated data file, text fields not yet localized. */
export type RawBriefing = z.output<typeof briefingSchema>;

/** The JSON Schema (draft 2020-12) of the data file, with titles and descriptions, for editors. */
export function briefingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(briefingSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  addTranslationMapRules(schema);
  return schema;
}

/** zod's refinements do not reach JSON Schema: a translation map needs at least one entry. */
function addTranslationMapRules(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addTranslationMapRules(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'object' && record.propertyNames !== undefined) record.minProperties = 1;
  for (const value of Object.values(record)) addTranslationMapRules(value);
}

/** The field names a strict object at `path` accepts (for "did you mean" hints); `[]` if not an object. */
export function fieldsAt(path: readonly (string | number)[]): string[] {
  const unwrap = (schema: unknown): unknown => (schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema);
  let schema: unknown = briefingSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === 'number' && schema instanceof z.ZodArray) schema = schema.element;
    else if (typeof segment === 'string' && schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[segment];
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
