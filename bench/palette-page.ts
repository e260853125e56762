/**
 * Benchmark page for bench/palette.mjs: paints test photos in the browser, encodes them, and times
 * the real palette client (pixel worker, its pool of decoder workers, clustering) end to end,
 * beside two same-run references: the files decoded in full one after another, and spread over
 * navigator.hardwareConcurrency workers (the ceiling parallel decoding can reach here).
 */
import { createPaletteApi } from '../src/analysis/palette-api';
import { createPaletteClient } from '../src/analysis/palette-client';
import { startFullDecoders } from './full-decode-timing';
import { createReferencePixelDecoder } from './reference-pixel-decoder';

type Swatch = { hex: string; name: string; share?: number };

export interface PaletteBenchRun {
  format: string;
  images: number;
  width: number;
  height: number;
  bytes: number;
  cores: number;
  runsMs: number[];
  /** Same-run reference: a full-size createImageBitmap of each file, one after another, in one worker. */
  serialDecodeRunsMs: number[];
  /** Same-run ceiling: the same full-size decodes spread over navigator.hardwareConcurrency workers. */
  parallelDecodeRunsMs: number[];
  palette: Swatch[];
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

async function paintBlobs(options: { format: string; images: number; width: number; height: number }): Promise<Blob[]> {
  const blobs: Blob[] = [];
  for (let seed = 0; seed < options.images; seed += 1) {
    blobs.push(await paintPhoto(options.width, options.height, seed).convertToBlob({ type: options.format, quality: 0.9 }));
  }
  return blobs;
}

async function run(options: { format: 'image/jpeg' | 'image/png' | 'image/webp'; images: number; width: number; height: number; runs: number }): Promise<PaletteBenchRun> {
  const blobs = await paintBlobs(options);
  const client = createPaletteClient();
  const cores = navigator.hardwareConcurrency;
  const decoders = await startFullDecoders(cores);
  try {
    // Start every worker (and the decoder pool) and compile outside the timing.
    await client.extract(blobs.slice(0, cores));
    await decoders.parallel(blobs.slice(0, cores));
    const runsMs: number[] = [];
    const serialDecodeRunsMs: number[] = [];
    const parallelDecodeRunsMs: number[] = [];
    let palette: Swatch[] = [];
    const steps = [
      async () => {
        const started = performance.now();
        palette = await client.extract(blobs);
        runsMs.push(performance.now() - started);
      },
      async () => serialDecodeRunsMs.push(await decoders.serial(blobs)),
      async () => parallelDecodeRunsMs.push(await decoders.parallel(blobs)),
    ];
    // The order rotates from run to run, so drift on a shared machine hits all three alike.
    for (let i = 0; i < options.runs; i += 1) {
      for (let step = 0; step < steps.length; step += 1) await steps[(i + step) % steps.length]!();
    }
    const bytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
    return { format: options.format, images: options.images, width: options.width, height: options.height, bytes, cores, runsMs, serialDecodeRunsMs, parallelDecodeRunsMs, palette };
  } finally {
    decoders.dispose();
    client.dispose();
  }
}

export interface PoolEquivalenceRun {
  format: string;
  /** The app's palette: pixel worker, decoder pool, resize while decoding. */
  pooled: Swatch[];
  /** The pre-issue-13 path on the same files: full decodes one after another, canvas downscale. */
  serial: Swatch[];
}

/** Photo-like images through the pooled palette and the serial reference path. */
async function comparePooledWithSerial(options: { format: 'image/jpeg' | 'image/png' | 'image/webp'; images: number; width: number; height: number }): Promise<PoolEquivalenceRun> {
  const blobs = await paintBlobs(options);
  const client = createPaletteClient();
  try {
    const pooled = await client.extract(blobs);
    const serial = await createPaletteApi(createReferencePixelDecoder()).extractPalette(blobs, 'serial-reference');
    return { format: options.format, pooled, serial };
  } finally {
    client.dispose();
  }
}

export interface PaletteCheckRun {
  format: string;
  palette: Swatch[];
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

/** The first bytes of canvas-encoded files of known sizes, for checking header parsing against real encoders. */
async function encodeHeaders(sizes: { width: number; height: number }[]): Promise<{ type: string; quality: number; alpha: boolean; width: number; height: number; header: number[] }[]> {
  const out = [];
  for (const { width, height } of sizes) {
    for (const [type, quality, alpha] of [['image/png', 1, false], ['image/webp', 0.8, false], ['image/webp', 1, false], ['image/webp', 0.8, true]] as const) {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.fillStyle = alpha ? 'rgba(200, 80, 40, 0.5)' : '#C8674A';
      context.fillRect(0, 0, width, height / 2);
      const blob = await canvas.convertToBlob({ type, quality });
      out.push({ type: blob.type, quality, alpha, width, height, header: [...new Uint8Array(await blob.slice(0, 32).arrayBuffer())] });
    }
  }
  return out;
}

declare global {
  interface Window {
    runPaletteBench: typeof run;
    runPaletteCheck: typeof check;
    runPoolEquivalence: typeof comparePooledWithSerial;
    encodeHeaders: typeof encodeHeaders;
  }
}
window.runPaletteBench = run;
window.runPaletteCheck = check;
window.runPoolEquivalence = comparePooledWithSerial;
window.encodeHeaders = encodeHeaders;
document.getElementById('status')!.textContent = 'ready';
