/** Counts as people read them: "10,000,000,000 jobs", "1 job". The app's text is English. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** "1 job", "1,280 images". */
export function countOf(count: number, word: string): string {
  return `${formatCount(count)} ${plural(count, word)}`;
}
