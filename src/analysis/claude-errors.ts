/**
 * Named errors for the Claude API (kinds declared in src/errors.ts) and the mapping from the SDK's
 * errors to them. Messages never contain the API key: any text that came from the wire is
 * scrubbed before it is kept.
 */
import * as Sdk from '@anthropic-ai/sdk';
import { AppError, CancelledError } from '../errors';

export class ApiAuthenticationError extends AppError {
  constructor(detail?: string) {
    super(
      'ApiAuthentication',
      'The API key was rejected (401).',
      'Check the key in Settings (Claude keys start with "sk-ant-"), or create a new key in the Claude Console.',
      detail ? { detail } : undefined,
    );
  }
}

export class ApiPermissionError extends AppError {
  constructor(detail?: string) {
    super(
      'ApiPermission',
      'This API key may not use this model or feature (403).',
      'Pick another model in Settings, or check the key\'s workspace permissions in the Claude Console.',
      detail ? { detail } : undefined,
    );
  }
}

export class ApiRateLimitedError extends AppError {
  /** Seconds the API asked us to wait, when it said. */
  readonly retryAfterSeconds: number | null;
  constructor(retryAfterSeconds: number | null, detail?: string) {
    super(
      'ApiRateLimited',
      'Claude\'s rate limit for this key was reached (429).',
      retryAfterSeconds === null
        ? 'Wait a minute, then try again, or use Offline mode.'
        : `Try again in about ${formatWait(retryAfterSeconds)}, or use Offline mode.`,
      detail ? { detail } : undefined,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ApiOverloadedError extends AppError {
  constructor(detail?: string) {
    super('ApiOverloaded', 'Claude is overloaded right now (529).', 'Try again in a few minutes, or use Offline mode.', detail ? { detail } : undefined);
  }
}

export class ApiServerError extends AppError {
  readonly status: number | null;
  constructor(status: number | null, detail?: string) {
    super(
      'ApiServer',
      status === null ? 'The Claude API reported an internal error.' : `The Claude API returned a server error (${status}).`,
      'Try again shortly, or use Offline mode.',
      detail ? { detail } : undefined,
    );
    this.status = status;
  }
}

export class ApiConnectionError extends AppError {
  constructor(detail?: string) {
    super(
      'ApiConnection',
      'The Claude API could not be reached.',
      'Check your internet connection and the API address in Settings, then try again. Offline mode works without a network.',
      detail ? { detail } : undefined,
    );
  }
}

export class ApiTimeoutError extends AppError {
  constructor() {
    super('ApiTimeout', 'Claude did not answer in time.', 'Try again; if it keeps timing out, use fewer images or Offline mode.');
  }
}

/** Which request failed: the advice differs (image sizes matter to an analysis, not to a key test). */
export type ClaudeRequestPurpose = 'analysis' | 'key-test';

export class ApiBadRequestError extends AppError {
  readonly status: number;
  constructor(status: number, apiMessage: string, purpose: ClaudeRequestPurpose = 'analysis') {
    super(
      'ApiBadRequest',
      `Claude refused the request (${status}): ${apiMessage}`,
      purpose === 'analysis'
        ? 'Check the model and API address in Settings and that each image is a JPG, PNG or WEBP under 5 MB, then try again.'
        : 'Check the model and the API endpoint in Settings, then test again.',
    );
    this.status = status;
  }
}

/** 404: the endpoint has no such route (a proxy without /v1/models, a wrong address) or no such model. */
export class ApiNotFoundError extends AppError {
  constructor(purpose: ClaudeRequestPurpose, detail?: string) {
    super(
      'ApiNotFound',
      purpose === 'key-test'
        ? 'The key could not be tested: this API endpoint has no model list (GET /v1/models answered 404 Not Found).'
        : `The API endpoint answered 404 Not Found${detail ? ` (${detail})` : ''}: the address or the model is not known there.`,
      purpose === 'key-test'
        ? 'The key may still work: start an analysis to find out. If that fails too, check the API endpoint in Settings (the address before /v1).'
        : 'Check the API endpoint in Settings (the address before /v1) and pick another model, then try again.',
      detail ? { detail } : undefined,
    );
  }
}

export interface ErrorMappingContext {
  /** Scrubbed from every message taken from the wire. */
  apiKey: string;
  signal?: AbortSignal | undefined;
  /** What to call the cancelled operation. */
  operation?: string;
  /** Which request this was (default: an analysis). */
  purpose?: ClaudeRequestPurpose;
}

/** Turns anything the SDK throws into one of our named errors. AppErrors pass through. */
export function mapClaudeError(error: unknown, context: ErrorMappingContext): AppError {
  if (error instanceof AppError) return error;
  if (context.signal?.aborted || error instanceof Sdk.APIUserAbortError) return new CancelledError(context.operation ?? 'The analysis');
  const clean = (text: string | null | undefined) => (text ? redactSecret(text, context.apiKey) : undefined);

  if (error instanceof Sdk.APIConnectionTimeoutError) return new ApiTimeoutError();
  if (error instanceof Sdk.APIConnectionError) return new ApiConnectionError(clean(describeCause(error)));
  if (error instanceof Sdk.APIError) {
    const apiMessage = clean(error.apiMessage ?? error.message);
    if (error.status === undefined) return mapStreamError(error.type, apiMessage);
    return mapStatusError(error, apiMessage, context.purpose ?? 'analysis');
  }
  // A connection dropped mid-stream surfaces as a stream read error: AnthropicError('terminated') in
  // Node, TypeError('network error') in Chromium.
  if (isBrokenConnection(error)) return new ApiConnectionError(clean((error as Error).message));
  const detail = clean(error instanceof Error ? error.message : String(error));
  return new AppError('Unexpected', 'The Claude request failed unexpectedly.', 'Try again. If it persists, reload the page.', detail ? { detail } : undefined);
}

function mapStatusError(error: Sdk.APIError, apiMessage: string | undefined, purpose: ClaudeRequestPurpose): AppError {
  const status = error.status ?? 0;
  if (status === 401) return new ApiAuthenticationError(apiMessage);
  if (status === 403) return new ApiPermissionError(apiMessage);
  if (status === 429) return new ApiRateLimitedError(retryAfterSeconds(error.headers), apiMessage);
  if (status === 529 || error.type === 'overloaded_error') return new ApiOverloadedError(apiMessage);
  if (status === 408 || status === 504) return new ApiTimeoutError();
  if (status >= 500) return new ApiServerError(status, apiMessage);
  if (status === 404) return new ApiNotFoundError(purpose, apiMessage);
  return new ApiBadRequestError(status, apiMessage ?? 'no reason given', purpose);
}

/** An `event: error` inside a 200 stream: classified by the error type the API sent. */
function mapStreamError(type: string | null, apiMessage: string | undefined): AppError {
  if (type === 'overloaded_error') return new ApiOverloadedError(apiMessage);
  if (type === 'rate_limit_error') return new ApiRateLimitedError(null, apiMessage);
  if (type === 'authentication_error') return new ApiAuthenticationError(apiMessage);
  if (type === 'permission_error') return new ApiPermissionError(apiMessage);
  if (type === 'invalid_request_error') return new ApiBadRequestError(400, apiMessage ?? 'invalid request');
  return new ApiServerError(null, apiMessage);
}

/** Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined, now = Date.now()): number | null {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return Math.ceil(millis / 1000);
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export function redactSecret(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('[redacted key]') : text;
}

function isBrokenConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  return error instanceof TypeError || cause instanceof TypeError || /terminated|network|socket|ECONNRESET|failed to fetch|load failed/i.test(error.message);
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
