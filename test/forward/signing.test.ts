/** Standard Webhooks signatures, checked with the reference `standardwebhooks` library. */
import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parseSigningSecrets, signatureHeader } from '../../src/core/forward/send/sign';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { pushes, startForwarder, trackOpen } from './harness';

const track = trackOpen();

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const headersOf = (receiver: Receiver, index: number) =>
  receiver.requests[index]!.headers as Record<string, string>;

describe('signed targets', () => {
  it('sign the exact bytes sent, on every attempt, with the same webhook-id', async () => {
    const secret = newSecret();
    const receiver = track(await startReceiver((_, index) => ({ status: index === 0 ? 503 : 200 })));
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [{ name: 'signed', url: receiver.url, secret: 'HOOK_SECRET' }],
          retry: { firstDelaySeconds: 0.01 },
        },
        settings: { HOOK_SECRET: secret },
      }),
    );
    harness.push(pushes.call911(5));
    await until(() => receiver.requests.length === 2, 'two attempts');
    const webhook = new Webhook(secret);
    for (const [index, request] of receiver.requests.entries()) {
      expect(webhook.verify(request.body, headersOf(receiver, index))).toEqual(pushes.call911(5));
    }
    expect(headersOf(receiver, 0)['webhook-id']).toBe(headersOf(receiver, 1)['webhook-id']);
    // Tampering with the body or using another secret fails verification.
    expect(() => webhook.verify(`${receiver.requests[0]!.body} `, headersOf(receiver, 0))).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(newSecret()).verify(receiver.requests[0]!.body, headersOf(receiver, 0))).toThrow(
      WebhookVerificationError,
    );
  });

  it('carry one signature per secret while secrets rotate', async () => {
    const [previous, next] = [newSecret(), newSecret()];
    const receiver = track(await startReceiver());
    const harness = track(
      startForwarder({
        forwarding: { targets: [{ name: 'signed', url: receiver.url, secret: 'HOOK_SECRET' }] },
        settings: { HOOK_SECRET: `${previous} ${next}` },
      }),
    );
    harness.push(pushes.panic(2));
    await until(() => receiver.requests.length === 1, 'delivery');
    expect(headersOf(receiver, 0)['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    for (const secret of [previous, next]) {
      expect(new Webhook(secret).verify(receiver.requests[0]!.body, headersOf(receiver, 0))).toEqual(
        pushes.panic(2),
      );
    }
  });

  it('are disabled, loudly, while their secret is missing or malformed, and their events kept as dead letters', async () => {
    const receiver = track(await startReceiver());
    const harness = track(
      startForwarder({
        forwarding: {
          targets: [
            { name: 'unset', url: receiver.url, secret: 'NOT_SET' },
            { name: 'short', url: receiver.url, secret: 'SHORT' },
          ],
        },
        settings: { SHORT: 'whsec_c2hvcnQ=' },
      }),
    );
    harness.push(pushes.panic(3));
    await until(
      () => harness.forwarder.status().targets.every((target) => target.deadLettered === 1),
      'dead letters',
    );
    expect(receiver.requests).toHaveLength(0);
    expect(harness.logs).toContain(
      '[test] error: Forward target "unset" is disabled: its signing secret NOT_SET is not set.',
    );
    expect(harness.logs).toContain(
      '[test] error: Forward target "short" is disabled: its signing secret SHORT is unusable: the secret is shorter than 24 bytes.',
    );
    // Replaying would send unsigned: refused until the secret is fixed and the resource restarted.
    expect(() => harness.forwarder.replay('unset')).toThrow(
      'Forward target "unset" stays disabled: its signing secret NOT_SET is not set. Fix it and restart.',
    );
  });
});

describe('signatureHeader', () => {
  it('matches the reference implementation byte for byte, non-ASCII bodies included', () => {
    const secret = newSecret();
    const body = JSON.stringify({ type: 'EVENT_911', data: { note: 'Café ☕ 🚓' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const ours = signatureHeader(parseSigningSecrets(secret), 'msg_1', timestamp, body);
    expect(ours).toBe(new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), body));
  });

  it('rejects secrets without the prefix or not in base64', () => {
    expect(() => parseSigningSecrets(randomBytes(32).toString('base64'))).toThrow(
      'does not start with whsec_',
    );
    expect(() => parseSigningSecrets(`${newSecret()} base64!`)).toThrow(
      'secret 2 does not start with whsec_',
    );
    expect(() => parseSigningSecrets('whsec_%%%%')).toThrow('is not base64');
  });
});
