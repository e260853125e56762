/// <reference lib="webworker" />
/** One decoder of the pixel worker's pool (src/analysis/pixel-decoder-pool.ts). */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createBrowserPixelDecoder } from '../src/analysis/palette-decode';
import { createTransferringDecoder } from '../src/analysis/transferring-decoder';

expose(createTransferringDecoder(createBrowserPixelDecoder()));
