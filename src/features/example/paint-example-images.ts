/**
 * Paints the example project's style images in the browser, deterministically (seeded), so the
 * demo ships no binary files: flat-colour retro landscape posters in one fixed palette.
 */
import { createSeededRandom } from '../../domain/palette/seeded-random';

const PALETTE = {
  night: '#1d2b4f',
  dusk: '#5b3f7a',
  coral: '#f07860',
  sand: '#f6d5a3',
  teal: '#2f8f8b',
  cream: '#fbf1e1',
};

function paintPoster(ctx: OffscreenCanvasRenderingContext2D, size: number, seed: number): void {
  const random = createSeededRandom(seed);
  const sky = ctx.createLinearGradient(0, 0, 0, size);
  sky.addColorStop(0, PALETTE.night);
  sky.addColorStop(0.55, PALETTE.dusk);
  sky.addColorStop(1, PALETTE.coral);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, size, size);

  ctx.fillStyle = PALETTE.sand;
  ctx.beginPath();
  ctx.arc(size * (0.3 + random() * 0.4), size * (0.35 + random() * 0.1), size * (0.1 + random() * 0.06), 0, Math.PI * 2);
  ctx.fill();

  const layers = [PALETTE.dusk, PALETTE.teal, PALETTE.night];
  layers.forEach((color, layer) => {
    ctx.fillStyle = color;
    ctx.beginPath();
    const base = size * (0.55 + layer * 0.13);
    ctx.moveTo(0, size);
    ctx.lineTo(0, base);
    const peaks = 3 + Math.floor(random() * 3);
    for (let peak = 1; peak <= peaks; peak += 1) {
      const x = (peak / peaks) * size;
      ctx.lineTo(x - size / peaks / 2, base - size * (0.08 + random() * 0.14));
      ctx.lineTo(x, base - size * random() * 0.04);
    }
    ctx.lineTo(size, size);
    ctx.closePath();
    ctx.fill();
  });

  ctx.fillStyle = PALETTE.cream;
  for (let star = 0; star < 24; star += 1) {
    ctx.fillRect(random() * size, random() * size * 0.4, 2, 2);
  }
}

export interface PaintedImage {
  name: string;
  blob: Blob;
  width: number;
  height: number;
}

export async function paintExampleImages(count = 4, size = 640): Promise<PaintedImage[]> {
  const images: PaintedImage[] = [];
  for (let index = 0; index < count; index += 1) {
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the example images (no 2D canvas).');
    paintPoster(ctx, size, 1000 + index * 7919);
    images.push({ name: `example-poster-${index + 1}.png`, blob: await canvas.convertToBlob({ type: 'image/png' }), width: size, height: size });
  }
  return images;
}
