/** The self-test report as text: what a user copies and sends back. Pure. */
import type { SelfTestReport, SelfTestRun } from '../../analysis/offline/offline-self-test';
import { formatBytes } from './format-transfer';
import { formatDtypeSet } from './format-dtype';
import type { PeakMemory } from './memory-sampler';

export const DEVICE_NAMES = { webgpu: 'WebGPU', wasm: 'CPU (WASM)' } as const;

export function perSecond(count: number, seconds: number): string {
  return seconds > 0 ? `${(count / seconds).toFixed(1)} tokens/s` : '—';
}

/** One line per run: device, set, load, prefill, decode, answer (or the error). */
export function describeRun(run: SelfTestRun): string {
  const head = `${DEVICE_NAMES[run.device]} · ${formatDtypeSet(run.dtype)}`;
  if (!run.result) return `${head}: failed (${run.error?.detail ?? run.error?.message ?? 'no answer'})`;
  const { result } = run;
  return [
    head,
    `load ${run.loadSeconds?.toFixed(1) ?? '—'} s`,
    `prefill ${perSecond(result.promptTokens, result.prefillSeconds)} (${result.promptTokens} tokens, ${result.imageTokens} visual, ${result.prefillSeconds.toFixed(2)} s)`,
    `decode ${perSecond(result.generatedTokens - 1, result.decodeSeconds)} (${result.generatedTokens} tokens)`,
    `answer "${result.answer ?? 'none'}" ${result.passed ? '(right)' : '(wrong)'}`,
  ].join(' · ');
}

export interface ReportContext {
  model: string;
  peakMemory: PeakMemory | null;
  userAgent: string;
  at: Date;
}

export function formatSelfTestReport(report: SelfTestReport, context: ReportContext): string {
  const gpu = report.gpu ? `${report.gpu.description}${report.gpu.isFallbackAdapter ? ' (fallback adapter)' : ''}, shader-f16 ${report.gpu.shaderF16 ? 'yes' : 'no'}` : 'none';
  return [
    `Offline model self-test: ${report.passed ? 'PASSED' : 'FAILED'}`,
    `Model: ${context.model}`,
    `Asked: which colour and shape (expected "${report.expected}")`,
    ...report.runs.map((run) => `Run: ${describeRun(run)}`),
    ...(report.preference ? [`From now on: ${DEVICE_NAMES[report.preference.device]} (${report.preference.reason})`] : []),
    `WebGPU adapter: ${gpu}`,
    `Device memory reported: ${report.deviceMemoryGb === null ? 'not reported' : `${report.deviceMemoryGb} GB`}`,
    `Peak memory: ${context.peakMemory ? `${formatBytes(context.peakMemory.bytes)}, ${context.peakMemory.source}` : 'not exposed by this browser'}`,
    `Browser: ${context.userAgent}`,
    `Tested: ${context.at.toISOString()}`,
  ].join('\n');
}
