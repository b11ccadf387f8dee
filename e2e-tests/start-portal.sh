#!/usr/bin/env bash
# Starts the production build made by scripts/build-production.sh DIR for the journeys: the built
# backend, which serves the built frontend, on http://localhost:7007 with the embedded default
# (app-config.yaml, the devstack) plus e2e-tests/app-config.e2e.yaml (frontend and API on one
# origin). Not the production overlay: the journeys sign in as the devstack's users, as on the
# dev server. Usage: bash e2e-tests/start-portal.sh DIR (playwright.config.ts runs it).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/toolchain.sh"

build=${1:?usage: e2e-tests/start-portal.sh DIR (a folder made by scripts/build-production.sh)}
build=$(cd "$build" && pwd)
if [ ! -f "$build/packages/backend/dist/index.cjs.js" ]; then
  echo "start-portal: $build holds no production build; run scripts/build-production.sh $build first" >&2
  exit 2
fi

# app-config.yaml's catalog locations are relative to the backend's folder, as under `yarn start`
# (../../templates/all.yaml, ../../catalog/org.yaml): the repository's files.
cd "$repo_root/packages/backend"
# The scaffolder's sandbox (isolated-vm) needs this on Node 20 and later, as in Backstage's image.
export NODE_OPTIONS="--no-node-snapshot${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node "$build/packages/backend" \
  --config "$repo_root/app-config.yaml" \
  --config "$repo_root/e2e-tests/app-config.e2e.yaml"
