import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Realm } from '../citizenfx/realm';
import { errorText } from '../citizenfx/script-calls';
import type { CrashReporter } from './fatal';
import { bodyProblem, headersProblem, statusProblem } from './response-guard';

type HeaderMap = Record<string, string | string[]>;

/**
 * The script's `res` (writeHead / write / send) over a Node ServerResponse, shaped like FXServer's HTTP/1.1
 * response: head flushed at the first call and frozen there, always chunked (a script Content-Length is
 * dropped), no Content-Type unless the script sets one.
 */
export class FxResponse {
  readonly res: object;
  private headSent = false;
  private ended = false;
  private closed = false;

  constructor(
    private readonly out: ServerResponse,
    realm: Realm,
    private readonly crash: CrashReporter,
    private readonly onEnd: () => void,
  ) {
    const res = new realm.Object() as Record<string, unknown>;
    res.writeHead = (...args: unknown[]) => this.writeHead(args);
    res.write = (...args: unknown[]) => this.write(args);
    res.send = (...args: unknown[]) => this.send(args);
    this.res = res;
    out.on('close', () => {
      if (!this.ended) this.closed = true;
    });
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  private writeHead(args: unknown[]): void {
    const [status, headers] = args;
    const problem = statusProblem(status) ?? (args.length >= 2 ? headersProblem(headers) : null);
    if (problem) throw this.crash(problem);
    // Once the head is on the wire FXServer's WriteHead returns early.
    if (this.headSent || this.closed) return;
    this.flushHead(status as number, args.length >= 2 ? (headers as HeaderMap) : {});
  }

  private write(args: unknown[]): void {
    this.checkBody('write', args);
    if (this.closed) return;
    this.ensureHead();
    this.out.write(toBytes(args[0] as string | ArrayBuffer));
  }

  private send(args: unknown[]): void {
    this.checkBody('send', args);
    if (this.closed) return;
    this.ensureHead();
    this.ended = true;
    this.onEnd();
    if (args.length === 0) this.out.end();
    else this.out.end(toBytes(args[0] as string | ArrayBuffer));
  }

  private checkBody(method: 'write' | 'send', args: unknown[]): void {
    const problem = bodyProblem(method, args.length, args[0]);
    if (problem) throw this.crash(problem);
    if (this.ended) {
      throw this.crash(
        `res.${method}() after res.send(): FXServer writes it after the chunked terminator, corrupting the stream`,
      );
    }
  }

  private ensureHead(): void {
    if (!this.headSent) this.flushHead(200, {});
  }

  private flushHead(status: number, headers: HeaderMap): void {
    this.headSent = true;
    // FXServer's SetHeader replaces an existing header case-insensitively; an array gives one line per value.
    const lines: [string, string][] = [];
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (lower === 'content-length') continue;
      for (let i = lines.length - 1; i >= 0; i--)
        if (lines[i]![0].toLowerCase() === lower) lines.splice(i, 1);
      for (const v of Array.isArray(value) ? value : [value]) lines.push([name, v]);
    }
    try {
      this.out.writeHead(status, STATUS_CODES[status] ?? '', lines.flat());
      this.out.flushHeaders();
    } catch (error) {
      // Node refuses what FXServer would write raw (CR/LF in a value, a bad name): a broken response either way.
      throw this.crash(`res.writeHead: FXServer would write a malformed head (${errorText(error)})`);
    }
  }
}

function toBytes(data: string | ArrayBuffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(new Uint8Array(data));
}
