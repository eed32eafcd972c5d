#!/usr/bin/env bash
# Sets up a fresh Debian or Ubuntu machine and runs the demo: the built-in DealPOS simulator serves
# bill 2023.09.00001 of outlet Pluit and its 45 labels are written to out/demo/ as a PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s demo -- "$@"
