/**
 * On the WASM backend a whole `generate()` runs without ever returning to the worker's event
 * loop (measured in Chromium: zero macrotasks ran during 100 tokens), so a `cancel()` message
 * would only be read after generation ends. Yielding before a forward pass lets the worker
 * receive cancel messages between tokens. A yield costs about 0.5 ms (measured in the bench),
 * a lot next to the tiny model's 3.5 ms token, so it happens at most every YIELD_INTERVAL_MS:
 * a cancel is still read within a few tens of milliseconds.
 */

export const YIELD_INTERVAL_MS = 25;

/**
 * Resolves after messages already queued for this worker had a chance to run. A message posted to
 * ourselves queues behind them (posted-message tasks run in order). Not `scheduler.yield()`: its
 * continuation is scheduled ahead of other tasks, so a waiting cancel message stayed unread
 * (measured in Chromium).
 */
export function createEventLoopYield(): () => Promise<void> {
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: Array<() => void> = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node: an open port would keep the process alive after the work is done.
    (channel.port1 as { unref?: () => void }).unref?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
}

interface HasForward {
  forward(inputs: unknown): Promise<unknown>;
}

/** Makes a forward pass of `model` start with a yield when the last one is YIELD_INTERVAL_MS old. */
export function yieldBetweenForwards(
  model: HasForward,
  yieldToEventLoop: () => Promise<void>,
  now: () => number = () => performance.now(),
): void {
  const forward = model.forward.bind(model);
  let lastYield = Number.NEGATIVE_INFINITY;
  model.forward = async (inputs: unknown) => {
    if (now() - lastYield >= YIELD_INTERVAL_MS) {
      await yieldToEventLoop();
      lastYield = now();
    }
    return forward(inputs);
  };
}
