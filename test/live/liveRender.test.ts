/**
 * The live render loop shared by watch and serve (its use by `watch` is tested in test/cli/watch.test.ts, by
 * `serve` in test/serve/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRender, type RenderOutcome } from '../../src/live/liveRender.js';
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
    const data = join(tempDir(), 'brief.yaml');
    copyExample(data);
    const source = readFileSync(data, 'utf8');
    const titles: string[] = [];
    let resolveSecond: () => void = () => undefined;
    const second = new Promise<void>((r) => (resolveSecond = r));
    const onOutcome = (outcome: RenderOutcome): void => {
      if (!outcome.ok) throw outcome.error;
      titles.push(String((outcome.loaded.raw.title as Record<string, string>).en));
      // The save lands right after the render, before the event loop has handled the read's own event.
      if (titles.length === 1) writeFileSync(data, source.replace(TITLE, TITLE.replace('strong', 'close')));
      else resolveSecond();
    };
    const live = new LiveRender(data, { options: () => ({ lang: 'en' }), onOutcome });
    open.push(live);
    await live.start();
    await second;
    expect(titles).toEqual(['NATO Secretary General praises strong cooperation with Iraq', 'NATO Secretary General praises close cooperation with Iraq']);
  }, 60_000);

  it('renders again at once when asked (serve switching the language), one render at a time', async () => {
    const data = join(tempDir(), 'brief.yaml');
    copyExample(data);
    let lang = 'ar';
    const langs: string[] = [];
    let running = 0;
    let overlapped = false;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    const live = new LiveRender(data, {
      options: () => ({ lang }),
      onOutcome: async (outcome) => {
        running++;
        overlapped ||= running > 1;
        langs.push(String(outcome.options.lang));
        await new Promise((r) => setTimeout(r, 10));
        running--;
        if (langs.length === 1) {
          lang = 'en';
          live.rerender();
          live.rerender(); // asked twice during a render: one more render, not two
        } else done();
      },
    });
    open.push(live);
    await live.start();
    await finished;
    await live.close();
    expect(langs).toEqual(['ar', 'en']);
    expect(overlapped).toBe(false);
  }, 60_000);
});
