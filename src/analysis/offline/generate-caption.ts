/**
 * One caption: a single image and a short instruction, plain greedy generate() without the
 * grammar. Ends at a stop token (generate() itself), at the first line break after some text, at
 * maxNewTokens, or when the caller cancels (checked between tokens). Line breaks are looked for in
 * the decoded text: byte-level pieces write a newline as `Ċ`, not `\n`.
 */
import { BaseStreamer, StoppingCriteria } from '@huggingface/transformers';
import { CancelledError, InferenceFailedError } from '../../errors';
import { tidyCaption } from './caption-text';
import { buildModelInputs, type GenerateDraftContext } from './generate-draft';
import { generateInputs } from './generate-inputs';
import { greedySettings } from './generation-settings';
import { DEFAULT_CAPTION_MAX_NEW_TOKENS, type CaptionRequest, type CaptionResult } from './inference-api';
import type { LoadedQwen2Vl } from './load-qwen2vl';
import { buildCaptionMessages } from './prompt';

export async function generateCaption(loaded: LoadedQwen2Vl, request: CaptionRequest, context: GenerateDraftContext): Promise<CaptionResult> {
  const now = context.now ?? (() => performance.now());
  const maxNewTokens = request.maxNewTokens ?? DEFAULT_CAPTION_MAX_NEW_TOKENS;
  const inputs = await buildModelInputs(loaded, [request.image], buildCaptionMessages());
  if (context.isCancelled()) throw new CancelledError('Captioning');
  context.onEvent?.({ type: 'prefill', promptTokens: inputs.inputIds.dims.at(-1) ?? 0, imageTokens: inputs.imageTokens[0] ?? 0 });

  const tokenIds: number[] = [];
  let promptSeen = false;
  let cancelled = false;
  const started = now();

  class CaptionStreamer extends BaseStreamer {
    override put(value: bigint[][]): void {
      if (!promptSeen) {
        promptSeen = true; // generate() first streams the prompt ids
        return;
      }
      tokenIds.push(Number(value[0]?.[0]));
      const seconds = (now() - started) / 1000;
      const tokensPerSecond = seconds > 0 ? tokenIds.length / seconds : 0;
      context.onEvent?.({ type: 'generating', tokens: tokenIds.length, expectedTokens: maxNewTokens, tokensPerSecond, etaSeconds: null });
    }
    override end(): void {}
  }

  class CaptionStoppingCriteria extends StoppingCriteria {
    override _call(inputIds: number[][]): boolean[] {
      cancelled ||= context.isCancelled();
      // A line break after some text ends the phrase; a leading one is just formatting.
      const lineEnded = /\S[^\n]*\n/.test(loaded.tokenizer.decode(tokenIds, { skip_special_tokens: true }));
      return inputIds.map(() => cancelled || lineEnded);
    }
  }

  try {
    await loaded.model.generate({
      ...generateInputs(inputs),
      ...greedySettings(loaded.stopTokenIds, maxNewTokens),
      stopping_criteria: [new CaptionStoppingCriteria()],
      streamer: new CaptionStreamer(),
    } as never);
  } catch (error) {
    throw error instanceof CancelledError ? error : new InferenceFailedError(error instanceof Error ? error.message : String(error));
  }
  if (cancelled) throw new CancelledError('Captioning');
  return { text: tidyCaption(loaded.tokenizer.decode(tokenIds, { skip_special_tokens: true })), tokens: tokenIds.length };
}
