/**
 * Our words for every zod issue no schema rule words itself, so no library wording reaches the user
 * ("expected record, received Buffer", "expected /^\d+(\.\d+)?$/"). Passed as the `error` of each `safeParse`;
 * a rule's own `error` still comes first.
 */
import type { z } from 'zod';
import { describeValue } from './data/schema.js';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map of fields',
  record: 'a map',
  array: 'a list',
  null: 'nothing (null)',
  int: 'a whole number',
};

function bound(issue: { minimum?: unknown; maximum?: unknown; origin?: string; inclusive?: boolean }, limit: unknown, side: 'least' | 'most'): string {
  const n = String(limit);
  switch (issue.origin) {
    case 'string':
      return `at ${side} ${n} character${n === '1' ? '' : 's'}`;
    case 'array':
    case 'set':
      return `at ${side} ${n} item${n === '1' ? '' : 's'}`;
    case 'object':
      return `at ${side} ${n} field${n === '1' ? '' : 's'}`;
    default:
      return issue.inclusive === false ? `${side === 'least' ? 'more' : 'less'} than ${n}` : `at ${side} ${n}`;
  }
}

/** The message for `issue`, in the terms of the data and theme files. */
export function ourWording(issue: RawIssue): string {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${got}`;
    case 'too_small':
      return `must be ${bound(issue, issue.minimum, 'least')}, not ${got}`;
    case 'too_big':
      return `must be ${bound(issue, issue.maximum, 'most')}, not ${got}`;
    case 'invalid_format':
      return issue.format === 'url' ? `expected a URL, got ${got}` : `not in the expected form: ${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, not ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${got}`;
    case 'invalid_key':
      return `a field name that is not allowed here: ${got}`;
    case 'invalid_element':
      return `an item that is not allowed here: ${got}`;
    case 'invalid_union':
      return `not one of the allowed forms, got ${got}`;
    default:
      return `not allowed here: ${got}`;
  }
}
