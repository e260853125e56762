/**
 * The self-test's known answer: a picture painted from a scene (one large shape in one colour on a
 * light grey ground, so that colour dominates) and a multiple-choice question about it. Pure: the
 * worker paints the pixels, tests paint the same ones.
 */
export const SELF_TEST_COLOURS = {
  red: [220, 38, 38],
  green: [22, 163, 74],
  blue: [37, 99, 235],
  yellow: [250, 204, 21],
} as const satisfies Record<string, readonly [number, number, number]>;
export const SELF_TEST_SHAPES = ['circle', 'square', 'triangle'] as const;

export type SelfTestColour = keyof typeof SELF_TEST_COLOURS;
export type SelfTestShape = (typeof SELF_TEST_SHAPES)[number];

export interface SelfTestScene {
  colour: SelfTestColour;
  shape: SelfTestShape;
}

/** 336 px: 144 visual tokens on the real model, well inside the per-image budget. */
export const SELF_TEST_IMAGE_SIZE = 336;
const GROUND = [236, 236, 236] as const;

/** "blue circle": the option a correct answer names. */
export function sceneAnswer(scene: SelfTestScene): string {
  return `${scene.colour} ${scene.shape}`;
}

/** Every option, colour-major: 12 of them, so a guess passes one time in twelve. */
export function selfTestOptions(): string[] {
  return (Object.keys(SELF_TEST_COLOURS) as SelfTestColour[]).flatMap((colour) => SELF_TEST_SHAPES.map((shape) => sceneAnswer({ colour, shape })));
}

/** The answer's grammar: exactly one of the options, as a JSON string. */
export function selfTestSchema(): object {
  return { type: 'string', enum: selfTestOptions() };
}

export function selfTestQuestion(): string {
  return `What colour is the large shape in this picture, and what shape is it? Answer with one of: ${selfTestOptions().join(', ')}.`;
}

export function randomScene(random: () => number = Math.random): SelfTestScene {
  const colours = Object.keys(SELF_TEST_COLOURS) as SelfTestColour[];
  return { colour: colours[Math.floor(random() * colours.length)]!, shape: SELF_TEST_SHAPES[Math.floor(random() * SELF_TEST_SHAPES.length)]! };
}

/** Whether pixel (x, y) of a `size` square lies inside the scene's shape (about half the area or more). */
function insideShape(shape: SelfTestShape, x: number, y: number, size: number): boolean {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  switch (shape) {
    case 'circle':
      return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.42 ** 2;
    case 'square':
      return Math.abs(u - 0.5) <= 0.4 && Math.abs(v - 0.5) <= 0.4;
    case 'triangle':
      // Apex at the top centre, base along the bottom: half the picture.
      return v >= 0.02 && v <= 0.98 && Math.abs(u - 0.5) <= (v - 0.02) * 0.52;
  }
}

/** RGB bytes, row by row, of the scene painted at `size` x `size`. */
export function paintScene(scene: SelfTestScene, size = SELF_TEST_IMAGE_SIZE): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(size * size * 3);
  const ink = SELF_TEST_COLOURS[scene.colour];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const colour = insideShape(scene.shape, x, y, size) ? ink : GROUND;
      pixels.set(colour, (y * size + x) * 3);
    }
  }
  return pixels;
}
