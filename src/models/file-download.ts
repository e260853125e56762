/**
 * Downloads the rest of one file (from `offset`) into the store with Range requests, retrying
 * network errors, 5xx and 429 with backoff; each retry continues from the last byte received.
 */
import { DownloadFailedError, ModelSourceError } from '../errors';
import { errorText } from './hub-client';
import { isRetryableStatus, retryDelayMs, sleep, type RetryPolicy } from './retry-policy';
import { pumpStream, type StreamTarget } from './stream-to-file';

export interface RetryNotice {
  retry: number;
  of: number;
  delayMs: number;
  reason: string;
}

export interface FileDownloadOptions {
  url: string;
  path: string;
  offset: number;
  target: StreamTarget;
  fetch: typeof fetch;
  retry: RetryPolicy;
  signal: AbortSignal;
  onRetry(notice: RetryNotice): void;
  /** The server ignored our Range and sends the whole file: empty the file and reset the hasher. */
  restart(): Promise<void>;
}

/** A failure worth retrying: network errors, cut-off bodies, 5xx and 429. */
class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

export async function downloadFile(options: FileDownloadOptions): Promise<void> {
  const { target, signal } = options;
  let offset = options.offset;
  const counting: StreamTarget = {
    ...target,
    onBytes(bytes) {
      offset += bytes;
      target.onBytes(bytes);
    },
  };
  let retry = 0;
  while (offset < target.size) {
    const startedAt = offset;
    try {
      await fetchRest(options, counting, offset, () => (offset = 0));
      if (offset < target.size) throw new RetryableError(`connection closed after ${offset} of ${target.size} bytes`);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const failure = asRetryable(error);
      if (!failure) throw error;
      // Progress was made: this is a new failure, not the same one again.
      if (offset > startedAt) retry = 0;
      if (retry >= options.retry.retries) {
        throw new DownloadFailedError(`Downloading ${options.path} failed after ${options.retry.retries} retries.`, failure.message);
      }
      const delayMs = retryDelayMs(options.retry, retry, failure.retryAfter);
      options.onRetry({ retry: retry + 1, of: options.retry.retries, delayMs, reason: failure.message });
      await sleep(delayMs, signal);
      retry += 1;
    }
  }
}

/** One request for the bytes from `from` to the end, streamed into the target. */
async function fetchRest(options: FileDownloadOptions, target: StreamTarget, from: number, resetOffset: () => void): Promise<void> {
  const headers: Record<string, string> = from > 0 ? { Range: `bytes=${from}-` } : {};
  const response = await options.fetch(options.url, { headers, signal: options.signal, cache: 'no-store' });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    if (isRetryableStatus(response.status)) throw new RetryableError(`HTTP ${response.status}`, response.headers.get('Retry-After'));
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      throw new ModelSourceError(`${options.path} is not available on the Hub (HTTP ${response.status})`);
    }
    throw new DownloadFailedError(`The server answered ${response.status} for ${options.path}.`);
  }
  try {
    let start = from;
    if (from > 0 && !(response.status === 206 && contentRangeStart(response) === from)) {
      await options.restart();
      resetOffset();
      if (response.status === 206) {
        // Partial bytes from an unconfirmed place (a CDN that does not expose Content-Range to
        // scripts answers 206 all the same): drop them and ask for the whole file.
        await response.body?.cancel().catch(() => undefined);
        return fetchRest(options, target, 0, resetOffset);
      }
      start = 0;
    }
    if (!response.body) throw new RetryableError('the response had no body');
    await pumpStream(response.body.getReader(), target, start);
  } catch (error) {
    // Stop the transfer now (a relayed body would otherwise wait, holding its read-ahead).
    if (response.body && !response.body.locked) await response.body.cancel(error).catch(() => undefined);
    throw error;
  }
}

function asRetryable(error: unknown): RetryableError | undefined {
  if (error instanceof RetryableError) return error;
  // fetch() and body streams report lost connections as TypeError (or NetworkError DOMException).
  if (error instanceof TypeError || (error instanceof DOMException && error.name === 'NetworkError')) {
    return new RetryableError(`connection lost (${errorText(error)})`);
  }
  return undefined;
}

function contentRangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('Content-Range') ?? '');
  return match ? Number(match[1]) : undefined;
}
