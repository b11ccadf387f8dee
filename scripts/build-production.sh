#!/usr/bin/env bash
# Builds the production image's contents into a folder, without Docker: the same steps as
# packages/backend/Dockerfile (Backstage's host build). Usage: scripts/build-production.sh [DIR]
# (default .local-data/production). Start the result with scripts/start-production.sh DIR.
#
#   1. type check and build every package (the backend's skeleton.tar.gz and bundle.tar.gz);
#   2. unpack the skeleton (every workspace's package.json) into DIR with the root package.json,
#      yarn.lock, .yarnrc.yml and the Yarn release, and install the production dependencies;
#   3. unpack the bundle (the built packages, the frontend included) and add the config files and
#      the files the config points at (templates/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$PWD
source scripts/toolchain.sh

target=${1:-.local-data/production}
mkdir -p "$target"
target=$(cd "$target" && pwd)
if [ "$target" = "$repo_root" ]; then
  echo "build-production: DIR must not be the repository itself" >&2
  exit 2
fi

started=$SECONDS
step() { echo "==> build-production ($((SECONDS - started))s): $*"; }

step "type check and build (yarn build:all)"
yarn build:all

step "unpack the skeleton into $target"
# A previous build's node_modules and Yarn install state are kept, so a rebuild installs only
# what changed (and does not compile the native addons again); everything else is replaced.
find "$target" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .yarn -exec rm -rf {} +
tar xzf packages/backend/dist/skeleton.tar.gz -C "$target"
cp package.json yarn.lock .yarnrc.yml backstage.json "$target/"
mkdir -p "$target/.yarn"
cp -r .yarn/releases "$target/.yarn/"

step "production install (yarn workspaces focus --all --production)"
# Native addons are not compiled by the install: each gets the binary this repository's own
# install compiled for the same Node.js and version (compiling SQLite takes over a minute on a
# 2-core machine), and is compiled only when that binary is missing or does not load
# (scripts/verify-install/reuseNativeAddons.js, as for the pack-and-install check's app).
node -e '
  const fs = require("node:fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.dependenciesMeta = { ...pkg.dependenciesMeta, "better-sqlite3": { built: false }, ssh2: { built: false } };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$target/package.json"
# The skeleton holds only the backend's workspaces, so the lockfile loses the others' entries:
# that change must be allowed even where CI=true makes Yarn immutable by default.
(cd "$target" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn workspaces focus --all --production)
node scripts/verify-install/reuseNativeAddons.js "$target"

step "unpack the bundle and add the config"
tar xzf packages/backend/dist/bundle.tar.gz -C "$target"
cp app-config.yaml app-config.production.yaml "$target/"
# app-config.production.yaml's catalog location (./templates/all.yaml) and the templates it lists.
cp -r templates "$target/"

step "done: bash scripts/start-production.sh $target"
