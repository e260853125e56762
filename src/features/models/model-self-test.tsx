/**
 * Settings → a ready model → "Test on this device": the known-answer self-test and its report
 * (pass/fail, each run's device, dtype set, load time, prefill and decode speed, peak memory), with
 * the report as text to copy and send back.
 */
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { ModelSource } from '../../models/registry';
import { createSelfTestStore } from './create-self-test-store';
import { formatDtypeSet } from './format-dtype';
import { formatBytes } from './format-transfer';
import { DEVICE_NAMES, perSecond } from './self-test-report';

export function ModelSelfTest(props: { idPrefix: string; source: ModelSource; modelName: string }) {
  const [state, actions] = createSelfTestStore();
  const [now, setNow] = createSignal(Date.now());
  const ticker = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => {
    clearInterval(ticker);
    actions.cancel();
  });
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    await navigator.clipboard.writeText(state.text ?? '').then(() => setCopied(true), () => setCopied(false));
  };
  const elapsed = () => Math.max(0, Math.round((now() - (state.startedAt ?? now())) / 1000));
  const headingId = () => `${props.idPrefix}-self-test`;

  return (
    <section class="self-test" aria-labelledby={headingId()}>
      <h5 id={headingId()}>Check this model on this device</h5>
      <p class="hint">
        Paints a picture of one large coloured shape and asks the model which colour and shape it shows. A wrong answer on WebGPU means this device's GPU computes wrong numbers: the app then checks the CPU and uses it if it answers right.
      </p>
      <div class="button-row">
        <Show
          when={state.running}
          fallback={
            <button type="button" onClick={() => void actions.run(props.source, props.modelName)}>
              Test on this device
            </button>
          }
        >
          <button type="button" onClick={() => actions.cancel()}>
            Cancel test
          </button>
        </Show>
      </div>
      <Show when={state.running}>
        <p role="status">Testing: loading the model, then one short answer… {elapsed()} s</p>
      </Show>
      <Show when={state.error}>
        {(error) => (
          <div class={`notice notice-${error().tone === 'error' ? 'error' : 'info'}`} role={error().tone === 'error' ? 'alert' : 'status'}>
            <p>{error().text}</p>
            <Show when={error().action}>
              <p class="hint">{error().action}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={state.report}>
        {(report) => (
          <div class="self-test-report" data-testid="self-test-report">
            <p class={`notice ${report().passed ? 'notice-info' : 'notice-error'}`} role="status">
              <strong>{report().passed ? 'Passed' : 'Failed'}</strong>: asked about a {report().expected}.
            </p>
            <table>
              <caption>Runs</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Dtype set</th>
                  <th scope="col">Load</th>
                  <th scope="col">Prefill</th>
                  <th scope="col">Decode</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                <For each={report().runs}>
                  {(run) => (
                    <tr data-device={run.device}>
                      <th scope="row">{DEVICE_NAMES[run.device]}</th>
                      <td>{formatDtypeSet(run.dtype)}</td>
                      <td>{run.loadSeconds === undefined ? '—' : `${run.loadSeconds.toFixed(1)} s`}</td>
                      <td>{run.result ? perSecond(run.result.promptTokens, run.result.prefillSeconds) : '—'}</td>
                      <td>{run.result ? perSecond(run.result.generatedTokens - 1, run.result.decodeSeconds) : '—'}</td>
                      <td data-testid="self-test-answer">{run.result ? `"${run.result.answer ?? 'none'}" ${run.result.passed ? '(right)' : '(wrong)'}` : `failed: ${run.error?.detail ?? run.error?.message ?? ''}`}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={report().preference}>
              {(preference) => (
                <p class="notice notice-warning" role="note">
                  {preference().device === 'wasm'
                    ? `From now on this model runs on the CPU (WASM) on this device: ${preference().reason}.`
                    : `This model runs on WebGPU again on this device: ${preference().reason}`}
                </p>
              )}
            </Show>
            <dl class="facts">
              <dt>Peak memory</dt>
              <dd data-testid="self-test-memory">{state.peakMemory ? `${formatBytes(state.peakMemory.bytes)} (${state.peakMemory.source})` : 'not exposed by this browser'}</dd>
              <dt>WebGPU adapter</dt>
              <dd>{report().gpu ? report().gpu!.description : 'none'}</dd>
            </dl>
            <div class="button-row">
              <button type="button" onClick={() => void copy()}>
                Copy report
              </button>
              <span role="status">{copied() ? 'Report copied: paste it into your bug report or message.' : ''}</span>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
