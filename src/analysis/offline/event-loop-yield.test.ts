import { describe, expect, it } from 'vitest';
import { createEventLoopYield, YIELD_INTERVAL_MS, yieldBetweenForwards } from './event-loop-yield';

describe('event loop yields', () => {
  it('finishes the yield before the forward pass starts', async () => {
    const order: string[] = [];
    const model = { forward: async (inputs?: unknown) => void order.push(`forward ${String(inputs)}`) };
    yieldBetweenForwards(model, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push('yielded');
    });
    await model.forward(1);
    expect(order).toEqual(['yielded', 'forward 1']);
  });

  it('resolves its yields in order (a message to itself)', async () => {
    const yieldToEventLoop = createEventLoopYield();
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => yieldToEventLoop().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('yields at most every YIELD_INTERVAL_MS', async () => {
    let clock = 0;
    let yields = 0;
    const model = { forward: async (_inputs?: unknown) => undefined };
    yieldBetweenForwards(model, async () => void (yields += 1), () => clock);
    for (let step = 0; step < 10; step += 1) {
      await model.forward(step);
      clock += YIELD_INTERVAL_MS / 5; // five forwards per interval
    }
    expect(yields).toBe(2);
  });
});
