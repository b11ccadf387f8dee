#!/usr/bin/env node
/*
 * Native addons of the generated app (and of scripts/build-production.sh's folder): their
 * install-time compilation is turned off (configureApp.js, build-production.sh)
 * (compiling SQLite alone takes minutes on a 2-core machine and proves nothing about the
 * plugins). Here each one gets the binary this repository's own install compiled for the same
 * Node.js, when the versions match; otherwise it is compiled the usual way. Either way it must
 * load afterwards.
 *
 * Usage: reuseNativeAddons.js <appDir>
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [appDir] = process.argv.slice(2);
const { repoRoot } = require('./workspaces');

/** Addons that the app loads at run time: their binary and a smoke test. */
const ADDONS = [
  {
    name: 'better-sqlite3',
    binary: 'build/Release/better_sqlite3.node',
    smokeTest:
      "const D = require('better-sqlite3'); new D(':memory:').close();",
  },
];

const version = dir =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

function loads(addon) {
  try {
    execFileSync(process.execPath, ['-e', addon.smokeTest], {
      cwd: appDir,
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}

for (const addon of ADDONS) {
  const appCopy = path.join(appDir, 'node_modules', addon.name);
  const repoCopy = path.join(repoRoot, 'node_modules', addon.name);
  if (!fs.existsSync(appCopy)) continue;
  const repoBinary = path.join(repoCopy, addon.binary);
  if (
    fs.existsSync(repoBinary) &&
    version(appCopy) === version(repoCopy) &&
    !fs.existsSync(path.join(appCopy, addon.binary))
  ) {
    fs.mkdirSync(path.dirname(path.join(appCopy, addon.binary)), {
      recursive: true,
    });
    fs.copyFileSync(repoBinary, path.join(appCopy, addon.binary));
    console.log(
      `    ${addon.name}@${version(appCopy)}: reused the repository's build`,
    );
  }
  if (!loads(addon)) {
    console.log(`    ${addon.name}@${version(appCopy)}: compiling (node-gyp)`);
    execFileSync('npx', ['--no', 'node-gyp', 'rebuild', '--release'], {
      cwd: appCopy,
      stdio: 'inherit',
    });
    if (!loads(addon)) {
      throw new Error(
        `${addon.name} does not load in ${appDir} even after compiling it`,
      );
    }
  }
}
