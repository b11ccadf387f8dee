import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGettingStartedResources } from './gettingStarted';
import { seedResources } from '.';

describe('seed data', () => {
  it('reads the getting-started kinds from a samples file and skips the others', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samples-'));
    const file = path.join(dir, 'all.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: openchoreo.dev/v1alpha1\nkind: ClusterWorkflow\nmetadata: {name: wf}',
        'apiVersion: openchoreo.dev/v1alpha1\nkind: ClusterTrait\nmetadata: {name: t}',
        '',
      ].join('\n---\n'),
    );
    expect(
      loadGettingStartedResources(file).map(
        r => `${r.kind}/${r.metadata.name}`,
      ),
    ).toEqual(['ClusterWorkflow/wf']);
  });

  it('names the missing samples file and how to provide it', () => {
    expect(() => loadGettingStartedResources('/nonexistent/all.yaml')).toThrow(
      /\/nonexistent\/all\.yaml.*OPENCHOREO_SAMPLES_FILE/s,
    );
  });

  it('has the subset the portal needs', () => {
    const names = loadGettingStartedResources().map(
      r => `${r.kind}/${r.metadata.name}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'ClusterComponentType/service',
        'ClusterComponentType/web-application',
        'ClusterComponentType/worker',
        'ClusterComponentType/scheduled-task',
        'ClusterWorkflow/dockerfile-builder',
        'ClusterWorkflow/paketo-buildpacks-builder',
        'DeploymentPipeline/default',
        'Environment/development',
        'Project/default',
      ]),
    );
  });

  it('has built-in and External CI demo components', () => {
    const components = seedResources(new Date('2026-01-06T12:00:00Z')).filter(
      r => r.kind === 'Component',
    );
    const byName = Object.fromEntries(
      components.map(c => [c.metadata.name, c]),
    );
    expect(byName['greeting-service'].spec?.workflow).toMatchObject({
      name: 'dockerfile-builder',
    });
    expect(byName['inventory-api'].spec).not.toHaveProperty('workflow');
    expect(
      byName['inventory-api'].metadata.annotations?.[
        'jenkins.io/job-full-name'
      ],
    ).toBe('demo-project/inventory-api');
    expect(
      byName['legacy-monolith'].metadata.annotations?.[
        'jenkins.io/job-full-name'
      ],
    ).toBe('legacy-monolith');
    expect(
      byName['storefront-web'].metadata.annotations?.[
        'github.com/project-slug'
      ],
    ).toBeTruthy();
    expect(
      byName['checkout-api'].metadata.annotations?.['gitlab.com/project-slug'],
    ).toBe('openchoreo-demo/checkout-api');
  });
});
