/**
 * A local https server for CAD audio, as a tone host: a self-signed certificate made with openssl for
 * this run, `tones.test` resolved to it by the browser's `--host-resolver-rules`, and the certificate
 * accepted with `--ignore-certificate-errors` (the switches `BROWSER_ARGS` gives). Serves WAV tones of
 * given lengths, a 404 and a file that is not audio.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { melody, wav } from '../../scripts/tones.mjs';

export const AUDIO_HOST = 'tones.test';
export const BROWSER_ARGS = [
  `--host-resolver-rules=MAP ${AUDIO_HOST} 127.0.0.1`,
  '--ignore-certificate-errors',
];

export interface AudioServer {
  /** `tones.test:<port>`, for alerts.tone.allowedHosts. */
  host: string;
  url(path: string): string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        `/CN=${AUDIO_HOST}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `<name>-<seconds>.wav` is a tone that long; its pitch tells the files apart. */
function body(path: string): { type: string; data: Buffer } | null {
  const tone = /^\/(\d+)hz-([\d.]+)s\.wav$/.exec(path);
  if (tone) return { type: 'audio/wav', data: wav(melody([[Number(tone[1]), Number(tone[2])]])) };
  // Says it is MP3; is not.
  if (path === '/broken.mp3')
    return { type: 'audio/mpeg', data: Buffer.from('not audio at all '.repeat(400)) };
  return null;
}

export async function startAudioServer(): Promise<AudioServer> {
  const requests: string[] = [];
  const server: Server = createServer(certificate(), (request, response) => {
    const path = new URL(request.url ?? '/', 'https://x').pathname;
    requests.push(path);
    const found = body(path);
    if (!found) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': found.type, 'Content-Length': found.data.length });
    response.end(found.data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `${AUDIO_HOST}:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: (path) => `https://${host}${path}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
