/** svg-to-pdfkit ships no types; the part of its API we use. */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    assumePt?: boolean;
    warningCallback?: (message: string) => void;
    fontCallback?: (...args: unknown[]) => unknown;
    imageCallback?: (...args: unknown[]) => unknown;
    documentCallback?: (...args: unknown[]) => unknown;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
