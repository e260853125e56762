/// <reference lib="webworker" />
/** Benchmark reference: one full-size decode per message, as a palette with no scaled decoding would do. */
self.onmessage = async ({ data }: MessageEvent<Blob | null>) => {
  if (data) (await createImageBitmap(data)).close();
  self.postMessage('done');
};
