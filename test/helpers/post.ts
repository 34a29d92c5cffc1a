import http from 'node:http';
import { TEST_HEADERS } from '../doubles/fxserver/double';

export interface PostOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked` instead of a Content-Length. */
  chunked?: boolean;
  /** The peer address the handler should see (`203.0.113.7`, `203.0.113.7:4000`, `[2001:db8::1]:4000`). */
  remoteAddress?: string;
  /** `late`: the handler runs before the body is in, which then arrives on a later turn. */
  bodyTiming?: 'buffered' | 'late';
}

export interface PostResult {
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** One request over a fresh loopback connection; rejects when the server closes without a response. */
export async function post(baseUrl: string, path: string, options: PostOptions = {}): Promise<PostResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.remoteAddress) headers[TEST_HEADERS.remoteAddress] = options.remoteAddress;
  if (options.bodyTiming) headers[TEST_HEADERS.bodyTiming] = options.bodyTiming;
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  if (body && options.chunked) headers['Transfer-Encoding'] = 'chunked';
  else if (body) headers['Content-Length'] = String(body.length);

  const { hostname, port } = new URL(baseUrl);
  // The path goes out byte for byte: a URL object would normalise it.
  const request = http.request({
    hostname,
    port,
    path,
    method: options.method ?? 'POST',
    headers,
    agent: false,
  });
  try {
    return await new Promise<PostResult>((resolve, reject) => {
      request.on('error', reject);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers: flat, text, json: parseJson(text) });
        });
      });
      if (body && options.chunked) {
        // Two chunks, so the chunked framing is really exercised.
        const half = Math.ceil(body.length / 2);
        request.write(body.subarray(0, half));
        request.end(body.subarray(half));
      } else {
        request.end(body);
      }
    });
  } finally {
    request.destroy();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
