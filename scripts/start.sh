#!/usr/bin/env bash
# Sets everything up and starts the portal on its embedded default: installs the toolchain and
# the dependencies, starts the devstack (local OpenChoreo API, identity provider and Jenkins
# emulator), then runs the frontend on :3000 and the backend on :7007.
# Extra arguments are passed to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
# Set DEVSTACK=off to run the portal alone (e.g. against a real OpenChoreo).
# When the portal answers, prints its URL, the sign-in users and how long the start took.
set -euo pipefail
started_at=$(date +%s)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
mkdir -p .local-data
yarn install --immutable
# The bundled publisher CLI that the portal serves to GitOps pipelines
# (/api/openchoreo/tools/openchoreo-publish-workload.cjs).
yarn workspace @openchoreo-ci/workload-publisher bundle

background_pids=()
trap 'kill "${background_pids[@]}" 2>/dev/null || true' EXIT INT TERM

if [ "${DEVSTACK:-on}" != "off" ]; then
  yarn devstack &
  background_pids+=($!)
  # The devstack prints its URLs and credentials once it listens; wait for that before the
  # portal starts, so the catalog's first sync finds the API.
  node scripts/wait-for-url.js http://127.0.0.1:8081/.well-known/openid-configuration 60
fi

node --require @backstage/cli/config/nodeTransform.cjs scripts/portal-ready.js \
  "$started_at" $$ "${DEVSTACK:-on}" &
background_pids+=($!)

yarn start "$@"
