/**
 * The dtype sets and memory verdicts for the real onnx-community/Qwen2-VL-2B-Instruct, on its
 * recorded listing (tests/fixtures/qwen2-vl-2b-instruct-listing.ts; which sizes are read and
 * which inferred is said there).
 */
import { describe, expect, it } from 'vitest';
import { NEGLIGIBLE_SAVING, planDtypes } from '../../src/models/dtype-selection';
import { assessMemoryFit, WASM32_ADDRESS_SPACE_BYTES } from '../../src/models/memory-budget';
import { dtypesFor, selectModelFiles, SESSION_NAMES, sessionFileName, type DtypeSet, type InferenceDevice } from '../../src/models/registry';
import { QWEN2_VL_2B_FILES, type RecordedFile } from '../fixtures/qwen2-vl-2b-instruct-listing';

const sizeOf = (files: readonly RecordedFile[], path: string) => files.find((file) => file.path === path)?.size ?? 0;
/** Every byte the model would download for a set: root files + the sessions' files. */
function downloadBytes(files: readonly RecordedFile[], dtype: DtypeSet): number {
  return selectModelFiles(files.map((file) => file.path), dtype).reduce((sum, path) => sum + sizeOf(files, path), 0);
}
const set = (vision: string, embed: string, decoder: string): DtypeSet => ({ vision_encoder: vision, embed_tokens: embed, decoder_model_merged: decoder });

describe('dtype sets on the real listing', () => {
  it.each([
    // WASM: q8 vision (a quarter of its fp32 2.66 GB; q4 leaves it full size), q8 embed, q4 decoder.
    ['wasm', false, set('q8', 'q8', 'q4'), 1_865_580_544],
    // WebGPU without shader-f16: no f16, no q8; q4 vision and embed are as big as fp32, so fp32.
    ['webgpu', false, set('fp32', 'fp32', 'q4'), 4_561_580_432],
    // WebGPU with shader-f16: fp16 vision/embed (q4f16 saves nothing there), q4f16 decoder: about 2.7 GB.
    ['webgpu', true, set('fp16', 'fp16', 'q4f16'), 2_665_837_568],
  ] as const)('%s (shader-f16 %s) picks %o, %i bytes of sessions', (device, f16, dtype, bytes) => {
    const plan = planDtypes(device, f16, QWEN2_VL_2B_FILES);
    expect(plan.dtype).toEqual(dtype);
    expect(plan.sessionBytes).toBe(bytes);
    expect(plan.sessions.vision_encoder.files).toEqual(
      dtype.vision_encoder === 'fp32' ? ['onnx/vision_encoder.onnx', 'onnx/vision_encoder.onnx_data'] : [`onnx/${sessionFileName('vision_encoder', dtype.vision_encoder)}`],
    );
  });

  it('the uniform q4 set the old registry picked on WASM is over the wasm32 budget', () => {
    const q4 = set('q4', 'q4', 'q4');
    const fit = assessMemoryFit({ device: 'wasm', dtype: q4, weightBytes: downloadBytes(QWEN2_VL_2B_FILES, q4), deviceMemoryGb: 16 });
    expect(fit.verdict).toBe('will-not-fit');
    expect(fit.limitedBy).toBe('wasm32');
    expect(fit.label).toBe('will not fit: use 2B on WebGPU / Cloud');
  });
});

describe('memory verdicts on the real listing', () => {
  it.each([
    ['wasm', false, null, 'fits', 'wasm32'],
    ['wasm', false, 4, 'tight', 'device-memory'],
    ['wasm', false, 8, 'fits', 'wasm32'],
    ['wasm', false, 16, 'fits', 'wasm32'],
    ['webgpu', false, 4, 'will-not-fit', 'device-memory'],
    ['webgpu', false, 8, 'tight', 'device-memory'],
    ['webgpu', false, 16, 'fits', 'device-memory'],
    ['webgpu', true, 4, 'will-not-fit', 'device-memory'],
    ['webgpu', true, 8, 'fits', 'device-memory'],
    ['webgpu', true, 16, 'fits', 'device-memory'],
    ['webgpu', true, null, 'fits', null],
  ] as const)('%s (shader-f16 %s) with %s GB: %s (limited by %s)', (device, f16, memory, verdict, limitedBy) => {
    const { dtype } = planDtypes(device, f16, QWEN2_VL_2B_FILES);
    const fit = assessMemoryFit({ device, dtype, weightBytes: downloadBytes(QWEN2_VL_2B_FILES, dtype), deviceMemoryGb: memory });
    expect(fit.verdict).toBe(verdict);
    expect(fit.limitedBy).toBe(limitedBy);
    expect(fit.label).toBe(verdict === 'will-not-fit' ? 'will not fit: use Cloud' : verdict);
  });

  it('every WASM pick fits one wasm32 instance with its activations and KV cache, on any device memory', () => {
    const { dtype } = planDtypes('wasm', false, QWEN2_VL_2B_FILES);
    for (const memory of [null, 2, 4, 8, 16, 64]) {
      const fit = assessMemoryFit({ device: 'wasm', dtype, weightBytes: downloadBytes(QWEN2_VL_2B_FILES, dtype), deviceMemoryGb: memory });
      expect(fit.estimate.total).toBeLessThanOrEqual(WASM32_ADDRESS_SPACE_BYTES);
      expect(fit.estimate.activations).toBeGreaterThan(0);
      expect(fit.estimate.kvCache).toBeGreaterThan(0);
    }
  });
});

/** xorshift32: the same hostile listings every run. */
function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('invariants over 150 damaged or reshaped listings', () => {
  const devices: [InferenceDevice, boolean][] = [['wasm', false], ['webgpu', false], ['webgpu', true]];
  it('never f16 without shader-f16, never q8 on WebGPU, always the smallest allowed file set up to the precision tie-break', () => {
    const random = seeded(7);
    let planned = 0;
    for (let round = 0; round < 150; round += 1) {
      // Drop files at random and rescale the rest, as another export or a mirror might list them.
      const files = QWEN2_VL_2B_FILES.filter(() => random() > 0.3).map((file) => ({ ...file, size: Math.max(1, Math.round(file.size * (0.25 + random() * 1.5))) }));
      for (const [device, f16] of devices) {
        let plan;
        try {
          plan = planDtypes(device, f16, files);
        } catch {
          continue; // a session with no usable file: refused with a named error (checked below)
        }
        planned += 1;
        const allowed = dtypesFor(device, f16);
        for (const session of SESSION_NAMES) {
          const chosen = plan.sessions[session];
          expect(allowed).toContain(chosen.dtype);
          if (!f16) expect(['fp16', 'q4f16']).not.toContain(chosen.dtype);
          if (device === 'webgpu') expect(chosen.dtype).not.toBe('q8');
          for (const other of allowed) {
            const graph = `onnx/${sessionFileName(session, other)}`;
            if (!files.some((file) => file.path === graph)) continue;
            const otherBytes = files.filter((file) => file.path === graph || file.path.startsWith(`${graph}_data`)).reduce((sum, file) => sum + file.size, 0);
            expect(chosen.bytes).toBeLessThanOrEqual(otherBytes * (1 + NEGLIGIBLE_SAVING));
          }
        }
      }
    }
    expect(planned).toBeGreaterThan(50);
  });

  it('refuses a listing with no usable file for a session, naming it', () => {
    const onlyF16 = QWEN2_VL_2B_FILES.filter((file) => !file.path.startsWith('onnx/decoder') || file.path.includes('q4f16'));
    expect(() => planDtypes('webgpu', false, onlyF16)).toThrow(/decoder_model_merged.*WebGPU without shader-f16/);
  });
});
