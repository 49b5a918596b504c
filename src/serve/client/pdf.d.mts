// The types of `./pdf.mjs`, which the server serves from pdfjs-dist's build (see ../assets.ts): for the
// type check of preview.js only (tsc -p src/serve/client).
export * from 'pdfjs-dist';
