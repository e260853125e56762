/** A drop target that highlights while something is dragged over it; what a drop means is the caller's. */
import { createSignal, type JSX } from 'solid-js';

export function DropZone(props: { onDrop: (data: DataTransfer) => void; disabled?: boolean; children: JSX.Element }) {
  const [dragging, setDragging] = createSignal(false);
  return (
    <div
      class="dropzone"
      classList={{ dragging: dragging() }}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(!props.disabled);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (event.dataTransfer && !props.disabled) props.onDrop(event.dataTransfer);
      }}
    >
      {props.children}
    </div>
  );
}
