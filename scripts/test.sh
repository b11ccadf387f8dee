#!/usr/bin/env bash
# Runs every check and test of the project on a fresh machine: installs the toolchain and the
# dependencies (immutable lockfile), type-checks, lints, checks formatting and runs all tests.
# Runs the end-to-end journeys in Chromium in the background from the production build on.
# Ends with each stage's time, then one line `N passed, N failed`: the tests that ran, plus one
# failure per failed check.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh || exit 1

results_dir=.local-data/test-results
rm -rf "$results_dir" && mkdir -p "$results_dir"
failed_checks=0
test_started=$SECONDS
stage_times=()

# Records a stage's time for the summary at the end: name, seconds, ok/FAILED.
record_stage() {
  stage_times+=("$(printf '%-20s %5ss  %s' "$1" "$2" "$3")")
}

run_check() {
  local name=$1
  shift
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    echo "==> $name: ok ($((SECONDS - started))s)"
    record_stage "$name" $((SECONDS - started)) ok
  else
    echo "==> $name: FAILED ($((SECONDS - started))s)"
    record_stage "$name" $((SECONDS - started)) FAILED
    failed_checks=$((failed_checks + 1))
  fi
}

print_stage_times() {
  local total=$((SECONDS - test_started))
  echo "==> stage times"
  printf '  %s\n' "${stage_times[@]}"
  printf '  %-20s %5ss  (%dm %02ds)\n' total "$total" $((total / 60)) $((total % 60))
}

echo "==> install (node $(node --version))"
install_started=$SECONDS
if ! yarn install --immutable; then
  echo "install failed: nothing else can run"
  record_stage install $((SECONDS - install_started)) FAILED
  print_stage_times
  echo "0 passed, 1 failed"
  exit 1
fi
record_stage install $((SECONDS - install_started)) ok

# PostgreSQL and Redis on loopback test ports for the tests that need them (scripts/services.sh:
# installed from Debian's packages when missing; stops only what it started).
source scripts/services.sh
trap services_stop EXIT
run_check "services" services_start

run_check "type check" yarn tsc

# The production image's contents without Docker, built once: the production smoke and the
# end-to-end journeys both run this build.
production_build=$PWD/.local-data/production
run_check "production build" bash scripts/build-production.sh "$production_build" </dev/null

# End-to-end journeys in real Chromium (Debian's package; Playwright never downloads a browser).
# Playwright starts the devstack and the production build's portal (frontend and API on :7007)
# itself and stops them afterwards. The journeys mostly wait (for the devstack's builds and the
# portal's polling), so they run in the background from here on, beside the other checks (Jest
# runs one worker on a 2-core machine, leaving the other core to them); their output follows the
# pack-and-install check. Everything beside them uses other ports.
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian's chromium for the end-to-end tests"
  if [ "$(id -u)" = 0 ]; then sudo_cmd=""; else sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
# The production smoke gets its own copy of the build: a starting backend writes its config into
# the build's frontend files. Only node_modules (read, never written) is shared, as hard links.
smoke_build=$PWD/.local-data/production-smoke-copy
rm -rf "$smoke_build" && mkdir -p "$smoke_build"
for entry in "$production_build"/* "$production_build"/.[!.]*; do
  [ -e "$entry" ] || continue
  if [ "$(basename "$entry")" = node_modules ]; then
    cp -al "$entry" "$smoke_build/"
  else
    cp -a "$entry" "$smoke_build/"
  fi
done
e2e_log=.local-data/e2e/test-run.log
mkdir -p "$(dirname "$e2e_log")"
echo "==> end-to-end tests: started in the background (output below, after pack and install)"
e2e_started=$SECONDS
env CI=true E2E_PRODUCTION_BUILD="$production_build" \
  yarn playwright test -c e2e-tests/playwright.config.ts </dev/null >"$e2e_log" 2>&1 &
e2e_pid=$!

# API reports (report.api.md) of the published packages; `yarn build:api-reports` updates them.
# From the declarations the type check just wrote (`yarn api-reports:check` runs tsc first).
run_check "API reports" yarn build:api-reports:only --ci
run_check "lint" yarn lint:all
run_check "formatting" yarn prettier:check
# Unit and integration tests of every package (Jest through the Backstage CLI).
run_check "unit tests" env CI=true yarn backstage-cli repo test \
  --json --outputFile="$results_dir/jest.json" </dev/null

# The built backend with the Helm chart's environment on PostgreSQL and on SQLite (ports 17007
# and 18180-18184).
run_check "production smoke" bash scripts/production-smoke.sh "$results_dir" "$smoke_build" </dev/null

# Packs the plugins and installs them into a freshly generated Backstage app outside the
# repository, builds it and starts its backend once against a devstack on free ports.
run_check "pack and install" bash scripts/verify-install.sh </dev/null

echo "==> end-to-end tests"
wait "$e2e_pid"
e2e_status=$?
cat "$e2e_log"
if [ "$e2e_status" = 0 ]; then
  echo "==> end-to-end tests: ok ($((SECONDS - e2e_started))s, in the background)"
  record_stage "end-to-end tests" $((SECONDS - e2e_started)) "ok (in the background)"
else
  echo "==> end-to-end tests: FAILED ($((SECONDS - e2e_started))s, in the background)"
  record_stage "end-to-end tests" $((SECONDS - e2e_started)) "FAILED (in the background)"
  failed_checks=$((failed_checks + 1))
fi

print_stage_times
node scripts/summarize-tests.js "$results_dir" "$failed_checks"
