/**
 * Attribute parsers: each element module declares its attributes with these, and the parser turns the strings of
 * the markup into typed, checked values. Styles and colours are checked against the theme here, so an unknown
 * one is an error naming the template line and the names the theme knows, never a silent default.
 */
import { LANG_TAG_PATTERN } from '../data/schema.js';
import type { Theme } from '../theme/theme.js';

export interface AttributeContext {
  /** Styles and colours are checked against it. */
  theme: Theme;
}

/** A parsed value, or why the raw one is wrong. */
export type Parsed<T> = { value: T } | { error: string };

export interface AttributeSpec<T> {
  /**
   * `raw` is the attribute's value with bidi controls removed, `undefined` when absent; `fromData` says whether a
   * data field was inserted into it (data reaches the markup as bidi isolates).
   */
  parse(raw: string | undefined, ctx: AttributeContext, fromData: boolean): Parsed<T>;
}

/** The attribute parsers of an element whose parsed attributes are `A`: one per property, none missing. */
export type AttributeSpecs<A> = { readonly [K in keyof A]-?: AttributeSpec<A[K]> };

const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = (error: string): Parsed<never> => ({ error });

function absent<T>(name: string, fallback: T | undefined, required: boolean): Parsed<T | undefined> {
  if (required) return fail(`attribute "${name}" is required`);
  return ok(fallback);
}

/** One of `values`; `fallback` when absent (a documented default), or required when `fallback` is `'required'`. */
export function oneOf<const V extends string>(name: string, values: readonly V[], fallback: V | 'required'): AttributeSpec<V> {
  return {
    parse(raw) {
      if (raw === undefined) return absent(name, fallback as V, fallback === 'required') as Parsed<V>;
      return (values as readonly string[]).includes(raw) ? ok(raw as V) : fail(`${name}="${raw}": expected ${values.join(' | ')}`);
    },
  };
}

/** An optional one of `values`. */
export function optionalOneOf<const V extends string>(name: string, values: readonly V[]): AttributeSpec<V | undefined> {
  return {
    parse(raw) {
      if (raw === undefined) return ok(undefined);
      return (values as readonly string[]).includes(raw) ? ok(raw as V) : fail(`${name}="${raw}": expected ${values.join(' | ')}`);
    },
  };
}

/** `true` or `false`. */
export function flag(name: string, fallback: boolean): AttributeSpec<boolean> {
  return {
    parse(raw) {
      if (raw === undefined) return ok(fallback);
      if (raw === 'true' || raw === 'false') return ok(raw === 'true');
      return fail(`${name}="${raw}": expected true | false`);
    },
  };
}

const NUMBER = /^\d+(\.\d+)?$/;

/** A non-negative number (points, weights); `fallback` when absent, `'required'`, or `undefined` for optional. */
export function number(name: string, fallback: number | 'required' | undefined, limits: { min?: number; max?: number; positive?: boolean } = {}): AttributeSpec<number> {
  return {
    parse(raw) {
      if (raw === undefined) return absent(name, fallback === 'required' ? undefined : fallback, fallback === 'required') as Parsed<number>;
      if (!NUMBER.test(raw)) return fail(`${name}="${raw}": expected a number (e.g. 12 or 0.5)`);
      const value = Number(raw);
      if (limits.positive && value === 0) return fail(`${name}="${raw}": must be more than 0`);
      if (limits.min !== undefined && value < limits.min) return fail(`${name}="${raw}": must be at least ${limits.min}`);
      if (limits.max !== undefined && value > limits.max) return fail(`${name}="${raw}": must be at most ${limits.max}`);
      return ok(value);
    },
  };
}

export function optionalNumber(name: string, limits: { min?: number; max?: number; positive?: boolean } = {}): AttributeSpec<number | undefined> {
  return number(name, undefined, limits) as AttributeSpec<number | undefined>;
}

/** Free text (metadata, labels, alternate text). `required` refuses an absent or blank value. */
export function text(name: string, required: true): AttributeSpec<string>;
export function text(name: string, required: false): AttributeSpec<string | undefined>;
export function text(name: string, required: boolean): AttributeSpec<string | undefined> {
  return {
    parse(raw) {
      if (raw === undefined || (required && raw.trim() === '')) return required ? fail(`attribute "${name}" is required${raw !== undefined ? ' and must not be empty' : ''}`) : ok(undefined);
      return ok(raw);
    },
  };
}

/** A name made of letters, digits, `-` and `_` (section and table names). */
export function identifier(name: string, required: true): AttributeSpec<string>;
export function identifier(name: string, required: false): AttributeSpec<string | undefined>;
export function identifier(name: string, required: boolean): AttributeSpec<string | undefined> {
  return {
    parse(raw) {
      if (raw === undefined) return required ? fail(`attribute "${name}" is required`) : ok(undefined);
      return /^[\w-]+$/.test(raw) ? ok(raw) : fail(`${name}="${raw}": expected a name of letters, digits, - and _`);
    },
  };
}

export function lang(name = 'lang', required = false): AttributeSpec<string | undefined> {
  return {
    parse(raw) {
      if (raw === undefined) return required ? fail(`attribute "${name}" is required (a language tag such as ar or en)`) : ok(undefined);
      return LANG_TAG_PATTERN.test(raw) ? ok(raw) : fail(`${name}="${raw}": expected a language tag such as ar, en, ar-IQ`);
    },
  };
}

export function requiredLang(name = 'lang'): AttributeSpec<string> {
  return lang(name, true) as AttributeSpec<string>;
}

function known(names: readonly string[]): string {
  return names.length ? names.join(', ') : 'none';
}

/** A style of the theme; `fallback` (a style name) when absent, which the theme must have too. */
export function style(name: string, fallback: string): AttributeSpec<string> {
  return {
    parse(raw, ctx) {
      const value = raw ?? fallback;
      if (Object.hasOwn(ctx.theme.styles, value)) return ok(value);
      const styles = known(Object.keys(ctx.theme.styles));
      return raw === undefined
        ? fail(`without ${name} uses the style "${value}", which the theme does not have (known styles: ${styles})`)
        : fail(`${name}="${raw}": unknown style (known styles: ${styles})`);
    },
  };
}

export function optionalStyle(name: string): AttributeSpec<string | undefined> {
  return {
    parse(raw, ctx, fromData) {
      return raw === undefined ? ok(undefined) : style(name, raw).parse(raw, ctx, fromData);
    },
  };
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour: a name of the theme's colours or `#rrggbb`; parsed to `#rrggbb`. `fallback` is a theme colour name. */
export function color(name: string, fallback: string): AttributeSpec<string> {
  return {
    parse(raw, ctx) {
      const value = raw ?? fallback;
      if (HEX.test(value)) return ok(value.toLowerCase());
      const found = Object.hasOwn(ctx.theme.colors, value) ? ctx.theme.colors[value] : undefined;
      if (found) return ok(found);
      const colors = known(Object.keys(ctx.theme.colors));
      return raw === undefined
        ? fail(`without ${name} uses the colour "${value}", which the theme does not have (known colours: ${colors})`)
        : fail(`${name}="${raw}": unknown colour (known colours: ${colors}, or #rrggbb)`);
    },
  };
}

export function href(name: string): AttributeSpec<string> {
  return {
    parse(raw) {
      if (raw === undefined) return fail(`attribute "${name}" is required`);
      return /^(https?:|mailto:)/.test(raw) ? ok(raw) : fail(`${name}="${raw}": expected an http:, https: or mailto: link`);
    },
  };
}

/** Where an image comes from: the path as written and whether a data field put it there. */
export interface ImageSource {
  path: string;
  /**
   * `true` when the path came from the data (it is then taken inside the data file's folder); `false` when the
   * template wrote it (relative to the template's folder).
   */
  fromData: boolean;
}

export function imageSource(name: string): AttributeSpec<ImageSource> {
  return {
    parse(raw, _ctx, fromData) {
      if (raw === undefined || raw.trim() === '') return fail(`attribute "${name}" is required (a PNG, JPEG or SVG file)`);
      return ok({ path: raw, fromData });
    },
  };
}

/** A table column's width: fixed points, or a share (`2fr`) of what the fixed columns leave. */
export type ColumnWidth = { points: number } | { fraction: number };

/** Space-separated column widths: `60 2fr 1fr` (points and fractions). */
export function columnWidths(name: string): AttributeSpec<ColumnWidth[] | undefined> {
  return {
    parse(raw) {
      if (raw === undefined) return ok(undefined);
      const widths: ColumnWidth[] = [];
      for (const part of raw.trim().split(/\s+/)) {
        const m = /^(\d+(?:\.\d+)?)(fr)?$/.exec(part);
        if (!m || Number(m[1]) === 0) return fail(`${name}="${raw}": "${part}" is not a width (expected points such as 60 or a fraction such as 2fr)`);
        widths.push(m[2] ? { fraction: Number(m[1]) } : { points: Number(m[1]) });
      }
      return ok(widths);
    },
  };
}
