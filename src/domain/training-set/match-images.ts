/**
 * Matches generated images to the jobs that made them, from what their file names carry.
 *
 * Scoring (per distinct job description, i.e. batch + subject/modifier text):
 * - Words weigh by rarity across the spec's descriptions (idf): "a" or "at" shared by every job
 *   says little, "heron" or "fog" says a lot.
 * - + weight of each description word found in the name; a name word cut short by Midjourney's
 *   truncation ("lightho") earns half the weight of the word it starts.
 * - - weight of description-vocabulary words in the name that this description lacks (they point
 *   to another job), and of description words missing *before* the last one found (they should
 *   have been visible). Words after the last one found may simply be truncated: no penalty.
 *   A tie is only broken in favour of a description whose every word is in the name.
 * - Words that appear in no description (user name, parameters, "upscaled") are ignored; a user
 *   name shared by all imported names is removed first, as it may contain real words ("fox_art").
 * A best score that is not positive, or that rests only on words every job shares, is unmatched;
 * a tie between different descriptions is ambiguous: both go to the user with suggestions.
 */
import { parseGeneratedFileName } from './generated-file-name';
import type { TrainingImage } from './training-image';
import type { TrainingJob } from './training-jobs';

export interface MatchCandidate {
  jobKey: string;
  score: number;
}

export type ImageMatch =
  | { status: 'matched'; jobKey: string; candidates: MatchCandidate[] }
  | { status: 'ambiguous'; candidates: MatchCandidate[] }
  | { status: 'unmatched'; candidates: MatchCandidate[] };

/** Shortest cut-off word that may count as the start of a description word. */
const MIN_PREFIX = 3;
const PREFIX_CREDIT = 0.5;
const SUGGESTIONS = 5;
const EPSILON = 1e-9;

interface DescriptionGroup {
  jobKey: string;
  words: string[];
  wordSet: Set<string>;
}

interface Scored {
  group: DescriptionGroup;
  score: number;
  trailing: number;
  discriminative: boolean;
}

export function matchImagesToJobs(fileNames: readonly string[], jobs: readonly TrainingJob[]): ImageMatch[] {
  const groups = groupByDescription(jobs);
  const documentFrequency = new Map<string, number>();
  for (const group of groups) for (const word of group.wordSet) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const idf = (word: string) => Math.log(1 + groups.length / (documentFrequency.get(word) ?? groups.length));
  const isDiscriminative = (word: string) => groups.length === 1 || (documentFrequency.get(word) ?? groups.length) < groups.length;

  const parsed = fileNames.map((name) => parseGeneratedFileName(name).words);
  const userNameLength = sharedUserNameLength(parsed, documentFrequency);

  return parsed.map((allWords) => {
    const words = allWords.slice(userNameLength);
    const scored = groups
      .map((group) => scoreGroup(group, words, documentFrequency, idf, isDiscriminative))
      .filter((entry): entry is Scored => entry !== null)
      .sort((x, y) => y.score - x.score || x.trailing - y.trailing);
    const candidates = scored.slice(0, SUGGESTIONS).map(({ group, score }) => ({ jobKey: group.jobKey, score: round(score) }));
    const best = scored[0];
    if (!best || best.score <= EPSILON) return { status: 'unmatched', candidates };
    const tied = scored.filter((entry) => Math.abs(entry.score - best.score) < EPSILON);
    const complete = tied.filter((entry) => entry.trailing < EPSILON);
    if (complete.length === 1) return { status: 'matched', jobKey: (complete[0] as Scored).group.jobKey, candidates };
    if (tied.length > 1) return { status: 'ambiguous', candidates };
    if (!best.discriminative) return { status: 'unmatched', candidates };
    return { status: 'matched', jobKey: best.group.jobKey, candidates };
  });
}

function scoreGroup(
  group: DescriptionGroup,
  fileWords: readonly string[],
  vocabulary: ReadonlyMap<string, number>,
  idf: (word: string) => number,
  isDiscriminative: (word: string) => boolean,
): Scored | null {
  const covered = new Map<string, number>(); // description word -> credit (1 exact, PREFIX_CREDIT cut short)
  let extra = 0;
  for (const word of new Set(fileWords)) {
    if (group.wordSet.has(word)) {
      covered.set(word, 1);
      continue;
    }
    if (vocabulary.has(word)) {
      extra += idf(word);
      continue;
    }
    if (word.length < MIN_PREFIX) continue;
    const started = group.words.find((candidate) => candidate.startsWith(word) && !covered.has(candidate));
    if (started) covered.set(started, Math.max(covered.get(started) ?? 0, PREFIX_CREDIT));
  }
  if (covered.size === 0) return null;

  let matched = 0;
  let discriminative = false;
  for (const [word, credit] of covered) {
    matched += credit * idf(word);
    if (credit === 1 && isDiscriminative(word)) discriminative = true;
  }
  let lastFound = -1;
  group.words.forEach((word, index) => {
    if (covered.has(word)) lastFound = index;
  });
  let missingVisible = 0;
  let trailing = 0;
  const seen = new Set<string>();
  group.words.forEach((word, index) => {
    if (covered.has(word) || seen.has(word)) return;
    seen.add(word);
    if (index < lastFound) missingVisible += idf(word);
    else trailing += idf(word);
  });
  return { group, score: matched - extra - missingVisible, trailing, discriminative };
}

/** One entry per batch + description: jobs that differ only by parameters make the same picture. */
function groupByDescription(jobs: readonly TrainingJob[]): DescriptionGroup[] {
  const groups = new Map<string, DescriptionGroup>();
  for (const job of jobs) {
    const id = `${job.batchNumber}\u0000${job.words.join(' ')}`;
    if (!groups.has(id)) groups.set(id, { jobKey: job.key, words: job.words, wordSet: new Set(job.words) });
  }
  return [...groups.values()];
}

/**
 * Leading words every name shares, up to the last one that is not a description word: that is
 * the user name ("fox_art_..." -> 2). Shared leading description words are kept (a batch may
 * start every prompt with the same subject).
 */
function sharedUserNameLength(names: readonly string[][], vocabulary: ReadonlyMap<string, number>): number {
  if (names.length < 2) return 0;
  const first = names[0] ?? [];
  let shared = 0;
  while (shared < first.length && names.every((words) => words[shared] === first[shared])) shared += 1;
  let length = 0;
  for (let index = 0; index < shared; index += 1) if (!vocabulary.has(first[index] ?? '')) length = index + 1;
  // Never strip everything: a name must keep at least one word to match on.
  return names.some((words) => words.length <= length) ? 0 : length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Images (not assigned by hand) whose file-name match changed against these jobs, updated. */
export function rematchByFileName(images: readonly TrainingImage[], jobs: readonly TrainingJob[]): TrainingImage[] {
  const matches = matchImagesToJobs(images.map((image) => image.fileName), jobs);
  return images.flatMap((image, index) => {
    if (image.assignedBy === 'hand') return [];
    const match = matches[index] as ImageMatch;
    const jobKey = match.status === 'matched' ? match.jobKey : null;
    return jobKey === image.jobKey ? [] : [{ ...image, jobKey, assignedBy: jobKey ? ('file-name' as const) : null }];
  });
}
