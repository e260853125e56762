import { describe, expect, it } from 'vitest';
import { exportJson } from './json';
import { DatasetSpecificationSchema } from '../schema';
import { parseSpecificationText } from '../parse-output';
import { fixtureSpecification } from '../spec-fixture.test-helpers';

describe('exportJson', () => {
  const spec = fixtureSpecification();
  const context = { projectName: 'Foxes', srefCode: '1234567890', analysis: null, exportedAt: new Date(0), isExample: true };

  it('writes the spec alone, pretty, and it round-trips through the schema', () => {
    const text = exportJson(spec, context);
    expect(text).toBe(`${JSON.stringify(spec, null, 2)}\n`);
    const parsed = DatasetSpecificationSchema.parse(JSON.parse(text));
    expect(parsed).toEqual(spec);
  });

  it('re-imports through the model-output reader unchanged', () => {
    expect(parseSpecificationText(exportJson(spec, context))).toEqual({ ok: true, spec, changes: [] });
  });

  it('keeps text that looks like markup as data', () => {
    const tricky = { ...spec, prompt_guidelines: { ...spec.prompt_guidelines, keep_simple: '<img src=x onerror=alert(1)> "quoted" \\ slash' } };
    expect(JSON.parse(exportJson(tricky, context)).prompt_guidelines.keep_simple).toBe('<img src=x onerror=alert(1)> "quoted" \\ slash');
  });
});
