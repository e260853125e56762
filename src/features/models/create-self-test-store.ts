/**
 * The self-test feature store: runs the known-answer check for one installed model on this device
 * (a fresh offline engine, so nothing an analysis keeps loaded is mixed in), samples peak memory
 * meanwhile, and keeps the report and its shareable text.
 */
import { createStore } from 'solid-js/store';
import type { OfflineEngine } from '../../analysis/offline/offline-engine';
import type { SelfTestReport } from '../../analysis/offline/offline-self-test';
import { randomScene, type SelfTestScene } from '../../analysis/offline/self-test-scene';
import { toErrorInfo } from '../../errors';
import type { ModelSource } from '../../models/registry';
import { startMemorySampler, type MemorySampler, type PeakMemory } from './memory-sampler';
import type { CardMessage } from './models-state';
import { formatSelfTestReport } from './self-test-report';

export interface SelfTestState {
  running: boolean;
  /** Date.now() when the running test started (for the elapsed time). */
  startedAt?: number;
  report?: SelfTestReport;
  peakMemory?: PeakMemory | null;
  /** The report as text, to copy and send. */
  text?: string;
  error?: CardMessage;
}

export interface SelfTestActions {
  run(source: ModelSource, modelName: string): Promise<void>;
  cancel(): void;
}

type SelfTestEngine = Pick<OfflineEngine, 'selfTest' | 'unload'>;

export interface SelfTestStoreDeps {
  createEngine?: (source: ModelSource, modelName: string) => Promise<SelfTestEngine>;
  scene?: () => SelfTestScene;
  sampleMemory?: () => MemorySampler;
  userAgent?: string;
}

async function createDefaultEngine(source: ModelSource, modelName: string): Promise<SelfTestEngine> {
  const [{ createOfflineEngine }, { createModelStore }] = await Promise.all([import('../../analysis/offline/offline-engine'), import('../../models/model-store')]);
  const store = createModelStore();
  return createOfflineEngine({
    getModel: (target) => store.findInstalled(source, target.device, target.hasShaderF16),
    keepModelLoaded: () => false,
    variantName: () => modelName,
  });
}

export function createSelfTestStore(deps: SelfTestStoreDeps = {}): [SelfTestState, SelfTestActions] {
  const [state, setState] = createStore<SelfTestState>({ running: false });
  let controller: AbortController | undefined;

  const actions: SelfTestActions = {
    async run(source, modelName) {
      if (state.running) return;
      controller = new AbortController();
      setState({ running: true, startedAt: Date.now(), report: undefined, peakMemory: undefined, text: undefined, error: undefined });
      const sampler = (deps.sampleMemory ?? startMemorySampler)();
      let engine: SelfTestEngine | undefined;
      try {
        engine = await (deps.createEngine ?? createDefaultEngine)(source, modelName);
        const report = await engine.selfTest((deps.scene ?? randomScene)(), controller.signal);
        const peakMemory = await sampler.stop();
        const text = formatSelfTestReport(report, { model: modelName, peakMemory, userAgent: deps.userAgent ?? globalThis.navigator?.userAgent ?? 'unknown', at: new Date() });
        setState({ report, peakMemory, text });
      } catch (error) {
        await sampler.stop();
        const info = toErrorInfo(error);
        setState('error', info.kind === 'Cancelled' ? { tone: 'info', text: 'Self-test cancelled.' } : { tone: 'error', text: info.message, action: info.action });
      } finally {
        await engine?.unload().catch(() => undefined);
        setState({ running: false, startedAt: undefined });
        controller = undefined;
      }
    },
    cancel() {
      controller?.abort();
    },
  };
  return [state, actions];
}
