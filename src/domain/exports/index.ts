/** Every export format, one module each. */
export type { ExportContext } from './export-context';
export { exportJson } from './json';
export { exportMarkdown } from './markdown';
export { exportPromptList } from './prompt-list';
export { exportJobsCsv, JOBS_CSV_HEADER } from './jobs-csv';
export { exportSplitPromptList } from './split-prompt-list';
export { exportFileName, slugify, type ExportKind } from './file-name';
