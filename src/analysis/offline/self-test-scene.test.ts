import { describe, expect, it } from 'vitest';
import { paintScene, randomScene, sceneAnswer, SELF_TEST_COLOURS, SELF_TEST_SHAPES, selfTestOptions, type SelfTestScene } from './self-test-scene';

const share = (pixels: Uint8ClampedArray, rgb: readonly number[]) => {
  let count = 0;
  for (let i = 0; i < pixels.length; i += 3) if (pixels[i] === rgb[0] && pixels[i + 1] === rgb[1] && pixels[i + 2] === rgb[2]) count += 1;
  return count / (pixels.length / 3);
};

describe('self-test scenes', () => {
  it.each(SELF_TEST_SHAPES.flatMap((shape) => Object.keys(SELF_TEST_COLOURS).map((colour) => ({ colour, shape }) as SelfTestScene)))('$colour $shape: the colour covers about half the picture or more', (scene) => {
    const covered = share(paintScene(scene, 112), SELF_TEST_COLOURS[scene.colour]);
    expect(covered).toBeGreaterThan(0.45);
    expect(covered).toBeLessThan(0.8);
  });

  it('tells the shapes apart (each covers pixels the others do not)', () => {
    const masks = SELF_TEST_SHAPES.map((shape) => paintScene({ colour: 'red', shape }, 64));
    expect(new Set(masks.map((mask) => mask.join(','))).size).toBe(3);
  });

  it('offers 12 distinct options, one of them the scene\'s answer', () => {
    expect(new Set(selfTestOptions()).size).toBe(12);
    for (let seed = 0; seed < 50; seed += 1) {
      let state = seed;
      const scene = randomScene(() => ((state = (state * 9301 + 49297) % 233280) / 233280));
      expect(selfTestOptions()).toContain(sceneAnswer(scene));
    }
  });
});
