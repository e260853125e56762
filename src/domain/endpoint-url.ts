/**
 * The rule for the URLs the user may type where the app sends things: the API endpoint (your key
 * and images go there) and the Hub host or mirror (model files come from there). https only;
 * plain http only to this computer, where nothing crosses a network.
 *
 * This computer means `localhost` and `127.0.0.1`, not `[::1]`: a Content-Security-Policy
 * source cannot name an IPv6 address, so the app's policy (public/_headers) could not let the
 * page reach it anyway. The same two hosts are listed there as `http://<host>:*`.
 */
import { z } from 'zod';

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'] as const;

export type EndpointKind = 'api' | 'hub';

const EXAMPLE: Record<EndpointKind, string> = { api: 'https://api.anthropic.com', hub: 'https://huggingface.co' };
const WHAT_TRAVELS: Record<EndpointKind, string> = { api: 'your API key and your images', hub: 'the model files' };

export type EndpointCheck = { ok: true; url: string } | { ok: false; message: string };

const UrlSchema = z.url({ protocol: /^https?$/, normalize: true });
/** Parts of a normalized href (scheme and host lower-case, default port dropped). */
const PARTS = /^(https?):\/\/(?:([^@/]*)@)?(\[[^\]]*\]|[^:/]*)(?::\d+)?([^?#]*)(.*)$/;

/** Checks a typed URL; when it is acceptable, returns it normalized without trailing slashes. */
export function checkEndpointUrl(input: string, kind: EndpointKind): EndpointCheck {
  const parsed = UrlSchema.safeParse(input.trim());
  const parts = parsed.success ? PARTS.exec(parsed.data) : null;
  if (!parsed.success || !parts) return { ok: false, message: `Enter a full URL such as ${EXAMPLE[kind]}.` };
  const [, scheme, userinfo, host = '', , queryOrFragment] = parts;
  if (userinfo) return { ok: false, message: 'Leave the user name and password out of the URL.' };
  if (queryOrFragment) return { ok: false, message: 'Leave the ?query and #fragment out of the URL.' };
  if (scheme === 'http' && !(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    const loopbackHint = host === '[::1]' ? ' Write http://localhost instead of http://[::1].' : '';
    return {
      ok: false,
      message: `Use an https:// address: over plain http:// ${WHAT_TRAVELS[kind]} would travel unencrypted. Plain http:// is accepted only for a server on this computer (localhost or 127.0.0.1).${loopbackHint}`,
    };
  }
  return { ok: true, url: parsed.data.replace(/\/+$/, '') };
}

/** A zod string that must pass `checkEndpointUrl`, with its message as the issue. */
export function endpointUrlSchema(kind: EndpointKind) {
  return z.string().superRefine((value, context) => {
    const check = checkEndpointUrl(value, kind);
    if (!check.ok) context.addIssue({ code: 'custom', message: check.message });
  });
}
