import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { startTestDevstack } from './__testUtils__/devstack';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = resolve(__dirname, '..');

describe('yarn bundle: one self-contained file that runs the CLI', () => {
  let dir: string;
  let bundle: string;
  let devstack: Devstack;

  beforeAll(async () => {
    // Outside the repository: no node_modules anywhere above it.
    dir = mkdtempSync(join(tmpdir(), 'publisher-bundle-'));
    bundle = join(dir, 'openchoreo-publish-workload.cjs');
    await run(process.execPath, ['scripts/bundle.js', bundle], {
      cwd: PACKAGE_DIR,
    });
    devstack = await startTestDevstack();
  }, 60_000);

  afterAll(async () => {
    await devstack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one executable file', () => {
    expect(statSync(bundle).mode & 0o111).not.toBe(0);
    expect(statSync(bundle).size).toBeLessThan(1024 * 1024);
  });

  it('converts a descriptor (the yaml parser is inside)', async () => {
    copyFileSync(
      join(__dirname, '__fixtures__/seed-descriptor/workload.yaml'),
      join(dir, 'workload.yaml'),
    );
    copyFileSync(
      join(__dirname, '__fixtures__/seed-descriptor/openapi.yaml'),
      join(dir, 'openapi.yaml'),
    );
    const { stdout } = await run(
      process.execPath,
      [
        bundle,
        'publish',
        '--dry-run',
        '--project',
        'demo-project',
        '--component',
        'reading-list-service',
        '--image',
        'registry.example.com/reading-list:1',
        '--descriptor',
        'workload.yaml',
      ],
      { cwd: dir, env: { PATH: process.env.PATH } },
    );
    const workload = JSON.parse(stdout);
    expect(workload.spec.endpoints).toBeDefined();
    expect(
      workload.metadata.annotations['ci.openchoreo-ci.dev/publisher'],
    ).toBe('openchoreo-publish-workload/0.1.0');
  });

  it('publishes to the devstack with the provenance of a GitLab pipeline', async () => {
    const { stdout } = await run(
      process.execPath,
      [bundle, 'publish', '--image', 'registry.example.com/inventory:bundle'],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          OPENCHOREO_API_URL: devstack.api.url,
          OPENCHOREO_TOKEN_URL: devstack.idp.tokenUrl,
          OPENCHOREO_CLIENT_ID: devstack.idp.clients.workloadPublisher.clientId,
          OPENCHOREO_CLIENT_SECRET:
            devstack.idp.clients.workloadPublisher.clientSecret,
          OPENCHOREO_PROJECT: 'demo-project',
          OPENCHOREO_COMPONENT: 'inventory-api',
          GITLAB_CI: 'true',
          CI_PIPELINE_IID: '12',
          CI_PIPELINE_URL:
            'https://gitlab.example.com/acme/inventory/-/pipelines/99',
          CI_COMMIT_SHA: 'abcdef0123456789',
        },
      },
    );
    expect(stdout).toContain(
      'Published: updated workload inventory-api-workload in namespace default with image registry.example.com/inventory:bundle',
    );
    const workload = devstack.api.store.get(
      'Workload',
      'default',
      'inventory-api-workload',
    );
    expect(workload?.metadata.annotations).toMatchObject({
      'ci.openchoreo-ci.dev/platform': 'gitlab-ci',
      'ci.openchoreo-ci.dev/run-number': '12',
      'ci.openchoreo-ci.dev/run-url':
        'https://gitlab.example.com/acme/inventory/-/pipelines/99',
      'ci.openchoreo-ci.dev/commit': 'abcdef0123456789',
    });
  });
});
