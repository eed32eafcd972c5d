import type { ScanFeedback } from '../../../../shared/scanning/receiving-check.ts';

/** Tone of each scan result: a short high beep for a counted unit, lower and longer ones for problems. */
const TONES: Record<ScanFeedback, { hertz: number; seconds: number; wave: OscillatorType }> = {
  accepted: { hertz: 1760, seconds: 0.06, wave: 'sine' },
  over: { hertz: 660, seconds: 0.25, wave: 'triangle' },
  unknown: { hertz: 220, seconds: 0.35, wave: 'square' },
};

/**
 * Returns a function that beeps for a scan result with a Web Audio oscillator, so no audio files ship.
 * Without Web Audio (the test DOM) it does nothing.
 */
export function createScanSound(): (feedback: ScanFeedback) => void {
  let context: AudioContext | null = null;
  return (feedback) => {
    if (typeof AudioContext === 'undefined') {
      return;
    }
    context ??= new AudioContext();
    const tone = TONES[feedback];
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = tone.wave;
    oscillator.frequency.value = tone.hertz;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + tone.seconds);
  };
}
