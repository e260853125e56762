import { describe, expect, it } from 'vitest';
import { parseGeneratedFileName } from './generated-file-name';

describe('parseGeneratedFileName', () => {
  it.each([
    [
      'pixelsmith_a_lighthouse_at_dawn_--sref_1234567890_0f9c8b7a-1a2b-4c3d-8e9f-1d2e3f4a5b6c_2.png',
      { words: ['pixelsmith', 'a', 'lighthouse', 'at', 'dawn'], jobId: '0f9c8b7a-1a2b-4c3d-8e9f-1d2e3f4a5b6c', gridIndex: 2 },
    ],
    [
      'pixelsmith_heron_crossing_a_riv_0F9C8B7A-1A2B-4C3D-8E9F-1D2E3F4A5B6C.png',
      { words: ['pixelsmith', 'heron', 'crossing', 'a', 'riv'], jobId: '0f9c8b7a-1a2b-4c3d-8e9f-1d2e3f4a5b6c', gridIndex: null },
    ],
    [
      'downloads/batch 3/Pixel.Smith_corner_café_at_dusk_0f9c8b7a-1a2b-4c3d-8e9f-1d2e3f4a5b6c_0 (1).webp',
      { words: ['pixel', 'smith', 'corner', 'cafe', 'at', 'dusk'], jobId: '0f9c8b7a-1a2b-4c3d-8e9f-1d2e3f4a5b6c', gridIndex: 0 },
    ],
    ['IMG_2041.PNG', { words: ['img', '2041'], jobId: null, gridIndex: null }],
    ['user_hot-air_balloon_—ar_16_9.jpg', { words: ['user', 'hot', 'air', 'balloon'], jobId: null, gridIndex: null }],
  ])('%s', (name, expected) => {
    expect(parseGeneratedFileName(name)).toEqual(expected);
  });
});
