import { describe, expect, it } from 'vitest';
import {
  blankForm,
  checkProfileForm,
  formFromProfile,
  newProfileId,
} from '../../renderer/src/lib/printers/profile-form.ts';
import {
  loadOutputTarget,
  OUTPUT_TARGET_KEY,
  saveOutputTarget,
} from '../../renderer/src/lib/state/printers-state.svelte.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../shared/printing/profile.ts';

const zebra = EXAMPLE_PRINTER_PROFILES[2]!;

describe('checkProfileForm', () => {
  it('accepts a copy of every example profile unchanged', () => {
    for (const example of EXAMPLE_PRINTER_PROFILES) {
      const check = checkProfileForm(formFromProfile(example), example.id);
      expect(check).toEqual({ ok: true, profile: example });
    }
  });

  it('asks for the name and queue of a blank profile', () => {
    const check = checkProfileForm(blankForm(), 'printer-0001');
    expect(check.ok).toBe(false);
    if (check.ok) {
      return;
    }
    expect(check.errors.name).toEqual({ key: 'printers_ui.invalid.required', params: {} });
    expect(check.errors.queue).toEqual({ key: 'printers_ui.invalid.required', params: {} });
    expect(Object.keys(check.errors).sort()).toEqual(['name', 'queue']);
  });

  it('reports each number field with its limit', () => {
    const form = {
      ...formFromProfile(zebra),
      widthMm: 0,
      heightMm: null,
      gapMm: 25,
      columns: 1.5,
      offsetXMm: -12,
      darkness: 31,
      speed: 2.2,
    };
    const check = checkProfileForm(form, zebra.id);
    if (check.ok) {
      throw new Error('an invalid form passed');
    }
    expect(check.errors.widthMm).toEqual({ key: 'printers_ui.invalid.more_than', params: { min: 0 } });
    expect(check.errors.heightMm).toEqual({ key: 'printers_ui.invalid.number', params: {} });
    expect(check.errors.gapMm).toEqual({ key: 'printers_ui.invalid.max', params: { max: 20 } });
    expect(check.errors.columns).toEqual({ key: 'printers_ui.invalid.whole', params: {} });
    expect(check.errors.offsetXMm).toEqual({ key: 'printers_ui.invalid.min', params: { min: -10 } });
    expect(check.errors.darkness).toEqual({ key: 'printers_ui.invalid.max', params: { max: 30 } });
    expect(check.errors.speed).toEqual({ key: 'printers_ui.invalid.step', params: { step: 0.5 } });
  });

  it('puts a row wider than a print head on the columns field', () => {
    const check = checkProfileForm({ ...formFromProfile(zebra), widthMm: 80, columns: 3 }, zebra.id);
    if (check.ok) {
      throw new Error('a 240 mm row passed');
    }
    expect(check.errors.columns).toEqual({ key: 'printers_ui.invalid.row_too_wide', params: { max: 220 } });
  });

  it('saves the queue name without surrounding spaces', () => {
    const check = checkProfileForm({ ...formFromProfile(zebra), queue: ' label-zpl ' }, zebra.id);
    expect(check.ok).toBe(true);
    expect(check.ok ? check.profile.queue : null).toBe('label-zpl');
    const blank = checkProfileForm({ ...formFromProfile(zebra), queue: '  ' }, zebra.id);
    expect(blank.ok ? null : blank.errors.queue?.key).toBe('printers_ui.invalid.required');
  });

  it('rejects control characters in the queue name', () => {
    const check = checkProfileForm({ ...formFromProfile(zebra), queue: 'Zebra\nZD220' }, zebra.id);
    if (check.ok) {
      throw new Error('a queue with a newline passed');
    }
    expect(check.errors.queue?.key).toBe('printers_ui.invalid.control_character');
  });
});

describe('newProfileId', () => {
  it('makes a schema-valid id from any name', () => {
    expect(newProfileId('Gudang Utama — XP 360B', [], () => 0.5)).toBe('gudang-utama-xp-360b-8000');
    expect(newProfileId('Printer Gudang ☆', [], () => 0)).toBe('printer-gudang-0000');
    expect(newProfileId('☆☆', [], () => 0)).toBe('printer-0000');
  });

  it('never returns an id that is taken', () => {
    const values = [0, 0, 0.25];
    const id = newProfileId('XP', ['xp-0000'], () => values.shift() ?? 0.75);
    expect(id).toBe('xp-4000');
  });
});

describe('output target storage', () => {
  it('round-trips a printer choice and PDF', () => {
    const storage = new Map<string, string>();
    const fake = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    } as unknown as Storage;

    saveOutputTarget({ kind: 'printer', profileId: 'gudang-xp-1a2b' }, fake);
    expect(storage.get(OUTPUT_TARGET_KEY)).toBe('printer:gudang-xp-1a2b');
    expect(loadOutputTarget(fake)).toEqual({ kind: 'printer', profileId: 'gudang-xp-1a2b' });

    saveOutputTarget({ kind: 'pdf' }, fake);
    expect(loadOutputTarget(fake)).toEqual({ kind: 'pdf' });
  });

  it('reads an unknown stored value as PDF', () => {
    const fake = { getItem: () => 'printer:' } as unknown as Storage;
    expect(loadOutputTarget(fake)).toEqual({ kind: 'pdf' });
    expect(loadOutputTarget(undefined)).toEqual({ kind: 'pdf' });
  });
});
