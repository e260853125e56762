import { describe, expect, it } from 'vitest';
import {
  extractStyleReference,
  formatStyleReference,
  inspectStyleReference,
  parsePromptParameters,
  parseSrefInput,
  sameStyleReference,
  type StyleReference,
} from './sref';

describe('parseSrefInput accepts every Midjourney form', () => {
  it.each<[string, string, StyleReference, string]>([
    ['a bare code', '1234567890', { values: [{ kind: 'code', value: '1234567890' }] }, '1234567890'],
    ['a short code', '7', { values: [{ kind: 'code', value: '7' }] }, '7'],
    ['a very long code', '98765432109876543210', { values: [{ kind: 'code', value: '98765432109876543210' }] }, '98765432109876543210'],
    ['the --sref prefix', '--sref 1234567890', { values: [{ kind: 'code', value: '1234567890' }] }, '1234567890'],
    ['an em dash from a phone keyboard', '—sref 42 —sw 300', { values: [{ kind: 'code', value: '42' }], sw: 300 }, '42 --sw 300'],
    ['surrounding spaces', '   123   ', { values: [{ kind: 'code', value: '123' }] }, '123'],
    ['random', 'random', { values: [{ kind: 'random', value: 'random' }] }, 'random'],
    ['RANDOM in capitals', '--sref RANDOM', { values: [{ kind: 'random', value: 'random' }] }, 'random'],
    ['an image URL', 'https://cdn.example.com/style.png', { values: [{ kind: 'url', value: 'https://cdn.example.com/style.png' }] }, 'https://cdn.example.com/style.png'],
    ['a short link without extension', 'https://s.mj.run/NueRyP4V_No', { values: [{ kind: 'url', value: 'https://s.mj.run/NueRyP4V_No' }] }, 'https://s.mj.run/NueRyP4V_No'],
    ['a URL with -- inside', 'http://x.test/a--b.webp', { values: [{ kind: 'url', value: 'http://x.test/a--b.webp' }] }, 'http://x.test/a--b.webp'],
    ['an IPv6 URL holding ::', 'http://[::1]/s.png', { values: [{ kind: 'url', value: 'http://[::1]/s.png' }] }, 'http://[::1]/s.png'],
    [
      'several values with weights',
      '123 456::2 https://x.test/y.png::0.5',
      { values: [{ kind: 'code', value: '123' }, { kind: 'code', value: '456', weight: 2 }, { kind: 'url', value: 'https://x.test/y.png', weight: 0.5 }] },
      '123 456::2 https://x.test/y.png::0.5',
    ],
    [
      'a negative weight while the total stays positive',
      '123::3 456::-1',
      { values: [{ kind: 'code', value: '123', weight: 3 }, { kind: 'code', value: '456', weight: -1 }] },
      '123::3 456::-1',
    ],
    ['a weight like ::.5', '123::.5', { values: [{ kind: 'code', value: '123', weight: 0.5 }] }, '123::0.5'],
    ['--sw and --sv', '--sref 123 --sw 250 --sv 4', { values: [{ kind: 'code', value: '123' }], sw: 250, sv: 4 }, '123 --sw 250 --sv 4'],
    ['--sv before --sw, canonical reorders', '123 --sv 6 --sw 0', { values: [{ kind: 'code', value: '123' }], sw: 0, sv: 6 }, '123 --sw 0 --sv 6'],
    ['--sw 1000', '123 --SW 1000', { values: [{ kind: 'code', value: '123' }], sw: 1000 }, '123 --sw 1000'],
  ])('%s', (_name, input, reference, canonical) => {
    expect(parseSrefInput(input)).toEqual({ ok: true, reference, canonical });
    // The canonical form parses back to the same reference.
    const again = parseSrefInput(canonical);
    expect(again.ok && again.reference).toEqual(reference);
  });
});

describe('parseSrefInput explains what is wrong', () => {
  it.each([
    ['empty', '   ', "Enter a style code, 'random' or an image URL."],
    ['a word', 'abc', "'abc' is not a style code, 'random' or an image URL."],
    ['a word among codes', '123 watercolor', "'watercolor' is not a style code, 'random' or an image URL."],
    ['--sref alone', '--sref', "Add a style code, 'random' or an image URL after --sref."],
    ['a parameter first', '--sw 100', "Start with the style code, 'random' or an image URL, not '--sw'."],
    ['--sw too high', '123 --sw 2000', '--sw must be between 0 and 1000.'],
    ['--sw negative', '123 --sw -5', '--sw must be a whole number between 0 and 1000.'],
    ['--sw missing its number', '123 --sw', '--sw must be a whole number between 0 and 1000.'],
    ['--sw not a number', '123 --sw strong', '--sw must be a whole number between 0 and 1000.'],
    ['--sv not a version', '123 --sv x', '--sv must be a version number such as 4 or 6.'],
    ['--sv zero', '123 --sv 0', '--sv must be a version number such as 4 or 6.'],
    ['--sw twice', '123 --sw 100 --sw 200', 'Give --sw only once.'],
    ['--sref twice', '--sref 123 --sref 456', 'Give --sref only once; list several values after it, separated by spaces.'],
    ['another parameter', '123 --ar 16:9', "'--ar' cannot be part of the style reference; only --sw and --sv may follow it."],
    ['a value after --sw', '123 --sw 100 456', "--sw takes a single number; remove '456'."],
    ['a malformed weight', '123::abc', "'::abc' is not a valid weight; use a number such as ::2."],
    ['an empty weight', '123::', "'::' is not a valid weight; use a number such as ::2."],
    ['weights that cancel out', '123::1 456::-1', 'The --sref weights must add up to more than 0.'],
    ['an ftp URL', 'ftp://x.test/y.png', "'ftp://x.test/y.png' is not a style code, 'random' or an image URL."],
    ['a URL without host', 'https:///y.png', "'https:///y.png' is not a style code, 'random' or an image URL."],
  ])('%s', (_name, input, error) => {
    expect(parseSrefInput(input)).toEqual({ ok: false, error });
  });
});

describe('parsePromptParameters', () => {
  it.each([
    ['no parameters', 'a red bird', 'a red bird', []],
    [
      'several parameters',
      'a red bird --ar 16:9 --sref 123 456::2 --sw 200',
      'a red bird',
      [
        { name: 'ar', value: '16:9', position: 11 },
        { name: 'sref', value: '123 456::2', position: 21 },
        { name: 'sw', value: '200', position: 39 },
      ],
    ],
    ['a flag without value', 'a bird --tile --raw', 'a bird', [{ name: 'tile', value: '', position: 7 }, { name: 'raw', value: '', position: 14 }]],
    ['-- inside a group is not a parameter', '{a --ar 1:1, b} c --v 7', '{a --ar 1:1, b} c', [{ name: 'v', value: '7', position: 18 }]],
    ['-- inside a word or URL is not a parameter', 'well--known --sref https://x.test/a--b.png', 'well--known', [{ name: 'sref', value: 'https://x.test/a--b.png', position: 12 }]],
    ['a permuted value', 'a bird --ar {1:1, 16:9} --sref 1', 'a bird', [{ name: 'ar', value: '{1:1, 16:9}', position: 7 }, { name: 'sref', value: '1', position: 24 }]],
    ['a permuted name', 'a bird --{v 7, niji 6} --sref 1', 'a bird', [{ name: '{v 7, niji 6}', value: '', position: 7 }, { name: 'sref', value: '1', position: 23 }]],
    ['an em dash', 'a bird —sref 1', 'a bird', [{ name: 'sref', value: '1', position: 7 }]],
    ['dashes followed by a digit are text', 'count --5 --s 50', 'count --5', [{ name: 's', value: '50', position: 10 }]],
    ['escaped braces do not hide parameters', 'a \\{ b --sref 1', 'a \\{ b', [{ name: 'sref', value: '1', position: 7 }]],
    ['a parameter at the very start', '--sref 1', '', [{ name: 'sref', value: '1', position: 0 }]],
    ['unbalanced braces never throw', 'a {b --sref 1', 'a {b --sref 1', []],
  ])('%s', (_name, prompt, text, parameters) => {
    expect(parsePromptParameters(prompt)).toEqual({ text, parameters });
  });
});

describe('extractStyleReference and inspectStyleReference', () => {
  it.each<[string, string, StyleReference | null]>([
    ['a code', '{a, b} bird --sref 123', { values: [{ kind: 'code', value: '123' }] }],
    ['with --sw and --sv elsewhere', 'bird --sw 50 --ar 1:1 --sref 123::2 random --sv 4', { values: [{ kind: 'code', value: '123', weight: 2 }, { kind: 'random', value: 'random' }], sw: 50, sv: 4 }],
    ['a URL', 'bird --sref https://x.test/a--b.png', { values: [{ kind: 'url', value: 'https://x.test/a--b.png' }] }],
    ['none', 'bird --ar 1:1', null],
    ['an unreadable value', 'bird --sref watercolor', null],
  ])('%s', (_name, prompt, expected) => {
    expect(extractStyleReference(prompt)).toEqual(expected);
  });

  it.each([
    ['missing', 'bird', { status: 'missing' }],
    ['empty value', 'bird --sref', { status: 'invalid', error: "--sref has no value; add a style code, 'random' or an image URL." }],
    ['permuted', 'bird --sref {1, 2}', { status: 'invalid', error: 'The --sref is permuted; every job must use the same style reference.' }],
    ['bad --sw', 'bird --sref 1 --sw 5000', { status: 'invalid', error: '--sw must be between 0 and 1000.' }],
    ['bad --sv', 'bird --sref 1 --sv new', { status: 'invalid', error: '--sv must be a version number such as 4 or 6.' }],
    ['repeated', 'bird --sref 1 --sref 2', { status: 'found', reference: { values: [{ kind: 'code', value: '1' }] }, duplicated: true }],
    ['found', 'bird --SREF 1', { status: 'found', reference: { values: [{ kind: 'code', value: '1' }] }, duplicated: false }],
  ])('%s', (_name, prompt, expected) => {
    expect(inspectStyleReference(prompt)).toEqual(expected);
  });
});

describe('formatStyleReference', () => {
  it.each<[StyleReference, string]>([
    [{ values: [{ kind: 'code', value: '123' }] }, '--sref 123'],
    [{ values: [{ kind: 'code', value: '123' }, { kind: 'code', value: '456', weight: 2 }], sw: 200 }, '--sref 123 456::2 --sw 200'],
    [{ values: [{ kind: 'random', value: 'random' }], sv: 6 }, '--sref random --sv 6'],
    [{ values: [{ kind: 'url', value: 'https://x.test/y.png', weight: -0.5 }, { kind: 'code', value: '1', weight: 2 }], sw: 0, sv: 4 }, '--sref https://x.test/y.png::-0.5 1::2 --sw 0 --sv 4'],
  ])('%j -> %s', (reference, expected) => {
    expect(formatStyleReference(reference)).toBe(expected);
    expect(extractStyleReference(`a bird ${expected}`)).toEqual(reference);
  });
});

describe('sameStyleReference', () => {
  const parse = (text: string) => {
    const result = parseSrefInput(text);
    if (!result.ok) throw new Error(result.error);
    return result.reference;
  };
  it.each([
    ['identical', '123', '123', true],
    ['prefix makes no difference', '--sref 123', '123', true],
    ['order of values does not matter', '123 456::2', '456::2 123', true],
    ['default weight ::1 equals no weight', '123::1', '123', true],
    ['default --sw 100 equals no --sw', '123 --sw 100', '123', true],
    ['different code', '123', '124', false],
    ['leading zeros are a different code', '0123', '123', false],
    ['different weight', '123 456::2', '123 456::3', false],
    ['different --sw', '123 --sw 200', '123', false],
    ['--sv given on one side only', '123 --sv 4', '123', false],
    ['different --sv', '123 --sv 4', '123 --sv 6', false],
    ['an extra value', '123 456', '123', false],
    ['a repeated value is not the same blend', '123 123', '123', false],
    ['random vs a code', 'random', '123', false],
    ['URLs compare exactly', 'https://x.test/a.png', 'https://x.test/b.png', false],
  ])('%s', (_name, a, b, same) => {
    expect(sameStyleReference(parse(a), parse(b))).toBe(same);
    expect(sameStyleReference(parse(b), parse(a))).toBe(same);
  });
});
