/**
 * Which built files the browser needs before it can paint, read from Vite's build manifest:
 * the HTML entry's chunk, its static imports (transitively) and their CSS. Dynamic imports and
 * worker bundles (listed as assets, not chunks) load later and do not count.
 */

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

export type ViteManifest = Record<string, ManifestChunk>;

export interface PageFiles {
  js: string[];
  css: string[];
}

function chunkAt(manifest: ViteManifest, key: string): ManifestChunk {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`The Vite manifest has no chunk "${key}".`);
  return chunk;
}

function collect(manifest: ViteManifest, entryKey: string, followDynamic: boolean): PageFiles {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = chunkAt(manifest, key);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const next of chunk.imports ?? []) visit(next);
    if (followDynamic) for (const next of chunk.dynamicImports ?? []) visit(next);
  };
  visit(entryKey);
  return { js: [...js], css: [...css] };
}

/** JS and CSS the page must load before first paint. */
export function firstPaintFiles(manifest: ViteManifest, entryKey = 'index.html'): PageFiles {
  return collect(manifest, entryKey, false);
}

/** Every JS and CSS file the page itself can ever load (static and dynamic imports), workers excluded. */
export function pageGraphFiles(manifest: ViteManifest, entryKey = 'index.html'): PageFiles {
  return collect(manifest, entryKey, true);
}

/**
 * The same list read from the built index.html (module scripts, modulepreload and stylesheet
 * links), relative to the HTML's folder: a cross-check on the manifest reading.
 */
export function htmlFirstPaintFiles(html: string): string[] {
  const files: string[] = [];
  const tags = html.match(/<(script|link)\b[^>]*>/gi) ?? [];
  for (const tag of tags) {
    const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const rel = attribute('rel')?.toLowerCase();
    const url = isScript ? attribute('src') : rel === 'modulepreload' || rel === 'stylesheet' ? attribute('href') : undefined;
    if (url && !/^[a-z]+:|^\/\//i.test(url)) files.push(url.replace(/^\.?\//, ''));
  }
  return files;
}
