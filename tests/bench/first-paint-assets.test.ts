import { describe, expect, it } from 'vitest';
import { firstPaintFiles, htmlFirstPaintFiles, pageGraphFiles, type ViteManifest } from '../../bench/support/first-paint-assets';

// The shape Vite 8 writes (.vite/manifest.json): an HTML entry with shared, lazy and worker files.
const manifest: ViteManifest = {
  'index.html': {
    file: 'assets/index-A.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_schemas-B.js'],
    dynamicImports: ['src/analysis/cloud-engine.ts', 'src/features/models/model-settings.tsx'],
    css: ['assets/index-A.css'],
    assets: ['assets/palette.worker-C.js', 'assets/icon-D.png'],
  },
  '_schemas-B.js': { file: 'assets/schemas-B.js', imports: ['_shared-E.js'] },
  '_shared-E.js': { file: 'assets/shared-E.js', css: ['assets/shared-E.css'] },
  'src/analysis/cloud-engine.ts': { file: 'assets/cloud-engine-F.js', isDynamicEntry: true, imports: ['index.html', '_schemas-B.js'] },
  'src/features/models/model-settings.tsx': {
    file: 'assets/model-settings-G.js',
    isDynamicEntry: true,
    imports: ['index.html'],
    css: ['assets/model-settings-G.css'],
    assets: ['assets/download.worker-H.js'],
  },
};

describe('first-paint files from the Vite manifest', () => {
  it('takes the entry, its static imports transitively and their CSS, not lazy chunks', () => {
    expect(firstPaintFiles(manifest)).toEqual({
      js: ['assets/index-A.js', 'assets/schemas-B.js', 'assets/shared-E.js'],
      css: ['assets/index-A.css', 'assets/shared-E.css'],
    });
  });

  it('lists every chunk the page can load once, cycles included, for the ML check', () => {
    const files = pageGraphFiles(manifest);
    expect(files.js.sort()).toEqual(['assets/cloud-engine-F.js', 'assets/index-A.js', 'assets/model-settings-G.js', 'assets/schemas-B.js', 'assets/shared-E.js']);
    expect(files.css).toContain('assets/model-settings-G.css');
  });

  it('fails loudly on a dangling import', () => {
    expect(() => firstPaintFiles({ 'index.html': { file: 'a.js', imports: ['_gone.js'] } })).toThrow('_gone.js');
  });
});

describe('first-paint files from the built index.html', () => {
  it('reads module scripts, modulepreload and stylesheet links, and skips icons and remote URLs', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="./icons/icon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="./assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/schemas-B.js">
      <link rel='stylesheet' crossorigin href='/assets/index-A.css'>
      <link rel="stylesheet" href="https://fonts.example/x.css">
      <link rel="manifest" href="./manifest.webmanifest">
    </head><body><div id="root"></div></body></html>`;
    expect(htmlFirstPaintFiles(html)).toEqual(['assets/index-A.js', 'assets/schemas-B.js', 'assets/index-A.css']);
  });
});
