/**
 * The draft grammar: xgrammar compiles the draft's JSON Schema against the model's vocabulary,
 * and a matcher per generation tells which tokens may come next (a bitmask over token ids).
 *
 * xgrammar's lib is UMD inside a `"type": "module"` package (FACTS.md section 5): Vite bundles it
 * as CommonJS, Node needs a `.cjs` copy loaded with createRequire. So the module is a dependency
 * (`XGrammarLoader`) rather than a static import.
 */
import type * as XGrammar from '@mlc-ai/web-xgrammar';
import { draftGrammarSchema, draftStringLimits } from '../../domain/draft';
import { createTokenBytes, type TokenBytes } from './string-limits';

export type XGrammarModule = Pick<typeof XGrammar, 'TokenizerInfo' | 'GrammarCompiler' | 'GrammarMatcher'>;
export type XGrammarLoader = () => Promise<XGrammarModule>;
export type GrammarMatcher = XGrammar.GrammarMatcher;

export interface VocabularyInfo {
  /** Token piece -> id, as the tokenizer stores it (byte-level pieces, special tokens included). */
  vocab: Map<string, number>;
  /** Width of the model's logits (config `vocab_size`, often padded past the last token id). */
  vocabSize: number;
  /** Tokens that end generation (the model's eos ids). */
  stopTokenIds: number[];
}

export interface DraftGrammar {
  vocabSize: number;
  stopTokenIds: readonly number[];
  /** Per-field string limits, enforced by the decoder (see string-limits.ts). */
  stringLimits: Readonly<Record<string, number>>;
  tokenBytes: TokenBytes;
  /** A fresh matcher at the start of the draft (one per generation). */
  createMatcher(): Promise<GrammarMatcher>;
  dispose(): void;
}

/** Pieces in id order; ids with no piece (padding) stay empty and are never allowed. */
function piecesById(vocab: Map<string, number>): string[] {
  let last = -1;
  for (const id of vocab.values()) last = Math.max(last, id);
  const pieces = new Array<string>(last + 1).fill('');
  for (const [piece, id] of vocab) pieces[id] = piece;
  return pieces;
}

/**
 * Compiles the draft schema for one tokenizer: about 0.2-0.5 s for Qwen's 151,643-token
 * vocabulary (token preprocessing), then tens of milliseconds for the schema. Once per model.
 */
export async function compileDraftGrammar(xgrammar: XGrammarModule, info: VocabularyInfo): Promise<DraftGrammar> {
  const tokenizerInfo = await xgrammar.TokenizerInfo.createTokenizerInfo(
    piecesById(info.vocab),
    'byte_level',
    false,
    info.vocabSize,
    info.stopTokenIds,
  );
  const pieces = piecesById(info.vocab);
  const compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(tokenizerInfo);
  // One line, compact separators: no whitespace tokens to waste, nothing for a model to wander in.
  const compiled = await compiler.compileJSONSchema(JSON.stringify(draftGrammarSchema()), false, -1, [',', ':'], true);
  return {
    vocabSize: info.vocabSize,
    stopTokenIds: info.stopTokenIds,
    stringLimits: draftStringLimits(),
    tokenBytes: createTokenBytes(pieces),
    createMatcher: () => xgrammar.GrammarMatcher.createGrammarMatcher(compiled, info.stopTokenIds),
    dispose() {
      compiled.dispose();
      compiler.dispose();
      tokenizerInfo.dispose();
    },
  };
}

/** Whether bit `id` of an xgrammar bitmask is set (token allowed). */
export function isTokenAllowed(mask: Int32Array, id: number): boolean {
  return (((mask[id >> 5] ?? 0) >>> (id & 31)) & 1) === 1;
}

/** True when the mask allows stop tokens and nothing else: the JSON document is complete. */
export function allowsOnlyStopTokens(mask: Int32Array, stopTokenIds: readonly number[]): boolean {
  const stopBits = new Map<number, number>();
  for (const id of stopTokenIds) stopBits.set(id >> 5, (stopBits.get(id >> 5) ?? 0) | (1 << (id & 31)));
  for (let word = 0; word < mask.length; word += 1) {
    const bits = mask[word] ?? 0;
    if (bits !== 0 && (bits & ~(stopBits.get(word) ?? 0)) !== 0) return false;
  }
  return true;
}

/** Sets every disallowed logit to -Infinity, in place, over the logits' own width. */
export function applyTokenMask(logits: Float32Array, mask: Int32Array): void {
  const width = logits.length;
  for (let word = 0; word < mask.length && word * 32 < width; word += 1) {
    const bits = mask[word] ?? 0;
    if (bits === -1) continue; // all 32 allowed: the common case inside strings
    const base = word * 32;
    const end = Math.min(base + 32, width);
    for (let id = base; id < end; id += 1) {
      if (((bits >>> (id - base)) & 1) === 0) logits[id] = Number.NEGATIVE_INFINITY;
    }
  }
  // Logits past the mask (a model padded wider than the tokenizer) are never valid tokens.
  for (let id = mask.length * 32; id < width; id += 1) logits[id] = Number.NEGATIVE_INFINITY;
}
