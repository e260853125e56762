/**
 * Chooses a dtype per session (vision_encoder, embed_tokens, decoder_model_merged) from the sizes
 * in a repo listing: for each session, the smallest file set (graph + external data) among the
 * dtypes known to be correct on the device (registry.dtypesFor).
 *
 * Sizes decide because exports differ per session: in the real Qwen2-VL-2B the q4 vision encoder
 * keeps its 2.66 GB of fp32 weights (its layers are Gemm, which the 4-bit quantizer skips) while
 * q8 shrinks it to a quarter, and q4 embed_tokens is full size (a Gather) while q8 is a quarter.
 * A uniform set can therefore be several times larger than the best mixed one.
 */
import { ModelSourceError } from '../errors';
import { belongsToSessionFile, describeDevice, dtypesFor, SESSION_NAMES, sessionFileName, type DtypeSet, type InferenceDevice, type SessionName } from './registry';

export interface ListedFile {
  path: string;
  size: number;
}

export interface SessionChoice {
  dtype: string;
  /** The graph and its external-data chunks. */
  files: string[];
  bytes: number;
}

export interface DtypePlan {
  dtype: DtypeSet;
  sessions: Record<SessionName, SessionChoice>;
  /** Bytes of the three sessions' files (what the runtime holds as weights). */
  sessionBytes: number;
}

/**
 * A smaller file that saves less than this share of the smallest is not worth its precision
 * loss: near-equal candidates go to the more precise dtype (q4 vision = fp32 vision in bytes).
 */
export const NEGLIGIBLE_SAVING = 0.05;

/** Every dtype of `session` present in the listing, with its files and their total size. */
function candidatesFor(session: SessionName, dtypes: readonly string[], files: readonly ListedFile[]): SessionChoice[] {
  const out: SessionChoice[] = [];
  for (const dtype of dtypes) {
    const graph = `onnx/${sessionFileName(session, dtype)}`;
    const own = files.filter((file) => belongsToSessionFile(file.path, graph));
    if (!own.some((file) => file.path === graph)) continue;
    out.push({ dtype, files: own.map((file) => file.path).sort(), bytes: own.reduce((sum, file) => sum + file.size, 0) });
  }
  return out;
}

/** `candidates` in precision order; the most precise among those within NEGLIGIBLE_SAVING of the smallest. */
function pickSmallest(candidates: SessionChoice[]): SessionChoice | undefined {
  if (candidates.length === 0) return undefined;
  const smallest = Math.min(...candidates.map((candidate) => candidate.bytes));
  return candidates.find((candidate) => candidate.bytes <= smallest * (1 + NEGLIGIBLE_SAVING));
}

/**
 * The per-session dtype set for this device. `files` is the repo listing (paths + sizes); the
 * listing's sizes are the Hub's, so the plan is known before any byte is downloaded.
 */
export function planDtypes(device: InferenceDevice, hasShaderF16: boolean, files: readonly ListedFile[]): DtypePlan {
  const dtypes = dtypesFor(device, hasShaderF16);
  const sessions = {} as Record<SessionName, SessionChoice>;
  for (const session of SESSION_NAMES) {
    const choice = pickSmallest(candidatesFor(session, dtypes, files));
    if (!choice) {
      throw new ModelSourceError(`the repo has no ${session} ONNX file usable on ${describeDevice(device, hasShaderF16)} (looked for ${dtypes.join(', ')})`);
    }
    sessions[session] = choice;
  }
  const dtype = Object.fromEntries(SESSION_NAMES.map((session) => [session, sessions[session].dtype])) as DtypeSet;
  return { dtype, sessions, sessionBytes: SESSION_NAMES.reduce((sum, session) => sum + sessions[session].bytes, 0) };
}
