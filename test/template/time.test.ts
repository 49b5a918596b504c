import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from '../../src/template/environment.js';
import { loadLabelSet } from '../../src/template/labels.js';
import { buildView } from '../../src/template/view.js';
import { catchBriefingError } from '../briefingError.js';
import { arabicBriefing } from './fixtures.js';

const labels = loadLabelSet('templates/briefing.hbs');
const render = (source: string, lang = 'ar', digits: 'latn' | 'arab' = 'latn') =>
  createTemplateEnvironment({ lang, digits, labels }).render(source, 't.hbs', buildView(arabicBriefing(), { fingerprint: 'abcd0123', direction: 'rtl' }));

describe('{{time}}', () => {
  it('prints a time in the digits of the briefing, and a date-time as the date and the time', () => {
    expect(render('{{time "09:30"}}')).toBe('09:30');
    expect(render('{{time "09:30"}}', 'ar', 'arab')).toBe('٠٩:٣٠');
    expect(render('{{time "2025-02-04T15:30"}}')).toBe('4 فبراير 2025، 15:30');
    expect(render('{{time "2025-02-04T15:30"}}', 'en')).toBe('4 February 2025, 15:30');
  });

  it('refuses what is not a time', () => {
    const e = catchBriefingError(() => render('{{time "9.30"}}'), 'template');
    expect(e.message).toMatch(/expected a time HH:MM or a date-time YYYY-MM-DDTHH:MM/);
  });
});
