#!/usr/bin/env bash
# Installs whatever is missing to build Tandem (and, with --test, to test it) on a
# Debian machine. Idempotent: each tool is skipped when the right version is present,
# so a warm run takes seconds. Needs only the package registries (crates.io, npm,
# Debian); Trunk is configured never to download tools itself.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate that Cargo.lock pins.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  step "Installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  step "Installing wasm-bindgen-cli $WBG_VERSION (about 5 minutes)"
  # Not --locked: a crate version in its lock file has been yanked from the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# The splitter that cuts lazily loaded screens out of the wasm (scripts/split-hook.mjs):
# wasm_split_cli_support 0.2.4, the one cargo-leptos 0.3 uses, vendored in tools/wasm-split
# with its `--shared-chunk` and `--min-chunk-size` options added (the check asks for the
# newer option, so an older copy, same version number, is replaced: hence --force).
if ! tandem-wasm-split --help 2>/dev/null | grep -q -- --min-chunk-size; then
  step "Installing tandem-wasm-split from tools/wasm-split (about 2 minutes on 2 cores)"
  cargo install --locked --force --path tools/wasm-split --features build-binary
fi

if [[ ! -x node_modules/.bin/wasm-opt ]] || { $want_test && { [[ ! -x node_modules/.bin/playwright ]] || [[ ! -f node_modules/axe-core/axe.min.js ]]; }; }; then
  step "Installing npm packages (binaryen's wasm-opt, Playwright without its browser, axe-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if $want_test && [[ ! -x /usr/bin/chromium ]]; then
  step "Installing Debian's Chromium"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi
