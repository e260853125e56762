/**
 * Remembers, for this tab, that an analysis is running, so a reload mid-run can say the run was
 * cut off instead of silently showing the Analysis step as if nothing had happened.
 */
const KEY = 'lora-analysis-running';

export interface InterruptedRun {
  projectId: string;
  startedAt: number;
}

export function markRunning(run: InterruptedRun): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(run));
  } catch {
    // Storage blocked: a reload mid-run then goes unexplained, nothing worse.
  }
}

export function markFinished(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}

/** The run a reload cut off, if any (read once, at start). */
export function takeInterruptedRun(): InterruptedRun | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object' && typeof (parsed as InterruptedRun).projectId === 'string' && typeof (parsed as InterruptedRun).startedAt === 'number') {
      return parsed as InterruptedRun;
    }
  } catch {
    // Unreadable: treat as none.
  }
  return null;
}
