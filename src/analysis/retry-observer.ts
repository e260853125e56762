/**
 * SDK middleware that makes the SDK's own retries visible. Middleware runs once per HTTP attempt;
 * the SDK numbers attempts in the X-Stainless-Retry-Count header, so attempt > 0 is a retry and
 * the previous attempt's failure is its reason.
 */
import type { Middleware } from '@anthropic-ai/sdk';

export function createRetryObserver(onRetry: (attempt: number, reason: string) => void): Middleware {
  let lastFailure = 'a temporary failure';
  return async (request, next) => {
    const attempt = Number(request.headers.get('x-stainless-retry-count') ?? '0');
    if (attempt > 0) onRetry(attempt, lastFailure);
    try {
      const response = await next(request);
      if (!response.ok) lastFailure = describeStatus(response.status);
      return response;
    } catch (error) {
      lastFailure = 'the connection failed';
      throw error;
    }
  };
}

function describeStatus(status: number): string {
  if (status === 529) return 'Claude is overloaded (529)';
  if (status === 429) return 'rate limited (429)';
  if (status === 408) return 'the request timed out (408)';
  if (status >= 500) return `server error (${status})`;
  return `HTTP ${status}`;
}
