/**
 * What a Midjourney download's file name tells us. Downloads look like
 *   `username_a_lighthouse_at_dawn_--sref_1234567890_0f9c8b7a-...-1d2e3f4a5b6c_0.png`
 * : the user name, the prompt lower-cased with underscores (cut after some length, possibly
 * mid-word), parameters, the job's UUID, and for split grids the image's index 0-3. Upscales
 * ("U" buttons) and older downloads have no index; browsers may add " (1)" to repeated names.
 */
import { toWords } from './words';

export interface GeneratedFileName {
  /** Prompt words before any parameter (the user name's words are still at the front). */
  words: string[];
  /** Midjourney job id, when present. */
  jobId: string | null;
  /** Image within the grid (0-3), when present. */
  gridIndex: number | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function parseGeneratedFileName(path: string): GeneratedFileName {
  const base = (path.split(/[\\/]/).pop() ?? path)
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .replace(/\s*\(\d+\)$/, '');
  const uuid = UUID.exec(base);
  let promptPart = base;
  let jobId: string | null = null;
  let gridIndex: number | null = null;
  if (uuid) {
    jobId = uuid[0].toLowerCase();
    promptPart = base.slice(0, uuid.index);
    const index = /^[_\s-]*([0-3])\b/.exec(base.slice(uuid.index + uuid[0].length));
    if (index) gridIndex = Number(index[1]);
  }
  // Parameters follow the prompt: cut at the first "--name" (start, or after a separator).
  promptPart = promptPart.replace(/—/g, '--');
  const parameter = /(^|[_\s])--[a-z{]/i.exec(promptPart);
  if (parameter) promptPart = promptPart.slice(0, parameter.index);
  return { words: toWords(promptPart), jobId, gridIndex };
}
