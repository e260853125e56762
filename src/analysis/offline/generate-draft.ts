/**
 * One draft generation: images -> Qwen2-VL inputs (chat prompt with one image block per image,
 * resolution capped to the visual budget) -> grammar-constrained generate() -> JSON text.
 */
import { cat, random, RawImage, type Tensor } from '@huggingface/transformers';
import { CancelledError, ImageProcessingError, InferenceFailedError } from '../../errors';
import type { PreparedImage } from '../types';
import { generateConstrained } from './constrained-generate';
import { createDraftProgressTracker } from './draft-progress';
import { greedySettings, samplingSettings } from './generation-settings';
import { DEFAULT_MAX_NEW_TOKENS, type DraftRequest, type DraftResult, type InferenceEventListener } from './inference-api';
import type { LoadedQwen2Vl } from './load-qwen2vl';
import { buildDraftMessages, type ChatMessage } from './prompt';
import { maxPixelsPerImage } from './visual-budget';

const IMAGE_TOKEN = '<|image_pad|>';
/** Progress events at most this often: each one crosses the worker boundary. */
const PROGRESS_INTERVAL_MS = 200;

export interface GenerateDraftContext {
  isCancelled(): boolean;
  onEvent?: InferenceEventListener;
  now?: () => number;
}

interface VisionInputs {
  pixelValues: Tensor;
  gridThw: Tensor;
  /** Merged visual tokens per image (`<|image_pad|>` repeats). */
  imageTokens: number[];
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A prepared (encoded) image from the page, or pixels painted in the worker (the self-test). */
export type ModelImage = PreparedImage | RawImage;

async function decodeImage(image: ModelImage): Promise<RawImage> {
  if (image instanceof RawImage) return image.rgb();
  try {
    const blob = new Blob([base64ToBytes(image.base64) as Uint8Array<ArrayBuffer>], { type: image.mediaType });
    return (await RawImage.fromBlob(blob)).rgb();
  } catch (error) {
    throw new ImageProcessingError(image.name, `could not be decoded for the offline model (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * Runs the image processor once per image and concatenates. (Handing transformers.js 4.3's
 * Qwen2-VL processor several images at once stacks them as the frames of one video.)
 */
async function encodeImages(loaded: LoadedQwen2Vl, images: ModelImage[]): Promise<VisionInputs> {
  const imageProcessor = loaded.processor.image_processor as unknown as {
    max_pixels: number;
    config: { merge_size: number };
    (image: RawImage): Promise<{ pixel_values: Tensor; image_grid_thw: Tensor }>;
  };
  imageProcessor.max_pixels = maxPixelsPerImage(images.length, loaded.modelMaxPixels);
  const mergeArea = imageProcessor.config.merge_size ** 2;
  const pixelValues: Tensor[] = [];
  const grids: Tensor[] = [];
  const imageTokens: number[] = [];
  for (const image of images) {
    const { pixel_values, image_grid_thw } = await imageProcessor(await decodeImage(image));
    const [t, h, w] = (image_grid_thw.tolist() as bigint[][])[0]!.map(Number) as [number, number, number];
    pixelValues.push(pixel_values);
    grids.push(image_grid_thw);
    imageTokens.push((t * h * w) / mergeArea);
  }
  return { pixelValues: cat(pixelValues, 0), gridThw: cat(grids, 0), imageTokens };
}

/** The chat prompt with each image's single `<|image_pad|>` expanded to its visual token count. */
function buildPromptText(loaded: LoadedQwen2Vl, imageTokens: number[], messages: ChatMessage[]): string {
  const template = loaded.processor.apply_chat_template(messages as never, {
    add_generation_prompt: true,
    tokenize: false,
  }) as string;
  const parts = template.split(IMAGE_TOKEN);
  if (parts.length - 1 !== imageTokens.length) {
    throw new InferenceFailedError(`The chat template wrote ${parts.length - 1} image blocks for ${imageTokens.length} images.`);
  }
  return parts.reduce((text, part, index) => text + IMAGE_TOKEN.repeat(imageTokens[index - 1]!) + part);
}

export interface ModelInputs {
  inputIds: Tensor;
  attentionMask: Tensor;
  pixelValues: Tensor;
  imageGridThw: Tensor;
  /** Visual tokens per image, in image order. */
  imageTokens: number[];
}

/**
 * The tensors generate() receives for these images: processed pixels and the tokenized chat
 * prompt (the draft prompt unless other messages are given, e.g. the caption prompt).
 */
export async function buildModelInputs(
  loaded: LoadedQwen2Vl,
  images: ModelImage[],
  messages: ChatMessage[] = buildDraftMessages(images.length),
): Promise<ModelInputs> {
  if (images.length === 0) throw new InferenceFailedError('No images were given to the offline model.');
  const vision = await encodeImages(loaded, images);
  const text = buildPromptText(loaded, vision.imageTokens, messages);
  const textInputs = loaded.tokenizer(text, { add_special_tokens: false }) as { input_ids: Tensor; attention_mask: Tensor };
  return {
    inputIds: textInputs.input_ids,
    attentionMask: textInputs.attention_mask,
    pixelValues: vision.pixelValues,
    imageGridThw: vision.gridThw,
    imageTokens: vision.imageTokens,
  };
}

export async function generateDraft(loaded: LoadedQwen2Vl, request: DraftRequest, context: GenerateDraftContext): Promise<DraftResult> {
  const now = context.now ?? (() => performance.now());
  const inputs = await buildModelInputs(loaded, request.images);
  if (context.isCancelled()) throw new CancelledError('The offline analysis');
  const promptTokens = inputs.inputIds.dims.at(-1) ?? 0;
  context.onEvent?.({ type: 'prefill', promptTokens, imageTokens: inputs.imageTokens.reduce((a, b) => a + b, 0) });

  const progress = createDraftProgressTracker();
  let lastEventMs = 0;
  const maxNewTokens = request.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
  if (request.sampling) random.seed(request.sampling.seed);
  const run = await generateConstrained(loaded, inputs, loaded.grammar, {
    settings: request.sampling ? samplingSettings(loaded.stopTokenIds, maxNewTokens, request.sampling) : greedySettings(loaded.stopTokenIds, maxNewTokens),
    isCancelled: context.isCancelled,
    now,
    label: 'The offline analysis',
    jumpForward: request.jumpForward ?? true,
    onToken: (tokenId, at) => {
      progress.add(loaded.pieces[tokenId] ?? '', at);
      if (at - lastEventMs >= PROGRESS_INTERVAL_MS) {
        lastEventMs = at;
        const { tokens, expectedTokens, tokensPerSecond, etaSeconds } = progress.snapshot();
        context.onEvent?.({ type: 'generating', tokens, expectedTokens, tokensPerSecond, etaSeconds });
      }
    },
  });

  const final = progress.snapshot();
  context.onEvent?.({ type: 'generating', tokens: final.tokens, expectedTokens: final.tokens, tokensPerSecond: final.tokensPerSecond, etaSeconds: 0 });
  return {
    // The grammar admits no special token (grammar.ts), so this is exactly the text it checked.
    text: loaded.tokenizer.decode(run.tokenIds, { skip_special_tokens: false }),
    tokenIds: run.tokenIds,
    complete: run.stop === 'complete',
    promptTokens,
    imageTokens: inputs.imageTokens,
    prefillSeconds: run.prefillSeconds,
    generationSeconds: run.generationSeconds,
    forwardPasses: run.forwardPasses,
  };
}
