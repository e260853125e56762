/** What document exports know besides the specification itself. */
import type { AnalysisInfo } from '../project';

export interface ExportContext {
  projectName: string;
  /** The project's canonical style reference. */
  srefCode: string;
  analysis: AnalysisInfo | null;
  exportedAt: Date;
  /** The bundled demo: its spec was written by hand, and every document must say so. */
  isExample: boolean;
}
