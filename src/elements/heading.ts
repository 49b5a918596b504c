/** `<heading>`: the heading of a part of the page (H2, under the title's H1). */
import { textBlock } from './textBlock.js';

export const heading = textBlock('heading', 'H2', { style: 'heading', align: 'start', spaceAfter: 'heading' });
