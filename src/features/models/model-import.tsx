/** Import model files from disk (folder picker or drop), verified against the manifest like a download. */
import type { ImportedFile } from '../../models/download-api';
import { collectDroppedFiles, filesFromInput } from './collect-dropped-files';
import { DropZone } from '../../ui/drop-zone';

export function ModelImport(props: { idPrefix: string; modelName: string; disabled: boolean; onFiles: (files: ImportedFile[]) => void }) {
  return (
    <details class="model-import">
      <summary>Import from disk</summary>
      <p class="hint">
        For a machine without internet: pick the model's folder (as downloaded from the Hub, with its <code>onnx</code> folder). Each file is checked against the
        SHA-256 listed by the Hub before it is used.
      </p>
      <DropZone disabled={props.disabled} onDrop={(data) => void collectDroppedFiles(data.items).then(props.onFiles)}>
        <label for={`${props.idPrefix}-import`}>Choose the model folder, or drop it here</label>
        <input
          id={`${props.idPrefix}-import`}
          type="file"
          multiple
          disabled={props.disabled}
          aria-label={`Import ${props.modelName} from a folder`}
          ref={(input) => (input.webkitdirectory = true)}
          onChange={(event) => {
            const list = event.currentTarget.files;
            if (list && list.length > 0) props.onFiles(filesFromInput(list));
            event.currentTarget.value = '';
          }}
        />
      </DropZone>
    </details>
  );
}
