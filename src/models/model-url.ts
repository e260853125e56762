/**
 * Model file URLs. Remote: `${host}/${repo}/resolve/${revision}/${path}` (the Hub's, and
 * transformers.js's cache keys). Local, answered by the service worker from ModelStore:
 * `${appBase}models/${encodeURIComponent(host)}/${repo}/resolve/${revision}/${path}`. Setting
 * transformers.js `env.remoteHost` to `localModelHost(appBase, host)` makes it load from there.
 */
import { encodePath } from './hub-client';
import { normalizeHost } from './registry';

export interface ModelFileAddress {
  host: string;
  repo: string;
  revision: string;
  path: string;
}

const LOCAL_SEGMENT = 'models';

/** `appBase`: the app's base URL (ending in '/'), or any page URL under it (its file and #hash are dropped). */
export function localModelHost(appBase: string, host: string): string {
  return `${new URL('./', appBase).href}${LOCAL_SEGMENT}/${encodeURIComponent(normalizeHost(host))}`;
}

export function localModelFileUrl(appBase: string, address: ModelFileAddress): string {
  return `${localModelHost(appBase, address.host)}/${address.repo}/resolve/${encodeURIComponent(address.revision)}/${encodePath(address.path)}`;
}

/** Parses a remote or local model file URL; undefined for anything else. */
export function parseModelFileUrl(url: string): ModelFileAddress | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const marker = parsed.pathname.indexOf('/resolve/');
  if (marker < 0) return undefined;
  const before = parsed.pathname.slice(0, marker).split('/');
  const after = parsed.pathname.slice(marker + '/resolve/'.length).split('/');
  if (before.length < 3 || after.length < 2) return undefined;
  const repo = before.slice(-2).map(decodeURIComponent).join('/');
  const prefix = before.slice(0, -2);
  const revision = decodeURIComponent(after[0]!);
  const path = after.slice(1).map(decodeURIComponent).join('/');
  const hostSegment = prefix.at(-1);
  if (prefix.at(-2) === LOCAL_SEGMENT && hostSegment && /^https?%3A/i.test(hostSegment)) {
    return { host: normalizeHost(decodeURIComponent(hostSegment)), repo, revision, path };
  }
  return { host: normalizeHost(`${parsed.origin}${prefix.join('/')}`), repo, revision, path };
}

/** Whether `url` is a local model file URL under the app base (what the SW answers). */
export function isLocalModelFileUrl(url: URL, appBase: string): boolean {
  const base = new URL('./', appBase);
  return url.origin === base.origin && url.pathname.startsWith(`${base.pathname}${LOCAL_SEGMENT}/`) && url.pathname.includes('/resolve/');
}
