/** The data's canonical form (keys sorted, no whitespace) and its fingerprint: what identifies a briefing's data. */
import { createHash } from 'node:crypto';

/** First 8 hex digits of the SHA-256 of the canonical JSON of `data` (`known`: as `canonicalJson`'s). */
export function fingerprintOf(data: unknown, known?: (value: object) => string | undefined): string {
  return createHash('sha256').update(canonicalJson(data, known), 'utf8').digest('hex').slice(0, 8);
}

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units) and no whitespace. `known` may answer for an
 * object with its text, written before (a cache of a large object that does not change).
 */
export function canonicalJson(value: unknown, known?: (value: object) => string | undefined): string {
  if (value !== null && typeof value === 'object') {
    const written = known?.(value);
    if (written !== undefined) return written;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null, known)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], known)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
