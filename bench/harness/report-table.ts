/** The report as a plain-text table, one row per figure, in issue item order. */
import { describeTarget, type BenchReport, type Figure } from './figure';

export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function row(figure: Figure): string[] {
  const reference = figure.reference ? `${figure.reference.label}: ${formatNumber(figure.reference.value)} ${figure.reference.unit}` : '-';
  const verdict = figure.target ? (figure.target.met ? 'met' : 'MISSED') : '';
  return [
    String(figure.item),
    figure.label,
    `${formatNumber(figure.value)} ${figure.unit}`,
    reference,
    figure.ratio === undefined ? '-' : formatNumber(figure.ratio),
    figure.target ? describeTarget(figure.target, figure.unit) : '-',
    verdict,
  ];
}

function layout(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

export function formatReportTable(report: BenchReport): string {
  const figures = report.outcomes.flatMap((outcome) => outcome.figures).sort((a, b) => a.item - b.item);
  const rows = [['#', 'figure', 'value', 'compared with (same run)', 'ratio', 'target', ''], ...figures.map(row)];
  const lines = [`Benchmark (${report.mode}, ${report.machine.cpus} cores, Node ${report.machine.node}${report.machine.chromium ? `, ${report.machine.chromium}` : ''})`, '', layout(rows)];
  const failed = report.outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Harness failures (these items produced no figures):');
    for (const outcome of failed) lines.push(`  ${outcome.name} (item ${outcome.items.join(', ')}): ${outcome.error ?? 'unknown error'}`);
  }
  return lines.join('\n');
}
