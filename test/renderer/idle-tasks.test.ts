import { describe, expect, it } from 'vitest';
import { runWhenIdle } from '../../renderer/src/lib/state/idle-tasks.ts';

function nextTimers(count: number): Promise<void> {
  return new Promise((resolve) => {
    let left = count;
    const tick = (): void => {
      left -= 1;
      if (left <= 0) {
        resolve();
      } else {
        setTimeout(tick, 0);
      }
    };
    setTimeout(tick, 0);
  });
}

describe('runWhenIdle', () => {
  it('runs every step of each job in order, later', async () => {
    const log: string[] = [];
    const job = (name: string, steps: number) =>
      function* () {
        for (let step = 1; step <= steps; step++) {
          log.push(`${name}${step}`);
          yield;
        }
      };

    runWhenIdle([job('a', 3), job('b', 2)]);
    expect(log).toEqual([]);
    await nextTimers(20);

    expect(log).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('stops running steps once cancelled', async () => {
    const log: number[] = [];
    const cancel = runWhenIdle([
      function* () {
        for (let step = 1; step <= 100; step++) {
          log.push(step);
          yield;
        }
      },
    ]);

    await nextTimers(3);
    cancel();
    const done = log.length;
    await nextTimers(10);

    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(100);
    expect(log).toHaveLength(done);
  });
});
