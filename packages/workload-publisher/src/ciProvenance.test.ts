import { readWorkloadProvenance } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  BAD_PROVENANCE,
  CI_ENVIRONMENTS,
  GITHUB_ENV,
  JENKINS_ENV,
} from './__testUtils__/provenanceCases';
import { detectCiPlatform, readCiProvenance } from './ciProvenance';
import { ExitCode } from './errors';
import { main, PUBLISHER_NAME } from './main';

const NOW = new Date('2026-05-04T10:20:30.999Z');

async function dryRun(args: string[], env: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(
    [
      'publish',
      '--dry-run',
      '--project',
      'demo-project',
      '--component',
      'orders',
      '--image',
      'registry.example.com/orders:42',
      ...args,
    ],
    {
      env,
      stdout: line => stdout.push(line),
      stderr: line => stderr.push(line),
      now: () => NOW,
    },
  );
  return { code, stdout, error: stderr.join('\n') };
}

describe('the provenance of a publish, from the CI environment', () => {
  it('detects the CI from its standard variables', () => {
    expect(detectCiPlatform(JENKINS_ENV)).toBe('jenkins');
    expect(detectCiPlatform(GITHUB_ENV)).toBe('github-actions');
    expect(detectCiPlatform({ GITLAB_CI: 'true' })).toBe('gitlab-ci');
    expect(detectCiPlatform({ GITHUB_ACTIONS: 'false' })).toBeUndefined();
    expect(detectCiPlatform({})).toBeUndefined();
  });

  it.each(CI_ENVIRONMENTS)(
    '$name: the Workload carries its annotations',
    async ({ env, annotations }) => {
      const result = await dryRun([], env);
      expect(result.error).toBe('');
      expect(result.code).toBe(ExitCode.Ok);
      const workload = JSON.parse(result.stdout.join('\n'));
      expect(workload.metadata.annotations).toEqual({
        ...annotations,
        'ci.openchoreo-ci.dev/published-at': '2026-05-04T10:20:30Z',
        'ci.openchoreo-ci.dev/publisher': PUBLISHER_NAME,
      });
      // What the CLI writes, the portal reads back whole.
      expect(
        Object.keys(readWorkloadProvenance(workload.metadata.annotations)!),
      ).toHaveLength(Object.keys(annotations).length + 2);
    },
  );

  it('flags win over OPENCHOREO_* variables, which win over the CI variables', () => {
    const { provenance, problems } = readCiProvenance(
      {
        commit: 'FEEDBEEF',
        ref: 'hotfix',
        runUrl: 'https://ci.example.com/flag',
        platform: 'jenkins',
      },
      { ...JENKINS_ENV, OPENCHOREO_COMMIT: 'abcdef0', OPENCHOREO_REF: 'x' },
    );
    expect(problems).toEqual([]);
    expect(provenance).toEqual({
      platform: 'jenkins',
      pipeline: 'demo-project/orders',
      runNumber: '42',
      runUrl: 'https://ci.example.com/flag',
      commit: 'feedbeef',
      ref: 'hotfix',
    });
  });

  it('--ci-platform chooses whose variables are read', () => {
    const { provenance } = readCiProvenance(
      { platform: 'jenkins' },
      { ...GITHUB_ENV, ...JENKINS_ENV },
    );
    expect(provenance.platform).toBe('jenkins');
    expect(provenance.repository).toBeUndefined();
    expect(provenance.runNumber).toBe('42');
  });

  it('GitHub Actions: the first attempt links the run itself', () => {
    const { provenance } = readCiProvenance(
      {},
      { ...GITHUB_ENV, GITHUB_RUN_ATTEMPT: '1' },
    );
    expect(provenance.runUrl).toBe(
      'https://github.example.com/acme/orders/actions/runs/9876543210',
    );
  });

  it.each(BAD_PROVENANCE)(
    '$name: exit 2 naming the variable and the rule',
    async ({ env, message }) => {
      const result = await dryRun([], env);
      expect(result.code).toBe(ExitCode.BadInput);
      expect(result.error).toContain('Error: Cannot publish:');
      expect(result.error).toContain(message);
      expect(result.stdout).toEqual([]);
    },
  );

  it('a bad flag value names the flag', async () => {
    const result = await dryRun(
      // A link the portal must never render.
      // eslint-disable-next-line no-script-url
      ['--commit', 'xyz', '--ci-run-url', 'javascript:alert(1)'],
      {},
    );
    expect(result.code).toBe(ExitCode.BadInput);
    expect(result.error).toContain(
      '--commit "xyz" must be a commit SHA of 7 to 64 hex digits',
    );
    expect(result.error).toContain(
      '--ci-run-url "javascript:alert(1)" must be an http(s) URL',
    );
  });

  it('a CI variable that is wrong says how to override it', async () => {
    const result = await dryRun([], { ...JENKINS_ENV, GIT_COMMIT: 'nope' });
    expect(result.error).toContain(
      'GIT_COMMIT "nope" must be a commit SHA of 7 to 64 hex digits (set --commit or OPENCHOREO_COMMIT to override it)',
    );
  });
});
