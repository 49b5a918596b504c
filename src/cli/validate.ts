/** `briefing validate`: load and localize each data file, without rendering; `ok: file` or its problems. */
import { loadBriefing } from '../data/load.js';
import { localizeBriefing } from '../data/localize.js';
import { worstExitCode, reportError, type CliIo } from './report.js';

/**
 * Checks every file: the contract (syntax, schema, limits) and the translations for `lang` (default: the
 * file's own `lang`, which is what `render` would use). Returns 0 when all are valid.
 */
export async function validateFiles(files: readonly string[], options: { lang?: string }, io: CliIo): Promise<number> {
  const codes: number[] = [];
  for (const file of files) {
    try {
      const loaded = await loadBriefing(file);
      localizeBriefing(loaded, options.lang);
      io.stdout(`ok: ${file}\n`);
      codes.push(0);
    } catch (error) {
      codes.push(reportError(error, file, io));
    }
  }
  return worstExitCode(codes);
}
