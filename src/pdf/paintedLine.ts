/**
 * A line's content-stream operators as painting made them, with what belongs to one document left open: the
 * names of the font objects (`/H3 10 Tf`) and the CIDs (`<002a>`), both handed out in the order of first use, so
 * that they depend on every line painted before (a new word in the title renames the CIDs of the rest of the
 * page), and the height of the line's baseline (`… 512.3 Tm`), which a paragraph above that grew or shrank
 * moves. Everything else about a line (adjustments, marked content, colours, where it starts) depends on the
 * line alone, so the operators of an unchanged line can be kept from render to render (paint.ts keeps them per
 * row) and written into each document by `writePainted`, which names fonts and CIDs when it meets them, in the
 * order a fresh paint would: the same bytes either way.
 */
import type { EmbeddedFace, FaceEmbedder } from './fontEmbedding.js';
import type { PageContent } from './pdfkitInternals.js';
import type { FontFace } from '../text/fonts.js';

/** Literal operators are kept as their bytes: written as they are, render after render. */
export type PaintedOp = Uint8Array | FontOp | GlyphOp | BaselineOp;

/** The y of the line's baseline in PDF space, as written in its `Tm` operations. */
interface BaselineOp {
  kind: 'baseline';
}

const BASELINE: BaselineOp = { kind: 'baseline' };

/** `/<font object> <size> Tf`. */
export interface FontOp {
  kind: 'font';
  face: FontFace;
  embeddedRun: boolean;
  size: string;
}

/** `<cid>` in a `TJ` string: the CID of `glyphId` standing for `text`, `extra` font units wider in /W. */
export interface GlyphOp {
  kind: 'glyph';
  face: FontFace;
  embeddedRun: boolean;
  glyphId: number;
  text: string;
  extra: number;
}

/** Collects a line's operators, one per line of the content stream, literal text merged between the open parts. */
export class PaintedLineBuilder {
  private readonly ops: PaintedOp[] = [];
  private literal = '';
  private started = false;

  /** An operator written as it is. */
  op(text: string): void {
    this.newLine();
    this.literal += text;
  }

  font(face: FontFace, embeddedRun: boolean, size: string): void {
    this.newLine();
    this.open({ kind: 'font', face, embeddedRun, size });
  }

  /** `1 0 0 1 <x> <baseline> Tm`. */
  textMatrix(x: string): void {
    this.newLine();
    this.literal += `1 0 0 1 ${x} `;
    this.open(BASELINE);
    this.literal += ' Tm';
  }

  /** `[…] TJ`: adjustments (as written) and glyphs, separated by spaces. */
  showText(parts: readonly (string | GlyphOp)[]): void {
    this.newLine();
    this.literal += '[';
    parts.forEach((part, k) => {
      if (k > 0) this.literal += ' ';
      if (typeof part === 'string') this.literal += part;
      else this.open(part);
    });
    this.literal += '] TJ';
  }

  /** The line's operators, ending with the newline that separates it from what follows. */
  done(): readonly PaintedOp[] {
    this.literal += '\n';
    this.flushLiteral();
    return this.ops;
  }

  private newLine(): void {
    if (this.started) this.literal += '\n';
    this.started = true;
  }

  private open(op: Exclude<PaintedOp, Uint8Array>): void {
    this.flushLiteral();
    this.ops.push(op);
  }

  private flushLiteral(): void {
    if (this.literal) this.ops.push(Buffer.from(this.literal, 'latin1'));
    this.literal = '';
  }
}

/**
 * Writes the operators into the page's content as this document names them: its font objects and its CIDs,
 * handed out as met, and the line's `baseline` (its y in PDF space, as written).
 */
export function writePainted(ops: readonly PaintedOp[], embedder: FaceEmbedder, baseline: string, content: PageContent): void {
  // The glyphs of a run share a face: its font object is looked up once per run, not once per glyph.
  let face: FontFace | undefined;
  let embeddedRun = false;
  let embedded: EmbeddedFace | undefined;
  for (const op of ops) {
    if (op instanceof Uint8Array) content.bytes(op);
    else if (op.kind === 'baseline') content.text(baseline);
    else {
      if (op.face !== face || op.embeddedRun !== embeddedRun || !embedded) {
        face = op.face;
        embeddedRun = op.embeddedRun;
        embedded = embedder.use(face, embeddedRun);
      }
      content.text(op.kind === 'font' ? `/${embedded.resourceName} ${op.size} Tf` : embedded.tjString(embedded.cidOf(op.glyphId, op.text, op.extra)));
    }
  }
}
