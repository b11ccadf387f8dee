#!/usr/bin/env bash
# Proves that the OpenChoreo plugins install into a Backstage app that is not this repository:
#   1. checks the packages' publish metadata (`backstage-cli repo fix --publish --check`),
#   2. builds and packs every plugin and the workspace packages they need, publish-shaped as
#      `backstage-cli package prepack` makes them, `workspace:` ranges rewritten as `yarn pack`
#      does (scripts/verify-install/packTarballs.js),
#   3. generates a fresh app with @backstage/create-app (this repo's Backstage release line),
#   4. installs the tarballs into it as its READMEs describe (app: dependency + discovery, the
#      scaffolder fields module and the sign-in page module copied from the frontend README;
#      backend: `backend.add(import(...))` for the plugin and every module, the sign-in module
#      included, the publisher as a dependency; the sign-in config copied from the auth module's
#      README), checks the app's config against the installed packages' schemas (strict; the
#      frontend plugin's keys declared for the frontend, a wrong type refused), then runs `tsc`,
#      builds the backend and the frontend,
#   5. starts a devstack and the built backend on free ports and probes that a person signs in
#      through the devstack's identity provider and reads a component summary with their own
#      OpenChoreo token (x-openchoreo-token), the backend plugin answers, the scaffolder action
#      and the catalog module registered, the publisher bundle is served, the frontend bundle
#      contains the frontend plugin and the sign-in page, and the config served to the browser
#      holds the frontend plugin's keys and no secret.
# Exits non-zero on any failure and prints the end of the logs of the step that failed. Works in
# VERIFY_INSTALL_DIR (kept) or in a new temporary folder, removed after a success unless
# VERIFY_INSTALL_KEEP=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
repo=$PWD
helpers=$repo/scripts/verify-install

# The create-app release that generates Backstage 1.55 apps (backstage.json of this repo).
create_app_version=0.9.2
backstage_version=$(node -p "require('./backstage.json').version")

work=${VERIFY_INSTALL_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/verify-install.XXXXXX")}
mkdir -p "$work/tarballs" "$work/logs"
app=$work/app
started_at=$SECONDS
step_started=$SECONDS
timings=()
pids=()

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    # Each service runs in its own process group (setsid): stop the group, then the leader.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "verify-install: FAILED in step \"${step_name:-}\" (all logs in $work/logs)" >&2
    # The logs written last belong to the failed step (the backend's too when a probe failed).
    for log in $(ls -t "$work"/logs/*.log 2>/dev/null | head -n 2); do
      [ -s "$log" ] || continue
      echo "---- last lines of $log" >&2
      tail -n 40 "$log" >&2
    done
  elif [ "${VERIFY_INSTALL_KEEP:-0}" != 1 ] && [ -z "${VERIFY_INSTALL_DIR:-}" ]; then
    # The app's node_modules are ~300,000 files: deleting them can take minutes on a busy disk,
    # so it happens in the background at the lowest CPU and I/O priority.
    nohup nice -n 19 ionice -c 3 rm -rf "$work" >/dev/null 2>&1 &
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() {
  echo "==> verify-install: $1"
  step_name=$1
  step_started=$SECONDS
}
step_done() {
  timings+=("$(printf '%4ss  %s' "$((SECONDS - step_started))" "$step_name")")
}
# Runs a command with its output in logs/<name>.log (printed on failure by cleanup).
logged() {
  local name=$1
  shift
  "$@" >"$work/logs/$name.log" 2>&1
}

step "publish metadata of the packages"
yarn backstage-cli repo fix --publish --check
node "$helpers/listPackages.js" >"$work/packages.json"
mapfile -t names < <(node -p "require('$work/packages.json').map(p => p.name).join('\n')")
includes=()
for name in "${names[@]}"; do includes+=(--include "$name"); done
echo "    ${names[*]}"
step_done

step "type declarations, build and pack ${#names[@]} packages"
# dist-types feed the packages' .d.ts bundles; type errors are the type check's business.
logged tsc yarn tsc || echo "    (tsc reported errors; see the type check)"
logged build yarn workspaces foreach -A -p -j 2 "${includes[@]}" run build
# The production pack of `backstage-cli package prepack` for all packages in one process, into
# a separate folder (the packages' own package.json stay untouched), then the tarballs.
rm -rf "$work/dist-workspace" && mkdir -p "$work/dist-workspace"
logged pack yarn backstage-cli build-workspace "$work/dist-workspace" "${names[@]}"
node "$helpers/packTarballs.js" "$work/packages.json" "$work/dist-workspace" "$work/tarballs"
step_done

step "generate a fresh app (@backstage/create-app@$create_app_version)"
rm -rf "$app"
(cd "$work" && logged create-app env BACKSTAGE_APP_NAME=verify-app \
  npx -y "@backstage/create-app@$create_app_version" --skip-install --path app </dev/null)
app_backstage_version=$(node -p "require('$app/backstage.json').version")
if [ "$app_backstage_version" != "$backstage_version" ]; then
  echo "create-app $create_app_version generates Backstage $app_backstage_version," \
    "this repository is on $backstage_version: update create_app_version in $0" >&2
  exit 1
fi
mapfile -t ports < <(node "$helpers/freePorts.js" 3)
backend_port=${ports[0]} api_port=${ports[1]} idp_port=${ports[2]}
node "$helpers/configureApp.js" "$app" "$work/packages.json" \
  "$backend_port" "$api_port" "$idp_port"
step_done

step "install the app with the packed plugins"
# create-app seeds the app's yarn.lock from Backstage's repository (not reachable here); without
# a seed, the newest plugin versions (e.g. the signals backend) resolve against the release's
# older core and the app cannot start. This repository's lockfile, of the same release, is the
# seed instead; whatever it lacks is resolved from the registry.
cp "$repo/yarn.lock" "$app/yarn.lock"
# CI=true makes Yarn refuse to write a lockfile; a fresh app has to write its own.
(cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false logged app-install yarn install)
node "$helpers/reuseNativeAddons.js" "$app"
step_done

step "validate the app's config against the packages' config schemas"
# The adopter's whole config (create-app's, the sign-in README's, the devstack's) is valid
# against the schemas of everything installed, with no undeclared key (--strict).
(cd "$app" && logged config-check yarn backstage-cli config:check --strict --lax \
  --config app-config.yaml --config app-config.signin.yaml --config app-config.verify.yaml)
# The frontend plugin declares the keys it reads for the frontend: checked against the app
# package's schemas alone (what its build and the app backend give the browser), a wrong type of
# each is refused as a wrong type (an undeclared key would be refused as undeclared instead).
# Strings, since the config loader coerces numbers to booleans.
printf '%s\n' 'app:' '  baseUrl: http://localhost:3000' 'backend:' \
  '  baseUrl: http://localhost:7007' 'openchoreo:' '  auth:' "    userTokens: 'yes'" \
  '  features:' '    workflows:' "      enabled: 'no'" >"$app/app-config.wrong-types.yaml"
if (cd "$app" && logged config-wrong-types yarn backstage-cli config:check --strict \
  --frontend --package app --config app-config.wrong-types.yaml); then
  echo "the app accepted openchoreo.auth.userTokens: 'yes' (a string)" >&2
  exit 1
fi
for key in openchoreo/auth/userTokens openchoreo/features/workflows/enabled; do
  if ! grep -q "boolean.*/$key\|/$key.*boolean" "$work/logs/config-wrong-types.log"; then
    echo "config:check did not refuse the wrong type of /$key:" >&2
    cat "$work/logs/config-wrong-types.log" >&2
    exit 1
  fi
done
step_done

step "type-check the app and build it (backend bundle with the frontend)"
(cd "$app" && logged app-tsc yarn tsc)
(cd "$app" && logged app-build yarn build:backend)
# The production bundle (backend and frontend), unpacked inside the app so that it runs on the
# app's node_modules, as it would on the production install of packages/backend/Dockerfile.
mkdir -p "$app/bundle"
tar xzf "$app/packages/backend/dist/bundle.tar.gz" -C "$app/bundle"
step_done

step "start a devstack and the app's backend; probe the plugins"
# The API and the identity provider on the ports written into the app's config; the other
# emulators on any free port (0).
# The identity provider accepts the app's sign-in callback (provider `openchoreo`).
DEVSTACK_API_PORT=$api_port DEVSTACK_IDP_PORT=$idp_port DEVSTACK_JENKINS_PORT=0 \
  DEVSTACK_GITHUB_PORT=0 DEVSTACK_GITLAB_PORT=0 DEVSTACK_QUIET=1 \
  DEVSTACK_PORTAL_REDIRECT_URIS="http://127.0.0.1:$backend_port/api/auth/openchoreo/handler/frame" \
  setsid yarn devstack >"$work/logs/devstack.log" 2>&1 &
pids+=($!)
node scripts/wait-for-url.js "http://127.0.0.1:$idp_port/.well-known/openid-configuration" 90
node scripts/wait-for-url.js "http://127.0.0.1:$api_port/" 30
# app-config.signin.yaml is the auth module README's config; its variables are set here.
(cd "$app/packages/backend" && NODE_ENV=production \
  OPENCHOREO_AUTH_METADATA_URL="http://127.0.0.1:$idp_port/.well-known/openid-configuration" \
  OPENCHOREO_AUTH_CLIENT_ID=openchoreo-portal-backend \
  OPENCHOREO_AUTH_CLIENT_SECRET=openchoreo-portal-backend-secret \
  BACKEND_SECRET="$(node -p "require('node:crypto').randomBytes(24).toString('base64url')")" \
  exec setsid node ../../bundle/packages/backend --config ../../app-config.yaml \
  --config ../../app-config.signin.yaml --config ../../app-config.verify.yaml) \
  >"$work/logs/app-backend.log" 2>&1 &
backend_pid=$!
pids+=("$backend_pid")
node "$helpers/probe.js" "http://127.0.0.1:$backend_port" "$backend_pid" \
  "$app/bundle/packages/app/dist"
step_done

echo "==> verify-install: timings"
printf '    %s\n' "${timings[@]}"
echo "==> verify-install: passed in $((SECONDS - started_at))s"
