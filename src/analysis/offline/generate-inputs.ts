import type { ModelInputs } from './generate-draft';

/** The model inputs as transformers.js generate() and prepare_inputs_for_generation() name them. */
export function generateInputs(inputs: ModelInputs) {
  return {
    input_ids: inputs.inputIds,
    attention_mask: inputs.attentionMask,
    pixel_values: inputs.pixelValues,
    image_grid_thw: inputs.imageGridThw,
  };
}
