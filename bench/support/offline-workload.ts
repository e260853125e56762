/** The offline workload, the same in Node and Chromium so the two runtimes can be compared. */
export const OFFLINE_WORKLOAD = {
  images: 4,
  side: 448,
  seed: 7,
  /** Warm grammar replays after the cold one. */
  warmReplays: (smoke: boolean) => (smoke ? 1 : 5),
  /**
   * Rounds of (pipeline draft, bare generate). 400 tokens is about a quarter of a complete
   * draft and already covers every kind of grammar position; short rounds let more of them fit,
   * so drift on the shared machine averages out.
   */
  node: (smoke: boolean) => ({ rounds: smoke ? 1 : 5, maxNewTokens: smoke ? 24 : 400 }),
  /** WASM in Chromium is several times slower per token than Node's native runtime. */
  chromium: (smoke: boolean) => ({ rounds: smoke ? 1 : 5, maxNewTokens: smoke ? 12 : 120 }),
  describe: () => '4 images of 448x448',
};
