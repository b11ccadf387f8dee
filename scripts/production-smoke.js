#!/usr/bin/env node
/*
 * Production smoke test, run by scripts/production-smoke.sh on the folder scripts/build-production.sh
 * made: starts a devstack on test ports and the built backend the way the image runs it
 * (scripts/start-production.sh: NODE_ENV=production, app-config.yaml + app-config.production.yaml)
 * with the Helm chart's environment, against (a) PostgreSQL with POSTGRES_DB and (b) SQLite in a
 * temporary SQLITE_STORAGE_DIR, and checks what a platform admin relies on. Each check prints one
 * line; the counts go to a JSON report `{ passed, failed, checks }` that scripts/summarize-tests.js
 * adds to the test command's total.
 *
 * Usage: node scripts/production-smoke.js <build dir> <report file>
 * Needs TEST_POSTGRES_HOST/_PORT/_USER/_PASSWORD (scripts/services.sh).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { signInThroughIdp: signInThroughIdpAt } = require('./idp-sign-in');

const repoRoot = path.resolve(__dirname, '..');
const [buildDir, reportFile] = process.argv.slice(2);
if (!buildDir || !reportFile) {
  console.error(
    'usage: node scripts/production-smoke.js <build dir> <report file>',
  );
  process.exit(2);
}
const { Client } = require(require.resolve('pg', { paths: [repoRoot] }));

// 127.0.0.2 is loopback too, but not a "localhost URL" to Backstage, which warns about those in
// production: the portal sees a routable base URL as it would behind the chart's ingress.
const HOST = '127.0.0.2';
const PORT = 17007;
const BASE_URL = `http://${HOST}:${PORT}`;
const DEVSTACK_PORTS = {
  DEVSTACK_API_PORT: 18180,
  DEVSTACK_IDP_PORT: 18181,
  DEVSTACK_JENKINS_PORT: 18182,
  DEVSTACK_GITHUB_PORT: 18183,
  DEVSTACK_GITLAB_PORT: 18184,
};
const KUBERNETES_GRACE_SECONDS = 30;
const IDP = `http://127.0.0.1:${DEVSTACK_PORTS.DEVSTACK_IDP_PORT}`;
/** Where the devstack IdP sends people back to the portal's OIDC sign-in (provider `openchoreo`). */
const SIGN_IN_CALLBACK = `${BASE_URL}/api/auth/openchoreo/handler/frame`;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-smoke-'));

/** What the chart renders, pointed at the devstack (values as in CHART-ENV.md). */
const CHART_ENV = {
  BACKSTAGE_BASE_URL: BASE_URL,
  BACKEND_SECRET: 'c21va2UtdGVzdC1iYWNrZW5kLXNlY3JldA',
  OPENCHOREO_API_URL: `http://127.0.0.1:${DEVSTACK_PORTS.DEVSTACK_API_PORT}/api/v1`,
  OPENCHOREO_AUTH_TOKEN_URL: `http://127.0.0.1:${DEVSTACK_PORTS.DEVSTACK_IDP_PORT}/oauth2/token`,
  OPENCHOREO_AUTH_CLIENT_ID: 'openchoreo-portal-backend',
  OPENCHOREO_AUTH_CLIENT_SECRET: 'openchoreo-portal-backend-secret',
  OPENCHOREO_FEATURES_AUTH_ENABLED: 'false',
  OPENCHOREO_FEATURES_WORKFLOWS_ENABLED: 'true',
  OPENCHOREO_EVENTS_ENABLED: 'false',
  OPENCHOREO_CATALOG_SYNC_FREQUENCY: '300',
  JENKINS_BASE_URL: `http://127.0.0.1:${DEVSTACK_PORTS.DEVSTACK_JENKINS_PORT}`,
  JENKINS_USERNAME: 'admin',
  JENKINS_API_KEY: '11d0e5a7c1b2f3e4d5c6b7a8f9e0d1c2b3',
  // Only the port differs from the image (the image listens on 7007).
  APP_CONFIG_backend_listen_host: HOST,
  APP_CONFIG_backend_listen_port: String(PORT),
};
const SECRETS = [
  CHART_ENV.BACKEND_SECRET,
  CHART_ENV.OPENCHOREO_AUTH_CLIENT_SECRET,
  CHART_ENV.JENKINS_API_KEY,
  process.env.TEST_POSTGRES_PASSWORD,
];

const checks = [];
function record(name, ok, detail) {
  checks.push({ name, ok, detail });
  console.log(
    `  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`,
  );
}
/** Runs one check: passes unless `fn` throws; what it returns is printed beside it. */
async function check(name, fn) {
  try {
    record(name, true, await fn());
    return true;
  } catch (error) {
    record(name, false, error.message);
    return false;
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${seconds}s`);
    await sleep(500);
  }
}

function env(overrides) {
  const merged = { ...process.env, ...CHART_ENV, ...overrides };
  for (const [name, value] of Object.entries(merged)) {
    if (value === undefined) delete merged[name];
  }
  delete merged.NODE_ENV; // start-production.sh sets it
  return merged;
}

/** Starts a process in its own process group, its output in `logFile`. */
function startProcess(command, args, options, logFile) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.exited = new Promise(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return child;
}

/** SIGTERM, as Kubernetes does; SIGKILL after `graceSeconds`. Returns the seconds it took. */
async function stopProcess(child, graceSeconds = 90) {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return 0;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return 0;
  }
  const stopped = await Promise.race([
    child.exited.then(() => true),
    sleep(graceSeconds * 1000).then(() => false),
  ]);
  if (!stopped) {
    process.kill(-child.pid, 'SIGKILL');
    await child.exited;
  }
  return (Date.now() - started) / 1000;
}

async function get(urlPath, token, init = {}) {
  return fetch(`${BASE_URL}${urlPath}`, {
    ...init,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    signal: AbortSignal.timeout(30_000),
  });
}

async function json(response, expectedStatus = 200) {
  const text = await response.text();
  if (response.status !== expectedStatus) {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text);
}

function startBackend(label, overrides) {
  const logFile = path.join(logDir, `${label}.log`);
  const child = startProcess(
    'bash',
    [path.join(repoRoot, 'scripts/start-production.sh'), buildDir],
    { env: env(overrides) },
    logFile,
  );
  child.logFile = logFile;
  return child;
}

/** Warning and error lines of the backend's log (JSON lines in production). */
function warnings(logFile) {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(line => {
      if (/events backend not found/i.test(line)) return true;
      try {
        return ['warn', 'error'].includes(JSON.parse(line).level);
      } catch {
        return /\b(warn(ing)?|error|deprecat\w*)\b/i.test(line);
      }
    });
}

async function startAndWaitReady(label, overrides) {
  const started = Date.now();
  const backend = startBackend(label, overrides);
  const ready = await check(`${label}: health ready`, async () => {
    await waitFor(
      '/.backstage/health/v1/readiness answered 200',
      300,
      async () => {
        if (backend.exitCode !== null) {
          throw new Error(`the backend exited (see ${backend.logFile})`);
        }
        return (await get('/.backstage/health/v1/readiness')).ok;
      },
    );
    return `${((Date.now() - started) / 1000).toFixed(0)}s`;
  });
  return { backend, ready };
}

/**
 * Opens a component page in Chromium as a guest (Debian's chromium, flags as in
 * e2e-tests/playwright.config.ts) and fails on a warning banner or a console error.
 */
async function componentPageCheck(label) {
  await check(
    `${label}: a component page in Chromium shows no warning and logs no error`,
    async () => {
      const { chromium } = require(require.resolve('playwright-core', {
        paths: [repoRoot],
      }));
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('console', message => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', error => errors.push(error.message));
        await page.goto(BASE_URL);
        // Guest sign-in (OPENCHOREO_FEATURES_AUTH_ENABLED=false): the sign-in page's guest card.
        await page
          .getByRole('button', { name: /enter/i })
          .click({ timeout: 30_000 });
        // Signed in once the sign-in page is gone (the app stays at the same URL); the app
        // then remembers the guest across the reload below.
        await page
          .getByRole('button', { name: /enter/i })
          .waitFor({ state: 'detached', timeout: 30_000 });
        await page.goto(
          `${BASE_URL}/catalog/default/component/greeting-service`,
        );
        try {
          await page
            .getByText('greeting-service')
            .first()
            .waitFor({ timeout: 60_000 });
        } catch (error) {
          const text = await page.locator('body').innerText();
          throw new Error(
            `${page.url()} shows no greeting-service: ${text
              .replace(/\s+/g, ' ')
              .slice(0, 300)} (${errors[0] ?? 'no console error'})`,
          );
        }
        // The catalog computes relations a moment after the entity; the banner comes with them.
        await page.waitForLoadState('networkidle');
        await sleep(2000);
        const banners = await page
          .locator('.MuiAlert-standardWarning, .MuiAlert-standardError')
          .allInnerTexts();
        if (banners.length) throw new Error(`banner: ${banners[0]}`);
        const missing = /which can't be found in the catalog[^.]*\.[^.]*/.exec(
          await page.locator('body').innerText(),
        );
        if (missing) throw new Error(missing[0]);
        if (errors.length) throw new Error(`console error: ${errors[0]}`);
        return 'no banner, no console error';
      } finally {
        await browser.close();
      }
    },
  );
}

/** Checks every scenario shares: the app's index, guest sign-in, a component summary. */
async function userChecks(label) {
  await check(
    `${label}: serves the app's index with the production config`,
    async () => {
      const response = await get('/');
      const html = await response.text();
      if (!response.ok || !html.includes('<div id="root">')) {
        throw new Error(`GET / answered ${response.status} without the app`);
      }
      if (!html.includes(`"baseUrl": "${BASE_URL}"`)) {
        throw new Error(
          'the injected config does not carry BACKSTAGE_BASE_URL',
        );
      }
      const leaked = SECRETS.filter(secret => secret && html.includes(secret));
      if (leaked.length)
        throw new Error(`${leaked.length} secret(s) in the page`);
    },
  );
  let token;
  await check(
    `${label}: a guest signs in (OPENCHOREO_FEATURES_AUTH_ENABLED=false)`,
    async () => {
      const body = await json(
        await get('/api/auth/guest/refresh', undefined, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        }),
      );
      token = body.backstageIdentity.token;
      return body.backstageIdentity.identity.userEntityRef;
    },
  );
  await summaryCheck(label, token);
  return token;
}

/** The user of `token` (and `extraHeaders`, e.g. the OpenChoreo token) reads a component summary. */
async function summaryCheck(label, token, extraHeaders = {}) {
  await check(`${label}: the user reads a component summary`, async () => {
    if (!token) throw new Error('no user token');
    // The catalog's first OpenChoreo sync runs at start-up; permissions need the entity.
    const summary = await waitFor(
      'the summary of default/greeting-service',
      120,
      async () => {
        const response = await get(
          '/api/openchoreo/components/default/greeting-service/summary',
          token,
          { headers: extraHeaders },
        );
        return response.ok ? response.json() : undefined;
      },
    );
    if (summary.component?.name !== 'greeting-service') {
      throw new Error(
        `unexpected summary ${JSON.stringify(summary).slice(0, 200)}`,
      );
    }
    return `ci ${summary.component.ci?.type}`;
  });
}

/**
 * Signs `login` in the way the frontend's popup does: the backend's /api/auth/openchoreo/start,
 * the identity provider's login page, the callback, and the result the page posts to the app.
 */
function signInThroughIdp(login, password) {
  return signInThroughIdpAt({
    backendUrl: BASE_URL,
    appOrigin: BASE_URL,
    env: 'production',
    login,
    password,
  });
}

/**
 * The chart's default: people sign in through OpenChoreo's identity provider (here the
 * devstack's, found through OPENCHOREO_AUTH_METADATA_URL) and read OpenChoreo with their own token.
 */
async function openchoreoSignInScenario() {
  const label = 'OpenChoreo sign-in';
  const storage = fs.mkdtempSync(
    path.join(os.tmpdir(), 'production-smoke-signin-'),
  );
  const { backend, ready } = await startAndWaitReady(label, {
    OPENCHOREO_FEATURES_AUTH_ENABLED: 'true',
    OPENCHOREO_AUTH_METADATA_URL: `${IDP}/.well-known/openid-configuration`,
    OPENCHOREO_AUTH_AUTHORIZATION_URL: `${IDP}/oauth2/authorize`,
    DATABASE_CLIENT: 'better-sqlite3',
    SQLITE_STORAGE_DIR: storage,
  });
  try {
    if (!ready) return;
    let signedIn;
    await check(
      `${label}: a user signs in through the identity provider's login page`,
      async () => {
        signedIn = await signInThroughIdp(
          'developer@openchoreo.dev',
          'developer',
        );
        const { userEntityRef, ownershipEntityRefs } =
          signedIn.backstageIdentity.identity;
        if (!ownershipEntityRefs.includes('group:default/developers')) {
          throw new Error(`ownership ${ownershipEntityRefs.join(', ')}`);
        }
        return userEntityRef;
      },
    );
    await check(
      `${label}: without the OpenChoreo token the portal asks to sign in again`,
      async () => {
        if (!signedIn) throw new Error('nobody signed in');
        const body = await json(
          await get(
            '/api/openchoreo/components/default/greeting-service/summary',
            signedIn.backstageIdentity.token,
          ),
          401,
        );
        if (body.error?.code !== 'OPENCHOREO_SIGN_IN_REQUIRED') {
          throw new Error(`answered ${JSON.stringify(body.error)}`);
        }
      },
    );
    if (signedIn) {
      await summaryCheck(label, signedIn.backstageIdentity.token, {
        'x-openchoreo-token': signedIn.providerInfo.accessToken,
      });
    }
    await check(`${label}: guests are refused in production`, async () => {
      const response = await get('/api/auth/guest/refresh', undefined, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (response.ok) throw new Error('a guest got a token');
      return `HTTP ${response.status}`;
    });
    await check(`${label}: no token or secret in the log`, async () => {
      const log = fs.readFileSync(backend.logFile, 'utf8');
      const leaked = [
        ...SECRETS,
        signedIn?.providerInfo.accessToken,
        signedIn?.providerInfo.idToken,
        signedIn?.backstageIdentity.token,
        'developer@openchoreo.dev:developer',
      ].filter(secret => secret && log.includes(secret));
      if (leaked.length) throw new Error(`${leaked.length} found`);
    });
    await noWarnings(label, backend);
  } finally {
    await stopProcess(backend);
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

/** Files under `dir`, recursively. */
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name))
        : [path.join(dir, entry.name)],
    );
}

async function frontendBundleCheck() {
  await check(
    'the built frontend bundle holds no secret of the configuration',
    async () => {
      const dist = path.join(buildDir, 'packages/app/dist');
      const files = filesUnder(dist).filter(f =>
        /\.(js|html|json|map|txt)$/.test(f),
      );
      if (files.length === 0) throw new Error(`no bundle in ${dist}`);
      // The backend-only values of app-config.yaml (the devstack's local credentials).
      const secrets = [
        'openchoreo-portal-backend-secret',
        'openchoreo-portal-local-session-secret',
        'openchoreo-workload-publisher-secret',
        CHART_ENV.JENKINS_API_KEY,
      ];
      const leaks = files.filter(file => {
        const text = fs.readFileSync(file, 'utf8');
        return secrets.some(secret => text.includes(secret));
      });
      if (leaks.length) {
        throw new Error(`secrets in ${leaks.map(f => path.basename(f))}`);
      }
      return `${files.length} files`;
    },
  );
}

async function badIdpSettingScenario() {
  await check(
    'a wrong sign-in client secret stops start-up and names it',
    async () => {
      const { code, log } = await startupFailure('wrong-client-secret', {
        OPENCHOREO_FEATURES_AUTH_ENABLED: 'true',
        OPENCHOREO_AUTH_METADATA_URL: `${IDP}/.well-known/openid-configuration`,
        OPENCHOREO_AUTH_CLIENT_SECRET: 'not-the-client-secret',
        OPENCHOREO_SERVICE_CLIENT_SECRET:
          CHART_ENV.OPENCHOREO_AUTH_CLIENT_SECRET,
        DATABASE_CLIENT: 'better-sqlite3',
        SQLITE_STORAGE_DIR: path.join(logDir, 'unused-signin'),
      });
      for (const expected of [
        'auth.providers.openchoreo.production.clientSecret was refused',
        'OPENCHOREO_AUTH_CLIENT_SECRET',
      ]) {
        if (!log.includes(expected))
          throw new Error(`the output does not say "${expected}"`);
      }
      if (log.includes('not-the-client-secret'))
        throw new Error('the output repeats the secret');
      return `exit code ${code}`;
    },
  );
}

async function badServiceAccountScenario() {
  await check(
    'a wrong service-account secret stops start-up and names it',
    async () => {
      const { code, log } = await startupFailure('wrong-service-secret', {
        OPENCHOREO_SERVICE_CLIENT_ID: CHART_ENV.OPENCHOREO_AUTH_CLIENT_ID,
        OPENCHOREO_SERVICE_CLIENT_SECRET: 'not-the-service-secret',
        DATABASE_CLIENT: 'better-sqlite3',
        SQLITE_STORAGE_DIR: path.join(logDir, 'unused-service'),
      });
      for (const expected of [
        'openchoreo.auth.clientSecret was refused',
        'OPENCHOREO_SERVICE_CLIENT_SECRET',
      ]) {
        if (!log.includes(expected))
          throw new Error(`the output does not say "${expected}"`);
      }
      if (log.includes('not-the-service-secret'))
        throw new Error('the output repeats the secret');
      return `exit code ${code}`;
    },
  );
}

/**
 * A stand-in for a slow OpenChoreo: forwards to the devstack API but holds every component
 * creation (POST .../components) until it is closed, so a scaffolder task stays running.
 */
async function startHoldingProxy() {
  const http = require('node:http');
  const target = new URL(CHART_ENV.OPENCHOREO_API_URL);
  const held = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && /\/components\/?$/.test(req.url)) {
      held.push(res);
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${target.pathname}`,
    held,
    close: () => {
      held.forEach(res => res.destroy());
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Starts a scaffolder task of the component template as the user of `token`; its id. */
async function startTask(token) {
  // The catalog processes the template location in its own time after start-up.
  await waitFor('the template in the catalog', 180, async () => {
    const response = await get(
      '/api/catalog/entities/by-name/template/default/create-openchoreo-component',
      token,
    );
    return response.ok;
  });
  const { id } = await json(
    await get('/api/scaffolder/v2/tasks', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/create-openchoreo-component',
        values: {
          location: { namespace: 'default', project: 'demo-project' },
          name: `smoke-${Date.now().toString(36)}`,
          componentType: {
            kind: 'ClusterComponentType',
            name: 'deployment/service',
          },
          source: { type: 'external-ci', platform: 'none' },
        },
      }),
    }),
    201,
  );
  return id;
}

async function guestToken() {
  const body = await json(
    await get('/api/auth/guest/refresh', undefined, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }),
  );
  return body.backstageIdentity.token;
}

/**
 * SIGTERM while someone watches a running task (its event stream open): the process ends well
 * within Kubernetes' grace period, the watcher is told the task failed and why, nothing is left
 * unhandled, and after the restart the task is over.
 */
async function shutdownScenario() {
  const label = 'SIGTERM with a watched running task';
  const storage = fs.mkdtempSync(
    path.join(os.tmpdir(), 'production-smoke-shutdown-'),
  );
  const proxy = await startHoldingProxy();
  const scenarioEnv = {
    OPENCHOREO_API_URL: proxy.url,
    DATABASE_CLIENT: 'better-sqlite3',
    SQLITE_STORAGE_DIR: storage,
  };
  try {
    const first = await startAndWaitReady(label, scenarioEnv);
    let taskId;
    try {
      if (!first.ready) return;
      const token = await guestToken();
      let stream = '';
      await check(`${label}: the task runs and is watched`, async () => {
        taskId = await startTask(token);
        await waitFor('the task holding at OpenChoreo', 60, () =>
          proxy.held.length > 0 ? true : undefined,
        );
        const response = await get(
          `/api/scaffolder/v2/tasks/${taskId}/eventstream`,
          token,
          { signal: undefined },
        );
        if (!response.ok) throw new Error(`event stream ${response.status}`);
        const reader = response.body.getReader();
        (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            stream += Buffer.from(value).toString();
          }
        })().catch(() => {});
        return `task ${taskId}`;
      });
      await check(`${label}: exits within 20s`, async () => {
        const seconds = await stopProcess(first.backend);
        if (seconds > 20) throw new Error(`took ${seconds.toFixed(0)}s`);
        return `${seconds.toFixed(1)}s`;
      });
      await check(
        `${label}: the watcher reads that the task failed and why`,
        async () => {
          if (!/event: completion[\s\S]*The portal was stopped/.test(stream))
            throw new Error(`the stream ended with: ${stream.slice(-300)}`);
        },
      );
      await check(`${label}: no unhandled rejection in the log`, async () => {
        const log = fs.readFileSync(first.backend.logFile, 'utf8');
        const line = log
          .split('\n')
          .find(l => /unhandled ?rejection|uncaught ?exception/i.test(l));
        if (line) throw new Error(line.slice(0, 300));
      });
    } finally {
      await stopProcess(first.backend);
    }
    const second = await startAndWaitReady(`${label}, restarted`, scenarioEnv);
    try {
      if (!second.ready || !taskId) return;
      await check(
        `${label}: after the restart the interrupted task has ended`,
        async () => {
          const token = await guestToken();
          const task = await waitFor('the task ended', 60, async () => {
            const found = await json(
              await get(`/api/scaffolder/v2/tasks/${taskId}`, token),
            );
            return found.status === 'processing' ? undefined : found;
          });
          return `task ${task.id} ${task.status}`;
        },
      );
    } finally {
      await stopProcess(second.backend);
    }
  } finally {
    proxy.close();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

async function noWarnings(label, backend) {
  await check(`${label}: no warning lines at start-up`, async () => {
    const lines = warnings(backend.logFile);
    if (lines.length) {
      throw new Error(
        `${lines.length} line(s), first: ${lines[0].slice(0, 300)}`,
      );
    }
  });
}

async function stopWithinGrace(label, backend) {
  await check(
    `${label}: stops within ${KUBERNETES_GRACE_SECONDS}s of SIGTERM`,
    async () => {
      const seconds = await stopProcess(backend);
      if (seconds > KUBERNETES_GRACE_SECONDS) {
        throw new Error(
          `took ${seconds.toFixed(
            0,
          )}s (Kubernetes kills the pod after ${KUBERNETES_GRACE_SECONDS}s)`,
        );
      }
      return `${seconds.toFixed(0)}s`;
    },
  );
}

/** Starts the backend expecting it to stop on its own with an error: its exit code and output. */
async function startupFailure(label, overrides) {
  const backend = startBackend(label, overrides);
  const { code } = await Promise.race([
    backend.exited,
    sleep(120_000).then(() => ({ code: 'still running' })),
  ]);
  await stopProcess(backend);
  if (code === 0 || code === 'still running') {
    throw new Error(`exit code ${code}`);
  }
  return { code, log: fs.readFileSync(backend.logFile, 'utf8') };
}

async function missingSettingScenario() {
  await check(
    'a missing chart variable stops start-up and names it',
    async () => {
      const { code, log } = await startupFailure('missing-variable', {
        OPENCHOREO_API_URL: undefined,
        DATABASE_CLIENT: 'better-sqlite3',
        SQLITE_STORAGE_DIR: path.join(logDir, 'unused'),
      });
      if (!log.includes('OPENCHOREO_API_URL is not set (openchoreo.baseUrl)')) {
        throw new Error(
          `the output does not name OPENCHOREO_API_URL: ${log.slice(0, 300)}`,
        );
      }
      return `exit code ${code}`;
    },
  );
}

async function postgresScenario() {
  const label = 'PostgreSQL';
  const database = `smoke_${process.pid}_${Date.now().toString(36)}`;
  const connection = {
    host: process.env.TEST_POSTGRES_HOST,
    port: Number(process.env.TEST_POSTGRES_PORT),
    user: process.env.TEST_POSTGRES_USER,
    password: process.env.TEST_POSTGRES_PASSWORD,
  };
  const { backend, ready } = await startAndWaitReady(label, {
    DATABASE_CLIENT: 'pg',
    POSTGRES_HOST: connection.host,
    POSTGRES_PORT: String(connection.port),
    POSTGRES_USER: connection.user,
    POSTGRES_PASSWORD: connection.password,
    POSTGRES_DB: database,
  });
  try {
    if (!ready) return;
    await userChecks(label);
    await componentPageCheck(label);
    await check(
      `${label}: every plugin in one schema of POSTGRES_DB`,
      async () => {
        const client = new Client({ ...connection, database });
        await client.connect();
        try {
          const { rows } = await client.query(
            `select schema_name from information_schema.schemata where schema_name = any($1)`,
            [['catalog', 'scaffolder', 'auth', 'search', 'events']],
          );
          if (rows.length !== 5) {
            throw new Error(
              `schemas found: ${rows.map(r => r.schema_name).join(', ')}`,
            );
          }
          return `schemas catalog, scaffolder, auth, search, events in ${database}`;
        } finally {
          await client.end();
        }
      },
    );
    await noWarnings(label, backend);
    await stopWithinGrace(label, backend);
  } finally {
    await stopProcess(backend);
    const admin = new Client({ ...connection, database: 'postgres' });
    await admin.connect();
    await admin.query(`drop database if exists "${database}"`).catch(() => {});
    await admin.end();
  }
}

async function sqliteScenario() {
  const label = 'SQLite';
  const storage = fs.mkdtempSync(
    path.join(os.tmpdir(), 'production-smoke-sqlite-'),
  );
  const sqliteEnv = {
    DATABASE_CLIENT: 'better-sqlite3',
    SQLITE_STORAGE_DIR: storage,
    POSTGRES_DB: 'backstage', // rendered by the chart whatever the database type
  };
  let taskBefore;
  try {
    const first = await startAndWaitReady(label, sqliteEnv);
    try {
      if (!first.ready) return;
      const token = await userChecks(label);
      await check(
        `${label}: database files under SQLITE_STORAGE_DIR`,
        async () => {
          const files = fs
            .readdirSync(storage)
            .filter(f => f.endsWith('.sqlite'));
          for (const expected of ['catalog.sqlite', 'scaffolder.sqlite']) {
            if (!files.includes(expected))
              throw new Error(`${expected} missing (${files.join(', ')})`);
          }
          return `${files.length} files`;
        },
      );
      await check(
        `${label}: a scaffolder task runs to completion`,
        async () => {
          const id = await startTask(token);
          taskBefore = await waitFor(`task ${id} finished`, 180, async () => {
            const task = await json(
              await get(`/api/scaffolder/v2/tasks/${id}`, token),
            );
            return ['completed', 'failed', 'cancelled'].includes(task.status)
              ? task
              : undefined;
          });
          if (taskBefore.status !== 'completed')
            throw new Error(`task ${id} ${taskBefore.status}`);
          return `task ${id}`;
        },
      );
      await noWarnings(label, first.backend);
      await stopWithinGrace(label, first.backend);
    } finally {
      await stopProcess(first.backend);
    }

    const second = await startAndWaitReady(
      `${label} after a restart`,
      sqliteEnv,
    );
    try {
      if (!second.ready) return;
      await check(
        `${label}: the scaffolder task record survives the restart`,
        async () => {
          if (!taskBefore)
            throw new Error('no task was created before the restart');
          const signIn = await json(
            await get('/api/auth/guest/refresh', undefined, {
              headers: { 'X-Requested-With': 'XMLHttpRequest' },
            }),
          );
          const task = await json(
            await get(
              `/api/scaffolder/v2/tasks/${taskBefore.id}`,
              signIn.backstageIdentity.token,
            ),
          );
          if (
            task.status !== taskBefore.status ||
            task.createdAt !== taskBefore.createdAt
          ) {
            throw new Error(`found ${task.status} created ${task.createdAt}`);
          }
          return `task ${task.id} ${task.status}`;
        },
      );
      await noWarnings(`${label} after a restart`, second.backend);
    } finally {
      await stopProcess(second.backend);
    }
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

async function main() {
  const started = Date.now();
  if (
    await fetch(BASE_URL, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => false,
    )
  ) {
    record('preconditions', false, `something already answers on ${BASE_URL}`);
    return;
  }
  console.log(
    `==> production smoke: devstack on ports ${Object.values(
      DEVSTACK_PORTS,
    ).join(', ')}, logs in ${logDir}`,
  );
  const devstack = startProcess(
    'yarn',
    ['devstack'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...Object.fromEntries(
          Object.entries(DEVSTACK_PORTS).map(([k, v]) => [k, String(v)]),
        ),
        DEVSTACK_QUIET: '1',
        DEVSTACK_TIME_SCALE: '0.1',
        DEVSTACK_PORTAL_REDIRECT_URIS: SIGN_IN_CALLBACK,
      },
    },
    path.join(logDir, 'devstack.log'),
  );
  try {
    const devstackUp = await check('the devstack starts', () =>
      waitFor(
        'the devstack answered',
        120,
        async () =>
          (
            await fetch(
              `http://127.0.0.1:${DEVSTACK_PORTS.DEVSTACK_IDP_PORT}/.well-known/openid-configuration`,
            )
          ).ok,
      ),
    );
    if (!devstackUp) return;
    await frontendBundleCheck();
    await missingSettingScenario();
    await badIdpSettingScenario();
    await badServiceAccountScenario();
    await shutdownScenario();
    await postgresScenario();
    await sqliteScenario();
    await openchoreoSignInScenario();
  } finally {
    await stopProcess(devstack, 20);
    console.log(
      `==> production smoke: checks took ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)}s`,
    );
  }
}

main()
  .catch(error =>
    record('production smoke', false, error.stack ?? String(error)),
  )
  .finally(() => {
    const passed = checks.filter(c => c.ok).length;
    const failed = checks.length - passed;
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    fs.writeFileSync(
      reportFile,
      JSON.stringify(
        { tool: 'production-smoke', passed, failed, checks },
        null,
        2,
      ),
    );
    console.log(`==> production smoke: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  });
