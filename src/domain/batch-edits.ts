/** The editor's changes to a spec's batches, as pure in-place edits (the project store applies them). */
import type { DatasetSpecification, PermutationBatch } from './schema';

function nextBatchNumber(batches: readonly PermutationBatch[]): number {
  return Math.max(0, ...batches.map((batch) => batch.batch_number)) + 1;
}

export function updateBatch(spec: DatasetSpecification, index: number, patch: Partial<PermutationBatch>): void {
  const target = spec.permutation_batches[index];
  if (target) Object.assign(target, patch);
}

/** A one-job starter batch using the project's sref (or a placeholder the validator flags). */
export function addBatch(spec: DatasetSpecification, srefCode: string): void {
  const number = nextBatchNumber(spec.permutation_batches);
  spec.permutation_batches.push({
    batch_number: number,
    batch_name: `Batch ${number}`,
    category: 'general',
    image_count: 1,
    prompt: `{subject} --sref ${srefCode.trim() || 'CODE'}`,
    priority: 'medium',
    notes: '',
  });
}

export function duplicateBatch(spec: DatasetSpecification, index: number): void {
  const source = spec.permutation_batches[index];
  if (!source) return;
  // A batch holds only primitives: a shallow copy is a full copy (and works on store proxies).
  const copy: PermutationBatch = { ...source, batch_number: nextBatchNumber(spec.permutation_batches), batch_name: `${source.batch_name} (copy)`.slice(0, 80) };
  spec.permutation_batches.splice(index + 1, 0, copy);
}

export function removeBatch(spec: DatasetSpecification, index: number): void {
  spec.permutation_batches.splice(index, 1);
}

export function moveBatch(spec: DatasetSpecification, index: number, offset: -1 | 1): void {
  const list = spec.permutation_batches;
  const target = index + offset;
  if (target < 0 || target >= list.length) return;
  const [moved] = list.splice(index, 1);
  if (moved) list.splice(target, 0, moved);
}
