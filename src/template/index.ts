/** Data → markup: the template view, the Handlebars environment and its locale-aware formatting. */

export { formatDate, formatDateRange, formatList, formatNumber, formatYearMonth, formattingLocale, parseIsoDate, primaryLanguage, toDigits } from './format.js';
export type { DateOptions, DateWords, ListType, ListWords } from './format.js';
export { FSI, PDI, balanceIsolates, isIsolated, isolate, unisolate } from './isolate.js';
export { buildView, splitParagraphs } from './view.js';
export type { CommanderView, MissionView, PersonView, QuoteView, SourceView, TemplateView, TextDirection, ViewExtra, ViewOf, VisitView } from './view.js';
export { checkLabelLanguage, checkLabels, dateWords, defaultLabelsFile, labelFallbacks, labelLanguages, labelText, listWords, loadLabelSet, loadLabels, lookupLabel } from './labels.js';
export type { LabelSet, Labels } from './labels.js';
export { COMPILE_OPTIONS, createTemplateEnvironment } from './environment.js';
export type { TemplateEnvironment, TemplateEnvironmentOptions } from './environment.js';
