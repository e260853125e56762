/**
 * The self-test in the worker: paints the scene (self-test-scene.ts), asks which colour and shape
 * it shows under a grammar that admits only the listed options, and times the two phases. It runs
 * the whole vision path (processor, vision encoder, merge into the prompt, M-RoPE positions) and
 * the decoder, so a device that computes garbage fails it where the tiny-model tests cannot see.
 */
import { RawImage } from '@huggingface/transformers';
import { generateConstrained } from './constrained-generate';
import { buildModelInputs, type GenerateDraftContext } from './generate-draft';
import { greedySettings } from './generation-settings';
import type { SelfTestRequest, SelfTestResult } from './inference-api';
import type { LoadedQwen2Vl } from './load-qwen2vl';
import type { ChatMessage } from './prompt';
import { paintScene, sceneAnswer, SELF_TEST_IMAGE_SIZE, selfTestQuestion, selfTestSchema } from './self-test-scene';

/** `"yellow triangle"` plus the stop token, with room to spare. */
const MAX_ANSWER_TOKENS = 16;

const messages = (): ChatMessage[] => [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: selfTestQuestion() }] }];

export async function runSelfTest(loaded: LoadedQwen2Vl, request: SelfTestRequest, context: GenerateDraftContext): Promise<SelfTestResult> {
  const now = context.now ?? (() => performance.now());
  const image = new RawImage(paintScene(request.scene), SELF_TEST_IMAGE_SIZE, SELF_TEST_IMAGE_SIZE, 3);
  const inputs = await buildModelInputs(loaded, [image], messages());
  const promptTokens = inputs.inputIds.dims.at(-1) ?? 0;
  context.onEvent?.({ type: 'prefill', promptTokens, imageTokens: inputs.imageTokens[0] ?? 0 });
  const grammar = await loaded.grammars.compile(selfTestSchema());
  try {
    const run = await generateConstrained(loaded, inputs, grammar, {
      settings: greedySettings(loaded.stopTokenIds, MAX_ANSWER_TOKENS),
      isCancelled: context.isCancelled,
      now,
      label: 'The self-test',
      jumpForward: true,
    });
    const answer = run.stop === 'complete' ? (JSON.parse(loaded.tokenizer.decode(run.tokenIds, { skip_special_tokens: false })) as string) : null;
    const expected = sceneAnswer(request.scene);
    return {
      expected,
      answer,
      passed: answer === expected,
      promptTokens,
      imageTokens: inputs.imageTokens[0] ?? 0,
      generatedTokens: run.tokenIds.length,
      prefillSeconds: run.prefillSeconds,
      decodeSeconds: run.generationSeconds,
    };
  } finally {
    grammar.dispose();
  }
}
