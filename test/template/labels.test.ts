import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/errors.js';
import { checkLabels, labelFallbacks, loadLabels, lookupLabel } from '../../src/template/labels.js';

describe('templates/labels.json', () => {
  const labels = loadLabels();

  it('has every label a briefing needs, in Arabic and English', () => {
    const needed = [
      'classification', 'visitSummary', 'visitor', 'accompaniedBy', 'dates', 'place', 'meetings', 'topics', 'mission',
      'mandate', 'established', 'launched', 'headquarters', 'commander', 'nature', 'advises', 'objectives', 'keyQuotes',
      'source', 'fingerprint', 'page', 'generated',
    ];
    for (const key of needed) {
      expect(labels[key]?.['ar'], key).toMatch(/\p{Script=Arabic}/u);
      expect(labels[key]?.['en'], key).toMatch(/^[A-Z]/);
    }
    expect(lookupLabel(labels, 'visitSummary', 'ar')).toBe('ملخص الزيارة');
    expect(lookupLabel(labels, 'visitSummary', 'en')).toBe('Visit summary');
  });
});

describe('lookupLabel', () => {
  const labels = { a: { 'ar-IQ': 'عراقي', ar: 'عربي', en: 'English' }, b: { fr: 'français' } };

  it('tries the exact tag, then shorter prefixes, never English unasked', () => {
    expect(labelFallbacks('ar-IQ')).toEqual(['ar-IQ', 'ar']);
    expect(labelFallbacks('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(lookupLabel(labels, 'a', 'ar-IQ')).toBe('عراقي');
    expect(lookupLabel(labels, 'a', 'ar-iq')).toBe('عراقي');
    expect(lookupLabel(labels, 'a', 'ar-SA')).toBe('عربي');
    expect(lookupLabel(labels, 'a', 'de')).toBeUndefined();
    expect(lookupLabel(labels, 'b', 'de')).toBeUndefined();
    expect(lookupLabel(labels, 'missing', 'en')).toBeUndefined();
    expect(lookupLabel(labels, 'toString', 'en')).toBeUndefined();
  });

  it('checks the shape of a labels object', () => {
    expect(() => checkLabels({ a: { en: 1 } }, 'labels.json')).toThrow(BriefingError);
    expect(() => checkLabels([], 'labels.json')).toThrow(/labels must be an object/);
  });
});
