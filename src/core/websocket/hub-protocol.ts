/**
 * The hub's JSON protocol (SignalR JSON encoding, version 1): each message is one JSON object ending in
 * 0x1E, and one socket frame may carry several.
 */
const SEPARATOR = '\x1e';

export const HANDSHAKE = `{"protocol":"json","version":1}${SEPARATOR}`;

export const MessageType = {
  Invocation: 1,
  Completion: 3,
  Ping: 6,
  Close: 7,
} as const;

/** One record as parsed; fields are checked where each type is handled. */
export interface HubMessage {
  type?: unknown;
  target?: unknown;
  arguments?: unknown;
  invocationId?: unknown;
  result?: unknown;
  error?: unknown;
}

export class HubProtocolError extends Error {}

/** The records of one frame. A record without its terminator is a protocol error, as the spec says. */
export function parseFrame(frame: string): HubMessage[] {
  const records = frame.split(SEPARATOR);
  if (records.pop() !== '') throw new HubProtocolError('the hub sent an incomplete message');
  return records.map((record) => {
    let message: unknown;
    try {
      message = JSON.parse(record);
    } catch {
      throw new HubProtocolError('the hub sent a message that is not JSON');
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      throw new HubProtocolError('the hub sent a message that is not an object');
    }
    return message as HubMessage;
  });
}

export const record = (message: object) => `${JSON.stringify(message)}${SEPARATOR}`;
