import { describe, expect, it } from 'vitest';
import { ScanBurstDetector } from '../../renderer/src/lib/document/scan-burst.ts';

/** Feeds `text` then Enter with `gap` milliseconds between keys, and returns the detector's result for Enter. */
function type(detector: ScanBurstDetector, text: string, gap: number, start = 0) {
  let now = start;
  for (const key of text) {
    expect(detector.key(key, now)).toBeNull();
    now += gap;
  }
  return detector.key('Enter', now);
}

describe('ScanBurstDetector', () => {
  it('returns a fast burst ended by Enter', () => {
    expect(type(new ScanBurstDetector(), 'PB/2026/10/00318', 8)).toEqual({ text: 'PB/2026/10/00318' });
  });

  it('ignores typing at human speed', () => {
    expect(type(new ScanBurstDetector(), 'PB/2026/10/00318', 120)).toBeNull();
  });

  it('ignores bursts shorter than a document number', () => {
    expect(type(new ScanBurstDetector(), '123', 5)).toBeNull();
  });

  it('leaves out text typed slowly before the burst', () => {
    const detector = new ScanBurstDetector();
    detector.key('x', 0);
    detector.key('y', 300);

    expect(type(detector, '2023.09.00001', 5, 1000)).toEqual({ text: '2023.09.00001' });
  });

  it('keeps Shift inside a burst but resets on other named keys', () => {
    const detector = new ScanBurstDetector();
    detector.key('Shift', 0);
    detector.key('P', 2);
    detector.key('Shift', 3);
    detector.key('B', 5);
    detector.key('-', 10);
    detector.key('1', 15);
    expect(detector.key('Enter', 20)).toEqual({ text: 'PB-1' });

    detector.key('A', 100);
    detector.key('B', 105);
    detector.key('ArrowLeft', 110);
    detector.key('C', 115);
    detector.key('D', 120);
    expect(detector.key('Enter', 125)).toBeNull();
  });

  it('needs Enter soon after the last character', () => {
    const detector = new ScanBurstDetector();
    for (const [index, key] of [...'ABCDEF'].entries()) {
      detector.key(key, index * 5);
    }
    expect(detector.key('Enter', 500)).toBeNull();
  });
});
