import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import openchoreoBackendPlugin from '@openchoreo-ci/plugin-openchoreo-backend';
import type { AddressInfo } from 'node:net';

/**
 * A quiet devstack on random ports (never the fixed 8080-8082 that others use); `timeScale`
 * speeds up its simulated builds and deployments (0.05: a 4 s rollout takes 200 ms).
 */
export function startTestDevstack(timeScale?: number): Promise<Devstack> {
  return startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale,
    logger: () => undefined,
  });
}

/** Creates the External CI component `name` of `project` in namespace default unless it exists. */
export function ensureComponent(
  devstack: Devstack,
  project: string,
  name: string,
  autoDeploy?: boolean,
): void {
  const store = devstack.api.store;
  if (store.get('Component', 'default', name)) return;
  store.create({
    apiVersion: 'openchoreo.dev/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'openchoreo.dev/project': project },
    },
    spec: {
      owner: { projectName: project },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      ...(autoDeploy === undefined ? {} : { autoDeploy }),
    },
  });
}

/** Forgets the requests a proxy saw and what it was told to inject. */
export function resetProxies(
  ...proxies: Array<{ requests: unknown[]; inject?: unknown }>
): void {
  for (const proxy of proxies) {
    proxy.requests.length = 0;
    proxy.inject = undefined;
  }
}

/** The portal's backend with only the OpenChoreo plugin, against the devstack (no status cache). */
export async function startPortalBackend(devstack: Devstack) {
  const backend = await startTestBackend({
    features: [
      openchoreoBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          openchoreo: {
            baseUrl: devstack.api.url,
            auth: {
              tokenUrl: devstack.idp.tokenUrl,
              ...devstack.idp.clients.portal,
            },
            cache: { statusTtlMs: 0 },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    /** GETs a path below `/api/openchoreo` as a signed-in user. */
    get: (path: string) =>
      fetch(`http://127.0.0.1:${port}/api/openchoreo${path}`, {
        headers: { authorization: mockCredentials.user.header() },
      }),
    stop: () => backend.stop(),
  };
}

/**
 * What someone configured on a published Workload in OpenChoreo (env, an endpoint, a label and a
 * team annotation) that an image-only publish must keep. Applies it to the stored Workload `name`
 * and returns the spec expected after the next publish of `nextImage`.
 */
export function configureWorkloadMeanwhile(
  devstack: Devstack,
  name: string,
  team: string,
  nextImage: string,
) {
  const store = devstack.api.store;
  const configured = store.get('Workload', 'default', name);
  if (!configured) throw new Error(`No Workload ${name} to configure`);
  const env = [{ key: 'LOG_LEVEL', value: 'debug' }];
  const endpoints = { http: { type: 'HTTP', port: 8080 } };
  const spec = configured.spec as { container?: object };
  configured.spec = {
    ...configured.spec,
    container: { ...spec.container, env },
    endpoints,
  };
  configured.metadata.labels = { team };
  configured.metadata.annotations = {
    ...configured.metadata.annotations,
    'team.example.com/owner': team,
  };
  store.replace(configured);
  return {
    spec: {
      ...configured.spec,
      container: { ...spec.container, image: nextImage, env },
    },
    labels: { team },
    annotations: { 'team.example.com/owner': team },
  };
}
