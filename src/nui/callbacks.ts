/** Page → client: a POST to `https://<resource>/<name>`, the body and the answer checked with the catalogue. */
import { type NuiAnswer, type NuiCallbackName, NuiCallbacks, type NuiRequest } from '../shared/nui-messages';

declare global {
  /** Set by FiveM in every NUI frame: the resource's name. */
  function GetParentResourceName(): string;
}

function resource(): string {
  return typeof GetParentResourceName === 'function' ? GetParentResourceName() : 'sonorancad';
}

export async function call<N extends NuiCallbackName>(name: N, body: NuiRequest<N>): Promise<NuiAnswer<N>> {
  const response = await fetch(`https://${resource()}/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
  });
  const parsed = NuiCallbacks[name].answer.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${name}: the client's answer does not match the catalogue`);
  return parsed.data as NuiAnswer<N>;
}
