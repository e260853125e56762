/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert,
 * Tab cycles through the dialog's controls (instead of leaving for the browser's own UI), Escape
 * closes it, and focus returns to where it was. Rendered only while open.
 */
import { onCleanup, onMount, type JSX } from 'solid-js';

export interface ModalDialogProps {
  title: string;
  /** Escape, or a button that dismisses: the caller decides what closing means. */
  onClose: () => void;
  role?: 'dialog' | 'alertdialog';
  children: JSX.Element;
}

let nextId = 1;

export function ModalDialog(props: ModalDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const id = `modal-${nextId++}`;
  const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  onMount(() => {
    dialog?.showModal();
    // The first action (the safe choice, by convention) takes focus rather than the first link.
    dialog?.querySelector<HTMLElement>('[data-autofocus], button')?.focus();
  });
  onCleanup(() => {
    dialog?.close();
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
  });

  return (
    <dialog
      ref={dialog}
      class="dialog"
      role={props.role ?? 'dialog'}
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab' || !dialog) return;
        const controls = [...dialog.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter((element) => !element.hasAttribute('disabled'));
        const first = controls[0];
        const last = controls.at(-1);
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <h2 id={`${id}-title`} class="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
