/**
 * Zod issues as readable lines: "permutation_batches[3].priority: expected one of high|medium|low".
 * Shared by model-output parsing and project-file import so both speak the same way.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export function formatZodIssues(issues: readonly Issue[], limit = 20): string[] {
  const lines = issues.slice(0, limit).map((issue) => `${formatIssuePath(issue.path)}: ${describeIssue(issue)}`);
  if (issues.length > limit) lines.push(`…and ${issues.length - limit} more problems.`);
  return lines;
}

/** ["a", 3, "b"] -> "a[3].b"; the root is "document". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'document';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return 'is missing';
      return `expected ${describeExpected(issue.expected)}${'input' in issue ? `, got ${describeValue(issue.input)}` : ''}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join('|')}`;
    case 'too_small':
      return describeBound(issue.origin, Number(issue.minimum), 'at least', issue.inclusive !== false);
    case 'too_big':
      return describeBound(issue.origin, Number(issue.maximum), 'at most', issue.inclusive !== false);
    case 'invalid_format':
      return issue.format === 'regex' ? 'has the wrong format' : `is not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
    default:
      return issue.message;
  }
}

function describeBound(origin: string, bound: number, word: 'at least' | 'at most', inclusive: boolean): string {
  if (origin === 'string') return bound === 1 && word === 'at least' ? 'must not be empty' : `must be ${word} ${bound} characters`;
  if (origin === 'array') return `must have ${word} ${bound} item${bound === 1 ? '' : 's'}`;
  if (inclusive) return `must be ${word} ${bound}`;
  return `must be ${word === 'at least' ? 'more' : 'less'} than ${bound}`;
}

function describeExpected(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'an object';
  return `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isInteger(value)) return `${value}`;
  return `a ${typeof value}`;
}
