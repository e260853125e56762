/// <reference lib="webworker" />
/**
 * Service worker: precaches the app shell (injected by vite-plugin-pwa) so the app opens with
 * the network off. Model files are never precached; they are served from ModelStore.
 */
import '../src/zod-without-eval';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createModelStore } from '../src/models/model-store';
import { createModelFileRoute } from '../src/models/sw-model-route';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// Model files (`<scope>models/…/resolve/…`) are answered from ModelStore (OPFS), Range included.
const modelFiles = createModelFileRoute(createModelStore(), self.registration.scope);
registerRoute(modelFiles.match, modelFiles.handle);

// The page asks the waiting worker to take over when the user accepts the update prompt.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
