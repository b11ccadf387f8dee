#!/usr/bin/env bash
# Starts the production build made by scripts/build-production.sh the way the image's CMD does:
# NODE_ENV=production, `node packages/backend --config app-config.yaml --config
# app-config.production.yaml`, every deploy-time setting from the environment (the Helm chart's
# variables, see the README's "Production deployment"). Usage: scripts/start-production.sh DIR
# [extra backend arguments, e.g. --config my-overrides.yaml].
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/toolchain.sh"

target=${1:?usage: scripts/start-production.sh DIR [backend arguments]}
shift
if [ ! -f "$target/packages/backend/dist/index.cjs.js" ]; then
  echo "start-production: $target holds no production build; run scripts/build-production.sh $target first" >&2
  exit 2
fi

cd "$target"
export NODE_ENV=production
# The scaffolder's sandbox (isolated-vm) needs this on Node 20 and later, as in Backstage's image.
export NODE_OPTIONS="--no-node-snapshot${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node packages/backend --config app-config.yaml --config app-config.production.yaml "$@"
