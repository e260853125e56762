/// <reference lib="webworker" />
/** Offline inference worker: Qwen2-VL + grammar (logic in src/analysis/offline/create-inference-api.ts). */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createBrowserInferenceDeps } from '../src/analysis/offline/browser-inference-deps';
import { createInferenceApi } from '../src/analysis/offline/create-inference-api';
import { registerAppErrorTransfer } from '../src/worker-errors';

registerAppErrorTransfer();
expose(createInferenceApi(createBrowserInferenceDeps()));
