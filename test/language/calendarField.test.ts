/** The data's `calendar` and `digits` fields: what they take, and the errors for what they do not. */
import { describe, expect, it } from 'vitest';
import { parseBriefingSource } from '../../src/data/load.js';
import { localizeBriefing } from '../../src/data/localize.js';
import { catchBriefingError } from '../briefingError.js';
import { MINIMAL_DATA } from '../cli/runCli.js';

const withField = (line: string) => [line, ...MINIMAL_DATA].join('\n');

describe('the calendar field', () => {
  it('takes one ICU calendar or two, primary first; the default is gregory; --calendar wins', () => {
    expect(localizeBriefing(parseBriefingSource(MINIMAL_DATA.join('\n'), 'a.yaml')).calendar).toEqual(['gregory']);
    expect(localizeBriefing(parseBriefingSource(withField('calendar: persian'), 'a.yaml')).calendar).toEqual(['persian']);
    const dual = parseBriefingSource(withField('calendar: [islamic-umalqura, gregory]'), 'a.yaml');
    expect(localizeBriefing(dual).calendar).toEqual(['islamic-umalqura', 'gregory']);
    expect(localizeBriefing(dual, undefined, ['hebrew']).calendar).toEqual(['hebrew']);
  });

  it.each([
    ['calendar: lunar', 'unknown calendar "lunar" (known: '],
    ['calendar: [gregory, persian, hebrew]', 'at most two calendars (primary first), got 3'],
    ['calendar: []', 'empty: name one or two calendars'],
    ['calendar: 7', 'expected a calendar name or a list of two'],
  ])('%s is an error with its line and field', (line, message) => {
    const error = catchBriefingError(() => parseBriefingSource(withField(line), 'a.yaml'), 'contract');
    expect(error.problems[0]).toMatchObject({ path: 'calendar', line: 1 });
    expect(error.problems[0]!.message).toContain(message);
  });

  it('digits takes latn, arab, arabext and native', () => {
    for (const digits of ['latn', 'arab', 'arabext', 'native']) {
      expect(localizeBriefing(parseBriefingSource(withField(`digits: ${digits}`), 'a.yaml')).digits).toBe(digits);
    }
    const error = catchBriefingError(() => parseBriefingSource(withField('digits: persian'), 'a.yaml'), 'contract');
    expect(error.problems[0]!.message).toBe('expected one of: latn, arab, arabext, native, got "persian"');
  });
});
