// @ts-check
/**
 * The page's selectable text: pdf.js's text layer (its `TextLayer`, from the build the page draws with) over the
 * canvas, built the way the Firefox viewer builds it (web/text_layer_builder.js of pdf.js): one transparent span
 * per text item of the page, from `streamTextContent({ includeMarkedContent: true, disableNormalization: true })`,
 * a `<br>` after an item that ends a line, and an `endOfContent` block that, while a selection is being made,
 * covers the page, so a drag that leaves the spans keeps selecting instead of jumping. A copy puts the selection
 * on the clipboard as Firefox does: Unicode-normalized (NFKC, pdf.js's `normalizeUnicode`), without NUL characters.
 *
 * The spans are placed in CSS units of the page's `--total-scale-factor` (CSS px per PDF point, set by the caller
 * on an ancestor): a zoom moves them at once, and `update` re-measures their widths for the new scale.
 */
import { normalizeUnicode, TextLayer } from './pdf.mjs';

export class PageText {
  /**
   * Starts building the text layer of `page` into a new, detached `div` (see `ready`).
   * @param {import('./pdf.mjs').PDFPageProxy} page
   * @param {import('./pdf.mjs').PageViewport} viewport
   */
  constructor(page, viewport) {
    this.div = document.createElement('div');
    this.div.className = 'textLayer';
    this.layer = new TextLayer({
      textContentSource: page.streamTextContent({ includeMarkedContent: true, disableNormalization: true }),
      container: this.div,
      viewport,
    });
    /** Resolves once every span is in `div` (rejects when cancelled). */
    this.ready = this.layer.render().then(() => {
      const end = document.createElement('div');
      end.className = 'endOfContent';
      this.div.append(end);
      this.div.addEventListener('mousedown', () => this.div.classList.add('selecting'));
      this.div.addEventListener('copy', copyNormalized);
    });
  }

  /** @param {import('./pdf.mjs').PageViewport} viewport */
  update(viewport) {
    this.layer.update({ viewport });
  }

  cancel() {
    this.layer.cancel();
    this.div.remove();
  }
}

/** The end of a selection anywhere on the page (the mouse let go, the window left) ends `selecting`. */
function endSelecting() {
  for (const layer of document.querySelectorAll('.textLayer.selecting')) layer.classList.remove('selecting');
}
document.addEventListener('pointerup', endSelecting);
window.addEventListener('blur', endSelecting);

/** @param {ClipboardEvent} event */
function copyNormalized(event) {
  const text = document.getSelection()?.toString() ?? '';
  event.clipboardData?.setData('text/plain', normalizeUnicode(text).replaceAll('\0', ''));
  event.preventDefault();
}
