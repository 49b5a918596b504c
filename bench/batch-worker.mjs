// One worker of the batch pool: imports the built library once, then renders each {file, out} it is sent.
import { writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { loadBriefing, renderBriefing } from '../dist/index.js';

parentPort.on('message', async ({ id, file, out }) => {
  try {
    const { pdf } = await renderBriefing(await loadBriefing(file));
    await writeFile(out, pdf);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
