#!/usr/bin/env node
/*
 * Installs the packed OpenChoreo packages into a freshly generated Backstage app the way the
 * plugins' READMEs tell an adopter to, and writes the config that points it at a devstack.
 * The sign-in page module (frontend README) and the sign-in config (the auth module's README)
 * are copied verbatim from the READMEs' code blocks, so a README that stops working fails here.
 *
 * Usage: configureApp.js <appDir> <packages.json> <backendPort> <apiPort> <idpPort>
 *   packages.json: the output of listPackages.js, each entry with a `tarball` path added.
 *
 * The packages are not in the npm registry, so the root `resolutions` map each of them to its
 * tarball; the app and backend depend on them with an ordinary semver range, exactly as they
 * would after a release. The repository's own `resolutions` pins are copied as well: the
 * registry reachable here lacks some of the newest versions (see docs/toolchain.md).
 */
const fs = require('node:fs');
const path = require('node:path');

const [appDir, packagesFile, backendPort, apiPort, idpPort] =
  process.argv.slice(2);
if (!idpPort) {
  console.error(
    'usage: configureApp.js <appDir> <packages.json> <backendPort> <apiPort> <idpPort>',
  );
  process.exit(2);
}
const { repoRoot } = require('./workspaces');
const packages = JSON.parse(fs.readFileSync(packagesFile, 'utf8'));

function updateJson(file, update) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  update(json);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * The code block of a README whose first line is `firstLine` (e.g. the file path comment
 * `// packages/app/src/modules/openchoreoSignIn.tsx`), without the fences; the last one when
 * several start so (a README completes a file step by step).
 */
function readmeBlock(readme, firstLine) {
  const text = fs.readFileSync(path.join(repoRoot, readme), 'utf8');
  const blocks = [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map(
    match => match[1],
  );
  const block = blocks.findLast(code => code.split('\n')[0] === firstLine);
  if (!block) {
    throw new Error(`${readme} has no code block starting with "${firstLine}"`);
  }
  return block;
}

function updateText(file, update) {
  const before = fs.readFileSync(file, 'utf8');
  const after = update(before);
  if (after === before) {
    throw new Error(
      `${file}: the generated app changed shape, nothing to edit`,
    );
  }
  fs.writeFileSync(file, after);
}

const repoPkg = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
);
updateJson(path.join(appDir, 'package.json'), pkg => {
  pkg.resolutions = { ...pkg.resolutions, ...repoPkg.resolutions };
  for (const { name, tarball } of packages) {
    pkg.resolutions[name] = `file:${tarball}`;
  }
  // Native addons are not compiled during the install: reuseNativeAddons.js provides them.
  pkg.dependenciesMeta = {
    ...pkg.dependenciesMeta,
    ...repoPkg.dependenciesMeta,
    'better-sqlite3': { built: false },
    ssh2: { built: false },
  };
});

const byRole = role => packages.filter(p => p.role === role);
const addDependencies = (workspace, list) =>
  updateJson(path.join(appDir, 'packages', workspace, 'package.json'), pkg => {
    for (const { name, version } of list) {
      pkg.dependencies[name] = `^${version}`;
    }
  });

// Frontend: a dependency of packages/app is enough, the app discovers it (`app.packages: all`).
const frontendPlugins = byRole('frontend-plugin');
addDependencies('app', frontendPlugins);
// The sign-in page module, as the frontend README writes it.
const FRONTEND_README = 'plugins/openchoreo/README.md';
const SIGN_IN_MODULE = 'packages/app/src/modules/openchoreoSignIn.tsx';
fs.writeFileSync(
  path.join(appDir, SIGN_IN_MODULE),
  readmeBlock(FRONTEND_README, `// ${SIGN_IN_MODULE}`),
);
// The scaffolder form fields and the sign-in page are frontend modules exported by name: add
// them to `features` as the README's App.tsx shows.
const readmeApp = readmeBlock(FRONTEND_README, '// packages/app/src/App.tsx');
const readmeImports = readmeApp
  .split('\n')
  .filter(
    line =>
      line.startsWith('import ') &&
      !line.includes("'@backstage/frontend-defaults'"),
  );
const readmeFeatures =
  /features: \[[^\]]*?\/\/ \.\.\.your other features\n([^\]]*)\]/
    .exec(readmeApp)?.[1]
    .split(',')
    .map(feature => feature.trim())
    .filter(Boolean);
if (readmeImports.length === 0 || !readmeFeatures?.length) {
  throw new Error(`${FRONTEND_README}: the App.tsx snippet changed shape`);
}
updateText(path.join(appDir, 'packages/app/src/App.tsx'), source =>
  source
    .replace(
      "import { createApp } from '@backstage/frontend-defaults';\n",
      `import { createApp } from '@backstage/frontend-defaults';\n${readmeImports.join(
        '\n',
      )}\n`,
    )
    .replace(
      /features: \[([^\]]*)\]/,
      (_, list) => `features: [${list}, ${readmeFeatures.join(', ')}]`,
    ),
);

// Backend: one `backend.add(import(...))` per plugin and module (new backend system), the
// sign-in module included; the publisher (a CLI) is only a dependency, for its bundle route.
const backendFeatures = [
  ...byRole('backend-plugin'),
  ...byRole('backend-plugin-module'),
];
addDependencies('backend', [...backendFeatures, ...byRole('cli')]);
updateText(path.join(appDir, 'packages/backend/src/index.ts'), source =>
  source.replace(
    /\nbackend\.start\(\);/,
    `\n// OpenChoreo\n${backendFeatures
      .map(({ name }) => `backend.add(import('${name}'));`)
      .join('\n')}\n\nbackend.start();`,
  ),
);

// The sign-in config of the auth module's README (its values come from the environment that
// verify-install.sh gives the backend).
fs.writeFileSync(
  path.join(appDir, 'app-config.signin.yaml'),
  readmeBlock(
    'plugins/auth-backend-module-openchoreo-provider/README.md',
    '# app-config.yaml',
  ),
);

const baseUrl = `http://127.0.0.1:${backendPort}`;
fs.writeFileSync(
  path.join(appDir, 'app-config.verify.yaml'),
  `# Written by scripts/verify-install/configureApp.js: the app on one port, OpenChoreo = devstack.
app:
  baseUrl: ${baseUrl}
backend:
  baseUrl: ${baseUrl}
  listen:
    host: 127.0.0.1
    port: ${backendPort}
  cors:
    origin: ${baseUrl}
auth:
  providers:
    guest:
      dangerouslyAllowOutsideDevelopment: true
catalog:
  rules:
    - allow: [Component, System, Domain, API, Resource, Location]
openchoreo:
  baseUrl: http://127.0.0.1:${apiPort}
  auth:
    tokenUrl: http://127.0.0.1:${idpPort}/oauth2/token
    clientId: openchoreo-portal-backend
    clientSecret: openchoreo-portal-backend-secret
  features:
    workflows:
      enabled: true
`,
);
console.log(
  `configured ${appDir}: app += ${frontendPlugins
    .map(p => p.name)
    .join(', ')}; backend += ${backendFeatures.map(p => p.name).join(', ')}`,
);
