import { describe, expect, it } from 'vitest';
import { editTargets, formattingOf } from '../../src/core/config/edit-targets';

const FILE = `{
    "apiKey": "kept-as-is",
    "maxBodyBytes": 262144,
    "alerts": { "panic": { "sound": true } },
    "forwarding": {
        "retry": { "firstDelaySeconds": 2 },
        "targets": [
            {
                "name": "bot",
                "url": "https://bot.example.com/in",
                "events": [ "EVENT_911" ],
                "headers": { "Authorization": "Bearer abc", "X-Team": "blue" },
                "maxAttempts": 5
            },
            { "name": "other", "url": "https://other.example.com/" }
        ]
    }
}
`;

function edited(text: string | null, change: Parameters<typeof editTargets>[1]): string {
  const result = editTargets(text, change);
  if (!result.ok) throw new Error(`edit refused: ${result.outcome}`);
  return result.text;
}

/** The file with its targets list removed: what must not change whatever happens to the targets. */
function rest(text: string): unknown {
  const config = JSON.parse(text);
  delete config.forwarding.targets;
  return config;
}

describe('editing forwarding.targets in the text of config.json', () => {
  it('adds a target at the end, indented like the file, and changes nothing else', () => {
    const text = edited(FILE, { kind: 'add', target: { name: 'new', url: 'https://n.example.com/' } });
    expect(JSON.parse(text).forwarding.targets.map((t: { name: string }) => t.name)).toEqual([
      'bot',
      'other',
      'new',
    ]);
    expect(rest(text)).toEqual(rest(FILE));
    // Untouched lines are byte for byte the same; the new one uses the file's four spaces.
    expect(text.startsWith(FILE.slice(0, FILE.indexOf('{ "name": "other"')))).toBe(true);
    expect(text).toContain('\n                "name": "new",\n');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps the layout of the other targets when adding after a one-line target', () => {
    const text = edited(FILE, { kind: 'add', target: { name: 'new', url: 'https://n.example.com/' } });
    expect(text).toContain(
      '            { "name": "other", "url": "https://other.example.com/" },\n            {\n                "name": "new",',
    );
  });

  it('keeps the layout of the other targets when removing one', () => {
    const first = edited(FILE, { kind: 'remove', name: 'bot' });
    expect(first).toContain(
      '"targets": [\n            { "name": "other", "url": "https://other.example.com/" }\n        ]',
    );
    const last = edited(FILE, { kind: 'remove', name: 'other' });
    expect(last).toBe(
      FILE.replace(',\n            { "name": "other", "url": "https://other.example.com/" }', ''),
    );
    const only = edited(first, { kind: 'remove', name: 'other' });
    expect(only).toContain('"targets": []');
    expect(rest(only)).toEqual(rest(FILE));
  });

  it('refuses a name that is already there', () => {
    expect(editTargets(FILE, { kind: 'add', target: { name: 'bot', url: 'x' } })).toEqual({
      ok: false,
      outcome: 'duplicate',
    });
  });

  it('merge-patches one target: null removes, objects merge, the rest keeps its text', () => {
    const text = edited(FILE, {
      kind: 'patch',
      name: 'bot',
      patch: { maxAttempts: null, format: 'raw', headers: { 'X-Team': null, 'X-New': 'v' }, events: ['*'] },
    });
    const bot = JSON.parse(text).forwarding.targets[0];
    expect(bot).toEqual({
      name: 'bot',
      url: 'https://bot.example.com/in',
      events: ['*'],
      headers: { Authorization: 'Bearer abc', 'X-New': 'v' },
      format: 'raw',
    });
    expect(text).toContain('"url": "https://bot.example.com/in",');
    expect(text).toContain('{ "name": "other", "url": "https://other.example.com/" }');
    expect(rest(text)).toEqual(rest(FILE));
  });

  it('drops the nulls of an object that replaces a non-object, as RFC 7396 says', () => {
    const text = edited(FILE, { kind: 'patch', name: 'other', patch: { headers: { A: 'b', C: null } } });
    expect(JSON.parse(text).forwarding.targets[1].headers).toEqual({ A: 'b' });
  });

  it('ignores a null for a field the target does not have', () => {
    expect(edited(FILE, { kind: 'patch', name: 'other', patch: { secret: null } })).toBe(FILE);
  });

  it('removes one target', () => {
    const text = edited(FILE, { kind: 'remove', name: 'bot' });
    expect(JSON.parse(text).forwarding.targets).toEqual([
      { name: 'other', url: 'https://other.example.com/' },
    ]);
    expect(rest(text)).toEqual(rest(FILE));
  });

  it('answers unknown for a target that is not there', () => {
    expect(editTargets(FILE, { kind: 'remove', name: 'nope' })).toEqual({ ok: false, outcome: 'unknown' });
    expect(editTargets(FILE, { kind: 'patch', name: 'nope', patch: {} })).toEqual({
      ok: false,
      outcome: 'unknown',
    });
  });

  it('creates the file, or the forwarding block, when there is none', () => {
    const target = { name: 'a', url: 'https://a.example.com/' };
    for (const start of [null, '', '{}', '{\n\t"debug": true\n}\n']) {
      const text = edited(start, { kind: 'add', target });
      expect(JSON.parse(text).forwarding).toEqual({ targets: [target] });
    }
    const tabs = edited('{\n\t"debug": true\n}\n', { kind: 'add', target });
    expect(tabs).toMatch(
      /^{\n\t"debug": true,\n\t"forwarding": {\n\t\t"targets": \[\n\t\t\t{\n\t\t\t\t"name"/,
    );
    expect(
      JSON.parse(edited('{ "forwarding": { "retry": {} } }', { kind: 'add', target })).forwarding,
    ).toEqual({
      retry: {},
      targets: [target],
    });
  });

  it('refuses to edit a file that is not a JSON object or whose targets are not a list', () => {
    for (const text of ['{ "a": ', '[]', '{ "forwarding": { "targets": {} } }', '{ "forwarding": 3 }']) {
      expect(editTargets(text, { kind: 'remove', name: 'a' })).toEqual({ ok: false, outcome: 'unreadable' });
    }
  });

  it('keeps Windows line ends', () => {
    const text = edited('{\r\n  "debug": true\r\n}\r\n', {
      kind: 'add',
      target: { name: 'a', url: 'https://a.example.com/' },
    });
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('reads the indentation of the file', () => {
    expect(formattingOf('{\n    "a": 1\n}')).toMatchObject({ insertSpaces: true, tabSize: 4, eol: '\n' });
    expect(formattingOf('{\n\t"a": 1\n}')).toMatchObject({ insertSpaces: false });
    expect(formattingOf('{"a": 1}')).toMatchObject({ insertSpaces: true, tabSize: 2 });
  });
});
