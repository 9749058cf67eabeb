#!/usr/bin/env bash
# Runs a command with the project's toolchain (see toolchain-env.sh) and node_modules/.bin on PATH.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x "$ROOT/.toolchain/bin/pulumi" ] || { echo "run 'npm run setup' first" >&2; exit 1; }
# shellcheck source=toolchain-env.sh
source "$ROOT/scripts/toolchain-env.sh"
export PATH=$ROOT/.toolchain/bin:$ROOT/node_modules/.bin:$PATH
exec "$@"
