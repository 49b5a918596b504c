/** Typings for the untyped CommonJS/ESM packages we use. */
declare module 'linebreak' {
  interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

declare module 'fontkit' {
  /** A parsed font; PDFKit accepts one in place of font bytes. */
  export interface Font {
    layout: unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
