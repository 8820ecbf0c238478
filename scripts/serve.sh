#!/usr/bin/env bash
# Builds Tandem for release and serves it on http://127.0.0.1:${PORT:-8080}/ (also under
# /tandem/, to show it works from a sub-path). First launch opens the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
exec node scripts/static-server.mjs dist "${PORT:-8080}" /tandem/
