#!/usr/bin/env bash
# Production smoke test: builds the image's contents without Docker (scripts/build-production.sh)
# from this checkout, then runs scripts/production-smoke.js against it: the backend started as
# the image starts it, with the Helm chart's environment, on PostgreSQL and on SQLite.
# Usage: bash scripts/production-smoke.sh [RESULTS_DIR [BUILD_DIR]] (its JSON report goes to
# RESULTS_DIR, default .local-data/test-results; BUILD_DIR: a folder scripts/build-production.sh
# already made from this checkout, as scripts/test.sh passes it; else it builds one). Uses
# PostgreSQL from scripts/services.sh, started here unless the caller (scripts/test.sh) already
# did. Ports: backend 127.0.0.2:17007, devstack 18180-18184.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh || exit 1
results_dir=${1:-.local-data/test-results}
build_dir=${2:-}

started=$SECONDS
if [ -n "$build_dir" ]; then
  echo "==> production smoke: the production build in $build_dir"
else
  build_dir=.local-data/production-smoke
  if ! bash scripts/build-production.sh "$build_dir"; then
    echo "==> production smoke: the production build failed"
    exit 1
  fi
  echo "==> production smoke: built in $((SECONDS - started))s"
fi

if [ -z "${TEST_POSTGRES_HOST:-}" ]; then
  source scripts/services.sh
  trap services_stop EXIT
  services_start || exit 1
fi
node scripts/production-smoke.js "$build_dir" "$results_dir/production-smoke.json"
status=$?
echo "==> production smoke: $((SECONDS - started))s in all"
exit $status
