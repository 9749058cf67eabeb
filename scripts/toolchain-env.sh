# Source this file (bash) to use the project's toolchain in your shell: Node 22, pulumi and its
# plugins from .toolchain/bin first on PATH, and Pulumi kept offline (no update checks, no plugin
# downloads). Run `npm run setup` first.
#
#   source scripts/toolchain-env.sh
_toolchain_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$_toolchain_root/.toolchain/bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
unset _toolchain_root
