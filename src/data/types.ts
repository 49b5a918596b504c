import type { DigitStyle } from '../language/locale.js';

/**
 * The data contract (v1.1), as the rest of the pipeline sees it after loading, validating and localizing:
 * every text field is a plain string in the briefing's language. Field names are public interface.
 */

/** A text field in the file: a string, or a map from BCP 47 tag to string (`{ar: "…", en: "…"}`). */
export type RawText = string | Record<string, string>;

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Person {
  name: string;
  role?: string;
}

export interface Commander {
  name: string;
  role?: string;
  nationality?: string;
}

export interface Source {
  name?: string;
  section?: string;
  url?: string;
}

/** The visitor: a person, and optionally a photo (a path inside the data file's folder). */
export interface Visitor extends Person {
  photo?: string;
}

/** One entry of a visit's programme. */
export interface ProgrammeEntry {
  /** `HH:MM`, or a date-time `YYYY-MM-DDTHH:MM` for a programme over several days. */
  time: string;
  item: string;
  place?: string;
}

export interface Visit {
  visitor: Visitor;
  accompaniedBy?: Person[];
  country: string;
  city?: string;
  from: IsoDate;
  to?: IsoDate;
  meetings?: Person[];
  topics?: string[];
  /** Paragraphs separated by a blank line. */
  summary: string;
  programme?: ProgrammeEntry[];
}

export interface Mission {
  name: string;
  acronym?: string;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  established?: string;
  launched?: string;
  headquarters?: string;
  commander?: Commander;
  nature?: string;
  mandate: string;
  advises?: string[];
  objectives?: string[];
}

export interface Quote {
  text: string;
  speaker: string;
  role?: string;
  context?: string;
}

export type { DigitStyle } from '../language/locale.js';
export type PageSize = 'A4' | 'Letter';

/** A briefing with every text resolved to one language. */
export interface Briefing {
  /** The language the texts were resolved to (BCP 47). */
  lang: string;
  digits: DigitStyle;
  /** ICU calendars of the printed dates: one, or two for dual dates (primary first). */
  calendar: readonly string[];
  template?: string;
  page: PageSize;
  classification?: string;
  title: string;
  subtitle?: string;
  date: IsoDate;
  source?: Source;
  visit: Visit;
  mission?: Mission;
  quotes?: Quote[];
}

/** A loaded data file: the raw (validated, not yet localized) data and where it came from. */
export interface LoadedBriefing {
  /** Path of the data file as given. */
  file: string;
  /** The validated data, text fields still `RawText`. */
  raw: Record<string, unknown>;
  /** The file's own default language (`lang` field). */
  lang: string;
  /** First 8 hex digits of the SHA-256 of the canonical JSON form of `raw`. */
  fingerprint: string;
  /**
   * Where each value is in the file: formatted field path (`quotes[1].speaker`, `` for the root) → 1-based
   * line and column. Lets later stages (localization) point at the line of a field. Absent for data that did
   * not come from a file.
   */
  locations?: ReadonlyMap<string, { line: number; column: number }>;
  /**
   * The data file's bytes exactly as read (the text as given, UTF-8, when it did not come from a file). The PDF
   * embeds them as its source file; `briefing extract` writes them back.
   */
  source: Uint8Array;
}
