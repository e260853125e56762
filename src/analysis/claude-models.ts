/** Claude models the user can pick in Settings (all accept images), as of November 2026. */
import { DEFAULT_CLAUDE_MODEL } from '../domain/settings';

export interface ClaudeModelOption {
  id: string;
  label: string;
  description: string;
  /** ISO date (UTC) after which the API stops serving this model. */
  retiresOn?: string;
}

export const CLAUDE_MODELS: readonly ClaudeModelOption[] = [
  { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5', description: 'Recommended: strong style analysis at a moderate cost.' },
  { id: 'claude-opus-5-5', label: 'Claude Opus 5.5', description: 'Most capable; slower and costs more per analysis.' },
  { id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5', description: 'Fastest and cheapest; analyses are less detailed.' },
  {
    id: 'claude-sonnet-4-5-20250929',
    label: 'Claude Sonnet 4.5 (retiring)',
    description: 'Older model, kept for comparison until it is retired.',
    retiresOn: '2026-11-30',
  },
];

/** How long before a retirement date the settings start warning. */
export const RETIREMENT_WARNING_DAYS = 60;

export interface RetirementNotice {
  level: 'retiring-soon' | 'retired';
  retiresOn: string;
  replacementId: string;
  message: string;
}

export function findClaudeModel(id: string): ClaudeModelOption | undefined {
  return CLAUDE_MODELS.find((model) => model.id === id);
}

/**
 * A warning for a model that retires within RETIREMENT_WARNING_DAYS of `now`, or has retired.
 * Null for current models and for ids this app does not know (custom ids are the user's call).
 */
export function modelRetirementNotice(id: string, now: Date): RetirementNotice | null {
  const model = findClaudeModel(id);
  if (!model?.retiresOn) return null;
  // The model is served through the whole retirement day (UTC), then stops.
  const endOfService = Date.parse(`${model.retiresOn}T23:59:59.999Z`);
  const daysLeft = (endOfService - now.getTime()) / 86_400_000;
  const replacement = findClaudeModel(DEFAULT_CLAUDE_MODEL);
  const replacementLabel = replacement?.label ?? DEFAULT_CLAUDE_MODEL;
  if (daysLeft < 0) {
    return {
      level: 'retired',
      retiresOn: model.retiresOn,
      replacementId: DEFAULT_CLAUDE_MODEL,
      message: `${model.label} was retired on ${model.retiresOn} and no longer answers. Switch to ${replacementLabel}.`,
    };
  }
  if (daysLeft <= RETIREMENT_WARNING_DAYS) {
    return {
      level: 'retiring-soon',
      retiresOn: model.retiresOn,
      replacementId: DEFAULT_CLAUDE_MODEL,
      message: `${model.label} retires on ${model.retiresOn}; after that, analyses with it will fail. Switch to ${replacementLabel}.`,
    };
  }
  return null;
}
