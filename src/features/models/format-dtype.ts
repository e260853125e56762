/** A dtype set as users read it: one dtype per session, in load order. */
import { SESSION_NAMES, type DtypeSet, type SessionName } from '../../models/registry';

const SESSION_LABELS: Record<SessionName, string> = { vision_encoder: 'vision', embed_tokens: 'embed', decoder_model_merged: 'decoder' };

/** "vision q8 · embed q8 · decoder q4" */
export function formatDtypeSet(dtype: DtypeSet): string {
  return SESSION_NAMES.map((session) => `${SESSION_LABELS[session]} ${dtype[session]}`).join(' · ');
}
