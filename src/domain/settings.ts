/** User settings, persisted locally. The API key is not here: it is kept apart (storage/settings-repository.ts). */
import { z } from 'zod';
import { endpointUrlSchema } from './endpoint-url';

export const ANALYSIS_MODE_SETTINGS = ['auto', 'cloud', 'offline'] as const;
export type AnalysisModeSetting = (typeof ANALYSIS_MODE_SETTINGS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_API_BASE_URL = 'https://api.anthropic.com';
export const DEFAULT_HUB_HOST = 'https://huggingface.co';
export const DEFAULT_OFFLINE_VARIANT = 'qwen2-vl-2b';

export const CustomModelSourceSchema = z.strictObject({
  repo: z.string().trim().regex(/^[\w.-]+\/[\w.-]+$/, 'Use the form owner/name'),
  revision: z.string().trim().min(1).max(100),
});
export type CustomModelSource = z.infer<typeof CustomModelSourceSchema>;

export const SettingsSchema = z.strictObject({
  analysisMode: z.enum(ANALYSIS_MODE_SETTINGS),
  autoFallback: z.boolean(),
  keepModelLoaded: z.boolean(),
  claudeModel: z.string().trim().min(1).max(100),
  /** https, or http to this computer only (endpoint-url.ts): the key travels there. */
  apiBaseUrl: endpointUrlSchema('api'),
  /** Keep the API key in IndexedDB across sessions; off: in this tab's memory only. */
  rememberApiKey: z.boolean(),
  /** Offline model variant id from the model registry. */
  offlineVariant: z.string().min(1).max(100),
  /** Repo + revision for the user-supplied (custom / 7B) variant. */
  customModel: CustomModelSourceSchema.nullable(),
  /** Hugging Face Hub host, or a mirror that speaks its wire format. */
  hubHost: endpointUrlSchema('hub'),
  /** Midjourney plan used to split prompt lists on export. */
  plan: z.enum(['basic', 'standard', 'pro', 'mega']),
  theme: z.enum(THEMES),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  analysisMode: 'auto',
  autoFallback: true,
  keepModelLoaded: true,
  claudeModel: DEFAULT_CLAUDE_MODEL,
  apiBaseUrl: DEFAULT_API_BASE_URL,
  rememberApiKey: true,
  offlineVariant: DEFAULT_OFFLINE_VARIANT,
  customModel: null,
  hubHost: DEFAULT_HUB_HOST,
  plan: 'standard',
  theme: 'system',
};

/** Stored settings merged over defaults; unknown or invalid fields fall back to defaults. */
export function readSettings(stored: unknown): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...(isRecord(stored) ? stored : {}) };
  const parsed = SettingsSchema.safeParse(pickKnown(merged));
  if (parsed.success) return parsed.data;
  const repaired: Record<string, unknown> = { ...merged };
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in DEFAULT_SETTINGS) repaired[key] = DEFAULT_SETTINGS[key as keyof Settings];
  }
  const retry = SettingsSchema.safeParse(pickKnown(repaired));
  return retry.success ? retry.data : { ...DEFAULT_SETTINGS };
}

function pickKnown(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((key) => [key, value[key]]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
