/**
 * udev rules that let the logged-in user open one scanner's `/dev/hidraw*` node on Linux. Without a rule,
 * hidraw nodes belong to root and opening them fails with "Permission denied".
 */

/**
 * Path of the rule file. systemd's `73-seat-late.rules` turns the `uaccess` tag into an ACL for the user at
 * the seat, so the rule must sort before it, hence the `70-` prefix.
 */
export const UDEV_RULE_PATH = '/etc/udev/rules.d/70-dealpos-label-desk-scanner.rules';

/** Formats a USB vendor or product ID the way sysfs writes it, which udev compares as text: 4 lower-case hex digits. */
function usbId(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`USB vendor and product IDs are 16-bit numbers, got ${value}`);
  }
  return value.toString(16).padStart(4, '0');
}

/** Returns the one-line udev rule giving the seat's user read and write access to this scanner's hidraw node. */
export function udevRule(vendorId: number, productId: number): string {
  return (
    `SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${usbId(vendorId)}", ATTRS{idProduct}=="${usbId(productId)}", ` +
    'MODE="0660", TAG+="uaccess"'
  );
}

/** Returns the shell commands that install the rule and apply it without a reboot; then the scanner is replugged. */
export function udevInstallCommands(vendorId: number, productId: number): string[] {
  return [
    `echo '${udevRule(vendorId, productId)}' | sudo tee ${UDEV_RULE_PATH}`,
    'sudo udevadm control --reload-rules',
    'sudo udevadm trigger',
  ];
}
