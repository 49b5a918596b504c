/** Deep freezing, for values a renderer shares between renders (fileCache.ts, data/entries.ts, data/localize.ts). */

/** `value` with each object and array in it frozen: a value kept for later is the same text for all who find it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
