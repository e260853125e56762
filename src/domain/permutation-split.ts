/**
 * Splits a permutation prompt into prompts that each fit a plan's job limit, using as few
 * prompts as possible, whose expansions together are exactly the original jobs.
 *
 * A split picks one group and cuts its options into chunks; each chunk becomes a prompt
 * (`{a, b}` for several options, the bare option for one, so nested groups surface and can
 * be split in turn). Every chunk covers a disjoint slice of the jobs, so the multiset is kept.
 *
 * Every split prompt is a sub-box of the job grid, reached by successive cuts. The search is
 * exact over that family (contiguous chunks of every useful size, plus a decreasing bin
 * packing for options of unequal size; tests compare it with a brute force over every
 * partition of every group), memoised on the prompt's
 * *shape* (the counts, not the words), tried best-estimate first and stopped as soon as the
 * lower bound ceil(jobs / limit) is reached. Ties keep the earliest group and contiguous
 * chunks, which keeps Midjourney's job order whenever possible. Past a state budget the
 * search turns greedy (still exact in jobs, maybe not minimal in prompts).
 */
import {
  countParts,
  parsePermutationPrompt,
  serializeParts,
  tidySpaces,
  type GroupPart,
  type PromptOption,
  type PromptPart,
} from './permutation-tree';

/** Exhaustive states before the search turns greedy; real batches need a few hundred. */
const SEARCH_BUDGET = 20_000;
/** Groups up to this many jobs try every chunk size; larger ones try a sampled set. */
const FULL_CAP_SEARCH = 64;

/** Throws PermutationSyntaxError; a prompt within the limit is returned unchanged. Callers use permutations.ts `splitForPlan`, which bounds the size first. */
export function splitPromptForPlan(prompt: string, jobsPerPrompt: number): string[] {
  if (!Number.isInteger(jobsPerPrompt) || jobsPerPrompt < 1) {
    throw new RangeError(`jobsPerPrompt must be a whole number of at least 1, got ${jobsPerPrompt}.`);
  }
  const { parts } = parsePermutationPrompt(prompt);
  if (countParts(parts) <= jobsPerPrompt) return [prompt];
  const planner = createSplitPlanner(jobsPerPrompt);
  return planner.split(parts).map((piece) => tidySpaces(serializeParts(piece)));
}

interface Cut {
  /** Which group (counting groups only, left to right) is cut. */
  groupOrdinal: number;
  /** Option indices per chunk. */
  chunks: number[][];
}

interface Plan {
  prompts: number;
  /** null when the sequence already fits. */
  cut: Cut | null;
}

interface Candidate extends Cut {
  estimate: number;
}

function createSplitPlanner(limit: number) {
  const memo = new Map<string, Plan>();
  const optionSignatures = new WeakMap<PromptOption, string>();
  const optionCounts = new WeakMap<PromptOption, number>();
  let budget = SEARCH_BUDGET;

  function optionCount(option: PromptOption): number {
    let count = optionCounts.get(option);
    if (count === undefined) {
      count = countParts(option.parts);
      optionCounts.set(option, count);
    }
    return count;
  }

  function optionSignature(option: PromptOption): string {
    let signature = optionSignatures.get(option);
    if (signature === undefined) {
      const inner = sequenceSignature(option.parts);
      signature = inner === '' ? '1' : `(${inner})`;
      optionSignatures.set(option, signature);
    }
    return signature;
  }

  /** The shape: group structure with runs of equal options compressed ("{1*8}x{1*5}"). */
  function sequenceSignature(parts: readonly PromptPart[]): string {
    const groups: string[] = [];
    for (const part of parts) {
      if (part.kind !== 'group') continue;
      const runs: string[] = [];
      let previous = '';
      let run = 0;
      for (const option of part.options) {
        const signature = optionSignature(option);
        if (signature === previous) {
          run += 1;
        } else {
          if (run > 0) runs.push(`${previous}*${run}`);
          previous = signature;
          run = 1;
        }
      }
      runs.push(`${previous}*${run}`);
      groups.push(`{${runs.join(',')}}`);
    }
    return groups.join('x');
  }

  function plan(parts: readonly PromptPart[]): Plan {
    const jobs = countParts(parts);
    if (jobs <= limit) return { prompts: 1, cut: null };
    const key = sequenceSignature(parts);
    const known = memo.get(key);
    if (known) return known;

    const lowerBound = Math.ceil(jobs / limit);
    const candidates = listCandidates(parts, jobs).sort((a, b) => a.estimate - b.estimate);
    const exhaustive = budget > 0;
    budget -= 1;
    let best: Plan | null = null;
    for (const candidate of candidates) {
      let prompts = 0;
      for (const child of applyCut(parts, candidate)) {
        prompts += plan(child).prompts;
        if (best && prompts >= best.prompts) break;
      }
      if (!best || prompts < best.prompts) {
        best = { prompts, cut: { groupOrdinal: candidate.groupOrdinal, chunks: candidate.chunks } };
      }
      if (!exhaustive || best.prompts <= lowerBound) break;
    }
    // A sequence over the limit always has a cuttable group (a fitting one would have returned).
    if (!best) throw new Error('Internal error: no way to split a prompt over the limit.');
    memo.set(key, best);
    return best;
  }

  function listCandidates(parts: readonly PromptPart[], jobs: number): Candidate[] {
    const candidates: Candidate[] = [];
    let groupOrdinal = -1;
    for (const part of parts) {
      if (part.kind !== 'group') continue;
      groupOrdinal += 1;
      const sizes = part.options.map(optionCount);
      const groupJobs = sizes.reduce((sum, size) => sum + size, 0);
      const rest = jobs / groupJobs;
      const estimateOf = (chunks: number[][]) =>
        chunks.reduce((sum, chunk) => sum + Math.ceil((chunkJobs(sizes, chunk) * rest) / limit), 0);
      if (sizes.length === 1) {
        // A single option holding nested groups: writing it bare lets those groups be cut.
        if (groupJobs > 1) candidates.push({ groupOrdinal, chunks: [[0]], estimate: estimateOf([[0]]) });
        continue;
      }
      const seen = new Set<string>();
      const add = (chunks: number[][]) => {
        const key = chunks.map((chunk) => chunk.join('.')).join('|');
        if (chunks.length < 2 || seen.has(key)) return;
        seen.add(key);
        candidates.push({ groupOrdinal, chunks, estimate: estimateOf(chunks) });
      };
      const fitting = Math.floor(limit / rest);
      for (const cap of chunkCaps(groupJobs, fitting, limit)) add(chunkContiguous(sizes, cap));
      if (fitting >= 1 && sizes.some((size) => size !== sizes[0])) add(packDecreasing(sizes, fitting));
    }
    return candidates;
  }

  function split(parts: readonly PromptPart[]): PromptPart[][] {
    const { cut } = plan(parts);
    if (!cut) return [[...parts]];
    return applyCut(parts, cut).flatMap(split);
  }

  return { split };
}

function chunkJobs(sizes: readonly number[], chunk: readonly number[]): number {
  return chunk.reduce((sum, index) => sum + (sizes[index] ?? 0), 0);
}

/** Chunk sizes worth trying for a group of `groupJobs` jobs. */
function chunkCaps(groupJobs: number, fitting: number, limit: number): number[] {
  const caps = new Set<number>();
  const keep = (cap: number) => {
    if (cap >= 1 && cap < groupJobs) caps.add(cap);
  };
  keep(fitting);
  if (groupJobs <= FULL_CAP_SEARCH) {
    for (let cap = 1; cap < groupJobs; cap += 1) keep(cap);
  } else {
    keep(1);
    for (let parts = 2; parts <= 32; parts += 1) keep(Math.ceil(groupJobs / parts));
    for (let divisor = 1; divisor <= 32; divisor += 1) keep(Math.floor(limit / divisor));
  }
  return [...caps];
}

/** Consecutive options while they fit `cap` jobs; an option larger than `cap` goes alone. */
function chunkContiguous(sizes: readonly number[], cap: number): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let currentJobs = 0;
  sizes.forEach((size, index) => {
    if (current.length > 0 && currentJobs + size > cap) {
      chunks.push(current);
      current = [];
      currentJobs = 0;
    }
    current.push(index);
    currentJobs += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** First-fit decreasing for options of unequal size; chunks listed in original order. */
function packDecreasing(sizes: readonly number[], cap: number): number[][] {
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size || a.index - b.index);
  const bins: { jobs: number; indices: number[] }[] = [];
  for (const { size, index } of order) {
    const bin = size <= cap ? bins.find((candidate) => candidate.jobs + size <= cap) : undefined;
    if (bin) {
      bin.jobs += size;
      bin.indices.push(index);
    } else {
      bins.push({ jobs: size, indices: [index] });
    }
  }
  return bins
    .map((bin) => bin.indices.sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** The sequences a cut produces, one per chunk. */
function applyCut(parts: readonly PromptPart[], cut: Cut): PromptPart[][] {
  let groupOrdinal = -1;
  const position = parts.findIndex((part) => part.kind === 'group' && ++groupOrdinal === cut.groupOrdinal);
  const group = parts[position] as GroupPart;
  const before = parts.slice(0, position);
  const after = parts.slice(position + 1);
  return cut.chunks.map((chunk) => {
    if (chunk.length === 1) {
      const option = group.options[chunk[0] as number] as PromptOption;
      return [...before, ...option.parts, ...after];
    }
    const options = chunk.map((index) => group.options[index] as PromptOption);
    return [...before, { kind: 'group', position: group.position, options }, ...after];
  });
}
