/** Tells the user when a new version is ready (service worker waiting) or the app works offline. */
import { Show, createEffect } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  // "Ready offline" is news once; it steps aside by itself. An update waits for the user.
  createEffect(() => {
    if (offlineReady()) setTimeout(() => setOfflineReady(false), 8_000);
  });

  return (
    <Show when={needRefresh() || offlineReady()}>
      <div class="update-prompt" role="status">
        <Show
          when={needRefresh()}
          fallback={
            <>
              <span>The app is ready to work offline.</span>
              <button type="button" onClick={() => setOfflineReady(false)}>
                OK
              </button>
            </>
          }
        >
          <span>A new version is available.</span>
          <button type="button" class="primary" onClick={() => void updateServiceWorker(true)}>
            Reload to update
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </Show>
      </div>
    </Show>
  );
}
