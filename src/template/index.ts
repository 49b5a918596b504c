/** Data → markup: the template view, the Handlebars environment and its locale-aware formatting. */

export { formatDate, formatDateRange, formatList, formatNumber, formatYearMonth, formattingLocale, parseIsoDate, primaryLanguage, toDigits } from './format.js';
export type { ListType } from './format.js';
export { FSI, PDI, balanceIsolates, isIsolated, isolate, unisolate } from './isolate.js';
export { buildView, splitParagraphs } from './view.js';
export type { CommanderView, MissionView, PersonView, QuoteView, SourceView, TemplateView, TextDirection, ViewExtra, ViewOf, VisitView } from './view.js';
export { checkLabels, defaultLabelsFile, labelFallbacks, loadLabels, lookupLabel } from './labels.js';
export type { Labels } from './labels.js';
export { COMPILE_OPTIONS, createTemplateEnvironment } from './environment.js';
export type { TemplateEnvironment, TemplateEnvironmentOptions } from './environment.js';
