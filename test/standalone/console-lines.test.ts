import { describe, expect, it } from 'vitest';
import { createConsoleLines } from '../../src/standalone/console-lines';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function recorder() {
  const writes: string[] = [];
  let clock = 0;
  const lines = createConsoleLines(
    (bytes) => writes.push(Buffer.from(bytes).toString('utf8')),
    () => clock,
  );
  return { lines, writes, advance: (ms: number) => (clock += ms) };
}

describe('relay console lines', () => {
  it('writes the lines of one turn together, in order, at the end of the turn', async () => {
    const { lines, writes } = recorder();
    lines.print('one → 200');
    lines.print('two');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(['one → 200\ntwo\n']);
  });

  it('under a burst, holds the rest of the window for one write; a warning goes out at once, after them', async () => {
    const { lines, writes, advance } = recorder();
    for (let i = 0; i < 40; i += 1) lines.print(`burst ${i}`);
    await turn();
    expect(writes).toHaveLength(1);
    lines.print('held 1');
    await turn();
    lines.print('held 2');
    await turn();
    expect(writes).toHaveLength(1);
    lines.print('[sonorancad] error: something broke', true);
    expect(writes.slice(1)).toEqual(['held 1\nheld 2\n[sonorancad] error: something broke\n']);
    // Once the window has passed, a line goes out at the end of its turn again.
    advance(25);
    lines.print('later');
    await turn();
    expect(writes.at(-1)).toBe('later\n');
  });

  it('flush() writes what waits; a line longer than the buffer goes out whole', () => {
    const { lines, writes } = recorder();
    lines.print('short');
    const long = 'x'.repeat(40_000);
    lines.print(long);
    lines.print('after');
    lines.flush();
    expect(writes.join('')).toBe(`short\n${long}\nafter\n`);
  });
});
