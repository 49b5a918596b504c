/** `<subtitle>`: the line under the title; a paragraph, not a heading (it opens no part of the page). */
import { textBlock } from './textBlock.js';

export const subtitle = textBlock('subtitle', 'P', { style: 'subtitle', align: 'start', spaceAfter: 'paragraph' });
