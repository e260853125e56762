/**
 * Tells the other tabs of the app what happened to a project (BroadcastChannel), so a tab showing
 * that project reloads it, or explains that it was deleted, instead of writing over it.
 */
export type ProjectEvent =
  /** contentChanged: false when only the saving tab's step changed. */
  | { kind: 'saved'; projectId: string; revision: number; contentChanged: boolean }
  | { kind: 'deleted'; projectId: string };

const CHANNEL_NAME = 'lora-projects';

export interface ProjectChannel {
  post(event: ProjectEvent): void;
  /** Events from other tabs (a tab never hears its own). */
  subscribe(listener: (event: ProjectEvent) => void): () => void;
}

export function createProjectChannel(): ProjectChannel {
  const listeners = new Set<(event: ProjectEvent) => void>();
  let channel: BroadcastChannel | undefined;
  const open = () => {
    if (channel || typeof BroadcastChannel === 'undefined') return channel;
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (message: MessageEvent<ProjectEvent>) => {
      for (const listener of listeners) listener(message.data);
    };
    return channel;
  };
  return {
    post: (event) => open()?.postMessage(event),
    subscribe(listener) {
      open();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
