import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../src/core/manage/serial-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('serial queue', () => {
  it('runs jobs one at a time, in order, even when they wait', async () => {
    const queue = createSerialQueue();
    let running = 0;
    const order: number[] = [];
    const job = (n: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      await tick();
      order.push(n);
      running -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4].map((n) => queue.run(job(n))));
    expect(results).toEqual([1, 2, 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('a failed job answers its caller and the next job still runs', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(() => {
      throw new Error('boom');
    });
    const next = queue.run(() => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
