/** `<p>`: a paragraph. */
import { textBlock } from './textBlock.js';

export const p = textBlock('p', 'P', { style: 'body', align: 'start', spaceAfter: 'paragraph' });
