/** The data stage: load and validate a data file, resolve its texts to one language. */
export {
  MAX_ALIAS_COUNT,
  MAX_DEPTH,
  MAX_FILE_BYTES,
  MAX_NODES,
  MAX_TEXT_CHARS,
  canonicalJson,
  decodeUtf8,
  fingerprintOf,
  loadBriefing,
  parseBriefingSource,
} from './load.js';
export { localizeBriefing, pickTranslation } from './localize.js';
export { sanitizeText } from './sanitize.js';
export { isRightToLeft } from '../language/locale.js';
export { LANG_TAG_PATTERN, briefingJsonSchema, briefingSchema, type RawBriefing } from './schema.js';
export { formatPath, locate, type FieldPath, type PathSegment, type SourceLocation } from './path.js';
export type * from './types.js';
