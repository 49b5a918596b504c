/**
 * The `briefing` command line: argument parsing and dispatch only. The work is in `render.ts`, `watch.ts`,
 * `preview.ts` and `validate.ts`; `main` returns the exit code instead of exiting, so tests can run it
 * in-process.
 *
 * Two parsers, one meaning. yargs parses every command line, except that the plain, valid render command line
 * (`briefing render <files..>` with the options of `RENDER_FAST_OPTIONS`) is read by `parseRenderFast` without
 * loading yargs at all: importing yargs and building its help text, which it does on every run, took about a
 * sixth of a cold render. Anything that path does not take for certain (help, an unknown or repeated option, a
 * bad value, `--`) goes to yargs, which gives the answer and the error messages; a test checks that both
 * parsers select the same thing for the same command line.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { LANG_TAG_PATTERN, briefingJsonSchema } from '../data/schema.js';
import { calendarsOf } from '../data/localize.js';
import type { PageSize } from '../data/types.js';
import { PACKAGE_ROOT } from '../resources.js';
import type { ExtractOptions } from './extract.js';
import { DEFAULT_DPI, DEFAULT_PORT, MAX_DPI, MAX_JOBS, MIN_DPI, type RenderingChoices } from './optionDefaults.js';
import type { PreviewOptions } from './preview.js';
import { renderFiles, type RenderCliOptions } from './render.js';
import { processIo, reportError, type CliIo } from './report.js';
import type { ServeOptions } from './serve.js';
import { runUntilSignal } from './untilSignal.js';
import type { WatchOptions } from './watch.js';

export type { CliIo } from './report.js';
// bin/briefing.js hands the bundle its `import()` (src/importModule.ts).
export { setModuleImporter } from '../importModule.js';

const COMMANDS = ['render', 'watch', 'serve', 'preview', 'validate', 'extract', 'schema'] as const;

const EXIT_CODES = `Exit codes:
  0  success
  1  a failure of the disk (full, I/O error) or an internal error
  2  invalid input or usage: a data file that is missing, unreadable or not
     a regular file, YAML/JSON syntax, data contract, missing translation,
     template, theme, font, image, unknown option or bad value, an output
     path that cannot be written (no permission, read-only, a directory, a
     device or FIFO), a PDF that is damaged or carries no briefing data
     (extract)
  3  the content does not fit one page even at the smallest body text size
With several files, the code of the worst failure: 1, else 2, else 3.`;

/** The top-level help's summary of the commands' options (each command's own help has the details). */
const OPTIONS_SUMMARY = `Options of render, watch, serve, preview (details: briefing <command> --help):
  -o, --output <path>  output file or directory, - for standard output
                       [default: output/<name>.pdf, output/<name>.png for
                       preview; not for serve]
  --lang <tag>         language to render or check [default: the file's lang]
  --template <name>    template name or path to a .hbs file
  --page <A4|Letter>   page size [default: the file's page, else A4]
  --calendar <names>   calendar of the dates, or two for dual dates
                       (islamic-umalqura,gregory) [default: the file's, else
                       gregory]
  --label-fallback <tag>
                       language of the labels missing in the briefing's
                       language [default: none, a missing label is an
                       error]
  --timestamp          render: add the generation time (output no longer
                       byte-identical)
  --copies <n>         render: copies preselected in the print dialogue (1-5)
  --jobs <n>           render: files rendered at once [default: the cores, one
                       per 50 files]
  --dpi <n>            preview: resolution of the picture [default: ${DEFAULT_DPI}]
  --port <n>           serve: port on 127.0.0.1 [default: ${DEFAULT_PORT} or the next free]
  --open               serve: open the page in the default browser
validate takes --lang only.`;

/** A command-line usage error reported by yargs (unknown option, missing argument, bad value). */
class UsageFailure extends Error {}

/** What the command handlers pick; run after parsing, outside yargs. */
export type Selected =
  | { command: 'render'; files: string[]; options: RenderCliOptions }
  | { command: 'watch'; file: string; options: WatchOptions }
  | { command: 'serve'; file: string; options: ServeOptions }
  | { command: 'preview'; file: string; options: PreviewOptions }
  | { command: 'validate'; files: string[]; lang: string | undefined }
  | { command: 'extract'; file: string; options: ExtractOptions }
  | { command: 'schema' };

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** A coerce function that rejects an option given more than once (yargs would make it an array). */
function single(name: string) {
  return (value: unknown): string => {
    if (Array.isArray(value)) throw new UsageFailure(`--${name} is given more than once`);
    return String(value);
  };
}

function langTag(value: unknown): string {
  const tag = single('lang')(value);
  if (!LANG_TAG_PATTERN.test(tag)) throw new UsageFailure(`--lang: not a language tag: ${JSON.stringify(tag)} (expected e.g. ar, en, ar-IQ)`);
  return tag;
}

/**
 * Copies a PDF can preselect: its viewer preferences' NumCopies takes "the integers 2 through 5; values outside
 * this range are ignored" (PDF 1.7, ISO 32000-1 table 150), so more would be silently dropped by the viewer.
 */
export const MAX_COPIES = 5;

function copiesValue(value: unknown): number {
  const n = Number(single('copies')(value));
  if (!Number.isInteger(n) || n < 1 || n > MAX_COPIES) {
    // yargs has already turned a non-number into NaN; the original text is lost.
    throw new UsageFailure(
      `--copies must be a whole number from 1 to ${MAX_COPIES} (what a PDF's print dialogue takes)${Number.isNaN(n) ? '' : `, not ${String(value)}`}`,
    );
  }
  return n;
}

function jobsValue(value: unknown): number {
  const n = Number(single('jobs')(value));
  if (!Number.isInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new UsageFailure(`--jobs must be a whole number from 1 to ${MAX_JOBS}${Number.isNaN(n) ? '' : `, not ${String(value)}`}`);
  }
  return n;
}

function portValue(value: unknown): number {
  const n = Number(single('port')(value));
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageFailure(`--port must be a port number from 0 (any free port) to 65535${Number.isNaN(n) ? '' : `, not ${String(value)}`}`);
  }
  return n;
}

function dpiValue(value: unknown): number {
  const n = Number(single('dpi')(value));
  if (!Number.isFinite(n) || n < MIN_DPI || n > MAX_DPI) {
    throw new UsageFailure(`--dpi must be a number from ${MIN_DPI} to ${MAX_DPI}${Number.isNaN(n) ? '' : `, not ${String(value)}`}`);
  }
  return n;
}

/** `--lang`, `--template` and `--page`, as render, watch and preview take them. */
function renderingOptions<T>(y: Argv<T>) {
  return y
    .option('lang', {
      type: 'string',
      requiresArg: true,
      coerce: langTag,
      defaultDescription: "the file's lang",
      describe: 'Language to render (BCP 47 tag: ar, en, ar-IQ…)',
    })
    .option('template', {
      type: 'string',
      requiresArg: true,
      coerce: single('template'),
      defaultDescription: "the file's template, else briefing",
      describe: 'Template name (templates/<name>.hbs) or path to a .hbs file',
    })
    .option('page', {
      type: 'string',
      requiresArg: true,
      choices: ['A4', 'Letter'],
      defaultDescription: "the file's page, else A4",
      describe: 'Page size',
    })
    .option('calendar', {
      type: 'string',
      requiresArg: true,
      coerce: calendarNames,
      defaultDescription: "the file's calendar, else gregory",
      describe: 'Calendar of the dates (ICU name: gregory, islamic-umalqura, islamic-civil, persian, hebrew…), or two separated by a comma for dual dates, primary first',
    })
    .option('label-fallback', {
      type: 'string',
      requiresArg: true,
      coerce: fallbackTag,
      defaultDescription: 'none: a missing label is an error',
      describe: 'Language whose labels stand in (as isolates) for labels missing in the briefing\'s language',
    });
}

function calendarNames(value: unknown): string[] {
  const names = single('calendar')(value).split(',').map((name) => name.trim());
  try {
    return calendarsOf(names);
  } catch (error) {
    throw new UsageFailure(`--${(error as Error).message}`);
  }
}

function fallbackTag(value: unknown): string {
  const tag = single('label-fallback')(value);
  if (!LANG_TAG_PATTERN.test(tag)) throw new UsageFailure(`--label-fallback: not a language tag: ${JSON.stringify(tag)} (expected e.g. en, ar)`);
  return tag;
}

/** The options `renderingOptions` parsed, without the ones not given. */
function pickRendering(argv: {
  lang?: string | undefined;
  template?: string | undefined;
  page?: string | undefined;
  calendar?: string[] | undefined;
  labelFallback?: string | undefined;
}): RenderingChoices {
  const options: RenderingChoices = {};
  if (argv.calendar !== undefined) options.calendar = argv.calendar;
  if (argv.labelFallback !== undefined) options.labelFallback = argv.labelFallback;
  if (argv.lang !== undefined) options.lang = argv.lang;
  if (argv.template !== undefined) options.template = argv.template;
  if (argv.page !== undefined) options.page = argv.page as PageSize;
  return options;
}

/** The `render` selected by its option values, read by yargs or by `parseRenderFast`: one meaning for both. */
function renderSelection(
  files: string[],
  values: Parameters<typeof pickRendering>[0] & { output?: string | undefined; timestamp?: boolean | undefined; copies?: number | undefined; jobs?: number | undefined },
): Selected {
  const options: RenderCliOptions = pickRendering(values);
  if (values.output !== undefined) options.output = values.output;
  if (values.timestamp) options.timestamp = true;
  if (values.copies !== undefined) options.copies = values.copies;
  if (values.jobs !== undefined) options.jobs = values.jobs;
  return { command: 'render', files, options };
}

/** `-o, --output` of a command writing `<name>.<ext>`; `more` ends the description's parenthesis. */
function outputOption<T>(y: Argv<T>, ext: 'pdf' | 'png', more = '') {
  return y.option('output', {
    alias: 'o',
    type: 'string',
    requiresArg: true,
    coerce: single('output'),
    defaultDescription: `output/<name>.${ext}`,
    describe: `Output ${ext.toUpperCase()} file, or directory for <name>.${ext} (a path ending in / or an existing directory${more})`,
  });
}

function filePositional(y: Argv, what: string) {
  return y.positional('file', { describe: what, type: 'string', demandOption: true });
}

function filesPositional(y: Argv, what: string) {
  // `default: undefined` keeps yargs from showing "[default: []]".
  return y.positional('files', { describe: what, type: 'string', array: true, demandOption: true, default: undefined });
}

type Yargs = typeof import('yargs').default;

function parser(yargs: Yargs, select: (selected: Selected) => void): Argv {
  return yargs()
    .scriptName('briefing')
    .usage('$0 <command> [options]\n\nRender a YAML or JSON data file to a one-page briefing PDF.')
    .detectLocale(false)
    .wrap(80)
    .strict()
    .recommendCommands()
    .exitProcess(false)
    .version(packageVersion())
    .help()
    .fail((message, error) => {
      throw error instanceof UsageFailure ? error : new UsageFailure(message || error?.message || 'invalid command line');
    })
    .command(
      'render <files..>',
      'Render data files to one-page PDFs',
      (y) =>
        renderingOptions(
          outputOption(
            filesPositional(y, 'YAML or JSON data files, or directories: a directory stands for the .yaml, .yml and .json files directly in it (not in its subdirectories), in name order'),
            'pdf',
            '; always a directory, created if missing, with several files or a directory',
          ),
        )
          .option('timestamp', {
            type: 'boolean',
            describe: 'Add the real generation time to the footer and metadata (the PDF is then no longer byte-identical from run to run)',
          })
          .option('copies', {
            type: 'number',
            requiresArg: true,
            coerce: copiesValue,
            describe: `Copies preselected in the print dialogue (1 to ${MAX_COPIES})`,
          })
          .option('jobs', {
            type: 'number',
            requiresArg: true,
            coerce: jobsValue,
            defaultDescription: "the cores (os.availableParallelism()), one per 50 files",
            describe: 'Files rendered at once: by the command\'s own thread and N-1 worker threads; 1 renders them one after another without workers. The PDFs and messages are the same for any number',
          })
          .example('$0 render visit.yaml', 'writes output/visit.pdf')
          .example('$0 render --lang en visit.yaml', 'the English version')
          .example('$0 render -o out/ a.yaml b.yaml', 'writes out/a.pdf and out/b.pdf')
          .example('$0 render briefings/ -o out/', 'every data file in briefings/, on every core')
          .epilogue(
            'With several files, prints "wrote <pdf> …" for each on stdout and the problems on stderr, in the ' +
              'order of the inputs; shows the progress on stderr (a bar on a terminal, a line at each tenth ' +
              'otherwise) and ends with a summary: written, shrunk to fit, overflowing, invalid, naming each file that was not simply written with its problem. ' +
              'A file that fails writes nothing; the others are still written.\n\n' +
              EXIT_CODES,
          ),
      (argv) => select(renderSelection(argv.files.map(String), argv)),
    )
    .command(
      'watch <file>',
      'Render a data file, then again each time it, its template, theme, labels or fonts change',
      (y) =>
        renderingOptions(
          outputOption(filePositional(y, 'YAML or JSON data file'), 'pdf'),
        )
          .example('$0 watch visit.yaml', 'keeps output/visit.pdf up to date; Ctrl-C stops')
          .epilogue(
            'Prints one line per render: "HH:MM:SS rendered <pdf> in <ms> ms (<size> pt)" or ' +
              '"HH:MM:SS error: <problem>". A failed render writes nothing: the last good PDF stays. ' +
              'Ctrl-C (or SIGTERM) stops watching and exits 0.\n\n' +
              EXIT_CODES,
          ),
      (argv) => {
        const options: WatchOptions = pickRendering(argv);
        if (argv.output !== undefined) options.output = argv.output;
        select({ command: 'watch', file: String(argv.file), options });
      },
    )
    .command(
      'serve <file>',
      'Show a data file\'s page in the browser, updated on every save of its inputs',
      (y) =>
        renderingOptions(
          filePositional(y, 'YAML or JSON data file')
            .option('port', {
              type: 'number',
              requiresArg: true,
              coerce: portValue,
              defaultDescription: `${DEFAULT_PORT}, else the next free one`,
              describe: 'Port on 127.0.0.1 (0: any free port)',
            })
            .option('open', { type: 'boolean', describe: 'Open the page in the default browser' }),
        )
          .example('$0 serve visit.yaml --open', 'the page in the browser, beside the editor; Ctrl-C stops')
          .epilogue(
            'Serves on 127.0.0.1 only and prints the URL; the page updates by itself when the data, template, ' +
              'theme, labels or fonts change, shows an error over the last good page, switches between the ' +
              "file's languages and downloads the PDF. Prints one line per render like watch. " +
              'Ctrl-C (or SIGTERM) stops and exits 0.\n\n' +
              EXIT_CODES,
          ),
      (argv) => {
        const options: ServeOptions = pickRendering(argv);
        if (argv.port !== undefined) options.port = argv.port;
        if (argv.open) options.open = true;
        select({ command: 'serve', file: String(argv.file), options });
      },
    )
    .command(
      'preview <file>',
      'Render a data file and write a PNG picture of the page',
      (y) =>
        renderingOptions(
          outputOption(filePositional(y, 'YAML or JSON data file'), 'png').option('dpi', {
              type: 'number',
              requiresArg: true,
              coerce: dpiValue,
              defaultDescription: String(DEFAULT_DPI),
              describe: `Resolution in dots per inch (${MIN_DPI} to ${MAX_DPI})`,
            }),
        )
          .example('$0 preview visit.yaml -o page.png', 'a 110 dpi picture of the page')
          .example('$0 preview visit.yaml --dpi 200', 'a sharper one, output/visit.png')
          .epilogue(EXIT_CODES),
      (argv) => {
        const options: PreviewOptions = pickRendering(argv);
        if (argv.output !== undefined) options.output = argv.output;
        if (argv.dpi !== undefined) options.dpi = argv.dpi;
        select({ command: 'preview', file: String(argv.file), options });
      },
    )
    .command(
      'validate <files..>',
      'Check data files against the data contract, without rendering',
      (y) =>
        filesPositional(y, 'YAML or JSON data files').option('lang', {
          type: 'string',
          requiresArg: true,
          coerce: langTag,
          defaultDescription: "the file's lang",
          describe: 'Language whose translations must all be present',
        })
        .epilogue(EXIT_CODES),
      (argv) => select({ command: 'validate', files: argv.files.map(String), lang: argv.lang }),
    )
    .command(
      'extract <file>',
      'Write out the data file a briefing PDF carries, byte for byte',
      (y) =>
        filePositional(y, 'PDF written by briefing render')
          .option('output', {
            alias: 'o',
            type: 'string',
            requiresArg: true,
            coerce: single('output'),
            defaultDescription: 'output/<name>.yaml (or .json)',
            describe: 'Output data file, or directory for <name>.yaml (a path ending in / or an existing directory)',
          })
          .example('$0 extract visit.pdf -o visit.yaml', 'the data visit.pdf was made from')
          .epilogue(
            'Rendering the extracted file with the same options gives the same PDF, byte for byte.\n\n' + EXIT_CODES,
          ),
      (argv) => {
        const options: ExtractOptions = {};
        if (argv.output !== undefined) options.output = argv.output;
        select({ command: 'extract', file: String(argv.file), options });
      },
    )
    .command('schema', 'Print the JSON Schema of the data file format', (y) => y.epilogue(EXIT_CODES), () => select({ command: 'schema' }))
    .example('$0 render visit.yaml', 'writes output/visit.pdf')
    .example('$0 watch visit.yaml', 'renders again on every save')
    .example('$0 serve visit.yaml --open', 'the page live in the browser')
    .example('$0 preview visit.yaml -o page.png', 'a picture of the page')
    .example('$0 validate visit.yaml', 'checks the data without rendering')
    .example('$0 extract visit.pdf -o visit.yaml', 'the data a PDF was made from')
    .example('$0 schema > briefing.schema.json', 'for editors that validate YAML/JSON')
    .epilogue(`${OPTIONS_SUMMARY}\n\n${EXIT_CODES}`);
}

/** yargs' message for a usage error, in the terms of this tool where yargs' own are unclear. */
function usageMessage(message: string, argv: readonly string[], command: string | undefined): string {
  const first = argv.find((arg) => !arg.startsWith('-'));
  if (!command && first !== undefined && /^(Unknown argument|Did you mean)/.test(message)) {
    const suggestion = message.startsWith('Did you mean') ? ` ${message}` : '';
    return `unknown command ${JSON.stringify(first)}.${suggestion} The commands are ${COMMANDS.join(', ')}.`;
  }
  if (command && message.startsWith('Not enough non-option arguments')) return `${command}: no ${command === 'extract' ? 'PDF' : 'data'} file given`;
  const extra = /^Unknown arguments?: (.+)$/.exec(message);
  if ((command === 'watch' || command === 'serve' || command === 'preview' || command === 'extract') && extra && extra[1]!.split(', ').every((arg) => argv.includes(arg))) {
    // Only positionals are reported as given; yargs names unknown options without their dashes.
    return `${command} takes one ${command === 'extract' ? 'PDF' : 'data'} file, not also ${extra[1]}`;
  }
  if (command === 'serve' && extra && extra[1]!.split(', ').some((arg) => arg === 'o' || arg === 'output')) {
    return 'serve writes no file: --output is for render, watch and preview (the page has a Download PDF link)';
  }
  const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);
  const missing = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missing) return `${flag(missing[1]!)} needs a value`;
  if (message.startsWith('Invalid values:')) {
    const choices = [...message.matchAll(/Argument: (\S+), Given: (.+), Choices: (.+)/g)];
    if (choices.length > 0) return choices.map(([, name, given, allowed]) => `${flag(name!)}: ${given} is not one of ${allowed}`).join('; ');
  }
  return message;
}

/**
 * The options of `render` that `parseRenderFast` reads, each taking a value (`--name value`, `--name=value`,
 * and `-o value` for `--output`) except `--timestamp`; the value is checked by the same function as yargs'.
 */
const RENDER_FAST_OPTIONS: Record<string, ((value: string) => unknown) | undefined> = {
  output: single('output'),
  lang: langTag,
  template: single('template'),
  page: (value) => {
    if (value !== 'A4' && value !== 'Letter') throw new UsageFailure(`--page: ${value}`);
    return value;
  },
  calendar: calendarNames,
  'label-fallback': fallbackTag,
  copies: (value) => {
    // yargs reads numbers its own way (`0x2`, ` 2`, `2e0`): only plain digits are taken here, the rest go to yargs.
    if (!/^\d+$/.test(value)) throw new UsageFailure(`--copies: ${value}`);
    return copiesValue(Number(value));
  },
  jobs: (value) => {
    if (!/^\d+$/.test(value)) throw new UsageFailure(`--jobs: ${value}`);
    return jobsValue(Number(value));
  },
  timestamp: undefined,
};

/** The options of `render` that take a value, as written on a command line (bin/v8Flags.js keeps a copy: tested). */
export function renderValueOptions(): string[] {
  return ['-o', ...Object.entries(RENDER_FAST_OPTIONS).flatMap(([name, read]) => (read ? [`--${name}`] : []))];
}

/**
 * The render command line read without yargs, or undefined when it is anything else or anything this parser
 * is not sure of: then yargs parses it (and says what is wrong). Selects exactly what yargs would.
 */
export function parseRenderFast(argv: readonly string[]): Selected | undefined {
  if (argv[0] !== 'render') return undefined;
  const files: string[] = [];
  const given = new Map<string, unknown>();
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const long = /^--([a-z][a-z-]*[a-z])(?:=([\s\S]*))?$/.exec(arg);
    const name = arg === '-o' ? 'output' : long?.[1];
    if (name === undefined || !(name in RENDER_FAST_OPTIONS) || given.has(name)) return undefined;
    const check = RENDER_FAST_OPTIONS[name];
    if (check === undefined) {
      if (long?.[2] !== undefined) return undefined; // --timestamp=…
      given.set(name, true);
      continue;
    }
    let value = long?.[2];
    if (value === undefined) {
      value = argv[++i];
      // A missing value, or one yargs would take for an option: yargs says so.
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (value === '') return undefined;
    try {
      given.set(name, check(value));
    } catch {
      return undefined;
    }
  }
  if (files.length === 0) return undefined;
  return renderSelection(files, {
    lang: given.get('lang') as string | undefined,
    template: given.get('template') as string | undefined,
    page: given.get('page') as string | undefined,
    calendar: given.get('calendar') as string[] | undefined,
    labelFallback: given.get('label-fallback') as string | undefined,
    output: given.get('output') as string | undefined,
    timestamp: given.has('timestamp'),
    copies: given.get('copies') as number | undefined,
    jobs: given.get('jobs') as number | undefined,
  });
}

/** What yargs selects for `argv`, or the exit code when it has answered itself (help, version, usage errors). */
export async function parseWithYargs(argv: readonly string[], io: CliIo): Promise<Selected | number> {
  const { default: yargs } = await import('yargs');
  let selected: Selected | undefined;
  const cli = parser(yargs, (s) => (selected = s));
  let output = '';
  try {
    await cli.parseAsync([...argv], {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageFailure) {
      const command = argv.find((arg) => (COMMANDS as readonly string[]).includes(arg));
      io.stderr(`briefing: ${usageMessage(error.message, argv, command)}\nRun 'briefing ${command ? `${command} ` : ''}--help' for usage.\n`);
      return 2;
    }
    return reportError(error, undefined, io);
  }

  if (!selected) {
    // --help or --version: yargs produced the text.
    if (output) {
      io.stdout(`${output}\n`);
      return 0;
    }
    io.stderr(`${await cli.getHelp()}\n\nbriefing: no command given\n`);
    return 2;
  }
  return selected;
}

/** Runs the command line `argv` (without `node` and the script); returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const parsed = parseRenderFast(argv) ?? (await parseWithYargs(argv, io));
  if (typeof parsed === 'number') return parsed;
  const selected = parsed;

  // Each command's module is loaded when it runs (the bundler makes these imports lazy initialisations, not
  // files read): a render does not evaluate the server, the watcher, the picture renderer or the reader of PDFs.
  try {
    switch (selected.command) {
      case 'render':
        return await renderFiles(selected.files, selected.options, io);
      case 'watch': {
        const { file, options } = selected;
        const { watchBriefing } = await import('./watch.js');
        return await runUntilSignal((signal) => watchBriefing(file, options, io, signal));
      }
      case 'serve': {
        const { file, options } = selected;
        const { serveBriefing } = await import('./serve.js');
        return await runUntilSignal((signal) => serveBriefing(file, options, io, signal));
      }
      case 'preview':
        return await (await import('./preview.js')).previewFile(selected.file, selected.options, io);
      case 'validate':
        return await (await import('./validate.js')).validateFiles(selected.files, { lang: selected.lang }, io);
      case 'extract':
        return await (await import('./extract.js')).extractFile(selected.file, selected.options, io);
      case 'schema':
        io.stdout(`${JSON.stringify(briefingJsonSchema(), null, 2)}\n`);
        return 0;
    }
  } catch (error) {
    return reportError(error, undefined, io);
  }
}

/** True when this module is the program being run (`tsx src/cli/main.ts`), not imported. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Not a top-level await: the command-line bundle is a CommonJS script (bin/briefing.js runs it with V8's code cache).
if (isEntryPoint()) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
