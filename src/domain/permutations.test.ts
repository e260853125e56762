import { describe, expect, it } from 'vitest';
import {
  countJobs,
  expandPrompt,
  MAX_EXPANDED_JOBS,
  PermutationSyntaxError,
  PermutationTooLargeError,
  splitForPlan,
} from './permutations';
import { PLANS } from './plans';

const sorted = (values: readonly string[]) => [...values].sort();

describe('countJobs and expandPrompt', () => {
  it.each([
    ['no group', 'a red bird --ar 1:1', ['a red bird --ar 1:1']],
    ['one group', 'a {red, green, yellow} bird', ['a red bird', 'a green bird', 'a yellow bird']],
    [
      'two groups multiply, first group slowest',
      'a {red, green} bird in the {jungle, desert}',
      ['a red bird in the jungle', 'a red bird in the desert', 'a green bird in the jungle', 'a green bird in the desert'],
    ],
    ['nesting', '{seagull {on a pier, on a beach}, poodle}', ['seagull on a pier', 'seagull on a beach', 'poodle']],
    [
      'nesting two levels deep',
      'a {cat {in a {box, bag}, on a mat}, dog}',
      ['a cat in a box', 'a cat in a bag', 'a cat on a mat', 'a dog'],
    ],
    ['group at the start and end', '{a, b} and {c, d}', ['a and c', 'a and d', 'b and c', 'b and d']],
    ['options are trimmed', 'a {  red  ,green   } bird', ['a red bird', 'a green bird']],
    ['no spaces around a group', 'x{1,2}y', ['x1y', 'x2y']],
    ['escaped comma inside a group is text', '{salt\\, pepper, sugar} shaker', ['salt, pepper shaker', 'sugar shaker']],
    ['escaped comma outside a group', 'red\\, green {bird, fish}', ['red, green bird', 'red, green fish']],
    ['escaped braces are literal', 'a \\{literal\\} {x, y}', ['a {literal} x', 'a {literal} y']],
    ['plain comma outside a group is text', 'a bird, flying {high, low}', ['a bird, flying high', 'a bird, flying low']],
    ['other backslashes are kept', 'a\\b {c, d}', ['a\\b c', 'a\\b d']],
    ['parameter values permute', 'a bird --ar {1:1, 16:9}', ['a bird --ar 1:1', 'a bird --ar 16:9']],
    ['parameter names permute', 'a bird --{v 7, niji 6}', ['a bird --v 7', 'a bird --niji 6']],
    ['empty option yields an empty string', 'a {, red} bird', ['a bird', 'a red bird']],
    ['empty option in the middle', '{a,,b}', ['a', '', 'b']],
    ['empty group is one empty option', 'x {} y', ['x y']],
    ['double spaces left by expansion collapse', 'a {big , } {red,} bird', ['a big red bird', 'a big bird', 'a red bird', 'a bird']],
    ['duplicates are kept as separate jobs', '{cat, cat}', ['cat', 'cat']],
  ])('%s', (_name, prompt, expected) => {
    expect(expandPrompt(prompt)).toEqual(expected);
    expect(countJobs(prompt)).toBe(expected.length);
  });

  it.each([
    ['8 x 5', `{${'a,'.repeat(7)}a} {${'b,'.repeat(4)}b}`, 40],
    ['nested sums inside a product', '{x {1, 2, 3}, y} {p, q}', 8],
    ['three groups', '{a,b} {c,d,e} {f,g,h,i}', 24],
    ['a parameter group multiplies the rest', '{a, b, c, d} --ar {1:1, 2:3}', 8],
  ])('counts %s without expanding', (_name, prompt, jobs) => {
    expect(countJobs(prompt)).toBe(jobs);
    expect(expandPrompt(prompt)).toHaveLength(jobs);
  });

  it('counts huge prompts without expanding them, and refuses to expand them', () => {
    const prompt = Array.from({ length: 6 }, () => `{${Array.from({ length: 10 }, (_, i) => `w${i}`).join(', ')}}`).join(' ');
    expect(countJobs(prompt)).toBe(1_000_000);
    expect(() => expandPrompt(prompt)).toThrow(PermutationTooLargeError);
    expect(1_000_000).toBeGreaterThan(MAX_EXPANDED_JOBS);
  });
});

describe('syntax errors name the position', () => {
  it.each([
    ['unclosed group', 'a {red, green bird', 2, "Unclosed '{' at position 2"],
    ['unclosed outer group around a closed one', '{a, {b, c} d', 0, "Unclosed '{' at position 0"],
    ['unclosed inner group', '{a {b, c', 3, "Unclosed '{' at position 3"],
    ['stray closing brace', 'a red} bird', 5, "Unexpected '}' at position 5"],
    ['stray brace after a balanced group', '{a, b}} c', 6, "Unexpected '}' at position 6"],
    ['escaped opening brace does not open', 'a \\{b, c}', 8, "Unexpected '}' at position 8"],
    ['escaped closing brace does not close', '{a, b\\}', 0, "Unclosed '{' at position 0"],
  ])('%s', (_name, prompt, position, message) => {
    const attempt = () => countJobs(prompt);
    expect(attempt).toThrow(PermutationSyntaxError);
    try {
      attempt();
    } catch (caught) {
      expect((caught as PermutationSyntaxError).position).toBe(position);
      expect((caught as PermutationSyntaxError).message).toContain(message);
    }
    expect(() => expandPrompt(prompt)).toThrow(PermutationSyntaxError);
    expect(() => splitForPlan(prompt, 4)).toThrow(PermutationSyntaxError);
  });
});

describe('splitForPlan', () => {
  const eight = '{fox, heron, owl, hare, badger, deer, wren, otter}';
  const five = '{at dawn, at noon, at dusk, at night, in the rain}';
  const batch = `${eight} ${five} --sref 123`;

  it.each([
    ['8 x 5 on Basic (4)', batch, PLANS.basic.jobsPerPrompt, 10],
    ['8 x 5 on Standard (10)', batch, PLANS.standard.jobsPerPrompt, 4],
    ['8 x 5 on Pro (40)', batch, PLANS.pro.jobsPerPrompt, 1],
    ['8 x 5 with limit 3', batch, 3, 14],
    ['8 x 5 with limit 7', batch, 7, 6],
    ['8 x 5 with limit 1', batch, 1, 40],
    ['5 x 8 on Standard', `${five} ${eight}`, 10, 4],
    ['nested options on limit 1', '{seagull {on a pier, on a beach}, poodle} --ar {1:1, 16:9}', 1, 6],
    ['nested options on limit 2', '{seagull {on a pier, on a beach}, poodle} --ar {1:1, 16:9}', 2, 3],
    ['unequal nested options, contiguous chunks', '{a {1, 2, 3}, b, c {1, 2, 3}, d} x', 4, 2],
    ['unequal nested options that only packing fits in 2', '{a {1, 2, 3}, c {1, 2, 3}, b, d} x', 4, 2],
    ['a single option holding groups is unwrapped', '{{a, b} {c, d}} z', 2, 2],
    ['3 x 3 x 3 on limit 4', '{a,b,c} {d,e,f} {g,h,i}', 4, 8],
    ['7 x 6 on Standard', '{a,b,c,d,e,f,g} {1,2,3,4,5,6}', 10, 5],
    ['parameter permutation split', 'a bird {red, blue} --ar {1:1, 16:9, 2:3} --{v 7, niji 6}', 4, 3],
  ])('%s: the same jobs in as few prompts as possible', (_name, prompt, limit, expectedPrompts) => {
    const pieces = splitForPlan(prompt, limit);
    expect(pieces).toHaveLength(expectedPrompts);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(countJobs(prompt) / limit));
    for (const piece of pieces) expect(countJobs(piece)).toBeLessThanOrEqual(limit);
    expect(sorted(pieces.flatMap(expandPrompt))).toEqual(sorted(expandPrompt(prompt)));
  });

  /** Reference: every cut of every group into every multiset of chunk sizes, exhaustively. */
  function fewestPromptsByBruteForce(sizes: readonly number[], limit: number, memo = new Map<string, number>()): number {
    if (sizes.reduce((product, size) => product * size, 1) <= limit) return 1;
    const key = sizes.join('x');
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best = Infinity;
    sizes.forEach((size, index) => {
      for (const parts of integerPartitions(size)) {
        if (parts.length < 2) continue;
        const total = parts.reduce((sum, part) => sum + fewestPromptsByBruteForce(sizes.map((s, i) => (i === index ? part : s)), limit, memo), 0);
        best = Math.min(best, total);
      }
    });
    memo.set(key, best);
    return best;
  }

  function integerPartitions(n: number, max = n): number[][] {
    if (n === 0) return [[]];
    const result: number[][] = [];
    for (let first = Math.min(n, max); first >= 1; first -= 1) {
      for (const rest of integerPartitions(n - first, first)) result.push([first, ...rest]);
    }
    return result;
  }

  it.each([
    [[8, 5], [1, 2, 3, 4, 6, 7, 9, 10, 13, 20]],
    [[3, 3, 3], [2, 4, 5, 8]],
    [[7, 6], [4, 5, 10, 11]],
    [[4, 4, 2], [3, 5, 6, 7]],
    [[6, 5, 2], [4, 7, 9, 10]],
  ])('matches an exhaustive search for groups of %j', (sizes, limits) => {
    const prompt = sizes.map((size, group) => `{${Array.from({ length: size }, (_, i) => `g${group}o${i}`).join(', ')}}`).join(' ');
    for (const limit of limits) {
      const pieces = splitForPlan(prompt, limit);
      expect({ limit, prompts: pieces.length }).toEqual({ limit, prompts: fewestPromptsByBruteForce(sizes, limit) });
      expect(sorted(pieces.flatMap(expandPrompt))).toEqual(sorted(expandPrompt(prompt)));
    }
  });

  it('keeps Midjourney order when cutting the first group suffices', () => {
    const pieces = splitForPlan(batch, 10);
    expect(pieces).toEqual([
      `{fox, heron} ${five} --sref 123`,
      `{owl, hare} ${five} --sref 123`,
      `{badger, deer} ${five} --sref 123`,
      `{wren, otter} ${five} --sref 123`,
    ]);
    expect(pieces.flatMap(expandPrompt)).toEqual(expandPrompt(batch));
  });

  it('writes a chunk of one option without braces', () => {
    expect(splitForPlan('a {red, blue} bird --ar {1:1, 16:9}', 2)).toEqual(['a red bird --ar {1:1, 16:9}', 'a blue bird --ar {1:1, 16:9}']);
  });

  it('returns a prompt within the limit unchanged, spacing and all', () => {
    const prompt = 'a {red,blue}  bird   --sref 1';
    expect(splitForPlan(prompt, 2)).toEqual([prompt]);
  });

  it('keeps escapes in the written prompts', () => {
    const prompt = '{salt\\, pepper, sugar, honey\\{raw\\}} on a table';
    const pieces = splitForPlan(prompt, 1);
    expect(pieces).toEqual(['salt\\, pepper on a table', 'sugar on a table', 'honey\\{raw\\} on a table']);
    expect(pieces.flatMap(expandPrompt)).toEqual(['salt, pepper on a table', 'sugar on a table', 'honey{raw} on a table']);
  });

  it('handles empty options without leaving double spaces', () => {
    const pieces = splitForPlan('a {, big, huge} {red, blue} bird', 2);
    expect(pieces).toHaveLength(3);
    for (const piece of pieces) expect(piece).not.toMatch(/ {2}/);
    expect(sorted(pieces.flatMap(expandPrompt))).toEqual(sorted(expandPrompt('a {, big, huge} {red, blue} bird')));
  });

  it('splits a 10,000-job prompt quickly and exactly', () => {
    const group = `{${Array.from({ length: 100 }, (_, i) => `s${i}`).join(', ')}}`;
    const prompt = `${group} ${group.replace(/s/g, 'm')}`;
    const started = performance.now();
    const pieces = splitForPlan(prompt, 40);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(pieces).toHaveLength(250);
    expect(sorted(pieces.flatMap(expandPrompt))).toEqual(sorted(expandPrompt(prompt)));
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects a limit of %s', (limit) => {
    expect(() => splitForPlan('{a, b}', limit)).toThrow(RangeError);
  });
});
