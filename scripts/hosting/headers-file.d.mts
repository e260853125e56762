export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}
export function parseHeadersFile(text: string): HeaderRule[];
export function headersForPath(rules: readonly HeaderRule[], pathname: string): Map<string, string>;
export function metaPolicyFrom(headerPolicy: string): string;
