/** Toast notifications: short messages, errors with their suggested action. Never alert(). */
import { For, Show, createSignal } from 'solid-js';
import { toErrorInfo } from '../errors';

export type ToastTone = 'info' | 'success' | 'warning' | 'error';
export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  body?: string;
}

export function createToastStore() {
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  let nextId = 1;
  const dismiss = (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id));
  const show = (tone: ToastTone, title: string, body?: string, timeoutMs = tone === 'error' ? 12_000 : 6_000) => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-4), { id, tone, title, ...(body ? { body } : {}) }]);
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
    return id;
  };
  const showError = (error: unknown) => {
    const info = toErrorInfo(error);
    if (info.kind === 'Cancelled') return show('info', info.message);
    return show('error', info.message, info.action);
  };
  return [{ toasts }, { show, showError, dismiss }] as const;
}
export type ToastStore = ReturnType<typeof createToastStore>;

export function Toasts(props: { store: ToastStore }) {
  const [state, actions] = props.store;
  return (
    <div class="toasts" role="region" aria-label="Notifications">
      <For each={state.toasts()}>
        {(toast) => (
          <div class={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
            <div class="toast-text">
              <strong>{toast.title}</strong>
              <Show when={toast.body}>
                <p>{toast.body}</p>
              </Show>
            </div>
            <button type="button" class="icon-button" aria-label="Dismiss notification" onClick={() => actions.dismiss(toast.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
