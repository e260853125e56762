/**
 * The `_headers` file format Netlify and Cloudflare Pages read: a path pattern on its own line,
 * then indented `Name: value` lines; `#` starts a comment. `*` matches anything (slashes too),
 * `:name` one path segment. Every rule whose pattern matches a path applies; a header set by
 * several rules is joined with ", " (what both hosts do).
 */

/** @param {string} text */
export function parseHeadersFile(text) {
  /** @type {{ pattern: string; headers: [string, string][] }[]} */
  const rules = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      return;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(':');
    if (!rule || colon === -1) throw new Error(`_headers line ${index + 1}: expected "Name: value" under a path, got "${line.trim()}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return rules;
}

/** @param {string} pattern */
function patternToRegExp(pattern) {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The headers for a request path (relative to the site root, starting with "/").
 * @param {ReturnType<typeof parseHeadersFile>} rules
 * @param {string} pathname
 * @returns {Map<string, string>} header name (as first written) -> value
 */
export function headersForPath(rules, pathname) {
  /** @type {Map<string, [string, string]>} lower-case name -> [name, value] */
  const merged = new Map();
  for (const rule of rules) {
    if (!patternToRegExp(rule.pattern).test(pathname)) continue;
    for (const [name, value] of rule.headers) {
      const seen = merged.get(name.toLowerCase());
      merged.set(name.toLowerCase(), seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value]);
    }
  }
  return new Map([...merged.values()]);
}

/**
 * The policy a `<meta http-equiv="Content-Security-Policy">` can carry: the header policy less
 * the directives browsers ignore (and warn about) in a meta element.
 * @param {string} headerPolicy
 */
export function metaPolicyFrom(headerPolicy) {
  const metaIgnored = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);
  return headerPolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !metaIgnored.has(directive.split(/\s+/)[0].toLowerCase()))
    .join('; ');
}
