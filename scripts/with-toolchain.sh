#!/usr/bin/env bash
# Runs a command with the project's toolchain first on PATH (Node 22, pulumi, the language host and
# shims from .toolchain/bin) and Pulumi told never to reach for the internet.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x "$ROOT/.toolchain/bin/pulumi" ] || { echo "run 'npm run setup' first" >&2; exit 1; }
export PATH=$ROOT/.toolchain/bin:$ROOT/node_modules/.bin:$PATH
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
exec "$@"
