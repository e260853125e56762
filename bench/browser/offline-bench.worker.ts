/// <reference lib="webworker" />
/** Benchmark worker (bench/browser/offline-bench-api.ts); logic in create-offline-bench-api.ts. */
import { expose } from 'comlink';
import { createOfflineBenchApi } from './create-offline-bench-api';

expose(createOfflineBenchApi());
