/** `vite preview` of a built folder on 127.0.0.1, the server the e2e tests load the app from. */
import { preview } from 'vite';

export interface StaticPreview {
  url: string;
  close(): Promise<void>;
}

/** `port`: preferred port (the next free one is taken when busy); 0 for any. */
export async function startStaticPreview(options: { root: string; outDir: string; port: number }): Promise<StaticPreview> {
  const server = await preview({
    root: options.root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: options.outDir },
    preview: { host: '127.0.0.1', port: options.port, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server has no TCP address.');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve, reject) => server.httpServer.close((error) => (error ? reject(error) : resolve()))),
  };
}
