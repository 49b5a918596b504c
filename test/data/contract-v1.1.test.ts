/** Contract v1.1: `visit.programme` and `visit.visitor.photo`, added without breaking a v1 file. */
import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { localizeBriefing } from '../../src/data/localize.js';
import { briefingJsonSchema } from '../../src/data/schema.js';
import { contractProblems, lineOf, minimalYaml, problemAt } from './helpers.js';

const PROGRAMME = [
  '  programme:',
  '    - time: "09:30"',
  '      item: {ar: "لقاء الرئيس", en: Meeting with the President}',
  '      place: Baghdad',
  '    - time: "2025-02-05T10:00"',
  '      item: Press conference',
];

/** The minimal file with lines added inside `visit:` (after its summary). */
const withVisit = (...lines: string[]) => minimalYaml().trimEnd() + '\n' + lines.join('\n') + '\n';

describe('contract v1.1', () => {
  it('still loads a v1 file (no programme, no photo)', () => {
    const data = parseBriefingSource(minimalYaml(), 'v1.yaml');
    expect((data.raw.visit as Record<string, unknown>).programme).toBeUndefined();
  });

  it('loads a programme of times and date-times, texts translated', () => {
    const data = parseBriefingSource(withVisit(...PROGRAMME), 'v.yaml');
    const briefing = localizeBriefing(data, 'ar');
    expect(briefing.visit.programme).toEqual([
      { time: '09:30', item: 'لقاء الرئيس', place: 'Baghdad' },
      { time: '2025-02-05T10:00', item: 'Press conference' },
    ]);
  });

  it('takes a photo path for the visitor', () => {
    const text = minimalYaml().replace('    name: Jane Doe\n', '    name: Jane Doe\n    photo: photos/jane.png\n');
    expect(localizeBriefing(parseBriefingSource(text, 'v.yaml'), 'en').visit.visitor.photo).toBe('photos/jane.png');
  });

  it('refuses a time that is not HH:MM, a date-time of a day that does not exist, and an entry without item', () => {
    const text = withVisit('  programme:', '    - time: "25:00"', '      item: Late', '    - time: "2025-02-30T10:00"', '      item: Never', '    - time: "10:00"');
    const problems = contractProblems(text);
    expect(problemAt(problems, 'visit.programme[0].time').message).toMatch(/expected a time HH:MM \(00:00–23:59\) or a date-time/);
    expect(problemAt(problems, 'visit.programme[0].time').line).toBe(lineOf(text, '"25:00"'));
    expect(problemAt(problems, 'visit.programme[1].time').message).toMatch(/"2025-02-30" is not a real date/);
    expect(problemAt(problems, 'visit.programme[2].item').message).toBe('required');
  });

  it('is in the JSON Schema', () => {
    const schema = briefingJsonSchema() as { properties: { visit: { properties: Record<string, { items?: { properties: Record<string, unknown>; required: string[] }; properties?: Record<string, unknown> }> } } };
    const visit = schema.properties.visit.properties;
    expect(Object.keys(visit.programme!.items!.properties)).toEqual(['time', 'item', 'place']);
    expect(visit.programme!.items!.required).toEqual(['time', 'item']);
    expect(Object.keys(visit.visitor!.properties!)).toEqual(['name', 'role', 'photo']);
  });
});
