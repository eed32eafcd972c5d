#!/usr/bin/env bash
# Runs a command with a GNOME Keyring unlocked on the current D-Bus session, so keytar has a real
# Secret Service to talk to. Start it under `dbus-run-session`. The keyring files live in a temporary
# folder with a throwaway password and are removed afterwards.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
eval "$(printf 'label-desk-test-keyring' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export LABEL_DESK_KEYRING=1
"$@"
