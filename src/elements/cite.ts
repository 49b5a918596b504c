/** `<cite>`: the attribution of a quotation, on the end side by default; a paragraph of the block quote. */
import { textBlock } from './textBlock.js';

export const cite = textBlock('cite', 'P', { style: 'cite', align: 'end', spaceAfter: 'paragraph' });
