/**
 * Midjourney subscription plans, as far as prompt splitting cares: how many jobs one
 * permutation prompt may produce, and the highest `--repeat` (FACTS.md §7).
 */
export type PlanId = 'basic' | 'standard' | 'pro' | 'mega';

export interface Plan {
  id: PlanId;
  label: string;
  jobsPerPrompt: number;
  maxRepeat: number;
}

export const PLANS: Record<PlanId, Plan> = {
  basic: { id: 'basic', label: 'Basic', jobsPerPrompt: 4, maxRepeat: 4 },
  standard: { id: 'standard', label: 'Standard', jobsPerPrompt: 10, maxRepeat: 10 },
  pro: { id: 'pro', label: 'Pro', jobsPerPrompt: 40, maxRepeat: 40 },
  mega: { id: 'mega', label: 'Mega', jobsPerPrompt: 40, maxRepeat: 40 },
};

/** In the order a plan picker lists them. */
export const PLAN_IDS: readonly PlanId[] = ['basic', 'standard', 'pro', 'mega'];
