/** `<title>`: the page's title, the one H1. */
import { textBlock } from './textBlock.js';

export const title = textBlock('title', 'H1', { style: 'title', align: 'start', spaceAfter: 'paragraph' });
