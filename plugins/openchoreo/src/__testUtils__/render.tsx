import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JenkinsApi } from '@backstage-community/plugin-jenkins';
import type { OpenChoreoApi } from '../api';
import { openchoreoApiRef } from '../api';
import { buildsRouteRef } from '../routes';

/** An OpenChoreo API whose every method fails unless a test sets it. */
export function mockOpenChoreoApi(
  overrides: Partial<OpenChoreoApi> = {},
): jest.Mocked<OpenChoreoApi> {
  const notMocked = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} not mocked`);
    });
  return {
    getComponentSummary: notMocked('getComponentSummary'),
    // Everything allowed unless a test says otherwise.
    getComponentActions: jest.fn(async () => ({
      build: { allowed: true },
      cancel: { allowed: true },
      editAnnotations: { allowed: true },
      externalCiBuild: { allowed: true },
    })),
    listWorkflowRuns: notMocked('listWorkflowRuns'),
    triggerWorkflowRun: notMocked('triggerWorkflowRun'),
    getBuildOptions: notMocked('getBuildOptions'),
    searchBuildLogs: notMocked('searchBuildLogs'),
    rerunWorkflowRun: notMocked('rerunWorkflowRun'),
    cancelWorkflowRun: notMocked('cancelWorkflowRun'),
    getWorkflowRun: notMocked('getWorkflowRun'),
    getWorkflowRunLogs: notMocked('getWorkflowRunLogs'),
    getWorkflowRunEvents: notMocked('getWorkflowRunEvents'),
    getWorkload: notMocked('getWorkload'),
    getDeployments: notMocked('getDeployments'),
    getAnnotations: notMocked('getAnnotations'),
    updateAnnotations: notMocked('updateAnnotations'),
    getCiIntegrations: notMocked('getCiIntegrations'),
    getCiRuns: notMocked('getCiRuns'),
    rerunCiRun: notMocked('rerunCiRun'),
    listNamespaces: notMocked('listNamespaces'),
    listProjects: notMocked('listProjects'),
    listComponentTypes: notMocked('listComponentTypes'),
    listAllowedWorkflows: notMocked('listAllowedWorkflows'),
    getWorkflowSchema: notMocked('getWorkflowSchema'),
    ...overrides,
  } as jest.Mocked<OpenChoreoApi>;
}

/** A community Jenkins API that knows no jobs; tests check what it was asked. */
export function mockJenkinsApi(): jest.Mocked<JenkinsApi> {
  return {
    getProjects: jest.fn(async () => []),
    getBuild: jest.fn(),
    getJobBuilds: jest.fn(),
    retry: jest.fn(),
    getBuildConsoleText: jest.fn(),
  } as unknown as jest.Mocked<JenkinsApi>;
}

/** A catalog Component of OpenChoreo with extra annotations. */
export function makeEntity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'reading-list',
      namespace: 'default',
      annotations: {
        'openchoreo.io/namespace': 'default',
        'openchoreo.io/project': 'library',
        'openchoreo.io/component': 'reading-list',
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/** Renders an element on an entity page with the given API, permissions and extra APIs. */
export function renderOnEntity(
  element: JSX.Element,
  options: {
    entity: Entity;
    api: OpenChoreoApi;
    allow?: boolean;
    apis?: any[];
  },
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity}>{element}</EntityProvider>,
    {
      mountedRoutes: {
        '/catalog/default/component/reading-list/builds': buildsRouteRef,
      },
      apis: [
        [openchoreoApiRef, options.api],
        mockApis.permission({
          authorize:
            options.allow === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
        ...(options.apis ?? []),
      ],
    },
  );
}
