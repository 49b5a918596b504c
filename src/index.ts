/** The library: load a data file, render it to PDF bytes. The CLI is a thin layer over these. */
export { loadBriefing, parseBriefingSource } from './data/load.js';
export { localizeBriefing } from './data/localize.js';
export { briefingJsonSchema } from './data/schema.js';
export type { Briefing, LoadedBriefing } from './data/types.js';
export { BriefingError, exitCodeFor, type ErrorCode, type Problem, type Warning } from './errors.js';
export { createRenderer, renderBriefing, type Renderer, type RendererOptions, type RenderOptions, type RenderResult } from './pipeline.js';
export { readSourceFiles, type SourceFiles } from './pdf/readSourceFile.js';
export type { SourceFile } from './pdf/sourceFile.js';
export { startPreviewServer, type PreviewServer, type PreviewServerOptions } from './serve/server.js';
export type { ErrorView, PreviewStatus } from './serve/status.js';
