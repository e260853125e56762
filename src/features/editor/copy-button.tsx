/** A button that copies text and says so (for screen readers too). */
import { createSignal } from 'solid-js';

export function CopyButton(props: { text: () => string; label: string; class?: string }) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text());
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" class={props.class} onClick={() => void copy()} aria-label={props.label}>
      <span aria-live="polite">{copied() ? 'Copied' : 'Copy'}</span>
    </button>
  );
}
