/** The fixture's real Qwen tokenizer and the compiled draft grammar, for grammar-level tests. */
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { compileDraftGrammar, type DraftGrammar } from '../../../src/analysis/offline/grammar';
import { ensureFixture, fixtureModelsDir } from './fixture-model';
import { loadXGrammarInNode } from './node-xgrammar';

export const QWEN2VL_VOCAB_SIZE = 151_936;
export const STOP_TOKEN_IDS = [151_645, 151_643];

export async function loadFixtureTokenizer(): Promise<PreTrainedTokenizer> {
  const { repo } = await ensureFixture();
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${fixtureModelsDir}/`;
  return AutoTokenizer.from_pretrained(repo);
}

export async function compileFixtureGrammar(tokenizer: PreTrainedTokenizer): Promise<DraftGrammar> {
  return compileDraftGrammar(await loadXGrammarInNode(), {
    vocab: tokenizer.get_vocab(),
    vocabSize: QWEN2VL_VOCAB_SIZE,
    stopTokenIds: STOP_TOKEN_IDS,
    specialTokenIds: tokenizer.all_special_ids,
  });
}
