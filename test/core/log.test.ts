import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log';

describe('logger', () => {
  it('masks secrets in any case and prefixes the module', () => {
    const lines: string[] = [];
    const log = createLogger({ print: (l) => lines.push(l), secrets: () => ['Secret-Key-1'] }, 'res');
    log.child('ingress').warn('got secret-key-1 and SECRET-KEY-1 twice');
    expect(lines).toEqual(['[res:ingress] warn: got [redacted] and [redacted] twice']);
  });

  it('prints debug lines only while debug is on', () => {
    const lines: string[] = [];
    let debug = false;
    const log = createLogger({ print: (l) => lines.push(l), debug: () => debug });
    log.debug('hidden');
    debug = true;
    log.debug('shown');
    expect(lines).toEqual(['[sonorancad] debug: shown']);
  });
});
