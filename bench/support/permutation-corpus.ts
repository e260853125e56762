/**
 * A deterministic corpus for the domain benchmark (item 6): permutation prompts written the way
 * users and the engines write them (flat groups, nested groups, escaped commas, permuted
 * parameters), every one expanding to exactly 40 jobs, packed ten to a specification.
 */
import { EXAMPLE_SPEC, EXAMPLE_SREF } from '../../src/domain/example-spec';
import { JOBS_PER_BATCH, PRIORITIES, type DatasetSpecification, type PermutationBatch } from '../../src/domain/schema';
// @ts-expect-error plain .mjs fixture helper without type declarations
import { createSeededRandom } from '../../scripts/fixtures/seeded-random.mjs';

const SUBJECTS = [
  'a fox', 'a heron', 'an owl', 'a hare', 'a badger', 'a deer', 'a wren', 'an otter', 'a lighthouse', 'a barn',
  'a bridge', 'a windmill', 'a chapel', 'a cottage', 'a tower', 'a pier', 'a teapot', 'a bicycle', 'a lantern',
  'an armchair', 'a violin', 'a clock', 'a kettle', 'a typewriter', 'a fisherman', 'a baker', 'a gardener',
  'a postman', 'a sailor', 'a florist', 'a mountain lake', 'a pine forest', 'a wheat field', 'a sea cliff',
  'a river bend', 'a meadow', 'a dune', 'a glacier', 'a tram', 'a steam train', 'a sailboat', 'a biplane',
];
const MODIFIERS = [
  'at dawn', 'at noon', 'at dusk', 'at night', 'in the rain', 'in fog', 'in snow', 'in spring', 'in autumn',
  'from above', 'up close', 'far away', 'at golden hour', 'under stars', 'by candlelight', 'in a storm',
];
const ESCAPED = ['a sign reading open\\, closed', 'salt\\, pepper and bread', 'a map of north\\, south', 'bread\\, cheese and wine'];
const CATEGORIES = ['animals', 'buildings', 'objects', 'people', 'landscapes', 'vehicles'];

export const BATCHES_PER_SPEC = 10;

type Random = { next(): number };

/** `count` distinct entries of `pool`, in a seeded order. */
function pick(random: Random, pool: readonly string[], count: number): string[] {
  const copy = [...pool];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

const group = (options: readonly string[]) => `{${options.join(', ')}}`;

/** Every shape makes 40 jobs; the comment gives the product. */
const SHAPES: ReadonlyArray<(random: Random, sref: string) => string> = [
  // 8 subjects x 5 modifiers
  (random, sref) => `${group(pick(random, SUBJECTS, 8))} ${group(pick(random, MODIFIERS, 5))} --sref ${sref}`,
  // (6 subjects + one with a nested pair = 8) x 5
  (random, sref) => {
    const [nested, ...plain] = pick(random, SUBJECTS, 7);
    return `${group([`${nested} {on a pier, on a beach}`, ...plain])} ${group(pick(random, MODIFIERS, 5))} --sref ${sref}`;
  },
  // 8 subjects with escaped commas among them x 5
  (random, sref) => `${group([...pick(random, ESCAPED, 2), ...pick(random, SUBJECTS, 6)])} ${group(pick(random, MODIFIERS, 5))} --sref ${sref}`,
  // 4 x 5 x 2 aspect ratios
  (random, sref) => `${group(pick(random, SUBJECTS, 4))} ${group(pick(random, MODIFIERS, 5))} --sref ${sref} --ar {1:1, 16:9}`,
  // 4 x 5 x 2 model versions (a permuted parameter name)
  (random, sref) => `${group(pick(random, SUBJECTS, 4))} ${group(pick(random, MODIFIERS, 5))} --sref ${sref} --{v 7, niji 6}`,
  // 4 x 2 x 5, three groups
  (random, sref) => {
    const modifiers = pick(random, MODIFIERS, 7);
    return `${group(pick(random, SUBJECTS, 4))} ${group(modifiers.slice(0, 2))} ${group(modifiers.slice(2))} --sref ${sref}`;
  },
];

export interface PermutationCorpus {
  srefCode: string;
  prompts: string[];
  /** The prompts, ten per specification (a valid 10-batch spec each). */
  specs: DatasetSpecification[];
  jobsPerPrompt: number;
}

function toBatch(prompt: string, index: number): PermutationBatch {
  return {
    batch_number: index + 1,
    batch_name: `Batch ${index + 1}`,
    category: CATEGORIES[index % CATEGORIES.length]!,
    image_count: JOBS_PER_BATCH,
    prompt,
    priority: PRIORITIES[index % PRIORITIES.length]!,
    notes: '',
  };
}

export function createPermutationCorpus(promptCount: number, seed = 1): PermutationCorpus {
  if (promptCount % BATCHES_PER_SPEC !== 0) throw new RangeError(`The corpus packs ${BATCHES_PER_SPEC} prompts per spec; ${promptCount} is not a multiple.`);
  const random = createSeededRandom(seed) as Random;
  const prompts = Array.from({ length: promptCount }, (_, index) => SHAPES[index % SHAPES.length]!(random, EXAMPLE_SREF));
  const specs: DatasetSpecification[] = [];
  for (let start = 0; start < prompts.length; start += BATCHES_PER_SPEC) {
    const batches = prompts.slice(start, start + BATCHES_PER_SPEC).map(toBatch);
    specs.push({ ...structuredClone(EXAMPLE_SPEC), permutation_batches: batches });
  }
  return { srefCode: EXAMPLE_SREF, prompts, specs, jobsPerPrompt: JOBS_PER_BATCH };
}
