// Build-time stand-in for fontkit in the bundle. PDFKit imports fontkit to load fonts through doc.font();
// briefing never does (it subsets and embeds its fonts itself with HarfBuzz, src/pdf/fontEmbedding.ts), so the
// bundle leaves fontkit out: a third of the start-up time.
export function create() {
  throw new Error('briefing: fontkit is not bundled; fonts are embedded by src/pdf/fontEmbedding.ts');
}
