/**
 * Ways a hub (or a proxy in front of one) misbehaves right after the handshake or on authentication, each
 * seen from real servers or allowed by the spec: the session must treat every one as a failed attempt.
 */
import type { WebSocket } from 'ws';

const RS = '\x1e';

export type HubFault =
  /** What ASP.NET Core writes when `OnConnectedAsync` throws: the handshake answer and a Close in one frame. */
  | 'close-with-error'
  /** The handshake answer, then a Close that asks the client to reconnect. */
  | 'close-allow-reconnect'
  /** The socket closed whenever the client calls `authenticatev2`. */
  | 'close-on-authenticate'
  /** The handshake answer, then the TCP connection dropped (1006). */
  | 'drop-after-handshake'
  /** The handshake answer, then a record without its 0x1E terminator. */
  | 'no-separator'
  /** The handshake answer, then a text frame that is not UTF-8. */
  | 'invalid-utf8'
  /** The handshake answer, then one text frame of `oversizeBytes`. */
  | 'oversize';

/**
 * Plays `fault` once the client's handshake is in; false when the fault is not about the handshake (the
 * hub then answers it normally).
 */
export function afterHandshake(fault: HubFault | null, socket: WebSocket, oversizeBytes: number): boolean {
  switch (fault) {
    case 'close-with-error':
      socket.send(`{}${RS}{"type":7,"error":"Connection closed with an error."}${RS}`);
      socket.close(1000);
      return true;
    case 'close-allow-reconnect':
      socket.send(`{}${RS}{"type":7,"allowReconnect":true}${RS}`);
      socket.close(1000);
      return true;
    case 'drop-after-handshake':
      socket.send(`{}${RS}`, () => socket.terminate());
      return true;
    case 'no-separator':
      socket.send(`{}${RS}`);
      socket.send('{"type":6}');
      return true;
    case 'invalid-utf8':
      socket.send(`{}${RS}`);
      socket.send(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x1e]), { binary: false });
      return true;
    case 'oversize':
      socket.send(`{}${RS}`);
      socket.send(`{"type":1,"target":"pushEvent","arguments":["${'x'.repeat(oversizeBytes)}"]}${RS}`);
      return true;
    default:
      return false;
  }
}
