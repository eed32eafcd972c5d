import { describe, expect, it } from 'vitest';
import { FRAME_MS, figures, paintedInNextFrame } from '../../bench/desktop.ts';

describe('figures', () => {
  it('takes the middle sample of an odd count', () => {
    expect(figures([30, 10, 20]).median).toBe(20);
  });

  it('averages the two middle samples of an even count', () => {
    expect(figures([40, 10, 30, 20]).median).toBe(25);
  });

  it('takes the p95 by nearest rank', () => {
    const samples = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(figures(samples).p95).toBe(19);
    expect(figures(samples).max).toBe(20);
  });

  it('keeps the samples in their order', () => {
    expect(figures([3, 1, 2]).samples).toEqual([3, 1, 2]);
  });

  it('gives NaN for no samples', () => {
    const empty = figures([]);
    expect(empty.median).toBeNaN();
    expect(empty.p95).toBeNaN();
    expect(empty.max).toBeNaN();
  });
});

describe('paintedInNextFrame', () => {
  // Frames begin every 16.67 ms from 1000 ms on, as headless Chromium's do.
  const vsync = (frame: number): number => 1000 + frame * FRAME_MS;

  it('counts a quick change shown by the first frame after the input', () => {
    expect(paintedInNextFrame({ start: vsync(0) + 2, frameTime: vsync(1), painted: vsync(1) + 3 })).toBe(
      true,
    );
  });

  it('counts long work that still ends before the second vsync', () => {
    // The input came just after a vsync, so the work had almost two frames.
    expect(paintedInNextFrame({ start: vsync(0) + 1, frameTime: vsync(1), painted: vsync(2) - 1 })).toBe(
      true,
    );
  });

  it('rejects a frame whose work ends after the second vsync', () => {
    expect(paintedInNextFrame({ start: vsync(0) + 1, frameTime: vsync(1), painted: vsync(2) + 2 })).toBe(
      false,
    );
  });

  it('rejects a change first painted by a later frame', () => {
    expect(paintedInNextFrame({ start: vsync(0) + 1, frameTime: vsync(2), painted: vsync(2) + 1 })).toBe(
      false,
    );
  });

  it('counts a frame begun for a vsync before the input', () => {
    // The frame was late: its vsync had passed when the input arrived, and it painted the change.
    expect(paintedInNextFrame({ start: vsync(1) + 3, frameTime: vsync(1), painted: vsync(1) + 6 })).toBe(
      true,
    );
  });
});
