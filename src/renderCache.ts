/**
 * Everything a renderer keeps from one render to the next (parsed theme and labels, compiled templates, template
 * environments, shaped runs, bidi levels, paragraph layouts, font subsets, checked images, QR symbols), under one
 * rule instead of a rule per cache:
 *
 *  - an entry's key holds what its value is made from (the file's content hash, the text and style, the face
 *    and glyph set), so an edited input never finds a stale entry: the old entry just stops being used;
 *  - at the end of each render, every entry that none of the last `keepRenders` renders used is dropped.
 *
 * Why this rule: what a render needs next is what the last few renders used. A watch session re-renders one
 * briefing with one paragraph changed (everything else hits), serve switches between two or three languages
 * (each language's entries survive the switch), a batch renders other files with the same fonts and template
 * (those hit, the other files' paragraphs go). Memory is bounded by a few renders' working sets however long the
 * session runs and however many times a template is edited, and no cache needs a size limit of its own.
 * Renders of one renderer may interleave (they are async); an entry used by either counts as used by the render
 * in progress, which only keeps it a little longer.
 */

/** A cache of values by key: `get` returns the value kept for `key`, or makes it (and keeps it). */
export interface Memo<V> {
  get(key: string, make: () => V): V;
}

/** Renders an entry survives unused (see the file's comment): one briefing and a few languages or files. */
export const DEFAULT_KEEP_RENDERS = 4;

export class RenderCache {
  /** The number of the render in progress (or of the last one): entries remember when they were last used. */
  private current = 0;
  private readonly memos = new Map<string, RenderMemo<unknown>>();

  constructor(readonly keepRenders: number = DEFAULT_KEEP_RENDERS) {
    if (!Number.isInteger(keepRenders) || keepRenders < 1) throw new RangeError(`keepRenders must be a whole number ≥ 1 (got ${keepRenders})`);
  }

  /** The cache named `name` (one per kind of value); the same object for the same name. */
  memo<V>(name: string): Memo<V> {
    let memo = this.memos.get(name);
    if (!memo) this.memos.set(name, (memo = new RenderMemo(() => this.current)));
    return memo as RenderMemo<V>;
  }

  beginRender(): void {
    this.current++;
  }

  /** Drops what none of the last `keepRenders` renders used. */
  endRender(): void {
    const oldestKept = this.current - this.keepRenders + 1;
    for (const memo of this.memos.values()) memo.dropUsedBefore(oldestKept);
  }

  /** Entries kept, per cache (tests and the curious: what a long session holds). */
  sizes(): Record<string, number> {
    return Object.fromEntries([...this.memos].map(([name, memo]) => [name, memo.size]));
  }
}

class RenderMemo<V> implements Memo<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();

  constructor(private readonly render: () => number) {}

  get(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit) {
      hit.used = this.render();
      return hit.value;
    }
    // A failing `make` keeps nothing: the next render tries again (an input fixed in between is read afresh).
    const value = make();
    this.entries.set(key, { value, used: this.render() });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  dropUsedBefore(render: number): void {
    for (const [key, entry] of this.entries) if (entry.used < render) this.entries.delete(key);
  }
}

/** `memo` with every key under `prefix`: one cache shared by several owners whose keys must not meet. */
export function scoped<V>(memo: Memo<V>, prefix: string): Memo<V> {
  return { get: (key, make) => memo.get(`${prefix}\u0000${key}`, make) };
}

/** A memo that keeps nothing: for a stage called on its own (a test, a script) without a renderer. */
const NO_MEMO: Memo<never> = { get: (_key, make) => make() };

export function noMemo<V>(): Memo<V> {
  return NO_MEMO as Memo<V>;
}
