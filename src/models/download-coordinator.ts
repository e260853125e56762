/**
 * One download per model across tabs. The tab that gets the Web Lock downloads and broadcasts
 * its progress; another tab relays that progress and waits for the lock. When it gets the lock,
 * the manifest says what happened: ready, paused or cancelled by the user there, or still
 * 'downloading' because that tab was closed, in which case this tab carries on.
 */
import { toErrorInfo } from '../errors';
import type { DownloadEvent, DownloadOutcome } from './download-api';
import { downloadLockName } from './download-lock';
import type { ModelKey } from './model-manifest';
import type { ModelDownloader, StopReason } from './model-downloader';
import type { WritableModelStore } from './model-store';

type ChannelMessage = { kind: 'event'; event: DownloadEvent } | { kind: 'command'; key: ModelKey; command: StopReason };

export interface DownloadCoordinatorDeps {
  downloader: ModelDownloader;
  store: WritableModelStore;
  locks: LockManager;
  channel: BroadcastChannel;
}

export interface DownloadCoordinator {
  download(key: ModelKey, onEvent: (event: DownloadEvent) => void): Promise<DownloadOutcome>;
  stop(key: ModelKey, reason: StopReason): Promise<void>;
  /** Runs `task` holding the model's lock, or returns undefined when another tab holds it. */
  withLock<T>(key: ModelKey, task: () => Promise<T>): Promise<T | undefined>;
}

interface RunningDownload {
  controller: AbortController;
  listeners: Set<(event: DownloadEvent) => void>;
  outcome: Promise<DownloadOutcome>;
}

export function createDownloadCoordinator(deps: DownloadCoordinatorDeps): DownloadCoordinator {
  const { downloader, store, locks, channel } = deps;
  const running = new Map<ModelKey, RunningDownload>();

  channel.addEventListener('message', (message: MessageEvent<ChannelMessage>) => {
    const data = message.data;
    if (data.kind === 'command') running.get(data.key)?.controller.abort(data.command);
  });

  /** Downloads here; the caller holds the lock. */
  function runHere(key: ModelKey, onEvent: (event: DownloadEvent) => void): Promise<DownloadOutcome> {
    const controller = new AbortController();
    const listeners = new Set([onEvent]);
    const relay = (event: DownloadEvent) => {
      for (const listener of listeners) listener(event);
      channel.postMessage({ kind: 'event', event } satisfies ChannelMessage);
    };
    const outcome = downloader
      .download(key, { signal: controller.signal, onEvent: relay })
      .then((status): DownloadOutcome => ({ status, key }))
      .catch((error: unknown): DownloadOutcome => ({ status: 'failed', key, error: toErrorInfo(error) }))
      .finally(() => running.delete(key));
    running.set(key, { controller, listeners, outcome });
    return outcome;
  }

  /** Another tab downloads: relay its broadcast progress until its lock is released. */
  async function observe(key: ModelKey, onEvent: (event: DownloadEvent) => void): Promise<DownloadOutcome> {
    onEvent({ type: 'waiting-for-other-tab', key });
    const relay = (message: MessageEvent<ChannelMessage>) => {
      if (message.data.kind === 'event' && message.data.event.key === key) onEvent(message.data.event);
    };
    channel.addEventListener('message', relay);
    try {
      return await locks.request(downloadLockName(key), async () => {
        channel.removeEventListener('message', relay);
        const manifest = await store.manifest(key);
        if (!manifest) return { status: 'cancelled', key };
        switch (manifest.state) {
          case 'ready':
            return { status: 'ready', key };
          case 'downloading':
            return runHere(key, onEvent);
          case 'paused':
            return { status: 'paused', key };
          case 'error':
          case 'corrupt':
            return { status: 'failed', key, error: manifest.error ?? toErrorInfo(new Error('The download stopped.')) };
        }
      });
    } finally {
      channel.removeEventListener('message', relay);
    }
  }

  return {
    download(key, onEvent) {
      const local = running.get(key);
      if (local) {
        local.listeners.add(onEvent);
        return local.outcome;
      }
      return locks.request(downloadLockName(key), { ifAvailable: true }, (lock) => (lock ? runHere(key, onEvent) : observe(key, onEvent)));
    },
    async stop(key, reason) {
      const local = running.get(key);
      if (local) {
        local.controller.abort(reason);
        await local.outcome;
        return;
      }
      const handled = await this.withLock(key, async () => {
        // Nobody downloads it: apply the stop to what is recorded.
        if (reason === 'cancel') {
          await store.files.removeModel(key);
          await store.deleteManifest(key);
        } else {
          await store.updateManifest(key, (manifest) => {
            if (manifest.state === 'downloading') manifest.state = 'paused';
          });
        }
        return true;
      });
      if (!handled) channel.postMessage({ kind: 'command', key, command: reason } satisfies ChannelMessage);
    },
    async withLock(key, task) {
      return locks.request(downloadLockName(key), { ifAvailable: true }, async (lock) => (lock ? task() : undefined));
    },
  };
}
