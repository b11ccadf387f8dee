#!/usr/bin/env node
/*
 * Proves that the OpenChoreo packages resolved and registered in the freshly generated app:
 * its backend (started from the build) answers the OpenChoreo backend plugin's routes, lists
 * the scaffolder module's action, and the catalog module ingests a devstack component; its
 * frontend bundle contains the OpenChoreo frontend plugin.
 *
 * Usage: probe.js <backendUrl> <backendPid> <appDistDir>
 */
const fs = require('node:fs');
const path = require('node:path');

const [baseUrl, backendPid, appDist] = process.argv.slice(2);
const CATALOG_ENTITY = 'component/default/greeting-service';

function backendAlive() {
  try {
    process.kill(Number(backendPid), 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Calls `attempt` until it returns a value, failing after `seconds` or when the backend died. */
async function waitFor(what, seconds, attempt) {
  const deadline = Date.now() + seconds * 1000;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (!backendAlive()) {
      throw new Error(`the backend exited while waiting for ${what}`);
    }
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastProblem = error.message;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${seconds}s (${lastProblem})`,
      );
    }
    await sleep(1000);
  }
}

async function getJson(route, token) {
  const response = await fetch(`${baseUrl}${route}`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `GET ${route} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`  ok  ${message}`);
}

function bundleFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter(file => file.endsWith('.js'))
    .map(file => path.join(dir, file));
}

async function main() {
  await waitFor('backend readiness', 180, async () => {
    const response = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    return response.ok ? true : undefined;
  });
  console.log(`  ok  backend ready at ${baseUrl}`);

  const session = await getJson('/api/auth/guest/refresh');
  const token = session?.backstageIdentity?.token;
  check(typeof token === 'string', 'guest sign-in issues a Backstage token');

  const namespaces = await getJson('/api/openchoreo/namespaces', token);
  check(
    JSON.stringify(namespaces).includes('"default"'),
    'backend plugin: GET /api/openchoreo/namespaces lists the devstack namespace "default"',
  );

  const actions = await getJson('/api/scaffolder/v2/actions', token);
  check(
    actions.some(action => action.id === 'openchoreo:component:create'),
    'scaffolder module: the action openchoreo:component:create is registered',
  );

  const entity = await waitFor(`catalog entity ${CATALOG_ENTITY}`, 180, () =>
    getJson(`/api/catalog/entities/by-name/${CATALOG_ENTITY}`, token),
  );
  check(
    entity.metadata?.annotations?.['openchoreo.io/component'] ===
      'greeting-service',
    `catalog module: ${CATALOG_ENTITY} was ingested from OpenChoreo`,
  );

  const index = await fetch(`${baseUrl}/`).then(r => r.text());
  check(index.includes('<script'), 'app backend serves the built frontend');
  const contents = bundleFiles(path.join(appDist, 'static')).map(file =>
    fs.readFileSync(file, 'utf8'),
  );
  const markers = {
    // The list of features that `app.packages: all` discovered in packages/app/package.json.
    'name:"@openchoreo-ci/plugin-openchoreo"':
      'the app discovered the frontend plugin',
    'pluginId:"openchoreo"': 'the frontend plugin is in the bundle',
    // The wizard's form field, from openchoreoScaffolderFieldsModule in App.tsx.
    OpenChoreoDeploymentSource: 'the scaffolder fields module is in the bundle',
  };
  for (const [marker, meaning] of Object.entries(markers)) {
    check(
      contents.some(content => content.includes(marker)),
      `frontend: ${meaning} (${marker})`,
    );
  }
}

main().catch(error => {
  console.error(`verify-install probe failed: ${error.message}`);
  process.exit(1);
});
