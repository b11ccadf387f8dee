#!/usr/bin/env node
/*
 * Proves that the OpenChoreo packages resolved and registered in the freshly generated app:
 * a person signs in through the devstack's identity provider (the sign-in module) and the
 * backend answers the OpenChoreo backend plugin's routes with that person's OpenChoreo token
 * (user tokens on), lists the scaffolder module's action, the catalog module ingests a
 * devstack component and the publisher bundle is served; its frontend bundle contains the
 * OpenChoreo frontend plugin and the sign-in page of the frontend README, and the config it
 * serves the browser holds the frontend plugin's keys (its config.d.ts) and no secret.
 *
 * Usage: probe.js <backendUrl> <backendPid> <appDistDir>
 */
const fs = require('node:fs');
const path = require('node:path');
const { signInThroughIdp } = require('../idp-sign-in');

const [baseUrl, backendPid, appDist] = process.argv.slice(2);
const CATALOG_ENTITY = 'component/default/greeting-service';
const SUMMARY = '/api/openchoreo/components/default/greeting-service/summary';

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

function get(route, token, headers = {}) {
  return fetch(`${baseUrl}${route}`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    signal: AbortSignal.timeout(10_000),
  });
}

async function getJson(route, token, headers) {
  const response = await get(route, token, headers);
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

/**
 * The value at `key` (dotted) of the config the app backend injected into index.html for the
 * browser: only what a schema of the app's dependencies marks `@visibility frontend`.
 */
function frontendConfigValue(index, key) {
  const match =
    /<script type="backstage\.io\/config">([\s\S]*?)<\/script>/.exec(index);
  if (!match) throw new Error('index.html has no injected frontend config');
  const values = JSON.parse(match[1])
    .map(({ data }) =>
      key.split('.').reduce((value, part) => value?.[part], data),
    )
    .filter(value => value !== undefined);
  return { value: values.at(-1), text: match[1] };
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

  // The sign-in module: the README's config (auth.environment unset, so `development`).
  const person = await signInThroughIdp({
    backendUrl: baseUrl,
    appOrigin: baseUrl,
    env: 'development',
    login: 'developer@openchoreo.dev',
    password: 'developer',
  });
  const token = person.backstageIdentity.token;
  const openchoreoToken = person.providerInfo.accessToken;
  check(
    person.backstageIdentity.identity.ownershipEntityRefs.includes(
      'group:default/developers',
    ) && typeof openchoreoToken === 'string',
    `sign-in module: developer@openchoreo.dev signs in through the identity provider's login page as ${person.backstageIdentity.identity.userEntityRef}, owning group:default/developers, with an OpenChoreo access token`,
  );
  const asUser = { 'x-openchoreo-token': openchoreoToken };

  const summary = await getJson(SUMMARY, token, asUser);
  check(
    summary.component?.name === 'greeting-service',
    `backend plugin: GET ${SUMMARY} answers the summary with the user's token (x-openchoreo-token)`,
  );
  const withoutToken = await get(SUMMARY, token);
  const refusal = await withoutToken.json().catch(() => ({}));
  check(
    withoutToken.status === 401 &&
      refusal.error?.code === 'OPENCHOREO_SIGN_IN_REQUIRED',
    `user tokens are on: the same request without x-openchoreo-token answers 401 OPENCHOREO_SIGN_IN_REQUIRED (got ${withoutToken.status})`,
  );

  const namespaces = await getJson('/api/openchoreo/namespaces', token, asUser);
  check(
    JSON.stringify(namespaces).includes('"default"'),
    'backend plugin: GET /api/openchoreo/namespaces lists the devstack namespace "default"',
  );

  const bundle = await fetch(
    `${baseUrl}/api/openchoreo/tools/openchoreo-publish-workload.cjs`,
  );
  const bundleText = await bundle.text();
  check(
    bundle.status === 200 && bundleText.startsWith('#!/usr/bin/env node'),
    `publisher: GET /api/openchoreo/tools/openchoreo-publish-workload.cjs serves the bundled CLI of @openchoreo-ci/workload-publisher (${
      bundle.status
    }, ${Math.round(bundleText.length / 1024)} KiB)`,
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
  // Without the frontend plugin's config.d.ts these keys would not reach the browser: the
  // frontend would never send the user's token and would show built-in CI when it is off.
  for (const key of [
    'openchoreo.auth.userTokens',
    'openchoreo.features.workflows.enabled',
  ]) {
    check(
      frontendConfigValue(index, key).value === true,
      `frontend config: ${key} reaches the browser (the frontend plugin's config.d.ts)`,
    );
  }
  check(
    !frontendConfigValue(index, 'app').text.includes(
      'openchoreo-portal-backend-secret',
    ) && frontendConfigValue(index, 'openchoreo.baseUrl').value === undefined,
    'frontend config: no OpenChoreo secret or backend-only setting reaches the browser',
  );
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
    // The sign-in page module of the frontend README, in App.tsx.
    "Sign in at OpenChoreo's identity provider":
      "the README's sign-in page module is in the bundle",
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
