import type { ScanFeedback } from '../../../../shared/scanning/receiving-check.ts';

/** Tone of each scan result: a short high beep for a counted unit, lower and longer ones for problems. */
const TONES: Record<ScanFeedback, { hertz: number; seconds: number; wave: OscillatorType }> = {
  accepted: { hertz: 1760, seconds: 0.06, wave: 'sine' },
  over: { hertz: 660, seconds: 0.25, wave: 'triangle' },
  unknown: { hertz: 220, seconds: 0.35, wave: 'square' },
};

/**
 * Plays the sound of a scan result. `prepare`, when present, sets up the audio output ahead of the first
 * scan. The receiving check calls it when the clerk starts a check.
 */
export type ScanSound = ((feedback: ScanFeedback) => void) & { prepare?: () => void };

/**
 * Returns a function that beeps for a scan result with a Web Audio oscillator, so no audio files ship.
 * Without Web Audio (the test DOM) it does nothing. Creating the first AudioContext blocks the page while
 * Chromium starts its audio service: 650 ms in headless Chromium on a loaded two-core machine. So
 * `prepare` creates it when the check starts, not on the first scan of a burst. Starting the check is a
 * click, which also lets the context run under Chromium's autoplay policy.
 */
export function createScanSound(): ScanSound {
  let context: AudioContext | null = null;
  const ready = (): AudioContext | null => {
    if (typeof AudioContext === 'undefined') {
      return null;
    }
    context ??= new AudioContext();
    if (context.state === 'suspended') {
      // A context created without a user gesture starts suspended, and resuming inside one lets it play.
      context.resume().catch(() => undefined);
    }
    return context;
  };
  const play = (feedback: ScanFeedback): void => {
    const output = ready();
    if (output === null) {
      return;
    }
    const tone = TONES[feedback];
    const oscillator = output.createOscillator();
    const gain = output.createGain();
    oscillator.type = tone.wave;
    oscillator.frequency.value = tone.hertz;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(output.destination);
    oscillator.start();
    oscillator.stop(output.currentTime + tone.seconds);
  };
  return Object.assign(play, {
    prepare: () => {
      ready();
    },
  });
}
