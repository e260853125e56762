/** The memory verdict of a model card: "fits", "tight" or "will not fit: …", with its figures. */
import type { MemoryFit as Fit } from '../../models/memory-budget';

export function MemoryFit(props: { fit: Fit }) {
  return (
    <>
      <span class={`fit fit-${props.fit.verdict}`} data-testid="memory-verdict" data-verdict={props.fit.verdict}>
        {props.fit.label}
      </span>{' '}
      <span class="hint">{props.fit.explanation}</span>
    </>
  );
}
