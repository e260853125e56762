/**
 * Items 1 and 2 as figures, from the same measurements in Node or in Chromium: the grammar
 * replay (item 1) and the alternating pipeline / bare generate() rounds (item 2).
 */
import { createFigure, type Figure } from '../harness/figure';
import { summarize } from '../harness/stats';
import type { MaskReplayTimes } from './grammar-mask-replay';

export interface MaskReplay {
  documentTokens: number;
  cold: MaskReplayTimes;
  warm: MaskReplayTimes[];
}

/**
 * One round: the pipeline's draft, then bare generate() of as many tokens from the same inputs,
 * then generate() with only the grammar glue added.
 */
export interface PipelineRound {
  tokens: number;
  pipelineWallMs: number;
  pipelineDecodeMsPerToken: number;
  bareWallMs: number;
  bareDecodeMsPerToken: number;
  grammarOnlyDecodeMsPerToken: number;
}

interface Timing {
  wallMs: number;
  decodeMsPerToken: number;
}

export interface OfflineMeasurements {
  /** 'node' or 'chromium': ends the figure ids. */
  runtime: string;
  /** Where the model ran, e.g. 'Node CPU (onnxruntime-node, 1 thread)'. */
  device: string;
  /** Images per draft and their size, for the note. */
  workload: string;
  replay: MaskReplay;
  rounds: PipelineRound[];
}

/** What the pipeline adds per generated token, as generate() itself counts tokens. */
export function pipelineRound(draft: { tokens: number; complete: boolean; wallMs: number; generationSeconds: number }, bare: Timing, grammarOnly: Timing): PipelineRound {
  // A complete draft also made the stop token, which the draft leaves out.
  const tokens = draft.tokens + (draft.complete ? 1 : 0);
  return {
    tokens,
    pipelineWallMs: draft.wallMs,
    pipelineDecodeMsPerToken: (draft.generationSeconds * 1000) / Math.max(1, tokens - 1),
    bareWallMs: bare.wallMs,
    bareDecodeMsPerToken: bare.decodeMsPerToken,
    grammarOnlyDecodeMsPerToken: grammarOnly.decodeMsPerToken,
  };
}

/** Tokens bare generate() must make to match a draft. */
export const generatedTokens = (draft: { tokens: number; complete: boolean }) => draft.tokens + (draft.complete ? 1 : 0);

export function createOfflineFigures(measured: OfflineMeasurements): Figure[] {
  const { replay, rounds, runtime, device } = measured;
  const label = runtime === 'node' ? 'Node' : 'Chromium';
  const warm = (key: keyof MaskReplayTimes) => summarize(replay.warm.flatMap((pass) => pass[key]));
  const mask = warm('totalUs');
  const cold = summarize(replay.cold.totalUs);
  const bareDecode = summarize(rounds.map((round) => round.bareDecodeMsPerToken));
  const pipelineDecode = summarize(rounds.map((round) => round.pipelineDecodeMsPerToken));
  const grammarOnlyDecode = summarize(rounds.map((round) => round.grammarOnlyDecodeMsPerToken));
  const pipeline = summarize(rounds.map((round) => round.pipelineWallMs / round.tokens));
  const bare = summarize(rounds.map((round) => round.bareWallMs / round.tokens));
  const decodeStep = { label: `tiny model decode step (bare generate, ${label})`, value: bareDecode.median * 1000, unit: 'µs' };
  const replayNote = `${replay.documentTokens}-token valid draft, ${replay.warm.length} warm passes; first (cold) pass median ${cold.median.toFixed(0)} µs, p95 ${cold.p95.toFixed(0)} µs; ${device}`;
  const breakdown = { bitmaskMedianUs: warm('bitmaskUs').median, applyMedianUs: warm('applyUs').median, acceptMedianUs: warm('acceptUs').median, coldMedianUs: cold.median, coldP95Us: cold.p95 };
  return [
    createFigure({ item: 1, id: `grammar-mask-median-${runtime}`, label: `grammar mask per token, median (${label})`, value: mask.median, unit: 'µs', samples: mask.samples, reference: decodeStep, note: replayNote, details: breakdown }),
    createFigure({ item: 1, id: `grammar-mask-p95-${runtime}`, label: `grammar mask per token, p95 (${label})`, value: mask.p95, unit: 'µs', samples: mask.samples, reference: decodeStep, note: replayNote }),
    createFigure({
      item: 2,
      id: `offline-pipeline-per-token-${runtime}`,
      label: `offline pipeline per generated token (${label})`,
      value: pipeline.median,
      unit: 'ms',
      samples: pipeline.samples,
      reference: { label: 'processor + bare generate(), same images and token count', value: bare.median, unit: 'ms' },
      target: { on: 'ratio', comparison: 'at-most', limit: 1.1 },
      note: `${rounds.map((round) => round.tokens).join('/')} tokens per round, ${measured.workload}; both timed from the images (decoding, processor, prefill included); ${device}`,
      details: { rounds },
    }),
    createFigure({
      item: 2,
      id: `offline-decode-per-token-${runtime}`,
      label: `offline decode step, prefill excluded (${label})`,
      value: pipelineDecode.median,
      unit: 'ms',
      samples: pipelineDecode.samples,
      reference: { label: 'bare generate() decode step', value: bareDecode.median, unit: 'ms' },
    }),
    createFigure({
      item: 2,
      id: `grammar-only-decode-per-token-${runtime}`,
      label: `generate() + grammar glue only, decode step (${label})`,
      value: grammarOnlyDecode.median,
      unit: 'ms',
      samples: grammarOnlyDecode.samples,
      reference: { label: 'bare generate() decode step', value: bareDecode.median, unit: 'ms' },
      note: 'same worker as the bare reference: the grammar\'s share of the pipeline overhead, without worker messages, yields or progress',
    }),
  ];
}
