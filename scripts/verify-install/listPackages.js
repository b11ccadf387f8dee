#!/usr/bin/env node
/*
 * Prints (as JSON) the workspace packages a Backstage app needs to install the OpenChoreo
 * plugins: every package under plugins/ and every other published (non-private) package (the
 * publisher, whose bundle the backend plugin serves), plus the workspace packages they depend on
 * at run time (dependencies and peerDependencies, transitively). Fails when one of them is
 * private (it could never be published for an app to install) or lacks the prepack/postpack
 * scripts.
 */
const { readWorkspaces } = require('./workspaces');

const workspaces = readWorkspaces();
const selected = new Map();
const queue = [...workspaces.values()].filter(
  w => w.dir.startsWith('plugins') || !w.pkg.private,
);
while (queue.length > 0) {
  const workspace = queue.shift();
  if (selected.has(workspace.pkg.name)) continue;
  selected.set(workspace.pkg.name, workspace);
  const { dependencies = {}, peerDependencies = {} } = workspace.pkg;
  for (const name of Object.keys({ ...dependencies, ...peerDependencies })) {
    const local = workspaces.get(name);
    if (local) queue.push(local);
  }
}

const privatePackages = [...selected.values()].filter(w => w.pkg.private);
if (privatePackages.length > 0) {
  const names = privatePackages.map(w => `${w.pkg.name} (${w.dir})`);
  console.error(
    `These packages are needed by the plugins but are private, so no app can install them: ${names.join(
      ', ',
    )}. Remove "private" and add a publishConfig.`,
  );
  process.exit(1);
}

// Publishing runs each package's own prepack script; without it the published package.json
// would still point at src/.
const unpackable = [...selected.values()].filter(
  w =>
    w.pkg.scripts?.prepack !== 'backstage-cli package prepack' ||
    w.pkg.scripts?.postpack !== 'backstage-cli package postpack',
);
if (unpackable.length > 0) {
  console.error(
    `These packages lack the scripts "prepack": "backstage-cli package prepack" and "postpack": "backstage-cli package postpack": ${unpackable
      .map(w => w.dir)
      .join(', ')}`,
  );
  process.exit(1);
}

const result = [...selected.values()]
  .map(({ dir, pkg }) => ({
    name: pkg.name,
    version: pkg.version,
    dir,
    role: pkg.backstage?.role,
  }))
  .sort((a, b) => a.name.localeCompare(b.name));
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
