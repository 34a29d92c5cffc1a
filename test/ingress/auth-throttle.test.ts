import { describe, expect, it } from 'vitest';
import { createAuthThrottle, hostOf } from '../../src/core/ingress/auth-throttle';

function throttle() {
  let now = 1_000_000;
  const t = createAuthThrottle({ limit: 10, windowMs: 60_000, blockMs: 60_000, now: () => now });
  return { t, advance: (ms: number) => (now += ms) };
}

describe('auth throttle', () => {
  it('blocks an address on its tenth failure within the window, for the block time', () => {
    const { t, advance } = throttle();
    for (let i = 1; i <= 9; i += 1) expect(t.fail('1.2.3.4')).toBe(false);
    expect(t.blockedFor('1.2.3.4')).toBe(0);
    expect(t.fail('1.2.3.4')).toBe(true);
    expect(t.blockedFor('1.2.3.4')).toBe(60_000);
    expect(t.blockedFor('5.6.7.8')).toBe(0);
    advance(59_999);
    expect(t.blockedFor('1.2.3.4')).toBe(1);
    advance(1);
    expect(t.blockedFor('1.2.3.4')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 9; i += 1) t.fail('1.2.3.4');
    advance(60_001);
    expect(t.fail('1.2.3.4')).toBe(false);
    expect(t.blockedFor('1.2.3.4')).toBe(0);
  });

  it('blocks only the address that failed', () => {
    const { t } = throttle();
    for (let i = 0; i < 10; i += 1) t.fail('a');
    expect(t.blockedFor('a')).toBeGreaterThan(0);
    expect(t.blockedFor('b')).toBe(0);
  });
});

describe('hostOf', () => {
  it.each([
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[::1]:5678', '::1'],
    ['[::ffff:10.0.0.1]:80', '10.0.0.1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
  ])('%s → %s', (address, host) => {
    expect(hostOf(address)).toBe(host);
  });
});
