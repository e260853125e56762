/**
 * Every expanded job as a CSV row (RFC 4180: CRLF line ends, quotes doubled, fields with
 * commas, quotes or line breaks quoted). Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) get a leading ' so opening the file is safe.
 * A batch whose prompt cannot be expanded gets one row with an empty job_number and the
 * prompt as written, so nothing is silently dropped.
 */
import type { DatasetSpecification, PermutationBatch } from '../schema';
import { expandPrompt, PermutationSyntaxError, PermutationTooLargeError } from '../permutations';
import { toSingleLine } from '../normalize';

export const JOBS_CSV_HEADER = ['batch_number', 'batch_name', 'category', 'priority', 'job_number', 'prompt'] as const;

export function exportJobsCsv(spec: DatasetSpecification): string {
  const rows: (string | number)[][] = [[...JOBS_CSV_HEADER]];
  for (const batch of spec.permutation_batches) {
    const identity = [batch.batch_number, batch.batch_name, batch.category, batch.priority];
    const jobs = expandOrNull(batch);
    if (jobs === null) rows.push([...identity, '', toSingleLine(batch.prompt)]);
    else jobs.forEach((job, index) => rows.push([...identity, index + 1, job]));
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function expandOrNull(batch: PermutationBatch): string[] | null {
  try {
    return expandPrompt(toSingleLine(batch.prompt));
  } catch (caught) {
    if (caught instanceof PermutationSyntaxError || caught instanceof PermutationTooLargeError) return null;
    throw caught;
  }
}

function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
