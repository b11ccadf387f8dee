#!/usr/bin/env node
/*
 * Waits until the portal started by scripts/start.sh answers (the backend's readiness check and
 * the frontend's page), then prints in one block where to open it, who can sign in and how long
 * the start took. Exits quietly when the process it watches (start.sh) is gone first.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/portal-ready.js \
 *     <start time, epoch seconds> <pid to watch> <devstack: on|off>
 */
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const [startedAt, watchedPid, devstack = 'on'] = process.argv.slice(2);
const repoRoot = path.resolve(__dirname, '..');

const config = parse(
  readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);
const frontendUrl = config.app.baseUrl;
const backendUrl = config.backend.baseUrl;

function alive(pid) {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

async function answersOk(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function signInLines() {
  if (devstack === 'off') {
    return [
      "Sign in as the portal's configuration says (DEVSTACK=off: no devstack users).",
    ];
  }
  // The devstack's own seed, so the list is always the users its identity provider accepts.
  const { seedUsers } = require('../packages/openchoreo-devstack/src/idp/seed');
  const {
    describeAccess,
  } = require('../packages/openchoreo-devstack/src/api/authz/decide');
  return [
    'Sign in with "OpenChoreo" as one of the devstack\'s users (email / password):',
    ...seedUsers.flatMap(u => [
      `  ${u.email} / ${u.password}`,
      `      access: ${describeAccess(u.groups)}`,
    ]),
    'or choose "Guest".',
  ];
}

(async () => {
  for (;;) {
    if (!alive(watchedPid)) return;
    if (
      (await answersOk(`${backendUrl}/.backstage/health/v1/readiness`)) &&
      (await answersOk(frontendUrl))
    ) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  const took = Math.round(Date.now() / 1000 - Number(startedAt));
  const lines = [
    `The portal is ready at ${frontendUrl} (started in ${duration(took)}).`,
    ...signInLines(),
    `Backend: ${backendUrl}. Stop everything with Ctrl+C.`,
  ];
  const rule = '='.repeat(
    Math.min(100, Math.max(...lines.map(line => line.length))),
  );
  process.stdout.write(`\n${[rule, ...lines, rule].join('\n')}\n\n`);
})();
