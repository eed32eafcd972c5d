import { describe, expect, it } from 'vitest';
import { UDEV_RULE_PATH, udevInstallCommands, udevRule } from '../../../electron/scanning/udev-rule.ts';

describe('udevRule', () => {
  it('matches the scanner by vendor and product in lower-case hex', () => {
    expect(udevRule(0x0c2e, 0x0b8f)).toBe(
      'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b8f", MODE="0660", TAG+="uaccess"',
    );
  });

  it('pads short IDs to four digits', () => {
    expect(udevRule(0x5e0, 0x12)).toContain('ATTRS{idVendor}=="05e0", ATTRS{idProduct}=="0012"');
  });

  it('rejects values that are not 16-bit IDs', () => {
    expect(() => udevRule(-1, 1)).toThrow(RangeError);
    expect(() => udevRule(0x10000, 1)).toThrow(RangeError);
    expect(() => udevRule(1.5, 1)).toThrow(RangeError);
  });

  it('installs into a file that sorts before the uaccess rules', () => {
    expect(UDEV_RULE_PATH).toMatch(/^\/etc\/udev\/rules\.d\/70-/);
    const commands = udevInstallCommands(0x0c2e, 0x0b8f);
    expect(commands[0]).toBe(`echo '${udevRule(0x0c2e, 0x0b8f)}' | sudo tee ${UDEV_RULE_PATH}`);
    expect(commands.slice(1)).toEqual(['sudo udevadm control --reload-rules', 'sudo udevadm trigger']);
  });
});
