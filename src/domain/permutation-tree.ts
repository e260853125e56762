/**
 * Parses a Midjourney permutation prompt into a tree, once, so counting, expanding and
 * splitting all read the same structure.
 *
 * Syntax (Midjourney's permutation prompts):
 * - `{a, b, c}` anywhere in the prompt is a group; each option yields its own job.
 * - Groups nest: `{seagull {on a pier, on a beach}, poodle}` is 3 options in total.
 * - `\,` `\{` `\}` are a literal comma / brace (never a separator or a group).
 *   Any other backslash is kept as typed.
 * - Options are trimmed. An empty option (`{a,,b}`, `{, red}`) is allowed and yields an
 *   empty string: Midjourney accepts it and users rely on it for "optional word" groups.
 *   `{}` is therefore one empty option (1 job).
 * - Parameters are plain text to the parser, so `--ar {1:1, 16:9}` and `--{v 7, niji 6}` permute.
 * - An unclosed `{` or a stray `}` throws PermutationSyntaxError with the 0-based position.
 */

export class PermutationSyntaxError extends Error {
  /** 0-based index in the prompt of the offending brace. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'PermutationSyntaxError';
    this.position = position;
  }
}

/** Literal text; `source` keeps the escapes as typed so a split prompt can be written back. */
export interface TextPart {
  kind: 'text';
  text: string;
  source: string;
}

export interface GroupPart {
  kind: 'group';
  /** Index of the `{` in the original prompt. */
  position: number;
  options: PromptOption[];
}

export interface PromptOption {
  parts: PromptPart[];
  /** The option as typed (escapes kept), trimmed. */
  source: string;
}

export type PromptPart = TextPart | GroupPart;

export interface PromptTree {
  parts: PromptPart[];
}

const ESCAPABLE = new Set([',', '{', '}']);
/** Characters the parser acts on; runs of anything else are copied in one slice. */
const SPECIAL = /[\\{},]/g;

export function parsePermutationPrompt(prompt: string): PromptTree {
  const parser = createParser(prompt);
  const parts = parser.sequence(false);
  return { parts };
}

function createParser(prompt: string) {
  let index = 0;

  /** Reads parts until the end, or (inside a group) until the next `,` or `}`. */
  function sequence(insideGroup: boolean): PromptPart[] {
    const parts: PromptPart[] = [];
    let text = '';
    let source = '';
    const flushText = () => {
      if (source.length > 0) parts.push({ kind: 'text', text, source });
      text = '';
      source = '';
    };
    while (index < prompt.length) {
      const char = prompt[index] as string;
      if (char === '\\' && index + 1 < prompt.length && ESCAPABLE.has(prompt[index + 1] as string)) {
        text += prompt[index + 1];
        source += prompt.slice(index, index + 2);
        index += 2;
      } else if (char === '{') {
        flushText();
        parts.push(group());
      } else if (char === '}' || (char === ',' && insideGroup)) {
        if (!insideGroup) {
          throw new PermutationSyntaxError(`Unexpected '}' at position ${index}: there is no '{' before it to close.`, index);
        }
        break;
      } else {
        SPECIAL.lastIndex = index + 1;
        const next = SPECIAL.exec(prompt)?.index ?? prompt.length;
        const run = prompt.slice(index, next);
        text += run;
        source += run;
        index = next;
      }
    }
    flushText();
    return parts;
  }

  function group(): GroupPart {
    const position = index;
    index += 1; // past '{'
    const options: PromptOption[] = [];
    for (;;) {
      const start = index;
      const parts = trimParts(sequence(true));
      options.push({ parts, source: prompt.slice(start, index).trim() });
      if (index >= prompt.length) {
        throw new PermutationSyntaxError(`Unclosed '{' at position ${position}: add a matching '}'.`, position);
      }
      const closing = prompt[index];
      index += 1;
      if (closing === '}') return { kind: 'group', position, options };
    }
  }

  return { sequence };
}

/** Options are trimmed: leading space of the first text, trailing space of the last. */
function trimParts(parts: PromptPart[]): PromptPart[] {
  const trimmed = [...parts];
  const first = trimmed[0];
  if (first?.kind === 'text') trimmed[0] = { kind: 'text', text: first.text.trimStart(), source: first.source.trimStart() };
  const lastIndex = trimmed.length - 1;
  const last = trimmed[lastIndex];
  if (last?.kind === 'text') trimmed[lastIndex] = { kind: 'text', text: last.text.trimEnd(), source: last.source.trimEnd() };
  return trimmed.filter((part) => part.kind === 'group' || part.source.length > 0);
}

/** Jobs a sequence expands to: groups multiply, a group is the sum of its options. */
export function countParts(parts: readonly PromptPart[]): number {
  let jobs = 1;
  for (const part of parts) {
    if (part.kind === 'group') jobs *= countGroup(part);
  }
  return jobs;
}

export function countGroup(group: GroupPart): number {
  let jobs = 0;
  for (const option of group.options) jobs += countParts(option.parts);
  return jobs;
}

/** Every combination in Midjourney's order: the first group varies slowest. */
export function expandParts(parts: readonly PromptPart[]): string[] {
  let results = [''];
  for (const part of parts) {
    if (part.kind === 'text') {
      results = results.map((prefix) => prefix + part.text);
    } else {
      const choices = part.options.flatMap((option) => expandParts(option.parts));
      const next: string[] = [];
      for (const prefix of results) for (const choice of choices) next.push(prefix + choice);
      results = next;
    }
  }
  return results;
}

/** Writes parts back as prompt source (escapes kept, groups as `{a, b}`). */
export function serializeParts(parts: readonly PromptPart[]): string {
  let out = '';
  for (const part of parts) {
    out += part.kind === 'text' ? part.source : `{${part.options.map((option) => option.source).join(', ')}}`;
  }
  return out;
}

/** Expansion can leave double spaces (empty options, trimmed options): collapse them. */
export function tidySpaces(text: string): string {
  return text.replace(/[ \t]{2,}/g, ' ').trim();
}
