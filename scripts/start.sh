#!/usr/bin/env bash
# Sets everything up and starts the portal on its embedded default: installs the toolchain and
# the dependencies, then runs the frontend on :3000 and the backend on :7007.
# Extra arguments are passed to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
mkdir -p .local-data
yarn install --immutable
exec yarn start "$@"
