import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
} from './__testUtils__/faultProxy';
import {
  BAD_PROVENANCE,
  CI_ENVIRONMENTS,
  GITHUB_ENV,
  JENKINS_ENV,
} from './__testUtils__/provenanceCases';
import {
  CI_SHELLS,
  JWT_PATTERN,
  runShell,
  type ShellRun,
} from './__testUtils__/runShell';
import { PUBLISH_SCRIPT_PATH } from './generate/scriptModule';

const SCRIPT = readFileSync(PUBLISH_SCRIPT_PATH, 'utf8');
const PROJECT = 'demo-project';
const COMPONENT = 'payments';
const WORKLOAD = `${COMPONENT}-workload`;
const PUBLISHED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('scripts/publish-workload.sh (sh, curl, jq) against the devstack', () => {
  let devstack: Devstack;
  let api: FaultProxy;
  let idp: FaultProxy;
  let secret: string;
  const runs: ShellRun[] = [];
  const tokens = new Set<string>();

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
    for (const request of api.requests) {
      if (request.authorization) tokens.add(request.authorization.slice(7));
    }
    resetProxies(api, idp);
    devstack.api.store.delete('Workload', 'default', WORKLOAD);
    ensureComponent(devstack, PROJECT, COMPONENT);
  });

  const baseEnv = () => ({
    // The Helm chart's form of the API URL, with /api/v1.
    OPENCHOREO_API_URL: `${api.url}/api/v1`,
    OPENCHOREO_TOKEN_URL: `${idp.url}${
      new URL(devstack.idp.tokenUrl).pathname
    }`,
    OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
    OPENCHOREO_CLIENT_SECRET: secret,
    OPENCHOREO_PROJECT: PROJECT,
    OPENCHOREO_COMPONENT: COMPONENT,
    OPENCHOREO_MAX_ATTEMPTS: '1',
  });

  async function publish(
    env: Record<string, string | undefined>,
    shell: readonly string[] = CI_SHELLS.bash,
  ) {
    const result = await runShell(shell, SCRIPT, { ...baseEnv(), ...env });
    runs.push(result);
    return result;
  }

  const stored = () => devstack.api.store.get('Workload', 'default', WORKLOAD);
  const calls = () => api.requests.map(r => `${r.method} ${r.path}`);

  it.each([
    ['sh (dash)', ['sh']],
    ['bash', CI_SHELLS.bash],
  ] as const)(
    '%s: POST (201), then 409 -> GET + PUT replacing the image and the provenance only',
    async (_name, shell) => {
      const first = await publish(
        { ...JENKINS_ENV, IMAGE: 'registry.example.com/payments:1' },
        shell,
      );
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout.split('\n')).toEqual([
        expect.stringMatching(
          /^Publishing image registry.example.com\/payments:1 as workload payments-workload of component default\/demo-project\/payments \(platform=jenkins pipeline=demo-project\/orders run-number=42 .* publisher=publish-workload.sh\)$/,
        ),
        `Token: obtained from ${
          baseEnv().OPENCHOREO_TOKEN_URL
        } for client openchoreo-workload-publisher-client`,
        `POST ${api.url}/api/v1/namespaces/default/workloads: 201`,
        'Published: created workload payments-workload in namespace default with image registry.example.com/payments:1',
        '',
      ]);
      expect(stored()?.spec).toEqual({
        owner: { projectName: PROJECT, componentName: COMPONENT },
        container: { image: 'registry.example.com/payments:1' },
      });
      const jenkinsAnnotations = CI_ENVIRONMENTS[0].annotations;
      expect(stored()?.metadata.annotations).toEqual({
        ...jenkinsAnnotations,
        'ci.openchoreo-ci.dev/published-at':
          expect.stringMatching(PUBLISHED_AT),
        'ci.openchoreo-ci.dev/publisher': 'publish-workload.sh',
      });

      // Someone configured the Workload and labelled it meanwhile: all of that stays.
      const expected = configureWorkloadMeanwhile(
        devstack,
        WORKLOAD,
        'payments',
        'registry.example.com/payments:2',
      );
      api.requests.length = 0;

      const second = await publish(
        { ...GITHUB_ENV, IMAGE: 'registry.example.com/payments:2' },
        shell,
      );
      expect(second.code).toBe(0);
      expect(calls()).toEqual([
        'POST /api/v1/namespaces/default/workloads',
        `GET /api/v1/namespaces/default/workloads/${WORKLOAD}`,
        `PUT /api/v1/namespaces/default/workloads/${WORKLOAD}`,
      ]);
      expect(second.stdout).toContain(
        `PUT ${api.url}/api/v1/namespaces/default/workloads/${WORKLOAD}: 200\nPublished: updated workload ${WORKLOAD}`,
      );
      expect(stored()?.spec).toEqual(expected.spec);
      expect(stored()?.metadata.labels).toEqual(expected.labels);
      // Jenkins' provenance is gone whole (no run-url of the old build survives).
      expect(stored()?.metadata.annotations).toEqual({
        ...expected.annotations,
        ...CI_ENVIRONMENTS[1].annotations,
        'ci.openchoreo-ci.dev/published-at':
          expect.stringMatching(PUBLISHED_AT),
        'ci.openchoreo-ci.dev/publisher': 'publish-workload.sh',
      });
    },
  );

  it.each(CI_ENVIRONMENTS)(
    '$name: records the same provenance as the CLI',
    async ({ env, annotations }) => {
      const result = await publish({ ...env, IMAGE: 'r.example.com/p:1' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(stored()?.metadata.annotations).toEqual({
        ...annotations,
        'ci.openchoreo-ci.dev/published-at':
          expect.stringMatching(PUBLISHED_AT),
        'ci.openchoreo-ci.dev/publisher': 'publish-workload.sh',
      });
    },
  );

  it.each(BAD_PROVENANCE)(
    "$name: exit 2 with the CLI's message, nothing called",
    async ({ env, message }) => {
      const result = await publish({ ...env, IMAGE: 'r.example.com/p:1' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Error: Cannot publish:\n  - ');
      expect(result.stderr).toContain(message);
      expect(idp.requests).toHaveLength(0);
      expect(api.requests).toHaveLength(0);
    },
  );

  it('missing and malformed inputs: exit 2 listing each, nothing called', async () => {
    const result = await publish({
      OPENCHOREO_COMPONENT: undefined,
      OPENCHOREO_CLIENT_SECRET: undefined,
      OPENCHOREO_NAMESPACE: 'Not_A_Name',
      OPENCHOREO_API_URL: 'api.example.com',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'Error: Cannot publish:',
        '  - OPENCHOREO_COMPONENT is required',
        '  - OPENCHOREO_CLIENT_SECRET is required',
        '  - IMAGE (or OPENCHOREO_IMAGE) is required: the image reference the pipeline pushed',
        '  - OPENCHOREO_API_URL "api.example.com" is not an http(s) URL',
        '  - OPENCHOREO_NAMESPACE "Not_A_Name" is not a valid name (lowercase letters, digits and -, at most 63 characters)',
        '',
      ].join('\n'),
    );
    expect(idp.requests).toHaveLength(0);
  });

  it("THUNDER_URL (the Jenkins credential of OpenChoreo's guide) stands for the token URL", async () => {
    const result = await publish({
      OPENCHOREO_TOKEN_URL: undefined,
      THUNDER_URL: `${idp.url}/`,
      IMAGE: 'r.example.com/p:thunder',
    });
    expect(result.code).toBe(0);
    expect(idp.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /oauth2/token',
    ]);
  });

  describe("errors say what to do, with the CLI's exit codes", () => {
    it('wrong client secret: exit 3; the secret is never printed, even when the IdP echoes it', async () => {
      const wrong = 'wrong-secret-4711';
      const refused = await publish({
        OPENCHOREO_CLIENT_SECRET: wrong,
        IMAGE: 'r/i:1',
      });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(
        "refused the client credentials of client 'openchoreo-workload-publisher-client' (401",
      );
      expect(refused.stderr).toContain(
        'check OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET',
      );
      expect(refused.output).not.toContain(wrong);

      idp.inject = () => ({
        status: 400,
        body: {
          error: 'invalid_client',
          error_description: `bad secret ${secret}`,
        },
      });
      const echoed = await publish({ IMAGE: 'r/i:1' });
      expect(echoed.code).toBe(3);
      expect(echoed.stderr).toContain('(400 (invalid_client: bad secret ***))');
      expect(echoed.output).not.toContain(secret);
      expect(api.requests).toHaveLength(0);
    });

    it('a token endpoint that answers without a token: exit 3', async () => {
      idp.inject = () => ({ status: 200, body: { token_type: 'Bearer' } });
      const result = await publish({ IMAGE: 'r/i:1' });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('answered 200 without an access_token');
    });

    it('403: exit 3 naming the service account and namespace', async () => {
      api.inject = () => ({
        status: 403,
        body: { error: 'Forbidden', code: 'FORBIDDEN' },
      });
      const result = await publish({ IMAGE: 'r/i:1' });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        "The service account 'openchoreo-workload-publisher-client' may not publish workloads in namespace 'default' (403 (FORBIDDEN: Forbidden))",
      );
    });

    it('the component does not exist: exit 4, create it in the portal first', async () => {
      const result = await publish({
        OPENCHOREO_COMPONENT: 'no-such-component',
        IMAGE: 'r/i:1',
      });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(
        "Component 'no-such-component' of project 'demo-project' in namespace 'default' does not exist (POST answered 400",
      );
      expect(result.stderr).toContain('create it in the portal first');
    });

    it('PUT 404 after a 409: exit 4, the Workload vanished', async () => {
      expect((await publish({ IMAGE: 'r/i:1' })).code).toBe(0);
      api.inject = r =>
        r.method === 'PUT'
          ? { status: 404, body: { error: 'Workload not found' } }
          : undefined;
      const result = await publish({ IMAGE: 'r/i:2' });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(
        'was reported as existing (409) but PUT answered 404',
      );
    });

    it('the API refuses the Workload (422): exit 2', async () => {
      api.inject = () => ({
        status: 422,
        body: { error: 'spec.container.image: Required value' },
      });
      const result = await publish({ IMAGE: 'r/i:1' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        "The OpenChoreo API refused the Workload 'payments-workload' (POST 422 (spec.container.image: Required value))",
      );
    });

    it('503, then success on the retry', async () => {
      const answers = [{ status: 503, body: { error: 'down' } }];
      api.inject = () => answers.shift();
      const result = await publish({
        IMAGE: 'r/i:retry',
        OPENCHOREO_MAX_ATTEMPTS: '2',
      });
      expect(result.code).toBe(0);
      expect(calls()).toEqual([
        'POST /api/v1/namespaces/default/workloads',
        'POST /api/v1/namespaces/default/workloads',
      ]);
      expect(stored()?.spec?.container).toEqual({ image: 'r/i:retry' });
    });

    it('503 after the attempts: exit 5', async () => {
      api.inject = () => ({ status: 503, body: { error: 'down' } });
      const result = await publish({ IMAGE: 'r/i:1' });
      expect(result.code).toBe(5);
      expect(result.stderr).toContain(
        'POST of workload payments-workload answered 503 (down) after 1 attempt(s): OpenChoreo is unavailable, try again later.',
      );
    });

    it('the API or the IdP unreachable: exit 5 naming the URL', async () => {
      const nowhere = await unusedUrl();
      const noApi = await publish({
        IMAGE: 'r/i:1',
        OPENCHOREO_API_URL: nowhere,
      });
      expect(noApi.code).toBe(5);
      expect(noApi.stderr).toContain(
        `Error: Cannot reach the OpenChoreo API at ${nowhere}/api/v1: the API URL is not reachable from the CI runner.`,
      );
      const noIdp = await publish({
        IMAGE: 'r/i:1',
        OPENCHOREO_TOKEN_URL: `${nowhere}/oauth2/token`,
      });
      expect(noIdp.code).toBe(5);
      expect(noIdp.stderr).toContain(
        `Error: Cannot reach the token URL ${nowhere}/oauth2/token`,
      );
    });

    it('curl missing on the runner: exit 2 saying to install it', async () => {
      const bin = mkdtempSync(join(tmpdir(), 'publish-no-curl-'));
      try {
        symlinkSync('/usr/bin/jq', join(bin, 'jq'));
        const result = await runShell(['/bin/sh'], SCRIPT, {
          ...baseEnv(),
          PATH: bin,
        });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
          'Error: curl is not installed on this runner: install it',
        );
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });
  });

  it("under Jenkins' `sh -xe` tracing neither the secret nor the token is printed", async () => {
    const result = await publish(
      { ...JENKINS_ENV, IMAGE: 'r/i:traced' },
      CI_SHELLS.jenkins,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('+ set +x\n');
    const token = api.requests[0].authorization!.slice(7);
    expect(token).toMatch(JWT_PATTERN);
    expect(result.output).not.toContain(token);
    expect(result.output).not.toContain(secret);
  });

  // Runs last (jest keeps the order): no run above printed the secret or a token.
  it('never printed the client secret or an access token', () => {
    for (const request of api.requests) {
      if (request.authorization) tokens.add(request.authorization.slice(7));
    }
    expect(runs.length).toBeGreaterThan(20);
    expect(tokens.size).toBeGreaterThan(5);
    const output = runs.map(r => r.output).join('\n');
    expect(output).not.toContain(secret);
    expect(output).not.toMatch(JWT_PATTERN);
    for (const token of tokens) expect(output).not.toContain(token);
  });
});
