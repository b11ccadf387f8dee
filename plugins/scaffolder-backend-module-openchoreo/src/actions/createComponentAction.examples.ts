import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the portal's action documentation (`/create/actions`). */
export const examples: TemplateExample[] = [
  {
    description:
      'Create a service built by the built-in dockerfile-builder workflow',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'openchoreo:component:create',
          name: 'Create OpenChoreo component',
          input: {
            namespace: 'default',
            project: 'demo-project',
            name: 'orders-api',
            displayName: 'Orders API',
            description: 'Takes and tracks orders',
            componentType: {
              kind: 'ClusterComponentType',
              name: 'deployment/service',
            },
            source: {
              type: 'workflow',
              workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
              repository: {
                url: 'https://github.com/acme/orders-api',
                branch: 'main',
                appPath: '.',
              },
              parameters: {
                docker: { context: '.', filePath: './Dockerfile' },
              },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a component built by a Jenkins job (External CI): the job full name, not a /job/... path',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'openchoreo:component:create',
          name: 'Create OpenChoreo component',
          input: {
            namespace: 'default',
            project: 'demo-project',
            name: 'billing-service',
            componentType: {
              kind: 'ClusterComponentType',
              name: 'deployment/service',
            },
            source: {
              type: 'external-ci',
              platform: 'jenkins',
              identifier: 'payments/billing-service',
            },
          },
        },
      ],
    }),
  },
  {
    description: 'Create a component built by GitHub Actions',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'openchoreo:component:create',
          input: {
            namespace: 'default',
            project: 'demo-project',
            name: 'storefront',
            componentType: {
              kind: 'ClusterComponentType',
              name: 'deployment/web-application',
            },
            source: {
              type: 'external-ci',
              platform: 'github-actions',
              identifier: 'acme/storefront',
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a component whose External CI is chosen later (no annotation is written)',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'openchoreo:component:create',
          input: {
            namespace: 'default',
            project: 'demo-project',
            name: 'nightly-report',
            componentType: {
              kind: 'ClusterComponentType',
              name: 'cronjob/scheduled-task',
            },
            source: { type: 'external-ci', platform: 'none' },
          },
        },
      ],
    }),
  },
];
