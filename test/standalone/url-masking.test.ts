/**
 * Credentials inside target URLs never show: not in `forward list`, `forward status`, `sonorancad status`,
 * the management API's answers, nor any console line, even when a receiver echoes its own URL back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { websocketLines } from '../../src/core/commands/websocket-status';
import { post } from '../helpers/post';
import { startReceiver, until } from '../helpers/receiver';
import { startRelay } from '../helpers/relay-process';
import { sampleText, TEST_KEY } from '../helpers/samples';

const TOKEN = 'management-token-for-the-masking-test';
const SECRETS = ['pa55-word-x', 'query-token-x', 'discord-token-x', 'signature-x'];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('secrets in URLs', () => {
  it('are masked in every answer and console line of the relay', async () => {
    const receiver = await startReceiver((request) => ({
      // A proxy's error page that quotes the address it was asked for.
      status: 502,
      body: `no upstream for http://relay-user:pa55-word-x@127.0.0.1${request.path}`,
    }));
    cleanup.push(() => receiver.close());
    const base = receiver.url.replace('/hook', '');
    const withUser = base.replace('http://', 'http://relay-user:pa55-word-x@');
    const config = {
      logEvents: true,
      forwarding: {
        retry: { firstDelaySeconds: 0.05 },
        targets: [
          { name: 'basic', url: `${withUser}/in?token=query-token-x&team=blue`, maxAttempts: 1 },
          { name: 'chat', format: 'discord', url: `${base}/api/webhooks/42/discord-token-x`, maxAttempts: 1 },
          { name: 'signed', url: `${base}/s?sig=signature-x`, maxAttempts: 1 },
        ],
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'sonorancad-mask-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const relay = await startRelay({
      root: dir,
      dataDir: join(dir, 'data'),
      env: { SONORAN_API_KEY: TEST_KEY, SONORANCAD_ADMIN_TOKEN: TOKEN },
    });
    cleanup.push(() => relay.kill());
    const relayBase = `http://127.0.0.1:${relay.port}`;

    expect(
      (await post(relayBase, '/sonorancad/event', { body: sampleText('EVENT_UNIT_PANIC.object.json') }))
        .status,
    ).toBe(200);
    await until(() => receiver.requests.length >= 3, 'an attempt at each target');
    // The URL really was used with its credentials: only the display is masked.
    const basic = receiver.requests.find((request) => request.path.startsWith('/in'))!;
    expect(basic.path).toBe('/in?token=query-token-x&team=blue');
    expect(basic.headers.authorization).toBe(
      `Basic ${Buffer.from('relay-user:pa55-word-x').toString('base64')}`,
    );
    await until(() => (relay.output().match(/dead letter/gi) ?? []).length >= 3, 'the three failures logged');

    const api = async (path: string) => {
      const response = await fetch(`${relayBase}/sonorancad${path}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return response.text();
    };
    const listed = await api('/targets');
    const one = await api('/targets/basic');
    expect(JSON.parse(listed).targets.map((target: { url: string }) => target.url)).toEqual([
      `${base.replace('http://', 'http://[hidden]@')}/in?token=[hidden]&team=blue`,
      `${base}/api/webhooks/42/[hidden]`,
      `${base}/s?sig=[hidden]`,
    ]);
    expect(JSON.parse(one).target.url).toBe(
      `${base.replace('http://', 'http://[hidden]@')}/in?token=[hidden]&team=blue`,
    );

    const before = relay.output().length;
    for (const line of ['sonorancad forward list', 'sonorancad forward status', 'sonorancad status']) {
      relay.child.stdin!.write(`${line}\n`);
    }
    await until(() => /Pushes by transport/.test(relay.output().slice(before)), 'the three answers');
    const answers = relay.output().slice(before);
    expect(answers).toContain(
      `POST ${base.replace('http://', 'http://[hidden]@')}/in?token=[hidden]&team=blue`,
    );
    expect(answers).toContain('no upstream for http://[hidden]@127.0.0.1/in?token=[hidden]&team=blue');

    for (const shown of [relay.output(), listed, one]) {
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
    }
  });

  it("are masked in the websocket's status line", () => {
    const [line] = websocketLines(
      {
        open: true,
        session: {
          state: 'connecting',
          serverId: 1,
          hubUrl: 'wss://proxy.example.com/hub?access_token=hub-secret',
          since: null,
          reconnects: 0,
          failedAttempts: 0,
          lastError: null,
          nextAttemptAt: null,
        },
      },
      { http: 0, websocket: 0, duplicatesDropped: 0 },
      0,
    );
    expect(line).toBe(
      'Websocket: connecting to wss://proxy.example.com/hub?access_token=[hidden]; 0 reconnects.',
    );
  });
});
