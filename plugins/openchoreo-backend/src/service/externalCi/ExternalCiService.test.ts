import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ConflictError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import type { ExternalCiRunsResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { createMemoryCacheService } from '../../__testUtils__/memoryCacheService';
import { CoalescingCache } from '../coalescingCache';
import { createExternalCiService } from './createExternalCiService';
import type { ExternalCiService } from './ExternalCiService';
import type { ExternalCiTarget } from './externalCiTarget';

// Real HTTP against the devstack's GitHub and GitLab emulators.

const STOREFRONT: ExternalCiTarget = {
  platform: 'github-actions',
  slug: 'openchoreo/sample-workloads',
  annotation: 'github.com/project-slug',
};
const CHECKOUT: ExternalCiTarget = {
  platform: 'gitlab-ci',
  slug: 'openchoreo-demo/checkout-api',
  annotation: 'gitlab.com/project-slug',
};

function ok(response: ExternalCiRunsResponse) {
  if (response.state !== 'ok') {
    throw new Error(`expected runs, got ${JSON.stringify(response)}`);
  }
  return response;
}

function unavailable(response: ExternalCiRunsResponse) {
  if (response.state !== 'unavailable') {
    throw new Error(`expected unavailable, got ${JSON.stringify(response)}`);
  }
  return response;
}

describe('ExternalCiService against the devstack emulators', () => {
  let devstack: Devstack;
  const lines: string[] = [];
  const upstreamCalls = (server: 'github' | 'gitlab', path: string) =>
    lines.filter(line => line.startsWith(`[${server}] ${path} `)).length;

  const service = (
    integrations: Record<string, {}>,
    cacheTtlMs = 0,
  ): ExternalCiService => {
    const store = createMemoryCacheService();
    return createExternalCiService(
      new ConfigReader({
        integrations,
        openchoreo: { externalCi: { cacheTtlMs } },
      }),
      // As the plugin builds them; a fresh store per service, so tests do not share reads.
      ttlMs =>
        new CoalescingCache({
          ttlMs: cacheTtlMs === 0 ? 0 : ttlMs,
          store,
          logger: mockServices.logger.mock(),
          name: 'external-ci',
        }),
    );
  };
  const github = (token: string | undefined, apiBaseUrl?: string) =>
    service({
      github: [
        {
          host: new URL(devstack.github.url).host,
          apiBaseUrl: apiBaseUrl ?? devstack.github.url,
          ...(token ? { token } : {}),
        },
      ],
    });
  const gitlab = (token: string | undefined) =>
    service({
      gitlab: [
        {
          host: new URL(devstack.gitlab.url).host,
          apiBaseUrl: devstack.gitlab.apiUrl,
          baseUrl: devstack.gitlab.url,
          ...(token ? { token } : {}),
        },
      ],
    });

  beforeAll(async () => {
    devstack = await startDevstack({
      apiPort: 0,
      idpPort: 0,
      jenkinsPort: 0,
      timeScale: 0.002,
      logger: line => lines.push(line),
    });
  });
  afterAll(async () => {
    await devstack?.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  describe('GitHub Actions', () => {
    it('lists the runs newest first with status, workflow, branch, commit, duration and link', async () => {
      const res = ok(
        await github(devstack.github.tokens.write).runs(STOREFRONT, 1, 10),
      );
      expect(res.project).toEqual({
        slug: STOREFRONT.slug,
        host: new URL(devstack.github.url).host,
        webUrl: `${devstack.github.url}/openchoreo/sample-workloads`,
      });
      expect(res.canRerun).toBe(true);
      expect(res.hasNextPage).toBe(false);
      expect(res.runs.map(r => [r.status, r.pipeline, r.branch])).toEqual([
        ['running', 'Build and publish', 'main'],
        ['succeeded', 'Build and publish', 'main'],
        ['failed', 'Build and publish', 'feature/checkout-redesign'],
        ['succeeded', 'Lint', 'feature/checkout-redesign'],
        ['succeeded', 'Build and publish', 'main'],
      ]);
      const failed = res.runs[2];
      expect(failed).toMatchObject({
        statusText: 'failure',
        commit: 'c0ffee00d15ea5e0badc0de0f00dfacefeed1234',
        event: 'pull_request',
        actor: 'bob-dev',
        durationMs: 97_000,
        title: 'Redesign the checkout page',
      });
      expect(failed.url).toMatch(
        /\/openchoreo\/sample-workloads\/actions\/runs\/\d+$/,
      );
      expect(res.runs[0].finishedAt).toBeUndefined();
      expect(res.runs[0].durationMs).toBeGreaterThanOrEqual(3 * 60_000 - 1000);
    });

    it('pages', async () => {
      const ci = github(devstack.github.tokens.write);
      const first = ok(await ci.runs(STOREFRONT, 1, 2));
      const third = ok(await ci.runs(STOREFRONT, 3, 2));
      expect(first.runs).toHaveLength(2);
      expect(first.hasNextPage).toBe(true);
      expect(third.runs).toHaveLength(1);
      expect(third.hasNextPage).toBe(false);
    });

    it('works with a GitHub Enterprise API base URL (/api/v3)', async () => {
      const res = ok(
        await github(
          devstack.github.tokens.readOnly,
          devstack.github.enterpriseApiUrl,
        ).runs(STOREFRONT, 1, 5),
      );
      expect(res.runs).toHaveLength(5);
      expect(res.canRerun).toBe(false);
      expect(res.runs[0].url).toContain('/actions/runs/');
    });

    it('says so when the repository does not exist', async () => {
      const res = unavailable(
        await github(devstack.github.tokens.write).runs(
          { ...STOREFRONT, slug: 'openchoreo/no-such-repo' },
          1,
          10,
        ),
      );
      expect(res.reason).toBe('not-found');
      expect(res.message).toContain('"openchoreo/no-such-repo" was not found');
      expect(res.message).toContain('github.com/project-slug');
    });

    it('says the token was refused, without the token', async () => {
      const token = devstack.github.tokens.revoked;
      const res = unavailable(await github(token).runs(STOREFRONT, 1, 10));
      expect(res.reason).toBe('unauthorized');
      expect(res.message).toContain('Bad credentials');
      expect(res.message).toContain('GITHUB_TOKEN');
      expect(JSON.stringify(res)).not.toContain(token);
    });

    it('says when the rate limit resets', async () => {
      const before = Date.now();
      const res = unavailable(
        await github(devstack.github.tokens.rateLimited).runs(
          STOREFRONT,
          1,
          10,
        ),
      );
      expect(res.reason).toBe('rate-limited');
      expect(res.message).toContain('rate limit');
      expect(Date.parse(res.resetAt!)).toBeGreaterThan(before);
      expect(res.message).toContain(res.resetAt);
    });

    it('is not configured without a token', async () => {
      const ci = github(undefined);
      const res = unavailable(await ci.runs(STOREFRONT, 1, 10));
      expect(res.reason).toBe('not-configured');
      expect(res.message).toContain('integrations.github');
      await expect(ci.rerun(STOREFRONT, '1')).rejects.toBeInstanceOf(
        ServiceUnavailableError,
      );
      expect(ci.integrations()[0]).toMatchObject({
        platform: 'github-actions',
        configured: false,
      });
      expect(upstreamCalls('github', 'GET')).toBe(0);
    });

    it('says GitHub is unreachable when nothing answers', async () => {
      const res = unavailable(
        await github(devstack.github.tokens.write, 'http://127.0.0.1:9').runs(
          STOREFRONT,
          1,
          10,
        ),
      );
      expect(res.reason).toBe('unreachable');
      expect(res.message).toContain(
        'Could not reach GitHub at http://127.0.0.1:9',
      );
    });

    it('re-runs a failed run, and refuses a running one or a read-only token', async () => {
      const ci = github(devstack.github.tokens.write);
      const failed = ok(await ci.runs(STOREFRONT, 1, 10)).runs.find(
        r => r.status === 'failed',
      )!;
      const { run } = await ci.rerun(STOREFRONT, failed.id);
      expect(run.id).toBe(failed.id);
      expect(['queued', 'running']).toContain(run.status);
      await expect(ci.rerun(STOREFRONT, failed.id)).rejects.toBeInstanceOf(
        ConflictError,
      );
      const reader = github(devstack.github.tokens.readOnly);
      await expect(reader.rerun(STOREFRONT, failed.id)).rejects.toThrow(
        NotAllowedError,
      );
      await expect(reader.rerun(STOREFRONT, failed.id)).rejects.toThrow(
        /did not re-run it.*403/,
      );
    });

    it('polls GitHub once for all concurrent viewers of a repository', async () => {
      const ci = service(
        {
          github: [
            {
              host: new URL(devstack.github.url).host,
              apiBaseUrl: devstack.github.url,
              token: devstack.github.tokens.write,
            },
          ],
        },
        60_000,
      );
      const results = await Promise.all(
        Array.from({ length: 8 }, () => ci.runs(STOREFRONT, 1, 10)),
      );
      await ci.runs(STOREFRONT, 1, 10);
      expect(results.every(r => r.state === 'ok')).toBe(true);
      expect(
        upstreamCalls(
          'github',
          'GET /repos/openchoreo/sample-workloads/actions/runs',
        ),
      ).toBe(1);
      expect(
        upstreamCalls('github', 'GET /repos/openchoreo/sample-workloads'),
      ).toBe(1);
    });
  });

  describe('GitLab CI', () => {
    it('lists the pipelines by project path and by numeric id', async () => {
      const ci = gitlab(devstack.gitlab.tokens.write);
      const byPath = ok(await ci.runs(CHECKOUT, 1, 10));
      expect(byPath.canRerun).toBe(true);
      expect(byPath.project.webUrl).toBe(
        `${devstack.gitlab.url}/openchoreo-demo/checkout-api`,
      );
      expect(byPath.runs.map(r => [r.status, r.branch, r.event])).toEqual([
        ['running', 'main', 'push'],
        ['succeeded', 'main', 'push'],
        ['failed', 'feature/split-payments', 'merge_request_event'],
        ['succeeded', 'main', 'push'],
      ]);
      expect(byPath.runs[2]).toMatchObject({
        statusText: 'failed',
        commit: '0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a',
        actor: 'dave-dev',
        durationMs: 133_000,
      });
      expect(byPath.runs[2].url).toMatch(
        /\/openchoreo-demo\/checkout-api\/-\/pipelines\/\d+$/,
      );
      const byId = ok(
        await ci.runs(
          { ...CHECKOUT, slug: '4242', annotation: 'gitlab.com/project-id' },
          1,
          10,
        ),
      );
      expect(byId.runs.map(r => r.id)).toEqual(byPath.runs.map(r => r.id));
    });

    it('reads a finished pipeline once, a running one on every poll', async () => {
      const ci = gitlab(devstack.gitlab.tokens.readOnly);
      const first = ok(await ci.runs(CHECKOUT, 1, 10));
      const detailCalls = () =>
        lines.filter(l =>
          /^\[gitlab\] GET (\/api\/v4)?\/projects\/[^/]+\/pipelines\/\d+ /.test(
            l,
          ),
        ).length;
      expect(detailCalls()).toBe(4);
      await ci.runs(CHECKOUT, 1, 10);
      expect(detailCalls()).toBe(5);
      expect(first.canRerun).toBe(false);
    });

    it.each([
      ['revoked', () => devstack.gitlab.tokens.revoked, 'Token was revoked'],
      ['unknown', () => 'glpat-not-a-devstack-token', '401 Unauthorized'],
    ])(
      'says a %s token was refused, without the token',
      async (_, token, said) => {
        const res = unavailable(await gitlab(token()).runs(CHECKOUT, 1, 10));
        expect(res.reason).toBe('unauthorized');
        expect(res.message).toContain(said);
        expect(res.message).toContain('GITLAB_TOKEN');
        expect(JSON.stringify(res)).not.toContain(token());
      },
    );

    it('says so when the project does not exist', async () => {
      const res = unavailable(
        await gitlab(devstack.gitlab.tokens.write).runs(
          { ...CHECKOUT, slug: 'openchoreo-demo/nothing-here' },
          1,
          10,
        ),
      );
      expect(res.reason).toBe('not-found');
      expect(res.message).toContain('"openchoreo-demo/nothing-here"');
    });

    it('says GitLab is rate limiting', async () => {
      devstack.gitlab.setRateLimitExhausted(true);
      try {
        const res = unavailable(
          await gitlab(devstack.gitlab.tokens.write).runs(CHECKOUT, 1, 10),
        );
        expect(res.reason).toBe('rate-limited');
        expect(res.resetAt).toBeDefined();
      } finally {
        devstack.gitlab.setRateLimitExhausted(false);
      }
    });

    it('retries a failed pipeline with a Developer token, not with a Reporter one', async () => {
      const failed = ok(
        await gitlab(devstack.gitlab.tokens.readOnly).runs(CHECKOUT, 1, 10),
      ).runs.find(r => r.status === 'failed')!;
      await expect(
        gitlab(devstack.gitlab.tokens.readOnly).rerun(CHECKOUT, failed.id),
      ).rejects.toBeInstanceOf(NotAllowedError);
      const { run } = await gitlab(devstack.gitlab.tokens.write).rerun(
        CHECKOUT,
        failed.id,
      );
      expect(run).toMatchObject({ id: failed.id });
      expect(['queued', 'running']).toContain(run.status);
    });
  });

  it('refuses an annotation that is not a slug, saying what to enter', async () => {
    const res = unavailable(
      await github(devstack.github.tokens.write).runs(
        {
          ...STOREFRONT,
          slug: 'https://github.com/openchoreo/sample-workloads',
          invalid: 'is a URL; enter the repository as owner/repo',
        },
        1,
        10,
      ),
    );
    expect(res.reason).toBe('not-found');
    expect(res.message).toContain('Edit Annotations');
    expect(upstreamCalls('github', 'GET')).toBe(0);
  });
});
