/**
 * Benchmark page for bench/palette.mjs: paints test photos in the browser, encodes them, and times
 * the real palette client (worker decode + clustering) end to end.
 */
import { createPaletteClient } from '../src/analysis/palette-client';

export interface PaletteBenchRun {
  format: string;
  images: number;
  width: number;
  height: number;
  bytes: number;
  runsMs: number[];
  /** Same-run reference: a plain full-size createImageBitmap of the same blobs, one after another. */
  decodeRunsMs: number[];
  palette: { hex: string; name: string; share?: number }[];
}

const HUES = [
  ['#1B2A5C', '#E9DFC9', '#C8674A'],
  ['#0F3D3E', '#F1E3C8', '#D98E04'],
  ['#2B2D42', '#EDF2F4', '#EF233C'],
] as const;

/** A photo-like picture: diagonal gradient, soft discs, fine grain (so encoders cannot cheat). */
function paintPhoto(width: number, height: number, seed: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const [from, to, accent] = HUES[seed % HUES.length]!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, from);
  gradient.addColorStop(1, to);
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let i = 0; i < 60; i += 1) {
    context.globalAlpha = 0.6;
    context.fillStyle = i % 3 === 0 ? accent : `hsl(${(seed * 47 + i * 29) % 360} 45% ${30 + (i % 5) * 10}%)`;
    context.beginPath();
    context.arc(((i * 997 + seed * 131) % width), ((i * 613 + seed * 71) % height), 60 + ((i * 37) % 240), 0, Math.PI * 2);
    context.fill();
  }
  context.globalAlpha = 1;
  const grain = new OffscreenCanvas(256, 256);
  const grainContext = grain.getContext('2d')!;
  const texture = grainContext.createImageData(256, 256);
  for (let p = 0; p < texture.data.length; p += 4) {
    const v = Math.abs((Math.sin(p * 12.9898 + seed) * 43758.5453) % 1);
    texture.data.set([v > 0.5 ? 255 : 0, v > 0.5 ? 255 : 0, v > 0.5 ? 255 : 0, 20], p);
  }
  grainContext.putImageData(texture, 0, 0);
  // drawImage composites the translucent grain over the picture (putImageData would replace it).
  for (let y = 0; y < height; y += 256) for (let x = 0; x < width; x += 256) context.drawImage(grain, x, y);
  return canvas;
}

async function run(options: { format: 'image/jpeg' | 'image/png' | 'image/webp'; images: number; width: number; height: number; runs: number }): Promise<PaletteBenchRun> {
  const blobs: Blob[] = [];
  for (let seed = 0; seed < options.images; seed += 1) {
    blobs.push(await paintPhoto(options.width, options.height, seed).convertToBlob({ type: options.format, quality: 0.9 }));
  }
  const client = createPaletteClient();
  try {
    await client.extract(blobs.slice(0, 1)); // start the worker and JIT outside the timing
    const runsMs: number[] = [];
    const decodeRunsMs: number[] = [];
    let palette: PaletteBenchRun['palette'] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const started = performance.now();
      palette = await client.extract(blobs);
      runsMs.push(performance.now() - started);
      const decodeStarted = performance.now();
      for (const blob of blobs) (await createImageBitmap(blob)).close();
      decodeRunsMs.push(performance.now() - decodeStarted);
    }
    return { format: options.format, images: options.images, width: options.width, height: options.height, bytes: blobs.reduce((sum, blob) => sum + blob.size, 0), runsMs, decodeRunsMs, palette };
  } finally {
    client.dispose();
  }
}

export interface PaletteCheckRun {
  format: string;
  palette: { hex: string; name: string; share?: number }[];
  probes: { width: number; height: number; dHash: string; thumbnailWidth: number }[];
}

/**
 * Correctness in the real browser path: three images painted with known colours in known
 * proportions (bands, so the area is exact), encoded, decoded in the worker, clustered.
 * The caller compares against the paints; the probes of an image and its re-encoding are paired.
 */
async function check(options: { format: 'image/jpeg' | 'image/png' | 'image/webp'; paints: { hex: string; share: number }[]; width: number; height: number }): Promise<PaletteCheckRun> {
  const blobs: Blob[] = [];
  for (let image = 0; image < 3; image += 1) {
    const canvas = new OffscreenCanvas(options.width, options.height);
    const context = canvas.getContext('2d')!;
    let offset = 0;
    // Rotate the band order per image, and alternate rows and columns, so the pictures differ.
    const order = options.paints.map((_, index) => options.paints[(index + image) % options.paints.length]!);
    const vertical = image % 2 === 1;
    for (const paint of order) {
      context.fillStyle = paint.hex;
      const extent = Math.round((paint.share / 100) * (vertical ? options.width : options.height));
      if (vertical) context.fillRect(offset, 0, extent, options.height);
      else context.fillRect(0, offset, options.width, extent);
      offset += extent;
    }
    blobs.push(await canvas.convertToBlob({ type: options.format, quality: 0.92 }));
  }
  const client = createPaletteClient();
  try {
    const palette = await client.extract(blobs);
    // The first image again, at another quality: a near-duplicate for the perceptual hash.
    const bitmap = await createImageBitmap(blobs[0]!);
    const again = new OffscreenCanvas(bitmap.width, bitmap.height);
    again.getContext('2d')!.drawImage(bitmap, 0, 0);
    const reencoded = await again.convertToBlob({ type: 'image/jpeg', quality: 0.6 });
    const probed = await client.probe([blobs[0]!, reencoded, blobs[1]!]);
    const probes = await Promise.all(
      probed.map(async ({ width, height, dHash, thumbnail }) => ({ width, height, dHash, thumbnailWidth: (await createImageBitmap(thumbnail)).width })),
    );
    return { format: options.format, palette, probes };
  } finally {
    client.dispose();
  }
}

declare global {
  interface Window {
    runPaletteBench: typeof run;
    runPaletteCheck: typeof check;
  }
}
window.runPaletteBench = run;
window.runPaletteCheck = check;
document.getElementById('status')!.textContent = 'ready';
