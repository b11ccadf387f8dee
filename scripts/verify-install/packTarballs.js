#!/usr/bin/env node
/*
 * Turns the publish-shaped packages of a `backstage-cli build-workspace` folder into the
 * tarballs `npm publish` would upload, and checks them.
 *
 * build-workspace runs the same production pack as each package's `prepack` script
 * (`backstage-cli package prepack`: entry points and types from dist/, publishConfig applied,
 * config schema compiled, frontend/backend features detected), for all packages in one process
 * and without touching the packages' own package.json. What `yarn pack` adds on top is done
 * here: `workspace:` ranges become the version ranges they stand for. Then `npm pack` writes
 * the tarball.
 *
 * Usage: packTarballs.js <packages.json> <distWorkspaceDir> <tarballDir>
 *   packages.json: the output of listPackages.js; a `tarball` path is added to each entry.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { readWorkspaces } = require('./workspaces');

const [packagesFile, distDir, tarballDir] = process.argv.slice(2);
const packages = JSON.parse(fs.readFileSync(packagesFile, 'utf8'));

// Dev dependencies may name workspace packages that are not packed (the devstack).
const versions = new Map(
  [...readWorkspaces()].map(([name, { pkg }]) => [name, pkg.version]),
);

/** Yarn's rule: workspace:^ → ^1.2.3, workspace:~ → ~1.2.3, workspace:* → 1.2.3. */
function resolveWorkspaceRange(name, range) {
  const spec = range.slice('workspace:'.length);
  const version = versions.get(name);
  if (version === undefined) {
    throw new Error(
      `depends on ${name}@${range}, which is not a package of this repository`,
    );
  }
  if (spec === '^' || spec === '~') return `${spec}${version}`;
  if (spec === '*') return version;
  return spec;
}

/** The files a manifest's `exports` map names (conditions and subpaths, nested). */
function exportedFiles(exports) {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportedFiles);
}

function problemsOf(manifest, listing) {
  const inTarball = file =>
    listing.includes(path.posix.join('package', path.posix.normalize(file)));
  const problems = [];
  if (manifest.private) problems.push('is private');
  if (!manifest.main) problems.push('has no main');
  // Every file the manifest points at must be in the tarball: an app (or its type checker)
  // resolves exactly these.
  const pointers = [
    ['main', manifest.main],
    ['types', manifest.types],
    ['typings', manifest.typings],
    ['module', manifest.module],
    ['configSchema', manifest.configSchema],
    ...exportedFiles(manifest.exports).map(file => ['exports', file]),
    ...Object.values(manifest.typesVersions ?? {})
      .flatMap(map => Object.values(map).flat())
      .map(file => ['typesVersions', file]),
    ...(typeof manifest.bin === 'string'
      ? [['bin', manifest.bin]]
      : Object.values(manifest.bin ?? {}).map(file => ['bin', file])),
  ];
  for (const [field, file] of pointers) {
    if (typeof file !== 'string' || file.includes('*')) continue;
    if (!inTarball(file)) {
      problems.push(`${field} "${file}" is not in the tarball`);
    }
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:'))
        problems.push(`${field} has ${dep}@${range}`);
    }
  }
  return problems;
}

fs.mkdirSync(tarballDir, { recursive: true });
for (const pkg of packages) {
  const dir = path.join(distDir, pkg.dir);
  const manifestFile = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
    'devDependencies',
  ]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) {
        manifest[field][dep] = resolveWorkspaceRange(dep, range);
      }
    }
  }
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  const [{ filename }] = JSON.parse(
    execFileSync(
      'npm',
      [
        'pack',
        '--json',
        '--ignore-scripts',
        '--pack-destination',
        path.resolve(tarballDir),
      ],
      { cwd: dir, encoding: 'utf8' },
    ),
  );
  const tarball = path.resolve(tarballDir, filename);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const packed = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const problems = problemsOf(packed, listing);
  if (problems.length > 0) {
    console.error(`${pkg.name}: ${problems.join('; ')}`);
    process.exit(1);
  }
  pkg.tarball = tarball;
  console.log(
    `    ${filename}: main ${packed.main}, types ${packed.types ?? 'none'}, ${
      listing.length
    } files${
      packed.backstage?.features
        ? `, features ${JSON.stringify(packed.backstage.features)}`
        : ''
    }`,
  );
}
fs.writeFileSync(packagesFile, `${JSON.stringify(packages, null, 2)}\n`);
