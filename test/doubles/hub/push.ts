/** The text of a `pushEvent` invocation, in ASP.NET Core's key order or, for `layout: 'other'`, not. */
import { MessageType, type PushOptions } from './types';

export function pushText(payload: unknown, options: PushOptions): string {
  const argument = options.form === 'string' ? JSON.stringify(payload) : payload;
  const invocationId = options.invocationId ? { invocationId: options.invocationId } : {};
  if (options.layout === 'other') {
    return JSON.stringify({ arguments: [argument], target: 'pushEvent', ...invocationId, type: 1 }, null, 1);
  }
  return JSON.stringify({
    type: MessageType.Invocation,
    ...invocationId,
    target: 'pushEvent',
    arguments: [argument],
  });
}
