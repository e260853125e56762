/**
 * Model text -> a valid DatasetSpecification, or the list of problems to send back in a repair
 * request. Parse (other shapes converted, domain/spec-input.ts), apply the domain's deterministic
 * repairs, then validate with the domain rules. Converted or repaired output says so.
 */
import { parseSpecificationText } from '../domain/parse-output';
import { repairSpecification } from '../domain/repair';
import type { DatasetSpecification } from '../domain/schema';
import { formatValidationIssue, validateSpecification } from '../domain/validate';

export type OutputCheck =
  | { ok: true; spec: DatasetSpecification; repaired: boolean }
  | { ok: false; problems: string[] };

export function checkSpecificationOutput(text: string, srefCode: string): OutputCheck {
  const parsed = parseSpecificationText(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const context = { srefCode };
  const spec = repairSpecification(parsed.spec, context);
  const report = validateSpecification(spec, context);
  if (!report.valid) return { ok: false, problems: report.errors.map((issue) => formatValidationIssue(issue, spec)) };
  return { ok: true, spec, repaired: parsed.changes.length > 0 || JSON.stringify(spec) !== JSON.stringify(parsed.spec) };
}
