/**
 * Draws the example's visitor photo: a neutral silhouette on a grey card marked "PLACEHOLDER", clearly no real
 * person. `npx tsx scripts/make-placeholder-photo.ts` writes examples/photos/visitor-placeholder.png.
 */
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

const WIDTH = 240;
const HEIGHT = 300;
const canvas = createCanvas(WIDTH, HEIGHT);
const g = canvas.getContext('2d');
g.fillStyle = '#d9dee6';
g.fillRect(0, 0, WIDTH, HEIGHT);
g.fillStyle = '#8a94a6';
// Head and shoulders.
g.beginPath();
g.arc(WIDTH / 2, 112, 52, 0, Math.PI * 2);
g.fill();
g.beginPath();
g.moveTo(20, HEIGHT);
g.bezierCurveTo(24, 205, 70, 182, WIDTH / 2, 182);
g.bezierCurveTo(170, 182, 216, 205, 220, HEIGHT);
g.closePath();
g.fill();
// A white frame and the word PLACEHOLDER: no real person.
g.strokeStyle = '#ffffff';
g.lineWidth = 3;
g.strokeRect(6, 6, WIDTH - 12, HEIGHT - 12);
g.fillStyle = '#ffffff';
g.font = 'bold 22px sans-serif';
g.textAlign = 'center';
g.fillText('PLACEHOLDER', WIDTH / 2, 36);
writeFileSync('examples/photos/visitor-placeholder.png', canvas.toBuffer('image/png'));
