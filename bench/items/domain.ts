/**
 * Item 6: expanding and validating 10,000 permutation prompts (1,000 ten-batch specifications)
 * with the real domain code, in Node (the same V8 as the editor's Chromium). Each is compared
 * with a cheaper pass over the same data in the same rounds: expansion with counting jobs on the
 * parse tree, validation with the zod schema parse every loaded specification goes through.
 */
import { countJobs, expandPrompt } from '../../src/domain/permutations';
import { DatasetSpecificationSchema } from '../../src/domain/schema';
import { validateSpecification } from '../../src/domain/validate';
import type { BenchContext } from '../harness/bench-item';
import { BenchHarnessError, createFigure, type Figure } from '../harness/figure';
import { summarize } from '../harness/stats';
import { timeRounds } from '../harness/timing';
import { createPermutationCorpus } from '../support/permutation-corpus';

const PROMPTS = 10_000;

export async function run(context: BenchContext): Promise<Figure[]> {
  const corpus = createPermutationCorpus(PROMPTS);
  const expectedJobs = PROMPTS * corpus.jobsPerPrompt;
  let expanded = 0;
  let counted = 0;
  let invalid = 0;
  let schemaFailures = 0;

  const times = await timeRounds(
    { rounds: context.smoke ? 1 : 9, warmup: 1 },
    {
      expand: () => {
        expanded = 0;
        for (const prompt of corpus.prompts) expanded += expandPrompt(prompt).length;
      },
      count: () => {
        counted = 0;
        for (const prompt of corpus.prompts) counted += countJobs(prompt);
      },
      validate: () => {
        invalid = 0;
        for (const spec of corpus.specs) if (!validateSpecification(spec, { srefCode: corpus.srefCode }).valid) invalid += 1;
      },
      schema: () => {
        schemaFailures = 0;
        for (const spec of corpus.specs) if (!DatasetSpecificationSchema.safeParse(spec).success) schemaFailures += 1;
      },
    },
  );
  // The corpus is valid by construction (tests/bench): anything else means the harness broke.
  if (expanded !== expectedJobs || counted !== expectedJobs) throw new BenchHarnessError(`Expected ${expectedJobs} jobs, expanded ${expanded} and counted ${counted}.`);
  if (invalid > 0 || schemaFailures > 0) throw new BenchHarnessError(`${invalid} specs failed validation and ${schemaFailures} the schema.`);

  const expand = summarize(times.expand);
  const count = summarize(times.count);
  const validate = summarize(times.validate);
  const schema = summarize(times.schema);
  context.log(`expand ${expand.median.toFixed(1)} ms, count ${count.median.toFixed(1)} ms, validate ${validate.median.toFixed(1)} ms, schema ${schema.median.toFixed(1)} ms`);
  return [
    createFigure({
      item: 6,
      id: 'permutation-expand-10k',
      label: `expand ${PROMPTS.toLocaleString('en-US')} prompts (${expectedJobs.toLocaleString('en-US')} jobs)`,
      value: expand.median,
      unit: 'ms',
      samples: expand.samples,
      reference: { label: 'count jobs of the same prompts', value: count.median, unit: 'ms' },
      details: { expandMs: times.expand, countMs: times.count },
    }),
    createFigure({
      item: 6,
      id: 'spec-validate-10k',
      label: `validate ${corpus.specs.length.toLocaleString('en-US')} specs (${PROMPTS.toLocaleString('en-US')} prompts)`,
      value: validate.median,
      unit: 'ms',
      samples: validate.samples,
      reference: { label: 'zod schema parse of the same specs', value: schema.median, unit: 'ms' },
      note: `one 10-batch spec: ${((validate.median / corpus.specs.length) * 1000).toFixed(0)} µs (the editor validates on every edit)`,
      details: { validateMs: times.validate, schemaMs: times.schema },
    }),
  ];
}
