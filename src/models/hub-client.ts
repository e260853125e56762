/**
 * The Hugging Face Hub's wire format, as far as the model store needs it: resolve a revision to
 * a commit, list a repo's files with sizes and hashes, and build `resolve` URLs for the bytes.
 * Works against huggingface.co or any mirror that speaks the same API.
 */
import { checkEndpointUrl } from '../domain/endpoint-url';
import { DownloadFailedError, ModelSourceError } from '../errors';
import { normalizeHost } from './registry';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, sleep, type RetryPolicy } from './retry-policy';

/** One entry of `/api/models/{repo}/tree/{revision}?recursive=true`. */
export interface HubTreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  /** Git object id (SHA-1 of the blob for files). */
  oid: string;
  /** Present for LFS files: `oid` is the SHA-256 of the content. */
  lfs?: { oid: string; size: number };
}

export interface HubClient {
  readonly host: string;
  resolveCommit(repo: string, revision: string, signal?: AbortSignal): Promise<string>;
  listFiles(repo: string, commit: string, signal?: AbortSignal): Promise<HubTreeEntry[]>;
  fileUrl(repo: string, commit: string, path: string): string;
}

export interface HubClientDeps {
  fetch?: typeof fetch;
  retry?: RetryPolicy;
}

export function createHubClient(host: string, deps: HubClientDeps = {}): HubClient {
  // Every model byte and listing is fetched through here, whatever stored the host (settings,
  // or the manifest of a download started before plain http was refused): same rule as Settings.
  const check = checkEndpointUrl(host, 'hub');
  if (!check.ok) throw new ModelSourceError(check.message.replace(/\.$/, ''));
  const base = normalizeHost(host);
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;

  async function getJson(url: string, what: string, signal?: AbortSignal): Promise<{ body: unknown; response: Response }> {
    for (let retry = 0; ; retry += 1) {
      let response: Response;
      try {
        response = await doFetch(url, { signal, headers: { Accept: 'application/json' } });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (retry >= policy.retries) throw new DownloadFailedError(`The Hub at ${base} could not be reached.`, errorText(error));
        await sleep(retryDelayMs(policy, retry), signal);
        continue;
      }
      if (response.ok) return { body: await response.json(), response };
      if (isRetryableStatus(response.status) && retry < policy.retries) {
        await sleep(retryDelayMs(policy, retry, response.headers.get('Retry-After')), signal);
        continue;
      }
      throw apiError(response, what);
    }
  }

  return {
    host: base,
    async resolveCommit(repo, revision, signal) {
      const url = `${base}/api/models/${repo}/revision/${encodeURIComponent(revision)}`;
      const { body } = await getJson(url, `${repo} at revision ${revision}`, signal);
      const sha = isRecord(body) ? body['sha'] : undefined;
      if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) {
        throw new ModelSourceError(`the Hub did not return a commit for ${repo}@${revision}`);
      }
      return sha;
    },
    async listFiles(repo, commit, signal) {
      const entries: HubTreeEntry[] = [];
      // The Hub paginates large listings with a `Link: <...>; rel="next"` header.
      let url: string | undefined = `${base}/api/models/${repo}/tree/${encodeURIComponent(commit)}?recursive=true`;
      while (url) {
        const { body, response } = await getJson(url, `the file list of ${repo}`, signal);
        if (!Array.isArray(body)) throw new ModelSourceError(`the Hub returned an unexpected file list for ${repo}`);
        entries.push(...body.map(parseTreeEntry));
        url = nextLink(response.headers.get('Link'), url);
      }
      return entries.filter((entry) => entry.type === 'file');
    },
    fileUrl(repo, commit, path) {
      return `${base}/${repo}/resolve/${encodeURIComponent(commit)}/${encodePath(path)}`;
    },
  };
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function parseTreeEntry(raw: unknown): HubTreeEntry {
  if (!isRecord(raw) || typeof raw['path'] !== 'string' || typeof raw['type'] !== 'string') {
    throw new ModelSourceError('the Hub returned a malformed file entry');
  }
  const type = raw['type'] === 'directory' ? 'directory' : 'file';
  const size = typeof raw['size'] === 'number' ? raw['size'] : 0;
  const oid = typeof raw['oid'] === 'string' ? raw['oid'] : '';
  const lfs = raw['lfs'];
  if (isRecord(lfs) && typeof lfs['oid'] === 'string') {
    return { type, path: raw['path'], size, oid, lfs: { oid: lfs['oid'].toLowerCase(), size: typeof lfs['size'] === 'number' ? lfs['size'] : size } };
  }
  return { type, path: raw['path'], size, oid };
}

function apiError(response: Response, what: string): Error {
  const code = response.headers.get('X-Error-Code');
  if (response.status === 404 || response.status === 401 || code === 'RepoNotFound' || code === 'RevisionNotFound') {
    return new ModelSourceError(`${what} was not found on the Hub (or is private)`);
  }
  if (response.status === 403) return new ModelSourceError(`${what} is gated: accept its licence on the Hub first, or use a mirror`);
  return new DownloadFailedError(`The Hub answered ${response.status} for ${what}.`);
}

function nextLink(header: string | null, current: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return new URL(match[1], current).toString();
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
