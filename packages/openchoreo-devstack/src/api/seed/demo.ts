import type { ResourceObject } from '../store';
import { API_VERSION } from '../validation';

/** Annotation naming the Jenkins job that builds an External CI component. */
export const JENKINS_JOB_ANNOTATION = 'jenkins.io/job-full-name';
/** Annotation naming the GitHub repository whose Actions build an External CI component. */
export const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';
/** Annotation naming the GitLab project whose pipelines build an External CI component. */
export const GITLAB_SLUG_ANNOTATION = 'gitlab.com/project-slug';

const NAMESPACE = 'default';

function resource(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  metadata: Partial<ResourceObject['metadata']> = {},
): ResourceObject {
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, namespace: NAMESPACE, ...metadata },
    spec,
  };
}

function project(name: string, displayName: string): ResourceObject {
  return resource(
    'Project',
    name,
    {
      deploymentPipelineRef: { kind: 'DeploymentPipeline', name: 'default' },
      type: { kind: 'ClusterProjectType', name: 'default' },
    },
    { annotations: { 'openchoreo.dev/display-name': displayName } },
  );
}

function component(
  name: string,
  projectName: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string>,
): ResourceObject {
  return resource(
    'Component',
    name,
    {
      owner: { projectName },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      autoDeploy: true,
      ...spec,
    },
    { labels: { 'openchoreo.dev/project': projectName }, annotations },
  );
}

function workload(
  componentName: string,
  projectName: string,
  image: string,
  port: number,
) {
  return resource('Workload', `${componentName}-workload`, {
    owner: { projectName, componentName },
    container: { image, env: [{ key: 'LOG_LEVEL', value: 'info' }] },
    endpoints: {
      http: { type: 'HTTP', port, visibility: ['external'], basePath: '/' },
    },
  });
}

const GREETER_PARAMETERS = {
  repository: {
    url: 'https://github.com/openchoreo/sample-workloads',
    secretRef: '',
    revision: { branch: 'main', commit: '' },
    appPath: '/service-go-greeter',
  },
  docker: {
    context: '/service-go-greeter',
    filePath: '/service-go-greeter/Dockerfile',
  },
  buildEnv: [],
  buildArgs: [],
};

const BUILD_TASKS = [
  'checkout-source',
  'build-image',
  'publish-image',
  'generate-workload-cr',
];

/** A finished run of the dockerfile-builder for greeting-service, `minutesAgo` before `now`. */
function finishedRun(
  now: Date,
  name: string,
  minutesAgo: number,
  commit: string,
  failedTask?: string,
): ResourceObject {
  const at = (offsetSeconds: number) =>
    new Date(
      now.getTime() - minutesAgo * 60_000 + offsetSeconds * 1000,
    ).toISOString();
  const failedIndex = failedTask ? BUILD_TASKS.indexOf(failedTask) : -1;
  const tasks = BUILD_TASKS.map((task, i) => {
    if (failedIndex >= 0 && i > failedIndex) {
      return { name: task, phase: 'Skipped' };
    }
    const phase = i === failedIndex ? 'Failed' : 'Succeeded';
    return {
      name: task,
      phase,
      startedAt: at(i * 40),
      completedAt: at(i * 40 + 35),
      ...(phase === 'Failed' ? { message: 'Error: exit status 1' } : {}),
    };
  });
  const end = at(
    (failedIndex >= 0 ? failedIndex : BUILD_TASKS.length - 1) * 40 + 36,
  );
  const outcome = failedTask ? 'WorkflowFailed' : 'WorkflowSucceeded';
  const image = `registry.openchoreo.localhost/default-demo-project-greeting-service:${commit}`;
  return {
    ...resource(
      'WorkflowRun',
      name,
      {
        workflow: {
          kind: 'ClusterWorkflow',
          name: 'dockerfile-builder',
          parameters: {
            ...GREETER_PARAMETERS,
            repository: {
              ...GREETER_PARAMETERS.repository,
              revision: { branch: 'main', commit },
            },
          },
        },
      },
      {
        labels: {
          'openchoreo.dev/project': 'demo-project',
          'openchoreo.dev/component': 'greeting-service',
        },
        annotations: failedTask
          ? {}
          : {
              'openchoreo.dev/workload': JSON.stringify(
                workload('greeting-service', 'demo-project', image, 9090),
              ),
            },
        creationTimestamp: at(-2),
      },
    ),
    status: {
      conditions: [
        {
          type: 'WorkflowRunning',
          status: 'False',
          lastTransitionTime: end,
          reason: 'WorkflowCompleted',
          message: 'Workflow has completed',
        },
        {
          type: outcome,
          status: 'True',
          lastTransitionTime: end,
          reason:
            outcome === 'WorkflowFailed'
              ? 'WorkflowFailed'
              : 'WorkflowSucceeded',
          message: failedTask
            ? `Step ${failedTask} failed`
            : 'Workflow has succeeded',
        },
        {
          type: 'WorkflowCompleted',
          status: 'True',
          lastTransitionTime: end,
          reason: 'WorkflowCompleted',
          message: 'Workflow has completed',
        },
      ],
      runReference: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        name,
        namespace: 'workflows-default',
      },
      tasks,
      startedAt: at(0),
      completedAt: end,
    },
  };
}

/**
 * Demo data on top of the getting-started resources: `demo-project` with a built-in CI component
 * (greeting-service, with a workload and past runs) and External CI components (Jenkins jobs
 * `demo-project/inventory-api` and `legacy-monolith`, a GitHub Actions and a GitLab CI one).
 */
export function demoResources(now: Date): ResourceObject[] {
  return [
    project('demo-project', 'Demo Project'),
    project('legacy-systems', 'Legacy Systems'),
    component(
      'greeting-service',
      'demo-project',
      {
        workflow: {
          kind: 'ClusterWorkflow',
          name: 'dockerfile-builder',
          parameters: GREETER_PARAMETERS,
        },
      },
      {
        'openchoreo.dev/display-name': 'Greeting Service',
        'openchoreo.dev/description':
          'Go greeter built by the built-in dockerfile-builder workflow',
      },
    ),
    workload(
      'greeting-service',
      'demo-project',
      'registry.openchoreo.localhost/default-demo-project-greeting-service:4f1c2a9',
      9090,
    ),
    finishedRun(
      now,
      'greeting-service-run-1a2b3c4d',
      180,
      '9d8e7f6',
      'build-image',
    ),
    finishedRun(now, 'greeting-service-run-5e6f7a8b', 90, '4f1c2a9'),
    component(
      'inventory-api',
      'demo-project',
      {},
      {
        'openchoreo.dev/display-name': 'Inventory API',
        'openchoreo.dev/description': 'Built by Jenkins (External CI)',
        [JENKINS_JOB_ANNOTATION]: 'demo-project/inventory-api',
      },
    ),
    workload(
      'inventory-api',
      'demo-project',
      'registry.example.com/inventory-api:41',
      8080,
    ),
    component(
      'storefront-web',
      'demo-project',
      {
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/web-application',
        },
      },
      {
        'openchoreo.dev/display-name': 'Storefront Web',
        'openchoreo.dev/description': 'Built by GitHub Actions (External CI)',
        [GITHUB_SLUG_ANNOTATION]: 'openchoreo/sample-workloads',
      },
    ),
    component(
      'checkout-api',
      'demo-project',
      {},
      {
        'openchoreo.dev/display-name': 'Checkout API',
        'openchoreo.dev/description': 'Built by GitLab CI (External CI)',
        // The GitLab emulator's seeded project (src/gitlab/seedProjects.ts).
        [GITLAB_SLUG_ANNOTATION]: 'openchoreo-demo/checkout-api',
      },
    ),
    component(
      'legacy-monolith',
      'legacy-systems',
      {},
      {
        'openchoreo.dev/display-name': 'Legacy Monolith',
        'openchoreo.dev/description':
          'Built by Jenkins (External CI); its pipeline uses the legacy workload route',
        [JENKINS_JOB_ANNOTATION]: 'legacy-monolith',
      },
    ),
  ];
}
