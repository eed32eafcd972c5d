#!/usr/bin/env bash
# Sets up a fresh Debian or Ubuntu machine for the tests and runs every check: typecheck, lint, format
# and the whole test suite, with a real keyring on a private D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
dbus-run-session -- bash scripts/with-keyring.sh npm run check
