/** Single-range HTTP requests (RFC 9110 section 14) over a Blob: what the SW and the Hub stand-in answer. */

/**
 * `[start, end]` inclusive; undefined when the header is to be ignored (absent, another unit,
 * several ranges, or invalid: RFC 9110 section 14.1.1 calls a last-pos below the first-pos
 * invalid, and section 14.2 lets a server ignore an invalid Range, answering 200 with the whole
 * representation); 'unsatisfiable' (416) only for a valid range past the end (section 14.1.2).
 */
export function parseRange(header: string | null | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
}

/** A 200 with the whole blob, a 206 with the asked range, or a 416. */
export function createRangeResponse(body: Blob, rangeHeader: string | null, extraHeaders: Record<string, string> = {}): Response {
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', ...extraHeaders };
  const span = parseRange(rangeHeader, body.size);
  if (span === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${body.size}` } });
  }
  if (!span) return new Response(body, { status: 200, headers: { ...base, 'Content-Length': String(body.size) } });
  const [start, end] = span;
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: { ...base, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${body.size}` },
  });
}
