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
  /**
   * The tokenizer's special tokens (`<|im_start|>`, `<|image_pad|>`, ...). xgrammar treats only
   * empty-string tokens as special, so these are handed over as empty strings: no grammar position
   * admits them, and stop tokens still end a complete document.
   */
  specialTokenIds: readonly number[];
}

/** A compiled JSON grammar for one tokenizer, ready to make a matcher per generation. */
export interface JsonGrammar {
  vocabSize: number;
  stopTokenIds: readonly number[];
  /** Per-field string limits, enforced by the decoder (see string-limits.ts). */
  stringLimits: Readonly<Record<string, number>>;
  tokenBytes: TokenBytes;
  /** Shared across generations: the forbidden-id lists of masks already seen. */
  masker: TokenMasker;
  /** A fresh matcher at the start of the document (one per generation). */
  createMatcher(): Promise<GrammarMatcher>;
  dispose(): void;
}

/** The draft's grammar (domain/draft.ts schema and string limits). */
export type DraftGrammar = JsonGrammar;

/** Compiles JSON Schemas for one tokenizer; the tokenizer's preprocessing is paid once. */
export interface GrammarCompiler {
  compile(schema: object, stringLimits?: Readonly<Record<string, number>>): Promise<JsonGrammar>;
  dispose(): void;
}

/**
 * Pieces in id order as the grammar sees them: ids with no piece (padding) and special tokens are
 * empty, which xgrammar never allows inside the grammar.
 */
function grammarPieces(info: VocabularyInfo): string[] {
  let last = -1;
  for (const id of info.vocab.values()) last = Math.max(last, id);
  const pieces = new Array<string>(last + 1).fill('');
  for (const [piece, id] of info.vocab) pieces[id] = piece;
  for (const id of info.specialTokenIds) if (id < pieces.length) pieces[id] = '';
  return pieces;
}

/**
 * Prepares the tokenizer for xgrammar: about 0.2-0.5 s for Qwen's 151,643-token vocabulary. Each
 * schema then compiles in tens of milliseconds.
 */
export async function createGrammarCompiler(xgrammar: XGrammarModule, info: VocabularyInfo): Promise<GrammarCompiler> {
  const pieces = grammarPieces(info);
  const tokenizerInfo = await xgrammar.TokenizerInfo.createTokenizerInfo(pieces, 'byte_level', false, info.vocabSize, info.stopTokenIds);
  const compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(tokenizerInfo);
  const tokenBytes = createTokenBytes(pieces);
  return {
    async compile(schema, stringLimits = {}) {
      // One line, compact separators: no whitespace tokens to waste, nothing for a model to wander in.
      const compiled = await compiler.compileJSONSchema(JSON.stringify(schema), false, -1, [',', ':'], true);
      return {
        vocabSize: info.vocabSize,
        stopTokenIds: info.stopTokenIds,
        stringLimits,
        tokenBytes,
        masker: createTokenMasker(),
        createMatcher: () => xgrammar.GrammarMatcher.createGrammarMatcher(compiled, info.stopTokenIds),
        dispose: () => compiled.dispose(),
      };
    },
    dispose() {
      compiler.dispose();
      tokenizerInfo.dispose();
    },
  };
}

/** The draft grammar on its own compiler (disposing it disposes both). */
export async function compileDraftGrammar(xgrammar: XGrammarModule, info: VocabularyInfo): Promise<DraftGrammar> {
  const compiler = await createGrammarCompiler(xgrammar, info);
  const grammar = await compiler.compile(draftGrammarSchema(), draftStringLimits());
  return {
    ...grammar,
    dispose() {
      grammar.dispose();
      compiler.dispose();
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

/**
 * Applies xgrammar bitmasks to logits. A generation sees few distinct masks (one per kind of
 * grammar position, the same one for every token inside a string), so each distinct mask is
 * turned once into an id list, and applying it is one tight loop. The list is whichever side
 * is shorter: structural positions allow a handful of tokens (keep those, fill the rest with
 * -Infinity), string positions forbid about 62,000 of 151,936 (write just those).
 */
export interface TokenMasker {
  /** Sets every logit the mask forbids to -Infinity, in place, over the logits' own width. */
  apply(logits: Float32Array, mask: Int32Array): void;
}

interface CompiledMask {
  mask: Int32Array;
  width: number;
  mode: 'allow' | 'forbid';
  ids: Int32Array;
  /** Scratch for the allowed logits while the row is filled ('allow' mode). */
  kept: Float32Array;
}

const MAX_CACHED_MASKS = 512;

function maskHash(mask: Int32Array): number {
  let hash = 2166136261;
  for (let i = 0; i < mask.length; i += 1) hash = Math.imul(hash ^ (mask[i] ?? 0), 16777619);
  return hash >>> 0;
}

function sameMask(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bit `id` of the mask, treating ids past the mask as forbidden (a padded, wider model head). */
function compileMask(mask: Int32Array, width: number): CompiledMask {
  const words = Math.ceil(width / 32);
  const wordAt = (word: number) => {
    const bits = word < mask.length ? (mask[word] ?? 0) : 0;
    const valid = Math.min(32, width - word * 32);
    return valid === 32 ? bits : bits & ((1 << valid) - 1);
  };
  let allowed = 0;
  for (let word = 0; word < words; word += 1) allowed += bitCount(wordAt(word));
  const mode = allowed <= width - allowed ? 'allow' : 'forbid';
  const ids = new Int32Array(mode === 'allow' ? allowed : width - allowed);
  let next = 0;
  for (let word = 0; word < words; word += 1) {
    let bits = wordAt(word);
    if (mode === 'forbid') bits = ~bits & (width - word * 32 >= 32 ? -1 : (1 << (width - word * 32)) - 1);
    while (bits !== 0) {
      const lowest = bits & -bits;
      ids[next++] = word * 32 + 31 - Math.clz32(lowest);
      bits ^= lowest;
    }
  }
  return { mask: mask.slice(), width, mode, ids, kept: new Float32Array(mode === 'allow' ? ids.length : 0) };
}

export function createTokenMasker(): TokenMasker {
  const cache = new Map<number, CompiledMask>();
  return {
    apply(logits, mask) {
      const key = maskHash(mask) ^ logits.length;
      let compiled = cache.get(key);
      if (!compiled || compiled.width !== logits.length || !sameMask(compiled.mask, mask)) {
        if (cache.size >= MAX_CACHED_MASKS) cache.clear();
        compiled = compileMask(mask, logits.length);
        cache.set(key, compiled);
      }
      const { ids, kept } = compiled;
      if (compiled.mode === 'forbid') {
        for (let i = 0; i < ids.length; i += 1) logits[ids[i]!] = Number.NEGATIVE_INFINITY;
        return;
      }
      for (let i = 0; i < ids.length; i += 1) kept[i] = logits[ids[i]!]!;
      logits.fill(Number.NEGATIVE_INFINITY);
      for (let i = 0; i < ids.length; i += 1) logits[ids[i]!] = kept[i]!;
    },
  };
}
