/**
 * Test helper: a specification that passes every validation rule (8 batches of 8 x 5 = 40 jobs,
 * each ending with the project's --sref), built fresh per call so tests can break one thing.
 */
import type { DatasetSpecification, PermutationBatch } from './schema';

export const FIXTURE_SREF = '1234567890';

const SUBJECTS = [
  ['a fox', 'a heron', 'an owl', 'a hare', 'a badger', 'a deer', 'a wren', 'an otter'],
  ['a lighthouse', 'a barn', 'a bridge', 'a windmill', 'a chapel', 'a cottage', 'a tower', 'a pier'],
  ['a teapot', 'a bicycle', 'a lantern', 'an armchair', 'a violin', 'a clock', 'a kettle', 'a typewriter'],
  ['a fisherman', 'a baker', 'a gardener', 'a postman', 'a violinist', 'a child', 'a sailor', 'a florist'],
  ['a mountain lake', 'a pine forest', 'a wheat field', 'a sea cliff', 'a river bend', 'a meadow', 'a dune', 'a glacier'],
  ['an apple', 'a pear', 'a lemon', 'a fig', 'a plum', 'a melon', 'a cherry', 'a quince'],
  ['a tram', 'a steam train', 'a sailboat', 'a hot air balloon', 'a bus', 'a rowing boat', 'a biplane', 'a scooter'],
  ['a market street', 'a harbour', 'a rooftop', 'a town square', 'a station hall', 'a garden path', 'a courtyard', 'a canal'],
];
const MODIFIERS = '{at dawn, at noon, at dusk, at night, in the rain}';
const CATEGORIES = ['animals', 'buildings', 'objects', 'people', 'landscapes', 'food', 'vehicles', 'places'];

export function fixtureBatch(index: number, overrides: Partial<PermutationBatch> = {}): PermutationBatch {
  const subjects = SUBJECTS[index % SUBJECTS.length] as string[];
  return {
    batch_number: index + 1,
    batch_name: `Batch ${CATEGORIES[index % CATEGORIES.length]}`,
    category: CATEGORIES[index % CATEGORIES.length] as string,
    image_count: 40,
    prompt: `{${subjects.join(', ')}} ${MODIFIERS} --sref ${FIXTURE_SREF}`,
    priority: index < 3 ? 'high' : index < 6 ? 'medium' : 'low',
    notes: '',
    ...overrides,
  };
}

export function fixtureSpecification(batchCount = 8): DatasetSpecification {
  return {
    sref_code: FIXTURE_SREF,
    style_analysis: {
      primary_style: 'Flat colour gouache',
      era_influence: 'Mid-century picture books',
      color_palette: [
        { hex: '#1D2B4F', name: 'deep navy', share: 40 },
        { hex: '#F07860', name: 'warm coral', share: 35 },
        { hex: '#F6D5A3', name: 'sand', share: 25 },
      ],
      key_characteristics: ['flat shapes', 'soft grain', 'limited palette'],
      best_subjects: ['animals', 'small buildings', 'everyday objects'],
      avoid_subjects: ['crowds'],
    },
    training_recommendations: {
      recommended_dataset_size: 60,
      optimal_subject_distribution: [
        { category: 'animals', percentage: 30 },
        { category: 'buildings', percentage: 25 },
        { category: 'objects', percentage: 25 },
        { category: 'people', percentage: 20 },
      ],
    },
    permutation_batches: Array.from({ length: batchCount }, (_, index) => fixtureBatch(index)),
    prompt_guidelines: {
      keep_simple: 'Name one subject and one condition; let the style reference do the rest.',
      avoid_style_keywords: ['gouache'],
      recommended_additions: ['plain background'],
    },
  };
}
