/**
 * Where the offline engine meets the real Qwen2-VL and transformers.js, and the tiny fixture alone
 * would not show a difference: one vision-encoder call per image, generation settings that ignore
 * the repo's generation_config.json (the fixture carries Qwen2-VL's published one), special tokens
 * kept out of the grammar, and a caption that stops at a line break in byte-level pieces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaption } from '../../src/analysis/offline/generate-caption';
import { generateDraft } from '../../src/analysis/offline/generate-draft';
import { isTokenAllowed } from '../../src/analysis/offline/grammar';
import type { LoadedQwen2Vl } from '../../src/analysis/offline/load-qwen2vl';
import { loadFixtureModel } from './support/fixture-loader';
import { scriptLogits } from './support/scripted-logits';
import { makeTestImages } from './support/test-images';

const IMAGE_PAD = 151_655;
const IM_START = 151_644;
let loaded: LoadedQwen2Vl;
beforeAll(async () => {
  loaded = await loadFixtureModel();
}, 120_000);
afterAll(() => loaded?.dispose());

const context = { isCancelled: () => false };

/** Records what transformers.js feeds the vision encoder session. */
function recordVisionCalls(): { calls: { grid: number[][]; rows: number }[]; restore(): void } {
  type OrtTensor = { data: ArrayLike<bigint | number>; dims: readonly number[] };
  const session = (loaded.model as unknown as { sessions: Record<string, { run(feeds: Record<string, OrtTensor>): Promise<unknown> }> }).sessions['vision_encoder']!;
  const run = session.run.bind(session);
  const calls: { grid: number[][]; rows: number }[] = [];
  session.run = async (feeds) => {
    const grid = Array.from(feeds['grid_thw']!.data, Number);
    calls.push({ grid: Array.from({ length: grid.length / 3 }, (_, i) => grid.slice(i * 3, i * 3 + 3)), rows: feeds['pixel_values']!.dims[0]! });
    return run(feeds);
  };
  return { calls, restore: () => void (session.run = run) };
}

/** Records the logits processors transformers.js builds and the settings it merged. */
function recordGenerationSetup() {
  const model = loaded.model as unknown as {
    _get_logits_processor(config: Record<string, unknown>, ...rest: unknown[]): { processors: object[] };
  };
  const build = model._get_logits_processor.bind(model);
  const seen: { processors: string[]; config: Record<string, unknown> }[] = [];
  model._get_logits_processor = (config, ...rest) => {
    const list = build(config, ...rest);
    seen.push({ processors: list.processors.map((processor) => processor.constructor.name), config: { ...config } });
    return list;
  };
  return { seen, restore: () => void (model._get_logits_processor = build) };
}

describe('vision encoding', () => {
  it('runs the vision encoder once per image, with that image\'s grid row and patches', async () => {
    const images = [...(await makeTestImages(2, 31, 96, 72)), ...(await makeTestImages(1, 32, 160, 90))];
    const vision = recordVisionCalls();
    try {
      const draft = await generateDraft(loaded, { requestId: 'per-image', images, maxNewTokens: 2 }, context);
      expect(vision.calls).toHaveLength(3);
      vision.calls.forEach((call, index) => {
        expect(call.grid).toHaveLength(1);
        const [t, h, w] = call.grid[0]!;
        expect(call.rows).toBe(t! * h! * w!);
        expect(t! * h! * w! / 4).toBe(draft.imageTokens[index]);
      });
    } finally {
      vision.restore();
    }
  }, 60_000);
});

describe('generation settings', () => {
  it('the repo\'s generation_config (sampling fields, repetition_penalty 1.05) changes nothing: only our processors run', async () => {
    expect(loaded.model.generation_config).toMatchObject({ do_sample: true, repetition_penalty: 1.05, top_k: 1 });
    const setup = recordGenerationSetup();
    try {
      const [image] = await makeTestImages(1, 41);
      await generateDraft(loaded, { requestId: 'greedy', images: [image!], maxNewTokens: 3, jumpForward: false }, context);
      await generateDraft(loaded, { requestId: 'sampled', images: [image!], maxNewTokens: 3, sampling: { seed: 3, temperature: 0.7, topK: 20 } }, context);
      await generateCaption(loaded, { requestId: 'caption', image: image!, maxNewTokens: 3 }, context);
      // Jump-forward (the greedy default) runs no transformers.js processor: its own argmax over the masked logits.
      await generateDraft(loaded, { requestId: 'jump-forward', images: [image!], maxNewTokens: 3 }, context);
    } finally {
      setup.restore();
    }
    expect(setup.seen).toHaveLength(3);
    const [greedy, sampled, caption] = setup.seen;
    expect(greedy!.processors).toEqual(['GrammarLogitsProcessor']);
    expect(greedy!.config).toMatchObject({ do_sample: false, num_beams: 1, repetition_penalty: 1, no_repeat_ngram_size: 0, top_k: 0, top_p: 1, temperature: 1, eos_token_id: loaded.stopTokenIds });
    expect(sampled!.processors).toEqual(['TemperatureLogitsWarper', 'GrammarLogitsProcessor']);
    expect(sampled!.config).toMatchObject({ do_sample: true, temperature: 0.7, top_k: 20, top_p: 1, repetition_penalty: 1 });
    expect(caption!.processors).toEqual([]);
    expect(caption!.config).toMatchObject({ do_sample: false, repetition_penalty: 1, top_k: 0 });
  }, 90_000);
});

describe('special tokens', () => {
  it('are never allowed inside the grammar, and the stop tokens still end a document', async () => {
    const matcher = await loaded.grammar.createMatcher();
    try {
      for (const id of loaded.tokenizer.encode('{"primary_style":"', { add_special_tokens: false })) expect(matcher.acceptToken(id)).toBe(true);
      const insideString = await matcher.getNextTokenBitmask();
      expect(isTokenAllowed(insideString, loaded.tokenizer.encode('watercolour', { add_special_tokens: false })[0]!)).toBe(true);
      for (const id of loaded.tokenizer.all_special_ids) expect(isTokenAllowed(insideString, id), loaded.tokenizer.decode([id])).toBe(false);
    } finally {
      matcher.dispose();
    }
  });

  it('a model that wants <|image_pad|> inside a string cannot write it: the draft text is what the grammar checked', async () => {
    const restore = scriptLogits(loaded, { wanted: [IMAGE_PAD, IM_START], fallback: loaded.tokenizer.encode('a', { add_special_tokens: false })[0]! });
    try {
      const draft = await generateDraft(loaded, { requestId: 'special', images: await makeTestImages(1, 51), maxNewTokens: 24 }, context);
      expect(draft.tokenIds.filter((id) => loaded.tokenizer.all_special_ids.includes(id))).toEqual([]);
      expect(draft.text).toBe(loaded.tokenizer.decode(draft.tokenIds, { skip_special_tokens: true }));
      expect(draft.text.startsWith('{"primary_style":"a')).toBe(true);
    } finally {
      restore();
    }
  }, 60_000);
});

describe('caption stop', () => {
  it('ends at the first line break after some text, though byte-level pieces write it as Ċ', async () => {
    const wanted = loaded.tokenizer.encode('A red fox\nand then a long second line of text', { add_special_tokens: false });
    const newlineAt = wanted.findIndex((id) => loaded.tokenizer.decode([id]).includes('\n'));
    expect(loaded.pieces[wanted[newlineAt]!]).toContain('Ċ');
    const restore = scriptLogits(loaded, { wanted });
    try {
      const caption = await generateCaption(loaded, { requestId: 'newline', image: (await makeTestImages(1, 61))[0]!, maxNewTokens: 30 }, context);
      expect(caption.text).toBe('A red fox');
      expect(caption.tokens).toBe(newlineAt + 1);
    } finally {
      restore();
    }
  }, 60_000);
});
