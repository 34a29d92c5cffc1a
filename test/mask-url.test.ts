import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/log';
import { maskUrl, maskUrlsIn, urlSecrets } from '../src/core/mask-url';

describe('maskUrl', () => {
  it('hides userinfo, user and password alike', () => {
    expect(maskUrl('https://user:s3cret@hooks.example.com/in')).toBe('https://[hidden]@hooks.example.com/in');
    expect(maskUrl('https://only-a-token@hooks.example.com/')).toBe('https://[hidden]@hooks.example.com/');
  });

  it("hides a Discord webhook's token, on Discord or a proxy with the same path", () => {
    expect(maskUrl('https://discord.com/api/webhooks/123/AbC-dEf_9?thread_id=9')).toBe(
      'https://discord.com/api/webhooks/123/[hidden]?thread_id=9',
    );
    expect(maskUrl('http://127.0.0.1:8080/api/v10/webhooks/42/tok')).toBe(
      'http://127.0.0.1:8080/api/v10/webhooks/42/[hidden]',
    );
  });

  it('hides the values of query parameters whose names look like secrets, keeping the others', () => {
    expect(
      maskUrl('https://x.example.com/h?team=blue&token=t1&api_key=k2&Signature=s3&password=p4&sig=s5&x=1'),
    ).toBe(
      'https://x.example.com/h?team=blue&token=[hidden]&api_key=[hidden]&Signature=[hidden]' +
        '&password=[hidden]&sig=[hidden]&x=1',
    );
    expect(maskUrl('https://x.example.com/h?client%5Fsecret=v&flag')).toBe(
      'https://x.example.com/h?client%5Fsecret=[hidden]&flag',
    );
    expect(maskUrl('https://x.example.com/cb#access_token=abc&state=1')).toBe(
      'https://x.example.com/cb#access_token=[hidden]&state=1',
    );
  });

  it('leaves a URL without credentials as typed', () => {
    const plain = 'https://Hooks.Example.com:8443/a/b?team=blue#top';
    expect(maskUrl(plain)).toBe(plain);
    expect(maskUrl('not a url')).toBe('not a url');
  });

  it('is idempotent', () => {
    const once = maskUrl('https://u:p@[::1]:9/h?token=t');
    expect(once).toBe('https://[hidden]@[::1]:9/h?token=[hidden]');
    expect(maskUrl(once)).toBe(once);
    expect(maskUrlsIn(once)).toBe(once);
  });
});

describe('maskUrlsIn', () => {
  it('masks every URL inside a text, quoted or bracketed ones included', () => {
    expect(
      maskUrlsIn('POST "https://a:b@x.example.com/h?key=k" failed; see (http://[::1]:9/p?token=t) now'),
    ).toBe(
      'POST "https://[hidden]@x.example.com/h?key=[hidden]" failed; see (http://[::1]:9/p?token=[hidden]) now',
    );
  });

  it('returns a text without URLs unchanged', () => {
    const text = 'HTTP 502: bad gateway';
    expect(maskUrlsIn(text)).toBe(text);
  });
});

describe('urlSecrets', () => {
  it('lists the secret values, raw and decoded, for the logger to mask anywhere', () => {
    expect(
      urlSecrets('https://us%65r:p%40ss@x.example.com/api/webhooks/1/tok-en?token=a%2Bb&team=blue'),
    ).toEqual(['us%65r', 'user', 'p%40ss', 'p@ss', 'tok-en', 'a%2Bb', 'a+b']);
    expect(urlSecrets('https://x.example.com/plain')).toEqual([]);
    expect(urlSecrets('::')).toEqual([]);
  });
});

describe('every log line', () => {
  it('shows URLs masked, whoever wrote the line', () => {
    const lines: string[] = [];
    const log = createLogger({ print: (line) => lines.push(line) });
    log.child('forward').warn('cannot reach https://bot:hunter22@x.example.com/in?sig=abc: ECONNREFUSED');
    expect(lines).toEqual([
      '[sonorancad:forward] warn: cannot reach https://[hidden]@x.example.com/in?sig=[hidden]: ECONNREFUSED',
    ]);
  });
});
