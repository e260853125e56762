/**
 * Runs an analysis for the current project: prepares the images, asks the orchestrator (Cloud,
 * Offline or Auto with fallback) and stores the resulting spec in the project. Cancel at any time.
 * A run is bound to the project it started in: if the user opens another project meanwhile, the
 * result is saved to the project that asked for it (or dropped, with a notice, if it was deleted).
 */
import { createStore } from 'solid-js/store';
import type { AnalysisProgress, AnalysisResult } from '../../analysis/types';
import { createAnalysisOrchestrator } from '../../analysis/orchestrator';
import { createLazyCloudEngine } from '../../analysis/lazy-cloud-engine';
import { prepareImages } from '../../analysis/image-prep';
import { createPaletteClient } from '../../analysis/palette-client';
import { createLazyOfflineEngine } from './lazy-offline-engine';
import { createOfflineCaptioner } from './offline-captioner';
import type { ImageCaptioner } from '../training-set/image-captioner';
import type { DatasetSpecification, PaletteColor } from '../../domain/schema';
import { parseSrefInput } from '../../domain/sref';
import { InvalidOutputError, ProjectDeletedError, toErrorInfo, type ErrorInfo } from '../../errors';
import type { AnalysisInfo } from '../../domain/project';
import type { ProjectRepository } from '../../storage/project-repository';
import type { ProjectActions, ProjectState } from '../project/create-project-store';
import type { SettingsActions, SettingsState } from '../settings/create-settings-store';
import type { ToastStore } from '../../ui/toasts';
import { markFinished, markRunning, takeInterruptedRun, type InterruptedRun } from './interrupted-run';

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'failed';

export interface AnalysisState {
  status: AnalysisStatus;
  /** The project the current (or last) run belongs to. */
  projectId: string | null;
  projectName: string | null;
  progress: AnalysisProgress | null;
  startedAt: number | null;
  error: ErrorInfo | null;
  /** Raw model text kept when the output could not be made valid. */
  rawOutput: string | null;
  lastResult: Pick<AnalysisResult, 'mode_used' | 'fallback_used' | 'model' | 'device' | 'repaired'> | null;
  /** A run that a reload of this tab cut off. */
  interrupted: InterruptedRun | null;
}

export interface AnalysisActions {
  start(): Promise<void>;
  cancel(): void;
  /** Stores the offline runtime while online, so an offline analysis later needs no network. */
  prepareOffline(): Promise<void>;
  /** Captions images with the same offline engine (and worker) as the analyses. */
  offlineCaptioner(): ImageCaptioner;
  /** The analysis panel is on screen while this is held: what it shows is not repeated in a toast. */
  watchPanel(): () => void;
  dismissInterrupted(): void;
}

interface Deps {
  settings: [SettingsState, SettingsActions];
  project: [ProjectState, ProjectActions];
  /** Where a result goes when its project is no longer the open one. */
  projectRepository: Pick<ProjectRepository, 'update'>;
  toasts: ToastStore;
}

export function createAnalysisStore({ settings, project, projectRepository, toasts }: Deps): [AnalysisState, AnalysisActions] {
  const [state, setState] = createStore<AnalysisState>({
    status: 'idle',
    projectId: null,
    projectName: null,
    progress: null,
    startedAt: null,
    error: null,
    rawOutput: null,
    lastResult: null,
    interrupted: takeInterruptedRun(),
  });
  const [settingsState, settingsActions] = settings;
  const [projectState, projectActions] = project;
  const [, toast] = toasts;
  let controller: AbortController | null = null;
  let panelsOnScreen = 0;
  const palettes = createPaletteClient();
  /** Whether the user is looking at this project's analysis panel (toasts only for what is not on screen). */
  const panelShows = (projectId: string | null) => panelsOnScreen > 0 && projectState.project?.id === projectId;

  const offlineEngine = createLazyOfflineEngine(() => settingsState.settings);
  const captioner = createOfflineCaptioner(offlineEngine);
  const orchestrator = createAnalysisOrchestrator({
    getSettings: async () => settingsState.settings,
    getApiKey: () => settingsActions.apiKey(),
    isOnline: () => navigator.onLine,
    createCloudEngine: (config) => createLazyCloudEngine(config),
    offlineEngine,
  });

  const onProgress = (progress: AnalysisProgress) => {
    setState('progress', progress);
    if (panelShows(state.projectId)) return;
    if (progress.stage === 'fallback') toast.show('warning', 'Cloud analysis failed', `${progress.reason.message} Finishing with the offline model.`);
    if (progress.stage === 'device-fallback') toast.show('warning', 'WebGPU failed on this device', 'The analysis continues on the CPU (WASM); it is slower but gives the same result.');
  };

  /** The result goes to the project that asked for it, whichever project is open now. */
  const deliver = async (bound: { id: string; name: string }, spec: DatasetSpecification, info: AnalysisInfo): Promise<'open' | 'saved-elsewhere' | 'dropped'> => {
    if (projectState.project?.id === bound.id) {
      projectActions.setAnalysis(spec, info);
      // Results first: the style analysis, with "Next: batches" from there.
      projectActions.setStep('analysis');
      return 'open';
    }
    try {
      await projectRepository.update(bound.id, (stored) => {
        stored.spec = structuredClone(spec);
        stored.analysis = info;
        stored.isExample = false;
        stored.updatedAt = Date.now();
      });
      toast.show('success', `Analysis of “${bound.name}” complete`, 'It was saved to that project; open it from Projects.');
      return 'saved-elsewhere';
    } catch (error) {
      if (!(error instanceof ProjectDeletedError)) throw error;
      toast.show('warning', `“${bound.name}” was deleted during its analysis`, 'The result was dropped.');
      return 'dropped';
    }
  };

  const actions: AnalysisActions = {
    async start() {
      const current = projectState.project;
      if (!current || state.status === 'running') return;
      const sref = parseSrefInput(current.srefCode);
      if (!sref.ok) {
        toast.show('error', 'Enter a valid style reference first.', sref.error);
        return;
      }
      controller = new AbortController();
      const signal = controller.signal;
      // Everything the run needs is taken now: switching project later changes none of it.
      const bound = { id: current.id, name: current.name, images: projectState.images.map((image) => ({ blob: image.blob, name: image.meta.name })) };
      const startedAt = Date.now();
      setState({ status: 'running', projectId: bound.id, projectName: bound.name, progress: null, startedAt, error: null, rawOutput: null, interrupted: null });
      markRunning({ projectId: bound.id, startedAt });
      try {
        // Pixel-true colours, measured while the engine works; the engine's guess is the fallback.
        const pixelPalette = palettes.extract(bound.images.map((image) => image.blob), signal).catch(() => null);
        const images = await prepareImages(bound.images, { signal, onProgress });
        const result = await orchestrator.analyze({ images, srefCode: sref.canonical, signal, onProgress });
        const spec = withPalette(result.spec, await pixelPalette);
        const info: AnalysisInfo = {
          mode_used: result.mode_used,
          fallback_used: result.fallback_used,
          model: result.model,
          ...(result.device ? { device: result.device } : {}),
          completedAt: Date.now(),
        };
        const delivered = await deliver(bound, spec, info);
        setState({ status: 'done', progress: null, lastResult: { mode_used: result.mode_used, fallback_used: result.fallback_used, model: result.model, device: result.device, repaired: result.repaired } });
        if (delivered === 'open' && !panelShows(bound.id)) toast.show('success', 'Analysis complete', result.fallback_used ? 'Completed using the offline model after the Cloud call failed.' : undefined);
      } catch (error) {
        const info = toErrorInfo(error);
        setState({ status: info.kind === 'Cancelled' ? 'idle' : 'failed', progress: null, error: info.kind === 'Cancelled' ? null : info, rawOutput: error instanceof InvalidOutputError ? error.rawOutput : null });
        // The panel shows the whole story; a toast only when it is not on screen.
        if (!panelShows(bound.id)) toast.showError(error);
      } finally {
        controller = null;
        markFinished();
      }
    },
    cancel() {
      controller?.abort();
    },
    offlineCaptioner: () => captioner,
    watchPanel() {
      panelsOnScreen += 1;
      return () => void (panelsOnScreen -= 1);
    },
    dismissInterrupted() {
      setState('interrupted', null);
    },
    async prepareOffline() {
      try {
        await offlineEngine.warmUp();
      } catch {
        // Offline with nothing stored yet: the next online start retries, and an offline
        // analysis explains what is missing.
      }
    },
  };
  return [state, actions];
}

function withPalette(spec: DatasetSpecification, palette: PaletteColor[] | null): DatasetSpecification {
  if (!palette || palette.length === 0) return spec;
  return { ...spec, style_analysis: { ...spec.style_analysis, color_palette: palette } };
}
