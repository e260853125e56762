/** `vite preview` of a built folder on 127.0.0.1, the server the e2e tests load the app from. */
import { preview } from 'vite';

export interface StaticPreview {
  url: string;
  close(): Promise<void>;
}

export interface StaticPreviewOptions {
  root: string;
  outDir: string;
  /** Preferred port (the next free one is taken when busy); 0 for any. */
  port: number;
  /** COOP + COEP: `crossOriginIsolated` pages get 5 µs timers instead of 100 µs. */
  crossOriginIsolated?: boolean;
}

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export async function startStaticPreview(options: StaticPreviewOptions): Promise<StaticPreview> {
  const server = await preview({
    root: options.root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: options.outDir },
    preview: { host: '127.0.0.1', port: options.port, strictPort: false, open: false, ...(options.crossOriginIsolated ? { headers: ISOLATION_HEADERS } : {}) },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server has no TCP address.');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve, reject) => server.httpServer.close((error) => (error ? reject(error) : resolve()))),
  };
}
