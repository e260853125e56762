/**
 * Finds Midjourney parameters (`--name value`) in a prompt without being fooled by `--`
 * inside permutation groups (`{a --ar 1:1, b}`), inside words or URLs (`https://x/a--b.png`),
 * or by escaped braces. A parameter starts with `--` (or the `—` phones substitute for it)
 * at the start of the prompt or after whitespace, outside any group, followed by a letter or
 * a group (`--{v 7, niji 6}`). Its value runs to the next parameter. Never throws: unbalanced
 * braces are the permutation parser's job to report.
 */

export interface PromptParameter {
  /** As typed, without the dashes: "sref", "ar", "{v 7, niji 6}". */
  name: string;
  /** Trimmed text up to the next parameter. */
  value: string;
  /** Index of the dashes in the prompt. */
  position: number;
}

export interface PromptParameterSpan extends PromptParameter {
  /** Index just after the value (before the whitespace leading to the next parameter). */
  end: number;
}

export function parsePromptParameters(prompt: string): { text: string; parameters: PromptParameter[] } {
  const spans = scanPromptParameters(prompt);
  const first = spans[0];
  const text = (first ? prompt.slice(0, first.position) : prompt).trim();
  return { text, parameters: spans.map(({ name, value, position }) => ({ name, value, position })) };
}

/** Parameters with their extent, so callers can cut or replace them. */
export function scanPromptParameters(prompt: string): PromptParameterSpan[] {
  const starts = findParameterStarts(prompt);
  return starts.map((start, index) => {
    const next = starts[index + 1];
    const limit = next === undefined ? prompt.length : next.position;
    const nameEnd = endOfName(prompt, start.nameStart, limit);
    const rawValue = prompt.slice(nameEnd, limit);
    const value = rawValue.trim();
    const end = value === '' ? nameEnd : nameEnd + rawValue.trimEnd().length;
    return { name: prompt.slice(start.nameStart, nameEnd), value, position: start.position, end };
  });
}

function findParameterStarts(prompt: string): { position: number; nameStart: number }[] {
  const starts: { position: number; nameStart: number }[] = [];
  if (!prompt.includes('--') && !prompt.includes('\u2014')) return starts;
  let depth = 0;
  for (let index = 0; index < prompt.length; index += 1) {
    const char = prompt[index] as string;
    if (char === '\\') {
      index += 1; // an escaped character never opens, closes or starts anything
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && (index === 0 || isSpace(prompt[index - 1]))) {
      const prefix = dashPrefixLength(prompt, index);
      if (prefix > 0 && startsName(prompt[index + prefix])) {
        starts.push({ position: index, nameStart: index + prefix });
        index += prefix - 1;
      }
    }
  }
  return starts;
}

function dashPrefixLength(prompt: string, index: number): number {
  if (prompt.startsWith('--', index)) return 2;
  if (prompt[index] === '\u2014') return 1; // em dash: phone keyboards turn "--" into "—"
  return 0;
}

function startsName(char: string | undefined): boolean {
  return char !== undefined && (char === '{' || /[A-Za-z]/.test(char));
}

/** A name ends at whitespace outside braces (so `--{v 7, niji 6}` is one name). */
function endOfName(prompt: string, start: number, limit: number): number {
  let depth = 0;
  let index = start;
  for (; index < limit; index += 1) {
    const char = prompt[index] as string;
    if (char === '\\') index += 1;
    else if (char === '{') depth += 1;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSpace(char)) break;
  }
  return Math.min(index, limit);
}

function isSpace(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(char));
}
