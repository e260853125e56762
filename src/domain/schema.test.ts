import { describe, expect, it } from 'vitest';
import { DatasetSpecificationSchema, datasetSpecificationJsonSchema, MAX_BATCHES, MIN_BATCHES } from './schema';
import { EXAMPLE_SPEC } from './example-spec';

type Node = Record<string, unknown>;

function objectsIn(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((item) => objectsIn(item, found));
  else if (node && typeof node === 'object') {
    const record = node as Node;
    if (record.type === 'object') found.push(record);
    Object.values(record).forEach((value) => objectsIn(value, found));
  }
  return found;
}

describe('datasetSpecificationJsonSchema', () => {
  const schema = datasetSpecificationJsonSchema();

  it('closes every object (structured output needs additionalProperties: false) and requires its fields', () => {
    const objects = objectsIn(schema);
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) {
      expect(object.additionalProperties).toBe(false);
      expect(Object.keys(object.properties as Node)).toEqual(expect.arrayContaining(object.required as string[]));
    }
  });

  it('asks for the product rule of 8-10 batches', () => {
    const batches = (schema.properties as Record<string, Node>).permutation_batches!;
    expect([batches.minItems, batches.maxItems]).toEqual([MIN_BATCHES, MAX_BATCHES]);
  });

  it('contains no $schema or $ref the Messages API would have to resolve', () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain('$schema');
    expect(text).not.toContain('$ref');
  });
});

describe('DatasetSpecificationSchema', () => {
  it('accepts the bundled example', () => {
    expect(DatasetSpecificationSchema.safeParse(EXAMPLE_SPEC).success).toBe(true);
  });

  it.each([
    ['a bad hex colour', (spec: typeof EXAMPLE_SPEC) => void (spec.style_analysis.color_palette[0]!.hex = 'teal')],
    ['an unknown priority', (spec: typeof EXAMPLE_SPEC) => void ((spec.permutation_batches[0] as { priority: string }).priority = 'urgent')],
    ['an empty batch name', (spec: typeof EXAMPLE_SPEC) => void (spec.permutation_batches[0]!.batch_name = '   ')],
    ['a fractional batch number', (spec: typeof EXAMPLE_SPEC) => void (spec.permutation_batches[0]!.batch_number = 1.5)],
    ['a missing section', (spec: typeof EXAMPLE_SPEC) => void delete (spec as Partial<typeof EXAMPLE_SPEC>).prompt_guidelines],
  ])('rejects %s', (_, breakIt) => {
    const spec = structuredClone(EXAMPLE_SPEC);
    breakIt(spec);
    expect(DatasetSpecificationSchema.safeParse(spec).success).toBe(false);
  });
});
