import { describe, expect, it } from 'vitest';
import { describeProgress, formatDuration } from './progress-text';

describe('describeProgress', () => {
  it('gives determinate bars where the work is countable', () => {
    expect(describeProgress({ stage: 'preparing-images', done: 1, total: 4 }).fraction).toBe(0.25);
    expect(describeProgress({ stage: 'loading-model', file: 'onnx/decoder_model_merged_q4.onnx', loaded: 512, total: 1024 })).toMatchObject({
      fraction: 0.5,
      detail: '512 B of 1.0 KB',
    });
    expect(describeProgress({ stage: 'generating', tokens: 300, maxTokens: 1200, tokensPerSecond: 12.5, etaSeconds: 72 })).toMatchObject({
      fraction: 0.25,
      detail: '300 tokens · 12.5 tokens/s · about 1 min 12 s left',
    });
  });

  it('is indeterminate while waiting on the network', () => {
    expect(describeProgress({ stage: 'connecting' }).fraction).toBeNull();
    expect(describeProgress({ stage: 'streaming', outputTokens: 1, characters: 5000 }).detail).toBe('5,000 characters received');
  });

  it('says when the GPU failed and the CPU took over', () => {
    expect(describeProgress({ stage: 'device-fallback', reason: 'device lost' })).toMatchObject({ text: expect.stringMatching(/CPU/), detail: 'device lost' });
  });

  it('explains a fallback with its reason', () => {
    const view = describeProgress({ stage: 'fallback', reason: { kind: 'ApiOverloaded', message: 'Claude is overloaded.', action: 'Try later.' } });
    expect(view.text).toMatch(/offline model/);
    expect(view.detail).toBe('Claude is overloaded.');
  });
});

describe('formatDuration', () => {
  it.each([
    [0.2, '1 s'],
    [42, '42 s'],
    [125, '2 min 5 s'],
  ])('%s s -> %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
