/**
 * The live render loop shared by watch and serve (its use by `watch` is tested in test/cli/watch.test.ts, by
 * `serve` in test/serve/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRender, type LiveEvent, type LiveRenderOptions, type RenderOutcome } from '../../src/live/liveRender.js';
import type { LoadedBriefing } from '../../src/data/types.js';
import { createRenderer, type Renderer } from '../../src/pipeline.js';
import { copyExample } from '../example.js';
import { tempDirs } from '../tempDirs.js';

const TITLE = 'en: "NATO Secretary General praises strong cooperation with Iraq"';
const tempDir = tempDirs('live');
const open: LiveRender[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((live) => live.close()));
});

describe('LiveRender', () => {
  // The serve tests lost such saves on a busy machine: the watcher's events for them did not come
  // (chokidar drops a file's events for 5 ms after one, and the render's read of the data file makes one).
  // The loop now compares the inputs' identities after each render; this cannot force the race, only the outcome.
  it('renders a save made the moment a render ends', async () => {
    const { data, source } = exampleData();
    const titles: string[] = [];
    let resolveSecond: () => void = () => undefined;
    const second = new Promise<void>((r) => (resolveSecond = r));
    const onOutcome = (outcome: RenderOutcome): void => {
      if (!outcome.ok) throw outcome.error;
      titles.push(englishTitle(outcome));
      // The save lands right after the render, before the event loop has handled the read's own event.
      if (titles.length === 1) writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', 'close')));
      else resolveSecond();
    };
    const live = liveRender(data, { onOutcome });
    await live.start();
    await second;
    expect(titles).toEqual(['NATO Secretary General praises strong cooperation with Iraq', 'NATO Secretary General praises close cooperation with Iraq']);
  }, 60_000);

  it('renders again at once when asked (serve switching the language), one render at a time', async () => {
    const { data } = exampleData();
    let lang = 'ar';
    const langs: string[] = [];
    let running = 0;
    let overlapped = false;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    const live = liveRender(data, {
      options: () => ({ lang }),
      onOutcome: async (outcome) => {
        running++;
        overlapped ||= running > 1;
        langs.push(String(outcome.options.lang));
        // held across a turn of the event loop, so a render started meanwhile would overlap this one
        await new Promise((r) => setImmediate(r));
        running--;
        if (langs.length === 1) {
          lang = 'en';
          live.rerender();
          live.rerender(); // asked twice during a render: one more render, not two
        } else done();
      },
    });
    await live.start();
    await finished;
    await live.close();
    expect(langs).toEqual(['ar', 'en']);
    expect(overlapped).toBe(false);
  }, 60_000);

  // Leading edge (issue 16): no quiet time between a change and its render. Asserted on the order of events, not
  // on time: the render starts within the watcher's own callback for the change, before the event loop's next turn.
  it('starts the render of a change at once, before the event loop turns (no quiet time)', async () => {
    const { data, source } = exampleData();
    const events: string[] = [];
    const idles = waiter();
    const live = liveRender(data, {
      onOutcome: (outcome) => {
        if (!outcome.ok) throw outcome.error;
      },
      onEvent: (event: LiveEvent) => {
        events.push(event.type);
        if (event.type === 'change') setImmediate(() => events.push('next turn'));
        if (event.type === 'idle') idles.tick();
      },
    });
    await renderThenSave(live, idles, data, source.replace(TITLE, TITLE.replace('strong', 'close')));
    const afterFirst = events.slice(events.indexOf('idle') + 1);
    expect(afterFirst.slice(0, 3)).toEqual(['change', 'render-start', 'next turn']);
  }, 60_000);

  it('a change during a render gives exactly one more render, with the last content', async () => {
    const { data, source } = exampleData();
    const titles: string[] = [];
    const events: string[] = [];
    const idles = waiter();
    const live = liveRender(data, {
      onOutcome: (outcome) => {
        if (!outcome.ok) throw outcome.error;
        titles.push(englishTitle(outcome));
        // Three saves while the second render is still writing its outcome.
        if (titles.length === 2) for (const word of ['firm', 'deep', 'solid']) writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', word)));
      },
      onEvent: (event: LiveEvent) => {
        if (event.type !== 'change') events.push(event.type);
        if (event.type === 'idle') idles.tick();
      },
    });
    await renderThenSave(live, idles, data, source.replace(TITLE, TITLE.replace('strong', 'close')));
    expect(titles.map((title) => title.split(' ')[4])).toEqual(['strong', 'close', 'solid']);
    expect(events).toEqual(['render-start', 'render-end', 'idle', 'render-start', 'render-end', 'render-start', 'render-end', 'idle']);
  }, 60_000);

  it('a half-written save that fails to parse is followed by the render of the complete one', async () => {
    const { data, source } = exampleData();
    const complete = source.replace(TITLE, TITLE.replace('strong', 'close'));
    const outcomes: string[] = [];
    const idles = waiter();
    const live = liveRender(data, {
      onOutcome: (outcome) => {
        outcomes.push(outcome.ok ? englishTitle(outcome).split(' ')[4]! : 'error');
        // The editor's second write lands while the render of its first is reporting the error.
        if (!outcome.ok) writeFileSync(data, complete);
      },
      onEvent: (event: LiveEvent) => {
        if (event.type === 'idle') idles.tick();
      },
    });
    // The first half of the save: cut inside the title's quoted string, which YAML refuses.
    await renderThenSave(live, idles, data, complete.slice(0, complete.indexOf('close') + 2));
    expect(outcomes).toEqual(['strong', 'error', 'close']);
  }, 60_000);

  it('warms up: after the first render, renders the data file again under other data versions (no outcome, no events) before going idle', async () => {
    const { data } = exampleData();
    const versions: string[] = [];
    const { renderer, renders } = countingRenderer((loaded) => void versions.push(loaded.fingerprint));
    const outcomes: boolean[] = [];
    const events: string[] = [];
    const idles = waiter();
    const live = liveRender(data, {
      renderer,
      warmUp: 3,
      onOutcome: (outcome) => void outcomes.push(outcome.ok),
      onEvent: (event: LiveEvent) => {
        events.push(event.type);
        if (event.type === 'idle') idles.tick();
      },
    });
    await firstRender(live, idles);
    expect(renders()).toBe(4);
    // The footer's data version differs each time (a changed paragraph is laid out, as after a save).
    expect(new Set(versions).size).toBe(4);
    expect(outcomes).toEqual([true]);
    expect(events).toEqual(['render-start', 'render-end', 'idle']);
  }, 60_000);

  it('keeps the data file\'s entries through a warm-up of more renders than unused entries survive: a save reads only its entry', async () => {
    const { data, source } = exampleData();
    const renderer = createRenderer({ keepRenders: 2 });
    const idles = waiter();
    const live = liveRender(data, { renderer, warmUp: 6, onOutcome: () => undefined, onEvent: (event: LiveEvent) => void (event.type === 'idle' && idles.tick()) });
    await firstRender(live, idles);
    const entries = renderer.cacheSizes().dataEntries!;
    expect(entries).toBeGreaterThan(5); // one per top-level field of the example
    writeFileSync(data, source.replace('praises strong cooperation with Iraq', 'praises cooperation with Iraq'));
    await idles.count(2);
    // The title's entry read again and kept; the others found (the unused old title's is dropped in time).
    expect(renderer.cacheSizes().dataEntries).toBeLessThanOrEqual(entries + 1);
    expect(renderer.cacheSizes().dataEntries).toBeGreaterThanOrEqual(entries);
  }, 60_000);

  it('a save during the warm-up stops it: the save is rendered next, and the warm-up goes on after it', async () => {
    const { data, source } = exampleData();
    const order: string[] = [];
    let seen: () => void = () => undefined;
    const changeSeen = new Promise<void>((resolve) => (seen = resolve));
    const { renderer, renders } = countingRenderer(async () => {
      order.push(order.at(-1) === 'start' ? (order.pop(), 'render') : 'warm-up');
      // Saved during the first warm-up render, which ends only once the watcher has told of the save.
      if (renders() === 2) {
        writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', 'close')));
        await changeSeen;
      }
    });
    const titles: string[] = [];
    const idles = waiter();
    const live = liveRender(data, {
      renderer,
      warmUp: 3,
      onOutcome: (outcome) => {
        if (!outcome.ok) throw outcome.error;
        titles.push(englishTitle(outcome).split(' ')[4]!);
      },
      onEvent: (event: LiveEvent) => {
        if (event.type === 'render-start') order.push('start');
        if (event.type === 'change') seen();
        if (event.type === 'idle') idles.tick();
      },
    });
    await firstRender(live, idles);
    expect(titles).toEqual(['strong', 'close']);
    expect(order).toEqual(['render', 'warm-up', 'render', 'warm-up', 'warm-up']);
  }, 60_000);
});

/** The English title of a render's data (the outcome of a good render, or of one that loaded the data). */
function englishTitle(outcome: RenderOutcome): string {
  return String((outcome.loaded!.raw.title as Record<string, string>).en);
}

/** A copy of the example in a folder of its own, and its text. */
function exampleData(): { data: string; source: string } {
  const data = join(tempDir(), 'brief.yaml');
  copyExample(data);
  return { data, source: readFileSync(data, 'utf8') };
}

/** A LiveRender of `data` (in English unless `settings` gives options), closed after the test. */
function liveRender(data: string, settings: Omit<LiveRenderOptions, 'options'> & Partial<Pick<LiveRenderOptions, 'options'>>): LiveRender {
  const live = new LiveRender(data, { options: () => ({ lang: 'en' }), ...settings });
  open.push(live);
  return live;
}

/** Starts `live` and waits until its first render (and warm-up) is done. */
async function firstRender(live: LiveRender, idles: ReturnType<typeof waiter>): Promise<void> {
  await live.start();
  await idles.count(1);
}

/** Starts `live`, waits until its first render is done, saves `content` and waits until that is rendered too. */
async function renderThenSave(live: LiveRender, idles: ReturnType<typeof waiter>, data: string, content: string): Promise<void> {
  await firstRender(live, idles);
  writeFileSync(data, content);
  await idles.count(2);
}

/** Counts `tick`s; `count(n)` resolves once there have been n. */
function waiter(): { tick(): void; count(n: number): Promise<void> } {
  let ticks = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    tick() {
      ticks++;
      for (const w of waiting.filter((w) => w.n <= ticks)) w.resolve();
    },
    count(n) {
      return ticks >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }));
    },
  };
}

/** A renderer that counts its renders and awaits `before` (given what it renders) as each starts. */
function countingRenderer(before: (loaded: LoadedBriefing) => Promise<void> | void = () => undefined): { renderer: Renderer; renders: () => number } {
  const inner = createRenderer();
  let count = 0;
  const renderer: Renderer = Object.assign(Object.create(inner) as Renderer, {
    render: async (...args: Parameters<Renderer['render']>) => {
      count++;
      await before(args[0]);
      return inner.render(...args);
    },
  });
  return { renderer, renders: () => count };
}
