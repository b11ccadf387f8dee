import type { Component, WorkflowRun } from '@openchoreo-ci/openchoreo-client';
import {
  toComponentInfo,
  toNamedResource,
  toWorkflowRunSummary,
  toWorkloadInfo,
} from './mappers';

function component(
  annotations: Record<string, string>,
  workflow?: { kind: 'Workflow' | 'ClusterWorkflow'; name: string },
): Component {
  return {
    metadata: { name: 'reading-list', annotations },
    spec: {
      owner: { projectName: 'library' },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      autoDeploy: true,
      ...(workflow ? { workflow } : {}),
    },
  };
}

const DOCKER = { kind: 'ClusterWorkflow', name: 'dockerfile-builder' } as const;

describe('toComponentInfo ci', () => {
  it('lets a Jenkins annotation win over the workflow, as the frontend does', () => {
    const info = toComponentInfo(
      'default',
      component({ 'jenkins.io/job-full-name': 'library/reading-list' }, DOCKER),
    );
    expect(info.ci).toEqual({ type: 'external', platform: 'jenkins' });
  });

  it('is built-in with a workflow and no External CI annotation', () => {
    expect(toComponentInfo('default', component({}, DOCKER)).ci).toEqual({
      type: 'built-in',
      workflow: DOCKER,
    });
  });

  it('is External CI without a platform when neither is set', () => {
    expect(toComponentInfo('default', component({ team: 'a' })).ci).toEqual({
      type: 'external',
    });
  });

  it('names GitHub Actions before GitLab CI', () => {
    const info = toComponentInfo(
      'default',
      component({
        'gitlab.com/project-slug': 'acme/reading-list',
        'github.com/project-slug': 'acme/reading-list',
      }),
    );
    expect(info.ci).toEqual({ type: 'external', platform: 'github-actions' });
  });
});

describe('toWorkloadInfo provenance', () => {
  const workload = (annotations?: Record<string, string>) =>
    toWorkloadInfo({
      metadata: { name: 'reading-list-workload', annotations },
      spec: {
        owner: { projectName: 'library', componentName: 'reading-list' },
        container: { image: 'registry.example.com/reading-list:42' },
      },
    });

  it('reads the CI run the publisher recorded, leaving out broken values', () => {
    expect(
      workload({
        'ci.openchoreo-ci.dev/platform': 'jenkins',
        'ci.openchoreo-ci.dev/pipeline': 'library/reading-list',
        'ci.openchoreo-ci.dev/run-number': '42',
        'ci.openchoreo-ci.dev/run-url': 'ftp://ci.example.com/builds/42',
        'ci.openchoreo-ci.dev/commit': 'ABC1234',
        'ci.openchoreo-ci.dev/ref': 'main',
        team: 'a',
      }).provenance,
    ).toEqual({
      platform: 'jenkins',
      pipeline: 'library/reading-list',
      runNumber: '42',
      commit: 'abc1234',
      ref: 'main',
    });
  });

  it('has none when nothing was recorded', () => {
    expect(workload({ team: 'a' })).not.toHaveProperty('provenance');
    expect(workload()).not.toHaveProperty('provenance');
  });
});

describe('toNamedResource', () => {
  it('takes the display name and description from the OpenChoreo annotations', () => {
    expect(
      toNamedResource({
        metadata: {
          name: 'dockerfile-builder',
          annotations: {
            'openchoreo.dev/display-name': 'Dockerfile builder',
            'openchoreo.dev/description': 'Builds the Dockerfile',
          },
        },
      }),
    ).toEqual({
      name: 'dockerfile-builder',
      displayName: 'Dockerfile builder',
      description: 'Builds the Dockerfile',
    });
  });
});

describe('toWorkflowRunSummary', () => {
  it('reads project and component from the labels and the image from the workload annotation', () => {
    const run: WorkflowRun = {
      metadata: {
        name: 'reading-list-run-1',
        labels: {
          'openchoreo.dev/project': 'library',
          'openchoreo.dev/component': 'reading-list',
        },
        annotations: {
          'openchoreo.dev/workload': JSON.stringify({
            spec: { container: { image: 'registry/reading-list:abc' } },
          }),
        },
      },
      spec: {
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
      },
    };
    expect(toWorkflowRunSummary('default', run)).toMatchObject({
      project: 'library',
      component: 'reading-list',
      workflow: DOCKER,
      image: 'registry/reading-list:abc',
      status: 'Pending',
    });
  });
});
