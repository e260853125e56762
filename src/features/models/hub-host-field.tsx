/** The Hugging Face Hub host (or a mirror speaking its API) all model downloads use. */
import { DEFAULT_HUB_HOST } from '../../domain/settings';
import { EndpointUrlField } from '../../ui/endpoint-url-field';

export function HubHostField(props: { value: string; onChange: (hubHost: string) => void }) {
  return (
    <EndpointUrlField
      id="hub-host"
      label="Hub host"
      kind="hub"
      value={props.value}
      defaultValue={DEFAULT_HUB_HOST}
      hint="Where model files are downloaded from: huggingface.co or a mirror that speaks the same API, over https (http only for a server on this computer)."
      onChange={props.onChange}
    />
  );
}
