/** The specification as pretty JSON: nothing added, so the file re-imports through the schema. */
import type { DatasetSpecification } from '../schema';
import type { ExportContext } from './export-context';

// The context is accepted for a uniform export signature; the JSON holds the spec alone on purpose.
export function exportJson(spec: DatasetSpecification, _context?: ExportContext): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}
