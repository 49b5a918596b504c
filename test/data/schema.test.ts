import { describe, expect, it } from 'vitest';
import { briefingJsonSchema, briefingSchema } from '../../src/data/schema.js';
import { minimalData } from './helpers.js';

type JsonSchema = Record<string, any>;

describe('briefingSchema', () => {
  it('accepts the minimal data and rejects unknown fields (strict)', () => {
    expect(briefingSchema.safeParse(minimalData()).success).toBe(true);
    expect(briefingSchema.safeParse({ ...minimalData(), extra: 1 }).success).toBe(false);
    const visit = { ...(minimalData().visit as object), extra: 1 };
    expect(briefingSchema.safeParse({ ...minimalData(), visit }).success).toBe(false);
  });
});

describe('briefingJsonSchema', () => {
  const schema = briefingJsonSchema() as JsonSchema;

  it('is a draft 2020-12 schema of a strict object', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['lang', 'title', 'date', 'visit']));
    expect(schema.required).not.toContain('subtitle');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('has a title and description for every field', () => {
    const missing: string[] = [];
    const walk = (node: JsonSchema, path: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
        if (!child.title || !child.description) missing.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        if (child.items) walk(child.items, `${path}${key}[].`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
    expect(Object.keys(schema.properties.visit.properties)).toEqual([
      'visitor',
      'accompaniedBy',
      'country',
      'city',
      'from',
      'to',
      'meetings',
      'topics',
      'summary',
      'programme',
    ]);
  });

  it('describes text as a string or a non-empty map of language tags', () => {
    const title = schema.properties.title;
    expect(title.anyOf[0].type).toBe('string');
    expect(title.anyOf[1]).toMatchObject({ type: 'object', minProperties: 1 });
    expect(title.anyOf[1].propertyNames.pattern).toBeDefined();
    expect(schema.properties.quotes.items.additionalProperties).toBe(false);
    expect(schema.properties.digits.enum).toEqual(['latn', 'arab', 'arabext', 'native']);
    expect(schema.properties.date.pattern).toBeDefined();
  });
});
