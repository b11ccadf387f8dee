import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  configureWorkloadMeanwhile,
  ensureComponent,
  resetProxies,
  startTestDevstack,
} from './__testUtils__/devstack';
import {
  startFaultProxy,
  unusedUrl,
  type FaultProxy,
  type InjectedResponse,
  type SeenRequest,
} from './__testUtils__/faultProxy';
import {
  CI_ENVIRONMENTS,
  GITHUB_ENV,
  JENKINS_ENV,
} from './__testUtils__/provenanceCases';
import { ExitCode } from './errors';
import { main } from './main';
import type { RetryPolicy } from './retry';

const COMPONENT = 'orders-service';
const PROJECT = 'demo-project';
const WORKLOAD = `${COMPONENT}-workload`;
const NOW = new Date('2026-05-04T10:20:30.456Z');
/** The provenance of a run outside any CI: only the publish time and the publisher. */
const LOCAL_PROVENANCE = {
  'ci.openchoreo-ci.dev/published-at': '2026-05-04T10:20:30Z',
  'ci.openchoreo-ci.dev/publisher': 'openchoreo-publish-workload/0.1.0',
};
const FAST_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 3,
  initialDelayMs: 5,
  maxDelayMs: 20,
  maxTotalMs: 5000,
};

describe('openchoreo-publish-workload publish, against the devstack', () => {
  let devstack: Devstack;
  let api: FaultProxy;
  let idp: FaultProxy;
  let secret: string;
  const allOutput: string[] = [];

  beforeAll(async () => {
    devstack = await startTestDevstack();
    secret = devstack.idp.clients.workloadPublisher.clientSecret;
    api = await startFaultProxy(devstack.api.url);
    idp = await startFaultProxy(devstack.idp.tokenUrl);
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
    await devstack?.close();
  });

  beforeEach(() => {
    resetProxies(api, idp);
    devstack.api.store.delete('Workload', 'default', WORKLOAD);
    ensureComponent(devstack, PROJECT, COMPONENT);
  });

  const tokenUrl = () => `${idp.url}${new URL(devstack.idp.tokenUrl).pathname}`;

  async function run(
    args: string[],
    options: {
      env?: Record<string, string | undefined>;
      retry?: Partial<RetryPolicy>;
    } = {},
  ) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await main(['publish', ...args], {
      env: {
        OPENCHOREO_API_URL: api.url,
        OPENCHOREO_TOKEN_URL: tokenUrl(),
        OPENCHOREO_NAMESPACE: 'default',
        OPENCHOREO_PROJECT: PROJECT,
        OPENCHOREO_COMPONENT: COMPONENT,
        OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
        OPENCHOREO_CLIENT_SECRET: secret,
        ...options.env,
      },
      cwd: __dirname,
      stdout: line => stdout.push(line),
      stderr: line => stderr.push(line),
      retry: { ...FAST_RETRY, ...options.retry },
      now: () => NOW,
    });
    allOutput.push(...stdout, ...stderr);
    return { code, stdout, stderr, error: stderr.join('\n') };
  }

  const storedWorkload = () =>
    devstack.api.store.get('Workload', 'default', WORKLOAD);
  const calls = () => api.requests.map(r => `${r.method} ${r.path}`);
  const injectWhen = (
    match: (r: SeenRequest) => boolean,
    responses: InjectedResponse[],
  ) => {
    api.inject = r => (match(r) ? responses.shift() : undefined);
  };
  const isPost = (r: SeenRequest) => r.method === 'POST';

  it('creates the Workload (201), then on 409 changes only the image (GET, PUT)', async () => {
    const first = await run(['--image', 'registry.example.com/orders:1']);
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(ExitCode.Ok);
    expect(first.stdout).toEqual([
      `Publishing image registry.example.com/orders:1 as workload ${WORKLOAD} of component default/${PROJECT}/${COMPONENT} (image only)`,
      `Token: obtained from ${tokenUrl()} for client openchoreo-workload-publisher-client`,
      `POST ${api.url}/api/v1/namespaces/default/workloads: 201`,
      `Published: created workload ${WORKLOAD} in namespace default with image registry.example.com/orders:1`,
    ]);
    expect(storedWorkload()?.spec).toEqual({
      owner: { projectName: PROJECT, componentName: COMPONENT },
      container: { image: 'registry.example.com/orders:1' },
    });
    expect(storedWorkload()?.metadata.annotations).toEqual(LOCAL_PROVENANCE);

    // Someone configured the Workload meanwhile: an image-only publish must keep that.
    const expected = configureWorkloadMeanwhile(
      devstack,
      WORKLOAD,
      'orders',
      'registry.example.com/orders:2',
    );
    api.requests.length = 0;

    const second = await run(['--image', 'registry.example.com/orders:2']);
    expect(second.code).toBe(ExitCode.Ok);
    expect(calls()).toEqual([
      'POST /api/v1/namespaces/default/workloads',
      `GET /api/v1/namespaces/default/workloads/${WORKLOAD}`,
      `PUT /api/v1/namespaces/default/workloads/${WORKLOAD}`,
    ]);
    expect(second.stdout.slice(2)).toEqual([
      `POST ${api.url}/api/v1/namespaces/default/workloads: 409`,
      `GET ${api.url}/api/v1/namespaces/default/workloads/${WORKLOAD}: 200 (workload ${WORKLOAD} exists; changing only its image and the provenance)`,
      `PUT ${api.url}/api/v1/namespaces/default/workloads/${WORKLOAD}: 200`,
      `Published: updated workload ${WORKLOAD} in namespace default with image registry.example.com/orders:2`,
    ]);
    expect(storedWorkload()?.spec).toEqual(expected.spec);
    expect(storedWorkload()?.metadata.labels).toEqual(expected.labels);
    expect(storedWorkload()?.metadata.annotations).toEqual({
      ...LOCAL_PROVENANCE,
      ...expected.annotations,
    });
    // One token per run.
    expect(idp.requests).toHaveLength(2);
  });

  it("on 409 replaces the previous run's provenance whole, keeping other annotations", async () => {
    const github = await run(['--image', 'registry.example.com/orders:gh'], {
      env: GITHUB_ENV,
    });
    expect(github.code).toBe(ExitCode.Ok);
    expect(github.stdout[0]).toBe(
      `Publishing image registry.example.com/orders:gh as workload ${WORKLOAD} of component default/${PROJECT}/${COMPONENT} ` +
        '(image only, github-actions Build and publish #17, commit 0123456789ab, ref release/1.2)',
    );
    const configured = storedWorkload()!;
    configured.metadata.annotations = {
      ...configured.metadata.annotations,
      'team.example.com/owner': 'orders',
    };
    devstack.api.store.replace(configured);

    const jenkins = await run(['--image', 'registry.example.com/orders:j'], {
      env: JENKINS_ENV,
    });
    expect(jenkins.code).toBe(ExitCode.Ok);
    expect(storedWorkload()?.metadata.annotations).toEqual({
      'team.example.com/owner': 'orders',
      ...CI_ENVIRONMENTS.find(c => c.name === 'Jenkins')!.annotations,
      ...LOCAL_PROVENANCE,
    });
    // GitHub's repository annotation did not survive the Jenkins publish.
    expect(
      storedWorkload()?.metadata.annotations?.[
        'ci.openchoreo-ci.dev/repository'
      ],
    ).toBeUndefined();
  });

  it('with a descriptor, on 409 PUTs the converted spec, keeping labels and other annotations', async () => {
    expect(
      (await run(['--image', 'registry.example.com/orders-service:6'])).code,
    ).toBe(ExitCode.Ok);
    const existing = storedWorkload()!;
    existing.metadata.labels = { team: 'orders' };
    existing.metadata.annotations = {
      ...existing.metadata.annotations,
      'team.example.com/owner': 'orders',
    };
    devstack.api.store.replace(existing);
    api.requests.length = 0;
    const result = await run([
      '--image',
      'registry.example.com/orders-service:7',
      '--descriptor',
      '__fixtures__/full-descriptor/workload.yaml',
    ]);
    expect(result.error).toBe('');
    expect(result.code).toBe(ExitCode.Ok);
    expect(calls()).toEqual([
      'POST /api/v1/namespaces/default/workloads',
      `GET /api/v1/namespaces/default/workloads/${WORKLOAD}`,
      `PUT /api/v1/namespaces/default/workloads/${WORKLOAD}`,
    ]);
    const expected = JSON.parse(
      readFileSync(
        join(__dirname, '__fixtures__/full-descriptor/expected-workload.json'),
        'utf8',
      ),
    );
    expect(JSON.parse(api.requests[2].body)).toEqual({
      ...expected,
      metadata: {
        ...expected.metadata,
        labels: { team: 'orders' },
        annotations: {
          'team.example.com/owner': 'orders',
          ...LOCAL_PROVENANCE,
        },
      },
    });
    expect(storedWorkload()?.spec).toEqual(expected.spec);
  });

  it('--dry-run prints the Workload JSON and calls nothing', async () => {
    const result = await run(
      [
        '--image',
        'registry.example.com/orders-service:7',
        '--descriptor',
        '__fixtures__/full-descriptor/workload.yaml',
        '--dry-run',
      ],
      {
        env: {
          OPENCHOREO_CLIENT_ID: undefined,
          OPENCHOREO_CLIENT_SECRET: undefined,
        },
      },
    );
    expect(result.code).toBe(ExitCode.Ok);
    const expected = JSON.parse(
      readFileSync(
        join(__dirname, '__fixtures__/full-descriptor/expected-workload.json'),
        'utf8',
      ),
    );
    expect(JSON.parse(result.stdout.join('\n'))).toEqual({
      ...expected,
      metadata: { ...expected.metadata, annotations: LOCAL_PROVENANCE },
    });
    expect(api.requests).toHaveLength(0);
    expect(idp.requests).toHaveLength(0);
    expect(storedWorkload()).toBeUndefined();
  });

  describe('errors say what to do, with distinct exit codes', () => {
    it('wrong client secret: exit 3, names the token URL, never prints the secret', async () => {
      const wrong = 'wrong-secret-4711';
      const result = await run(['--image', 'r/i:1'], {
        env: { OPENCHOREO_CLIENT_SECRET: wrong },
      });
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.error).toContain(
        `Error: The identity provider at ${tokenUrl()} refused the client credentials of client "openchoreo-workload-publisher-client" (401`,
      );
      expect(result.error).toContain(
        'check OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET',
      );
      expect([...result.stdout, ...result.stderr].join('\n')).not.toContain(
        wrong,
      );
      expect(api.requests).toHaveLength(0);
    });

    it('redacts the secret even when a server echoes it back', async () => {
      idp.inject = () => ({
        status: 400,
        body: {
          error: 'invalid_client',
          error_description: `bad secret ${secret}`,
        },
      });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.error).toContain('(invalid_client: bad secret ***)');
      expect(result.error).not.toContain(secret);
    });

    it('API 401 once (token expired mid-run): one new token, then success', async () => {
      injectWhen(isPost, [
        {
          status: 401,
          body: { error: 'INVALID_TOKEN', message: 'token is expired' },
        },
      ]);
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.Ok);
      expect(idp.requests).toHaveLength(2);
      expect(calls()).toEqual([
        'POST /api/v1/namespaces/default/workloads',
        'POST /api/v1/namespaces/default/workloads',
      ]);
      expect(api.requests[0].authorization).not.toBe(
        api.requests[1].authorization,
      );
      expect(result.stdout).toContain(
        `POST ${api.url}/api/v1/namespaces/default/workloads: 401, the token was rejected; requesting a new one`,
      );
      expect(storedWorkload()?.spec?.container).toEqual({ image: 'r/i:1' });
    });

    it('API 401 again after a new token: exit 3, token URL named, refreshed only once', async () => {
      api.inject = () => ({
        status: 401,
        body: { error: 'INVALID_TOKEN', message: 'Token validation failed' },
      });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.error).toContain(
        'The OpenChoreo API rejected the access token (401 (INVALID_TOKEN: Token validation failed)) even after a new token was requested',
      );
      expect(result.error).toContain('the token expired');
      expect(result.error).toContain('--token-url (OPENCHOREO_TOKEN_URL)');
      expect(idp.requests).toHaveLength(2);
      expect(api.requests).toHaveLength(2);
    });

    it('403: exit 3, the service account lacks permission for the namespace', async () => {
      api.inject = () => ({
        status: 403,
        body: { error: 'Forbidden', code: 'FORBIDDEN' },
      });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.Auth);
      expect(result.error).toBe(
        'Error: The service account "openchoreo-workload-publisher-client" may not publish workloads in namespace "default" (403 (FORBIDDEN: Forbidden)): ' +
          'grant it a role that allows creating and updating Workloads in that namespace.',
      );
      expect(api.requests).toHaveLength(1);
    });

    it('component does not exist: exit 4, create it in the portal first', async () => {
      const result = await run([
        '--image',
        'r/i:1',
        '--component',
        'no-such-component',
      ]);
      expect(result.code).toBe(ExitCode.NotFound);
      expect(result.error).toContain(
        'Component "no-such-component" of project "demo-project" in namespace "default" does not exist (POST answered 400',
      );
      expect(result.error).toContain(
        'create it in the portal first (Create → External CI), and check that the namespace, project and component names match exactly.',
      );
    });

    it('404 from the API: exit 4 with the same advice', async () => {
      api.inject = () => ({
        status: 404,
        body: { error: 'Namespace not found', code: 'NOT_FOUND' },
      });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.NotFound);
      expect(result.error).toContain(
        'does not exist (POST answered 404 (NOT_FOUND: Namespace not found))',
      );
    });

    it('PUT 404 after a 409: exit 4, says the Workload vanished', async () => {
      await run(['--image', 'r/i:1']);
      api.requests.length = 0;
      injectWhen(
        r => r.method === 'PUT',
        [
          {
            status: 404,
            body: { error: 'Workload not found', code: 'NOT_FOUND' },
          },
        ],
      );
      const result = await run(['--image', 'r/i:2']);
      expect(result.code).toBe(ExitCode.NotFound);
      expect(result.error).toContain(
        `Workload "${WORKLOAD}" in namespace "default" was reported as existing (409) but PUT answered 404`,
      );
    });

    it('API refuses the Workload (422): exit 2, never retried', async () => {
      api.inject = () => ({
        status: 422,
        body: {
          error: 'spec.endpoints.x.port: must be an integer',
          code: 'UNPROCESSABLE_CONTENT',
        },
      });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.BadInput);
      expect(result.error).toContain(
        'refused the Workload "orders-service-workload" (POST 422',
      );
      expect(api.requests).toHaveLength(1);
    });

    it('connection refused: exit 5, the API URL is not reachable from the runner', async () => {
      const nowhere = await unusedUrl();
      const result = await run(['--image', 'r/i:1', '--api-url', nowhere]);
      expect(result.code).toBe(ExitCode.Unavailable);
      expect(result.error).toBe(
        `Error: Cannot reach the OpenChoreo API at ${nowhere}/api/v1 (ECONNREFUSED, 3 attempt(s)): the API URL is not reachable from the CI runner. ` +
          'Check OPENCHOREO_API_URL (--api-url) and that firewalls let the runner reach the API.',
      );
    });

    it('token URL refused: exit 5, names the token URL', async () => {
      const nowhere = `${await unusedUrl()}/oauth2/token`;
      const result = await run(['--image', 'r/i:1'], {
        env: { OPENCHOREO_TOKEN_URL: nowhere },
      });
      expect(result.code).toBe(ExitCode.Unavailable);
      expect(result.error).toContain(
        `Cannot reach the token URL ${nowhere} (ECONNREFUSED, 3 attempt(s))`,
      );
    });

    it('bad input: exit 2 naming each missing flag and its variable', async () => {
      const result = await run([], {
        env: { OPENCHOREO_COMPONENT: undefined, OPENCHOREO_API_URL: 'ftp://x' },
      });
      expect(result.code).toBe(ExitCode.BadInput);
      expect(result.error).toBe(
        [
          'Error: Cannot publish:',
          '  - --component (or OPENCHOREO_COMPONENT) is required',
          '  - --image (or OPENCHOREO_IMAGE / IMAGE) is required',
          '  - --api-url "ftp://x" is not an http(s) URL',
          'See --help.',
        ].join('\n'),
      );
      expect(api.requests).toHaveLength(0);
    });

    it('reads every flag from the environment (IMAGE included)', async () => {
      const result = await run([], {
        env: { IMAGE: 'registry.example.com/orders:env' },
      });
      expect(result.code).toBe(ExitCode.Ok);
      expect(storedWorkload()?.spec?.container).toEqual({
        image: 'registry.example.com/orders:env',
      });
    });

    it('refuses credentials as flags without echoing them, and requires them in the environment', async () => {
      const flag = await run(['--image', 'r/i:1', `--client-secret=${secret}`]);
      expect(flag.code).toBe(ExitCode.BadInput);
      expect(flag.error).toBe(
        'Error: --client-secret is not a flag: client credentials are read only from the environment variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET.',
      );
      const missing = await run(['--image', 'r/i:1'], {
        env: { OPENCHOREO_CLIENT_SECRET: undefined },
      });
      expect(missing.code).toBe(ExitCode.BadInput);
      expect(missing.error).toContain(
        'Set the environment variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET',
      );
      expect(api.requests).toHaveLength(0);
      expect(idp.requests).toHaveLength(0);
    });

    it('a bad descriptor: exit 2, nothing called', async () => {
      const result = await run([
        '--image',
        'r/i:1',
        '--descriptor',
        '__fixtures__/invalid-descriptor/workload.yaml',
      ]);
      expect(result.code).toBe(ExitCode.BadInput);
      expect(result.error).toContain(
        'invalid-descriptor/workload.yaml is invalid:',
      );
      expect(idp.requests).toHaveLength(0);
    });
  });

  describe('retries', () => {
    it('recovers from injected 429 and 503 answers', async () => {
      injectWhen(isPost, [
        { status: 503, body: { error: 'upstream unavailable' } },
        { status: 429, body: { error: 'slow down' } },
      ]);
      idp.inject = (() => {
        const answers: InjectedResponse[] = [{ status: 502 }];
        return () => answers.shift();
      })();
      const result = await run(['--image', 'r/i:retry']);
      expect(result.error).toBe('');
      expect(result.code).toBe(ExitCode.Ok);
      expect(calls()).toEqual(
        Array(3).fill('POST /api/v1/namespaces/default/workloads'),
      );
      expect(idp.requests).toHaveLength(2);
      expect(
        result.stdout.filter(line => line.includes('; retrying in ')),
      ).toHaveLength(3);
      expect(storedWorkload()?.spec?.container).toEqual({ image: 'r/i:retry' });
    });

    it('gives up after the attempts: exit 5', async () => {
      api.inject = () => ({ status: 503, body: { error: 'down' } });
      const result = await run(['--image', 'r/i:1']);
      expect(result.code).toBe(ExitCode.Unavailable);
      expect(api.requests).toHaveLength(3);
      expect(result.error).toContain(
        `POST ${api.url}/api/v1/namespaces/default/workloads answered 503 (down) after 3 attempt(s): OpenChoreo is unavailable, try again later.`,
      );
    });

    it('gives up within the total time bound', async () => {
      api.inject = () => ({ status: 500 });
      const started = Date.now();
      const result = await run(['--image', 'r/i:1'], {
        retry: {
          maxAttempts: 1000,
          initialDelayMs: 40,
          maxDelayMs: 80,
          maxTotalMs: 300,
        },
      });
      expect(result.code).toBe(ExitCode.Unavailable);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(api.requests.length).toBeGreaterThan(1);
      expect(api.requests.length).toBeLessThan(40);
    });
  });

  // Runs last (jest keeps the order): whatever happened above, the secret was never printed.
  it('never printed the client secret in any run above', () => {
    expect(allOutput.length).toBeGreaterThan(50);
    expect(allOutput.filter(line => line.includes(secret))).toEqual([]);
  });
});
