/**
 * Loads Qwen2-VL (processor + model) with transformers.js on one device, and compiles the draft
 * grammar for its tokenizer. Where the files come from is the caller's business
 * (`configureModelSource`): ModelStore in the browser, a fixture folder in Node tests.
 */
import {
  AutoProcessor,
  env,
  Qwen2VLForConditionalGeneration,
  type PreTrainedTokenizer,
  type Processor,
} from '@huggingface/transformers';
import type { DtypeSet, InferenceDevice, ModelSource } from '../../models/registry';
import { draftGrammarSchema, draftStringLimits } from '../../domain/draft';
import { createGrammarCompiler, type DraftGrammar, type GrammarCompiler, type XGrammarModule } from './grammar';
import type { InferenceEventListener } from './inference-api';
import { encodeImagesOneByOne } from './per-image-vision';

export type TransformersEnv = typeof env;

export interface LoadQwen2VlOptions {
  source: ModelSource;
  device: InferenceDevice;
  dtype: DtypeSet;
  xgrammar: XGrammarModule;
  configureModelSource(transformersEnv: TransformersEnv, source: ModelSource): void;
  /** transformers.js device name for this runtime ('wasm' in browsers, 'cpu' in Node). */
  runtimeDevice(device: InferenceDevice): string;
  sessionOptions?: Record<string, unknown>;
  onEvent?: InferenceEventListener;
}

export interface LoadedQwen2Vl {
  source: ModelSource;
  device: InferenceDevice;
  dtype: DtypeSet;
  model: Qwen2VLForConditionalGeneration;
  processor: Processor;
  tokenizer: PreTrainedTokenizer;
  grammar: DraftGrammar;
  /** Compiles other JSON grammars (the self-test's) for this tokenizer. */
  grammars: GrammarCompiler;
  /** Tokens that end a generation: the model's eos ids and `<|im_end|>`. */
  stopTokenIds: number[];
  /** Token id -> decoded text, for progress tracking. */
  pieces: string[];
  /** The image processor's configured pixel ceiling (the visual budget never exceeds it). */
  modelMaxPixels: number;
  dispose(): Promise<void>;
}

interface ProgressInfo {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** transformers.js progress -> our loading events: overall bytes, named by the file being read. */
function createLoadingReporter(onEvent: InferenceEventListener | undefined) {
  let currentFile = 'config.json';
  return (info: ProgressInfo) => {
    if (info.file && (info.status === 'initiate' || info.status === 'download' || info.status === 'progress')) currentFile = info.file;
    if (info.status === 'progress_total' && typeof info.loaded === 'number' && typeof info.total === 'number') {
      onEvent?.({ type: 'loading', file: currentFile, loaded: info.loaded, total: info.total });
    }
  };
}

function eosTokenIds(model: Qwen2VLForConditionalGeneration, vocab: Map<string, number>): number[] {
  const fromConfig = (model.generation_config as { eos_token_id?: number | number[] } | null)?.eos_token_id ?? [];
  const ids = new Set(Array.isArray(fromConfig) ? fromConfig : [fromConfig]);
  const imEnd = vocab.get('<|im_end|>');
  if (imEnd !== undefined) ids.add(imEnd);
  return [...ids];
}

export async function loadQwen2Vl(options: LoadQwen2VlOptions): Promise<LoadedQwen2Vl> {
  const { source, device, dtype } = options;
  options.configureModelSource(env, source);
  const pretrained = { revision: source.revision };
  const processor = await AutoProcessor.from_pretrained(source.repo, pretrained);
  const tokenizer = processor.tokenizer;
  const imageProcessor = processor.image_processor as { max_pixels?: number } | undefined;
  if (!tokenizer || !imageProcessor) throw new Error(`${source.repo} has no tokenizer or image processor: not a Qwen2-VL repo.`);

  const model = (await Qwen2VLForConditionalGeneration.from_pretrained(source.repo, {
    ...pretrained,
    device: options.runtimeDevice(device),
    dtype,
    session_options: options.sessionOptions ?? {},
    progress_callback: createLoadingReporter(options.onEvent),
  } as Parameters<typeof Qwen2VLForConditionalGeneration.from_pretrained>[1])) as Qwen2VLForConditionalGeneration;

  try {
    encodeImagesOneByOne(model);
    const vocab = tokenizer.get_vocab();
    const vocabSize = (model.config as { vocab_size?: number }).vocab_size ?? vocab.size;
    const stopTokenIds = eosTokenIds(model, vocab);
    const grammars = await createGrammarCompiler(options.xgrammar, { vocab, vocabSize, stopTokenIds, specialTokenIds: tokenizer.all_special_ids });
    const grammar = await grammars.compile(draftGrammarSchema(), draftStringLimits());
    const pieces = new Array<string>(vocabSize).fill('');
    for (const [piece, id] of vocab) if (id < vocabSize) pieces[id] = piece;
    return {
      source,
      device,
      dtype,
      model,
      processor,
      tokenizer,
      grammar,
      grammars,
      stopTokenIds,
      pieces,
      modelMaxPixels: imageProcessor.max_pixels ?? Number.POSITIVE_INFINITY,
      async dispose() {
        grammar.dispose();
        grammars.dispose();
        await model.dispose();
      },
    };
  } catch (error) {
    await model.dispose();
    throw error;
  }
}
