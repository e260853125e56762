/** Step 1: the style images (drop, pick or paste) and the --sref code. */
import { For, Show, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import { MAX_IMAGES, MIN_IMAGES } from '../../domain/project';
import { parseSrefInput } from '../../domain/sref';
import { useApp } from '../../app/app-context';
import { DropZone } from '../../ui/drop-zone';
import { toErrorInfo } from '../../errors';

export function UploadView() {
  const { project: [state, actions], toasts: [, toast] } = useApp();
  const [rejections, setRejections] = createSignal<string[]>([]);
  let fileInput: HTMLInputElement | undefined;

  const srefText = () => state.project?.srefCode ?? '';
  const sref = createMemo(() => (srefText().trim() === '' ? null : parseSrefInput(srefText())));
  // A plain derived value, read in the JSX: the help follows every keystroke.
  const srefHelp = () => {
    const result = sref();
    if (result === null) return 'Numeric codes of any length, random, image URLs, several values, ::weights, --sw and --sv.';
    return result.ok ? `Prompts will end with --sref ${result.canonical}` : result.error;
  };
  const imageCount = () => state.images.length;
  const ready = () => imageCount() >= MIN_IMAGES && sref()?.ok === true;

  const addFiles = async (files: File[]) => {
    if (files.length === 0) return;
    const outcome = await actions.addFiles(files);
    setRejections(outcome.rejected.map(({ error }) => toErrorInfo(error).message));
    if (outcome.added > 0) toast.show('success', `Added ${outcome.added} image${outcome.added === 1 ? '' : 's'}.`);
  };

  const onPaste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length > 0) {
      event.preventDefault();
      void addFiles(files);
    }
  };
  onMount(() => document.addEventListener('paste', onPaste));
  onCleanup(() => document.removeEventListener('paste', onPaste));

  return (
    <section class="step-view" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Style images and code</h2>
      <p class="lead">
        Add {MIN_IMAGES}-{MAX_IMAGES} images made with your Midjourney style reference, and the code you used
        (<code>--sref</code>).
      </p>

      <div class="field">
        <label for="sref-input">Style reference (--sref)</label>
        <input
          id="sref-input"
          type="text"
          inputmode="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="e.g. 1234567890, or 1234567890::2 --sw 250"
          value={srefText()}
          aria-invalid={sref()?.ok === false}
          aria-describedby="sref-help"
          onInput={(event) => actions.setSref(event.currentTarget.value)}
        />
        <p id="sref-help" classList={{ hint: true, error: sref()?.ok === false }}>
          {srefHelp()}
        </p>
      </div>

      <DropZone onDrop={(data) => void addFiles([...data.files])}>
        <p>Drop images here, paste them, or</p>
        <button type="button" class="primary" onClick={() => fileInput?.click()} disabled={imageCount() >= MAX_IMAGES}>
          Choose images…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          hidden
          aria-label="Style images"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            void addFiles(files);
          }}
        />
        <p class="hint">JPG, PNG or WEBP, up to 30 MB each. {imageCount()} of {MAX_IMAGES} added.</p>
      </DropZone>

      <Show when={rejections().length > 0}>
        <div class="notice notice-error" role="alert">
          <strong>Some files were not added:</strong>
          <ul>
            <For each={rejections()}>{(message) => <li>{message}</li>}</For>
          </ul>
        </div>
      </Show>

      <ul class="thumbnails" aria-label="Style images">
        <For each={state.images}>
          {(image) => (
            <li class="thumbnail">
              <img src={image.url} alt={image.meta.name} loading="lazy" />
              <span class="thumbnail-name" title={image.meta.name}>{image.meta.name}</span>
              <span class="hint">{image.meta.width}×{image.meta.height}</span>
              <button type="button" class="icon-button" aria-label={`Remove ${image.meta.name}`} onClick={() => void actions.removeImage(image.meta.id)}>
                ×
              </button>
            </li>
          )}
        </For>
      </ul>

      <div class="step-actions">
        <Show when={!ready()}>
          <p class="hint" role="status">
            {imageCount() < MIN_IMAGES ? `Add at least ${MIN_IMAGES - imageCount()} more image${MIN_IMAGES - imageCount() === 1 ? '' : 's'}. ` : ''}
            {sref()?.ok !== true ? 'Enter a valid style reference.' : ''}
          </p>
        </Show>
        <button type="button" class="primary" disabled={!ready()} onClick={() => actions.setStep('analysis')}>
          Continue to analysis
        </button>
      </div>
    </section>
  );
}
