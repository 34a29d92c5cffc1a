import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/log';

describe('logger', () => {
  it('masks secrets in any case and prefixes the module', () => {
    const lines: string[] = [];
    const log = createLogger({ print: (l) => lines.push(l), secrets: () => ['Secret-Key-1'] }, 'res');
    log.child('ingress').warn('got secret-key-1 and SECRET-KEY-1 twice');
    expect(lines).toEqual(['[res:ingress] warn: got [redacted] and [redacted] twice']);
  });

  it('marks warnings and errors urgent, so a batching console writes them at once', () => {
    const urgent: boolean[] = [];
    const log = createLogger({ print: (_, u) => urgent.push(u) });
    log.info('i');
    log.warn('w');
    log.error('e');
    log.debug('d');
    expect(urgent).toEqual([false, true, true]);
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

describe('masking', () => {
  it('treats secrets as text, not patterns, and masks the longer of two overlapping secrets whole', () => {
    const lines: string[] = [];
    const secrets = ['a.b*c+(key)', 'whsec_abcd', 'whsec_abcdEFGH'];
    const log = createLogger({ print: (l) => lines.push(l), secrets: () => secrets });
    log.info('x A.B*C+(KEY) y axb*c+(key) whsec_abcdefgh whsec_abcd');
    expect(lines).toEqual(['[sonorancad] x [redacted] y axb*c+(key) [redacted] [redacted]']);
  });

  it('follows a new list of secrets', () => {
    const lines: string[] = [];
    let secrets = ['first-secret'];
    const log = createLogger({ print: (l) => lines.push(l), secrets: () => secrets });
    log.info('first-secret second-secret');
    secrets = ['second-secret'];
    log.info('first-secret second-secret');
    expect(lines).toEqual(['[sonorancad] [redacted] second-secret', '[sonorancad] first-secret [redacted]']);
  });
});
