#!/usr/bin/env bash
# Source this file: it makes sure a Node.js 22+ is first on PATH and defines `yarn`.
#
# Backstage 1.55 needs Node 22 or 24. When the machine's node is older (or missing), Node 22 is
# provisioned from the npm registry package `node-linux-<arch>` into the git-ignored `.toolchain/`
# folder, and `npm_config_nodedir` points node-gyp at its headers so native addons
# (better-sqlite3, isolated-vm) build without downloading anything. With Node 22 or 24 already on
# PATH, this file changes nothing but putting a `yarn` shim for the committed release on PATH.

OC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OC_NODE_VERSION="22.23.3"

oc_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(oc_node_major)" -lt 22 ]; then
  case "$(uname -m)" in
    x86_64) oc_arch=x64 ;;
    aarch64 | arm64) oc_arch=arm64 ;;
    *) echo "toolchain: unsupported CPU $(uname -m); install Node 22 yourself" >&2; return 1 ;;
  esac
  oc_node_dir="$OC_ROOT/.toolchain/node-v$OC_NODE_VERSION-linux-$oc_arch"
  if [ ! -x "$oc_node_dir/bin/node" ]; then
    echo "toolchain: node $(node --version 2>/dev/null || echo missing) is older than 22;" \
      "provisioning Node $OC_NODE_VERSION into .toolchain/ from the npm registry" >&2
    oc_tmp="$(mktemp -d)"
    (cd "$oc_tmp" && npm pack --silent "node-linux-$oc_arch@$OC_NODE_VERSION" >/dev/null) || {
      echo "toolchain: could not fetch node-linux-$oc_arch@$OC_NODE_VERSION with npm" >&2
      rm -rf "$oc_tmp"
      return 1
    }
    mkdir -p "$oc_node_dir"
    tar xzf "$oc_tmp"/node-linux-*.tgz -C "$oc_node_dir" --strip-components=1
    rm -rf "$oc_tmp"
  fi
  export PATH="$oc_node_dir/bin:$PATH"
  # node-gyp reads this and builds addons against the local headers instead of downloading them.
  export npm_config_nodedir="$oc_node_dir"
fi

# A `yarn` on PATH that runs the committed Yarn release (works for `timeout yarn ...`, too).
mkdir -p "$OC_ROOT/.toolchain/bin"
cat > "$OC_ROOT/.toolchain/bin/yarn" <<SHIM
#!/bin/sh
exec node "$OC_ROOT/.yarn/releases/yarn-4.13.0.cjs" "\$@"
SHIM
chmod +x "$OC_ROOT/.toolchain/bin/yarn"
export PATH="$OC_ROOT/.toolchain/bin:$PATH"
