import type { Page } from '@playwright/test';
import type { PaletteBenchRun } from './palette-page';

export interface PaletteBenchResult extends PaletteBenchRun {
  medianMs: number;
  serialDecodeMs: number;
  parallelDecodeMs: number;
}

/** `outDir`: where the page is built (give tests their own, so a bench run can happen alongside). */
export function openPalettePage(options?: { outDir?: string }): Promise<{ page: Page; close(): Promise<void> }>;
export function benchPalette(options?: { quick?: boolean; runs?: number }): Promise<PaletteBenchResult[]>;
