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

/** A one-argument invocation, with that argument's JSON text as the hub wrote it. */
export interface OneArgumentCall {
  invocationId: string | null;
  target: string;
  argument: unknown;
  text: string;
}

// How .NET SignalR servers write a one-argument invocation, in their key order.
const CALL = '{"type":1,';
const INVOCATION_ID = '"invocationId":"';
const TARGET = '"target":"';
const ARGUMENTS = '","arguments":[';
const CALL_TAIL = `]}${SEPARATOR}`;

/** A JSON string's content that reads as itself: nothing escaped, nothing ending it early. */
const plain = (content: string) => !content.includes('"') && !content.includes('\\');

/**
 * Recognises a frame that is exactly one such invocation by its text, so the argument is parsed once
 * (not the frame, then the argument written out again for its bytes). Null for anything else (several
 * records or arguments, headers, another key order, escapes in the id or target, bad JSON):
 * `parseFrame` then handles the frame. Parsing the middle proves the whole: head + one JSON value +
 * tail is that invocation, and a separator inside the middle would fail the parse. Plain string
 * searches, not a regular expression: this runs for every push.
 */
export function oneArgumentCall(frame: string): OneArgumentCall | null {
  if (!frame.startsWith(CALL) || !frame.endsWith(CALL_TAIL)) return null;
  let at = CALL.length;
  let invocationId: string | null = null;
  if (frame.startsWith(INVOCATION_ID, at)) {
    const end = frame.indexOf('",', at + INVOCATION_ID.length);
    invocationId = frame.slice(at + INVOCATION_ID.length, end);
    if (end < 0 || !plain(invocationId)) return null;
    at = end + 2;
  }
  if (!frame.startsWith(TARGET, at)) return null;
  const end = frame.indexOf(ARGUMENTS, at + TARGET.length);
  const target = frame.slice(at + TARGET.length, end);
  if (end < 0 || !plain(target)) return null;
  const text = frame.slice(end + ARGUMENTS.length, frame.length - CALL_TAIL.length);
  try {
    return { invocationId, target, argument: JSON.parse(text), text };
  } catch {
    return null;
  }
}
