/** The pixel worker: palettes and image probes, off the main thread. Logic: src/analysis/palette-api.ts. */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createPaletteApi } from '../src/analysis/palette-api';
import { createBrowserPixelDecoder } from '../src/analysis/palette-decode';
import { registerAppErrorTransfer } from '../src/worker-errors';

registerAppErrorTransfer();

expose(createPaletteApi(createBrowserPixelDecoder()));
